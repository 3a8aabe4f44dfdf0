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
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from careerpath import __version__
from careerpath.i18n import _
from careerpath.models.inputs import AsWritten, DocumentKind, StepStatus

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


# Descriptions several fields share: one wording for one meaning, wherever it appears.
_SCHEMA_VERSION = "version of this JSON format; it changes when the shape does"
_TOOL_VERSION = "version of careerpath that printed it"
_CATALOG_VERSION = "version of the catalogue used (its catalog.yaml)"
_SKILL = "skill id"
_SKILL_NAME = "the skill's name, in the language careerpath speaks"
_ROLE = "role id"
_ROLE_NAME = "the role's name, in the language careerpath speaks"
_FAMILY = "the role's family: business, technical or cross-section"
_YOUR_LEVEL = "the person's level, 0 none ... 4 expert; None: unknown (not answered)"
_REQUIRED = "level the role requires, 1 aware ... 4 expert"
_IMPORTANCE = "weight of the skill in the role, 1 nice to have ... 5 central"
_FIT = "how closely the profile's shape matches the role's, 0-1"
_READINESS = "share of the role's requirements met, 0-1: 0.7 x coverage + 0.3 x essential_coverage"
_COVERAGE = (
    "importance-weighted share of the role's required levels reached, over all its skills "
    "(unknown levels estimated), 0-1"
)
_ESSENTIAL_COVERAGE = "coverage over the role's essential skills only (= coverage if none), 0-1"
_ESSENTIALS_MET = "the role's essential skills whose known level reaches the required one"
_ESSENTIALS_TOTAL = "how many essential skills the role has"
_ANSWERED_WEIGHT = "share of the role's weight whose levels are known, not estimated, 0-1"
_WORDS = "in the language careerpath speaks"


# --- the catalogue check (validate --json) -------------------------------------------------


class CatalogProblem(Output):
    file: str = Field(
        description="the catalogue file, from the catalogue folder's parent "
        '(e.g. "data/roles/ml-engineer.yaml")'
    )
    line: int | None = Field(description="line in the file; None when not known")
    field: str = Field(
        description='key path in the file, e.g. "skills.python.levels"; empty: the whole file'
    )
    message: str = Field(description=f"what is wrong, {_WORDS}")


class CatalogCheck(Output):
    """What ``validate --json`` prints for a catalogue that loads (one that does not is an
    error, listed on standard error)."""

    schema_version: Literal[1] = Field(default=1, description=_SCHEMA_VERSION)
    tool_version: str = Field(description=_TOOL_VERSION)
    root: str = Field(description="absolute path of the catalogue folder")
    name: str = Field(description="the catalogue's name (catalog.yaml)")
    version: str = Field(description="the catalogue's version (catalog.yaml)")
    fingerprint: str = Field(
        description="12 hex digits of a hash of the catalogue's files (translations aside): "
        "it changes whenever any of them does"
    )
    categories: int = Field(description="how many skill categories the catalogue has")
    skills: int = Field(description="how many skills")
    roles: int = Field(description="how many roles")
    roadmaps: int = Field(description="how many curated roadmaps")
    warnings: list[CatalogProblem] = Field(
        description="what is odd but does not stop the catalogue loading, by file, line and "
        "field; empty when nothing is"
    )


# --- an assessment (assess --json) ---------------------------------------------------------


class SkillGap(Output):
    skill: str = Field(description=_SKILL)
    name: str = Field(description=_SKILL_NAME)
    your_level: int | None = Field(description=_YOUR_LEVEL)
    required_level: int = Field(description=_REQUIRED)
    importance: int = Field(description=_IMPORTANCE)
    essential: bool = Field(description="an essential skill of the role")
    weighted_gap: float | None = Field(
        description="importance x levels missing (required minus yours); None when your "
        "level is unknown"
    )


class Contribution(Output):
    skill: str = Field(description=_SKILL)
    name: str = Field(description=_SKILL_NAME)
    your_level: int = Field(description="the person's level, 1 aware ... 4 expert")
    required_level: int = Field(description=_REQUIRED)
    importance: int = Field(description=_IMPORTANCE)
    share: float = Field(description="part of the role's coverage this skill carries, 0-1")


