"""Pydantic models of the files careerpath reads: the catalogue's and the answers file.

``careerpath schema NAME`` prints the JSON Schema generated from these classes; nothing else
describes the formats. Input models forbid unknown keys and use strict types, so "1.10" never
becomes 1.1 and "NO" never becomes False.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
from functools import cache
from typing import Annotated, Any, Final, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from careerpath import typed_input
from careerpath.i18n import DEFAULT, N_, SUPPORTED, _, gettext_in
from careerpath.names import fold

# Every model and type defined here: what ``careerpath.models`` gives from this module.
__all__ = [
    "LEVEL_LABELS",
    "LEVEL_NAMES",
    "PHASE_ORDER",
    "SCHEMA_VERSION",
    "Answers",
    "CatalogInfo",
    "Category",
    "Date",
    "DocumentKind",
    "Family",
    "Hours",
    "Id",
    "LongText",
    "Person",
    "Phase",
    "PhaseKind",
    "Project",
    "Resource",
    "Roadmap",
    "Role",
    "RoleSkill",
    "ShortText",
    "Skill",
    "SkillAnswer",
    "SkillFile",
    "SkillReference",
    "SkillSpec",
    "Step",
    "StepProgress",
    "StepStatus",
    "Text",
    "Url",
]

SCHEMA_VERSION: Final = 1

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=64),
    Field(description="kebab-case identifier, e.g. 'ml-engineer'"),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=2000, strip_whitespace=True)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
# Evidence is prose a person pastes (a project write-up, a list of links), not a label: 2,000
# characters refused honest answers. 20,000 (about 3,000 words) still bounds the report; names
# and titles stay ShortText, as they go into titles, file names, chart labels and PDF metadata.
LongText = Annotated[str, StringConstraints(min_length=1, max_length=20_000, strip_whitespace=True)]
Family = Literal["business", "technical", "cross-section"]
PhaseKind = Literal["fundamentals", "frameworks", "operations", "bridge", "projects", "soft-skills"]
PHASE_ORDER: tuple[PhaseKind, ...] = get_args(PhaseKind)
LEVEL_NAMES = ("none", "aware", "working", "proficient", "expert")
# The same names as people read them, in their language (LEVEL_NAMES are ids, in JSON too).
LEVEL_LABELS = (N_("none"), N_("aware"), N_("working"), N_("proficient"), N_("expert"))


def level_label(level: int) -> str:
    """The name of ``level`` (0-4) in the current language."""
    return _(LEVEL_LABELS[level])


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def _date(value: Any) -> Any:
    """Accept a date or an ISO 'YYYY-MM-DD' string (JSON has no date type); nothing looser."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return typed_input.parse_date(value)
        except ValueError:
            # Names the format, and the ISO date to write when a day/month date is certain.
            problem = typed_input.date_problem(value)
            raise PydanticCustomError(
                "date", problem or _("expected a date written YYYY-MM-DD")
            ) from None
    raise PydanticCustomError("date", _("expected a date written YYYY-MM-DD"))


def _hours(value: Any) -> Any:
    """A number of hours; as a string, only one with a decimal comma (YAML reads 4,5 as the
    string "4,5"): numbers written as text are refused elsewhere ('1.10' may be a version),
    and here too, but 4,5 cannot be written any other way by someone who writes commas."""
    if isinstance(value, str):
        number = typed_input.decimal(value) if "," in value else None
        if number is None:
            raise PydanticCustomError("hours", _("expected a number of hours, e.g. 6 or 5.5"))
        return number
    return value


def as_written(value: float) -> float | int:
    """A number as a person writes it: a whole one without its ``.0`` (6, not 6.0)."""
    return int(value) if float(value).is_integer() else value


# A float in Python, written out as JSON as the person wrote it: 6 stays 6, 5.5 stays 5.5.
AsWritten = PlainSerializer(as_written, return_type=float | int, when_used="json")

