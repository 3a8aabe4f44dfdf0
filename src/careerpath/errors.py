"""The tool's own error types. No click here: the CLI maps these to exit codes in one place."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# C0 controls but tab and newline, DEL, C1 controls, and the line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """``text`` with control characters written as escapes (ESC as \\x1b): a name or key typed
    in a file must not move the cursor, retitle or clear the terminal it is printed on."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input: where (file, field path, line) and what."""

    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


class CareerPathError(Exception):
    """Base class: a message a person can act on."""

    exit_code = 1


class InputError(CareerPathError):
    """One or more problems in files the user gave us (or the catalogue)."""

    def __init__(self, problems: list[Problem]) -> None:
        # Sorted so "many errors in one file" come out in line order, file by file.
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, file: str | Path, message: str, field: str = "", line: int | None = None):
        return cls([Problem(str(file), line, field, message)])


class NotFoundError(CareerPathError):
    """An id (role, skill, roadmap, step) that the catalogue does not have."""


class OutputError(CareerPathError):
    """We refused to write, or could not write, an output file."""


class UsageError(CareerPathError):
    """The combination of options cannot work (exit 2, like click's bad options)."""

    exit_code = 2
