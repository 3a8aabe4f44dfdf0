"""The personal plan: choose a roadmap, personalise it to what the person knows, order it by
prerequisites and schedule it into weeks and dates. Every duration is an estimate range.

Hours model. Each skill has four study-hour ranges, to reach aware, working, proficient and
expert, each from the level below; they grow with the level (reaching expert takes several
times as long as reaching working). They come from the skill's ``hours`` in the catalogue
where it gives them, else from :data:`DEFAULT_LEVEL_HOURS`. A generated step that takes a
skill from level a to b lasts the sum of the ranges of levels a+1..b, and is shortened once
only: its full length is 0..b, and the part already known is what is taken off. A curated step
keeps its curators' hours and is shortened by the share of its levels still to learn, each
level weighted by those same ranges (someone at working keeps most of a step to proficient,
not a third of it). Its levels start where the roadmap's earlier steps leave each skill
(:func:`roadmap_starts`; projects raise none): the curators wrote statistical modelling to 4
to follow probability to 3, so it teaches 3->4, and a person's start is their level or that,
whichever is higher (the plan shows 3->4, not 0->4, and a project using levels earlier steps
teach says "4 from earlier steps"; a project's skills are shown as the levels it uses, "uses:
Model evaluation metrics 3 (2 by then)", never "2->3": it teaches none, so no later step starts
from it). But a step's hours are never below what the catalogue
gives for the levels the person still lacks in the skills it teaches, counting the skills
whose catalogue entry has its own ``hours`` (the sum of ``hours_between(skill, have, level)``
over them): each end of the range is max(curators' hours x share still to learn, catalogue
hours of the missing levels). The curators wrote for someone starting where the roadmap
assumes; someone starting lower needs the levels in between too. The defaults are not used for
this floor: they are a generic guess, and the curators' figure for their own step is the
better one (with them as a floor the Data Engineer -> ML Engineer example took 1539-3002 h).
The catalogue's part is already only what is left, so it is not shortened again, and the full
length shown beside a shortened step is on the same footing (max of the curators' and the
catalogue's hours from where the step starts to b, :func:`full_hours`). ``roadmaps`` lists
each step at that full length too, so that no plan step is longer than the roadmap says
(Python 0->3 on data-analyst-to-data-scientist is 74-138 h, the catalogue's, not the curators'
40-60 h), and a step is "shortened" only when it is shorter than it. A project step is done
whole or not at all: it keeps its curators' hours, is never shortened, and is covered only
when every skill it uses is already at its level. So Docker 3->4 takes 40-80 h on a curated
roadmap as on a generated one, Kubernetes 2->3 40-70 h and Python 2->4 150-290 h (the
catalogue's figures), and a generated portfolio project 30-60 h.

Generated roadmaps put the portfolio project last, after every skill step (its prerequisites),
and offer only the curated project ideas whose skills the person has or the plan teaches.
Their steps list only curated resources clearly about the skill (see
:func:`curated_resources`), none rather than a wrong one.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections.abc import Collection, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypedDict
from urllib.parse import urlsplit

from careerpath.catalog import Catalog
from careerpath.errors import CareerPathError, NothingToPlan, Option, UsageError, sentence
from careerpath.grammar import with_article
from careerpath.i18n import _, current, format_date, format_list, format_number, ngettext
from careerpath.models import (
    PHASE_ORDER,
    Hours,
    Phase,
    PhaseKind,
    Project,
    Resource,
    Roadmap,
    Skill,
    Step,
)
from careerpath.models.inputs import level_label
from careerpath.models.outputs import Plan, PlanPhase, PlanStep, Status, StepSkill
from careerpath.names import fold
from careerpath.profile import OTHER_ROLE, Profile

if TYPE_CHECKING:
    from careerpath.models.outputs import Assessment

DEFAULT_HOURS_PER_WEEK = 6.0
# Hours to reach aware, working, proficient and expert, each from the level below, low-high,
# for a skill whose catalogue entry gives none. Grounded in stated course lengths: Kaggle
# Learn's micro-courses are listed at 3-5 h each (aware); Google's Machine Learning Crash
# Course at about 15 h, one full introductory course (so 0->working is 15-30 h); the curated
# roadmaps' steps to proficient from scratch take 40-70 h (python-for-data,
# kubernetes-operations, supervised-vs-unsupervised), and expert takes about twice that again.
DEFAULT_LEVEL_HOURS: tuple[tuple[float, float], ...] = ((3, 6), (12, 24), (30, 60), (60, 120))
# A generated portfolio project: the curated roadmaps' project steps take 25-60 h each.
PROJECT_HOURS = (30.0, 60.0)
MIN_STEP_HOURS = 1.0
WORKING = 2  # a data-engineering skill at this level or above is bridged, not learnt anew
NICE_TO_HAVE = 1  # importance at or below which a generated plan leaves a gap out
# A plan that runs past this is no plan a person can follow (and dates soon run out: the
# calendar ends at 9999-12-31); it is refused with what to change instead.
HORIZON_YEARS = 50
HORIZON_WEEKS = HORIZON_YEARS * 52

# Generated plans group gaps into the canonical phases by the skill's category.
CATEGORY_PHASE: dict[str, PhaseKind] = {
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
    "generative-ai": "frameworks",
    # Only for skills the person already works with (see generated_roadmap); otherwise
    # data engineering is new engineering to learn, in the operations phase.
    "data-engineering": "bridge",
    "business": "soft-skills",
}


def someone(role: str) -> str:
    """The role's name with an indefinite article, as the language writes it ("an ML
    Engineer"; pt-BR: "um(a) Engenheiro(a) de Machine Learning"). The msgid is a key: English
    chooses "a" or "an" by sound, which no placeholder can say."""
    if current() == "en":
        return with_article(role)
    return _("a/an {role}").format(role=role)


def _phase_titles(target: str) -> dict[str, tuple[str, str]]:
    """Title and goal of each generated phase, worded for the role the person moves to."""
    a_role = someone(target)
    return {
        "fundamentals": (
            _("Fundamentals"),
            _("Close the gaps in the foundations {a_role} builds on.").format(a_role=a_role),
        ),
        "frameworks": (
            _("Frameworks and methods"),
            _("Work fluently with the tools {a_role} uses.").format(a_role=a_role),
        ),
        # Worded for anyone: a generated plan is often an analyst's or a PM's, whose
        # "data-engineering" skill may be data governance (the curated roadmaps from Data
        # Engineer keep their own "Bridge your data-engineering skills").
        "operations": (
            _("Operations and engineering"),
            _(
                "Learn the engineering and platforms {a_role} works with, and run them reliably."
            ).format(a_role=a_role),
        ),
        "bridge": (
            _("Build on the data skills you already use"),
            _(
                "Take the data skills you already work with (pipelines, warehouses, modelling, "
                "governance) to the level {a_role} needs."
            ).format(a_role=a_role),
        ),
        "projects": (
            _("Portfolio project"),
            _("Show the new skills end to end in one project."),
        ),
        "soft-skills": (
            _("Soft skills"),
            _("Work with the people around {a_role}.").format(a_role=a_role),
        ),
    }


# --- roadmap choice ------------------------------------------------------------------------


class StartRole(NamedTuple):
    """The role a plan starts from, and how it was chosen."""

    origin: str
    # The person's closest role other than the target, when the start was inferred from the
    # answers; else None.
    closest: str | None = None
    # The target itself ranks first: the closest other role is only the next closest.
    target_first: bool = False


def choose_from_role(
    profile: Profile,
    catalog: Catalog,
    target: str,
    explicit: str | None,
    assessment: Assessment | None = None,
) -> StartRole:
    """The role a plan toward ``target`` starts from: ``explicit``, else the answers file's
    current role, else inferred from the ranking. ``assessment``: the profile's on this
    catalogue, when the caller has one (its ranking does not depend on its target)."""
    if explicit:
        return StartRole(catalog.role(explicit).id)
    current = profile.person.current_role
    if current and current != OTHER_ROLE:
        return StartRole(current)
    if assessment is None:
        from careerpath.scoring import assess

        assessment = assess(profile, catalog)
    others = [m.role for m in assessment.ranking if m.role != target]
    # Among the closest few roles, one with a curated roadmap to the target serves best.
    curated = [r for r in others[:3] if catalog.roadmap_for(r, target)]
    return StartRole((curated or others)[0], others[0], assessment.ranking[0].role == target)


def level_hours(skill: Skill) -> tuple[tuple[float, float], ...]:
    """Hours (low, high) to reach aware, working, proficient and expert, each from the level
    below: the catalogue's figures for the skill, else the defaults."""
    if skill.hours:
        return tuple((h.low, h.high) for h in skill.hours)
    return DEFAULT_LEVEL_HOURS


