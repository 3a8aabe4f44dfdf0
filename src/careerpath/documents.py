"""Reading YAML and JSON files safely, with the line of every field, into pydantic models.

Everything a user or an organisation hands us goes through here, so this module refuses what
could hurt (aliases that explode, Python tags, endless nesting, huge files, FIFOs and devices)
and remembers where each field came from, so that a message can say ``file:line: field``.
"""

from __future__ import annotations

import difflib
import io
import json
import os
import re
import stat
import typing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from careerpath.errors import EmptyDocument, InputError, Problem
from careerpath.i18n import N_, _, format_fixed, format_number, ngettext

MAX_BYTES = 5 * 1024 * 1024  # far above any honest answers file or catalogue entry
MAX_DEPTH = 40  # our formats nest 6 levels at most
MAX_KEYS = 5000  # per mapping: a catalogue has under 100 skills, an answers file lists them

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

# The tags a plain YAML document resolves to; anything else (!!python/object, !!binary,
# custom tags) is refused rather than constructed.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}
_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_KIND_TAGS: dict[type[yaml.Node], str] = {yaml.MappingNode: _MAP, yaml.SequenceNode: _SEQ}
# `!!str [1]` or `!!seq {}`, by the shape of the value.
_MISTAGGED = {
    _MAP: N_("a mapping cannot be tagged !!{tag}"),
    _SEQ: N_("a list cannot be tagged !!{tag}"),
    _STR: N_("a single value cannot be tagged !!{tag}"),
}


@dataclass
class Document:
    """Parsed data plus the 1-based line of every field path (where the format tells us)."""

    name: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Iterable[str | int]) -> int | None:
        """The line of ``loc``, or of its nearest parent that we know."""
        loc = tuple(loc)
        while True:
            if loc in self.lines:
                return self.lines[loc]
            if not loc:
                return None
            loc = loc[:-1]

    def problem(self, loc: Iterable[str | int], message: str) -> Problem:
        loc = tuple(loc)
        return Problem(self.name, self.line_of(loc), format_loc(loc), message)


def format_loc(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


# --- reading bytes -------------------------------------------------------------------------


def read_text(path: str | os.PathLike[str], name: str | None = None) -> str:
    """Read a regular, reasonably small UTF-8 file (a BOM is accepted), or raise InputError."""
    name = name or str(path)
    return decode(read_bytes(path, name), name)


def read_bytes(
    path: str | os.PathLike[str], name: str | None = None, max_bytes: int = MAX_BYTES
) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``, or InputError. The size is
    checked on stat() first, so an oversized file is refused without reading any of it."""
    path = Path(path)
    shown = name or str(path)

    def fail(message: str) -> InputError:
        return InputError.single(shown, message)

    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise fail(_("file not found")) from None
    except OSError as exc:
        raise fail(cannot_read(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        raise fail(_("is a directory, not a file"))
    if not stat.S_ISREG(st.st_mode):
        # FIFOs, sockets and devices such as /dev/zero would block or never end.
        raise fail(_("is not a regular file (a pipe, socket or device); give a file path"))
    limit = format_number(max_bytes / 2**20)
    if st.st_size > max_bytes:
        size = format_fixed(st.st_size / 1e6, 1, grouping=False)
        raise fail(
            _("is too large ({size} MB; the limit is {limit} MB)").format(size=size, limit=limit)
        )
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except OSError as exc:
        raise fail(cannot_read(exc)) from None
    if len(raw) > max_bytes:  # it grew after stat()
        raise fail(_("is too large (the limit is {limit} MB)").format(limit=limit))
    return raw


def cannot_read(exc: OSError) -> str:
    """Why a file could not be read, with the system's reason (in the system's words)."""
    return _("cannot read: {reason}").format(reason=exc.strerror)


def decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if _utf16(raw):
        # Windows editors save "Unicode" as UTF-16: NULs every other byte, not binary.
        raise InputError.single(name, _("saved as UTF-16: save it as UTF-8"))
    nul = raw.find(b"\x00")
    if nul >= 0:
        line = raw.count(b"\n", 0, nul) + 1
        raise InputError.single(name, _("contains a NUL byte; is this a text file?"), line=line)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        bad = raw[exc.start : exc.start + 1].hex()
        raise InputError.single(
            name,
            _("is not UTF-8 text (byte 0x{byte}); save it as UTF-8").format(byte=bad),
            line=line,
        ) from None


def _utf16(raw: bytes) -> bool:
    """Whether ``raw`` is UTF-16 text: its byte order mark, or (without one) a NUL in every
    other byte of its start, as ASCII text has in UTF-16."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = raw[:200]
    if len(head) < 4 or len(head) % 2:
        return False
    return head[1::2].count(0) == len(head) // 2 or head[0::2].count(0) == len(head) // 2


# --- parsing -------------------------------------------------------------------------------


def too_deep() -> str:
    return _("nested more than {depth} levels deep").format(depth=MAX_DEPTH)


