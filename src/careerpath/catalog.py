"""Find, load and cross-check the catalogue: skills, roles and roadmaps.

The catalogue is data people edit without opening Python, so loading reports every problem at
once, each with its file, field and line, and checks every cross-reference.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from careerpath import __version__, translation
from careerpath.commands import next_command
from careerpath.documents import Document, Loc, read_document, validate
from careerpath.errors import (
    CareerPathError,
    InputError,
    NotFoundError,
    Option,
    Problem,
    sentence,
)
from careerpath.i18n import DEFAULT as DEFAULT_LANGUAGE
from careerpath.i18n import _, ngettext
from careerpath.models import CatalogInfo, Category, Roadmap, Role, Skill, SkillFile, SkillSpec
from careerpath.models.outputs import CatalogCheck, CatalogProblem
from careerpath.names import fold, spellings
from careerpath.profile import UNKNOWN_SKILL, UNKNOWN_SKILL_HINT
from careerpath.settings import DATA_ENV, Settings
from careerpath.translation import Translation, localise

_HERE = Path(__file__).resolve().parent
M = TypeVar("M", bound=BaseModel)


def _bundled(name: str) -> Path:
    """A folder shipped with the tool: inside the installed package, else the source tree."""
    for candidate in (_HERE / f"_{name}", _HERE.parents[1] / name):
        if candidate.is_dir():
            return candidate
    message = _(
        "cannot find the bundled {name}/ folder (looked in {installed} and {source}); "
        "reinstall careerpath"
    )
    raise CareerPathError(
        message.format(name=name, installed=_HERE / f"_{name}", source=_HERE.parents[1] / name)
    )


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir``, else ``$CAREERPATH_DATA``, else the bundled catalogue."""
    chosen = explicit or Settings.read().data_dir
    if chosen is None:
        return _bundled("data")
    path = Path(chosen)
    if not path.is_dir():
        source = Option("data_dir") if explicit else DATA_ENV
        message = _("catalogue folder not found (from {source})")
        raise InputError.single(path, sentence(message, source=source))
    return path


def writable_by_others(root: str | os.PathLike[str]) -> list[Path]:
    """The folders of the catalogue at ``root`` (itself included) and its files that other
    users may write to: any of them could change, add or swap what careerpath reads. A
    sticky folder of ours (like /tmp, o+t) is spared: others cannot rename or remove in it."""
    found: list[Path] = []
    me = os.geteuid()

    def check(path: Path, is_dir: bool) -> None:
        try:
            st = os.stat(path)
        except OSError:
            return  # gone or unreadable: loading says so, if it matters
        if not st.st_mode & stat.S_IWOTH:
            return
        if is_dir and st.st_mode & stat.S_ISVTX and st.st_uid == me:
            return
        found.append(path)

    seen: set[Path] = set()
    # The folders loading reads (skills/ may be a link: its target counts), then the rest.
    tops = [Path(root), *(Path(root) / sub for sub in ("skills", "roles", "roadmaps"))]
    walked = []
    for top, dirs, _files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # .git and the like: not read
        walked.append(Path(top))
    for folder in [*tops, *walked]:
        real = folder.resolve()
        if real in seen or not folder.is_dir():
            continue
        seen.add(real)
        check(folder, True)
        for entry in _yaml_files(folder):
            check(entry, False)
    return found


_CHECKED: set[Path] = set()


def chosen_catalog(explicit: str | os.PathLike[str] | None = None) -> tuple[Catalog, list[str]]:
    """The catalogue a command runs on (see :func:`data_dir`) and, once a process, warnings
    if one the user chose can be changed by other users: anyone on the machine could then
    alter the roles, levels and links everyone is shown. (The bundled one is the
    installer's business.)"""
    catalog = load_catalog(explicit)
    if not (explicit or Settings.read().data_dir) or catalog.root in _CHECKED:
        return catalog, []
    _CHECKED.add(catalog.root)
    exposed = writable_by_others(catalog.root)
    warnings = [
        f"{path}: other users can write to it, so anyone could change the catalogue "
        f"careerpath reads; fix it with `chmod o-w {path}`"
        for path in exposed[:5]
    ]
    if len(exposed) > 5:
        more = len(exposed) - 5
        warnings.append(f"and {more} more; fix them all with `chmod -R o-w {catalog.root}`")
    return catalog, warnings


def templates_dir() -> Path:
    return _bundled("templates")