_HOURS_NUMBER = Annotated[float, Field(ge=1, le=80)]
# A number, or (YAML reads `4,5` as a string) a string of one with a decimal comma.
_HOURS_TEXT = Annotated[str, Field(pattern=r"^\s*\d*,\d+\s*$|^\s*\d+,\s*$")]
WeeklyHours = Annotated[
    _HOURS_NUMBER,
    BeforeValidator(_hours, json_schema_input_type=_HOURS_NUMBER | _HOURS_TEXT),
]


def _url(value: Any) -> Any:
    if isinstance(value, str) and _URL.match(value.strip()):
        return value.strip()
    raise PydanticCustomError("url", _("expected an http:// or https:// link"))


Date = Annotated[dt.date, BeforeValidator(_date)]
Url = Annotated[str, BeforeValidator(_url), Field(max_length=500)]


class _Model(BaseModel):
    # allow_inf_nan=False: `.nan`, `.inf` and 1e309 are floats to YAML, and NaN passes every
    # ge/le bound unnoticed (comparisons with it are all false); every float read is finite.
    # defer_build: each model's validator is built on first use, not at import (a cached
    # catalogue is unpickled without validating, so `assess` validates only the answers).
    model_config = ConfigDict(
        extra="forbid", strict=True, frozen=True, allow_inf_nan=False, defer_build=True
    )


# --- catalogue -----------------------------------------------------------------------------


class CatalogInfo(_Model):
    """``data/catalog.yaml``: names and versions the whole catalogue."""

    name: ShortText
    version: ShortText = Field(description="bumped whenever skills, levels or roles change")
    description: Text | None = None


class Category(_Model):
    id: Id
    name: ShortText
    order: int = Field(ge=1, le=1000, description="position in the questionnaire")
    description: Text


class Hours(_Model):
    low: float = Field(ge=0.5, le=400, description="study hours, low estimate")
    high: float = Field(ge=0.5, le=400, description="study hours, high estimate (not below low)")

    @model_validator(mode="after")
    def _ordered(self) -> Hours:
        if self.low > self.high:
            raise PydanticCustomError("hours", _("low must not exceed high"))
        return self


class SkillReference(_Model):
    framework: Literal["ESCO", "O*NET", "SFIA"] = Field(description="the public skills taxonomy")
    code: ShortText = Field(description="the skill's code in it")
    title: ShortText | None = Field(default=None, description="its title there; None if not given")


class SkillSpec(_Model):
    """One skill as written in a skills file."""

    id: Id = Field(description="the skill's id (kebab-case), as roles and roadmaps name it")
    name: ShortText = Field(description="the skill's name")
    aliases: list[ShortText] = Field(
        default_factory=list,
        description="other names it goes by: an answers file may use any, in any case",
    )
    description: Text = Field(description="what the skill covers")
    levels: list[Text] = Field(
        min_length=5,
        max_length=5,
        description="descriptors for 0 none, 1 aware, 2 working, 3 proficient, 4 expert",
    )
    references: list[SkillReference] = Field(
        default_factory=list, description="the same skill in public taxonomies"
    )
    hours: list[Hours] | None = Field(
        default=None,
        min_length=4,
        max_length=4,
        description="study hours to reach aware, working, proficient and expert, each from the "
        "level below (low-high); they grow with the level. Left out: the planner's defaults",
    )

    @model_validator(mode="after")
    def _hours_grow(self) -> SkillSpec:
        if self.hours is None:
            return self
        for below, above in itertools.pairwise(self.hours):
            if above.low <= below.low or above.high <= below.high:
                raise PydanticCustomError(
                    "hours",
                    _("hours must grow with the level: each level takes longer than the one below"),
                )
        if sum(h.high for h in self.hours) > 400:
            # A generated step from 0 to expert is one step, and steps are at most 400 h.
            raise PydanticCustomError("hours", _("the four levels' high hours add up to over 400"))
        return self


class SkillFile(_Model):
    """``data/skills/*.yaml``: one category and its skills."""

    category: Category
    skills: list[SkillSpec] = Field(min_length=1)


class Skill(SkillSpec):
    """A skill in the loaded catalogue: the file's entry plus its category id."""

    category: Id = Field(description="id of the category it belongs to")


