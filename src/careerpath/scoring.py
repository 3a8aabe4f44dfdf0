"""Role matching: overlap scores, ranking, explanations, gaps and warnings.

For role r, skill s with importance w, required level l, and the person's level u (answered
skills only; unanswered skills are unknown, not zero):

    c_s       = min(u, l) / l
    coverage  = sum(w * c) / sum(w)                 over the role's answered skills
    essential = the same over answered essential skills (= coverage if none answered)
    score     = 0.7 * coverage + 0.3 * essential     in [0, 1]

Raising a level never lowers a score (c_s only grows); the answered share of each role's
weight is reported next to the score. Ranking: score, then essential coverage, then role id.
numpy is imported inside the functions: ``careerpath --help`` must not load it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from careerpath import __version__
from careerpath.answers import Profile
from careerpath.catalog import Catalog
from careerpath.models import Output

if TYPE_CHECKING:
    import numpy as np

ESSENTIAL_WEIGHT = 0.3
TOP_EXPLAINED = 3
STRENGTHS_SHOWN = 3
GAPS_SHOWN = 3
DOOR_OPENERS = 5


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
    score: float = Field(ge=0, le=1)
    coverage: float = Field(ge=0, le=1)
    essential_coverage: float = Field(ge=0, le=1)
    essentials_met: int
    essentials_total: int
    answered_weight: float = Field(ge=0, le=1, description="share of the role's weight answered")
    strengths: list[Contribution]
    gaps: list[SkillGap]
    explanation: str


class DoorOpener(Output):
    skill: str
    name: str
    from_level: int
    roles_improved: int
    total_gain: float = Field(description="sum over roles of the score gained, 0-1 per role")
    roles: list[str]


class Warning(Output):
    code: Literal[
        "flat-profile", "few-answers", "no-essentials", "low-answered-weight", "catalog-version"
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
    answered: int
    total_skills: int
    ranking: list[RoleMatch]
    target: str | None = None
    target_gaps: list[SkillGap] = Field(default_factory=list)
    door_openers: list[DoorOpener]
    warnings: list[Warning]

    def match(self, role_id: str) -> RoleMatch:
        return next(m for m in self.ranking if m.role == role_id)


# --- vectors -------------------------------------------------------------------------------


class RoleArrays:
    """The catalogue's roles as matrices (roles x skills), built once per catalogue."""

    def __init__(self, catalog: Catalog) -> None:
        import numpy as np

        self.skill_ids = list(catalog.skills)
        self.role_ids = list(catalog.roles)
        col = {s: i for i, s in enumerate(self.skill_ids)}
        shape = (len(self.role_ids), len(self.skill_ids))
        self.W = np.zeros(shape)
        self.L = np.zeros(shape)
        self.E = np.zeros(shape)
        for r, role_id in enumerate(self.role_ids):
            for skill_id, rs in catalog.roles[role_id].skills.items():
                j = col[skill_id]
                self.W[r, j], self.L[r, j], self.E[r, j] = rs.importance, rs.level, rs.essential
        safe_l = np.where(self.L > 0, self.L, 1)
        # credit[k] = w * min(k, l) / l for a person at level k: a lookup per level 0-4
        # turns scoring into five matrix products, exact and vectorised.
        self.credit = np.stack([self.W * np.minimum(k, self.L) / safe_l for k in range(5)])
        self.WE = self.W * self.E
        self.credit_e = self.credit * self.E


@cache
def _arrays(catalog: Catalog) -> RoleArrays:
    return RoleArrays(catalog)


def profile_vector(profile: Profile, skill_ids: list[str]) -> np.ndarray:
    import numpy as np

    return np.array([profile.levels.get(s, np.nan) for s in skill_ids], dtype=float)


