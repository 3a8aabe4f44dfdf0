"""The catalogue in other languages: load ``data/i18n/LANG/``, check it against the English
data, and give the catalogue's texts in one language.

Checks, each with its file, field and line: every id a translation names exists (a stray id is
an error, as it is most likely a typo), lists that pair with the English ones have as many
entries, a resource note or title names a resource of its step, and a translated name or
alias names one skill or role only (names of every language are found in every language, so
an answers file written in Portuguese reads the same under ``--lang en``). An entry with no
translation is a warning, and shows in English: English is the fallback.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from careerpath.documents import Document, Loc
from careerpath.errors import Problem
from careerpath.i18n import DEFAULT, N_, SUPPORTED, _
from careerpath.models.inputs import CatalogInfo, Category, Roadmap, Role, Skill
from careerpath.models.translations import (
    CatalogInfoText,
    RoadmapText,
    RoleText,
    SkillFileText,
    SkillText,
)

FOLDER = "i18n"
M = TypeVar("M", bound=BaseModel)


class Collector(Protocol):
    """The catalogue loader's problem collector (catalog.py), so that one run reports every
    problem of the English files and the translations at once."""

    problems: list[Problem]
    warnings: list[Problem]

    def name(self, path: Path) -> str: ...

    def load(self, path: Path, model: type[M]) -> tuple[Document, M] | None: ...


# The catalogue's entries by id, and its name finders (folded name -> id, and the file that
# claimed each name) with the function that claims a name and reports a clash.
English = tuple[dict[str, Category], dict[str, Skill], dict[str, Role], dict[str, Roadmap]]
Names = tuple[dict[str, str], dict[str, str]]
Register = Callable[[Any, dict[str, str], dict[str, str], Document, Loc, str, str], None]
Listing = Callable[[Path], list[Path]]


@dataclass(frozen=True)
class Translation:
    """One language's texts, keyed by the English ids."""

    lang: str
    info: CatalogInfoText | None = None
    categories: dict[str, tuple[str, str]] = field(default_factory=dict)  # id -> name, text
    skills: dict[str, SkillText] = field(default_factory=dict)
    roles: dict[str, RoleText] = field(default_factory=dict)
    roadmaps: dict[str, RoadmapText] = field(default_factory=dict)


def files(root: Path, listing: Listing) -> list[Path]:
    """Every translation file under ``root/i18n`` (what the cache key and fingerprint cover)."""
    base = root / FOLDER
    if not base.is_dir():
        return []
    found: list[Path] = []
    for lang in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        found += listing(lang)
        for sub in ("skills", "roles", "roadmaps"):
            found += listing(lang / sub)
    return found


def load(
    c: Collector,
    root: Path,
    listing: Listing,
    catalog: English,
    register: Register,
    names: tuple[Names, Names],
) -> dict[str, Translation]:
    """Every language's translation of the catalogue, checked against it."""
    base = root / FOLDER
    if not base.is_dir():
        return {}
    out: dict[str, Translation] = {}
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name not in SUPPORTED or folder.name == DEFAULT:
            c.warnings.append(
                Problem(
                    c.name(folder),
                    None,
                    "",
                    _(
                        'careerpath does not speak "{lang}" (it speaks {known}): this folder '
                        "is not read"
                    ).format(lang=folder.name, known=", ".join(SUPPORTED)),
                )
            )
            continue
        out[folder.name] = _language(c, folder, listing, catalog, register, names)
    return out