# Words that tell nothing about which entry a name means ("gestão de requisitos").
_MINOR_WORDS = frozenset(
    {"a", "an", "and", "for", "in", "of", "on", "the", "to"}  # English
    | {"com", "da", "das", "de", "do", "dos", "e", "em", "para"}  # Portuguese
)
# How alike (difflib's ratio, 0-1) a name and an entry must be as a whole to be weighed
# ("docker containers" and the alias "containers": 0.74), and each word they do not share
# (``_alike_words``): typos ("pyhton", "kubernetse", "exel") are 0.83-0.9, while "Negociação"
# and "anotação" (data-labelling), 0.67, or "mlops" and the alias "mlp" (neural networks),
# 0.75, are different words.
SUGGEST_CUTOFF = 0.6
SUGGESTIONS_WEIGHED = 10  # the most similar names checked word by word
WORD_CUTOFF = 0.8


def closest(name: str, candidates: Iterable[str] | Mapping[str, str]) -> str | None:
    """The candidate closest to a name that is not one of them, or None. A mapping of names
    to ids (the catalogue's folded names) matches on the names and gives the id; any other
    iterable, a mapping keyed by id included, gives its keys. Compared folded (see
    :func:`fold`); an entry whose name holds every telling word of ``name`` ("gestão de
    requisitos" in "Gestão de requisitos e de stakeholders") comes first if it is the only
    one (several: no suggestion, the word is too general to guess from), else the most alike by
    spelling.

    One standard for every "did you mean" (skills, roles, keys, steps): similar as a whole
    (SUGGEST_CUTOFF), and, where both names have words the other lacks, each such word like
    one of the other's (a typo, or the start of it: "vis" for "visualisation"), so that a
    shared word does not make two names look alike: "Analytics Engineer" is not "AI
    Engineer", nor "sql server" "ML Researcher", while "Data Enginer" is "Data Engineer"."""
    names: dict[str, str]
    if isinstance(candidates, Mapping) and all(isinstance(v, str) for v in candidates.values()):
        names = {fold(key): ref for key, ref in candidates.items()}
    else:
        names = {fold(c): c for c in candidates}
    query = fold(name)
    words = set(query.split()) - _MINOR_WORDS
    if words:
        holding = {ref for key, ref in names.items() if words <= set(key.split())}
        if len(holding) == 1:
            return holding.pop()
        if holding:  # a word several entries share ("monitoring", "research"): no guess
            return None
    similar = difflib.get_close_matches(
        query, sorted(names), n=SUGGESTIONS_WEIGHED, cutoff=SUGGEST_CUTOFF
    )
    close = next((c for c in similar if _alike_words(query, c)), None)
    return names[close] if close is not None else None


