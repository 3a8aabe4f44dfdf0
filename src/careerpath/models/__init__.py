"""Every format careerpath reads or prints, in one place: ``inputs`` (the files it reads: the
catalogue's and the answers file), ``outputs`` (every JSON it prints) and ``registry`` (the
JSON Schema of each, by the name ``careerpath schema`` lists).

``from careerpath.models import X`` works for every name in ``inputs.__all__`` and
``outputs.__all__``, but lazily: the CLI reads the registry's names at start-up, and
``careerpath --help`` must not pay for importing pydantic.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names __getattr__ gives, with their types, for type checkers
    from careerpath.models.inputs import *  # noqa: F403
    from careerpath.models.outputs import *  # noqa: F403


def __getattr__(name: str) -> Any:
    # Every model and type is capitalised; other names (``registry``, which ``from
    # careerpath.models import registry`` asks for first, dunders) must not load pydantic.
    if not name[:1].isupper():
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # Inputs first: an input name never loads the output models (which import the inputs).
    for part in ("inputs", "outputs"):
        module = importlib.import_module(f"careerpath.models.{part}")
        if name in module.__all__:
            return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