class RoleMatch(Output):
    rank: int = Field(description="1 = closest: by fit, then readiness, then role id")
    role: str = Field(description=_ROLE)
    name: str = Field(description=_ROLE_NAME)
    family: str = Field(description=_FAMILY)
    fit: float = Field(ge=0, le=1, description=_FIT)
    readiness: float = Field(ge=0, le=1, description=_READINESS)
    coverage: float = Field(ge=0, le=1, description=_COVERAGE)
    essential_coverage: float = Field(ge=0, le=1, description=_ESSENTIAL_COVERAGE)
    essentials_met: int = Field(description=_ESSENTIALS_MET)
    essentials_total: int = Field(description=_ESSENTIALS_TOTAL)
    answered_weight: float = Field(ge=0, le=1, description=_ANSWERED_WEIGHT)
    strengths: list[Contribution] = Field(
        description="up to 3 skills that carry the role's coverage: those at the required "
        "level first, then by share"
    )
    gaps: list[SkillGap] = Field(
        description="up to 3 gaps of known level, costliest (weighted_gap) first"
    )
    explanation: str = Field(description=f"the match in one sentence, {_WORDS}")


class DoorOpener(Output):
    skill: str = Field(description=_SKILL)
    name: str = Field(description=_SKILL_NAME)
    from_level: int = Field(description="the person's known level now, 0-3")
    roles_improved: int = Field(description="how many roles' readiness one level more raises")
    total_gain: float = Field(description="sum over roles of the readiness gained, 0-1 per role")
    roles: list[str] = Field(description="ids of those roles, in catalogue order")


class AssessmentWarning(Output):
    code: Literal[
        "flat-profile",
        "few-answers",
        "no-essentials",
        "low-answered-weight",
        "unsettled-top",
        "ignored-names",
        "unknown-role",
        "catalog-version",
    ] = Field(description="what the warning is about: a stable id for scripts")
    message: str = Field(description=f"the warning in words, {_WORDS}")


class Fingerprints(Output):
    catalog: str = Field(description="the catalogue's fingerprint, as `validate` prints it")
    catalog_version: str = Field(description=_CATALOG_VERSION)
    answers: str = Field(
        description="12 hex digits of a hash of the answers (person, date, levels, evidence, "
        "progress): the same however the file is formatted or ordered"
    )


class Assessment(Output):
    """The whole result of matching one profile against the catalogue (``--json``)."""

    schema_version: Literal[1] = Field(default=1, description=_SCHEMA_VERSION)
    tool_version: str = Field(default=__version__, description=_TOOL_VERSION)
    fingerprints: Fingerprints = Field(description="what was assessed against what")
    answered: int = Field(description="skills the person gave a level to")
    known: int = Field(description="skills whose level is known: rated, or unlisted (0)")
    total_skills: int = Field(description="skills in the catalogue")
    ranking: list[RoleMatch] = Field(description="every role, closest (rank 1) first")
    target: str | None = Field(
        default=None,
        description="the role target_gaps are for: --target, else the answers file's target "
        "role; None when neither names one",
    )
    target_gaps: list[SkillGap] = Field(
        default_factory=_no_items,
        description="every gap for the target role: known levels costliest first, then unknown "
        "ones, essential and most important first; empty without a target",
    )
    door_openers: list[DoorOpener] = Field(
        description="up to 5 skills whose next level raises readiness most, summed over the "
        "roles, largest total_gain first"
    )
    warnings: list[AssessmentWarning] = Field(
        description="reasons to read the ranking with care; empty when there are none"
    )

    def match(self, role_id: str) -> RoleMatch:
        return next(m for m in self.ranking if m.role == role_id)


# --- a comparison of two assessments (compare --json) --------------------------------------


class SkillMove(Output):
    skill: str = Field(description=_SKILL)
    name: str = Field(description=_SKILL_NAME)
    before: int | None = Field(description="level 0-4 in the earlier file; None: unknown")
    after: int | None = Field(description="level 0-4 in the later file; None: unknown")
    change: int | None = Field(
        default=None, description="after minus before; None when one side is unknown"
    )


class RoleChange(Output):
    role: str = Field(description=_ROLE)
    name: str = Field(description=_ROLE_NAME)
    fit_before: float = Field(description="fit 0-1 in the earlier assessment")
    fit_after: float = Field(description="fit 0-1 in the later assessment")
    readiness_before: float = Field(description="readiness 0-1 in the earlier assessment")
    readiness_after: float = Field(description="readiness 0-1 in the later assessment")
    rank_before: int = Field(description="rank in the earlier assessment, 1 = closest")
    rank_after: int = Field(description="rank in the later assessment, 1 = closest")