def too_many_keys() -> str:
    message = _("a mapping with more than {count} keys; no careerpath file needs that")
    return message.format(count=format_fixed(MAX_KEYS))


class _Refused(Exception):
    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = message
        self.line = mark.line + 1 if mark is not None else None


try:
    from yaml._yaml import CParser as _CParser  # libyaml, when PyYAML was built with it

    _LIBYAML = True
except ImportError:  # pragma: no cover - a pure-Python PyYAML
    _LIBYAML = False

if _LIBYAML:

    class _SafeBase(Composer, _CParser, SafeConstructor, Resolver):
        """libyaml's parser under PyYAML's Python composer: the checks in _Loader still see
        every event, and the whole catalogue (read by every command) parses ~8x faster."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

else:  # pragma: no cover
    # Another base for the same loader; mypy takes the class above as _SafeBase's one type.
    _SafeBase = yaml.SafeLoader  # type: ignore[assignment,misc]


class _Loader(_SafeBase):
    """A safe loader that refuses anchors/aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._entries: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        mark = None if event is None else event.start_mark
        if isinstance(parent, yaml.MappingNode):
            # Keys and values both arrive here: refuse a huge mapping while composing, before
            # hundreds of thousands of nodes cost seconds and memory.
            seen = self._entries[id(parent)] = self._entries.get(id(parent), 0) + 1
            if seen > 2 * MAX_KEYS:
                raise _Refused(too_many_keys(), mark)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                _("YAML anchors and aliases (& and *) are not allowed; write the value out"),
                mark,
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Refused(too_deep(), mark)
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# YAML 1.1 reads yes/no/on/off as booleans, so `name: NO` would arrive as False and
# `essential: no` would slip past the strict models. As in YAML 1.2, only true/false are
# booleans here; the rest stay text, which the models then accept or refuse for what it is.
_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

# Numbers likewise: YAML 1.1 reads 0x3, 0b11, +3 and 1_0 as 3, 3, 3 and 10, 010 as octal 8 and
# 1:30 as 90, so a typo becomes a plausible level or weekly hours. Only plain decimals are
# numbers here; any other form stays text, which the strict models refuse as written.
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT)]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_INT, re.compile(r"^-?(?:0|[1-9][0-9]*)$"), list("-0123456789"))
_Loader.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)


# What a plain scalar means here, for writers that must quote what would not read back as text.
IMPLICIT_RESOLVERS = _Loader.yaml_implicit_resolvers


def _build(loader: _Loader, node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> Any:
    # setdefault: a mapping value keeps its key's line (set below), not the line where a
    # nested block starts, so messages and "first at line N" point at the key.
    lines.setdefault(loc, node.start_mark.line + 1)
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(
            _("YAML tag {tag} is not allowed").format(tag=repr(node.tag)), node.start_mark
        )
    kind = _KIND_TAGS.get(type(node))
    if (node.tag in _KIND_TAGS.values() or kind is not None) and node.tag != kind:
        # `!!str [1]` or `!!seq {}`: a tag that contradicts the value's shape.
        message = _MISTAGGED.get(kind or "", _MISTAGGED[_STR])
        raise _Refused(_(message).format(tag=node.tag.rsplit(":", 1)[-1]), node.start_mark)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode) or knode.tag not in _PLAIN_TAGS:
                raise _Refused(_("mapping keys must be plain text"), knode.start_mark)
            # Keys are names: keep their text ("NO", "1.10" stay as typed, not False / 1.1).
            key = knode.value
            if key == "<<":
                raise _Refused(_("YAML merge keys (<<) are not allowed"), knode.start_mark)
            if key in out:
                raise _Refused(
                    _("duplicate key {key} (first at line {line})").format(
                        key=repr(key), line=lines[(*loc, key)]
                    ),
                    knode.start_mark,
                )
            lines[(*loc, key)] = knode.start_mark.line + 1
            out[key] = _build(loader, vnode, (*loc, key), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, (*loc, i), lines) for i, item in enumerate(node.value)]
    if node.tag == _STR:
        return node.value  # what PyYAML's str constructor gives, without its dispatch
    if _implicit_tag(loader, node.value) != node.tag:
        # An explicit tag on text that is not of that type (`!!int`, `!!float .`, `!!bool yes`)
        # would reach PyYAML's constructors, which crash or guess on such text.
        kind = node.tag.rsplit(":", 1)[-1]
        message = _("{value} is not a valid !!{kind} value")
        raise _Refused(message.format(value=f"{node.value!r:.40}", kind=kind), node.start_mark)
    try:
        if node.tag == _INT:
            # The resolver admits plain decimals only (-?digits), which PyYAML's int
            # constructor reads as this: the levels of an answers file, without its dispatch.
            digits = node.value.removeprefix("-")
            return -int(digits) if len(digits) < len(node.value) else int(digits)
        return loader.construct_object(node, deep=True)
    except Exception as exc:  # any constructor failure is a problem of the file, not a crash
        if node.tag.endswith(":timestamp"):
            # An impossible date (2027-02-30) stays text: the model then names the field,
            # and the file's other problems are still reported.
            return node.value
        message = _("cannot read value {value}: {reason}")
        raise _Refused(
            message.format(value=f"{node.value!r:.40}", reason=exc), node.start_mark
        ) from None


