"""A job posting as a role: the skills it asks for, how much, the catalogue role it is closest
to, and how a person measures up to it.

Profile. The catalogue skills found in the posting (``extraction.find_skills``) each get an
importance (1-5), a required level (1-4) and an essential flag from how the text asks, read
passage by passage: the section a passage is under (its heading) and cue words in the clause
(the part of the sentence between semicolons) that names the skill.

- Sections: "Must have", "Required", "Minimum/Basic qualifications" are *must*; "Requirements",
  "Qualifications", "What you'll bring", "About you", "Skills" are *required*; "Responsibilities",
  "What you'll do", "The role" are *core*; "Nice to have", "Bonus", "Preferred", "Desirable"
  are *nice*; "About us", "Benefits", "What we offer", "How to apply" are *other* and ask
  for nothing (a company describing itself is not a requirement). Before any heading: *body*.
  The first short line above every heading (within the first three passages, and not a
  page's navigation trail such as "Home | Jobs") is the posting's *title*.
- Level (the rule of ``benchmarks/validation/README.md``): 4 for "expert", "expertise",
  "deep", "advanced", "extensive", "mastery", "in-depth", "lead"; 3 for "strong",
  "proficient", "solid", "excellent", "hands-on", "proven", "N+ years" of experience (N >= 2,
  read as a CV's years are: "5+ years of SQL", not "10 years of customer data"), or a core
  responsibility or the title; 1 for "familiarity", "exposure", "understanding of",
  "awareness", "basic"; 2 for anything else asked for plainly.
- Importance: title and must 5, core and required 4, body 3; one more (at most 5) for a
  must cue ("must", "required", "essential", "mandatory") or a strength cue (levels 3-4 above),
  at most 2 with a weak cue (level 1 above).
- Nice to have (the section, or "nice to have", "a plus", "bonus", "preferred", "ideally",
  "desirable", "an advantage" in the clause): importance 1, level 1, whatever else is said.
- Essential: named in the title, under a must heading, or with a must cue.
- Every language careerpath speaks: the headings and cues are data, one list per language
  (``HEADINGS``, ``MUST_WORDS`` and their neighbours), all read in every posting, so that a
  Portuguese one reads as its English original: "Requisitos", "Qualificações" are
  *required*, "Requisitos obrigatórios", "Imprescindível" *must*, "Responsabilidades",
  "Atividades", "Atribuições" *core*, "Desejável", "Diferenciais" *nice*, "Sobre nós",
  "Benefícios" *other*; "obrigatório", "imprescindível" are must cues, "desejável",
  "diferencial", "é um plus" nice ones, "sólida", "avançado", "especialista", "noções de",
  "familiaridade" strength and weak ones; "5+ anos de experiência" asks for years.
- A skill met in several passages keeps the highest importance and level of them (the
  validation set's convention: the stronger ask wins); nice-to-have only if every one is.

Closest role: the posting's required levels (0 for skills it does not ask for), scored as a
person's profile against every catalogue role with the scoring kernel (``scoring.measures``),
ranked by fit as ``assess`` ranks a person; but a title that names a catalogue role (its name
or an alias of four letters or more, as whole words: "Senior Data Engineer", "Lead MLOps
Engineer", "Research Scientist") puts that role first, the employer's own word for the job
(of several roles named, the one of highest fit), the others following by fit.

A person against the posting: the posting becomes one more role (``models.Role``, its skills
as ``RoleSkill`` importance, level, essential) of a copy of the catalogue, and the person is
scored with ``scoring.assess`` on that copy: the same fit, readiness and gap ranking
(importance x levels missing) as for any role. The plan: the curated roadmaps into the closest
role, restricted to the steps that teach a skill the posting asks for at a level the person
does not have yet, and ordered (within a phase, prerequisites still first) by the posting's
importance of what they teach (a project step only when the plan teaches, or the person
has, every skill it uses); else, or when the person starts from the closest role, the
planner's generated plan from the gaps.
Both are scheduled by ``planner.build_plan`` as any plan is.

scikit-learn (inside ``extraction``) and numpy are imported only when a posting is read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from careerpath.catalog import Catalog
from careerpath.commands import next_command
from careerpath.document_text import DocumentText, Passage
from careerpath.errors import InputError, NothingToPlan, UsageError
from careerpath.i18n import _
from careerpath.models import Phase, Roadmap, Role, RoleSkill
from careerpath.models.outputs import (
    Assessment,
    Plan,
    PostingEvidence,
    PostingMatch,
    PostingProfile,
    PostingReadiness,
    PostingSkill,
    RoleFit,
    Section,
)
from careerpath.names import as_written, fold, title_pattern
from careerpath.profile import Profile

if TYPE_CHECKING:
    from careerpath.extraction import Finding
    from careerpath.planner import PlanOptions

    Finder = Callable[[DocumentText, Catalog], Sequence[Finding]]

POSTING_ROLE = "posting"  # the posting's id as a role in the copy of the catalogue
TITLE_WORDS = 14  # a first line longer than this is prose, not a title
TITLE_LINES = 3  # the title is among the first passages (after a page's navigation)
HEADING_WORDS = 7

# Headings and cues, in each language careerpath speaks (a posting in any of them is read
# by all of them, as its names are). They are matched on the folded text (``names.fold``:
# no accents, lower case), so the Portuguese ones are written without accents.
#
# Headings, checked in this order (a "Preferred qualifications" heading is nice, not required).
HEADINGS: dict[str, dict[Section, str]] = {
    "en": {
        "nice": r"\b(nice[ -]to[ -]haves?|bonus|preferred|desirable|desired|pluses|plus points|"
        r"good to have|extra credit|extras|optional|not required|ideally|would be great)\b",
        "other": r"\b(about (us|the company|the team)|who we are|benefits|perks|what we offer|"
        r"we offer|compensation|salary|how to apply|equal opportunit\w*|diversity|culture|"
        r"why join|why you(?:'|’)?ll love|location|our mission|about (?!you\b)[a-z]+$)\b",
        "must": r"\b(must[ -]haves?|must have|required|mandatory|essential|minimum|"
        r"basic qualifications|non-negotiables?)\b",
        "core": r"\b(responsibilities|what you(?:'|’)?ll do|what you will do|the role|your role|"
        r"in this role|duties|day[ -]to[ -]day|your mission|what you(?:'|’)?ll work on|"
        r"key tasks|your impact|the job|tasks|you will|job purpose|the project|"
        r"what you(?:'|’)?ll own|what you will own|what the job involves)\b",
        "required": r"\b(requirements|qualifications|what you(?:'|’)?ll (bring|need)|"
        r"what you will bring|what we(?:'|’)?re looking for|what we look for|"
        r"who you are|about you|you have|you bring|your profile|profile|skills|"
        r"what you need|what we need|person specification|who should apply|"
        r"experience|your background|tech stack|our stack|stack|tools)\b",
    },
    "pt-BR": {
        "nice": r"\b(desejaveis|desejavel|diferenciais|diferencial|seria (bom|otimo|legal)|"
        r"pontos? extras?|nao obrigatorios?|opcionais|opcional)\b",
        "other": r"\b(sobre (nos|a empresa|o time|a equipe)|quem somos|beneficios|"
        r"o que oferecemos|oferecemos|remuneracao|salario|como se candidatar|"
        r"como participar|local de trabalho|localizacao|nossa missao|nossa cultura|"
        r"diversidade|por que (trabalhar|fazer parte)|modelo de trabalho|"
        r"sobre (a |o )?(?!(vaga|oportunidade|voce|cargo|posicao)\b)[a-z]+$)\b",
        "must": r"\b(requisitos obrigatorios|obrigatorios?|imprescindiveis|imprescindivel|"
        r"indispensaveis|indispensavel|essenciais|requisitos minimos|minimos?)\b",
        "core": r"\b(responsabilidades|atividades|atribuicoes|o que voce (vai|ira) fazer|"
        r"o que voce fara|no dia a dia|seu dia a dia|sua missao|seus desafios|desafios|"
        r"sobre a vaga|a vaga|a oportunidade|sua rotina)\b",
        "required": r"\b(requisitos|qualificacoes|o que (buscamos|procuramos|esperamos)|"
        r"o que voce (precisa|traz)|quem (e voce|voce e|buscamos|procuramos)|sobre voce|perfil|"
        r"habilidades|competencias|conhecimentos|experiencias?|formacao|stack|ferramentas|"
        r"tecnologias)\b",
    },
}
_HEADING_ORDER: tuple[Section, ...] = ("nice", "other", "must", "core", "required")
_HEADINGS = tuple(
    (kind, re.compile("|".join(words[kind] for words in HEADINGS.values())))
    for kind in _HEADING_ORDER
)
NICE_WORDS = {
    "en": r"nice[ -]to[ -]have|a (big |real )?plus|bonus|preferred|preferably|ideally|"
    r"desirable|not required|would be (great|nice)|good to have|an advantage|advantageous|"
    r"pluses",
    "pt-BR": r"desejave(l|is)|diferencia(l|is)|(e|sera|seria) (um )?(grande )?plus|um plus|"
    r"nao (e )?obrigatori[oa]s?|preferencialmente|de preferencia|idealmente|"
    r"(sera|seria) (um )?(bom|otimo|legal)",
}
EXPERT_WORDS = {
    "en": r"expert|experts|expertise|deep|deeply|advanced|extensive|mastery|in[ -]depth|"
    r"lead|leading",
    "pt-BR": r"especialistas?|avancad[oa]s?|profund[oa]s?|dominio|amplo conhecimento|"
    r"amplos conhecimentos|ampla experiencia|lideranca|liderar",
}
STRONG_WORDS = {
    "en": r"strong|proficient|proficiency|solid|excellent|very good|hands-on|hands on|proven|"
    r"thorough|fluent|fluency",
    "pt-BR": r"solid[oa]s?|bons conhecimentos|bom conhecimento|boa experiencia|comprovad[oa]s?|"
    r"proficiencia|fluente|fluencia|excelentes?|experiencia pratica|hands-on",
}
WEAK_WORDS = {
    "en": r"familiar|familiarity|exposure|understanding of|awareness|basic|basics|"
    r"some knowledge|interest in",
    "pt-BR": r"familiaridade|familiarizad[oa]s?|nocoes|nocao|basic[oa]s?|algum conhecimento|"
    r"interesse em",
}
MUST_WORDS = {
    "en": r"must|required|requires|essential|mandatory|need to have",
    "pt-BR": r"obrigatori[oa]s?|imprescindive(l|is)|indispensave(l|is)|essencia(l|is)|"
    r"necessari[oa]s?",
}


def _cues(words: dict[str, str]) -> re.Pattern[str]:
    return re.compile(rf"\b({'|'.join(words.values())})\b")


_NICE = _cues(NICE_WORDS)
_EXPERT = _cues(EXPERT_WORDS)
# "N+ years" asks for strength from two years up ("1 year of X" is asked for plainly).
STRONG_YEARS = 2
_STRONG = _cues(STRONG_WORDS)
_WEAK = _cues(WEAK_WORDS)
_MUST = _cues(MUST_WORDS)
_CLAUSE = re.compile(r";|\s[–—]\s")
_LABEL = re.compile(r"^([^:]{1,60}):\s*(.*)$")
_MARKUP = re.compile(r"[*_`#]+")
_NAVIGATION = re.compile(r"[|»›>·]")

SECTION_BASE: dict[Section, int] = {
    "title": 5,
    "must": 5,
    "core": 4,
    "required": 4,
    "body": 3,
    "nice": 1,
    "other": 0,
}


# --- reading the posting -------------------------------------------------------------------


# Every word of a heading without a colon is one of these: "Experience with Spark" is a
# requirement, "Experience" a heading.
_HEADING_TEXT = (
    "a about additional and apply are basic benefits bonus bring company core culture day "
    "desirable desired do duties essential experience extras for good have how ideal ideally "
    "impact in involves is job key ll looking main minimum mission must need nice of offer on "
    "optional other our own perks person plus points preferred primary profile project "
    "purpose qualifications re required requirements responsibilities role salary should "
    "skills specification stack tasks team tech technical the this to tools us want we what "
    "who why will work you your"
)
# The same in Portuguese, folded: "Requisitos e qualificações", "Diferenciais".
_HEADING_TEXT_PT = (
    "atividades atribuicoes atuacao beneficios buscamos candidatar como "
    "competencias conhecimentos cultura da das de desafios desejaveis desejavel dia "
    "diferenciais diversidade do dos e empresa equipe esperamos essenciais experiencia "
    "experiencias extras fara faz fazer ferramentas formacao habilidades imprescindiveis "
    "indispensaveis indispensavel ira minimo minimos missao modelo na nos nossa nosso o "
    "obrigatorio obrigatorios oferecemos opcionais opcional oportunidade os para parte "
    "perfil pontos por precisa principais procuramos qualificacoes que quem remuneracao "
    "requisitos responsabilidades rotina salario se seu seus sobre somos sua suas tecnicas "
    "tecnologias trabalhar trabalho traz vaga vai voce"
)
_HEADING_VOCABULARY = frozenset((_HEADING_TEXT + " " + _HEADING_TEXT_PT).split())
_WORD = re.compile(r"[a-z0-9]+")


def _heading(text: str) -> Section | None:
    """The kind of section ``text`` heads, or None when it is not a heading: a short line
    that ends with a colon and names a section, or one made of heading words only."""
    folded = fold(text).replace("’", "'")
    words = _WORD.findall(folded)
    if not words or len(words) > HEADING_WORDS or folded.endswith((".", "?", "!")):
        return None
    kind = next((k for k, pattern in _HEADINGS if pattern.search(folded.rstrip(":"))), None)
    if kind is None:
        return None
    if folded.endswith(":") or set(words) <= _HEADING_VOCABULARY:
        return kind
    # "About Acme", "Why Acme": a company's name is no heading word.
    return kind if kind == "other" and len(words) <= 4 else None


Where = tuple[int | None, int]  # (page, line) of a passage


def _titled(text: str) -> bool:
    """Whether a line at the top can be the posting's title: short, not a sentence, and no
    navigation trail ("Home | Jobs", "Careers › Data"), which a page saved from a browser
    puts first."""
    short = len(text.split()) <= TITLE_WORDS and not text.endswith((".", "!", "?"))
    return short and not _NAVIGATION.search(text)


def _key(passage: Passage) -> Where:
    return (passage.page, passage.line)


@dataclasses.dataclass(frozen=True)
class Layout:
    """Where a posting's lines are: ``section`` by (page, line); ``headings``, the lines that
    only head a section (they ask for nothing themselves); ``title``, its title passage."""

    section: dict[Where, Section]
    headings: frozenset[Where]
    title: Passage | None
    label: dict[Where, str]  # the heading a line is under, as written

    def of(self, passage: Passage) -> tuple[Section, str | None]:
        key = _key(passage)
        return self.section.get(key, "body"), self.label.get(key)


def sections(doc: DocumentText) -> Layout:
    """The section each line is in and the posting's title passage (its first, when short
    and not itself a heading). A heading line starts a section; "Nice to have: X" puts that
    line (only) in the section its label names."""
    out: dict[Where, Section] = {}
    labels: dict[Where, str] = {}
    headings: set[Where] = set()
    title = None
    current: Section = "body"
    heading: str | None = None
    for i, passage in enumerate(doc.passages):
        key = _key(passage)
        if key in out:  # a later sentence of a line already placed
            continue
        text = _MARKUP.sub("", passage.text).strip()
        kind = _heading(text)
        if kind is not None:
            current = out[key] = kind
            heading = text.rstrip(":").strip()
            headings.add(key)
            continue
        label = _LABEL.match(text)
        if label and (kind := _heading(label.group(1) + ":")) is not None:
            out[key], labels[key] = kind, label.group(1).strip()
            if not label.group(2).strip():
                current, heading = kind, labels[key]
            continue
        if title is None and current == "body" and i < TITLE_LINES and _titled(text):
            title = passage
            out[key] = "title"
            continue
        out[key] = current
        if heading:
            labels[key] = heading
    return Layout(out, frozenset(headings), title, labels)


def _clause(text: str, skill_id: str, catalog: Catalog) -> tuple[str, str | None]:
    """The clause of ``text`` that names the skill (else the whole passage), folded, with the
    skill's names taken out: the "deep" of "deep learning" is no cue. Names are found as
    extraction finds them (parts of names, plurals, other spellings), so a cue in the next
    clause never sets the level of a skill this clause names. With it, the years of
    experience the clause asks for, as written ("5+ years"), if ``STRONG_YEARS`` or more: read
    as a CV's are (``extraction.experience_years``), so "10 years of customer data" is none."""
    from careerpath.extraction import experience_years, found_names, without_names

    def years(part: str, spans: Sequence[tuple[int, int, object]]) -> str | None:
        stated = experience_years(part, [(start, end) for start, end, _ in spans])
        return next((fold(words) for n, words in stated if n >= STRONG_YEARS), None)

    parts = []
    for part in _CLAUSE.split(text):
        spans = found_names(part, catalog, in_titles=False)
        own = [span for span in spans if span[2].skill == skill_id]
        if own:
            return fold(without_names(part, own)), years(part, spans)
        parts.append((part, spans))
    return fold(text), next((y for p, s in parts if (y := years(p, s))), None)