class StepDone(Output):
    step: str = Field(description="plan step id")
    status: str = Field(
        description="done or skipped, as the step's newer record says (of the two files'); "
        "a skipped step was settled without being learnt, and is not reported as done"
    )
    date: str | None = Field(description="the date recorded (ISO date); None when none is")


class Comparison(Output):
    schema_version: Literal[1] = Field(default=1, description=_SCHEMA_VERSION)
    tool_version: str = Field(default=__version__, description=_TOOL_VERSION)
    before: str = Field(description="the earlier answers file, as given")
    after: str = Field(description="the later answers file, as given")
    assessed_before: str | None = Field(
        description="the earlier file's assessed_on (ISO date); None when it gives none"
    )
    assessed_after: str | None = Field(
        description="the later file's assessed_on (ISO date); None when it gives none"
    )
    target: str | None = Field(
        description="the role whose gaps are compared: --target, else the later file's target "
        "role, else the earlier file's; None when none is named"
    )
    moved_up: list[SkillMove] = Field(
        description="skills known in both whose level rose, largest rise first, then by id"
    )
    moved_down: list[SkillMove] = Field(
        description="skills known in both whose level fell, largest fall first, then by id"
    )
    newly_answered: list[SkillMove] = Field(
        description="skills unknown before and known now, in catalogue order"
    )
    roles: list[RoleChange] = Field(
        description="every role, in the order of the later ranking (closest first)"
    )
    gaps_closed: list[str] = Field(
        description="ids of the target role's skills, known in both files, that were a gap "
        "before and are not now, sorted; empty without a target"
    )
    gaps_opened: list[str] = Field(
        description="ids of the target role's skills, known in both files, that are a gap now "
        "and were not before, sorted; empty without a target"
    )
    steps_completed: list[StepDone] = Field(
        description="plan steps finished between the two assessments, by step id, read from "
        "the progress of both files: a step in both is taken from its newer record (the "
        "later-dated; the later file's when they tie or a date is missing, unless it is undated "
        "and says what the dated one does) and counts if that "
        "says done or skipped, dated from the earlier assessment to the later (each bound where "
        "given), or undated in the later file only when the earlier did not have it finished; "
        "despite the name, a skipped one is in it too, told apart by its status"
    )
    notes: list[str] = Field(description=f"what to check about the two files, in words, {_WORDS}")


# --- a plan (plan --json) ------------------------------------------------------------------


class StepSkill(Output):
    skill: str = Field(description=_SKILL)
    name: str = Field(description=_SKILL_NAME)
    teaches_level: int = Field(description="the level the step brings it to, 1 aware ... 4 expert")
    your_level: int | None = Field(description=_YOUR_LEVEL)
    start_level: int | None = Field(
        description="the level the step starts from: the person's, or what the roadmap's earlier "
        "steps bring it to, if higher (skipped ones too: a skip never lengthens a later step); "
        "None: unknown and taught by no earlier step"
    )

    @property
    def reached(self) -> bool:
        """Whether the step starts at or above the level it teaches (yours or the earlier
        steps'): then every view says so the same way (:attr:`change`)."""
        return self.start_level is not None and self.start_level >= self.teaches_level

    @property
    def change(self) -> str:
        """'1→3' for what the step adds, from where the earlier steps leave it; 'already 4'
        when you have the level it teaches; '4 from earlier steps' when they reach it, or
        higher than yours (never 'already 3' just after a step to 4)."""
        start = self.start_level
        if start is not None and self.reached:
            if self.your_level is not None and self.your_level >= start:
                return _("already {level}").format(level=self.your_level)
            return _("{level} from earlier steps").format(level=start)
        return f"{'?' if self.start_level is None else self.start_level}→{self.teaches_level}"

    @property
    def use_change(self) -> str:
        """What a project shows: it applies the skill at ``teaches_level`` and raises no level,
        so a level not yet reached is the one used, with where the person is by then ('3 (2
        by then)'), never '2→3' as if the project taught it (the steps after it would then
        start at 3)."""
        if self.reached:
            return self.change
        return _("{level} ({start} by then)").format(
            level=self.teaches_level, start="?" if self.start_level is None else self.start_level
        )

    @property
    def done_change(self) -> str:
        """What :attr:`change` says once the step is done: a level still to reach is reached
        ('3 (done)', not '2→3' as if the gap were open)."""
        if self.reached:
            return self.change
        return _("{level} (done)").format(level=self.teaches_level)


