"""Recording progress on plan steps in the answers file, touching nothing else in it.

YAML files keep their comments and layout: only the ``progress:`` block changes, one line per
step. JSON has no comments, so it is rewritten with the same keys in the same order.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
from collections.abc import Mapping
from pathlib import Path

import yaml

from careerpath.answers import parse_answers
from careerpath.catalog import Catalog, closest
from careerpath.commands import next_command
from careerpath.documents import parse_text, read_text
from careerpath.errors import InputError, NotFoundError, Option, UsageError, sentence
from careerpath.i18n import _
from careerpath.models.inputs import StepStatus
from careerpath.models.outputs import ProgressRecorded
from careerpath.output import locked, write_atomic
from careerpath.profile import target_role


def _end(text: str, node: yaml.Node) -> int:
    """Index just past ``node``'s own text. A block collection ends where its last value
    does (its end mark is the next token, past any comments); a block scalar's end mark is
    after its last line break, which stays outside."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _value_end(text, *node.value[-1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _end(text, node.value[-1])
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _value_end(text: str, key: yaml.Node, value: yaml.Node) -> int:
    if isinstance(value, yaml.ScalarNode) and value.value == "" and value.style is None:
        # `key:` with nothing after it: the empty value's marks point at what comes next.
        return text.index(":", key.end_mark.index) + 1
    return _end(text, value)


def _eol(text: str, index: int) -> int:
    """The end of the line holding ``index`` (before its line break)."""
    end = text.find("\n", index)
    end = len(text) if end < 0 else end
    return end - 1 if end > index and text[end - 1] == "\r" else end


