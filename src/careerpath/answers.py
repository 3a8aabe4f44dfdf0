"""Answers files: load them into a Profile (names and aliases resolved), save them, and write
the blank commented template a mentor sends to a mentee.

What a file means by what it leaves out: people list the skills they have, so a catalogue skill
missing from ``skills`` is level 0 (``unlisted: zero``, the default); a skill listed with no
level, or skipped in the questionnaire, is *unknown*, and so is every unlisted skill when the
file says ``unlisted: unknown`` (questionnaire sessions do: a question not yet asked is not a
0). Names the catalogue does not know are ignored with a warning (``strict`` refuses them), so
one "Excel" or "Jira" never costs a person their whole assessment.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from careerpath import yaml_edit
from careerpath.catalog import Catalog
from careerpath.commands import next_command
from careerpath.documents import (
    IMPLICIT_RESOLVERS,
    Document,
    parse_text,
    problems_from,
    read_document,
)
from careerpath.errors import InputError, Problem
from careerpath.i18n import N_, _, format_fixed
from careerpath.models import Answers, SkillAnswer
from careerpath.models.inputs import as_written
from careerpath.output import write_atomic
from careerpath.profile import (
    OTHER_ROLE,
    UNKNOWN_CURRENT_ROLE,
    UNKNOWN_CURRENT_ROLE_HINT,
    UNKNOWN_CURRENT_ROLE_STRICT,
    UNKNOWN_CURRENT_ROLE_STRICT_HINT,
    UNKNOWN_SKILL,
    UNKNOWN_SKILL_HINT,
    Profile,
)

# Bounds on the work one hostile file can cause: "did you mean" for the first few unknown
# names only (each costs a fuzzy match against every name), and a cap on skill keys.
SUGGESTED_NAMES = 20
MAX_SKILL_KEYS = 2000


def profile_from(answers: Answers, catalog: Catalog, source: str = "answers") -> Profile:
    """Resolve an already-valid Answers (e.g. built by the questionnaire)."""
    return _resolve(Document(source, answers.model_dump(mode="json")), answers, catalog)


def load_answers(
    path: str | os.PathLike[str],
    catalog: Catalog,
    name: str | None = None,
    *,
    strict: bool = False,
) -> Profile:
    name = name or str(path)
    try:
        doc = read_document(path, name)
    except InputError:
        if not os.path.exists(path):  # say how to make one, not only that it is missing
            raise InputError.single(name, missing()) from None
        raise
    return parse_answers(doc, catalog, strict=strict)


MISSING = N_(
    "file not found; write one to fill in with `{template}`, or answer the questions in the "
    "terminal with `{assess}`"
)


SKILLS_AS_LIST = N_(
    'is a list; write one skill per line as "name: level", without the leading "- " '
    '(for example "python: 3", with "python:" alone for a level you do not know)'
)


def missing() -> str:
    """What an answers file that is not there is told: how to make one."""
    template = next_command("questionnaire", "template", "-o", _("FILE"))
    return _(MISSING).format(template=template, assess=next_command("assess"))


def parse_answers(doc: Document, catalog: Catalog, *, strict: bool = False) -> Profile:
    """Validate and resolve an answers document. Unknown skill names, second names of one
    skill and an unknown current role are warnings (``Profile.ignored``, ``Profile.merged``,
    ``Profile.unknown_role``: taken as "other"), or errors with ``strict``. An unknown target
    role is an error: the plan goes there."""
    problems = []
    answers = None
    if not isinstance(doc.data, dict):
        if isinstance(doc.data, list):
            message = _(
                "expected a mapping (schema_version, person, skills) at top level, got a list"
            )
        else:
            message = _(
                "expected a mapping (schema_version, person, skills) at top level, "
                "got a single value"
            )
        raise InputError([doc.problem((), message)])
    # The cap comes first: validating (and reporting on) every one of 380,000 keys is the very
    # work it exists to spare.
    raw_skills = doc.data.get("skills")
    if isinstance(raw_skills, dict) and len(raw_skills) > MAX_SKILL_KEYS:
        message = _(
            "lists {count} skills; the catalogue has {known} and a file may list at most {limit}"
        ).format(
            count=format_fixed(len(raw_skills)),
            known=len(catalog.skills),
            limit=format_fixed(MAX_SKILL_KEYS),
        )
        raise InputError([doc.problem(("skills",), message)])
    try:
        answers = Answers.model_validate(doc.data)
    except ValidationError as exc:
        found = problems_from(exc, doc, Answers)
        if isinstance(raw_skills, list):
            # "- python: 3" is how a list of skills looks to many people; say how to fix it.
            found = [p for p in found if p.field != "skills"]
            found.append(doc.problem(("skills",), _(SKILLS_AS_LIST)))
        problems.extend(found)
    # Names are checked on the raw data too, so one run reports every problem in the file.
    names = _name_problems(doc, catalog, strict=strict)
    problems.extend(names.errors)
    if strict:
        problems.extend(sorted((*names.unknown, *names.merged), key=lambda p: p.line or 0))
    if problems or answers is None:
        raise InputError(problems)
    return _resolve(doc, answers, catalog, names)


@dataclass(frozen=True)
class _Names:
    """What the names in a file say: errors (an unknown target role; an unknown current role
    under strict), unknown skill names, second names of a skill already listed, and an
    unknown current role (taken as "other")."""

    errors: list[Problem]
    unknown: list[Problem]
    merged: list[Problem]
    role: list[Problem]


def _name_problems(doc: Document, catalog: Catalog, *, strict: bool = False) -> _Names:
    problems: list[Problem] = []
    unknown: list[Problem] = []
    merged: list[Problem] = []
    raw_skills = doc.data.get("skills")
    seen: dict[str, str] = {}
    if isinstance(raw_skills, dict):
        for key in raw_skills:
            skill_id = catalog.resolve_skill(str(key))
            if skill_id is None:
                close = catalog.suggest_skill(str(key)) if len(unknown) < SUGGESTED_NAMES else None
                message = _(UNKNOWN_SKILL_HINT).format(name=close) if close else _(UNKNOWN_SKILL)
                unknown.append(doc.problem(("skills", key), message))
            elif skill_id in seen:
                # People list "RAG" and "LangChain", "agile" and "project management": one
                # skill, named twice. Not worth refusing the file: the higher level counts.
                # The skill as the catalogue names it, in this language: its id is no word
                # of the file's, nor of the user's.
                message = _('names the same skill, {skill}, as "{name}"; the higher level counts')
                skill = catalog.skills[skill_id].name
                merged.append(
                    doc.problem(("skills", key), message.format(skill=skill, name=seen[skill_id]))
                )
            else:
                seen[skill_id] = str(key)
    role: list[Problem] = []
    person = doc.data.get("person")
    if isinstance(person, dict):
        for key in ("current_role", "target_role"):
            value = person.get(key)
            if not isinstance(value, str) or (
                key == "current_role" and value.lower() == OTHER_ROLE
            ):
                continue
            if catalog.resolve_role(value) is None:
                # Where one works now is context, not a score input: one "Analytics
                # Engineer" must not cost a person their assessment. A target drives the plan.
                if key == "target_role":
                    problems.append(doc.problem(("person", key), catalog.unknown_role(value)))
                    continue
                close = catalog.suggest_role(value)
                if strict:
                    message = _(
                        UNKNOWN_CURRENT_ROLE_STRICT_HINT if close else UNKNOWN_CURRENT_ROLE_STRICT
                    )
                else:
                    message = _(UNKNOWN_CURRENT_ROLE_HINT if close else UNKNOWN_CURRENT_ROLE)
                found = problems if strict else role
                found.append(doc.problem(("person", key), message.format(name=value, close=close)))
    return _Names(problems, unknown, merged, role)


def _resolve(
    doc: Document, answers: Answers, catalog: Catalog, names: _Names | None = None
) -> Profile:
    names = names or _name_problems(doc, catalog)
    if names.errors:
        raise InputError(names.errors)
    ignored = tuple(names.unknown)
    levels: dict[str, int] = {}
    evidence: dict[str, str] = {}
    interest: dict[str, int] = {}
    listed: set[str] = set()
    suggested: set[str] = set()
    for key, answer in answers.skills.items():
        skill_id = catalog.resolve_skill(key)
        if skill_id is None:
            continue  # an unknown name: reported in ``ignored``
        listed.add(skill_id)
        if answer is None:
            continue  # listed with no level: unknown
        if skill_id in levels and levels[skill_id] >= answer.level:
            continue  # a second name of the same skill, at no higher level
        # The entry that counts brings its own evidence and interest, or none.
        levels[skill_id] = answer.level
        evidence.pop(skill_id, None)
        interest.pop(skill_id, None)
        suggested.discard(skill_id)
        if answer.suggested:
            suggested.add(skill_id)
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
            # An unknown current role is "other" (``names.role`` warns of it).
            updates[key] = catalog.resolve_role(value) or OTHER_ROLE
        elif value:
            updates[key] = OTHER_ROLE
    if updates:
        answers = answers.model_copy(update={"person": person.model_copy(update=updates)})
    rated = frozenset(levels)
    if ignored and not listed:
        # Every name unknown: scoring it would rank nine roles on nothing.
        raise InputError(
            [
                doc.problem(
                    ("skills",), _("none of the skill names in the file is in the catalogue")
                ),
                *ignored[:SUGGESTED_NAMES],
            ]
        )
    if answers.unlisted == "zero":
        for skill_id in catalog.skills:
            if skill_id not in listed:
                levels[skill_id] = 0
    return Profile(
        answers,
        levels,
        doc.name,
        evidence,
        interest,
        rated,
        ignored,
        tuple(names.merged),
        frozenset(suggested),
        tuple(names.role),
        frozenset(listed - rated),
    )


class _Dumper(yaml.SafeDumper):
    """SafeDumper that escapes the line breaks it would otherwise write raw (and read back
    as spaces): NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR; and quotes every text that
    either YAML 1.1 or our reader (``documents``: 0E0 is a number there) would read as
    something else."""


_Dumper.yaml_implicit_resolvers = {
    first: [
        *yaml.SafeDumper.yaml_implicit_resolvers.get(first, []),
        *IMPLICIT_RESOLVERS.get(first, []),
    ]
    for first in {*yaml.SafeDumper.yaml_implicit_resolvers, *IMPLICIT_RESOLVERS}
}


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = '"' if any(c in value for c in "\x85\u2028\u2029") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _data(answers: Answers) -> dict[str, Any]:
    """What an answers file holds for ``answers``, as :func:`dump_answers` writes it."""
    data = answers.model_dump(mode="json", exclude_none=True)
    # Skipped questions stay as empty answers (asked, not answered); a bare level is shorthand.
    # ``suggested`` is written only where true: a confirmed level is an ordinary answer.
    data["skills"] = {
        key: None
        if answer is None
        else answer.level
        if answer.evidence is None and answer.interest is None and not answer.suggested
        else answer.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        for key, answer in answers.skills.items()
    }
    # A float to the code, written as the person wrote it: 6, not 6.0. Here, not in the model:
    # the answers' fingerprint (their JSON) stays what it was for every file already made.
    person = data.get("person", {})
    if person.get("hours_per_week") is not None:
        person["hours_per_week"] = as_written(person["hours_per_week"])
    for key in ("progress", "person"):  # empty: as good as absent, and noise in a file
        if not data.get(key):
            data.pop(key, None)
    if data.get("unlisted") == "zero":
        data.pop("unlisted")  # the default: files people write by hand never need it
    return data


def dump_answers(answers: Answers) -> str:
    """YAML for an answers file; what this writes, :func:`load_answers` reads back equal."""
    head = "# " + _("careerpath answers file (see `careerpath schema answers`)") + "\n"
    return head + yaml.dump(
        _data(answers), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
    )


def rewrite_answers(text: str, name: str, answers: Answers, catalog: Catalog) -> str | None:
    """The answers file ``text`` changed to hold ``answers``, keeping what its person wrote:
    comments, layout, and their names for roles and skills. None when the file's form does not
    allow that; :func:`dump_answers` would then lose what they wrote.

    A JSON file (``name`` ends in .json) is written anew as JSON: it holds no comments."""
    data = _data(answers)
    try:
        written = parse_text(text, name).data
    except InputError:
        written = None
    person = written.get("person") if isinstance(written, dict) else None
    for key in ("current_role", "target_role"):
        old = person.get(key) if isinstance(person, dict) else None
        new = data.get("person", {}).get(key)
        if isinstance(old, str) and new and _role(old, catalog) == new:
            data["person"][key] = old  # their spelling of the same role
        elif isinstance(old, str) and new == OTHER_ROLE and _role(old, catalog) is None:
            data["person"][key] = old  # their role outside the catalogue, read as "other"
    skills = written.get("skills") if isinstance(written, dict) else None
    for key, old in skills.items() if isinstance(skills, dict) else ():
        if old is not None and key in data["skills"] and _reads_as(old, answers.skills[key]):
            data["skills"][key] = old  # their way of writing the same answer ("expert")
    if name.lower().endswith(".json"):
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    # Within skills, what the answers lack is gone: a skill not listed, a flag dropped.
    out = yaml_edit.edit(text, data, _Dumper, drop=lambda loc: loc[:1] == ("skills",))
    if out is None:
        return None
    # Kept only if it reads back as these answers, in this order.
    try:
        again = parse_answers(parse_text(out, name), catalog).answers
    except InputError:
        return None
    if again != answers or list(again.skills) != list(answers.skills):
        return None
    return out


def _reads_as(written: Any, answer: SkillAnswer | None) -> bool:
    """Whether a skill's value as the file wrote it reads as ``answer``."""
    try:
        return Answers.model_validate({"skills": {"s": written}}).skills["s"] == answer
    except ValidationError:
        return False


def _role(name: str, catalog: Catalog) -> str | None:
    return OTHER_ROLE if name.lower() == OTHER_ROLE else catalog.resolve_role(name)


def save_answers(
    answers: Answers,
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    head: str = "",
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write ``answers`` to ``path`` after ``head`` (comment lines), never over ``inputs``."""
    text = head + dump_answers(answers)
    # Never save what we could not load back.
    parse_text(text, str(path))
    return write_atomic(path, text, force=force, inputs=inputs)
