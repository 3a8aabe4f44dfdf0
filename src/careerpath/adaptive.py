"""The adaptive questionnaire: ask the most informative skill next, stop once the top three
roles are settled.

Model. Unanswered skills get an expected level and a conditional covariance from the Gaussian
model in :mod:`careerpath.estimates` (the one ``assess`` uses for unknown levels). The target
is the full questionnaire's ranking, where every level is known and counts, so roles are
ranked by fit at the expected levels with every one of them counted. ``assess`` on the same
partial answers counts only the known levels against a role, so near the end of a short
session the two can still differ among close roles: the benchmark prints both.

Stopping rule. For every pair (a role in the top three, a role outside it) and (the first
role, each other top-three role), the second role's lead over the first is, to first order,
normal under the model (see :func:`step`). When every pair stays STOP_Z standard deviations
from a swap, the top three (and the first of them) are settled, and the questionnaire stops.

Choice of question. The next skill is the one whose uncertainty swings the unsettled
pairs the most (ties: catalogue order): the answer expected to change the ranking most.
Everything is deterministic, so the same answers always give the same next question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from careerpath.catalog import Catalog
from careerpath.estimates import SEED, SIMULATED, conditional, fitted, simulate_profiles
from careerpath.i18n import _
from careerpath.matrices import role_arrays
from careerpath.models.outputs import AdaptiveRun, AdaptiveStop
from careerpath.scoring import fit_slope, measures, rank_order

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

# The model's pieces, re-exported: the benchmark and the tests reach them as adaptive.X.
__all__ = ["SEED", "SIMULATED", "fitted", "simulate_profiles"]

TOP = 3
MIN_QUESTIONS = 6
# Stop once every pair's lead is this many standard deviations from a swap (z = 2: about a
# 2% chance per pair under the model). Chosen with benchmarks/adaptive.py on simulated people.
STOP_Z = 2.0


@dataclass(frozen=True)
class State:
    """Where an adaptive session stands after some answers."""

    order: list[int]  # role indices ranked by their expected scores
    top: list[int]
    settled: bool
    next_skill: str | None
    margin: float  # > 0 when settled: how far the closest outside role stays below

    def top_ids(self, catalog: Catalog) -> list[str]:
        role_ids = role_arrays(catalog).role_ids
        return [role_ids[r] for r in self.top]


def step(catalog: Catalog, answers: dict[str, int | None], z: float | None = None) -> State:
    """Settledness and the next question, given answers so far (None = skipped).

    The target is the full questionnaire's ranking, where every level is known: fit is taken
    at the expected levels, and each role's fit moves, to first order, by its slope
    (``scoring.fit_slope``) per level of a skill. For every pair the second role's lead is
    then roughly normal, with mean the expected lead and variance d' C d (d: the difference of
    the two roles' slopes, C: the conditional covariance of the unanswered levels).
    """
    import numpy as np

    a = role_arrays(catalog)
    col = {s: j for j, s in enumerate(a.skill_ids)}
    known = {col[s]: float(v) for s, v in answers.items() if v is not None and s in col}
    expected, cov = conditional(fitted(catalog), known)
    # A skipped skill will never be answered: it cannot move the ranking any more, so it is
    # held at its expected level instead of keeping its range open for good.
    skipped = [col[s] for s, v in answers.items() if v is None and s in col]
    cov[skipped, :] = 0
    cov[:, skipped] = 0
    values = {k: v[0] for k, v in measures(expected, catalog).items()}
    fit = values["fit"]
    order = rank_order(values, a.role_ids)
    top, rest = order[:TOP], order[TOP:]
    slope = fit_slope(expected, catalog)
    pairs = [(i, o) for i in top for o in rest] + [(top[0], o) for o in top[1:]]
    limit = STOP_Z if z is None else z
    worst = -np.inf
    impact: NDArray[np.float64] = np.zeros(len(a.skill_ids))
    var_j = np.clip(np.diag(cov), 1e-12, None)
    for i, o in pairs:
        d = slope[o] - slope[i]
        linked = cov @ d  # covariance of each skill's level with the lead
        var = max(float(d @ linked), 1e-12)
        lead = fit[o] - fit[i] + limit * np.sqrt(var)  # the second role's lead, pessimistically
        worst = max(worst, lead)
        if lead >= 0:
            # The share of the pair's uncertainty one answer would remove (a Gaussian's
            # variance reduction), so correlated skills count for what they reveal.
            closeness = np.exp(-0.5 * (fit[o] - fit[i]) ** 2 / var)  # near a swap: weigh more
            impact += closeness * linked**2 / var_j / var
    settled = bool(rest) and bool(worst < 0)  # a plain bool, not numpy.bool_
    remaining = [j for j, s in enumerate(a.skill_ids) if s not in answers]
    next_skill = None
    if remaining:

        def priority(j: int) -> tuple[float, int]:
            # round() of a numpy float64 rounds as numpy does: the order's tie-break as before.
            return round(impact[j], 9), -j

        best = max(remaining, key=priority)
        next_skill = a.skill_ids[best]
    return State(order, top, settled, next_skill, float(-worst))


# --- replay (mentors, benchmark) -----------------------------------------------------------


def replay(
    catalog: Catalog,
    oracle: dict[str, int | None],
    max_questions: int | None = None,
    start: dict[str, int | None] | None = None,
) -> AdaptiveRun:
    """Replay answers as if typed: ``oracle[skill]`` answers, a missing skill is skipped."""
    answers: dict[str, int | None] = dict(start or {})
    questions = list(answers)
    total = len(catalog.skills)
    while True:
        state = step(catalog, answers)
        stopped = stop_reason(state, len(questions), max_questions or total)
        if stopped:
            break
        skill = state.next_skill
        assert skill is not None  # stop_reason stops when there is none
        questions.append(skill)
        answers[skill] = oracle.get(skill)
    a = role_arrays(catalog)
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


def stop_reason(state: State, asked: int, max_questions: int | None = None) -> AdaptiveStop | None:
    """Why the questionnaire stops after ``asked`` questions, or None: ask ``state.next_skill``.

    A settled ranking stops it only after MIN_QUESTIONS, so that a few lucky answers never
    end it."""
    if state.settled and asked >= MIN_QUESTIONS:
        return "settled"
    if state.next_skill is None:
        return "exhausted"
    if max_questions and asked >= max_questions:
        return "max-questions"
    return None


def stop_message(stopped: str, asked: int, total: int) -> str:
    """Why the questionnaire stopped, in the current language (a sentence for people, also
    in the JSON beside the ``stopped`` id scripts read)."""
    if stopped == "settled":
        text = _("your top three roles are settled; {asked} of {total} questions asked")
    elif stopped == "max-questions":
        text = _("stopped at the question limit; {asked} of {total} questions asked")
    else:
        text = _("all {total} questions asked")
    return text.format(asked=asked, total=total)
