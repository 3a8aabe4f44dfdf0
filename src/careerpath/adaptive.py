"""The adaptive questionnaire: ask the most informative skill next, stop once the top three
roles are settled.

Model. Skill levels are treated as jointly Gaussian, with mean and covariance fitted on
profiles simulated from the catalogue's roles (:func:`simulate_profiles`). Given the answers so
far, the conditional distribution of each unanswered skill gives a *plausible range* (its
mean +- PLAUSIBLE_SD standard deviations, clipped to 0-4).

Stopping rule. For every pair (a role in the top three, a role outside it) and (the first
role, each other top-three role), the largest lead the second role could take under any
plausible answers to the remaining questions is computed exactly (see :func:`step`). When no
pair can swap, the top three (and the first of them) are settled, and the questionnaire stops.

Choice of question. The next skill is the one whose plausible range swings the unsettled
pairs the most (ties: catalogue order): the answer expected to change the ranking most.
Everything is deterministic: the simulation uses
a fixed seed, so the same answers always give the same next question.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from careerpath.catalog import Catalog
from careerpath.scoring import ESSENTIAL_WEIGHT, _arrays

if TYPE_CHECKING:
    import numpy as np

TOP = 3
# Plausible range: the conditional mean +- PLAUSIBLE_SD standard deviations (a central ~45%
# interval). Tuned with benchmarks/adaptive.py: wider ranges ask more questions for little
# agreement gained (see the README's figures).
PLAUSIBLE_SD = 0.6
MIN_QUESTIONS = 6
SIMULATED = 4000
SEED = 20261122


def simulate_profiles(
    catalog: Catalog, n: int, seed: int = SEED, noise: float = 0.8
) -> tuple[np.ndarray, np.ndarray]:
    """Profiles drawn from the role profiles with noise; returns (levels (n, skills), role index).

    The generator: pick a role uniformly; with probability 0.3 blend in a second role (a
    person moving between roles). A person's seniority s ~ U(0.6, 1.15) scales the levels the
    role requires; skills outside the role(s) start at a background level drawn from
    {0: 45%, 1: 35%, 2: 15%, 3: 5%}. Gaussian noise (sd ``noise``) is added, the result rounded
    and clipped to 0-4. All from one seeded generator, so the same call gives the same data.
    """
    import numpy as np

    a = _arrays(catalog)
    rng = np.random.default_rng(seed)
    n_roles, n_skills = a.L.shape
    roles = rng.integers(0, n_roles, size=n)
    second = rng.integers(0, n_roles, size=n)
    blend = rng.random(n) < 0.3
    seniority = rng.uniform(0.6, 1.15, size=n)
    background = rng.choice(4, size=(n, n_skills), p=[0.45, 0.35, 0.15, 0.05]).astype(float)
    own = a.L[roles] * seniority[:, None]
    other = a.L[second] * (seniority[:, None] * 0.7)
    base = np.where(own > 0, own, background)
    base = np.where(blend[:, None] & (other > base), other, base)
    levels = np.clip(np.rint(base + rng.normal(0, noise, size=base.shape)), 0, 4)
    return levels, roles


@dataclass(frozen=True)
class Model:
    mean: np.ndarray
    cov: np.ndarray


@cache
def fitted(catalog: Catalog) -> Model:
    import numpy as np

    levels, _ = simulate_profiles(catalog, SIMULATED)
    cov = np.cov(levels, rowvar=False) + np.eye(levels.shape[1]) * 1e-3
    return Model(levels.mean(axis=0), cov)


def plausible(model: Model, known: dict[int, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Expected, low and high plausible level of every skill given the known ones."""
    import numpy as np

    n = model.mean.shape[0]
    idx_a = np.array(sorted(known), dtype=int)
    idx_u = np.array([j for j in range(n) if j not in known], dtype=int)
    lo = np.zeros(n)
    hi = np.zeros(n)
    mean = np.zeros(n)
    if idx_a.size:
        x_a = np.array([known[j] for j in idx_a])
        lo[idx_a] = hi[idx_a] = mean[idx_a] = x_a
    if idx_u.size:
        mu_u = model.mean[idx_u]
        cov_uu = model.cov[np.ix_(idx_u, idx_u)]
        if idx_a.size:
            cov_ua = model.cov[np.ix_(idx_u, idx_a)]
            cov_aa = model.cov[np.ix_(idx_a, idx_a)]
            gain = np.linalg.solve(cov_aa, cov_ua.T).T
            mu_u = mu_u + gain @ (x_a - model.mean[idx_a])
            var = np.diag(cov_uu) - np.einsum("ij,ij->i", gain, cov_ua)
        else:
            var = np.diag(cov_uu)
        sd = np.sqrt(np.clip(var, 0, None))
        mean[idx_u] = np.clip(mu_u, 0, 4)
        lo[idx_u] = np.clip(mu_u - PLAUSIBLE_SD * sd, 0, 4)
        hi[idx_u] = np.clip(mu_u + PLAUSIBLE_SD * sd, 0, 4)
    return mean, lo, hi


@dataclass(frozen=True)
class State:
    """Where an adaptive session stands after some answers."""

    order: list[int]  # role indices ranked by their expected scores
    top: list[int]
    settled: bool
    next_skill: str | None
    margin: float  # > 0 when settled: how far the closest outside role stays below

    def top_ids(self, catalog: Catalog) -> list[str]:
        role_ids = _arrays(catalog).role_ids
        return [role_ids[r] for r in self.top]