class RoleSkill(_Model):
    importance: int = Field(ge=1, le=5, description="1 nice to have ... 5 central")
    level: int = Field(ge=1, le=4, description="required level, 1 aware ... 4 expert")
    essential: bool = Field(
        default=False, description="the role cannot do without it (counted in essential coverage)"
    )


class Role(_Model):
    """``data/roles/*.yaml``: one role and its skill profile."""

    id: Id = Field(description="the role's id (kebab-case), as --target and roadmaps name it")
    name: ShortText = Field(description="the role's name")
    aliases: list[ShortText] = Field(
        default_factory=list,
        description="other names it goes by: --target, --from and answers files may use any",
    )
    family: Family = Field(description="business, technical or cross-section")
    summary: Text = Field(description="what the role is, in a few sentences")
    responsibilities: list[Text] = Field(min_length=1, description="what the role does, one each")
    sources: list[Text] = Field(default_factory=list, description="documents the profile draws on")
    skills: dict[Id, RoleSkill] = Field(
        min_length=3, description="skill id -> what the role requires of it"
    )


class Resource(_Model):
    title: ShortText = Field(description="the resource's title, as published")
    kind: Literal["course", "book", "docs", "tutorial", "video", "article", "project", "paper"] = (
        Field(description="what kind of resource it is")
    )
    url: Url | None = Field(default=None, description="an http(s) link; None when none is given")


class Project(_Model):
    title: ShortText = Field(description="the project's title")
    description: Text = Field(description="what to build, and what it shows")


class Step(_Model):
    id: Id = Field(description="the step's id (kebab-case), as prerequisites and progress name it")
    title: ShortText = Field(description="the step's title")
    description: Text | None = Field(
        default=None, description="what the step is; None if not given"
    )
    teaches: dict[Id, Annotated[int, Field(ge=1, le=4)]] = Field(
        min_length=1, description="skill id -> level the step brings you to"
    )
    hours: Hours = Field(
        description="study hours for someone starting where the roadmap assumes (plans shorten "
        "it by what the person knows)"
    )
    prerequisites: list[Id] = Field(
        default_factory=list, description="ids of the steps to do before it"
    )
    resources: list[Resource] = Field(default_factory=list, description="learning resources")
    projects: list[Project] = Field(default_factory=list, description="project ideas")
    optional: bool = Field(default=False, description="the step may be left out")


class Phase(_Model):
    id: Id = Field(description="the phase's id (kebab-case)")
    kind: PhaseKind = Field(
        description="what the phase is for; a projects phase's steps are done whole or not at all"
    )
    title: ShortText = Field(description="the phase's title")
    goal: Text = Field(description="what the phase achieves")
    steps: list[Step] = Field(
        min_length=1,
        description="its steps; a plan takes them prerequisites first, then those teaching an "
        "essential skill, then in this order",
    )


class Roadmap(_Model):
    """``data/roadmaps/*.yaml``: a curated transition from one role to another."""

    id: Id = Field(description="the roadmap's id (kebab-case)")
    title: ShortText = Field(description="the roadmap's title")
    from_role: Id = Field(description="id of the role it starts from")
    to_role: Id = Field(description="id of the role it leads to")
    summary: Text | None = Field(default=None, description="what it covers; None if not given")
    sources: list[Text] = Field(default_factory=list, description="documents it draws on")
    phases: list[Phase] = Field(min_length=1, description="its phases, in the order to take them")

    def steps(self) -> list[Step]:
        return [step for phase in self.phases for step in phase.steps]


# --- answers -------------------------------------------------------------------------------


def level_words() -> list[str]:
    """The levels' names a person may write for them, 0 to 4: in the current language, then
    in English where that differs (LEVEL_NAMES, the words of the file format's examples).
    Those of careerpath's other languages are read too (see :func:`level_of`)."""
    words = [level_label(i) for i in range(len(LEVEL_LABELS))]
    return words + [name for name in LEVEL_NAMES if name not in words]


