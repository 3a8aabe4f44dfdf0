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
from pathlib import Path
from typing import Literal

from careerpath.answers import parse_answers
from careerpath.catalog import Catalog, suggest
from careerpath.documents import parse_text, read_text
from careerpath.errors import InputError, NotFoundError
from careerpath.output import write_atomic

StepStatus = Literal["todo", "learning", "done", "skipped"]


def _entry(step_id: str, status: str, when: dt.date) -> str:
    return f"  {step_id}: {{status: {status}, date: {when.isoformat()}}}"


def _update_yaml(text: str, step_id: str, status: str, when: dt.date) -> str:
    nl = "\r\n" if "\r\n" in text else "\n"  # keep the file's line endings
    lines = text.splitlines()
    entry = _entry(step_id, status, when)
    top = next((i for i, line in enumerate(lines) if re.match(r"^progress\s*:", line)), None)
    if top is None:
        tail = "" if text.endswith("\n") or not text else nl
        return text + tail + "progress:" + nl + entry + nl
    head = re.match(r"^progress\s*:\s*(\{\s*\})?\s*(#.*)?$", lines[top])
    if head is None:
        raise InputError.single("answers", "progress: write it as a block (one step a line)")
    if head.group(1):  # "progress: {}" becomes a block; a comment on the line stays
        lines[top] = "progress:" + (f"  {head.group(2)}" if head.group(2) else "")
    # The block runs while lines are indented (or blank/comment lines inside it).
    end = top + 1
    while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end].strip()):
        end += 1
    block, at_end = lines[top + 1 : end], end == len(lines)
    # Blank lines that separate the block from what follows stay where they are.
    trailing: list[str] = []
    while block and not block[-1].strip():
        trailing.insert(0, block.pop())
    key = re.compile(rf"^\s+{re.escape(step_id)}\s*:")
    start = next((i for i, line in enumerate(block) if key.match(line)), None)
    if start is None:
        block.append(entry)
    else:
        indent = len(block[start]) - len(block[start].lstrip())
        stop = start + 1
        while stop < len(block) and (
            not block[stop].strip() or len(block[stop]) - len(block[stop].lstrip()) > indent
        ):
            stop += 1
        while stop > start + 1 and not block[stop - 1].strip():
            stop -= 1  # a blank line before the next entry is not part of this one
        block[start:stop] = [entry]
    lines[top + 1 : end] = block + trailing
    return nl.join(lines) + (nl if text.endswith("\n") or at_end else "")


def _update_json(text: str, step_id: str, status: str, when: dt.date) -> str:
    data = json.loads(text)
    data.setdefault("progress", {})[step_id] = {"status": status, "date": when.isoformat()}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def record_progress(
    path: str | os.PathLike[str],
    catalog: Catalog,
    step_id: str,
    status: StepStatus,
    *,
    target: str | None = None,
    when: dt.date | None = None,
) -> Path:
    """Set ``step_id``'s status in the answers file at ``path`` (atomically)."""
    from careerpath.planner import build_plan

    path = Path(path)
    name = str(path)
    text = read_text(path, name)
    profile = parse_answers(parse_text(text, name), catalog)
    target = target or profile.person.target_role
    if not target:
        raise NotFoundError(f"{name}: no target role in the file; pass --target ROLE")
    plan = build_plan(profile, catalog, target)
    steps = [s.id for s in plan.steps()]
    if step_id not in steps:
        raise NotFoundError(
            f'unknown step "{step_id}" in the plan to {catalog.roles[plan.to_role].name}'
            f"{suggest(step_id, steps)} (see `careerpath plan --answers {name}`)"
        )
    when = when or dt.date.today()
    update = _update_json if name.lower().endswith(".json") else _update_yaml
    new_text = update(text, step_id, status, when)
    # Never write a file we could not read back.
    parse_answers(parse_text(new_text, name), catalog)
    # Write through a symlink to the person's real file; replace it atomically, keeping its
    # byte-order mark (read_text drops it) and its permissions.
    real = Path(os.path.realpath(path))
    with open(real, "rb") as fh:
        bom = "\ufeff" if fh.read(3) == b"\xef\xbb\xbf" else ""
    mode = stat.S_IMODE(real.stat().st_mode)
    written = write_atomic(real, bom + new_text, force=True)
    os.chmod(written, mode)
    return written
