"""The personal plan: choose a roadmap, personalise it to what the person knows, order it by
prerequisites and schedule it into weeks and dates. Every duration is an estimate range."""

from __future__ import annotations

import datetime as dt
import heapq
import math
from typing import Literal

from pydantic import Field

from careerpath import __version__
from careerpath.answers import OTHER_ROLE, Profile
from careerpath.catalog import Catalog
from careerpath.errors import CareerPathError, UsageError
from careerpath.models import LEVEL_NAMES, PHASE_ORDER, Hours, Output, Phase, Roadmap, Step

DEFAULT_HOURS_PER_WEEK = 6.0
HOURS_PER_LEVEL = (8.0, 16.0)  # generated steps: a level of a skill, low-high
MIN_STEP_HOURS = 1.0
# A plan that runs past this is no plan a person can follow (and dates soon run out: the
# calendar ends at 9999-12-31); it is refused with what to change instead.
HORIZON_YEARS = 50
HORIZON_WEEKS = HORIZON_YEARS * 52

# Generated plans group gaps into the canonical phases by the skill's category.
CATEGORY_PHASE = {
    "programming": "fundamentals",
    "data-manipulation": "fundamentals",
    "mathematics": "fundamentals",
    "ml-fundamentals": "fundamentals",
    "analytics": "fundamentals",
    "ml-frameworks": "frameworks",
    "deep-learning": "frameworks",
    "research": "frameworks",
    "mlops": "operations",
    "cloud": "operations",
    "software-engineering": "operations",
    "data-engineering": "bridge",
    "business": "soft-skills",
}
PHASE_TITLES = {
    "fundamentals": ("Fundamentals", "Close the gaps in the foundations the role builds on."),
    "frameworks": ("Frameworks and methods", "Work fluently with the role's core tools."),
    "operations": ("Operations and engineering", "Run what you build reliably in production."),
    "bridge": ("Bridge your data skills", "Apply data-engineering skills to the new role."),
    "projects": ("Portfolio project", "Show the new skills end to end in one project."),
    "soft-skills": ("Soft skills", "Work with the people around the role."),
}

Status = Literal["todo", "shortened", "covered", "learning", "done", "skipped"]


class StepSkill(Output):
    skill: str
    name: str
    teaches_level: int
    your_level: int | None

    @property
    def change(self) -> str:
        """'1→3' for what the step adds; 'already 4' when you have the level it teaches."""
        if self.your_level is not None and self.your_level >= self.teaches_level:
            return f"already {self.your_level}"
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
    resources: list[dict]
    projects: list[dict]
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
        default=False, description="the start role was not given: the closest role is used"
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


# --- roadmap choice ------------------------------------------------------------------------


def choose_from_role(profile: Profile, catalog: Catalog, target: str, explicit: str | None) -> str:
    if explicit:
        return catalog.role(explicit).id
    current = profile.person.current_role
    if current and current != OTHER_ROLE:
        return current
    from careerpath.scoring import assess

    others = [m.role for m in assess(profile, catalog).ranking if m.role != target]
    # Among the closest few roles, one with a curated roadmap to the target serves best.
    curated = [r for r in others[:3] if catalog.roadmap_for(r, target)]
    return (curated or others)[0]


def generated_roadmap(profile: Profile, catalog: Catalog, from_role: str, to_role: str) -> Roadmap:
    """A roadmap built from the target role's gap list, in the canonical phase order."""
    target = catalog.roles[to_role]
    by_kind: dict[str, list[Step]] = {}
    for skill_id, rs in sorted(target.skills.items(), key=lambda kv: (-kv[1].importance, kv[0])):
        have = profile.levels.get(skill_id, 0)
        if have >= rs.level:
            continue
        skill = catalog.skills[skill_id]
        levels = rs.level - have
        step = Step(
            id=f"learn-{skill_id}",
            title=f"{skill.name}: reach {LEVEL_NAMES[rs.level]}",
            description=f"Target: {skill.levels[rs.level]}",
            teaches={skill_id: rs.level},
            hours=Hours(low=HOURS_PER_LEVEL[0] * levels, high=HOURS_PER_LEVEL[1] * levels),
        )
        by_kind.setdefault(CATEGORY_PHASE.get(skill.category, "fundamentals"), []).append(step)
    essentials = {s: rs.level for s, rs in target.skills.items() if rs.essential}
    if essentials:
        by_kind["projects"] = [
            Step(
                id="portfolio-project",
                title=f"Portfolio project as a {target.name}",
                description="One end-to-end project that uses the role's essential skills, "
                "written up so that a reviewer can follow it.",
                teaches=essentials,
                hours=Hours(low=20, high=40),
                # Only steps of the phases before it: soft skills come after the project.
                prerequisites=[
                    s.id
                    for k, steps in by_kind.items()
                    if PHASE_ORDER.index(k) < PHASE_ORDER.index("projects")
                    for s in steps
                ],
            )
        ]
    phases = [
        Phase(
            id=kind, kind=kind, title=PHASE_TITLES[kind][0], goal=PHASE_TITLES[kind][1], steps=steps
        )
        for kind in PHASE_ORDER
        if (steps := by_kind.get(kind))
    ]
    if not phases:
        raise UsageError(f"you already meet every skill of {target.name}: there is nothing to plan")
    return Roadmap(
        id=f"generated-{from_role}-to-{to_role}",
        title=f"{catalog.roles[from_role].name} → {target.name} (generated from your gaps)",
        from_role=from_role,
        to_role=to_role,
        phases=phases,
    )