@dataclasses.dataclass(frozen=True)
class Ask:
    """How one passage asks for a skill."""

    importance: int
    level: int
    essential: bool
    nice: bool
    why: str


def asks_in(
    section: Section, text: str, skill_id: str, catalog: Catalog, heading: str | None = None
) -> Ask | None:
    """How a passage (``text``, under ``heading``) asks for a skill: ``ask`` of the clause
    that names it."""
    clause, years = _clause(text, skill_id, catalog)
    return ask(section, clause, heading, years, written=text)


def ask(
    section: Section,
    clause: str,
    heading: str | None = None,
    years: str | None = None,
    *,
    written: str | None = None,
) -> Ask | None:
    """Importance, level and essential flag from a passage's section (headed ``heading``)
    and the clause naming the skill (the rule of the module docstring); None for a section
    that asks for nothing. ``years``: the years of experience the clause asks for ("5+
    years"), found with the names it holds (``_clause``). ``written``: the passage as
    written, so that the cues "why" quotes keep its accents ("é um plus", not "e um plus")."""
    text = fold(clause).replace("’", "'")

    def quoted(cue: str) -> str:
        return as_written(cue, written) if written else cue

    where = (
        _("in the title")
        if section == "title"
        else _('under "{heading}"').format(heading=heading[:40])
        if heading
        else _("before any heading")
    )
    if section == "other":
        return None
    nice = _NICE.search(text)
    if section == "nice" or nice:
        return Ask(1, 1, False, True, f'{where}; "{quoted(nice.group())}"' if nice else where)
    base = SECTION_BASE[section]
    must = _MUST.search(text)
    expert, strong = _EXPERT.search(text), _STRONG.search(text)
    cue = expert.group() if expert else years or (strong.group() if strong else None)
    weak = _WEAK.search(text) if cue is None else None
    if cue is not None:
        level = 4 if expert else 3
    elif weak is not None:
        level = 1
    else:
        level = 3 if section in ("core", "title") else 2
    importance = min(5, base + bool(must or cue))
    if weak is not None:
        importance = min(importance, 2)
    cues = [c for c in (must and must.group(), cue, weak and weak.group()) if c]
    why = where + "".join(f'; "{quoted(c)}"' for c in cues)
    return Ask(importance, level, section in ("must", "title") or bool(must), False, why)


