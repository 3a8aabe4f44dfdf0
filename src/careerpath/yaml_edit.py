"""Changing the values of a YAML document in its own text, so that what a person wrote around
them (comments, blank lines, the order and spelling of their keys) survives a program's save.

Block mappings are edited entry by entry: a changed value is rewritten on its own span (a
trailing ``# comment`` stays after it), a new key goes in after the entry before it. Any other
value that changes (a flow mapping, a list) is rewritten whole. YAML has more forms than this
handles, so the caller reads the result back and keeps it only if it means what it should.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeGuard

import yaml

from careerpath.documents import Loc, yaml_nodes


class _CannotEdit(Exception):
    """The text has a form these edits do not handle."""


def edit(
    text: str,
    data: dict[str, Any],
    dumper: type[yaml.SafeDumper],
    drop: Callable[[Loc], bool] = lambda loc: False,
) -> str | None:
    """``text`` changed so that it holds ``data``, or None when its form does not allow it.

    Keys ``data`` lacks are deleted only from the mappings at the paths ``drop`` is true of;
    elsewhere they stay as written (a person's ``target_role:`` left empty means what an
    absent one means). ``dumper`` writes the new values."""
    parsed = yaml_nodes(text)
    if parsed is None:
        return None
    root, value_of = parsed
    if not _block_mapping(root) or not isinstance(data, dict):
        return None
    editor = _Editor(text, value_of, dumper, drop)
    try:
        editor.mapping(root, data, ())
    except _CannotEdit:
        return None
    out = text
    # From the end back, so every span still points at the text it was taken from; at one
    # place the edit made first ends up first.
    for start, _seq, end, new in sorted(editor.edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + new + out[end:]
    return out


def _block_mapping(node: yaml.Node) -> TypeGuard[yaml.MappingNode]:
    return isinstance(node, yaml.MappingNode) and not node.flow_style


class _Editor:
    def __init__(
        self,
        text: str,
        value_of: Callable[[yaml.Node], Any],
        dumper: type[yaml.SafeDumper],
        drop: Callable[[Loc], bool],
    ) -> None:
        self.text = text
        self.value_of = value_of
        self.dumper = dumper
        self.drop = drop
        self.edits: list[tuple[int, int, int, str]] = []  # start, order, end, new text

    def _edit(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, len(self.edits), end, new))

    def mapping(self, node: yaml.MappingNode, data: dict[str, Any], loc: Loc) -> None:
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode) or key.value in entries:
                raise _CannotEdit
            start = self._line_start(key.start_mark.index)
            if self.text[start : key.start_mark.index].strip():
                raise _CannotEdit  # a key that does not start its line ("- a: 1")
            entries[key.value] = (key, value)
        indent = " " * node.value[0][0].start_mark.column if node.value else ""
        # Where a key new to the mapping goes: after the entry before it in ``data``, or
        # before the mapping's first entry when none is before it.
        after = self._line_start(node.value[0][0].start_mark.index) if node.value else None
        for key, new in data.items():
            if key in entries:
                knode, vnode = entries[key]
                self.value(knode, vnode, new, (*loc, key))
                after = self._line_end(self._last_char(vnode))
                continue
            if after is None:
                raise _CannotEdit
            self._insert(after, self._block({key: new}, indent))
        if self.drop(loc):
            for key, (knode, vnode) in entries.items():
                if key not in data:
                    start = self._line_start(knode.start_mark.index)
                    self._edit(start, self._line_end(self._last_char(vnode)), "")

    def value(self, key: yaml.Node, node: yaml.Node, new: Any, loc: Loc) -> None:
        if _same(self.value_of(node), new):
            return
        if _block_mapping(node) and isinstance(new, dict) and new:
            self.mapping(node, new, loc)
            return
        start, end = node.start_mark.index, _span_end(self.text, node)
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
            # A block collection starts on a later line: rewrite from the key's colon on.
            start = self._colon(key) + 1
            new_text = "" if new is None else " " + self._flow(new)
        elif start == end:  # written empty (`python:`): the value goes after the colon
            if isinstance(new, dict | list) and new:
                # In block form on the lines below, after any comment on the key's line.
                self._insert(
                    self._line_end(start), self._block(new, " " * (key.start_mark.column + 2))
                )
                return
            new_text = " " + self._flow(new)
        else:
            new_text = "" if new is None else self._flow(new)
        if not new_text:  # no trailing spaces left behind an emptied value
            rest = self.text[end : self._line_end(end)]
            if not rest.strip():
                while start > 0 and self.text[start - 1] in " \t":
                    start -= 1
        self._edit(start, end, new_text)

    def _flow(self, value: Any) -> str:
        out = yaml.dump(
            value,
            Dumper=self.dumper,
            default_flow_style=True,
            allow_unicode=True,
            width=2**31 - 1,
            sort_keys=False,
        )
        out = out.removesuffix("\n").removesuffix("\n...")
        if "\n" in out:
            raise _CannotEdit
        return out

    def _block(self, value: dict[str, Any] | list[Any], indent: str) -> str:
        out = yaml.dump(value, Dumper=self.dumper, sort_keys=False, allow_unicode=True, width=100)
        return "".join(indent + line for line in out.splitlines(keepends=True))

    def _insert(self, at: int, text: str) -> None:
        if at == len(self.text) and self.text and not self.text.endswith("\n"):
            text = "\n" + text
        self._edit(at, at, text)

    def _colon(self, key: yaml.Node) -> int:
        at = key.end_mark.index
        while at < len(self.text) and self.text[at] in " \t":
            at += 1
        if at >= len(self.text) or self.text[at] != ":":
            raise _CannotEdit
        return at

    def _last_char(self, node: yaml.Node) -> int:
        return max(node.start_mark.index, _span_end(self.text, node) - 1)

    def _line_start(self, at: int) -> int:
        return self.text.rfind("\n", 0, at) + 1

    def _line_end(self, at: int) -> int:
        """Just after the line break ending the line that holds ``at`` (the text's end)."""
        found = self.text.find("\n", at)
        return len(self.text) if found < 0 else found + 1


def _last(node: yaml.Node) -> yaml.Node:
    """The node whose text ends ``node``'s: a block collection's end mark is where the next
    token starts, past any comment lines after it, so its last value's instead."""
    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style:
        if not node.value:
            break
        last = node.value[-1]
        node = last[1] if isinstance(node, yaml.MappingNode) else last
    return node


def _span_end(text: str, node: yaml.Node) -> int:
    """Just after the last character of ``node``'s text (a block scalar's ends before the line
    breaks its end mark counts)."""
    last = _last(node)
    end = last.end_mark.index
    while end > last.start_mark.index and text[end - 1] == "\n":
        end -= 1
    return end


def _same(old: Any, new: Any) -> bool:
    """Whether a value as read means ``new`` as the caller gives it: 8 is 8.0, a date is its
    ISO text, and key order counts."""
    if isinstance(old, dict) and isinstance(new, dict):
        return list(old) == list(new) and all(_same(old[k], new[k]) for k in old)
    if isinstance(old, list) and isinstance(new, list):
        return len(old) == len(new) and all(map(_same, old, new))
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, int | float) and isinstance(new, int | float):
        return old == new
    if isinstance(old, dt.date):
        old = old.isoformat()
    if isinstance(new, dt.date):
        new = new.isoformat()
    return type(old) is type(new) and old == new