class PlanStep(Output):
    id: str = Field(description="step id (what `careerpath progress` records)")
    title: str = Field(description="the step's title")
    description: str | None = Field(
        description="what the step is; None when the roadmap gives none"
    )
    phase: str = Field(description="id of the phase it is in")
    status: Status = Field(
        description="todo: full length; shortened: partly known; covered: already known; "
        "learning/done/skipped: progress recorded in the answers file"
    )
    essential: bool = Field(description="teaches an essential skill of the target role")
    optional: bool = Field(description="the roadmap marks the step optional")
    project: bool = Field(
        default=False,
        description="a project (its phase's kind is projects): it applies its skills at their "
        "teaches_level and raises none, so later steps do not start from it",
    )
    skills: list[StepSkill] = Field(
        description="the skills it teaches (a project: uses), in the roadmap's order"
    )
    hours_low: float = Field(
        description="study hours still to spend, low estimate; 0 when covered, done or skipped"
    )
    hours_high: float = Field(description="study hours still to spend, high estimate")
    full_hours_low: float = Field(
        description="the step's whole length in hours, low estimate, before what the person "
        "knows is taken off"
    )
    full_hours_high: float = Field(description="the step's whole length in hours, high estimate")
    prerequisites: list[str] = Field(description="ids of the steps to do before it")
    resources: list[dict[str, Any]] = Field(
        description="learning resources, each {title, kind, url (null when none)} and, where "
        "the catalogue has one in this language, a note"
    )
    projects: list[dict[str, Any]] = Field(description="project ideas, each {title, description}")
    start_week: float | None = Field(
        default=None,
        description="when the step starts, in weeks after the plan's start_date, 2 decimals "
        "(each step takes the middle of its hours at hours_per_week); None: nothing left to do",
    )
    end_week: float | None = Field(
        default=None, description="weeks after start_date when it ends; None: nothing left"
    )
    start_date: dt.date | None = Field(
        default=None, description="the day it starts (ISO date); None: nothing left to do"
    )
    end_date: dt.date | None = Field(
        default=None,
        description="the last day of it (ISO date, inclusive); None: nothing left to do",
    )

    @property
    def changes(self) -> list[tuple[str, str]]:
        """(name, change) of each skill, as the plan shows it: a done step's levels read as
        reached ('NumPy 3 (done)'), not as a gap still open; a project's, as the levels it
        uses (:attr:`StepSkill.use_change`)."""
        if self.status == "done":
            return [(k.name, k.done_change) for k in self.skills]
        return [(k.name, k.use_change if self.project else k.change) for k in self.skills]


class PlanPhase(Output):
    id: str = Field(description="phase id")
    kind: str = Field(
        description="fundamentals, frameworks, operations, bridge, projects or soft-skills"
    )
    title: str = Field(description="the phase's title")
    goal: str = Field(description="what the phase achieves")
    steps: list[PlanStep] = Field(
        description="its steps in order: prerequisites first, then those that teach an "
        "essential skill, then the roadmap's order"
    )
    hours_low: float = Field(description="hours still to spend on its steps, low estimate")
    hours_high: float = Field(description="hours still to spend on its steps, high estimate")
    start_date: dt.date | None = Field(
        description="the day its first scheduled step starts (ISO date); None: nothing left"
    )
    end_date: dt.date | None = Field(
        description="the last day of its last scheduled step (ISO date); None: nothing left"
    )
    steps_done: int = Field(description="its steps done, skipped or already covered")
    steps_total: int = Field(description="how many steps it has")