# A plain scalar's tag, by its text: the same few values (levels 0-4, true, null) recur
# thousands of times in a cohort's files. Bounded, so hostile files cannot grow it.
_IMPLICIT_TAGS: dict[str, str] = {}
_IMPLICIT_TAGS_KEPT = 256


def _implicit_tag(loader: _Loader, value: str) -> str:
    tag = _IMPLICIT_TAGS.get(value)
    if tag is None:
        tag = loader.resolve(yaml.ScalarNode, value, (True, False))
        if len(_IMPLICIT_TAGS) < _IMPLICIT_TAGS_KEPT:
            _IMPLICIT_TAGS[value] = tag
    return tag


def parse_yaml(text: str, name: str) -> Document:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise EmptyDocument.single(name, _("is empty"))
        lines: dict[Loc, int] = {}
        data = _build(loader, node, (), lines)
    except _Refused as exc:
        raise InputError.single(name, exc.message, line=exc.line) from None
    except (yaml.YAMLError, RecursionError) as exc:
        # Parsers scan ahead of the composer, and each PyYAML release and parser (libyaml or
        # Python) may refuse deep nesting first, in its own words; our depth rule and message
        # decide whenever the text nests too deeply, whichever refused it.
        deep = _too_deep(text)
        if deep is not None:
            raise InputError.single(name, too_deep(), line=deep) from None
        if isinstance(exc, RecursionError):
            raise InputError.single(name, _("nested too deeply")) from None
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        hint = _syntax_hint(text, mark.line + 1 if mark else None)
        if hint is not None:
            raise InputError.single(name, hint[1], line=hint[0]) from None
        line, what = _plain_yaml_error(exc, text) or (
            mark.line + 1 if mark else None,
            # PyYAML's own words, for the rarer errors: English in every language.
            getattr(exc, "problem", None) or getattr(exc, "context", None) or exc,
        )
        raise InputError.single(
            name, _("invalid YAML: {problem}").format(problem=what), line=line
        ) from None
    finally:
        loader.dispose()
    return Document(name, data, lines)


def yaml_nodes(text: str) -> tuple[yaml.Node, Callable[[yaml.Node], Any]] | None:
    """The node tree of a YAML document, with the marks where each node is written, and the
    function giving a node's value as :func:`parse_yaml` reads it (for code that edits the
    text itself, keeping what a person wrote around the values); None for text that
    :func:`parse_yaml` refuses or that holds no document."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _build(loader, node, (), {})  # refuses what parse_yaml refuses
    except (_Refused, yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    return node, lambda part: _build(loader, part, (), {})


# `  python:2`: a key, a colon and a value with no space between, which YAML reads as one text.
_NO_SPACE = re.compile(r"^\s*(?:- )?([A-Za-z_][\w .+#/-]*?):([^\s:/][^\n]*)$")


def no_space_after_colon(text: str) -> str | None:
    """The fix for a ``key:value`` written without the space YAML needs, or None: what to
    say about it."""
    found = _NO_SPACE.match(text)
    if found is None:
        return None
    key, value = found.group(1).strip(), found.group(2).strip()
    message = _("a space is needed after the colon: write {fixed}, not {written}")
    return message.format(fixed=f"'{key}: {value}'", written=f"'{text.strip()}'")


# A `key: value` line (or `key:` alone) of a block mapping, and a line with no colon at all.
_KEY_LINE = re.compile(r"^( *)[^\s#\-\[{|>][^\n]*?:(?:\s|$)")
_NO_COLON = re.compile(r"^( *)([^\s#\-\[{|>:][^:\n]*)$")
_COMMENT = re.compile(r"\s#")
# `python 3`: a key and a level (a number) with the colon left out between them.
_KEY_AND_VALUE = re.compile(r"^(.*?\S)\s+(\d+(?:\.\d+)?)$")


def missing_colon(text: str) -> str | None:
    """What to say about a line with no colon, standing where a ``key: value`` line belongs."""
    found = _NO_COLON.match(text)
    if found is None:
        return None
    written = _COMMENT.split(found.group(2), maxsplit=1)[0].strip()
    pair = _KEY_AND_VALUE.match(written)
    if pair is None:
        message = _("is a ':' missing after {written}? each line here is written key: value")
        return message.format(written=f"'{written}'")
    message = _("is a ':' missing? write {fixed}, not {written}")
    return message.format(fixed=f"'{pair.group(1)}: {pair.group(2)}'", written=f"'{written}'")


def _missing_colon_line(lines: list[str], last: int) -> tuple[int, str] | None:
    """The nearest line up to ``last`` (1-based) that has no colon but is indented like a
    ``key:`` line next to it in the same mapping: there YAML reads it as the start of a
    longer text, and notices only on a later line. Continuation lines of a text are
    indented deeper than its key, so they never count."""
    content = [
        (number, row)
        for number, row in enumerate(lines, start=1)
        if row.strip() and not row.lstrip().startswith("#")
    ]
    for at in range(len(content) - 1, -1, -1):
        number, row = content[at]
        found = _NO_COLON.match(row) if number <= last else None
        if found is None:
            continue
        indent = len(found.group(1))
        for _number, other in content[max(at - 1, 0) : at] + content[at + 1 : at + 2]:
            key = _KEY_LINE.match(other)
            if key is not None and len(key.group(1)) == indent:
                hint = missing_colon(row)
                return None if hint is None else (number, hint)
    return None


def _syntax_hint(text: str, line: int | None) -> tuple[int, str] | None:
    """(line, what to say) for the common mistakes behind a YAML syntax error: a tab in the
    indentation, a colon with no space after it, a colon left out. The first such line up
    to the error's (the parser often notices a line or two later), else None."""
    lines = text.splitlines()
    last = len(lines) if line is None else min(line, len(lines))
    for number, row in enumerate(lines[:last], start=1):
        indent = row[: len(row) - len(row.lstrip())]
        if "\t" in indent and row.strip():
            return number, _("YAML does not allow tabs for indentation: use spaces")
    for number, row in enumerate(lines[:last], start=1):
        if not row.lstrip().startswith("#"):
            hint = no_space_after_colon(row)
            if hint is not None:
                return number, hint
    return _missing_colon_line(lines, last)