def hours_between(skill: Skill, have: int, to: int) -> tuple[float, float]:
    """Study hours (low, high) to take ``skill`` from level ``have`` to level ``to``."""
    steps = level_hours(skill)[max(have, 0) : max(to, 0)]
    return (sum(lo for lo, _ in steps), sum(hi for _, hi in steps))


def _mentions(title: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", title) is not None


def _names(skill: Skill) -> set[str]:
    return {fold(n) for n in (skill.id, skill.name, *skill.aliases)}


@cache
def _longer_names(catalog: Catalog, skill_id: str) -> tuple[str, ...]:
    """Other skills' names that contain one of ``skill_id``'s as a whole word: "GitHub
    Actions" (CI/CD) contains "GitHub" (Git), "Linear algebra" contains "Linear" (an issue
    tracker). Text naming them is about the other skill, not this one."""
    mine = _names(catalog.skills[skill_id])
    return tuple(
        sorted(
            {
                m
                for other in catalog.skills.values()
                if other.id != skill_id
                for m in _names(other)
                if m not in mine and any(_mentions(m, n) for n in mine)
            },
            key=len,
            reverse=True,
        )
    )


def _names_in(text: str, catalog: Catalog, skill_id: str) -> bool:
    """Whether folded ``text`` names the skill (its name, id or an alias, as whole words)
    other than inside a longer name of another skill."""
    for longer in _longer_names(catalog, skill_id):
        text = re.sub(rf"(?<!\w){re.escape(longer)}(?!\w)", " ", text)
    return any(_mentions(text, n) for n in _names(catalog.skills[skill_id]))


def _about(resource: Resource, catalog: Catalog, skill_id: str, step: Step) -> bool:
    """Whether a resource of curated ``step`` is about the skill: its title names it; or its
    title names none of the step's skills and its URL's host does (docs.docker.com). The host
    alone would give Git "GitHub Actions documentation" at docs.github.com, which is about
    CI/CD, as its title says."""
    title = fold(resource.title)
    if _names_in(title, catalog, skill_id):
        return True
    if not resource.url or any(_names_in(title, catalog, s) for s in step.teaches):
        return False
    # Only the host: paths name whatever the page sits under (".../api/python/").
    return _names_in(fold(urlsplit(resource.url).hostname or ""), catalog, skill_id)


@cache
def curated_resources(
    catalog: Catalog, skill_id: str, level: int, limit: int = 3
) -> tuple[Resource, ...]:
    """Resources the curated roadmaps list for steps teaching ``skill_id`` that are clearly
    about it, best first; each once. A multi-skill step lists its resources for all its
    skills together (the OpenCV docs beside the Hugging Face course), so one counts for the
    skill only when its title or URL names the skill (:func:`_about`), or its step teaches
    that skill alone: no resource is better than a wrong one. Those naming the skill come
    first, then those of steps teaching the level nearest to ``level``."""
    ranked: list[tuple[tuple[bool, int], int, Resource]] = []
    for rm in catalog.roadmaps.values():
        for step in rm.steps():
            if skill_id not in step.teaches:
                continue
            alone = len(step.teaches) == 1
            for r in step.resources:
                named = _about(r, catalog, skill_id, step)
                if named or alone:
                    key = (not named, abs(step.teaches[skill_id] - level))
                    ranked.append((key, len(ranked), r))
    out: list[Resource] = []
    seen: set[str] = set()
    for *_rank, r in sorted(ranked, key=lambda item: item[:2]):
        if (r.url or r.title) not in seen:
            seen.add(r.url or r.title)
            out.append(r)
    return tuple(out[:limit])


def _curated_projects(
    catalog: Catalog, to_role: str, levels: dict[str, int], taught: set[str], limit: int = 3
) -> tuple[list[Project], list[Resource]]:
    """The project ideas, and their resources, of the curated roadmaps' project steps toward
    ``to_role`` whose every skill the person has (in ``levels``, at the level the step uses)
    or the plan teaches (in ``taught``):
    a project on Spark and Kafka is no showcase for a plan that teaches neither. Projects name
    no skills of their own, so their step's ``teaches`` stands for them."""
    projects: list[Project] = []
    resources: list[Resource] = []
    for rm in catalog.roadmaps.values():
        for ph in rm.phases if rm.to_role == to_role else ():
            for st in ph.steps if ph.kind == "projects" else ():
                if not project_fits(st, taught, levels):
                    continue
                projects += [p for p in st.projects if p not in projects]
                resources += [r for r in st.resources if r not in resources]
    return projects[:limit], resources[:limit]


def project_fits(step: Step, taught: Collection[str], levels: Mapping[str, int]) -> bool:
    """Whether a project step is a showcase for a plan: every skill it uses is one the plan
    teaches (``taught``; the project is where it grows to the level used) or one the person
    has at the level it uses (``levels``). A project on Spark and Kafka is no showcase for a
    plan that teaches neither, to someone who knows neither."""
    return all(s in taught or levels.get(s, 0) >= lvl for s, lvl in step.teaches.items())


UNTAUGHT_SHOWN = 6  # named in the plan's note; the rest counted


def learned_levels(roadmap: Roadmap) -> dict[str, int]:
    """The highest level a learning step of ``roadmap`` brings each skill to. A project step
    teaches none: it uses its skills (``PlanStep.project``)."""
    reached: dict[str, int] = {}
    for phase in roadmap.phases:
        for step in phase.steps if phase.kind != "projects" else ():
            for skill, level in step.teaches.items():
                reached[skill] = max(reached.get(skill, 0), level)
    return reached


def untaught_gaps(profile: Profile, catalog: Catalog, roadmap: Roadmap, to_role: str) -> list[str]:
    """The target's gaps at a known level (``scoring.role_gaps``, costliest first), above
    nice-to-have, that no learning step of ``roadmap`` brings to the level the target needs:
    taught by none, or only to a lower level (a curated step for Kubernetes may teach 2
    where a posting asks 3)."""
    from careerpath.scoring import role_gaps

    reached = learned_levels(roadmap)
    return [
        g.skill
        for g in role_gaps(profile, catalog, to_role)
        if g.weighted_gap
        and g.importance > NICE_TO_HAVE
        and reached.get(g.skill, 0) < g.required_level
    ]


def generated_roadmap(profile: Profile, catalog: Catalog, from_role: str, to_role: str) -> Roadmap:
    """A roadmap built from the target role's gap list, in the canonical phase order.

    Nice-to-have skills (importance ``NICE_TO_HAVE`` or less: a few of the role's postings
    name them) stay in the gap list but get no step: a plan that taught every one of them
    would run for years.

    Each step's hours are its skill's full 0..required range (see the module docstring); the
    personalisation shortens it once, by the levels the person already has. The portfolio
    project, when the role has essential skills, is the last phase and waits for every step.

    A step the person has recorded done or skipped stays when its level is reached since:
    a done step dropped from the plan would take its hours out of the plan's progress."""
    target = catalog.roles[to_role]
    titles = _phase_titles(target.name)
    recorded = {
        sid for sid, p in profile.answers.progress.items() if p.status in ("done", "skipped")
    }
    by_kind: dict[PhaseKind, list[Step]] = {}
    for skill_id, rs in sorted(target.skills.items(), key=lambda kv: (-kv[1].importance, kv[0])):
        have = profile.levels.get(skill_id, 0)
        if rs.importance <= NICE_TO_HAVE and not rs.essential:
            continue
        if have >= rs.level and f"learn-{skill_id}" not in recorded:
            continue
        skill = catalog.skills[skill_id]
        low, high = hours_between(skill, 0, rs.level)
        step = Step(
            id=f"learn-{skill_id}",
            title=_("{skill}: reach {level}").format(skill=skill.name, level=level_label(rs.level)),
            description=_("Target: {descriptor}").format(descriptor=skill.levels[rs.level]),
            teaches={skill_id: rs.level},
            hours=Hours(low=low, high=high),
            resources=list(curated_resources(catalog, skill_id, rs.level)),
        )
        kind = CATEGORY_PHASE.get(skill.category, "fundamentals")
        if kind == "bridge" and have < WORKING:
            kind = "operations"  # nothing to bridge from: learnt as new engineering
        by_kind.setdefault(kind, []).append(step)
    phases = [
        Phase(id=kind, kind=kind, title=titles[kind][0], goal=titles[kind][1], steps=steps)
        for kind in PHASE_ORDER
        if (steps := by_kind.get(kind))
    ]
    essentials = {s: rs.level for s, rs in target.skills.items() if rs.essential}
    if essentials:
        taught = {s for ph in phases for st in ph.steps for s in st.teaches}
        projects, resources = _curated_projects(catalog, to_role, profile.levels, taught)
        kind = "projects"
        # Last, after every skill step (soft skills too): a project shows the skills the plan
        # teaches, so it cannot come before them, and the essential skills it uses may be in
        # any phase (an ML project manager's are mostly soft skills).
        phases.append(
            Phase(
                id=kind,
                kind=kind,
                title=titles[kind][0],
                goal=titles[kind][1],
                steps=[
                    Step(
                        id="portfolio-project",
                        title=_("Portfolio project as {a_role}").format(
                            a_role=someone(target.name)
                        ),
                        description=_(
                            "One end-to-end project that uses the role's essential skills, "
                            "written up so that a reviewer can follow it."
                        ),
                        teaches=essentials,
                        hours=Hours(low=PROJECT_HOURS[0], high=PROJECT_HOURS[1]),
                        prerequisites=[st.id for ph in phases for st in ph.steps],
                        resources=resources,
                        projects=projects,
                    )
                ],
            )
        )
    if not phases:
        raise NothingToPlan(
            _("you already meet every skill of {role}: there is nothing to plan").format(
                role=target.name
            )
        )
    return Roadmap(
        id=f"generated-{from_role}-to-{to_role}",
        title=_("{from_role} → {to_role} (generated from your gaps)").format(
            from_role=catalog.roles[from_role].name, to_role=target.name
        ),
        from_role=from_role,
        to_role=to_role,
        phases=phases,
    )


# --- personalising and scheduling ----------------------------------------------------------


def _half(x: float) -> float:
    # Rounded up to the half hour; float noise first snapped away (30 * 2/3 is 20.000000000000004).
    return math.ceil(round(x * 2, 9)) / 2


def catalogue_hours(step: Step, levels: Mapping[str, int], catalog: Catalog) -> tuple[float, float]:
    """The catalogue's hours (low, high) for the levels ``step`` teaches that ``levels`` still
    lacks (unknown counts as 0): the sum of :func:`hours_between` over the step's skills whose
    catalogue entry gives its own hours (the defaults are no floor for a curator's figure)."""
    own = {s: lvl for s, lvl in step.teaches.items() if catalog.skills[s].hours}
    missing = [hours_between(catalog.skills[s], levels.get(s, 0), lvl) for s, lvl in own.items()]
    return sum(lo for lo, _ in missing), sum(hi for _, hi in missing)


def roadmap_starts(roadmap: Roadmap, catalog: Catalog) -> dict[str, dict[str, int]]:
    """Where each step of ``roadmap`` starts, for someone starting at 0: step id -> the
    levels the earlier steps of a plan (in its order) bring the skills it teaches to, those
    above 0. The curators wrote each step to follow its prerequisites: statistical modelling
    to 4 after probability to 3 is 3->4, not 0->4. Projects raise no level (they use the
    skills, and are no step to learn them in); a step whose every level the earlier steps
    reach already stands alone, from 0."""
    essential = {s for s, rs in catalog.roles[roadmap.to_role].skills.items() if rs.essential}
    reached: dict[str, int] = {}
    out: dict[str, dict[str, int]] = {}
    for phase in roadmap.phases:
        for step in _order(phase, essential):
            start = {s: reached[s] for s in step.teaches if reached.get(s, 0) > 0}
            if phase.kind != "projects" and all(
                start.get(s, 0) >= lvl for s, lvl in step.teaches.items()
            ):
                start = {}
            out[step.id] = start
            if phase.kind != "projects":
                for s, lvl in step.teaches.items():
                    reached[s] = max(reached.get(s, 0), lvl)
    return out


def full_hours(
    step: Step, kind: PhaseKind, catalog: Catalog, start: Mapping[str, int]
) -> tuple[float, float]:
    """A step's whole length (low, high), for someone starting at 0 in every skill, so from
    ``start`` (:func:`roadmap_starts`): the curators' hours, but never below the catalogue's
    own hours for those levels (:func:`catalogue_hours`); a project's hours are its
    curators'. What ``roadmaps`` lists, and what a plan shortens by the levels the person has
    (so no plan step exceeds it)."""
    if kind == "projects":
        return step.hours.low, step.hours.high
    cat_low, cat_high = catalogue_hours(step, start, catalog)
    return max(step.hours.low, cat_low), max(step.hours.high, cat_high)


def roadmap_hours(roadmap: Roadmap, catalog: Catalog) -> tuple[float, float]:
    """The roadmap's total (low, high) of :func:`full_hours`: a plan from 0 in every skill."""
    starts = roadmap_starts(roadmap, catalog)
    steps = [
        full_hours(st, ph.kind, catalog, starts[st.id]) for ph in roadmap.phases for st in ph.steps
    ]
    return sum(lo for lo, _ in steps), sum(hi for _, hi in steps)


def _remaining(
    step: Step, levels: Mapping[str, int], start: Mapping[str, int], catalog: Catalog, kind: str
) -> tuple[float, float]:
    """Share (low, high) of the step still to learn from ``levels``, of what it teaches from
    ``start`` (where the roadmap's earlier steps leave each skill): 0 already known ... 1 all
    new (unknown counts as 0). Each skill's levels weigh what they take to learn
    (:func:`hours_between`), so the last levels, the long ones, count most; a project is all
    or nothing."""
    missing = [
        (catalog.skills[s], max(levels.get(s, 0), start.get(s, 0)), start.get(s, 0), lvl)
        for s, lvl in step.teaches.items()
    ]
    if kind == "projects":  # the person's own levels alone: see build_plan
        whole = float(any(levels.get(s, 0) < lvl for s, lvl in step.teaches.items()))
        return whole, whole
    left = [hours_between(skill, have, lvl) for skill, have, _from, lvl in missing]
    full = [hours_between(skill, low, lvl) for skill, _have, low, lvl in missing]
    return (
        sum(lo for lo, _ in left) / sum(lo for lo, _ in full),
        sum(hi for _, hi in left) / sum(hi for _, hi in full),
    )


def _start_level(yours: int | None, earlier: int) -> int | None:
    """Where a step takes a skill from: the person's level, or what the earlier steps reach
    if higher; None when unknown and no earlier step teaches it."""
    if yours is None:
        return earlier or None
    return max(yours, earlier)


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
        *sentence(
            _(
                "at {hours} h/week this plan would take more than {years} years ({weeks} "
                "weeks): plan more hours a week ({option}, or person.hours_per_week in the "
                "answers file) or a nearer target role"
            ),
            hours=format_number(hpw),
            years=HORIZON_YEARS,
            weeks=HORIZON_WEEKS,
            option=Option("hours_per_week"),
        )
    )