def _alike_words(a: str, b: str) -> bool:
    """Each word of ``a`` or ``b`` (both folded, as ``closest`` has them) that the other lacks
    is like one the other lacks, or one of them lacks none (a word added or left out)."""
    words_a, words_b = a.split(), b.split()
    only_a = [w for w in words_a if w not in words_b]
    only_b = [w for w in words_b if w not in words_a]
    if not only_a or not only_b:
        return True

    def like(x: str, y: str) -> bool:
        short, long = sorted((x, y), key=len)
        # A word of three letters has no telling typo: "phd" is not the alias "pd" (pandas).
        return long.startswith(short) or (
            len(short) > 3 and difflib.SequenceMatcher(None, x, y).ratio() >= WORD_CUTOFF
        )

    return all(any(like(x, y) for y in only_b) for x in only_a) and all(
        any(like(x, y) for x in only_a) for y in only_b
    )


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, used as a cache key
class Catalog:
    root: Path
    info: CatalogInfo
    categories: dict[str, Category]
    skills: dict[str, Skill]
    roles: dict[str, Role]
    roadmaps: dict[str, Roadmap]
    fingerprint: str
    warnings: tuple[Problem, ...] = ()
    _skill_names: dict[str, str] = field(default_factory=dict, repr=False)
    _role_names: dict[str, str] = field(default_factory=dict, repr=False)
    # The texts of every other language (names of all of them are in _skill_names and
    # _role_names), this copy's language, and its resource notes by URL.
    translations: dict[str, Translation] = field(default_factory=dict, repr=False)
    language: str = DEFAULT_LANGUAGE
    resource_notes: dict[str, str] = field(default_factory=dict, repr=False)
    _in_language: dict[str, Catalog] = field(default_factory=dict, repr=False, compare=False)
    _english: Catalog | None = field(default=None, repr=False, compare=False)

    def in_language(self, lang: str) -> Catalog:
        """This catalogue with ``lang``'s texts (English where it has none, and for a language
        it has no translation for). Same ids, levels, scores and fingerprint: only what people
        read changes."""
        english = self._english or self
        if lang == self.language:
            return self
        if lang not in english.translations:
            return english
        if lang not in english._in_language:
            info, categories, skills, roles, roadmaps, notes = localise(
                english.translations[lang],
                english.info,
                english.categories,
                english.skills,
                english.roles,
                english.roadmaps,
            )
            english._in_language[lang] = replace(
                english,
                info=info,
                categories=categories,
                skills=skills,
                roles=roles,
                roadmaps=roadmaps,
                language=lang,
                resource_notes=notes,
                _in_language=english._in_language,
                _english=english,
            )
        return english._in_language[lang]

    @property
    def version(self) -> str:
        return self.info.version

    def resolve_skill(self, name: str) -> str | None:
        """The skill id for an id, name or alias in any case, or None."""
        return self._skill_names.get(fold(name))

    def closest_skill(self, name: str) -> str | None:
        """The id of the skill an unknown name most likely means, or None."""
        return closest(name, self._skill_names)

    def closest_role(self, name: str) -> str | None:
        """The id of the role an unknown name most likely means, or None."""
        return closest(name, self._role_names)

    def suggest_skill(self, name: str) -> str | None:
        """What "did you mean" shows for an unknown skill name: the name of the skill it most
        likely means in this catalogue's language (what the person can write), or None."""
        skill_id = self.closest_skill(name)
        return self.skills[skill_id].name if skill_id else None

    def suggest_role(self, name: str) -> str | None:
        """The same for a role (see :meth:`suggest_skill`)."""
        role_id = self.closest_role(name)
        return self.roles[role_id].name if role_id else None

    def skill(self, name: str) -> Skill:
        skill_id = self.resolve_skill(name)
        if skill_id is None:
            close = self.suggest_skill(name)
            if close:
                message = _('unknown skill "{name}"; did you mean "{close}"?')
            else:
                message = _('unknown skill "{name}"')
            raise NotFoundError(message.format(name=name, close=close))
        return self.skills[skill_id]

    def resolve_role(self, name: str) -> str | None:
        return self._role_names.get(fold(name))

    def role(self, name: str) -> Role:
        role_id = self.resolve_role(name)
        if role_id is None:
            raise NotFoundError(self.unknown_role(name))
        return self.roles[role_id]

    def unknown_role(self, name: str) -> str:
        """Why ``name`` names no role: the role it most likely means, and every role by its
        name in this catalogue's language, with its id (both are accepted)."""
        close = self.suggest_role(name)
        if close:
            message = _('unknown role "{name}"; did you mean "{close}"? (roles: {known})')
        else:
            message = _('unknown role "{name}" (roles: {known})')
        known = ", ".join(f"{role.name} ({role.id})" for role in self.roles.values())
        return message.format(name=name, close=close, known=known)

    def roadmap(self, roadmap_id: str) -> Roadmap:
        if roadmap_id not in self.roadmaps:
            close = closest(roadmap_id, self.roadmaps)
            if close:
                message = _('unknown roadmap "{id}"; did you mean "{close}"? (see `{command}`)')
            else:
                message = _('unknown roadmap "{id}" (see `{command}`)')
            command = next_command("roadmaps")
            raise NotFoundError(message.format(id=roadmap_id, close=close, command=command))
        return self.roadmaps[roadmap_id]

    def roadmap_for(self, from_role: str, to_role: str) -> Roadmap | None:
        for roadmap in self.roadmaps.values():
            if roadmap.from_role == from_role and roadmap.to_role == to_role:
                return roadmap
        return None

    def skills_in(self, category: str) -> list[Skill]:
        return [s for s in self.skills.values() if s.category == category]


# --- loading -------------------------------------------------------------------------------