def _plain_yaml_error(exc: yaml.YAMLError, text: str) -> tuple[int | None, str] | None:
    """(line, what to check) for the syntax errors PyYAML most often reports, in plain words
    and at the line where the problem starts (for an unclosed quote or bracket, where it
    opened, not where the parser gave up); None for the rarer ones. The same for libyaml's
    words and PyYAML's Python parser's."""
    context = str(getattr(exc, "context", None) or "")
    problem = str(getattr(exc, "problem", None) or "")
    opened = getattr(exc, "context_mark", None)
    found = getattr(exc, "problem_mark", None)

    def line(mark: Any) -> int | None:
        return None if mark is None else int(mark.line) + 1

    if "quoted scalar" in context and "end of stream" in problem:
        quote = repr(_char_at(text, opened) or '"')
        message = _("the quote {quote} opened on this line is never closed: add the closing one")
        return line(opened), message.format(quote=quote)
    if "unknown escape" in problem:
        message = _(
            "a backslash in double quotes starts an escape YAML does not know: write {escaped} "
            "for a backslash, or use single quotes"
        )
        return line(found), message.format(escaped="\\\\")
    if problem.startswith("mapping values are not allowed"):
        return line(found), _(
            "unexpected 'key: value' here: check that this line is indented like the lines "
            "above it, or put quotes around a value that holds ': '"
        )
    if "flow" in context and _at_end(text, found):  # the text ends inside brackets
        opened = _unclosed_bracket(text) or opened
        sequence = _char_at(text, opened) == "["
        context = "flow sequence" if sequence else "flow mapping"
        problem = "',' or ']'" if sequence else "',' or '}'"
    if "flow sequence" in context and "',' or ']'" in problem:
        return line(opened), _(
            "the list opened with '[' on this line is not closed: check for a missing ']', "
            "or a missing ',' between its items"
        )
    if "flow mapping" in context and "',' or '}'" in problem:
        message = _(
            "the mapping opened with {open} on this line is not closed: check for a missing "
            "{close}, or a missing ',' between its items"
        )
        return line(opened), message.format(open="'{'", close="'}'")
    if "cannot start any token" in problem:
        message = _("a value cannot start with {char}: put the value in quotes")
        return line(found), message.format(char=repr(_char_at(text, found) or "?"))
    if "block collection" in context:
        return line(found), _(
            "this line is inside a list but is not one of its items: check its indentation, "
            "or start it with '- '"
        )
    if "block mapping" in context:
        return line(found), _(
            "this line does not fit the lines above it: check its indentation, and that "
            "nothing follows a closing quote or bracket"
        )
    return None


def _unclosed_bracket(text: str) -> yaml.Mark | None:
    """Where the innermost flow bracket still open at the end of ``text`` opened, or None."""
    opened: list[int] = []
    for token in _YAML_TOKENS.finditer(text):
        if token.lastgroup == "open":
            opened.append(token.start())
        elif token.lastgroup == "close" and opened:
            opened.pop()
    if not opened:
        return None
    start = opened[-1]
    line = text.count("\n", 0, start)
    column = start - (text.rfind("\n", 0, start) + 1)
    return yaml.Mark("", start, line, column, text, start)


def _at_end(text: str, mark: Any) -> bool:
    """Whether a PyYAML mark points past the last thing written in ``text``."""
    if mark is None:
        return False
    lines = text.splitlines()
    rest = [lines[mark.line][mark.column :]] if mark.line < len(lines) else []
    return not "".join(rest + lines[mark.line + 1 :]).strip()