def default_finder() -> Finder:
    """``extraction.find_skills`` as a posting is read: a role's title names the job, not a
    skill it asks for ("3+ years as a machine learning engineer")."""
    from careerpath.extraction import find_skills

    return functools.partial(find_skills, in_titles=False)


def posting_skills(
    doc: DocumentText, catalog: Catalog, finder: Finder | None = None
) -> tuple[list[PostingSkill], str | None]:
    """The posting's skills, most important first (then higher level, then id), and its
    title."""
    find = finder or default_finder()
    layout = sections(doc)
    title = layout.title
    found: dict[str, tuple[Finding, list[tuple[Passage, Ask]]]] = {}
    for finding in find(doc, catalog):
        asks = []
        for passage in finding.passages:
            if _key(passage) in layout.headings:
                continue
            section, heading = layout.of(passage)
            asked = asks_in(section, passage.text, finding.skill, catalog, heading)
            if asked is not None:
                asks.append((passage, asked))
        if asks:
            found[finding.skill] = (finding, asks)
    if title is not None:
        # The title is one passage among many and may not be among a skill's best three.
        titled = DocumentText(doc.path, doc.kind, (title,))
        for finding in find(titled, catalog):
            in_title = asks_in("title", title.text, finding.skill, catalog)
            if finding.method != "name" or in_title is None:
                continue  # a title is too short to match by similarity
            have = found.get(finding.skill)
            asks = have[1] if have else []
            if all(_key(p) != _key(title) for p, _ in asks):
                asks = [(title, in_title), *asks]
            found[finding.skill] = (have[0] if have else finding, asks)
    out = []
    for skill_id, (finding, asks) in found.items():
        firm = [pa for pa in asks if not pa[1].nice]
        use = firm or asks
        best = max(use, key=lambda pa: (pa[1].importance, pa[1].level))
        top = max(use, key=lambda pa: (pa[1].level, pa[1].importance))
        why = best[1].why
        if top[1].level != best[1].level:
            why += _(" (level: {why}, {where})").format(why=top[1].why, where=top[0].where())
        # The passage that set the importance first: it is the one "where" points at.
        ordered = [best, *(pa for pa in asks if pa is not best)]
        out.append(
            PostingSkill(
                skill=skill_id,
                name=catalog.skills[skill_id].name,
                importance=best[1].importance,
                level=top[1].level,
                essential=any(a.essential for _, a in use),
                method=finding.method,
                why=why,
                evidence=[
                    PostingEvidence(text=p.text, where=p.where(), section=layout.of(p)[0])
                    for p, _ in ordered
                ],
            )
        )
    out.sort(key=lambda s: (-s.importance, -s.level, s.skill))
    return out, _MARKUP.sub("", title.text).strip() if title else None