class Plan(Output):
    """A personal, scheduled learning plan (``careerpath plan --json``)."""

    schema_version: Literal[1] = Field(default=1, description=_SCHEMA_VERSION)
    tool_version: str = Field(default=__version__, description=_TOOL_VERSION)
    catalog_version: str = Field(description=_CATALOG_VERSION)
    answers_fingerprint: str = Field(
        description="the answers' fingerprint, as the assessment's fingerprints.answers"
    )
    from_role: str = Field(
        description="role id the plan starts from: --from, else the answers file's current "
        "role, else inferred (from_role_inferred)"
    )
    from_role_inferred: bool = Field(
        default=False,
        description="the start role was not given: one of the closest roles is used",
    )
    from_role_closest: bool = Field(
        default=False,
        description="the start role was inferred and is the person's closest role; false "
        "when a close role with a curated roadmap was preferred, or when the target itself "
        "ranks first",
    )
    to_role: str = Field(
        description="role id the plan leads to (toward a posting: its id as a role, 'posting')"
    )
    roadmap: str | None = Field(description="curated roadmap id; None when generated from gaps")
    title: str = Field(description="the roadmap's title")
    notes: list[str] = Field(
        description=f"how the plan was made and what it assumes, in words, {_WORDS}"
    )
    untaught: list[str] = Field(
        default_factory=list,
        description="skill ids the target role needs above the person's (known) level that no "
        "step of the plan teaches, costliest gap first: the finish date leaves them out",
    )
    hours_per_week: Annotated[float, AsWritten] = Field(
        description="study hours a week it is scheduled at: --hours-per-week, else the answers "
        "file's, else 6"
    )
    start_date: dt.date = Field(
        description="the day the schedule starts (ISO date): --start, else the answers file's "
        "start_date, else today; today when steps are already done and today is later"
    )
    phases: list[PlanPhase] = Field(description="the roadmap's phases, in its order")
    total_hours_low: float = Field(description="hours still to spend in all, low estimate")
    total_hours_high: float = Field(description="hours still to spend in all, high estimate")
    optional_hours_low: float = Field(
        default=0,
        description="the part of total_hours_low spent on steps the roadmap marks optional",
    )
    optional_hours_high: float = Field(
        default=0,
        description="the part of total_hours_high spent on steps the roadmap marks optional",
    )
    weeks_low: int = Field(description="total_hours_low / hours_per_week, rounded up")
    weeks_high: int = Field(description="total_hours_high / hours_per_week, rounded up")
    end_date_low: dt.date = Field(description="start_date + weeks_low weeks (ISO date)")
    end_date_high: dt.date = Field(description="start_date + weeks_high weeks (ISO date)")
    end_date_middle: dt.date | None = Field(
        default=None,
        description="the day the last step ends when every step takes the middle of its "
        "estimate, as the dates of the phases and steps do (ISO date); null when no step is "
        "left to do",
    )
    estimate: str = Field(description="the totals in words, labelled as an estimate")
    progress: float = Field(
        ge=0,
        le=1,
        description="share of the plan done, 0-1: the hours of the steps marked done, each "
        "at its full length (full_hours, not shortened by what the person knows), over those "
        "plus the hours still left in the steps not done nor skipped; skipped steps count on "
        "neither side; 1 when both are 0. So marking a step done or skipped, or raising a "
        "level, never lowers it (on the same roadmap)",
    )

    def steps(self) -> list[PlanStep]:
        return [s for p in self.phases for s in p.steps]


# --- a progress entry (progress --json) ----------------------------------------------------


class ProgressRecorded(Output):
    """What ``progress --json`` prints: the entry written into the answers file."""

    schema_version: Literal[1] = Field(default=1, description=_SCHEMA_VERSION)
    tool_version: str = Field(default=__version__, description=_TOOL_VERSION)
    file: str = Field(
        description="the answers file changed (a link's target: the file really written)"
    )
    step: str = Field(description="the plan step id")
    status: StepStatus = Field(description="the status recorded")
    date: dt.date = Field(description="the date recorded (ISO date): --date, else today")


# --- a report written (report --json) ------------------------------------------------------


class ReportWritten(Output):
    """What ``report --json`` prints: the file written (the report itself is HTML or PDF)."""

    schema_version: Literal[1] = Field(default=1, description=_SCHEMA_VERSION)
    tool_version: str = Field(default=__version__, description=_TOOL_VERSION)
    kind: Literal["report", "plan"] = Field(
        description="report: a full report; plan: a plan document (`plan -o`)"
    )
    file: str = Field(description="absolute path of the file written")
    format: Literal["html", "pdf"] = Field(description="the file's format")
    redacted: bool = Field(description="the name, evidence and mentor notes left out (--redact)")
    date: dt.date = Field(description="the date printed on it (ISO date)")


# --- a batch of reports (report --batch --json) --------------------------------------------


class BatchFile(Output):
    answers: str = Field(
        description="the answers file, as found in the folder; FILE:LINE for a line of a JSON "
        "Lines file"
    )
    report: str = Field(description="the report's path: where it is, or would have been, written")
    error: str | None = Field(
        default=None, description="why it failed; None when written or skipped"
    )
    reason: str | None = Field(
        default=None, description="why it was skipped; None when written or failed"
    )


