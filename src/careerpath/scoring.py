"""Role matching: two measures, ranking, explanations, gaps and warnings.

Two questions, two measures. For role r, skill s with importance w, required level l, the
person's level u, and d_s how much s sets roles apart (``matrices.RoleArrays.distinct``):

*Fit* (whose profile does mine resemble? it ranks the roles and names the closest one) compares
shapes. In the metric where a level of s counts d_s, the role's profile is v = d w l and the
person's is z = d u. Fit is the cosine between them, where the person may lower any level of a
skill the role needs (never raise one, and never touch the skills it does not need):

    fit = max over 0 <= y_s <= z_s (s in r), y_s = z_s (s not in r) of  (v . y) / (|v| |y|)

So fit is about shape, not seniority: a junior whose levels are half a role's everywhere has
the role's shape (readiness says how far there is to go). Skills that set roles apart weigh
more than skills every role shares; strength in skills the role does not need lengthens |y|
and so makes the profile less like the role's; more of a needed skill never does, because the
person may leave it where the role's shape wants it. The maximum is exact, not searched
(``_fit``). Why this measure: on 5-fold cross-validation over the 138 training postings
(``benchmarks/training``) it ranks 81.9 % first and 92.8 % in the first two, against 76.1 % /
92.8 % for the weighted min/max similarity it replaced; the plain cosine (82.6 % / 94.2 %)
fails the property below, since a needed skill above the role's proportion lowers it.

*Readiness* (how much of this role's requirements do I meet? it drives gaps, the target,
team coverage and "skills that open the most doors"):

    c_s       = min(u, l) / l
    coverage  = sum(w c) / sum(w)             over all the role's skills
    essential = the same over its essential skills (= coverage for a role with none)
    readiness = 0.7 coverage + 0.3 essential

Both lie in [0, 1]; readiness never falls when a level rises, and raising a skill a role needs
never lowers that role's fit, up to its required level or beyond (every profile allowed before
is still allowed). Raising a skill the role does not need never raises it. Unlisted skills are
0 unless the file says otherwise (see ``answers``); a skill whose level is unknown is
*estimated* by ``estimates`` (the conditional mean given the known levels, along their
positive links only), and each role reports the share of its weight that rests on known
levels. In fit a guess may earn a role credit, never cost it: off the role it counts 0, and
on it, like a known level, it may be lowered, but only down to its floor (its estimate had
every known level been 0; ``estimates.expected_levels``), so that a role whose skills are
mostly unknown cannot take any shape it likes and reach fit 1 on a sliver of answers. When
the unknowns could still reorder the top roles, a warning says so: the verdict is the adaptive
questionnaire's own stopping rule (``adaptive.step``), so the two never disagree.
Ranking: fit, then readiness, then role id (values rounded to 9 places first, so float noise
never decides). numpy is imported inside the functions: ``careerpath --help`` must not load it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from careerpath.catalog import Catalog
from careerpath.commands import next_command
from careerpath.i18n import N_, _, format_list, format_percent, ngettext
from careerpath.matrices import RoleArrays, flat_steps, role_arrays
from careerpath.models.outputs import (
    Assessment,
    AssessmentWarning,
    Contribution,
    DoorOpener,
    Fingerprints,
    RoleMatch,
    SkillGap,
)
from careerpath.profile import Profile, name_warnings, resume_command

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

ESSENTIAL_WEIGHT = 0.3
TOP_EXPLAINED = 3
STRENGTHS_SHOWN = 3
GAPS_SHOWN = 3
DOOR_OPENERS = 5
STRONG_LEVEL = 3  # "strong in" is said of proficient (3) or expert (4) levels only
# Below this share of a role's weight answered, what is said of the role is mostly estimate:
# its explanation says so, and a warning does for the closest role.
KNOWN_ENOUGH = 0.5


# --- the kernel: many profiles at once -----------------------------------------------------


def profile_vector(profile: Profile, skill_ids: list[str]) -> NDArray[np.float64]:
    """Levels in catalogue order, NaN where unknown."""
    import numpy as np

    return np.array([profile.levels.get(s, np.nan) for s in skill_ids], dtype=float)


def measures(
    levels: NDArray[np.float64],
    catalog: Catalog,
    charged: NDArray[np.float64] | None = None,
    floor: NDArray[np.float64] | None = None,
) -> dict[str, NDArray[np.float64]]:
    """Fit and readiness of many complete profiles at once.

    ``levels``: (n, skills), columns in catalogue order, every level known or estimated (any
    real number in [0, 4]). ``charged``: the levels fit charges against roles that do not need
    them (default ``levels``; ``assess`` passes the known levels only, estimates at 0: a guess
    may earn a role credit, never cost it). ``floor``: how far fit may lower each level
    (default 0; ``assess`` passes the floors ``estimates.expected_levels`` gives). Returns
    arrays of shape (n, roles): fit, readiness, coverage, essential (coverage over essential
    skills)."""
    import numpy as np

    a = role_arrays(catalog)
    x = np.atleast_2d(np.asarray(levels, dtype=float))
    c = x if charged is None else np.atleast_2d(np.asarray(charged, dtype=float))
    fit, _ = _fit(x, c, a, None if floor is None else np.atleast_2d(floor))
    return {"fit": fit, **readiness_measures(x, catalog)}


def readiness_measures(
    levels: NDArray[np.float64], catalog: Catalog
) -> dict[str, NDArray[np.float64]]:
    """``measures`` without fit (which costs most of it), for what needs readiness only:
    readiness, coverage and essential, each (n, roles)."""
    import numpy as np

    a = role_arrays(catalog)
    x = np.atleast_2d(np.asarray(levels, dtype=float))
    credit, credit_e = np.split(flat_steps(x) @ a.kernel, 2, axis=1)
    coverage = credit / a.W.sum(axis=1)
    essential = credit_e / a.WE_eff.sum(axis=1)
    readiness = (1 - ESSENTIAL_WEIGHT) * coverage + ESSENTIAL_WEIGHT * essential
    return {"readiness": readiness, "coverage": coverage, "essential": essential}


def fit_slope(levels: NDArray[np.float64], catalog: Catalog) -> NDArray[np.float64]:
    """(roles, skills): how each role's fit moves, to first order, per level of each skill, for
    one complete profile (every level counted, as ``measures`` without ``charged``).

    With y the best lowered profile (``_fit``), N^2 = |y|^2 + off-role mass and v the role's
    profile, the envelope theorem gives d fit / d u = d (v y N^2 - (v . y) y) / (|v| N^3) for a
    skill the role needs and is not above its share (y = z there), 0 for one above it, and
    -d (v . y) z / (|v| N^3) for a skill the role does not need."""
    import numpy as np

    a = role_arrays(catalog)
    x = np.atleast_2d(np.asarray(levels, dtype=float))[:1]
    _, scale = _fit(x, x, a)
    z = x[0] * a.distinct  # (S,)
    y = np.where(a.on, np.minimum(z[None, :], scale[0][:, None] * a.V), 0.0)  # (R, S)
    off = np.where(a.on, 0.0, z[None, :])
    n2 = (y**2).sum(axis=1) + (off**2).sum(axis=1)
    vy = (a.V * y).sum(axis=1)
    bound = a.on & (z[None, :] <= scale[0][:, None] * a.V)
    with np.errstate(divide="ignore", invalid="ignore"):
        on_role = np.where(bound, a.V * n2[:, None] - vy[:, None] * y, 0.0)
        raw = (on_role - vy[:, None] * off) / (a.V_norm * n2**1.5)[:, None]
    slope: NDArray[np.float64] = np.nan_to_num(raw * a.distinct, nan=0.0, posinf=0.0)
    return slope


def _fit(
    x: NDArray[np.float64],
    charged: NDArray[np.float64],
    a: RoleArrays,
    floor: NDArray[np.float64] | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(n, roles) each: fit (the module docstring's formula, computed exactly) and the scale
    lambda of the best profile, y = clip(lambda v, floor, z) on the role's skills.

    ``floor``: how far each level may be lowered (default 0: all the way; ``assess`` passes
    the floors ``estimates.expected_levels`` gives for unknown levels, so a guess is never
    lowered below what any answers would give). The optimum has that form (a Lagrange
    condition of the cosine); for a fixed set of skills held at a bound, the cosine is
    (lambda P + Q) / sqrt(lambda^2 P + R), with P = sum of v^2 over the free skills,
    Q = v . y and R = |y|^2 over the held ones plus the off-role mass, and it peaks at
    lambda = R / Q. A skill leaves its floor at lambda = floor / v and reaches its level at
    z / v, so the best lambda is that peak clipped to one interval between these events:
    every interval is tried at once, from cumulative sums in event order. One role at a
    time, over its own skills only;
    the skills it does not need are all in the off-role mass, one product."""
    import numpy as np

    n, n_roles = x.shape[0], a.V.shape[0]
    z = x * a.distinct
    low_z = None if floor is None else np.minimum(floor, x) * a.distinct
    off = ((charged * a.distinct) ** 2) @ (~a.on).T.astype(float)  # (n, R)
    fit, scale = np.empty((n, n_roles)), np.empty((n, n_roles))
    rows = np.arange(n)
    for r in range(n_roles):
        cols = np.flatnonzero(a.on[r])
        v, hi = a.V[r, cols], z[:, cols]
        v2 = np.broadcast_to(v * v, hi.shape)
        # Events: a skill reaches its level (it is held there from then on), and, with a
        # floor, leaves its floor (it joins the free ones). Without one every skill starts
        # free, at 0: those events would all come at lambda = 0, so they are the start.
        events, dp, dq, dr = [hi / v], [-v2], [hi * v], [hi * hi]
        p0, q0, r0 = v2.sum(axis=1), np.zeros(n), off[:, r]
        if low_z is not None:
            lo = low_z[:, cols]
            events, dp, dq, dr = [lo / v, *events], [v2, *dp], [-lo * v, *dq], [-lo * lo, *dr]
            p0, q0, r0 = np.zeros(n), lo @ v, (lo * lo).sum(axis=1) + off[:, r]
        times = np.concatenate(events, axis=1)
        order = np.argsort(times, axis=1, kind="stable")
        t = np.take_along_axis(times, order, 1)
        p = np.clip(_running(p0, np.concatenate(dp, axis=1), order), 0, None)
        q = _running(q0, np.concatenate(dq, axis=1), order)
        r_sum = _running(r0, np.concatenate(dr, axis=1), order)
        low = np.concatenate([np.zeros((n, 1)), t], axis=1)
        high = np.concatenate([t, np.full((n, 1), np.inf)], axis=1)
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            lam = np.clip(np.where(q > 0, r_sum / q, np.inf), low, high)
            lam = np.where(np.isfinite(lam), lam, low)  # P = 0 there: lambda does not matter
            den = np.sqrt(lam * lam * p + r_sum)
            cos = np.where(den > 0, (lam * p + q) / den, 0.0)
        cos = np.nan_to_num(cos, nan=0.0, posinf=0.0)
        best = cos.argmax(axis=1)
        fit[:, r], scale[:, r] = cos[rows, best], lam[rows, best]
    with np.errstate(divide="ignore", invalid="ignore"):
        fit /= a.V_norm
    return np.nan_to_num(fit, nan=0.0), scale