# Role aliases shorter than this ("BA", "PM", "SME") are too ambiguous to name a role in a title.
TITLE_ROLE_LETTERS = 4


def titled_roles(title: str | None, catalog: Catalog) -> set[str]:
    """The catalogue roles a posting's title names by name or alias, as whole words and as
    people write titles (``names.title_pattern``: "Senior Data Scientist/Machine Learning
    Engineer" names both)."""
    if not title:
        return set()
    folded = fold(title)
    found = set()
    for role in catalog.roles.values():
        names = tuple(
            fold(name) for name in (role.name, *role.aliases) if len(name) >= TITLE_ROLE_LETTERS
        )
        if names and title_pattern(names).search(folded):
            found.add(role.id)
    return found


def closest_roles(
    skills: Sequence[PostingSkill], catalog: Catalog, title: str | None = None
) -> list[RoleFit]:
    """Every catalogue role by fit to the posting's required levels, scored as a person's; a
    role the title names first (the rule of the module docstring)."""
    import numpy as np

    from careerpath.matrices import role_arrays
    from careerpath.scoring import as_published, measures, rank_order

    a = role_arrays(catalog)
    asked = {s.skill: s.level for s in skills}
    levels = np.array([float(asked.get(s, 0)) for s in a.skill_ids])
    values = {k: v[0] for k, v in measures(levels, catalog).items()}
    order = list(rank_order(values, a.role_ids))
    named = titled_roles(title, catalog)
    # sorted is stable: the named roles first, each group in the order of fit
    order.sort(key=lambda r: a.role_ids[r] not in named)
    return [
        RoleFit(
            rank=rank,
            role=a.role_ids[r],
            name=catalog.roles[a.role_ids[r]].name,
            fit=as_published(values["fit"][r]),
        )
        for rank, r in enumerate(order, start=1)
    ]