class BatchSummary(Output):
    """What ``report --batch --json`` prints: each input and what became of its report."""

    schema_version: Literal[1] = Field(default=1, description=_SCHEMA_VERSION)
    tool_version: str = Field(default=__version__, description=_TOOL_VERSION)
    out_dir: str = Field(description="the folder the reports go to, as given")
    written: list[BatchFile] = Field(description="reports written, in file order")
    skipped: list[BatchFile] = Field(
        description="no report made, nothing failed: --skip-existing found it already there, "
        "or the file answers no skill"
    )
    failed: list[BatchFile] = Field(description="files whose report failed, in file order")
    warnings: list[str] = Field(
        description="what the files' names call for (skill names the catalogue does not "
        "know are ignored, the rest reported), as on standard error: a notice several files "
        'share said once, with how many files; each file\'s own as "file:line: field: message", '
        "the first 10 of them, then how many more"
    )


# --- a cohort and a team (cohort --json, team --json) --------------------------------------


class Skipped(Output):
    file: str | None = Field(
        description="the file; None in anonymised output (files are often named after people)"
    )
    reason: str = Field(description=f"why it is not counted, in words, {_WORDS}")
    kind: Literal["invalid", "empty", "duplicate", "older"] = Field(
        description="invalid: could not be read or used (the command then exits 1, after the "
        "others); empty: no skill answered (a blank template), so not a person; duplicate: a "
        "copy, counted once; older: an earlier assessment of a person a later file names too, "
        "the later one counted"
    )
    json_lines: bool = Field(
        default=False,
        description="true when it is a JSON Lines file or a line of one (anonymised output "
        "keeps this, not the file or the line): what a count of skipped ones counts",
    )


class Ignored(Output):
    """A skill name in a used file that the catalogue does not know: ignored, the rest of the
    file assessed (``unlisted`` decides what the skill's level is taken to be)."""

    file: str | None = Field(description="the file; None in anonymised output")
    line: int | None = Field(
        description="line in the file; None when not known, and in anonymised output"
    )
    name: str | None = Field(
        description="the skill name as written; None in anonymised output (a person typed it)"
    )
    message: str = Field(
        description="what is wrong, e.g. 'unknown skill; did you mean \"python\"?'"
    )


class Member(Output):
    label: str = Field(
        description="the person's name, a pseudonym when anonymised, or the file's name when it "
        "gives none; a name two files share is followed by the file, in brackets"
    )
    best_role: str = Field(description="the closest role's id, by fit")
    best_fit: float = Field(description="fit 0-1 to that role")
    target: str | None = Field(description="the target role id the file gives; None when none")
    levels: dict[str, int] = Field(
        description="skill id -> known level 0-4, in the file's order; unknown skills left out"
    )
    fit: dict[str, float] = Field(description="role id -> fit 0-1, closest first")
    readiness: dict[str, float] = Field(description="role id -> readiness 0-1, in fit's order")


class GapCount(Output):
    skill: str = Field(description=_SKILL)
    name: str = Field(description=_SKILL_NAME)
    people: int = Field(description="how many lack it (a level below the role's, or unknown)")
    essential: bool = Field(description="an essential skill of the target role")
    mean_gap: float | None = Field(
        description="the mean weighted gap: importance x levels missing (all of them when "
        "unknown), averaged over everyone counted, 2 decimals; None when the group is too small "
        "to show averages"
    )


class Closest(Output):
    role: str = Field(description=_ROLE)
    name: str = Field(description=_ROLE_NAME)
    family: str = Field(description=_FAMILY)
    label: str = Field(description="the member most like it (highest fit)")
    fit: float = Field(description="that member's fit to it, 0-1")