def _language(
    c: Collector,
    folder: Path,
    listing: Listing,
    catalog: English,
    register: Register,
    names: tuple[Names, Names],
) -> Translation:
    categories, skills, roles, roadmaps = catalog
    (skill_names, skill_owner), (role_names, role_owner) = names
    lang = folder.name
    info_path = folder / "catalog.yaml"
    info = None
    if info_path.exists():
        info_file = c.load(info_path, CatalogInfoText)
        info = info_file[1] if info_file else None
    t = Translation(lang=lang, info=info)

    seen_files: dict[str, str] = {}
    for path in listing(folder / "skills"):
        skill_file = c.load(path, SkillFileText)
        if not skill_file:
            continue
        doc, sf = skill_file
        cats = set()
        for skill_id, text in sf.skills.items():
            loc = ("skills", skill_id)
            if skill_id not in skills:
                c.problems.append(
                    doc.problem(loc, _('no skill "{id}" in the catalogue').format(id=skill_id))
                )
                continue
            if skill_id in seen_files:
                c.problems.append(
                    doc.problem(
                        loc,
                        _('"{id}" is translated in {file} too').format(
                            id=skill_id, file=seen_files[skill_id]
                        ),
                    )
                )
                continue
            seen_files[skill_id] = doc.name
            cats.add(skills[skill_id].category)
            t.skills[skill_id] = text
            register(c, skill_names, skill_owner, doc, (*loc, "name"), text.name, skill_id)
            for j, alias in enumerate(text.aliases):
                register(c, skill_names, skill_owner, doc, (*loc, "aliases", j), alias, skill_id)
        if len(cats) > 1:
            c.problems.append(
                doc.problem(
                    ("skills",),
                    _(
                        "skills of several categories ({categories}): one file translates "
                        "one English skills file"
                    ).format(categories=", ".join(sorted(cats))),
                )
            )
        elif cats:
            (cat,) = cats
            t.categories[cat] = (sf.category.name, sf.category.description)

    for path in listing(folder / "roles"):
        role_file = c.load(path, RoleText)
        if not role_file:
            continue
        doc, role_text = role_file
        role = roles.get(path.stem)
        if role is None:
            c.problems.append(
                doc.problem((), _('no role "{id}" in the catalogue').format(id=path.stem))
            )
            continue
        if len(role_text.responsibilities) != len(role.responsibilities):
            c.problems.append(
                doc.problem(
                    ("responsibilities",),
                    _("{count} responsibilities; the English role lists {english}").format(
                        count=len(role_text.responsibilities), english=len(role.responsibilities)
                    ),
                )
            )
            continue
        t.roles[role.id] = role_text
        register(c, role_names, role_owner, doc, ("name",), role_text.name, role.id)
        for j, alias in enumerate(role_text.aliases):
            register(c, role_names, role_owner, doc, ("aliases", j), alias, role.id)

    for path in listing(folder / "roadmaps"):
        roadmap_file = c.load(path, RoadmapText)
        if not roadmap_file:
            continue
        doc, rmt = roadmap_file
        roadmap = roadmaps.get(path.stem)
        if roadmap is None:
            c.problems.append(
                doc.problem((), _('no roadmap "{id}" in the catalogue').format(id=path.stem))
            )
            continue
        if _check_roadmap(c, doc, folder, roadmap, rmt):
            t.roadmaps[roadmap.id] = rmt

    for what, english, translated in (
        ("category", categories, t.categories),
        ("skill", skills, t.skills),
        ("role", roles, t.roles),
        ("roadmap", roadmaps, t.roadmaps),
    ):
        for entry_id in english:
            if entry_id not in translated:
                _warn(c, folder, what, entry_id)
    return t


# One whole sentence per kind of entry, so that a language can order its words.
_MISSING = {
    "category": N_('no {lang} text for the category "{id}": it shows in English'),
    "skill": N_('no {lang} text for the skill "{id}": it shows in English'),
    "role": N_('no {lang} text for the role "{id}": it shows in English'),
    "roadmap": N_('no {lang} text for the roadmap "{id}": it shows in English'),
    "phase": N_('no {lang} text for the phase "{id}": it shows in English'),
    "step": N_('no {lang} text for the step "{id}": it shows in English'),
}


def _warn(
    c: Collector,
    folder: Path,
    what: str,
    entry_id: str,
    doc: Document | None = None,
    loc: Loc = (),
) -> None:
    message = _(_MISSING[what]).format(lang=folder.name, id=entry_id)
    if doc is not None:
        c.warnings.append(doc.problem(loc, message))
        return
    c.warnings.append(Problem(c.name(folder), None, "", message))