# Where the start date came from, for an error: text, with the option that set it.
_From = tuple[str | Option, ...]


def _day(start: dt.date, days: int, start_from: _From) -> dt.date:
    """``start`` plus ``days``, or a clear error where the calendar ends (9999-12-31)."""
    try:
        return start + dt.timedelta(days=days)
    except OverflowError:
        raise CareerPathError(
            *sentence(
                _(
                    "a plan starting {start} (from {origin}) would end after {last}, the last "
                    "date there is: choose an earlier start"
                ),
                start=format_date(start),
                origin=start_from,
                last=format_date(dt.date.max),
            )
        ) from None


def _resource(resource: Resource, catalog: Catalog) -> dict[str, Any]:
    """A resource as the plan lists it; with the catalogue's note in this language (such as
    where a Portuguese edition exists), if it has one. Titles stay as published."""
    out = resource.model_dump(mode="json")
    note = catalog.resource_notes.get(resource.url or "")
    if note:
        out["note"] = note
    return out


def made_on(today: dt.date | None = None) -> dt.date:
    """The date a plan is made for: ``today`` when given (the report's date), else today's
    (this module's only clock, which the tests move)."""
    return today or dt.date.today()


def starts_in_past(start: dt.date, today: dt.date | None = None) -> bool:
    """Whether a plan that starts on ``start`` has its first dates already past on the date
    it is made for (:func:`made_on`): the one rule behind the plan's note (a start date from
    the answers file), the report's page 1 (any start) and `plan`'s warning (a --start
    given), which only say it."""
    return start < made_on(today)