def _char_at(text: str, mark: Any) -> str | None:
    """The character a PyYAML mark points at, if any."""
    if mark is None:
        return None
    lines = text.splitlines()
    line, column = int(mark.line), int(mark.column)
    if line >= len(lines) or column >= len(lines[line]):
        return None
    return lines[line][column]


_YAML_TOKENS = re.compile(
    r"""(?P<dq>(?:^|(?<=[\s\[{,:]))"(?:[^"\\]|\\.)*"?)"""
    r"""|(?P<sq>(?:^|(?<=[\s\[{,:]))'(?:[^']|'')*'?)"""
    r"|(?P<comment>(?:^|(?<=\s))\#[^\n]*)"
    r"|(?P<open>[\[{])|(?P<close>[\]}])",
    re.MULTILINE,
)


def _too_deep(text: str) -> int | None:
    """The line where flow brackets first nest more than MAX_DEPTH deep, or None.

    A plain scan (quoted text and comments skipped), used once a parser has already refused
    the text, to tell deep nesting from other errors the same way on every PyYAML release."""
    depth = 0
    for token in _YAML_TOKENS.finditer(text):
        if token.lastgroup == "open":
            depth += 1
            if depth > MAX_DEPTH:
                return text.count("\n", 0, token.start()) + 1
        elif token.lastgroup == "close":
            depth = max(depth - 1, 0)
    return None


def _no_duplicates(name: str) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if len(pairs) > MAX_KEYS:
            raise InputError.single(name, too_many_keys())
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise InputError.single(name, _("duplicate key {key}").format(key=repr(key)))
            out[key] = value
        return out

    return hook


def _depth(data: Any, limit: int) -> bool:
    """True if ``data`` nests deeper than ``limit`` (iterative: no recursion to blow)."""
    stack = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[][{}]')


def _json_constant(value: str) -> Any:
    raise ValueError(_("{value} is not a number JSON allows").format(value=value))


# The json module's words for the faults it finds, as plain sentences in the user's language
# ("Expecting value" said nothing to a pt-BR reader, nor to many English ones).
_JSON_ERRORS = {
    "Expecting value": N_(
        'a value was expected at column {column} (a number, "text" in double quotes, true, '
        "false, null, [ ] or {{ }})"
    ),
    "Expecting property name enclosed in double quotes": N_(
        'a "name" in double quotes was expected at column {column} (JSON allows no comma '
        "before a closing }})"
    ),
    "Expecting ':' delimiter": N_('a ":" was expected at column {column}, after the name'),
    "Expecting ',' delimiter": N_('a "," was expected at column {column}, between two items'),
    "Extra data": N_(
        "more follows the end of the JSON at column {column} (one value per file, or per "
        "line of a .jsonl file)"
    ),
    "Unterminated string starting at": N_(
        "the text in double quotes that opens at column {column} is never closed"
    ),
    "Invalid control character": N_(
        "a text in double quotes holds a line break or a control character at column "
        "{column} (close the quote on its line, or write \\n)"
    ),
    "Invalid \\uXXXX escape": N_(
        "the \\u at column {column} is not followed by four hexadecimal digits"
    ),
    "Invalid \\escape": N_(
        "the backslash at column {column} starts no escape JSON knows (write \\\\ for a backslash)"
    ),
}


def _plain_json_error(exc: json.JSONDecodeError) -> str:
    """What the parser found, in plain words; its own (English) words for the rare faults."""
    # By the start: Python's own decoder adds the character ("Invalid control character
    # '\\n' at"), the C one does not.
    known = next((text for key, text in _JSON_ERRORS.items() if exc.msg.startswith(key)), None)
    return _(known).format(column=exc.colno) if known else exc.msg


def parse_json(text: str, name: str) -> Document:
    if not text.strip():
        raise EmptyDocument.single(name, _("is empty"))
    # Deep nesting is refused before the parser recurses into it. Strings are skipped as
    # whole tokens: brackets inside text ("see [1]") are not nesting.
    depth = 0
    for token in _JSON_TOKENS.finditer(text):
        ch = token.group()
        if ch in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, token.start()) + 1
                raise InputError.single(name, too_deep(), line=line)
        elif ch in ("]", "}"):
            depth -= 1
    try:
        data = json.loads(
            text, object_pairs_hook=_no_duplicates(name), parse_constant=_json_constant
        )
    except json.JSONDecodeError as exc:
        message = _("invalid JSON: {problem}").format(problem=_plain_json_error(exc))
        raise InputError.single(name, message, line=exc.lineno) from None
    except ValueError as exc:
        raise InputError.single(name, _("invalid JSON: {problem}").format(problem=exc)) from None
    except RecursionError:
        raise InputError.single(name, _("nested too deeply")) from None
    if _depth(data, MAX_DEPTH):
        raise InputError.single(name, too_deep())
    return Document(name, data, {})


def parse_text(text: str, name: str) -> Document:
    """Parse by extension: ``.json`` is JSON, anything else YAML (JSON documents parse too)."""
    if name.lower().endswith(".json"):
        return parse_json(text, name)
    return parse_yaml(text, name)