def _effective_weights(catalog: Catalog) -> np.ndarray:
    """Per role and skill, the share of the final score one full level-ratio is worth."""
    import numpy as np

    a = _arrays(catalog)
    w = a.W / a.W.sum(axis=1, keepdims=True)
    ess = a.WE.sum(axis=1, keepdims=True)
    we = np.where(ess > 0, a.WE / np.where(ess > 0, ess, 1), w)
    return (1 - ESSENTIAL_WEIGHT) * w + ESSENTIAL_WEIGHT * we


def step(catalog: Catalog, answers: dict[str, int | None]) -> State:
    """Settledness and the next question, given answers so far (None = skipped).

    For each pair (role inside the top three, role outside), the largest plausible lead of
    the outside role is found skill by skill: every skill's credit difference is piecewise
    linear in its level, so its maximum over the plausible range lies at an end of the range
    or at a required level. Shared skills cancel, so the test is tight.
    """
    import numpy as np

    a = _arrays(catalog)
    model = fitted(catalog)
    col = {s: j for j, s in enumerate(a.skill_ids)}
    known = {col[s]: float(v) for s, v in answers.items() if v is not None and s in col}
    expected, lo, hi = plausible(model, known)
    # A skipped skill will never be answered: it cannot move the ranking any more, so it is
    # held at its expected level instead of keeping its whole range open for good.
    skipped = [col[s] for s, v in answers.items() if v is None and s in col]
    lo[skipped] = hi[skipped] = expected[skipped]
    weight = _effective_weights(catalog)
    safe_l = np.where(a.L > 0, a.L, 1)

    def credit(levels: np.ndarray) -> np.ndarray:  # (k, S) -> (R, k, S)
        return weight[:, None, :] * np.minimum(levels[None], a.L[:, None, :]) / safe_l[:, None, :]

    mid = credit(expected[None])[:, 0, :].sum(axis=1)
    order = sorted(range(len(a.role_ids)), key=lambda r: (-round(mid[r], 9), a.role_ids[r]))
    top, rest = order[:TOP], order[TOP:]
    remaining = [j for j, s in enumerate(a.skill_ids) if s not in answers]
    worst = -np.inf
    impact = np.zeros(len(a.skill_ids))
    # The top three as a set, and the first role above all others.
    pairs = [(i, o) for i in top for o in rest] + [(top[0], o) for o in top[1:]]
    # Credits are piecewise linear with kinks only at the required levels 1-4, so the ends of
    # the plausible range and those levels (clipped into it) are the only candidates.
    cand = np.stack([lo, hi] + [np.clip(float(k), lo, hi) for k in range(1, 5)])
    c = credit(cand)  # (roles, candidates, skills)
    for i, o in pairs:
        diff = c[o] - c[i]  # the second role's lead, per candidate and skill
        lead = diff.max(axis=0).sum()
        worst = max(worst, lead)
        if lead >= 0:
            # Skills whose plausible range swings this pair the most.
            impact += diff.max(axis=0) - diff.min(axis=0)
    settled = bool(rest) and bool(worst < 0)  # a plain bool, not numpy.bool_
    next_skill = None
    if remaining:
        best = max(remaining, key=lambda j: (round(impact[j], 9), -j))
        next_skill = a.skill_ids[best]
    return State(order, top, settled, next_skill, float(-worst))


# --- replay (mentors, benchmark) -----------------------------------------------------------


class AdaptiveRun(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    questions: list[str]
    answered: dict[str, int | None]
    ranking: list[str]
    asked: int
    total: int
    stopped: Literal["settled", "max-questions", "exhausted"]
    top: list[str]
    message: str


def run(
    catalog: Catalog,
    oracle: dict[str, int | None],
    max_questions: int | None = None,
    start: dict[str, int | None] | None = None,
) -> AdaptiveRun:
    """Replay answers as if typed: ``oracle[skill]`` answers, a missing skill is skipped."""
    answers: dict[str, int | None] = dict(start or {})
    questions = list(answers)
    total = len(catalog.skills)
    limit = max_questions or total
    while True:
        state = step(catalog, answers)
        enough = len(questions) >= MIN_QUESTIONS
        if state.settled and enough:
            stopped: Literal["settled", "max-questions", "exhausted"] = "settled"
            break
        if state.next_skill is None:
            stopped = "exhausted"
            break
        if len(questions) >= limit:
            stopped = "max-questions"
            break
        skill = state.next_skill
        questions.append(skill)
        answers[skill] = oracle.get(skill)
    a = _arrays(catalog)
    top = [a.role_ids[r] for r in state.top]
    return AdaptiveRun(
        questions=questions,
        answered=answers,
        asked=len(questions),
        total=total,
        stopped=stopped,
        top=top,
        ranking=[a.role_ids[r] for r in state.order],
        message=stop_message(stopped, len(questions), total),
    )


def stop_message(stopped: str, asked: int, total: int) -> str:
    if stopped == "settled":
        return f"your top three roles are settled; {asked} of {total} questions asked"
    if stopped == "max-questions":
        return f"stopped at the question limit; {asked} of {total} questions asked"
    return f"all {total} questions asked"
