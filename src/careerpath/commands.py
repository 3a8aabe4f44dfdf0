"""The careerpath commands the tool suggests running next ("Next: careerpath plan --answers
a.yaml", "Resume with: ...", "see `careerpath roles`"): every one built by :func:`next_command`, so
that each repeats the ``--data-dir`` and ``--lang`` the user gave this run. A command printed
under ``--data-dir D --lang pt-BR`` then runs on the same catalogue and speaks the same
language; without them it would list other roles, or plan other steps, in English.

Light imports only: the messages of the library modules use it, and ``careerpath --help``
loads none of them."""

from __future__ import annotations

import contextlib
import os
import shlex
from collections.abc import Iterator, Sequence
from contextvars import ContextVar

# The root options of this run that a suggested command repeats (``--data-dir D``,
# ``--lang pt-BR``): set by the command line (``repeating``), empty for a library caller.
_REPEATED: ContextVar[tuple[str, ...]] = ContextVar("careerpath_repeated_root", default=())


@contextlib.contextmanager
def repeating(options: Sequence[str]) -> Iterator[None]:
    """While this lasts, every :func:`next_command` starts with ``options`` (after
    ``careerpath``): the run's own, as the user gave them."""
    token = _REPEATED.set(tuple(options))
    try:
        yield
    finally:
        _REPEATED.reset(token)


def repeated() -> tuple[str, ...]:
    """The options :func:`repeating` holds now: for a worker process to repeat them too."""
    return _REPEATED.get()


def run_options(data_dir: str | os.PathLike[str] | None, lang: str | None) -> list[str]:
    """The options a suggested command repeats: the ``data_dir`` and ``lang`` given on the
    command line (None: not given, so the command finds them where this run did)."""
    out = ["--data-dir", os.fspath(data_dir)] if data_dir is not None else []
    return out + (["--lang", lang] if lang else [])


def next_command(*words: str | os.PathLike[str]) -> str:
    """``careerpath WORDS...`` as a shell reads it, with this run's ``--data-dir`` and
    ``--lang`` (:func:`repeating`) after ``careerpath``: each word quoted if it must be (a
    path with spaces), a placeholder (FILE, ID) left as it is."""
    return shlex.join(["careerpath", *_REPEATED.get(), *(os.fspath(w) for w in words)])