def _running(
    start: NDArray[np.float64], steps: NDArray[np.float64], order: NDArray[np.intp]
) -> NDArray[np.float64]:
    """(n, events + 1): a running total over events taken in ``order``; column 0 is the
    state before any."""
    import numpy as np

    moved = np.cumsum(np.take_along_axis(steps, order, 1), axis=1)
    out: NDArray[np.float64] = np.concatenate([start[:, None], start[:, None] + moved], axis=1)
    return out


def known_weight(levels: NDArray[np.float64], catalog: Catalog) -> NDArray[np.float64]:
    """(n, roles): the share of each role's importance whose levels are known (not NaN)."""
    import numpy as np

    a = role_arrays(catalog)
    known = ~np.isnan(np.atleast_2d(levels))
    share: NDArray[np.float64] = (known.astype(float) @ a.W.T) / a.W.sum(axis=1)
    return share


def rank_orders(
    fit: NDArray[np.float64], readiness: NDArray[np.float64], role_ids: list[str]
) -> NDArray[np.intp]:
    """(n, roles): each profile's role indices best first: fit, then readiness, then role id.

    ``fit`` and ``readiness`` are (n, roles), as ``measures`` gives them. Values are rounded
    to 9 places first, so that float noise can never decide a tie."""
    import numpy as np

    f, r = np.atleast_2d(fit), np.atleast_2d(readiness)
    by_id = np.argsort(np.argsort(role_ids))  # a role's place in id order: the last tie-break
    keys = (np.broadcast_to(by_id, f.shape), -np.round(r, 9), -np.round(f, 9))
    order: NDArray[np.intp] = np.lexsort(keys, axis=1)
    return order