def read_posting(
    path: str | Path,
    catalog: Catalog,
    *,
    name: str | None = None,
    finder: Finder | None = None,
    doc: DocumentText | None = None,
) -> PostingProfile:
    """The posting's profile, or InputError naming the file when no catalogue skill is in it."""
    from careerpath.document_text import read_document_text

    name = name or str(path)
    doc = doc or read_document_text(path, name)
    if not doc.passages:
        raise InputError.single(name, _("has no text: is it empty, or a scanned image?"))
    skills, title = posting_skills(doc, catalog, finder)
    if not skills:
        raise InputError.single(
            name,
            _(
                "no catalogue skill found in it: is it a job posting for a data or AI role? "
                "(`{command}` lists the skills it looks for)"
            ).format(command=next_command("skills")),
        )
    roles = closest_roles(skills, catalog, title)
    return PostingProfile(
        file=name,
        kind=doc.kind,
        title=title[:200] if title else None,
        skills=skills,
        closest_role=roles[0].role,
        closest_role_name=roles[0].name,
        roles=roles,
    )


# --- the posting as a role -----------------------------------------------------------------


def role_id(catalog: Catalog) -> str:
    """An id for the posting that no catalogue role has."""
    rid, n = POSTING_ROLE, 1
    while rid in catalog.roles:
        n += 1
        rid = f"{POSTING_ROLE}-{n}"
    return rid


