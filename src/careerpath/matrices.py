"""The catalogue's roles as matrices (roles x skills), built once per catalogue.

Scoring, the unknown-level model and the adaptive questionnaire all read these arrays, so the
weights of every formula are defined in one place. numpy is imported inside: ``careerpath
--help`` must not load it.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from careerpath.catalog import Catalog

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


class RoleArrays:
    """Per role r and skill s: importance W, required level L, essential E (0 where the role
    does not list s), and the weights the two measures use.

    - ``distinct[s]``: how much skill s sets roles apart, the smoothed inverse document
      frequency 1 + ln((1 + R) / (1 + n_s)) with n_s = sum over roles of importance / 5, so a
      skill every role needs weighs 1 and one a single role needs about 2.5.
    - ``V = W * L * distinct``: the role's profile as fit compares it (importance x level,
      in the metric where a level of skill s counts ``distinct[s]``); ``V_norm`` its length.
    - ``steps[k]`` (k = 1..4): 1 where the role requires level k or more, so that for any level
      x in [0, 4], min(x, L) = sum_k clip(x - (k - 1), 0, 1) * steps[k]: readiness's exact
      credit, for continuous (estimated) levels too, as one product (``kernel``).
    """

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
        n_roles = len(self.role_ids)
        spread = (self.W / 5).sum(axis=0)
        self.distinct = 1 + np.log((1 + n_roles) / (1 + spread))
        self.on = self.W > 0
        self.V = self.W * self.L * self.distinct
        self.V_norm = np.sqrt((self.V**2).sum(axis=1))
        self.steps = np.stack([(k <= self.L).astype(float) for k in range(1, 5)])
        safe_l = np.where(self.L > 0, self.L, 1)
        # Readiness credit per level step: w / l for each of the l steps a role requires.
        self.credit_steps = self.steps * (self.W / safe_l)
        self.WE = self.W * self.E
        # A role with no essentials counts every skill as one, so the formula needs no branch.
        has_e = self.WE.sum(axis=1, keepdims=True) > 0
        self.WE_eff = np.where(has_e, self.WE, self.W)
        self.E_eff = np.where(has_e, self.E, (self.W > 0).astype(float))

        # Readiness as one product: each skill's four level steps side by side (n, 4S, in
        # ``flat_steps`` order) times (4S, 2R) gives its credit and its essential credit, for
        # every role at once.
        def flat(per_step: NDArray[np.float64]) -> NDArray[np.float64]:  # (4, R, S) -> (4S, R)
            return np.moveaxis(per_step, 0, -1).reshape(per_step.shape[1], -1).T

        self.kernel = np.concatenate(
            [flat(self.credit_steps), flat(self.credit_steps * self.E_eff)], axis=1
        )


@cache
def role_arrays(catalog: Catalog) -> RoleArrays:
    return RoleArrays(catalog)


def flat_steps(levels: NDArray[np.float64]) -> NDArray[np.float64]:
    """(n, 4 skills): clip(x - (k - 1), 0, 1) for k = 1..4, each skill's four level steps side
    by side: the part of each step reached, the rows ``RoleArrays.kernel`` takes."""
    import numpy as np

    x = np.atleast_2d(levels)
    return np.clip(x[:, :, None] - np.arange(4), 0, 1).reshape(x.shape[0], -1)