def _pair(mapping: yaml.MappingNode, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    # A key's node value is the text it means, so "progress" and 'progress' match too.
    return next(
        ((k, v) for k, v in mapping.value if isinstance(k, yaml.ScalarNode) and k.value == key),
        None,
    )


def _add_to_flow(text: str, mapping: yaml.MappingNode, entry: str, nl: str) -> str:
    """``entry`` added last to a ``{...}`` mapping, one line or one entry a line, as it is."""
    if not mapping.value:
        at = mapping.start_mark.index + 1  # just inside the brace
        return text[:at] + entry + text[at:]
    key: yaml.Node  # a mapping node's value: (key node, value node) pairs
    key, value = mapping.value[-1]
    end = _value_end(text, key, value)
    if key.start_mark.line == mapping.start_mark.line:
        return text[:end] + ", " + entry + text[end:]
    return text[:end] + "," + nl + " " * key.start_mark.column + entry + text[end:]


# A line that holds more than blanks or a comment (after the document: a `...` end marker).
_CONTENT_LINE = re.compile(r"^[ \t]*[^\s#]", re.MULTILINE)


def _update_yaml(text: str, step_id: str, status: str, when: dt.date, name: str) -> str:
    """``text`` with ``step_id``'s entry set, found and placed by the YAML parser's own
    positions (not by matching lines): quoted keys, multi-line values, flow mappings (JSON
    written as YAML) and document markers are all where the parser says they are."""
    nl = "\r\n" if "\r\n" in text else "\n"  # keep the file's line endings
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        what = getattr(exc, "problem", None) or exc
        line = mark.line + 1 if mark else None
        raise InputError.single(
            name, _("invalid YAML: {problem}").format(problem=what), line=line
        ) from None
    if not isinstance(root, yaml.MappingNode):
        line = root.start_mark.line + 1 if root is not None else None
        raise InputError.single(name, _("expected a mapping of keys"), line=line)
    json_style = bool(root.flow_style)  # the whole file is one {...}: keep it valid JSON
    if json_style:
        entry = f'"{step_id}": {{"status": "{status}", "date": "{when.isoformat()}"}}'
    else:
        entry = f"{step_id}: {{status: {status}, date: {when.isoformat()}}}"
    found = _pair(root, "progress")
    if found is None and json_style:
        return _add_to_flow(text, root, '"progress": {' + entry + "}", nl)
    if found is None:
        # A new block after the last key, before a `...` end marker if one follows (else at
        # the very end, after any closing comments).
        after = _eol(text, _value_end(text, *root.value[-1]))
        marker = _CONTENT_LINE.search(text, after)
        if marker:
            return text[: marker.start()] + f"progress:{nl}  {entry}{nl}" + text[marker.start() :]
        tail = "" if not text or text.endswith("\n") else nl
        return text + tail + f"progress:{nl}  {entry}{nl}"
    key, block = found
    if not isinstance(block, yaml.MappingNode):
        line = block.start_mark.line + 1
        raise InputError.single(name, _("expected a mapping of step ids"), "progress", line)
    step = _pair(block, step_id)
    if step is not None:  # replaced in place, however many lines it took
        return text[: step[0].start_mark.index] + entry + text[_value_end(text, *step) :]
    if block.flow_style and not block.value and not json_style:
        # "progress: {}" becomes a block; a comment on the line stays.
        eol = _eol(text, block.end_mark.index)
        head = text[: key.end_mark.index] + ":" + text[block.end_mark.index : eol]
        return head + nl + "  " + entry + text[eol:]
    if block.flow_style:
        return _add_to_flow(text, block, entry, nl)
    after = _eol(text, _value_end(text, *block.value[-1]))
    first: yaml.Node = block.value[0][0]  # the first entry's key node
    indent = " " * first.start_mark.column
    return text[:after] + nl + indent + entry + text[after:]


def _update_json(text: str, step_id: str, status: str, when: dt.date, name: str) -> str:
    data = json.loads(text)
    data.setdefault("progress", {})[step_id] = {"status": status, "date": when.isoformat()}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def chosen_status(given: Mapping[StepStatus, bool]) -> StepStatus:
    """The one status set in ``given`` (status -> whether it was asked for, in the order to
    list them); none or several is a usage error."""
    chosen = [status for status, on in given.items() if on]
    if len(chosen) != 1:
        *first, last = (Option(status) for status in given)
        listed = tuple(part for option in first for part in (option, ", "))[:-1]
        raise UsageError(
            *sentence(_("give exactly one of {options} or {last}"), options=listed, last=last)
        )
    return chosen[0]


def record_entry(
    path: str | os.PathLike[str],
    catalog: Catalog,
    step_id: str,
    status: StepStatus,
    *,
    target: str | None = None,
    when: dt.date | None = None,
) -> ProgressRecorded:
    """:func:`record_progress`, and the entry it wrote: its date is decided here (today unless
    given), so that what is reported is what the file says."""
    when = when or dt.date.today()
    written = record_progress(path, catalog, step_id, status, target=target, when=when)
    return ProgressRecorded(file=str(written), step=step_id, status=status, date=when)


def record_progress(
    path: str | os.PathLike[str],
    catalog: Catalog,
    step_id: str,
    status: StepStatus,
    *,
    target: str | None = None,
    when: dt.date | None = None,
) -> Path:
    """Set ``step_id``'s status in the answers file at ``path`` (atomically, and serialised
    with every other careerpath process that changes the same file)."""
    path = Path(path)
    # Read, change and write under the file's lock, reading only once it is held: two
    # updates at once would otherwise both start from the same text and one would be lost.
    with locked(path):
        return _record(path, catalog, step_id, status, target, when or dt.date.today())


def _record(
    path: Path, catalog: Catalog, step_id: str, status: str, target: str | None, when: dt.date
) -> Path:
    from careerpath.planner import build_plan

    name = str(path)
    text = read_text(path, name)
    profile = parse_answers(parse_text(text, name), catalog)
    plan = build_plan(profile, catalog, target_role(profile, target))
    steps = [s.id for s in plan.steps()]
    if step_id not in steps:
        close = closest(step_id, steps)
        role = catalog.roles[plan.to_role].name
        raise NotFoundError(
            (
                _(
                    'unknown step "{step}" in the plan to {role}; did you mean "{close}"? '
                    "(see `{command}`)"
                )
                if close
                else _('unknown step "{step}" in the plan to {role} (see `{command}`)')
            ).format(
                step=step_id,
                role=role,
                close=close,
                command=next_command("plan", "--answers", name),
            )
        )
    update = _update_json if name.lower().endswith(".json") else _update_yaml
    new_text = update(text, step_id, status, when, name)
    # Never write a file we could not read back. Its problems would name lines of a text
    # the person never saw, so the message says what happened instead.
    try:
        parse_answers(parse_text(new_text, name), catalog)
    except InputError:
        raise InputError.single(
            name,
            _(
                "cannot record {step} here without breaking the file, so it is unchanged; "
                "add `{entry}` to its progress: block by hand"
            ).format(
                step=step_id, entry=f"{step_id}: {{status: {status}, date: {when.isoformat()}}}"
            ),
        ) from None
    # Write through a symlink to the person's real file; replace it atomically, keeping its
    # byte-order mark (read_text drops it) and its permissions.
    real = Path(os.path.realpath(path))
    with open(real, "rb") as fh:
        bom = "\ufeff" if fh.read(3) == b"\xef\xbb\xbf" else ""
    mode = stat.S_IMODE(real.stat().st_mode)
    written = write_atomic(real, bom + new_text, force=True)
    os.chmod(written, mode)
    return written