def read_document(path: str | os.PathLike[str], name: str | None = None) -> Document:
    name = name or str(path)
    return parse_text(read_text(path, name), name)


# --- validation into models ----------------------------------------------------------------


def _known_keys(model: type[BaseModel]) -> set[str]:
    """Every field name reachable from ``model``, to suggest a fix for a misspelt key."""
    seen: set[type[BaseModel]] = set()
    keys: set[str] = set()
    todo = [model]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        for name, info in current.model_fields.items():
            keys.add(info.alias or name)
            for sub in _models_in(info.annotation):
                todo.append(sub)
    return keys


def _parent_of(model: type[BaseModel], key: str) -> str | None:
    """The field of ``model`` whose own model has a field ``key`` (``person`` for ``name`` in
    an answers file), or None."""
    for name, info in model.model_fields.items():
        sub = info.annotation
        # A field that is one mapping (person), not a collection of them (skills).
        if (
            isinstance(sub, type)
            and issubclass(sub, BaseModel)
            and key in {f.alias or n for n, f in sub.model_fields.items()}
        ):
            return info.alias or name
    return None


def _path_to(model: type[BaseModel], key: str) -> str | None:
    """Where ``key`` is a field below ``model``, written as YAML (``skills: {NAME: {evidence:
    ...}}``), the nearest first; NAME stands for the key of a mapping of entries."""
    todo: list[tuple[type[BaseModel], list[tuple[str, object]]]] = [(model, [])]
    seen: set[type[BaseModel]] = set()
    while todo:
        current, path = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        fields = current.model_fields
        if path and key in {f.alias or n for n, f in fields.items()}:
            text = f"{key}: ..."
            for name, shape in reversed(path):
                if shape is dict:
                    inner = f"{{NAME: {{{text}}}}}"
                else:
                    inner = f"[{{{text}}}]" if shape is list else f"{{{text}}}"
                text = f"{name}: {inner}"
            return text
        for name, info in fields.items():
            shape = typing.get_origin(info.annotation)
            todo += [
                (sub, [*path, (info.alias or name, shape)]) for sub in _models_in(info.annotation)
            ]
    return None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in getattr(annotation, "__args__", ()) or ():
        found.extend(_models_in(arg))
    return found


# Our words for pydantic's errors, by error type, with pydantic's context as named placeholders.
# The English is pydantic's own text, so English messages read as they always have; an error
# type not listed here keeps pydantic's message, in English.
_PYDANTIC: dict[str, str] = {
    "greater_than": N_("Input should be greater than {gt}"),
    "greater_than_equal": N_("Input should be greater than or equal to {ge}"),
    "less_than": N_("Input should be less than {lt}"),
    "less_than_equal": N_("Input should be less than or equal to {le}"),
    "finite_number": N_("Input should be a finite number"),
    "string_type": N_("Input should be a valid string"),
    "string_pattern_mismatch": N_("String should match pattern '{pattern}'"),
    "literal_error": N_("Input should be {expected}"),
    "enum": N_("Input should be {expected}"),
    "bool_type": N_("Input should be a valid boolean"),
    "int_type": N_("Input should be a valid integer"),
    "int_from_float": N_("Input should be a valid integer, got a number with a fractional part"),
    "float_type": N_("Input should be a valid number"),
    "date_type": N_("Input should be a valid date"),
}
# The ones whose wording depends on a number: the message for that number, and the number's
# context key. (Lambdas, so that each is a whole ngettext call pybabel can extract.)
Plural = tuple[Callable[[int], str], str]
_PYDANTIC_PLURAL: dict[str, Plural] = {
    "string_too_short": (
        lambda n: ngettext(
            "String should have at least {min_length} character",
            "String should have at least {min_length} characters",
            n,
        ),
        "min_length",
    ),
    "string_too_long": (
        lambda n: ngettext(
            "String should have at most {max_length} character",
            "String should have at most {max_length} characters",
            n,
        ),
        "max_length",
    ),
}
# Sizes of lists and mappings, by what pydantic calls the value ("List", "Dictionary").
_PYDANTIC_SIZE: dict[tuple[str, ...], Plural] = {
    ("too_short", "List"): (
        lambda n: ngettext(
            "List should have at least {min_length} item after validation, not {actual_length}",
            "List should have at least {min_length} items after validation, not {actual_length}",
            n,
        ),
        "min_length",
    ),
    ("too_long", "List"): (
        lambda n: ngettext(
            "List should have at most {max_length} item after validation, not {actual_length}",
            "List should have at most {max_length} items after validation, not {actual_length}",
            n,
        ),
        "max_length",
    ),
    ("too_short", "Dictionary"): (
        lambda n: ngettext(
            "Dictionary should have at least {min_length} item after validation, "
            "not {actual_length}",
            "Dictionary should have at least {min_length} items after validation, "
            "not {actual_length}",
            n,
        ),
        "min_length",
    ),
    # pydantic stops counting a mapping's items once it has too many.
    ("too_long", "Dictionary", "more"): (
        lambda n: ngettext(
            "Dictionary should have at most {max_length} item after validation, not more",
            "Dictionary should have at most {max_length} items after validation, not more",
            n,
        ),
        "max_length",
    ),
}
# "expected a mapping/list, got ...", by what was written instead.
_EXPECTED: dict[tuple[str, str], str] = {
    ("mapping", "nothing"): N_("expected a mapping (key: value lines), got nothing"),
    ("mapping", "list"): N_("expected a mapping (key: value lines), got a list"),
    ("mapping", "value"): N_("expected a mapping (key: value lines), got {value}"),
    ("list", "nothing"): N_("expected a list, got nothing"),
    ("list", "mapping"): N_("expected a list, got a mapping"),
    ("list", "value"): N_("expected a list, got {value}"),
}
_BOUNDS = ("gt", "ge", "lt", "le")