class _Collector:
    """Gathers problems across files so that one run reports all of them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def name(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root.parent))
        except ValueError:
            return str(path)

    def load(self, path: Path, model: type[M]) -> tuple[Document, M] | None:
        try:
            doc = read_document(path, self.name(path))
            return doc, validate(doc, model)
        except InputError as exc:
            self.problems.extend(exc.problems)
            return None


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml", ".json"))


def _fingerprint(root: Path, files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.relative_to(root).as_posix()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def load_catalog(data: str | os.PathLike[str] | None = None, lang: str | None = None) -> Catalog:
    """Load and cross-check the catalogue in ``data`` (see :func:`data_dir`), with the texts
    of ``lang`` (default: the language careerpath speaks now, :func:`i18n.current`). Cached."""
    from careerpath import i18n

    lang = lang or i18n.current()
    # Loaded per language too: its problems and warnings are written in the language.
    return _load(data_dir(data).resolve(), i18n.current()).in_language(lang)


# A catalogue's folded names -> ids, and which file claimed each (for the clash message).
Names = tuple[dict[str, str], dict[str, str]]
Found = tuple[Path, list[Path], list[Path], list[Path], list[Path]]


def _files(root: Path) -> Found:
    """The catalogue's files: catalog.yaml (may be missing), skills, roles, roadmaps and
    translations."""
    skill_files = _yaml_files(root / "skills")
    if (root / "skills.yaml").exists():
        skill_files.append(root / "skills.yaml")
    return (
        root / "catalog.yaml",
        skill_files,
        _yaml_files(root / "roles"),
        _yaml_files(root / "roadmaps"),
        translation.files(root, _yaml_files),
    )


@cache
def _load(root: Path, messages_lang: str) -> Catalog:
    from careerpath import catalog_cache

    found = _files(root)
    if not catalog_cache.enabled():
        return _build(root, found)
    try:
        key = catalog_cache.key(root, existing(found))
    except OSError:  # a file vanished or cannot be read: loading names it properly
        return _build(root, found)
    cached = catalog_cache.read(root, key)
    if cached is not None:
        return cached
    catalog = _build(root, found)
    catalog_cache.write(root, key, catalog)
    return catalog


def existing(found: Found) -> list[Path]:
    """Every catalogue file of :func:`_files` that is there (catalog.yaml is optional)."""
    info_path, *groups = found
    return [p for p in (info_path,) if p.exists()] + [p for group in groups for p in group]


def _build(root: Path, found: Found) -> Catalog:
    c = _Collector(root)
    info_path, skill_files, role_files, roadmap_files, _translations = found
    info = CatalogInfo(name=root.name, version="unversioned")
    if info_path.exists():
        loaded_info = c.load(info_path, CatalogInfo)
        if loaded_info:
            info = loaded_info[1]

    if not skill_files:
        c.problems.append(Problem(c.name(root), None, "", _("no skills found (skills/*.yaml)")))
    if not role_files:
        c.problems.append(Problem(c.name(root), None, "", _("no roles found (roles/*.yaml)")))

    categories, skills, skill_names = _load_skills(c, skill_files)
    roles, role_names = _load_roles(c, role_files, skills)
    roadmaps = _load_roadmaps(c, roadmap_files, skills, roles)
    translations = translation.load(
        c,
        root,
        _yaml_files,
        (categories, skills, roles, roadmaps),
        _register,
        (skill_names, role_names),
    )

    if c.problems:
        raise InputError(c.problems)
    # What scores and plans depend on: translations change only words, so they leave the
    # fingerprint (which reports and `compare` check) as it is. The cache key covers them.
    english = existing((*found[:4], []))
    return Catalog(
        root=root,
        info=info,
        categories=dict(sorted(categories.items(), key=lambda kv: (kv[1].order, kv[0]))),
        skills=_ordered_skills(skills, categories),
        roles=dict(sorted(roles.items())),
        roadmaps=dict(sorted(roadmaps.items())),
        fingerprint=_fingerprint(root, english),
        warnings=tuple(sorted(c.warnings)),
        _skill_names=skill_names[0],
        _role_names=role_names[0],
        translations=translations,
    )


def _ordered_skills(skills: dict[str, Skill], categories: dict[str, Category]) -> dict[str, Skill]:
    # Questionnaire order: category order, then the order of the file (kept by dict insertion).
    rank = {cid: (cat.order, cid) for cid, cat in categories.items()}
    position = {sid: i for i, sid in enumerate(skills)}
    ordered = sorted(skills.values(), key=lambda s: (rank[s.category], position[s.id]))
    return {s.id: s for s in ordered}


def _register(
    c: _Collector,
    names: dict[str, str],
    owner: dict[str, str],
    doc: Document,
    loc: Loc,
    name: str,
    ref: str,
) -> None:
    for spelling in spellings(name):  # "Engenheiro(a)" names "Engenheira" too
        key = fold(spelling)
        if key in names and names[key] != ref:
            message = _('"{name}" already names {id} (in {file})')
            c.problems.append(
                doc.problem(loc, message.format(name=spelling, id=names[key], file=owner[key]))
            )
            return
        names[key] = ref
        owner[key] = doc.name


def _register_all(
    c: _Collector,
    names: dict[str, str],
    owner: dict[str, str],
    doc: Document,
    loc: Loc,
    entry: SkillSpec | Role,
) -> None:
    """Make an entry findable by its id, name and aliases (any case)."""
    _register(c, names, owner, doc, (*loc, "id"), entry.id, entry.id)
    _register(c, names, owner, doc, (*loc, "name"), entry.name, entry.id)
    for j, alias in enumerate(entry.aliases):
        _register(c, names, owner, doc, (*loc, "aliases", j), alias, entry.id)


def _load_skills(
    c: _Collector, files: list[Path]
) -> tuple[dict[str, Category], dict[str, Skill], Names]:
    categories: dict[str, Category] = {}
    skills: dict[str, Skill] = {}
    names: dict[str, str] = {}
    owner: dict[str, str] = {}
    for path in files:
        loaded = c.load(path, SkillFile)
        if not loaded:
            continue
        doc, sf = loaded
        cat = sf.category
        if cat.id in categories:
            message = _('duplicate category "{id}"').format(id=cat.id)
            c.problems.append(doc.problem(("category", "id"), message))
        categories[cat.id] = cat
        for i, spec in enumerate(sf.skills):
            loc = ("skills", i)
            if spec.id in skills:
                message = _('duplicate skill id "{id}"').format(id=spec.id)
                c.problems.append(doc.problem((*loc, "id"), message))
                continue
            skills[spec.id] = Skill(**spec.model_dump(), category=cat.id)
            _register_all(c, names, owner, doc, loc, spec)
            if len(set(spec.levels)) < 5:
                c.problems.append(
                    doc.problem(
                        (*loc, "levels"), _("level descriptors must differ from each other")
                    )
                )
    return categories, skills, (names, owner)


def _load_roles(
    c: _Collector, files: list[Path], skills: dict[str, Skill]
) -> tuple[dict[str, Role], Names]:
    roles: dict[str, Role] = {}
    names: dict[str, str] = {}
    owner: dict[str, str] = {}
    for path in files:
        loaded = c.load(path, Role)
        if not loaded:
            continue
        doc, role = loaded
        if role.id in roles:
            c.problems.append(
                doc.problem(("id",), _('duplicate role id "{id}"').format(id=role.id))
            )
            continue
        roles[role.id] = role
        _register_all(c, names, owner, doc, (), role)
        if skills:
            for skill_id in role.skills:
                if skill_id not in skills:
                    c.problems.append(
                        doc.problem(("skills", skill_id), _unknown_skill(skill_id, skills))
                    )
        if not any(rs.essential for rs in role.skills.values()):
            c.warnings.append(doc.problem(("skills",), _("no skill is marked essential")))
    # A skill no role uses is asked in the questionnaire and counts for nothing.
    used = {skill_id for role in roles.values() for skill_id in role.skills}
    for skill_id, skill in skills.items():
        if roles and skill_id not in used:
            c.warnings.append(
                Problem(
                    c.name(c.root / "skills"),
                    None,
                    skill_id,
                    _(
                        "{name} is used by no role: people are asked about it and it counts "
                        "for nothing; add it to a role, or remove it"
                    ).format(name=skill.name),
                )
            )
    return roles, (names, owner)


def _load_roadmaps(
    c: _Collector, files: list[Path], skills: dict[str, Skill], roles: dict[str, Role]
) -> dict[str, Roadmap]:
    roadmaps: dict[str, Roadmap] = {}
    for path in files:
        loaded = c.load(path, Roadmap)
        if not loaded:
            continue
        doc, roadmap = loaded
        if roadmap.id in roadmaps:
            message = _('duplicate roadmap id "{id}"').format(id=roadmap.id)
            c.problems.append(doc.problem(("id",), message))
            continue
        before = len(c.problems)
        _check_roadmap(c, doc, roadmap, skills, roles)
        if len(c.problems) == before:
            roadmaps[roadmap.id] = roadmap
    return roadmaps


def _check_roadmap(
    c: _Collector, doc: Document, rm: Roadmap, skills: dict[str, Skill], roles: dict[str, Role]
) -> None:
    for key in ("from_role", "to_role"):
        role_id = getattr(rm, key)
        if roles and role_id not in roles:
            close = closest(role_id, roles)
            message = _('unknown role; did you mean "{name}"?') if close else _("unknown role")
            c.problems.append(doc.problem((key,), message.format(name=close)))
    if rm.from_role == rm.to_role:
        c.problems.append(doc.problem(("to_role",), _("a roadmap must lead to another role")))
    where: dict[str, Loc] = {}
    phase_ids: set[str] = set()
    for p, phase in enumerate(rm.phases):
        if phase.id in phase_ids:
            message = _('duplicate phase id "{id}"').format(id=phase.id)
            c.problems.append(doc.problem(("phases", p, "id"), message))
        phase_ids.add(phase.id)
        for s, step in enumerate(phase.steps):
            loc = ("phases", p, "steps", s)
            if step.id in where:
                message = _('duplicate step id "{id}"').format(id=step.id)
                c.problems.append(doc.problem((*loc, "id"), message))
            where[step.id] = loc
            for skill_id in step.teaches:
                if skills and skill_id not in skills:
                    message = _unknown_skill(skill_id, skills)
                    c.problems.append(doc.problem((*loc, "teaches", skill_id), message))
    steps = {step.id: step for step in rm.steps()}
    phase_of = {step.id: p for p, phase in enumerate(rm.phases) for step in phase.steps}
    for step in rm.steps():
        for i, pre in enumerate(step.prerequisites):
            if pre in phase_of and phase_of[pre] > phase_of[step.id]:
                # Phases run in order: a prerequisite from a later phase cannot come first.
                c.problems.append(
                    doc.problem(
                        (*where[step.id], "prerequisites", i),
                        _(
                            'step "{step}" is in a later phase ("{phase}"); '
                            "move one of the two steps"
                        ).format(step=pre, phase=rm.phases[phase_of[pre]].id),
                    )
                )
            if pre not in steps:
                close = closest(pre, steps)
                if close:
                    message = _('unknown step "{step}"; did you mean "{close}"?')
                else:
                    message = _('unknown step "{step}"')
                c.problems.append(
                    doc.problem(
                        (*where[step.id], "prerequisites", i),
                        message.format(step=pre, close=close),
                    )
                )
    cycle = find_cycle(
        {sid: [p for p in st.prerequisites if p in steps] for sid, st in steps.items()}
    )
    if cycle:
        c.problems.append(
            doc.problem(
                (*where[cycle[0]], "prerequisites"),
                _("prerequisite cycle: {steps}").format(steps=" -> ".join([*cycle, cycle[0]])),
            )
        )
    target = roles.get(rm.to_role)
    if target is not None:
        taught = {sid for step in rm.steps() for sid in step.teaches}
        missing = sorted(s for s, rs in target.skills.items() if rs.essential and s not in taught)
        if missing:
            c.warnings.append(
                doc.problem(
                    ("phases",),
                    ngettext(
                        "never teaches an essential skill of {role}: {skills}",
                        "never teaches essential skills of {role}: {skills}",
                        len(missing),
                    ).format(role=target.name, skills=", ".join(missing)),
                )
            )


def _unknown_skill(skill_id: str, skills: Mapping[str, Skill]) -> str:
    close = closest(skill_id, skills)
    return _(UNKNOWN_SKILL_HINT).format(name=close) if close else _(UNKNOWN_SKILL)


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """One cycle in ``node -> prerequisites``, as a list of nodes, or None. Iterative DFS."""
    state: dict[str, int] = {}  # 1 on the current path, 2 finished
    for start in sorted(graph):
        if state.get(start):
            continue
        path: list[str] = []
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0:
                state[node] = 1
                path.append(node)
            edges = graph.get(node, [])
            if i < len(edges):
                stack.append((node, i + 1))
                nxt = edges[i]
                if state.get(nxt) == 1:
                    return path[path.index(nxt) :]
                if not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
    return None


def check_summary(catalog: Catalog) -> CatalogCheck:
    """What ``careerpath validate`` reports about a catalogue that loaded."""
    return CatalogCheck(
        tool_version=__version__,
        root=str(catalog.root),
        name=catalog.info.name,
        version=catalog.version,
        fingerprint=catalog.fingerprint,
        categories=len(catalog.categories),
        skills=len(catalog.skills),
        roles=len(catalog.roles),
        roadmaps=len(catalog.roadmaps),
        warnings=[
            CatalogProblem(file=w.file, line=w.line, field=w.field, message=w.message)
            for w in catalog.warnings
        ],
    )