# --- personalising and scheduling ----------------------------------------------------------


def _half(x: float) -> float:
    # Rounded up to the half hour; float noise first snapped away (30 * 2/3 is 20.000000000000004).
    return math.ceil(round(x * 2, 9)) / 2


def _remaining(step: Step, profile: Profile) -> float:
    """Share of the step still to learn: 0 already known ... 1 all new (unknown counts as 0)."""
    shares = [max(0, lvl - profile.levels.get(s, 0)) / lvl for s, lvl in step.teaches.items()]
    return sum(shares) / len(shares)


def _teaches_essential(step: Step, essential: set[str]) -> bool:
    return bool(set(step.teaches) & essential)


def _order(phase: Phase, essential: set[str]) -> list[Step]:
    """Prerequisites first; among the steps that are free, essential ones, then file order."""
    steps = {s.id: s for s in phase.steps}
    position = {s.id: i for i, s in enumerate(phase.steps)}

    def key(sid: str) -> tuple[bool, int, str]:
        return (not _teaches_essential(steps[sid], essential), position[sid], sid)

    waiting = {sid: {p for p in s.prerequisites if p in steps} for sid, s in steps.items()}
    # Who waits for whom, so that placing a step is linear in its dependants (a scan of every
    # step per placement took seconds on a 10,000-step roadmap).
    dependants: dict[str, list[str]] = {sid: [] for sid in steps}
    for sid, pre in waiting.items():
        for p in pre:
            dependants[p].append(sid)
    ready = [key(sid) for sid in steps if not waiting[sid]]
    heapq.heapify(ready)
    out = []
    while ready:
        _, _, sid = heapq.heappop(ready)
        out.append(steps[sid])
        for other in dependants[sid]:
            # A step becomes ready exactly once: when its last prerequisite is placed.
            pre = waiting[other]
            pre.discard(sid)
            if not pre:
                heapq.heappush(ready, key(other))
    return out


def _too_long(hpw: float) -> CareerPathError:
    return CareerPathError(
        f"at {hpw:g} h/week this plan would take more than {HORIZON_YEARS} years "
        f"({HORIZON_WEEKS} weeks): plan more hours a week (--hours-per-week, or "
        "person.hours_per_week in the answers file) or a nearer target role"
    )


def _day(start: dt.date, days: int, start_from: str) -> dt.date:
    """``start`` plus ``days``, or a clear error where the calendar ends (9999-12-31)."""
    try:
        return start + dt.timedelta(days=days)
    except OverflowError:
        raise CareerPathError(
            f"a plan starting {start.isoformat()} (from {start_from}) would end after "
            f"{dt.date.max.isoformat()}, the last date there is: choose an earlier start"
        ) from None