class Cohort(Output):
    schema_version: Literal[1] = Field(default=1, description=_SCHEMA_VERSION)
    tool_version: str = Field(default=__version__, description=_TOOL_VERSION)
    catalog_version: str = Field(description=_CATALOG_VERSION)
    anonymised: bool = Field(
        description="names replaced by pseudonyms and files left out (--anonymise)"
    )
    people: int = Field(description="people counted: the files (or JSON Lines lines) used")
    skipped: list[Skipped] = Field(description="files or lines not counted, and why")
    ignored: list[Ignored] = Field(
        description="skill names in the used files that the catalogue does not know"
    )
    members: list[Member] = Field(
        description="everyone counted, in file order (by label when anonymised)"
    )
    best_role_counts: dict[str, int] = Field(
        description="role id -> how many members it is the closest role of, most first (ties "
        "by id); roles no member is closest to are left out"
    )
    target: str | None = Field(
        description="the role common_gaps are for: --target, else the target most members give "
        "(ties by id); None when none is named"
    )
    target_note: str | None = Field(
        default=None,
        description="when several targets tie as the most common: which, and which is taken "
        f"(the first by id), {_WORDS}; None otherwise (and with --target)",
    )
    common_gaps: list[GapCount] = Field(
        description="up to 15 of the target role's skills that members lack: its essential "
        "skills first, then the most people lacking, then the highest importance, then by id; "
        "empty without a target"
    )
    closest: list[Closest] = Field(
        description="every role, in catalogue order, and its closest member"
    )
    skill_means: dict[str, float] | None = Field(
        description="skill id -> mean known level 0-4, 2 decimals, over the members who know "
        "it; only skills known for 5 distinct people or more; None when the group is too small"
    )
    averages_note: str | None = Field(
        description="why averages are withheld (fewer than 5 distinct people); None when shown"
    )

    def heatmap_tables(self, catalog: "Catalog") -> "list[list[HeatmapGroup]]":
        """The heatmap's tables (``heatmap_tables``): here so that the template reaches the
        layout through the result it is given."""
        from careerpath.cohort import heatmap_tables

        return heatmap_tables(catalog)


class RoleCoverage(Output):
    role: str = Field(description=_ROLE)
    name: str = Field(description=_ROLE_NAME)
    family: str = Field(description=_FAMILY)
    could_cover: list[str] = Field(
        description="every member who could cover it on their own (not at once): readiness at "
        "least the threshold, levels known for half its weight, and every essential skill met "
        "at its required level; highest readiness first"
    )
    assigned: str | None = Field(
        description="the member the assignment gives it; None when nobody is (hire)"
    )
    assigned_readiness: float | None = Field(
        description="that member's readiness for it, 0-1; None when nobody is assigned"
    )
    advice: Literal["covered", "upskill", "hire"] = Field(
        description="from the assignment: covered: its member covers it; upskill: its member "
        "does not, but has readiness within 0.15 of the threshold (or above it, with an "
        "essential skill not met); hire: nobody is"
    )
    top_gaps: list[str] = Field(
        description="names of up to 3 of the assigned member's gaps when the advice is "
        "upskill: the essential skills they do not meet (or whose level is unknown) first, then "
        "the costliest known gaps; else empty"
    )


class Team(Output):
    # 2: advice from a one-role-a-person assignment (covered_by and closest are gone).
    schema_version: Literal[2] = Field(default=2, description=_SCHEMA_VERSION)
    tool_version: str = Field(default=__version__, description=_TOOL_VERSION)
    catalog_version: str = Field(description=_CATALOG_VERSION)
    people: int = Field(description="people counted: the files (or JSON Lines lines) used")
    threshold: float = Field(description="the readiness that covers a role, 0-1 (--threshold)")
    method: str = Field(description=f"how the assignment is chosen, in words, {_WORDS}")
    covered: int = Field(description="roles the assignment covers: what the team can do at once")
    skipped: list[Skipped] = Field(description="files or lines not counted, and why")
    ignored: list[Ignored] = Field(
        description="skill names in the used files that the catalogue does not know"
    )
    roles: list[RoleCoverage] = Field(
        description="every role: business, then technical, then cross-section, each by id"
    )
    unassigned: list[str] = Field(
        description="members the assignment leaves free (more people than roles), sorted"
    )

    def holds(self, label: str) -> str | None:
        """The name of the role the assignment gives member ``label``, None if it gives none:
        beside "could cover" a role, who is already needed elsewhere."""
        return next((r.name for r in self.roles if r.assigned == label), None)


# --- the adaptive replay (assess --adaptive --answers FILE --json) -------------------------


# Why an adaptive questionnaire stopped (``adaptive.stop_reason``).
AdaptiveStop = Literal["settled", "max-questions", "exhausted"]


