"""Every JSON careerpath prints (``--json``), as pydantic models on one base, ``Output``:
assessments, plans, reports written, progress entries, comparisons, cohorts and teams, the
catalogue check, a batch's summary, the adaptive replay and a posting's profile. The code that
builds each lives in the module named after its job (scoring, planner, posting, ...); the
shapes live here, so that ``careerpath schema`` and a reader of the output find them in one
place.
"""

# No `from __future__ import annotations`: with it, pydantic compiles and evaluates every
# field's annotation from its text when the module is imported (``assess`` imports it), about
# 10 us a field; evaluated as each class body runs, they cost a fraction of that.

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from careerpath import __version__
from careerpath.i18n import _
from careerpath.models.inputs import DocumentKind, StepStatus

if TYPE_CHECKING:
    from careerpath.catalog import Catalog
    from careerpath.cohort import HeatmapGroup

# Every model and type defined here: what ``careerpath.models`` gives from this module.
__all__ = [
    "AdaptiveRun",
    "AdaptiveStop",
    "Assessment",
    "AssessmentWarning",
    "BatchFile",
    "BatchSummary",
    "CatalogCheck",
    "CatalogProblem",
    "Closest",
    "Cohort",
    "Comparison",
    "Contribution",
    "DoorOpener",
    "Fingerprints",
    "GapCount",
    "Ignored",
    "Member",
    "Output",
    "Plan",
    "PlanPhase",
    "PlanStep",
    "PostingEvidence",
    "PostingMatch",
    "PostingProfile",
    "PostingReadiness",
    "PostingSkill",
    "ProgressRecorded",
    "ReportWritten",
    "RoleChange",
    "RoleCoverage",
    "RoleFit",
    "RoleMatch",
    "Section",
    "SkillGap",
    "SkillMove",
    "Skipped",
    "Status",
    "StepDone",
    "StepSkill",
    "Team",
]

# A step's state in a plan: a person's own (todo, learning, done, skipped) or what the plan
# makes of their levels (shortened, covered).
Status = Literal["todo", "shortened", "covered", "learning", "done", "skipped"]