# The words of the common five-step scale (none, beginner, intermediate, advanced, expert), as
# people write them in a file of their own, each at the level whose descriptor it matches:
# a beginner has followed a tutorial (aware), an intermediate does it with help (working), an
# advanced one on their own (proficient). Read, never shown: the tool says its own names.
LEVEL_SYNONYMS: dict[str, tuple[tuple[str, int], ...]] = {
    "en": (("beginner", 1), ("basic", 1), ("novice", 1), ("intermediate", 2), ("advanced", 3)),
    "pt-BR": (("iniciante", 1), ("básico", 1), ("intermediário", 2), ("avançado", 3)),
}


def level_spellings() -> dict[str, list[tuple[str, int]]]:
    """Every level's name in every language careerpath speaks (English's ids included),
    and the scale words of LEVEL_SYNONYMS, folded: word -> the (language, level) pairs it
    names."""
    spellings: dict[str, list[tuple[str, int]]] = {}
    for level, name in enumerate(LEVEL_NAMES):
        spellings.setdefault(fold(name), []).append((DEFAULT, level))
    for lang, words in LEVEL_SYNONYMS.items():
        for word, level in words:
            spellings.setdefault(fold(word), []).append((lang, level))
    for lang in SUPPORTED:
        for level, label in enumerate(LEVEL_LABELS):
            pair = (lang, level)
            meanings = spellings.setdefault(fold(gettext_in(lang, label)), [])
            if pair not in meanings:
                meanings.append(pair)
    return spellings


@cache
def _level_table() -> tuple[dict[str, int], dict[str, list[tuple[str, int]]]]:
    """Folded word -> level, and the words that name different levels in different
    languages (none do; a translation could): those are refused rather than guessed."""
    levels: dict[str, int] = {}
    clashes: dict[str, list[tuple[str, int]]] = {}
    for word, meanings in level_spellings().items():
        if len({level for _lang, level in meanings}) == 1:
            levels[word] = meanings[0][1]
        else:
            clashes[word] = meanings
    return levels, clashes


def level_of(text: str) -> int | None:
    """The level a text stands for, or None: one digit 0-4, as people (and JSON exporters)
    quote numbers ("3"), or the level's name in any case ("Expert"), in any language
    careerpath speaks, whichever it speaks now (a mentee's Portuguese file reads the same
    to an English mentor), as the questionnaire shows it ("4 expert")."""
    if len(text) == 1 and text in "01234":
        return int(text)
    return _level_table()[0].get(fold(text))


def level_clash(text: str) -> str | None:
    """Why ``text`` is refused as a level when it names different levels in two languages,
    or None."""
    meanings = _level_table()[1].get(fold(text))
    if not meanings:
        return None
    message = _(
        '"{word}" names different levels in different languages ({meanings}): write the '
        "level's number instead"
    )
    each = ", ".join(
        _("{level} in {lang}").format(level=level, lang=lang) for lang, level in meanings
    )
    return message.format(word=text.strip(), meanings=each)


def not_a_level(*, bare: bool = True) -> str:
    """What a level may be, for a file's value that is none: ``bare``, a skill's value (which
    may also be a mapping), else the value of a mapping's ``level``."""
    message = (
        _(
            "a level must be a whole number from 0 to 4 or a level's name ({names}), or a "
            "mapping with 'level'"
        )
        if bare
        else _("a level must be a whole number from 0 to 4 or a level's name ({names})")
    )
    return message.format(names=", ".join(level_words()))


def _whole(value: Any) -> Any:
    """A float that is a whole number as that int: pandas writes 4.0 for 4 in any column with a
    blank, so an HR export's levels arrive so. 4.5, nan and inf stay floats, to be refused."""
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value


def _outside_levels(value: Any) -> bool:
    """A whole number that is no level (5, -1): refused in the words every level error uses,
    which name the levels, rather than pydantic's bare bound."""
    return isinstance(value, int) and not isinstance(value, bool) and not 0 <= value <= 4


def _level(value: Any) -> Any:
    value = _whole(value)
    if _outside_levels(value):
        raise PydanticCustomError("level", not_a_level(bare=False))
    if not isinstance(value, str):
        return value
    if clash := level_clash(value):
        raise PydanticCustomError("level", clash)
    level = level_of(value)
    if level is None:
        raise PydanticCustomError("level", not_a_level(bare=False))
    return level


