"""The tool's own error types. No click here: the CLI maps these to exit codes in one place."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import TYPE_CHECKING, Self

if TYPE_CHECKING:
    from pathlib import Path

# ZERO WIDTH NON-JOINER and JOINER are format characters too, but they only shape the letters
# around them (Persian and Indic names, emoji sequences) and cannot reorder or hide text.
_SHAPING = frozenset("\u200c\u200d")


def _unsafe(char: str) -> bool:
    """A character that must not reach a terminal raw: controls (C0, DEL, C1; ESC starts CSI
    and OSC sequences, 0x9b is CSI on its own), format characters (the bidi overrides and
    isolates, LRM/RLM/ALM, zero-width and tag characters), line and paragraph separators,
    and lone surrogates (an undecodable file name), which cannot even be encoded."""
    import unicodedata  # here: `careerpath --help` prints no file's text

    category = unicodedata.category(char)
    if category == "Cf":
        return char not in _SHAPING
    return category in ("Cc", "Zl", "Zp", "Cs")


# What could be unsafe: anything but printable ASCII. Whether it is, is _unsafe's to say, from
# the running Python's Unicode tables (a hand-written list of format characters goes stale).
_CANDIDATE = re.compile(r"[^\x20-\x7e]")


def _escape(char: str) -> str:
    return repr(char)[1:-1]  # \x1b, \x9b, \u202e, \U000e0041: visible and unambiguous


def _json_escape(char: str) -> str:
    code = ord(char)
    if code > 0xFFFF:  # JSON writes these as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def printable(text: str, *, lines: bool = False, json: bool = False) -> str:
    """``text`` made safe to print on a terminal: every unsafe character (see ``_unsafe``) is
    written as a visible escape (ESC as \\x1b, RIGHT-TO-LEFT OVERRIDE as \\u202e), so that a
    name, key or file name typed in a file can neither move the cursor, retitle or clear the
    terminal nor make text read in a different order than it is stored.

    One line by default (a newline in a name is shown as \\n, so it cannot fake a line of
    output); ``lines=True`` keeps newlines, for a whole block of output. ``json=True`` is for
    JSON text: the escapes are JSON's own (\\u001b), so the data parses to the same values.
    """
    escape = _json_escape if json else _escape
    keep_newline = lines or json  # in JSON text a raw newline is layout, never inside a string

    def one(match: re.Match[str]) -> str:
        char = match.group()
        if (char == "\n" and keep_newline) or not _unsafe(char):
            return char
        return escape(char)

    return _CANDIDATE.sub(one, text)


@dataclass(frozen=True)
class Option:
    """A setting named in an error message, by the library's name for it (``force``,
    ``target``, ``hours_per_week``): the library does not know how its caller spells it. The
    command line shows it as its flag (``--force``); ``str()`` gives the library's name."""

    name: str

    def __str__(self) -> str:
        return self.name


def sentence(template: str, **values: object) -> tuple[str | Option, ...]:
    """A whole (translated) sentence as a message's parts: ``{name}`` placeholders are filled
    in, except those whose value is an :class:`Option` (or a tuple of parts, such a phrase),
    which stay parts for ``worded``:
    ``UsageError(*sentence(_("{option} must be more than 0"), option=Option("hours")))``."""
    import string  # here: only an error needs it, and `careerpath --help` makes none

    parts: list[str | Option] = []
    for text, name, spec, conversion in string.Formatter().parse(template):
        if text:
            parts.append(text)
        if name is None:
            continue
        value = values[name]
        if isinstance(value, Option):
            parts.append(value)
        elif isinstance(value, tuple):  # parts already (a phrase that names an option)
            parts.extend(value)
        else:
            parts.append(
                ("{0" + (f"!{conversion}" if conversion else "") + f":{spec}}}").format(value)
            )
    return tuple(parts)


def _spelt(parts: tuple[object, ...], spell: Callable[[str], str]) -> str:
    return "".join(spell(p.name) if isinstance(p, Option) else str(p) for p in parts)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one input: where (file, field path, line) and what. ``parts``:
    the message with the settings it names as :class:`Option` (``message`` spells them by
    their library names), for ``worded``."""

    file: str
    line: int | None
    field: str
    message: str
    parts: tuple[str | Option, ...] = dataclass_field(default=(), compare=False, repr=False)

    def worded(self, spell: Callable[[str], str] = str) -> str:
        if not self.parts:
            return str(self)
        where = str(self).removesuffix(printable(self.message))
        return where + printable(_spelt(self.parts, spell))

    def __str__(self) -> str:
        # One line whatever the file name, key or value quoted: a newline in them must not
        # read as a second problem, nor a control character reach the terminal.
        where = printable(self.file)
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f": {printable(self.field)}"
        return f"{where}: {printable(self.message)}"


class CareerPathError(Exception):
    """Base class: a message a person can act on.

    The message is text with :class:`Option` parts where it names a setting that would fix
    it: ``OutputError(f"{path}: already exists; use ", Option("force"), " to overwrite it")``.
    ``worded(spell)`` is the message with each option spelt by ``spell`` (the CLI: as its
    flag); ``str()`` spells them by their library names.
    """

    def __init__(self, *parts: str | Option) -> None:
        super().__init__(*parts)

    def worded(self, spell: Callable[[str], str] = str) -> str:
        return _spelt(self.args, spell)

    def __str__(self) -> str:
        return self.worded()


class InputError(CareerPathError):
    """One or more problems in files the user gave us (or the catalogue)."""

    def __init__(self, problems: list[Problem]) -> None:
        # Sorted so "many errors in one file" come out in line order, file by file.
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.field, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[InputError], tuple[list[Problem]]]:
        # Pickled whole (from a Dask worker), not from the message.
        return (type(self), (self.problems,))

    def worded(self, spell: Callable[[str], str] = str) -> str:
        return "\n".join(p.worded(spell) for p in self.problems)

    @classmethod
    def single(
        cls,
        file: str | Path,
        message: str | tuple[str | Option, ...],
        field: str = "",
        line: int | None = None,
    ) -> Self:
        """One problem; ``message`` may be parts naming settings (see CareerPathError)."""
        parts = message if isinstance(message, tuple) else ()
        text = _spelt(parts, str) if parts else str(message)
        return cls([Problem(str(file), line, field, text, parts)])


class EmptyDocument(InputError):
    """A file with nothing in it: no bytes, or only blank lines and comments. Alone it is an
    error; among many people's files (cohort, team, report --batch) it is one more blank
    template, left out like one."""


class NotFoundError(CareerPathError):
    """An id (role, skill, roadmap, step) that the catalogue does not have."""


class OutputError(CareerPathError):
    """We refused to write, or could not write, an output file."""


class CatalogMismatch(CareerPathError):
    """Two answers files given against different catalogue versions: their levels may not
    mean the same, so they are not compared."""


class DifferentPeople(CareerPathError):
    """Two answers files of different people given to a comparison of one person's."""


class UsageError(CareerPathError):
    """The combination of options cannot work (the CLI exits 2, like click's bad options;
    every other error exits 1)."""


class NothingToPlan(UsageError):
    """The person already meets every skill of the target: a plan would have no step."""