class PlanOptions(TypedDict):
    """``build_plan``'s settings besides the person, the catalogue and the target, as the
    callers that build a plan for someone else's command pass them along."""

    from_role: str | None
    hours_per_week: float | None
    start: dt.date | None
    today: dt.date | None


def build_plan(
    profile: Profile,
    catalog: Catalog,
    target: str,
    *,
    from_role: str | None = None,
    hours_per_week: float | None = None,
    start: dt.date | None = None,
    today: dt.date | None = None,
    assessment: Assessment | None = None,
) -> Plan:
    """A personal plan from ``from_role`` (default: the person's) to ``target``.
    ``assessment``: the profile's on this catalogue when the caller has made it, so that the
    profile is not assessed a second time; without it the plan assesses it if it must."""
    to_role = catalog.role(target).id
    origin, closest, target_first = choose_from_role(
        profile, catalog, to_role, from_role, assessment
    )
    hpw = hours_per_week or profile.person.hours_per_week or DEFAULT_HOURS_PER_WEEK
    if not (math.isfinite(hpw) and hpw > 0):  # nan passes `<= 0`
        raise UsageError(
            *sentence(_("{option} must be a number more than 0"), option=Option("hours_per_week"))
        )
    today_from: _From = (
        sentence(_("the report's date ({option} or SOURCE_DATE_EPOCH)"), option=Option("date"))
        if today
        else (_("today's date"),)
    )
    today = made_on(today)
    start_from: _From = (
        (Option("start"),)
        if start
        else (_("person.start_date in {source}").format(source=profile.source),)
        if profile.person.start_date
        else today_from
    )
    # Only the file's start date can be stale (a file kept from an earlier plan), and the
    # plan notes it; one given with --start is what the person asked for now, and keeps the
    # plan a function of its inputs alone (`plan` warns on stderr when it is past).
    stale_start = start is None and profile.person.start_date is not None
    start = start or profile.person.start_date or today
    # Each note is one whole message that begins with a word of its own, never with a name
    # or another value: shown after a label ("Note: ...") it goes on in lower case where the
    # language writes so (i18n.after_colon), and standing alone (the report) it keeps its
    # capital.
    notes: list[str] = []
    inferred = closest is not None
    # Why the start was inferred: no current role given, or one outside the catalogue.
    lead = (
        _("You gave no current role")
        if profile.person.current_role is None
        else _("Your current role is not one of the catalogue's")
    )
    if inferred and target_first:
        # "Your closest role" would be false: the target itself is closer than the start.
        notes.append(
            (
                _(
                    "{lead}, and {target} is already the closest to your answers; the plan "
                    "starts from the next closest, {origin} (choose another with --from)."
                )
                if origin == closest
                else _(
                    "{lead}, and {target} is already the closest to your answers; the plan "
                    "starts from {origin}, also among your closest three, which has a curated "
                    "roadmap to it (choose another with --from)."
                )
            ).format(
                lead=lead, target=catalog.roles[to_role].name, origin=catalog.roles[origin].name
            )
        )
    elif inferred and origin == closest:
        notes.append(
            _(
                "{lead}; the closest is {closest}, used to pick a roadmap (set it with --from)."
            ).format(lead=lead, closest=catalog.roles[origin].name)
        )
    elif closest is not None:  # inferred
        notes.append(
            _(
                "{lead}; the closest is {closest}, but {origin}, also among your closest three, "
                "has a curated roadmap to {target}, so the plan starts there (choose another "
                "with --from)."
            ).format(
                lead=lead,
                closest=catalog.roles[closest].name,
                origin=catalog.roles[origin].name,
                target=catalog.roles[to_role].name,
            )
        )
    roadmap = catalog.roadmap_for(origin, to_role)
    if roadmap is None and origin == to_role:
        roadmap = generated_roadmap(profile, catalog, origin, to_role)
        notes.append(
            _(
                "You start from {role} already; this plan closes your remaining gaps for the role."
            ).format(role=catalog.roles[to_role].name)
        )
    elif roadmap is None:
        roadmap = generated_roadmap(profile, catalog, origin, to_role)
        if inferred:
            roadmap = roadmap.model_copy(
                update={"title": roadmap.title.replace(catalog.roles[origin].name, _("You"), 1)}
            )
        notes.append(
            _(
                "No curated roadmap leads from {origin} to {target}; this plan is generated "
                "from your gaps for the role."
            ).format(origin=catalog.roles[origin].name, target=catalog.roles[to_role].name)
        )
    untaught = untaught_gaps(profile, catalog, roadmap, to_role)
    if untaught:
        # A curated roadmap expects its start role's skills: someone who is not quite that
        # role (or whose start was inferred) has gaps no step teaches, and a finish date
        # that reads as "ready by then" unless this is said.
        shown = [catalog.skills[s].name for s in untaught[:UNTAUGHT_SHOWN]]
        if len(untaught) > UNTAUGHT_SHOWN:
            shown.append(
                ngettext("{n} more", "{n} more", len(untaught) - UNTAUGHT_SHOWN).format(
                    n=len(untaught) - UNTAUGHT_SHOWN
                )
            )
        notes.append(
            ngettext(
                "No step of this plan brings {n} skill {target} needs up to the level it "
                "needs, so the finish date leaves it out: {skills}.",
                "No step of this plan brings {n} skills {target} needs up to the levels it "
                "needs, so the finish date leaves them out: {skills}.",
                len(untaught),
            ).format(n=len(untaught), target=catalog.roles[to_role].name, skills=format_list(shown))
        )
    unknown = sorted({s for st in roadmap.steps() for s in st.teaches if s not in profile.levels})
    if unknown:
        names = ", ".join(catalog.skills[s].name for s in unknown)
        notes.append(
            _("Not answered, so planned as new: {skills}. Answer them to shorten the plan.").format(
                skills=names
            )
        )
    progress = profile.answers.progress
    if today > start and any(p.status in ("done", "skipped") for p in progress.values()):
        # Work already done is behind us: the rest is scheduled from today.
        start, start_from = today, sentence(_("{date}, as steps are done"), date=today_from)
    if stale_start and starts_in_past(start, today):
        notes.append(
            _(
                "The plan starts on {start}, before {today}: its first dates are already past "
                "(give --start to schedule it from another date)."
            ).format(start=format_date(start), today=format_date(today))
        )
    essential = {s for s, rs in catalog.roles[to_role].skills.items() if rs.essential}

    phases, week = [], 0.0
    # Progress (see Plan.progress): done steps at their full length over those plus the
    # hours still left; skipped steps count on neither side.
    total_low = total_high = done_hours = left_hours = 0.0
    optional_low = optional_high = 0.0  # within the totals: a reader may leave them out
    # Where each step starts: the levels the roadmap's earlier steps reach (see
    # roadmap_starts), or the person's if higher.
    starts = roadmap_starts(roadmap, catalog)
    for phase in roadmap.phases:
        steps_out = []
        for step in _order(phase, essential):
            begins = starts[step.id]
            reached = {s: max(profile.levels.get(s, 0), begins.get(s, 0)) for s in step.teaches}
            # A project keeps the person's levels: it is what shows the skills the earlier steps
            # taught, so they do not cover it.
            levels = profile.levels if phase.kind == "projects" else reached
            share_low, share_high = _remaining(step, levels, begins, catalog, phase.kind)
            low = high = 0.0
            # The full length shown beside a shortened step ("of ...") and by `roadmaps`: the
            # curators' hours, never below the catalogue's from where the step starts, so what
            # is left never exceeds it.
            full_low, full_high = full_hours(step, phase.kind, catalog, begins)
            if phase.kind == "projects":
                # A project keeps its own rule: its hours, whole or not at all.
                floor_low = floor_high = 0.0
            else:
                # Never below the catalogue's hours for the levels still lacking: the curators
                # wrote a step for someone starting where the roadmap assumes, and a person
                # starting lower needs the levels in between too. Those missing-level hours are
                # already only what is left, so they are not shortened again.
                floor_low, floor_high = catalogue_hours(step, reached, catalog)
            if share_high > 0:
                low = max(MIN_STEP_HOURS, _half(max(step.hours.low * share_low, floor_low)))
                high = max(
                    low, MIN_STEP_HOURS, _half(max(step.hours.high * share_high, floor_high))
                )
            # "Shortened" only when it is shorter than its full length: with the catalogue's
            # floor a partly known step can take all of it (Python 0->3 beside a known skill).
            status: Status = (
                "covered"
                if share_high == 0
                else "shortened"
                if low < full_low or high < full_high
                else "todo"
            )
            record = progress.get(step.id)
            if record and record.status in ("done", "skipped"):
                status = record.status
                if record.status == "done":
                    # At its full length, which no level changes: at its shortened length a
                    # done step lost hours, and the plan progress, when the levels it taught
                    # were raised afterwards.
                    done_hours += (full_low + full_high) / 2
                low = high = 0.0
            else:
                left_hours += (low + high) / 2
                if record and record.status == "learning":
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
            if step.optional:
                optional_low += low
                optional_high += high
            steps_out.append(
                PlanStep(
                    id=step.id,
                    title=step.title,
                    description=step.description,
                    phase=phase.id,
                    status=status,
                    essential=_teaches_essential(step, essential),
                    optional=step.optional,
                    project=phase.kind == "projects",
                    skills=[
                        StepSkill(
                            skill=s,
                            name=catalog.skills[s].name,
                            teaches_level=lvl,
                            your_level=profile.levels.get(s),
                            start_level=_start_level(profile.levels.get(s), begins.get(s, 0)),
                        )
                        for s, lvl in step.teaches.items()
                    ],
                    hours_low=low,
                    hours_high=high,
                    full_hours_low=full_low,
                    full_hours_high=full_high,
                    prerequisites=list(step.prerequisites),
                    resources=[_resource(r, catalog) for r in step.resources],
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
        _("about {low}-{high} weeks at {hours} h/week (estimate)").format(
            low=weeks_low, high=weeks_high, hours=format_number(hpw)
        )
        if weeks_high
        else _("nothing left to learn on this roadmap")
    )
    # Phases and steps are dated at the middle of each estimate; where that schedule ends.
    phase_ends = [p.end_date for p in phases if p.end_date]
    return Plan(
        catalog_version=catalog.version,
        answers_fingerprint=profile.fingerprint,
        from_role=origin,
        from_role_inferred=inferred,
        from_role_closest=inferred and origin == closest and not target_first,
        to_role=to_role,
        roadmap=roadmap.id if not roadmap.id.startswith("generated-") else None,
        title=roadmap.title,
        notes=notes,
        untaught=untaught,
        hours_per_week=hpw,
        start_date=start,
        phases=phases,
        total_hours_low=total_low,
        total_hours_high=total_high,
        optional_hours_low=optional_low,
        optional_hours_high=optional_high,
        weeks_low=weeks_low,
        weeks_high=weeks_high,
        end_date_low=_day(start, weeks_low * 7, start_from),
        end_date_high=_day(start, weeks_high * 7, start_from),
        end_date_middle=max(phase_ends) if phase_ends else None,
        estimate=estimate,
        progress=(
            round(done_hours / (done_hours + left_hours), 4) if done_hours + left_hours else 1.0
        ),
    )