# A level as a file may write it: 3 (or 3.0), "3" or "proficient".
LevelInput = (
    Annotated[
        int, Field(ge=0, le=4, description="a whole number; 3.0, as spreadsheets export it, is 3")
    ]
    | Literal["0", "1", "2", "3", "4"]
    | Annotated[
        str,
        Field(
            description="a level's name, in any case: none, aware, working, proficient, "
            "expert (or its name in any language careerpath speaks); also beginner or basic "
            "(1), intermediate (2), advanced (3)"
        ),
    ]
)


def _answer(value: Any) -> Any:
    """A bare level is shorthand for ``{level: N}``; empty means not answered."""
    if value is None:
        return None
    value = _whole(value)
    if _outside_levels(value):
        raise PydanticCustomError("level", not_a_level())
    if isinstance(value, str) and (clash := level_clash(value)):
        raise PydanticCustomError("level", clash)
    if isinstance(value, str) and level_of(value) is not None:
        return {"level": value}
    if isinstance(value, bool) or not isinstance(value, int | dict | SkillAnswer):
        raise PydanticCustomError("level", not_a_level())
    return {"level": value} if isinstance(value, int) else value


class SkillAnswer(_Model):
    level: Annotated[int, BeforeValidator(_level, json_schema_input_type=LevelInput)] = Field(
        ge=0, le=4, description="0 none, 1 aware, 2 working, 3 proficient, 4 expert"
    )
    evidence: LongText | None = Field(
        default=None, description="what you did that shows it: free text or an http(s) link"
    )
    interest: Annotated[int | None, BeforeValidator(_whole)] = Field(
        default=None, ge=0, le=2, description="0 none, 1 some, 2 keen"
    )
    suggested: bool = Field(
        default=False,
        description="true: the level is a suggestion from a CV (`careerpath prefill`) that the "
        "person has not confirmed yet; `careerpath assess --resume FILE` asks them to confirm "
        "or change it, and drops the flag",
    )


# The schema shows both forms a file may use (`python: 3` and `python: {level: 3, ...}`): the
# bare level becomes a SkillAnswer before validation, which the schema would otherwise hide.
_ANSWER = BeforeValidator(_answer, json_schema_input_type=LevelInput | SkillAnswer | None)


class Person(_Model):
    name: ShortText | None = None
    current_role: ShortText | None = Field(
        default=None, description="role id, name or alias, or 'other'"
    )
    target_role: ShortText | None = Field(default=None, description="role id, name or alias")
    hours_per_week: WeeklyHours | None = None
    start_date: Date | None = None


# The kinds of document careerpath reads text from (CVs and job postings).
DocumentKind = Literal["pdf", "docx", "html", "markdown", "text"]

# A plan step's state as a person records it (``careerpath progress``).
StepStatus = Literal["todo", "learning", "done", "skipped"]


class StepProgress(_Model):
    status: StepStatus
    date: Date | None = None


class Answers(_Model):
    """An answers file: what a person writes, or the questionnaire saves."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        json_schema_extra={"title": "careerpath answers"},
    )

    schema_version: Literal[1] = SCHEMA_VERSION
    catalog_version: ShortText | None = Field(
        default=None, description="version of the catalogue the answers were given against"
    )
    assessed_on: Date | None = None
    person: Person = Field(default_factory=Person)
    unlisted: Literal["zero", "unknown"] = Field(
        default="zero",
        description="what a catalogue skill missing from `skills` means: 'zero' (people list "
        "what they know, so the rest is level 0) or 'unknown' (not yet asked, as in a "
        "questionnaire session). A skill listed with no level is always unknown.",
    )
    skills: dict[ShortText, Annotated[SkillAnswer | None, _ANSWER]] = Field(
        default_factory=dict,
        description="skill id, name or alias -> level 0-4 or {level, evidence, interest}; "
        "empty: unknown",
    )
    progress: dict[Id, StepProgress] = Field(
        default_factory=dict, description="plan step id -> status and date"
    )
