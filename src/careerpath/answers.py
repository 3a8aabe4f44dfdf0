"""Answers files: load them into a Profile (names and aliases resolved), save them, and write
the blank commented template a mentor sends to a mentee."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from careerpath.catalog import Catalog
from careerpath.documents import Document, parse_text, problems_from, read_document
from careerpath.errors import InputError
from careerpath.models import LEVEL_NAMES, Answers, Person
from careerpath.output import write_atomic

OTHER_ROLE = "other"


@dataclass(frozen=True)
class Profile:
    """A person's answers resolved against a catalogue: skill id -> level (answered only)."""

    answers: Answers
    levels: dict[str, int]
    source: str = "answers"
    evidence: dict[str, str] = field(default_factory=dict)
    interest: dict[str, int] = field(default_factory=dict)

    @property
    def person(self) -> Person:
        return self.answers.person

    @property
    def fingerprint(self) -> str:
        """Stable across formatting, key spelling and order: two reports can be told apart."""
        canonical = {
            "person": self.answers.person.model_dump(mode="json"),
            "assessed_on": str(self.answers.assessed_on),
            "levels": dict(sorted(self.levels.items())),
            "evidence": dict(sorted(self.evidence.items())),
            "progress": {
                k: v.model_dump(mode="json") for k, v in sorted(self.answers.progress.items())
            },
        }
        blob = json.dumps(canonical, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(blob).hexdigest()[:12]


def profile_from(answers: Answers, catalog: Catalog, source: str = "answers") -> Profile:
    """Resolve an already-valid Answers (e.g. built by the questionnaire)."""
    return _resolve(Document(source, answers.model_dump(mode="json")), answers, catalog)


def load_answers(
    path: str | os.PathLike[str], catalog: Catalog, name: str | None = None
) -> Profile:
    doc = read_document(path, name or str(path))
    return parse_answers(doc, catalog)


def parse_answers(doc: Document, catalog: Catalog) -> Profile:
    problems = []
    answers = None
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        raise InputError(
            [
                doc.problem(
                    (),
                    f"expected a mapping (schema_version, person, skills) at top level, got {kind}",
                )
            ]
        )
    try:
        answers = Answers.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, doc, Answers))
    # Names are checked on the raw data too, so one run reports every problem in the file.
    problems.extend(_name_problems(doc, catalog))
    if problems or answers is None:
        raise InputError(problems)
    return _resolve(doc, answers, catalog)


def _name_problems(doc: Document, catalog: Catalog) -> list:
    problems = []
    raw_skills = doc.data.get("skills")
    seen: dict[str, str] = {}
    if isinstance(raw_skills, dict):
        for key in raw_skills:
            skill_id = catalog.resolve_skill(str(key))
            if skill_id is None:
                problems.append(
                    doc.problem(("skills", key), f"unknown skill{catalog.suggest_skill(str(key))}")
                )
            elif skill_id in seen:
                problems.append(
                    doc.problem(
                        ("skills", key),
                        f'names the same skill ({skill_id}) as "{seen[skill_id]}"; keep one',
                    )
                )
            else:
                seen[skill_id] = str(key)
    person = doc.data.get("person")
    if isinstance(person, dict):
        for key in ("current_role", "target_role"):
            value = person.get(key)
            if not isinstance(value, str) or (
                key == "current_role" and value.lower() == OTHER_ROLE
            ):
                continue
            if catalog.resolve_role(value) is None:
                problems.append(
                    doc.problem(
                        ("person", key),
                        f'unknown role "{value}"{catalog.suggest_role(value)}',
                    )
                )
    return problems


def _resolve(doc: Document, answers: Answers, catalog: Catalog) -> Profile:
    problems = _name_problems(doc, catalog)
    if problems:
        raise InputError(problems)
    levels, evidence, interest = {}, {}, {}
    for key, answer in answers.skills.items():
        if answer is None:
            continue
        skill_id = catalog.resolve_skill(key)
        assert skill_id is not None  # checked above
        levels[skill_id] = answer.level
        if answer.evidence:
            evidence[skill_id] = answer.evidence
        if answer.interest is not None:
            interest[skill_id] = answer.interest
    # Role names and aliases become ids, so every later step can rely on them.
    person = answers.person
    updates: dict[str, Any] = {}
    for key in ("current_role", "target_role"):
        value = getattr(person, key)
        if value and not (key == "current_role" and value.lower() == OTHER_ROLE):
            updates[key] = catalog.resolve_role(value)
        elif value:
            updates[key] = OTHER_ROLE
    if updates:
        answers = answers.model_copy(update={"person": person.model_copy(update=updates)})
    return Profile(answers, levels, doc.name, evidence, interest)


class _Dumper(yaml.SafeDumper):
    """SafeDumper that escapes the line breaks it would otherwise write raw (and read back
    as spaces): NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_answers(answers: Answers) -> str:
    """YAML for an answers file; what this writes, :func:`load_answers` reads back equal."""
    data = answers.model_dump(mode="json", exclude_none=True)
    # Skipped questions stay as empty answers (asked, not answered); a bare level is shorthand.
    data["skills"] = {
        key: None
        if answer is None
        else answer.level
        if answer.evidence is None and answer.interest is None
        else answer.model_dump(mode="json", exclude_none=True)
        for key, answer in answers.skills.items()
    }
    if not data.get("progress"):
        data.pop("progress", None)
    head = "# careerpath answers file (see `careerpath schema answers`)\n"
    return head + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def save_answers(answers: Answers, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    text = dump_answers(answers)
    # Never save what we could not load back.
    parse_text(text, str(path))
    return write_atomic(path, text, force=force)


def template(catalog: Catalog) -> str:
    """A blank answers file: every skill commented with its level descriptors."""
    out = [
        "# careerpath self-assessment",
        f"# Catalogue: {catalog.info.name} {catalog.version}",
        "#",
        "# Rate each skill from 0 to 4 by what you have actually done (the descriptions below",
        "# say what each level means). Leave a skill out, or leave its level empty, if you",
        "# cannot say: unanswered skills count as unknown, not as 0.",
        "# A level may carry evidence and interest:",
        '#   spark: {level: 3, evidence: "Built the nightly Spark ETL", interest: 2}',
        "# Then run:  careerpath assess --answers THIS_FILE",
        "",
        "schema_version: 1",
        f"catalog_version: {json.dumps(catalog.version)}",
        "assessed_on:            # the date you fill this in, YYYY-MM-DD",
        "",
        "person:",
        "  name:                 # optional; leave empty to stay anonymous",
        f"  current_role:         # one of: {', '.join(catalog.roles)}, or other",
        "  target_role:          # optional: the role you want to move to",
        "  hours_per_week:       # hours a week you can study (default 6)",
        "  start_date:           # when you want to start, YYYY-MM-DD (default today)",
        "",
        "skills:",
    ]
    for cat_id, cat in catalog.categories.items():
        out += ["", f"  # --- {cat.name} " + "-" * max(3, 70 - len(cat.name))]
        for skill in catalog.skills_in(cat_id):
            out.append(f"  # {skill.name}: {skill.description}")
            for level, text in enumerate(skill.levels):
                out.append(f"  #   {level} {LEVEL_NAMES[level]}: {text}")
            out.append(f"  {skill.id}:")
    return "\n".join(out) + "\n"