def _pydantic_message(err: Any) -> str:
    """An error's message in the current language (pydantic's own, for types not listed)."""
    kind = err["type"]
    ctx = dict(err.get("ctx") or {})
    for bound in _BOUNDS:
        value = ctx.get(bound)
        if isinstance(value, int | float) and not isinstance(value, bool):
            ctx[bound] = format_number(value)
    if kind in ("literal_error", "enum") and " or " in str(ctx.get("expected", "")):
        # pydantic joins the choices in English: "'zero' or 'unknown'".
        first, last = str(ctx["expected"]).rsplit(" or ", 1)
        ctx["expected"] = _("{choices} or {last}").format(choices=first, last=last)
    size: tuple[str, ...] = (kind, str(ctx.get("field_type")))
    if "actual_length" in ctx and ctx["actual_length"] is None:
        size = (*size, "more")
    plural = _PYDANTIC_PLURAL.get(kind) or _PYDANTIC_SIZE.get(size)
    try:
        if plural is not None:
            message, key = plural
            return message(int(ctx[key])).format(**ctx)
        if kind in _PYDANTIC:
            return _(_PYDANTIC[kind]).format(**ctx)
    except (KeyError, ValueError, TypeError):  # a context this pydantic no longer gives
        pass
    return str(err["msg"])


def problems_from(exc: ValidationError, doc: Document, model: type[BaseModel]) -> list[Problem]:
    problems = []
    known = None
    for err in exc.errors(include_url=False):
        # Drop pydantic's internal loc parts (union branches, validator names).
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        kind = err["type"]
        if kind == "extra_forbidden":
            known = known if known is not None else _known_keys(model)
            key = str(loc[-1]) if loc else ""
            close = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.6)
            parent = _parent_of(model, key) if len(loc) == 1 else None
            if parent:
                message = _("unknown key at the top level; it belongs under {parent} ({example})")
                message = message.format(parent=parent, example=f"{parent}: {{{key}: ...}}")
            elif close and close[0] == key:  # right name, wrong place: say where it goes
                message = _("unknown key here; it belongs in {example}").format(
                    example=_path_to(model, key) or key
                )
            elif close:
                message = _('unknown key; did you mean "{name}"?').format(name=close[0])
            else:
                message = _("unknown key")
        elif kind == "missing":
            message = _("required field is missing")
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            # Pydantic names its classes here ("instance of Person"); say what to write.
            message = _expected("mapping", err.get("input"))
        elif kind == "list_type":
            message = _expected("list", err.get("input"))
        else:
            message = _pydantic_message(err)
            if "input" in err:
                shown = repr(err["input"])
                if len(shown) <= 60:
                    message = _("{message} (got {value})").format(message=message, value=shown)
        problems.append(doc.problem(_written(doc.data, loc), message))
    return problems


def _expected(what: str, value: Any) -> str:
    if value is None:
        kind = "nothing"
    elif isinstance(value, dict):
        kind = "mapping"
    elif isinstance(value, list):
        kind = "list"
    else:
        kind = "value"
    message = _(_EXPECTED.get((what, kind), _EXPECTED[(what, "value")]))
    message = message.format(value=f"{value!r:.40}")
    hint = no_space_after_colon(value) if what == "mapping" and isinstance(value, str) else None
    return message if hint is None else f"{message}; {hint}"


def _written(data: Any, loc: Loc) -> Loc:
    """The part of ``loc`` the user wrote: a bare value standing for a mapping (``spark: 7``
    for ``spark: {level: 7}``) is reported at the value, not at a field they never typed."""
    node = data
    for i, part in enumerate(loc):
        in_dict = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_dict or in_list:
            node = node[part]
        elif not isinstance(node, dict | list) and i > 0:
            return loc[:i]
        else:
            return loc
    return loc


def validate(doc: Document, model: type[M]) -> M:
    """Validate a parsed document into ``model``; every problem is reported, with lines."""
    if not isinstance(doc.data, dict):
        if isinstance(doc.data, list):
            message = _("expected a mapping of fields at top level, got a list")
        else:
            message = _(
                "expected a mapping of fields at top level, got a single value ({value})"
            ).format(value=f"{doc.data!r:.40}")
        raise InputError([doc.problem((), message)])
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(problems_from(exc, doc, model)) from None