def as_role(profile: PostingProfile, rid: str = POSTING_ROLE) -> Role:
    """The posting as a catalogue role: each skill's importance, level and essential flag."""
    # Constructed, not validated: a posting may ask for fewer than the three skills a
    # catalogue role file must list, and every value here is already in range.
    return Role.model_construct(
        id=rid,
        name=(profile.title or _("This posting"))[:200],
        aliases=[],
        family="technical",
        summary=_("The job posting {file}").format(file=profile.file),
        responsibilities=[_("What the posting {file} asks for").format(file=profile.file)],
        sources=[profile.file],
        skills={
            s.skill: RoleSkill(importance=s.importance, level=s.level, essential=s.essential)
            for s in profile.skills
        },
    )


def _restricted(
    roadmap: Roadmap,
    rid: str,
    asked: Mapping[str, tuple[int, int]],
    levels: Mapping[str, int] | None = None,
) -> Roadmap | None:
    """``roadmap`` cut to the learning steps that bring a skill the posting asks for
    (``asked``: skill -> (importance, level)) closer to the level it asks, from where the
    person (``levels``) and the kept steps before it leave it: a step for CI/CD 3 -> 4 and
    monitoring already at 3 adds nothing to a posting asking 3 of both. Each phase's steps
    are ordered by the highest importance the posting gives what they teach (file order
    breaking ties); None when no step is left. A project step also needs every skill it uses
    taught by a kept step or, with ``levels``, already at the level it uses: a project on
    computer vision is no showcase for a plan that cut the step teaching it."""
    from careerpath.planner import project_fits

    importance = {s: imp for s, (imp, _level) in asked.items()}
    learning = [st for ph in roadmap.phases if ph.kind != "projects" for st in ph.steps]
    reached = dict(levels or {})
    kept: set[str] = set()
    for st in learning:  # in the roadmap's order: what earlier steps teach, later need not
        if any(
            reached.get(s, 0) < min(lvl, asked[s][1]) for s, lvl in st.teaches.items() if s in asked
        ):
            kept.add(st.id)
            for s, lvl in st.teaches.items():
                reached[s] = max(reached.get(s, 0), lvl)
    taught = {s for st in learning if st.id in kept for s in st.teaches}
    kept |= {
        st.id
        for ph in roadmap.phases
        if ph.kind == "projects"
        for st in ph.steps
        if set(st.teaches) & set(importance) and project_fits(st, taught, levels or {})
    }
    phases = []
    for phase in roadmap.phases:
        steps = [
            st.model_copy(update={"prerequisites": [p for p in st.prerequisites if p in kept]})
            for st in phase.steps
            if st.id in kept
        ]
        steps.sort(key=lambda st: -max(importance.get(s, 0) for s in st.teaches))
        if steps:
            phases.append(Phase.model_construct(**{**dict(phase), "steps": steps}))
    if not phases:
        return None
    return Roadmap.model_construct(
        **{
            **dict(roadmap),
            "id": f"{roadmap.id}-for-{rid}",
            "title": (
                _("{title}, restricted to the posting's skills you lack")
                if levels is not None
                else _("{title}, restricted to the posting's skills")
            ).format(title=roadmap.title),
            "to_role": rid,
            "phases": phases,
        }
    )