class Output(BaseModel):
    """Base of what careerpath produces (assessments, plans, comparisons): frozen, no extras.

    defer_build: a model's validator is built when the model is first used, not when this
    module is imported: ``assess`` uses six of these models, not all of them."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _no_items() -> list[Any]:
    # Not the builtin ``list``: pydantic reads a default factory's signature, and the first
    # builtin's text signature it parses costs a tokenizer start-up (about 6 ms per command).
    return []


# --- the catalogue check (validate --json) -------------------------------------------------


class CatalogProblem(Output):
    file: str
    line: int | None
    field: str  # the key path, e.g. "skills.python.levels"; empty when the whole file
    message: str


class CatalogCheck(Output):
    """What ``validate --json`` prints for a catalogue that loads (one that does not is an
    error, listed on standard error)."""

    schema_version: Literal[1] = 1
    tool_version: str
    root: str
    name: str
    version: str
    fingerprint: str
    categories: int
    skills: int
    roles: int
    roadmaps: int
    warnings: list[CatalogProblem]


# --- an assessment (assess --json) ---------------------------------------------------------


class SkillGap(Output):
    skill: str
    name: str
    your_level: int | None = Field(description="None: not answered")
    required_level: int
    importance: int
    essential: bool
    weighted_gap: float | None = Field(description="importance x levels missing; None if unknown")


class Contribution(Output):
    skill: str
    name: str
    your_level: int
    required_level: int
    importance: int
    share: float = Field(description="part of the role's coverage this skill carries, 0-1")


class RoleMatch(Output):
    rank: int
    role: str
    name: str
    family: str
    fit: float = Field(ge=0, le=1, description="how closely the profile's shape matches the role's")
    readiness: float = Field(
        ge=0, le=1, description="importance-weighted share of the role's required levels reached"
    )
    coverage: float = Field(ge=0, le=1)
    essential_coverage: float = Field(ge=0, le=1)
    essentials_met: int
    essentials_total: int
    answered_weight: float = Field(
        ge=0, le=1, description="share of the role's weight whose levels are known, not estimated"
    )
    strengths: list[Contribution]
    gaps: list[SkillGap]
    explanation: str


class DoorOpener(Output):
    skill: str
    name: str
    from_level: int
    roles_improved: int
    total_gain: float = Field(description="sum over roles of the readiness gained, 0-1 per role")
    roles: list[str]


class AssessmentWarning(Output):
    code: Literal[
        "flat-profile",
        "few-answers",
        "no-essentials",
        "low-answered-weight",
        "unsettled-top",
        "ignored-names",
        "catalog-version",
    ]
    message: str


class Fingerprints(Output):
    catalog: str
    catalog_version: str
    answers: str


class Assessment(Output):
    """The whole result of matching one profile against the catalogue (``--json``)."""

    schema_version: Literal[1] = 1
    tool_version: str = __version__
    fingerprints: Fingerprints
    answered: int = Field(description="skills the person gave a level to")
    known: int = Field(description="skills whose level is known: rated, or unlisted (0)")
    total_skills: int
    ranking: list[RoleMatch]
    target: str | None = None
    target_gaps: list[SkillGap] = Field(default_factory=_no_items)
    door_openers: list[DoorOpener]
    warnings: list[AssessmentWarning]

    def match(self, role_id: str) -> RoleMatch:
        return next(m for m in self.ranking if m.role == role_id)


# --- a comparison of two assessments (compare --json) --------------------------------------


class SkillMove(Output):
    skill: str
    name: str
    before: int | None
    after: int | None
    change: int | None = None  # None when one side is unanswered


class RoleChange(Output):
    role: str
    name: str
    fit_before: float
    fit_after: float
    readiness_before: float
    readiness_after: float
    rank_before: int
    rank_after: int


class StepDone(Output):
    step: str
    status: str
    date: str | None


class Comparison(Output):
    schema_version: Literal[1] = 1
    tool_version: str = __version__
    before: str
    after: str
    assessed_before: str | None
    assessed_after: str | None
    target: str | None
    moved_up: list[SkillMove]
    moved_down: list[SkillMove]
    newly_answered: list[SkillMove]
    roles: list[RoleChange]
    gaps_closed: list[str]
    gaps_opened: list[str]
    steps_completed: list[StepDone]
    notes: list[str]


# --- a plan (plan --json) ------------------------------------------------------------------


class StepSkill(Output):
    skill: str
    name: str
    teaches_level: int
    your_level: int | None

    @property
    def change(self) -> str:
        """'1→3' for what the step adds; 'already 4' when you have the level it teaches."""
        if self.your_level is not None and self.your_level >= self.teaches_level:
            return _("already {level}").format(level=self.your_level)
        return f"{'?' if self.your_level is None else self.your_level}→{self.teaches_level}"


class PlanStep(Output):
    id: str
    title: str
    description: str | None
    phase: str
    status: Status = Field(
        description="todo: full length; shortened: partly known; covered: already known; "
        "learning/done/skipped: progress recorded in the answers file"
    )
    essential: bool = Field(description="teaches an essential skill of the target role")
    optional: bool
    skills: list[StepSkill]
    hours_low: float
    hours_high: float
    full_hours_low: float
    full_hours_high: float
    prerequisites: list[str]
    resources: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    start_week: float | None = None
    end_week: float | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class PlanPhase(Output):
    id: str
    kind: str
    title: str
    goal: str
    steps: list[PlanStep]
    hours_low: float
    hours_high: float
    start_date: dt.date | None
    end_date: dt.date | None
    steps_done: int
    steps_total: int


class Plan(Output):
    """A personal, scheduled learning plan (``careerpath plan --json``)."""

    schema_version: Literal[1] = 1
    tool_version: str = __version__
    catalog_version: str
    answers_fingerprint: str
    from_role: str
    from_role_inferred: bool = Field(
        default=False,
        description="the start role was not given: one of the closest roles is used",
    )
    from_role_closest: bool = Field(
        default=False,
        description="the start role was inferred and is the closest one (not the target); "
        "false when a close role with a curated roadmap was preferred",
    )
    to_role: str
    roadmap: str | None = Field(description="curated roadmap id; None when generated from gaps")
    title: str
    notes: list[str]
    hours_per_week: float
    start_date: dt.date
    phases: list[PlanPhase]
    total_hours_low: float
    total_hours_high: float
    weeks_low: int
    weeks_high: int
    end_date_low: dt.date
    end_date_high: dt.date
    estimate: str = Field(description="the totals in words, labelled as an estimate")
    progress: float = Field(ge=0, le=1, description="share of the plan's hours already done")

    def steps(self) -> list[PlanStep]:
        return [s for p in self.phases for s in p.steps]


# --- a progress entry (progress --json) ----------------------------------------------------


class ProgressRecorded(Output):
    """What ``progress --json`` prints: the entry written into the answers file."""

    schema_version: Literal[1] = 1
    tool_version: str = __version__
    file: str  # the answers file changed (a link's target: the file really written)
    step: str
    status: StepStatus
    date: dt.date


# --- a report written (report --json) ------------------------------------------------------


class ReportWritten(Output):
    """What ``report --json`` prints: the file written (the report itself is HTML or PDF)."""

    schema_version: Literal[1] = 1
    tool_version: str = __version__
    kind: Literal["report", "plan"]
    file: str  # absolute path
    format: Literal["html", "pdf"]
    redacted: bool
    date: dt.date  # the date printed on it


# --- a batch of reports (report --batch --json) --------------------------------------------


class BatchFile(Output):
    answers: str
    report: str
    error: str | None = None  # why it failed; None when written or skipped
    reason: str | None = None  # why it was skipped; None when written or failed


class BatchSummary(Output):
    """What ``report --batch --json`` prints: each input and what became of its report."""

    schema_version: Literal[1] = 1
    tool_version: str = __version__
    out_dir: str
    written: list[BatchFile]
    # --skip-existing found the report already there, or the file answers no skill
    skipped: list[BatchFile]
    failed: list[BatchFile]
    warnings: list[str]


# --- a cohort and a team (cohort --json, team --json) --------------------------------------


class Skipped(Output):
    file: str | None  # None in anonymised output: the files are often named after people
    reason: str
    # invalid: could not be read or used (the command then exits 1, after the others); empty:
    # no skill answered (a blank template), so not a person; duplicate: a copy, counted once;
    # older: an earlier assessment of a person a later file names too, the later one counted.
    kind: Literal["invalid", "empty", "duplicate", "older"]


class Ignored(Output):
    """A skill name in a used file that the catalogue does not know: ignored, the rest of the
    file assessed (``unlisted`` decides what the skill's level is taken to be)."""

    file: str | None  # None in anonymised output
    line: int | None
    name: str | None  # None in anonymised output: a name a person typed
    message: str  # 'unknown skill; did you mean "python"?'


class Member(Output):
    label: str  # the name, a pseudonym, or "Person N"
    best_role: str  # the closest role, by fit
    best_fit: float
    target: str | None
    levels: dict[str, int]
    fit: dict[str, float]
    readiness: dict[str, float]


class GapCount(Output):
    skill: str
    name: str
    people: int  # how many lack it (a level below the role's, or unknown)
    essential: bool
    mean_gap: float | None  # None when the group is too small to show averages


class Closest(Output):
    role: str
    name: str
    family: str
    label: str
    fit: float


class Cohort(Output):
    schema_version: Literal[1] = 1
    tool_version: str = __version__
    catalog_version: str
    anonymised: bool
    people: int
    skipped: list[Skipped]
    ignored: list[Ignored]
    members: list[Member]
    best_role_counts: dict[str, int]
    target: str | None
    common_gaps: list[GapCount]
    closest: list[Closest]
    skill_means: dict[str, float] | None
    averages_note: str | None

    def heatmap_tables(self, catalog: "Catalog") -> "list[list[HeatmapGroup]]":
        """The heatmap's tables (``heatmap_tables``): here so that the template reaches the
        layout through the result it is given."""
        from careerpath.cohort import heatmap_tables

        return heatmap_tables(catalog)


class RoleCoverage(Output):
    role: str
    name: str
    family: str
    could_cover: list[str]  # every member who could cover it on their own (not at once)
    assigned: str | None  # the member the assignment gives it (None: nobody to upskill)
    assigned_readiness: float | None
    advice: Literal["covered", "upskill", "hire"]  # from the assignment
    top_gaps: list[str]  # the assigned member's costliest gaps, when they do not cover it


class Team(Output):
    # 2: advice from a one-role-a-person assignment (covered_by and closest are gone).
    schema_version: Literal[2] = 2
    tool_version: str = __version__
    catalog_version: str
    people: int
    threshold: float
    method: str  # how the assignment is chosen, in words
    covered: int  # roles the assignment covers: what the team can do at once
    skipped: list[Skipped]
    ignored: list[Ignored]
    roles: list[RoleCoverage]
    unassigned: list[str]  # members the assignment leaves free (more people than roles)


# --- the adaptive replay (assess --adaptive --answers FILE --json) -------------------------


# Why an adaptive questionnaire stopped (``adaptive.stop_reason``).
AdaptiveStop = Literal["settled", "max-questions", "exhausted"]


class AdaptiveRun(Output):
    questions: list[str]
    answered: dict[str, int | None]
    ranking: list[str]
    asked: int
    total: int
    stopped: AdaptiveStop
    top: list[str]
    message: str


# --- a posting (posting JOB --json) -------------------------------------------------------

# The part of a posting a sentence is in: its title, a must / required / core / nice-to-have
# heading, another heading, or the body under none.
Section = Literal["title", "must", "required", "core", "nice", "other", "body"]


class PostingEvidence(Output):
    text: str = Field(description="the posting's sentence")
    where: str = Field(description='"line 14" or "page 2, line 14"')
    section: Section


class PostingSkill(Output):
    skill: str
    name: str
    importance: int = Field(ge=1, le=5, description="1 nice to have ... 5 central")
    level: int = Field(ge=1, le=4, description="required level, 1 aware ... 4 expert")
    essential: bool = Field(description="in the title, under a must heading, or with a must cue")
    method: Literal["name", "descriptor"] = Field(
        description="named (name or alias) or matched by similarity to its level descriptors"
    )
    why: str = Field(description="the section and cue that set importance and level")
    evidence: list[PostingEvidence]


class RoleFit(Output):
    rank: int
    role: str
    name: str
    fit: float = Field(ge=0, le=1)


class PostingProfile(Output):
    file: str
    kind: DocumentKind
    title: str | None = Field(description="the posting's first line, when it reads as a title")
    skills: list[PostingSkill] = Field(description="most important first")
    closest_role: str = Field(description="the catalogue role whose profile is most like it")
    closest_role_name: str
    roles: list[RoleFit] = Field(description="every catalogue role by fit to the posting")


class PostingReadiness(Output):
    """A person measured against the posting, as against any role."""

    answers: str = Field(description="the answers file")
    fit: float = Field(ge=0, le=1)
    readiness: float = Field(ge=0, le=1)
    coverage: float = Field(ge=0, le=1)
    essential_coverage: float = Field(ge=0, le=1)
    essentials_met: int
    essentials_total: int
    answered_weight: float = Field(ge=0, le=1)
    rank: int = Field(description="the posting's place among the roles, by the person's fit")
    explanation: str
    gaps: list[SkillGap] = Field(description="every posting skill short, costliest first")
    plan: Plan | None = Field(description="None when there is nothing to plan")
    plan_note: str | None = None
    not_in_plan: list[str] = Field(
        default_factory=_no_items,
        description="skills with a gap the plan does not teach (a curated roadmap restricted "
        "to the posting covers only what it teaches)",
    )


class PostingMatch(Output):
    """What ``careerpath posting --json`` prints (``assess|plan|report --posting`` show the
    same figures)."""

    schema_version: Literal[1] = 1
    tool_version: str = __version__
    posting: PostingProfile
    person: PostingReadiness | None = None