def score_matrix(levels: np.ndarray, catalog: Catalog) -> dict[str, np.ndarray]:
    """Score many profiles at once. ``levels``: (n, skills) with NaN for unanswered skills,
    columns in catalogue order. Returns arrays of shape (n, roles)."""
    import numpy as np

    a = _arrays(catalog)
    levels = np.atleast_2d(levels)
    known = ~np.isnan(levels)
    num = np.zeros((levels.shape[0], len(a.role_ids)))
    num_e = np.zeros_like(num)
    for k in range(5):
        at_k = (levels == k).astype(float)
        num += at_k @ a.credit[k].T
        num_e += at_k @ a.credit_e[k].T
    den = known.astype(float) @ a.W.T
    den_e = known.astype(float) @ a.WE.T
    with np.errstate(invalid="ignore", divide="ignore"):
        coverage = np.where(den > 0, num / den, 0.0)
        essential = np.where(den_e > 0, num_e / den_e, coverage)
    total = a.W.sum(axis=1)
    return {
        "score": (1 - ESSENTIAL_WEIGHT) * coverage + ESSENTIAL_WEIGHT * essential,
        "coverage": coverage,
        "essential": essential,
        "answered_weight": den / total,
    }


def rank_order(scores: dict[str, Any], role_ids: list[str]) -> list[int]:
    """Indices of roles best first: score, then essential coverage, then role id.

    Scores are rounded first so that float noise can never decide a tie."""
    s, e = scores["score"], scores["essential"]
    return sorted(
        range(len(role_ids)), key=lambda r: (-round(s[r], 9), -round(e[r], 9), role_ids[r])
    )


# --- one profile ---------------------------------------------------------------------------


def _r(x: float) -> float:
    # Snap float noise first (sums in another skill order differ in the last bits), so that
    # a value such as 0.15625 never rounds up in one catalogue order and down in another.
    return round(round(float(x), 9), 4)


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def role_gaps(profile: Profile, catalog: Catalog, role_id: str) -> list[SkillGap]:
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
    answered = {s: rs for s, rs in role.skills.items() if s in profile.levels}
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
                    share=_r(credit / total),
                )
            )
    # Skills met at the required level first: they are what "carried by" and "strong in"
    # both name, so the table and the sentence agree.
    return sorted(out, key=lambda c: (c.your_level < c.required_level, -c.share, c.skill))


def explain(
    name: str,
    score: float,
    strengths: list[Contribution],
    gaps: list[SkillGap],
    answered_weight: float = 1.0,
) -> str:
    if answered_weight == 0:
        return f"Unknown for {name}: none of its skills is answered yet."
    lead = "Close to" if score >= 0.75 else "Partly matches" if score >= 0.5 else "Far from"
    strong = [c.name for c in strengths if c.your_level >= c.required_level][:STRENGTHS_SHOWN]
    known_gaps = [g.name for g in gaps if g.weighted_gap][:2]
    parts = [f"{lead} {name}"]
    parts.append(
        f": strong in {_join(strong)}" if strong else ": no skill of the role fully met yet"
    )
    if known_gaps:
        parts.append(f"; the gap{'s are' if len(known_gaps) > 1 else ' is'} {_join(known_gaps)}")
    else:
        parts.append("; no gaps among the skills you answered")
    return "".join(parts) + "."


def _door_openers(profile: Profile, catalog: Catalog, base: dict[str, Any]) -> list[DoorOpener]:
    import numpy as np

    a = _arrays(catalog)
    u = profile_vector(profile, a.skill_ids)
    candidates = [j for j, v in enumerate(u) if not np.isnan(v) and v < 4]
    if not candidates:
        return []
    # One row per candidate: the profile with that skill one level higher.
    raised = np.repeat(u[None, :], len(candidates), axis=0)
    for row, j in enumerate(candidates):
        raised[row, j] += 1
    gain = score_matrix(raised, catalog)["score"] - base["score"][0]
    out = []
    for row, j in enumerate(candidates):
        improved = [a.role_ids[r] for r in range(len(a.role_ids)) if gain[row, r] > 1e-9]
        if improved:
            out.append(
                DoorOpener(
                    skill=a.skill_ids[j],
                    name=catalog.skills[a.skill_ids[j]].name,
                    from_level=int(u[j]),
                    roles_improved=len(improved),
                    total_gain=_r(gain[row].sum()),
                    roles=improved,
                )
            )
    out.sort(key=lambda d: (-d.total_gain, -d.roles_improved, d.skill))
    return out[:DOOR_OPENERS]


