"""Estimated levels for the skills a person has not rated.

Model. Skill levels are treated as jointly Gaussian, with mean and covariance fitted on
profiles simulated from the catalogue's roles (:func:`simulate_profiles`). Given the levels we
know, the conditional distribution of each unknown skill gives its expected level (what people
with these answers typically have; only the positive regression links are kept, so that a
higher known level never lowers an estimate) and, with the conditional covariance, how far
the answers still to come could move it.

Why this method: an unknown level is neither 0 (the person did not say "none") nor anything
that favours one role; the conditional mean is the least-squares guess from the answers the
person did give, so a backend engineer's unrated Kubernetes is guessed from their Docker and
CI/CD, and a role whose skills are mostly unrated is scored on guesses drawn from the whole
profile, not on the sliver that was answered. The adaptive questionnaire uses the conditional
covariance to decide when it may stop, and ``assess`` the same rule to say when the answers
cannot yet separate the top roles.
Everything is deterministic: the simulation uses a fixed seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from careerpath.catalog import Catalog
from careerpath.matrices import role_arrays

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

SIMULATED = 4000
SEED = 20261122


def simulate_profiles(
    catalog: Catalog, n: int, seed: int = SEED, noise: float = 0.8
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Profiles drawn from the role profiles with noise; returns (levels (n, skills), role index).

    The generator: pick a role uniformly; with probability 0.3 blend in a second role (a
    person moving between roles). A person's seniority s ~ U(0.6, 1.15) scales the levels the
    role requires; skills outside the role(s) start at a background level drawn from
    {0: 45%, 1: 35%, 2: 15%, 3: 5%}. Gaussian noise (sd ``noise``) is added, the result rounded
    and clipped to 0-4. All from one seeded generator, so the same call gives the same data.
    """
    import numpy as np

    a = role_arrays(catalog)
    # Drawn with skills and roles in id order, then put in catalogue order: the order of
    # files and entries in the catalogue must not change a single estimate.
    skill_order = np.argsort(a.skill_ids)
    role_order = np.argsort(a.role_ids)
    required = a.L[np.ix_(role_order, skill_order)]
    rng = np.random.default_rng(seed)
    n_roles, n_skills = required.shape
    roles = rng.integers(0, n_roles, size=n)
    second = rng.integers(0, n_roles, size=n)
    blend = rng.random(n) < 0.3
    seniority = rng.uniform(0.6, 1.15, size=n)
    background = rng.choice(4, size=(n, n_skills), p=[0.45, 0.35, 0.15, 0.05]).astype(float)
    own = required[roles] * seniority[:, None]
    other = required[second] * (seniority[:, None] * 0.7)
    base = np.where(own > 0, own, background)
    base = np.where(blend[:, None] & (other > base), other, base)
    drawn = np.clip(np.rint(base + rng.normal(0, noise, size=base.shape)), 0, 4)
    levels = np.empty_like(drawn)
    levels[:, skill_order] = drawn
    return levels, role_order[roles]


@dataclass(frozen=True)
class Model:
    mean: NDArray[np.float64]
    cov: NDArray[np.float64]


@cache
def fitted(catalog: Catalog) -> Model:
    import numpy as np

    levels, _ = simulate_profiles(catalog, SIMULATED)
    cov = np.cov(levels, rowvar=False) + np.eye(levels.shape[1]) * 1e-3
    return Model(levels.mean(axis=0), cov)


def conditional(
    model: Model, known: dict[int, float]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Expected level of every skill (by column) given the known ones, and the conditional
    covariance of the unknown ones (rows and columns of known skills are 0)."""
    import numpy as np

    n = model.mean.shape[0]
    idx_a = np.array(sorted(known), dtype=int)
    idx_u = np.array([j for j in range(n) if j not in known], dtype=int)
    mean = np.zeros(n)
    cov = np.zeros((n, n))
    if idx_a.size:
        x_a = np.array([known[j] for j in idx_a])
        mean[idx_a] = x_a
    if idx_u.size:
        mu_u = model.mean[idx_u]
        cov_uu = model.cov[np.ix_(idx_u, idx_u)]
        if idx_a.size:
            cov_ua = model.cov[np.ix_(idx_u, idx_a)]
            cov_aa = model.cov[np.ix_(idx_a, idx_a)]
            gain = np.linalg.solve(cov_aa, cov_ua.T).T
            # Only the positive links move an estimate: a higher known level then never
            # lowers any estimate, so both measures keep their monotonicity with unknowns.
            mu_u = mu_u + np.clip(gain, 0, None) @ (x_a - model.mean[idx_a])
            cov_uu = cov_uu - gain @ cov_ua.T
        mean[idx_u] = np.clip(mu_u, 0, 4)
        cov[np.ix_(idx_u, idx_u)] = cov_uu
    return mean, cov


def estimate(levels: NDArray[np.float64], catalog: Catalog) -> NDArray[np.float64]:
    """Every level of a vector in catalogue order, NaN = unknown: an unknown one estimated,
    a known one as it is."""
    import numpy as np

    known = {j: float(v) for j, v in enumerate(levels) if not np.isnan(v)}
    return conditional(fitted(catalog), known)[0]


def expected_levels(
    levels: NDArray[np.float64], catalog: Catalog
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """For every row of ``levels`` (n, skills) at once, for a group: the expected levels of
    :func:`estimate` (known levels kept as they are), and the floor of each estimate (0 where
    the level is known). Rows that leave the same skills unknown share one regression (one
    solve per pattern, not per person), and both come from it.

    The floor is the lowest an unknown level's estimate can be, given which skills are known:
    the estimate had every known level been 0 (the links are positive only, so no answer
    brings an estimate below it). Fit lets a guess count anywhere between this floor and the
    estimate. The floor depends only on which skills are known, not on their levels, so that
    range only widens when an answer rises: fit keeps its monotonicity with unknowns."""
    import numpy as np

    out = np.array(np.atleast_2d(levels), dtype=float)
    unknown = np.isnan(out)
    floor = np.zeros_like(out)
    rows = np.flatnonzero(unknown.any(axis=1))
    if not rows.size:
        return out, floor
    model = fitted(catalog)
    patterns: dict[bytes, list[int]] = {}
    for row, key in zip(rows.tolist(), np.packbits(unknown[rows], axis=1), strict=True):
        patterns.setdefault(key.tobytes(), []).append(row)
    for group in patterns.values():
        members = np.asarray(group)  # the array np.ix_ made of the list itself (its stubs want one)
        idx_u = np.flatnonzero(unknown[group[0]])
        idx_a = np.flatnonzero(~unknown[group[0]])
        mu = np.repeat(model.mean[idx_u][None, :], len(group), axis=0)
        lowest = model.mean[idx_u]
        if idx_a.size:
            cov_ua = model.cov[np.ix_(idx_u, idx_a)]
            cov_aa = model.cov[np.ix_(idx_a, idx_a)]
            links = np.clip(np.linalg.solve(cov_aa, cov_ua.T).T, 0, None)  # as in conditional
            x_a = out[np.ix_(members, idx_a)] - model.mean[idx_a]
            # One person: the very product conditional() computes, so that scoring them here
            # and on their own agree to the last bit, not only once rounded.
            mu += links @ x_a[0] if len(group) == 1 else x_a @ links.T
            lowest = lowest + links @ -model.mean[idx_a]
        out[np.ix_(members, idx_u)] = np.clip(mu, 0, 4)
        floor[np.ix_(members, idx_u)] = np.clip(lowest, 0, 4)
    return out, floor