def build_plan(
    profile: Profile,
    catalog: Catalog,
    target: str,
    *,
    from_role: str | None = None,
    hours_per_week: float | None = None,
    start: dt.date | None = None,
    today: dt.date | None = None,
) -> Plan:
    """A personal plan from ``from_role`` (default: the person's) to ``target``."""
    to_role = catalog.role(target).id
    origin = choose_from_role(profile, catalog, to_role, from_role)
    hpw = hours_per_week or profile.person.hours_per_week or DEFAULT_HOURS_PER_WEEK
    if not (math.isfinite(hpw) and hpw > 0):  # nan passes `<= 0`
        raise UsageError("--hours-per-week must be a number more than 0")
    today_from = "the report's date (--date or SOURCE_DATE_EPOCH)" if today else "today's date"
    today = today or dt.date.today()
    start_from = (
        "--start"
        if start
        else f"person.start_date in {profile.source}"
        if profile.person.start_date
        else today_from
    )
    start = start or profile.person.start_date or today
    notes: list[str] = []
    inferred = not from_role and profile.person.current_role in (None, OTHER_ROLE)
    if inferred:
        notes.append(
            f"Your current role is not one of the catalogue's; the closest is "
            f"{catalog.roles[origin].name}, used to pick a roadmap (set it with --from)."
        )
    roadmap = catalog.roadmap_for(origin, to_role)
    if roadmap is None and origin == to_role:
        roadmap = generated_roadmap(profile, catalog, origin, to_role)
        notes.append(
            f"You start from {catalog.roles[to_role].name} already; this plan closes your "
            "remaining gaps for the role."
        )
    elif roadmap is None:
        roadmap = generated_roadmap(profile, catalog, origin, to_role)
        if inferred:
            roadmap = roadmap.model_copy(
                update={"title": roadmap.title.replace(catalog.roles[origin].name, "You", 1)}
            )
        notes.append(
            f"No curated roadmap leads from {catalog.roles[origin].name} to "
            f"{catalog.roles[to_role].name}; this plan is generated from your gaps for the role."
        )
    unknown = sorted({s for st in roadmap.steps() for s in st.teaches if s not in profile.levels})
    if unknown:
        names = ", ".join(catalog.skills[s].name for s in unknown)
        notes.append(f"Not answered, so planned as new: {names}. Answer them to shorten the plan.")
    progress = profile.answers.progress
    if today > start and any(p.status in ("done", "skipped") for p in progress.values()):
        # Work already done is behind us: the rest is scheduled from today.
        start, start_from = today, f"{today_from}, as steps are done"
    essential = {s for s, rs in catalog.roles[to_role].skills.items() if rs.essential}

    phases, week = [], 0.0
    total_low = total_high = done_hours = all_hours = 0.0
    for phase in roadmap.phases:
        steps_out = []
        for step in _order(phase, essential):
            share = _remaining(step, profile)
            status: Status = "covered" if share == 0 else "todo" if share == 1 else "shortened"
            low = 0.0 if share == 0 else max(MIN_STEP_HOURS, _half(step.hours.low * share))
            high = 0.0 if share == 0 else max(MIN_STEP_HOURS, _half(step.hours.high * share))
            all_hours += (low + high) / 2
            record = progress.get(step.id)
            if record and record.status in ("done", "skipped"):
                status = record.status
                done_hours += (low + high) / 2
                low = high = 0.0
            elif record and record.status == "learning":
                status = "learning"
            start_week = end_week = None
            start_date = end_date = None
            if low or high:
                start_week = round(week, 2)
                week += (low + high) / 2 / hpw
                if week > HORIZON_WEEKS:  # checked as it grows: no date is computed past it
                    raise _too_long(hpw)
                end_week = round(week, 2)
                start_date = _day(start, round(start_week * 7), start_from)
                end_date = _day(
                    start, max(round(end_week * 7) - 1, round(start_week * 7)), start_from
                )
            total_low += low
            total_high += high
            steps_out.append(
                PlanStep(
                    id=step.id,
                    title=step.title,
                    description=step.description,
                    phase=phase.id,
                    status=status,
                    essential=_teaches_essential(step, essential),
                    optional=step.optional,
                    skills=[
                        StepSkill(
                            skill=s,
                            name=catalog.skills[s].name,
                            teaches_level=lvl,
                            your_level=profile.levels.get(s),
                        )
                        for s, lvl in step.teaches.items()
                    ],
                    hours_low=low,
                    hours_high=high,
                    full_hours_low=step.hours.low,
                    full_hours_high=step.hours.high,
                    prerequisites=list(step.prerequisites),
                    resources=[r.model_dump(mode="json") for r in step.resources],
                    projects=[p.model_dump(mode="json") for p in step.projects],
                    start_week=start_week,
                    end_week=end_week,
                    start_date=start_date,
                    end_date=end_date,
                )
            )
        dated = [s for s in steps_out if s.start_date]
        phases.append(
            PlanPhase(
                id=phase.id,
                kind=phase.kind,
                title=phase.title,
                goal=phase.goal,
                steps=steps_out,
                hours_low=sum(s.hours_low for s in steps_out),
                hours_high=sum(s.hours_high for s in steps_out),
                start_date=dated[0].start_date if dated else None,
                end_date=dated[-1].end_date if dated else None,
                steps_done=sum(s.status in ("done", "skipped", "covered") for s in steps_out),
                steps_total=len(steps_out),
            )
        )
    weeks_low = math.ceil(total_low / hpw) if total_low else 0
    weeks_high = math.ceil(total_high / hpw) if total_high else 0
    if weeks_high > HORIZON_WEEKS:
        raise _too_long(hpw)
    estimate = (
        f"about {weeks_low}-{weeks_high} weeks at {hpw:g} h/week (estimate)"
        if weeks_high
        else "nothing left to learn on this roadmap"
    )
    return Plan(
        catalog_version=catalog.version,
        answers_fingerprint=profile.fingerprint,
        from_role=origin,
        from_role_inferred=inferred,
        to_role=to_role,
        roadmap=roadmap.id if not roadmap.id.startswith("generated-") else None,
        title=roadmap.title,
        notes=notes,
        hours_per_week=hpw,
        start_date=start,
        phases=phases,
        total_hours_low=total_low,
        total_hours_high=total_high,
        weeks_low=weeks_low,
        weeks_high=weeks_high,
        end_date_low=_day(start, weeks_low * 7, start_from),
        end_date_high=_day(start, weeks_high * 7, start_from),
        estimate=estimate,
        progress=round(done_hours / all_hours, 4) if all_hours else 1.0,
    )