# --- JSON Lines: many documents in one file ------------------------------------------------

MAX_LINE_BYTES = 256 * 1024  # one person's answers, evidence included, fit in far less
MAX_LINES = 2_000_000  # people in one file: more than an organisation's export holds
JSON_LINES = (".jsonl", ".ndjson")


def is_json_lines(path: str | os.PathLike[str]) -> bool:
    return str(path).lower().endswith(JSON_LINES)


def _open_lines(path: Path, name: str) -> io.BufferedReader:
    """``path`` opened for reading, if it is a regular file (a FIFO or device would block or
    never end); there is no size limit, as each line has its own."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise InputError.single(name, _("file not found")) from None
    except OSError as exc:
        raise InputError.single(name, cannot_read(exc)) from None
    fh = os.fdopen(fd, "rb")
    mode = os.fstat(fh.fileno()).st_mode
    if not stat.S_ISREG(mode):
        fh.close()
        if stat.S_ISDIR(mode):
            raise InputError.single(name, _("is a directory, not a file"))
        raise InputError.single(name, _("is not a regular file"))
    return fh


def _next_line(fh: io.BufferedReader) -> tuple[bytes, bool] | None:
    """The next line (without its line break) and whether it was within MAX_LINE_BYTES; an
    overlong line is read past in bounded pieces, never held whole. None at the end."""
    raw = fh.readline(MAX_LINE_BYTES + 2)
    if not raw:
        return None
    if raw.endswith(b"\n") or len(raw) <= MAX_LINE_BYTES:
        return raw.rstrip(b"\r\n"), len(raw.rstrip(b"\r\n")) <= MAX_LINE_BYTES
    while raw and not raw.endswith(b"\n"):
        raw = fh.readline(1 << 20)
    return b"", False


def _too_many_lines(name: str, line: int) -> InputError:
    return InputError.single(
        name,
        _("has more than {count} lines; split it into files of fewer people").format(
            count=format_fixed(MAX_LINES)
        ),
        line=line,
    )


def line_chunks(
    path: str | os.PathLike[str], every: int, name: str | None = None
) -> list[tuple[int, int, int]]:
    """(byte offset, first line number, lines) of consecutive pieces of ``every`` lines of a
    JSON Lines file: work that separate processes can each read with :func:`json_lines`."""
    name = name or str(path)
    chunks = []
    with _open_lines(Path(path), name) as fh:
        line, start, offset, count = 0, 1, 0, 0
        while _next_line(fh) is not None:
            line += 1
            if line > MAX_LINES:
                raise _too_many_lines(name, line)
            count += 1
            if count == every:
                chunks.append((offset, start, count))
                offset, start, count = fh.tell(), line + 1, 0
        if count:
            chunks.append((offset, start, count))
    return chunks


def line_starts(path: str | os.PathLike[str], name: str | None = None) -> list[tuple[int, int]]:
    """(byte offset, line number) of each line of a JSON Lines file that holds a document
    (or a problem): :func:`json_lines` with that offset, first line and ``lines=1`` reads
    that line alone. Blank lines are left out, as :func:`json_lines` leaves them."""
    name = name or str(path)
    starts = []
    with _open_lines(Path(path), name) as fh:
        line, offset = 0, 0
        while (got := _next_line(fh)) is not None:
            line += 1
            if line > MAX_LINES:
                raise _too_many_lines(name, line)
            raw, whole = got
            if raw.strip() or not whole:
                starts.append((offset, line))
            offset = fh.tell()
    return starts


def json_lines(
    path: str | os.PathLike[str],
    name: str | None = None,
    *,
    offset: int = 0,
    first_line: int = 1,
    lines: int | None = None,
) -> Iterator[tuple[int, Document | InputError]]:
    """Each non-blank line of a JSON Lines file as (line number, its document), or the
    InputError that line gives (naming the file and the line: one bad line spoils no other).
    Every field of a line's document is on that line, so every problem names it."""
    name = name or str(path)
    with _open_lines(Path(path), name) as fh:
        fh.seek(offset)
        number = first_line - 1
        while lines is None or number - first_line + 1 < lines:
            got = _next_line(fh)
            if got is None:
                return
            number += 1
            raw, whole = got
            if not whole:
                yield (
                    number,
                    InputError.single(
                        name,
                        _(
                            "the line is longer than {size} KiB; one person's answers take far "
                            "less (is this a JSON Lines file?)"
                        ).format(size=MAX_LINE_BYTES // 1024),
                        line=number,
                    ),
                )
                continue
            if not raw.strip():
                continue  # blank lines separate nothing and mean nothing
            try:
                text = decode(raw, name)
                doc = parse_json(text, name)
            except InputError as exc:
                yield number, InputError([replace(p, line=number) for p in exc.problems])
                continue
            doc.lines[()] = number
            yield number, doc