def _warnings(profile: Profile, catalog: Catalog, ranking: list[RoleMatch]) -> list[Warning]:
    out = []
    answered_on = profile.answers.catalog_version
    if answered_on and answered_on != catalog.version:
        out.append(
            Warning(
                code="catalog-version",
                message=f"these answers were given against catalogue {answered_on}, and the "
                f"catalogue in use is {catalog.version}; skills or level descriptions may have "
                "changed since, so check the answers or re-assess.",
            )
        )
    levels = list(profile.levels.values())
    total = len(catalog.skills)
    if levels:
        common = max(levels.count(v) for v in set(levels))
        if len(levels) >= 5 and common / len(levels) >= 0.8:
            out.append(
                Warning(
                    code="flat-profile",
                    message=f"{common} of your {len(levels)} answers are the same level, so the "
                    "ranking says little; rate each skill by what you have actually done, using "
                    "the level descriptions (`careerpath skills show ID`).",
                )
            )
    if len(levels) < total / 3:
        out.append(
            Warning(
                code="few-answers",
                message=f"only {len(levels)} of {total} skills answered; answer at least "
                f"{-(-total // 3)} (or use `careerpath assess --adaptive`) for a ranking "
                "you can trust.",
            )
        )
    if levels and not any(m.essentials_met for m in ranking):
        out.append(
            Warning(
                code="no-essentials",
                message="no role's essential skill is met at its required level; treat the "
                "ranking as a direction, and start with the gaps of the role you want.",
            )
        )
    if ranking and levels and ranking[0].answered_weight < 0.5:
        out.append(
            Warning(
                code="low-answered-weight",
                message=f"you answered only {ranking[0].answered_weight:.0%} of what "
                f"{ranking[0].name} weighs; answer its remaining skills to confirm the match.",
            )
        )
    return out


def assess(profile: Profile, catalog: Catalog, target: str | None = None) -> Assessment:
    """Rank every role for ``profile``, explain the top ones, list gaps and warnings."""
    a = _arrays(catalog)
    scores = score_matrix(profile_vector(profile, a.skill_ids)[None, :], catalog)
    flat = {k: v[0] for k, v in scores.items()}
    ranking = []
    for rank, r in enumerate(rank_order(flat, a.role_ids), start=1):
        role_id = a.role_ids[r]
        role = catalog.roles[role_id]
        gaps = role_gaps(profile, catalog, role_id)
        strengths = _strengths(profile, catalog, role_id)
        essentials = [s for s, rs in role.skills.items() if rs.essential]
        met = sum(profile.levels.get(s, -1) >= role.skills[s].level for s in essentials)
        score = _r(flat["score"][r])
        ranking.append(
            RoleMatch(
                rank=rank,
                role=role_id,
                name=role.name,
                family=role.family,
                score=score,
                coverage=_r(flat["coverage"][r]),
                essential_coverage=_r(flat["essential"][r]),
                essentials_met=met,
                essentials_total=len(essentials),
                answered_weight=_r(flat["answered_weight"][r]),
                strengths=strengths[:STRENGTHS_SHOWN],
                gaps=[g for g in gaps if g.weighted_gap][:GAPS_SHOWN],
                explanation=explain(
                    role.name, score, strengths, gaps, float(flat["answered_weight"][r])
                ),
            )
        )
    target_id = catalog.role(target).id if target else None
    return Assessment(
        fingerprints=Fingerprints(
            catalog=catalog.fingerprint,
            catalog_version=catalog.version,
            answers=profile.fingerprint,
        ),
        answered=len(profile.levels),
        total_skills=len(catalog.skills),
        ranking=ranking,
        target=target_id,
        target_gaps=role_gaps(profile, catalog, target_id) if target_id else [],
        door_openers=_door_openers(profile, catalog, scores),
        warnings=_warnings(profile, catalog, ranking),
    )