def rank_order(values: Mapping[str, NDArray[np.float64]], role_ids: list[str]) -> list[int]:
    """One profile's role indices best first (``rank_orders``); ``values``: its measures."""
    order: list[int] = rank_orders(values["fit"], values["readiness"], role_ids)[0].tolist()
    return order


def estimated(levels: NDArray[np.float64], catalog: Catalog) -> NDArray[np.float64]:
    """The complete level vector: unknowns (NaN) estimated, known levels kept."""
    import numpy as np

    if not np.isnan(levels).any():
        return levels
    from careerpath.estimates import estimate

    return estimate(levels, catalog)


# --- one profile ---------------------------------------------------------------------------


def as_published(x: float) -> float:
    """A measure as every output prints it, to 4 places (cohort and posting round so too)."""
    # Snap float noise first (sums in another skill order differ in the last bits), so that
    # a value such as 0.15625 never rounds up in one catalogue order and down in another.
    return round(round(float(x), 9), 4)


def as_published_array(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """``as_published`` for arrays."""
    import numpy as np

    return np.round(np.round(x, 9), 4)


class HasLevels(Protocol):
    """What :func:`role_gaps` reads of a profile (a cohort passes only this part)."""

    @property
    def levels(self) -> Mapping[str, int]: ...


def role_gaps(profile: HasLevels, catalog: Catalog, role_id: str) -> list[SkillGap]:
    """Every skill of the role the person lacks (or did not answer), costliest first."""
    gaps = []
    for skill_id, rs in catalog.roles[role_id].skills.items():
        u = profile.levels.get(skill_id)
        if u is not None and u >= rs.level:
            continue
        gaps.append(
            SkillGap(
                skill=skill_id,
                name=catalog.skills[skill_id].name,
                your_level=u,
                required_level=rs.level,
                importance=rs.importance,
                essential=rs.essential,
                weighted_gap=None if u is None else float(rs.importance * (rs.level - u)),
            )
        )
    # Known gaps by cost; unknown ones after them, the most important first.
    return sorted(
        gaps,
        key=lambda g: (
            g.weighted_gap is None,
            -(g.weighted_gap or 0),
            -g.essential,
            -g.importance,
            g.skill,
        ),
    )


def _strengths(profile: Profile, catalog: Catalog, role_id: str) -> list[Contribution]:
    role = catalog.roles[role_id]
    answered = {s: rs for s, rs in role.skills.items() if profile.levels.get(s)}
    total = sum(
        rs.importance * min(profile.levels[s], rs.level) / rs.level for s, rs in answered.items()
    )
    out = []
    for skill_id, rs in answered.items():
        credit = rs.importance * min(profile.levels[skill_id], rs.level) / rs.level
        if credit > 0:
            out.append(
                Contribution(
                    skill=skill_id,
                    name=catalog.skills[skill_id].name,
                    your_level=profile.levels[skill_id],
                    required_level=rs.level,
                    importance=rs.importance,
                    share=as_published(credit / total),
                )
            )
    # Skills met at the required level first: they are what "carried by" and "strong in"
    # both name, so the table and the sentence agree.
    return sorted(out, key=lambda c: (c.your_level < c.required_level, -c.share, c.skill))


# How close a role is, by fit, and what carries it: one whole clause for each case, so that a
# language orders its own words; the gaps are a second clause (see explain).
_SUMMARY = {
    ("close", "strong"): N_("Close to {role}: strong in {skills}"),
    ("close", "enough"): N_("Close to {role}: meets the level it needs in {skills}"),
    ("close", "none"): N_("Close to {role}: no skill of the role fully met yet"),
    ("partly", "strong"): N_("Partly like {role}: strong in {skills}"),
    ("partly", "enough"): N_("Partly like {role}: meets the level it needs in {skills}"),
    ("partly", "none"): N_("Partly like {role}: no skill of the role fully met yet"),
    ("far", "strong"): N_("Far from {role}: strong in {skills}"),
    ("far", "enough"): N_("Far from {role}: meets the level it needs in {skills}"),
    ("far", "none"): N_("Far from {role}: no skill of the role fully met yet"),
}


def explain(
    name: str,
    fit: float,
    strengths: list[Contribution],
    gaps: list[SkillGap],
    answered_weight: float = 1.0,
) -> str:
    if answered_weight == 0:
        return _("Unknown for {role}: none of its skills is answered yet.").format(role=name)
    lead = "close" if fit >= 0.6 else "partly" if fit >= 0.35 else "far"
    met = [c for c in strengths if c.your_level >= c.required_level]
    strong = [c.name for c in met if c.your_level >= STRONG_LEVEL][:STRENGTHS_SHOWN]
    enough = [c.name for c in met if c.your_level < STRONG_LEVEL][:STRENGTHS_SHOWN]
    known_gaps = [g.name for g in gaps if g.weighted_gap][:2]
    carried, skills = (
        ("strong", strong) if strong else ("enough", enough) if enough else ("none", [])
    )
    summary = _(_SUMMARY[lead, carried]).format(role=name, skills=format_list(skills))
    if known_gaps:
        gap = ngettext("the gap is {skills}", "the gaps are {skills}", len(known_gaps))
        gap = gap.format(skills=format_list(known_gaps))
    else:
        gap = _("no gaps among the skills you answered")
    if answered_weight < KNOWN_ENOUGH:
        # Said in the sentence itself: a mentor reads "Close to X" as a fact otherwise.
        return _("{summary}; {gaps} (an estimate: only {share} of the role is answered).").format(
            summary=summary, gaps=gap, share=format_percent(answered_weight)
        )
    return _("{summary}; {gaps}.").format(summary=summary, gaps=gap)


def _door_openers(
    catalog: Catalog,
    given: NDArray[np.float64],
    expected: NDArray[np.float64],
    base: Mapping[str, NDArray[np.float64]],
) -> list[DoorOpener]:
    import numpy as np

    a = role_arrays(catalog)
    candidates = [j for j, v in enumerate(given) if not np.isnan(v) and v < 4]
    if not candidates:
        return []
    # One row per candidate: that skill one level higher, everything else as it stands,
    # estimates included: a door is one this skill opens, not one a re-estimated guess does.
    raised = np.repeat(expected[None, :], len(candidates), axis=0)
    raised[np.arange(len(candidates)), candidates] += 1
    after = readiness_measures(raised, catalog)["readiness"]
    # As published (4 places): a gain too small to show is no door opened.
    gain = as_published_array(after) - as_published_array(base["readiness"][0])[None, :]
    out = []
    for row, j in enumerate(candidates):
        improved = [a.role_ids[r] for r in range(len(a.role_ids)) if gain[row, r] > 1e-9]
        if improved:
            out.append(
                DoorOpener(
                    skill=a.skill_ids[j],
                    name=catalog.skills[a.skill_ids[j]].name,
                    from_level=int(given[j]),
                    roles_improved=len(improved),
                    total_gain=as_published(gain[row].sum()),
                    roles=improved,
                )
            )
    out.sort(key=lambda d: (-d.total_gain, -d.roles_improved, d.skill))
    return out[:DOOR_OPENERS]


def _unsettled(
    profile: Profile, catalog: Catalog, given: NDArray[np.float64], order: list[int]
) -> bool:
    """True if the levels still unknown could reorder the top roles: the adaptive
    questionnaire's stopping rule (its top three and first settled, after at least its
    minimum of answers) applied to the known levels, and its ranking the same as this one.
    One rule, so that ``assess`` never doubts what an adaptive session called settled."""
    import numpy as np

    if not np.isnan(given).any():
        return False
    from careerpath.adaptive import MIN_QUESTIONS, TOP, step

    state = step(catalog, dict(profile.levels))
    same = state.top[0] == order[0] and set(state.top) == set(order[:TOP])
    return not (state.settled and same and len(profile.levels) >= MIN_QUESTIONS)


def _warnings(
    profile: Profile, catalog: Catalog, ranking: list[RoleMatch], unsettled: bool
) -> list[AssessmentWarning]:
    # Worded as every command warns of them on standard error (``name_warnings``).
    out = [AssessmentWarning(code=code, message=text) for code, text in name_warnings(profile)]
    answered_on = profile.answers.catalog_version
    if answered_on and answered_on != catalog.version:
        out.append(
            AssessmentWarning(
                code="catalog-version",
                message=_(
                    "these answers were given against catalogue {answered}, and the catalogue "
                    "in use is {current}; skills or level descriptions may have changed since, "
                    "so check the answers or re-assess."
                ).format(answered=answered_on, current=catalog.version),
            )
        )
    # Zeros are left out: an analyst who has never used Docker or PyTorch rightly rates
    # most of an AI catalogue 0, and was told the ranking "says little". A flat profile is
    # the same level above 0 for nearly every skill the person has (every one at 2, say).
    levels = [profile.levels[s] for s in profile.rated if profile.levels[s] > 0]
    total = len(catalog.skills)
    known = len(profile.levels)
    if levels:
        common = max(levels.count(v) for v in set(levels))
        if len(levels) >= 5 and common / len(levels) >= 0.8:
            out.append(
                AssessmentWarning(
                    code="flat-profile",
                    message=_(
                        "{common} of the {count} skills you rated above 0 are at the same "
                        "level, so the ranking says little; rate each skill by what you have "
                        "actually done, using the level descriptions (`{command}`)."
                    ).format(
                        common=common,
                        count=len(levels),
                        command=next_command("skills", "show", "ID"),
                    ),
                )
            )
    # Few answers matter only while they leave the top roles open: an adaptive session stops
    # with about a third of them once its top three are settled, and that ranking stands.
    if unsettled and known < total / 3:
        out.append(
            AssessmentWarning(
                code="few-answers",
                message=ngettext(
                    "only {known} of {total} skills has a known level; answer at least "
                    "{needed}, or let `{command}` ask only the questions that "
                    "still matter, for a ranking you can trust.",
                    "only {known} of {total} skills have a known level; answer at least "
                    "{needed}, or let `{command}` ask only the questions that "
                    "still matter, for a ranking you can trust.",
                    known,
                ).format(
                    known=known,
                    total=total,
                    needed=-(-total // 3),
                    command=resume_command(profile.source, adaptive=True),
                ),
            )
        )
    if levels and not any(m.essentials_met for m in ranking):
        out.append(
            AssessmentWarning(
                code="no-essentials",
                message=_(
                    "no role's essential skill is met at its required level; treat the "
                    "ranking as a direction, and start with the gaps of the role you want."
                ),
            )
        )
    if ranking and levels and ranking[0].answered_weight < KNOWN_ENOUGH:
        out.append(
            AssessmentWarning(
                code="low-answered-weight",
                message=_(
                    "you answered only {share} of what {role} weighs; answer its remaining "
                    "skills to confirm the match."
                ).format(share=format_percent(ranking[0].answered_weight), role=ranking[0].name),
            )
        )
    if unsettled:
        out.append(
            AssessmentWarning(
                code="unsettled-top",
                message=_(
                    "your answers cannot yet separate {first} from {second}: depending on the "
                    "skills whose level is unknown, either could come first; rate those skills "
                    "to settle it."
                ).format(first=ranking[0].name, second=ranking[1].name),
            )
        )
    return out


def assess(profile: Profile, catalog: Catalog, target: str | None = None) -> Assessment:
    """Rank every role for ``profile`` by fit, explain the top ones, list gaps and warnings."""
    import numpy as np

    a = role_arrays(catalog)
    given = profile_vector(profile, a.skill_ids)
    expected = estimated(given, catalog)
    charged = np.nan_to_num(given, nan=0.0)
    floor = None
    if np.isnan(given).any():  # a guess is lowered no further than any answers would put it
        from careerpath.estimates import expected_levels

        floor = expected_levels(given, catalog)[1][0]
    values = {k: v[0] for k, v in measures(expected, catalog, charged, floor).items()}
    answered = known_weight(given, catalog)[0]
    order = rank_order(values, a.role_ids)
    ranking = []
    for rank, r in enumerate(order, start=1):
        role_id = a.role_ids[r]
        role = catalog.roles[role_id]
        gaps = role_gaps(profile, catalog, role_id)
        strengths = _strengths(profile, catalog, role_id)
        essentials = [s for s, rs in role.skills.items() if rs.essential]
        met = sum(profile.levels.get(s, -1) >= role.skills[s].level for s in essentials)
        fit = as_published(values["fit"][r])
        ranking.append(
            RoleMatch(
                rank=rank,
                role=role_id,
                name=role.name,
                family=role.family,
                fit=fit,
                readiness=as_published(values["readiness"][r]),
                coverage=as_published(values["coverage"][r]),
                essential_coverage=as_published(values["essential"][r]),
                essentials_met=met,
                essentials_total=len(essentials),
                answered_weight=as_published(answered[r]),
                strengths=strengths[:STRENGTHS_SHOWN],
                gaps=[g for g in gaps if g.weighted_gap][:GAPS_SHOWN],
                explanation=explain(role.name, fit, strengths, gaps, float(answered[r])),
            )
        )
    target_id = catalog.role(target).id if target else None
    base = {k: v[None, :] for k, v in values.items()}
    return Assessment(
        fingerprints=Fingerprints(
            catalog=catalog.fingerprint,
            catalog_version=catalog.version,
            answers=profile.fingerprint,
        ),
        answered=len(profile.rated),
        known=len(profile.levels),
        total_skills=len(catalog.skills),
        ranking=ranking,
        target=target_id,
        target_gaps=role_gaps(profile, catalog, target_id) if target_id else [],
        door_openers=_door_openers(catalog, given, expected, base),
        warnings=_warnings(profile, catalog, ranking, _unsettled(profile, catalog, given, order)),
    )