class AdaptiveRun(Output):
    questions: list[str] = Field(description="skill ids in the order they were asked")
    answered: dict[str, int | None] = Field(
        description="skill id -> the level 0-4 the file gives, in the order asked; None: the "
        "file leaves it unknown (skipped)"
    )
    ranking: list[str] = Field(
        description="every role id, closest first, on the answers given (the rest estimated)"
    )
    asked: int = Field(description="how many questions were asked")
    total: int = Field(description="skills in the catalogue: the most it could ask")
    stopped: AdaptiveStop = Field(
        description="settled: the top three roles are settled; max-questions: the question "
        "limit was reached; exhausted: nothing was left to ask"
    )
    top: list[str] = Field(description="the first three role ids of the ranking")
    message: str = Field(description=f"why it stopped, in words, {_WORDS}")


# --- a posting (posting JOB --json) -------------------------------------------------------

# The part of a posting a sentence is in: its title, a must / required / core / nice-to-have
# heading, another heading, or the body under none.
Section = Literal["title", "must", "required", "core", "nice", "other", "body"]


class PostingEvidence(Output):
    text: str = Field(description="the posting's sentence")
    where: str = Field(description='"line 14" or "page 2, line 14"')
    section: Section = Field(
        description="the part it is in: the title, under a must / required / core / "
        "nice-to-have heading, another heading (other), or under none (body)"
    )


class PostingSkill(Output):
    skill: str = Field(description=_SKILL)
    name: str = Field(description=_SKILL_NAME)
    importance: int = Field(ge=1, le=5, description="1 nice to have ... 5 central")
    level: int = Field(ge=1, le=4, description="required level, 1 aware ... 4 expert")
    essential: bool = Field(description="in the title, under a must heading, or with a must cue")
    method: Literal["name", "descriptor"] = Field(
        description="named (name or alias) or matched by similarity to its level descriptors"
    )
    why: str = Field(description="the section and cue that set importance and level")
    evidence: list[PostingEvidence] = Field(
        description="the passages that ask for it, the one that set the importance first"
    )


class RoleFit(Output):
    rank: int = Field(description="1 = closest: a role the title names first, then by fit")
    role: str = Field(description=_ROLE)
    name: str = Field(description=_ROLE_NAME)
    fit: float = Field(ge=0, le=1, description="how closely the posting's profile matches it, 0-1")


class PostingProfile(Output):
    file: str = Field(description="the posting file, as given")
    kind: DocumentKind = Field(description="the file's format")
    title: str | None = Field(description="the posting's first line, when it reads as a title")
    skills: list[PostingSkill] = Field(
        description="most important first, then highest level, then by id"
    )
    closest_role: str = Field(description="the catalogue role whose profile is most like it")
    closest_role_name: str = Field(description=_ROLE_NAME)
    roles: list[RoleFit] = Field(description="every catalogue role, closest first (see rank)")


class PostingReadiness(Output):
    """A person measured against the posting, as against any role."""

    answers: str = Field(description="the answers file, as given")
    fit: float = Field(ge=0, le=1, description=_FIT)
    readiness: float = Field(ge=0, le=1, description=_READINESS)
    coverage: float = Field(ge=0, le=1, description=_COVERAGE)
    essential_coverage: float = Field(ge=0, le=1, description=_ESSENTIAL_COVERAGE)
    essentials_met: int = Field(description=_ESSENTIALS_MET)
    essentials_total: int = Field(description=_ESSENTIALS_TOTAL)
    answered_weight: float = Field(ge=0, le=1, description=_ANSWERED_WEIGHT)
    rank: int = Field(description="the posting's place among the roles, by the person's fit")
    explanation: str = Field(description=f"the match in one sentence, {_WORDS}")
    gaps: list[SkillGap] = Field(
        description="every posting skill short (or unknown), costliest first"
    )
    plan: Plan | None = Field(
        description="the plan toward the posting; None: nothing to plan (plan_note says why)"
    )
    plan_note: str | None = Field(
        default=None, description="why there is no plan; None when there is one"
    )
    not_in_plan: list[str] = Field(
        default_factory=_no_items,
        description="skills with a gap above nice-to-have that no learning step of the plan "
        "brings to the level the posting asks (the plan's untaught; a curated roadmap "
        "restricted to the posting covers only what it teaches, to its own levels)",
    )


class PostingMatch(Output):
    """What ``careerpath posting --json`` prints (``assess|plan|report --posting`` show the
    same figures)."""

    schema_version: Literal[1] = Field(default=1, description=_SCHEMA_VERSION)
    tool_version: str = Field(default=__version__, description=_TOOL_VERSION)
    posting: PostingProfile = Field(description="what the posting asks for")
    person: PostingReadiness | None = Field(
        default=None, description="the person against it (with --answers); None without"
    )
