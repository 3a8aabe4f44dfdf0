"""Path parameters: what ``careerpath --help`` needs of the options (the root's ``--data-dir``),
apart from ``options`` so that printing the help loads nothing else of theirs."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from pathlib import Path


class PathParam(click.Path):
    """click.Path giving a ``pathlib.Path``, with pathlib imported when a value is converted,
    not when the commands are declared: ``careerpath --help`` never needs it (nor the
    urllib.parse and ipaddress it loads), and a class is what ``path_type`` takes."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        from pathlib import Path

        return Path(os.fsdecode(super().convert(value, param, ctx)))


# Path arguments and options: any path (a folder of answers, say), or a file.
PATH = PathParam()
FILE = PathParam(dir_okay=False)