def with_posting(
    catalog: Catalog, profile: PostingProfile, levels: Mapping[str, int] | None = None
) -> tuple[Catalog, str]:
    """A copy of ``catalog`` with the posting as one more role, and the curated roadmaps into
    its closest role restricted to the posting's skills as roadmaps into it; and its id.
    ``levels``: the person's, when the plan is for them: then only the skills they lack at the
    posting's level keep a step (a step for Docker, asked at 2 of someone at 2, was kept)."""
    rid = role_id(catalog)
    asked = {
        s.skill: (s.importance, s.level)
        for s in profile.skills
        if levels is None or levels.get(s.skill, 0) < s.level
    }
    roadmaps = dict(catalog.roadmaps)
    for rm in catalog.roadmaps.values():
        if rm.to_role != profile.closest_role:
            continue  # only the roadmaps into the posting's role are cut
        if cut := _restricted(rm, rid, asked, levels):
            roadmaps[cut.id] = cut
    extended = dataclasses.replace(
        catalog,
        roles={**catalog.roles, rid: as_role(profile, rid)},
        roadmaps=roadmaps,
        _role_names={**catalog._role_names, fold(rid): rid},
    )
    return extended, rid


def measure(
    person: Profile,
    catalog: Catalog,
    profile: PostingProfile,
    *,
    from_role: str | None = None,
    hours_per_week: float | None = None,
    start: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[PostingReadiness, Catalog, Assessment]:
    """The person against the posting: scored with ``scoring.assess`` on the catalogue with
    the posting as a role, and a plan toward it. Returns the catalogue copy too, which names
    the posting's role for the views, and the assessment (a report toward the posting shows
    it: assessed once)."""
    from careerpath.planner import build_plan
    from careerpath.scoring import assess

    extended, rid = with_posting(catalog, profile, person.levels)
    result = assess(person, extended, rid)
    match = result.match(rid)
    plan, note = None, None
    if not result.target_gaps:
        note = _("you meet every skill the posting asks for at its level: there is nothing to plan")
    else:
        try:
            plan = build_plan(
                person,
                extended,
                rid,
                from_role=from_role,
                hours_per_week=hours_per_week,
                start=start,
                today=today,
                assessment=result,
            )
        except NothingToPlan as exc:
            note = str(exc)
    missing = plan.untaught if plan else []  # the planner's rule, as for any plan
    return (
        PostingReadiness(
            answers=person.source,
            fit=match.fit,
            readiness=match.readiness,
            coverage=match.coverage,
            essential_coverage=match.essential_coverage,
            essentials_met=match.essentials_met,
            essentials_total=match.essentials_total,
            answered_weight=match.answered_weight,
            rank=match.rank,
            explanation=match.explanation,
            gaps=result.target_gaps,
            plan=plan,
            plan_note=note,
            not_in_plan=missing,
        ),
        extended,
        result,
    )


def match_posting(
    path: str | Path,
    catalog: Catalog,
    person: Profile | None = None,
    *,
    name: str | None = None,
    finder: Finder | None = None,
    from_role: str | None = None,
    hours_per_week: float | None = None,
    start: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[PostingMatch, Catalog]:
    """The whole of ``careerpath posting``: the profile, and with a person their figures.
    Returns the catalogue with the posting as a role (``catalog`` itself without a person)."""
    profile = read_posting(path, catalog, name=name, finder=finder)
    if person is None:
        return PostingMatch(posting=profile), catalog
    options = _options(from_role, hours_per_week, start, today)
    readiness, extended = measure(person, catalog, profile, **options)[:2]
    return PostingMatch(posting=profile, person=readiness), extended


def _options(
    from_role: str | None,
    hours_per_week: float | None,
    start: dt.date | None,
    today: dt.date | None,
) -> PlanOptions:
    return {
        "from_role": from_role,
        "hours_per_week": hours_per_week,
        "start": start,
        "today": today,
    }


def plan_toward(
    path: str | Path,
    catalog: Catalog,
    person: Profile,
    *,
    from_role: str | None = None,
    hours_per_week: float | None = None,
    start: dt.date | None = None,
    today: dt.date | None = None,
) -> tuple[PostingMatch, Catalog, Plan, Assessment]:
    """``match_posting`` for a plan toward the posting (``plan --posting``): the match, the
    catalogue with the posting as a role, the plan and the assessment it was planned from
    (a report shows it: assessed once); UsageError when there is no plan."""
    profile = read_posting(path, catalog)
    options = _options(from_role, hours_per_week, start, today)
    readiness, extended, assessment = measure(person, catalog, profile, **options)
    if readiness.plan is None:
        raise UsageError(str(readiness.plan_note))
    return PostingMatch(posting=profile, person=readiness), extended, readiness.plan, assessment