def _check_roadmap(
    c: Collector, doc: Document, folder: Path, rm: Roadmap, text: RoadmapText
) -> bool:
    before = len(c.problems)
    phases = {p.id: p for p in rm.phases}
    for phase_id, pt in text.phases.items():
        phase = phases.get(phase_id)
        if phase is None:
            c.problems.append(
                doc.problem(
                    ("phases", phase_id),
                    _('no phase "{id}" in this roadmap').format(id=phase_id),
                )
            )
            continue
        steps = {s.id: s for s in phase.steps}
        for step_id, st in pt.steps.items():
            loc = ("phases", phase_id, "steps", step_id)
            step = steps.get(step_id)
            if step is None:
                c.problems.append(
                    doc.problem(loc, _('no step "{id}" in this phase').format(id=step_id))
                )
                continue
            if len(st.projects) != len(step.projects):
                c.problems.append(
                    doc.problem(
                        (*loc, "projects"),
                        _("{count} projects; the English step has {english}").format(
                            count=len(st.projects), english=len(step.projects)
                        ),
                    )
                )
            if st.description is not None and step.description is None:
                c.problems.append(
                    doc.problem((*loc, "description"), _("the English step has no description"))
                )
            # Notes are keyed by a resource's URL, titles by its English title.
            for name, keys, known in (
                ("resource_notes", st.resource_notes, {r.url for r in step.resources}),
                ("resource_titles", st.resource_titles, {r.title for r in step.resources}),
            ):
                for key in keys:
                    if key not in known:
                        c.problems.append(
                            doc.problem((*loc, name, key), _("not a resource of this step"))
                        )
        for step_id in steps:
            if step_id not in pt.steps:
                _warn(c, folder, "step", step_id, doc, ("phases", phase_id, "steps"))
    for phase_id in phases:
        if phase_id not in text.phases:
            _warn(c, folder, "phase", phase_id, doc, ("phases",))
    if text.summary is not None and rm.summary is None:
        c.problems.append(doc.problem(("summary",), _("the English roadmap has no summary")))
    return len(c.problems) == before


# --- one language's texts ------------------------------------------------------------------


def _aliases(text_aliases: list[str], english_name: str, english: list[str]) -> list[str]:
    """This language's aliases, then the English name and aliases, each name once."""
    out: list[str] = []
    seen: set[str] = set()
    for name in [*text_aliases, english_name, *english]:
        if name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return out


def localise(
    t: Translation,
    info: CatalogInfo,
    categories: Mapping[str, Category],
    skills: Mapping[str, Skill],
    roles: Mapping[str, Role],
    roadmaps: Mapping[str, Roadmap],
) -> tuple[
    CatalogInfo,
    dict[str, Category],
    dict[str, Skill],
    dict[str, Role],
    dict[str, Roadmap],
    dict[str, str],
]:
    """The catalogue's entries with ``t``'s texts where it has them (English elsewhere), and
    the resource notes by URL."""
    if t.info is not None:
        info = info.model_copy(
            update={"name": t.info.name, "description": t.info.description or info.description}
        )
    cats = {}
    for cid, cat in categories.items():
        text = t.categories.get(cid)
        cats[cid] = (
            cat.model_copy(update={"name": text[0], "description": text[1]}) if text else cat
        )
    out_skills = {}
    for sid, skill in skills.items():
        st = t.skills.get(sid)
        out_skills[sid] = (
            skill.model_copy(
                update={
                    "name": st.name,
                    "description": st.description,
                    "levels": list(st.levels),
                    "aliases": _aliases(st.aliases, skill.name, skill.aliases),
                }
            )
            if st
            else skill
        )
    out_roles = {}
    for rid, role in roles.items():
        rt = t.roles.get(rid)
        out_roles[rid] = (
            role.model_copy(
                update={
                    "name": rt.name,
                    "summary": rt.summary,
                    "responsibilities": list(rt.responsibilities),
                    "aliases": _aliases(rt.aliases, role.name, role.aliases),
                }
            )
            if rt
            else role
        )
    notes: dict[str, str] = {}
    out_roadmaps = {}
    for rid, rm in roadmaps.items():
        rmt = t.roadmaps.get(rid)
        out_roadmaps[rid] = _roadmap(rm, rmt, notes) if rmt else rm
    return info, cats, out_skills, out_roles, out_roadmaps, notes


def _roadmap(rm: Roadmap, text: RoadmapText, notes: dict[str, str]) -> Roadmap:
    phases = []
    for phase in rm.phases:
        pt = text.phases.get(phase.id)
        if pt is None:
            phases.append(phase)
            continue
        steps = []
        for step in phase.steps:
            st = pt.steps.get(step.id)
            if st is None:
                steps.append(step)
                continue
            notes.update(st.resource_notes)
            projects = [
                p.model_copy(update={"title": q.title, "description": q.description})
                for p, q in zip(step.projects, st.projects, strict=True)
            ]
            resources = [
                r.model_copy(update={"title": st.resource_titles[r.title]})
                if r.title in st.resource_titles
                else r
                for r in step.resources
            ]
            update: dict[str, Any] = {
                "title": st.title,
                "projects": projects,
                "resources": resources,
            }
            if st.description is not None:
                update["description"] = st.description
            steps.append(step.model_copy(update=update))
        phases.append(phase.model_copy(update={"title": pt.title, "goal": pt.goal, "steps": steps}))
    update = {"title": text.title, "phases": phases}
    if text.summary is not None:
        update["summary"] = text.summary
    return rm.model_copy(update=update)
