"""The adaptive questionnaire (issue 8): the stopping rule is sound, the order is deterministic,
replay (`assess --adaptive --answers FILE`), the interactive session, and resume mid-session."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import PERSONAS, ROOT

import careerpath.cli as cli_module
from careerpath import adaptive
from careerpath.answers import dump_answers, load_answers, parse_answers
from careerpath.cli import cli
from careerpath.documents import read_document
from careerpath.scoring import ESSENTIAL_WEIGHT, rank_order, score_matrix

PERSONA_NAMES = sorted(p.stem for p in PERSONAS.glob("*.yaml"))
TEST_SEED = 424242  # not adaptive.SEED: test profiles are not the ones the model was fitted on


# --- helpers -----------------------------------------------------------------------------------


def persona(catalog, name: str) -> dict[str, int]:
    return dict(load_answers(PERSONAS / f"{name}.yaml", catalog).levels)


def skill_credit(catalog, levels: np.ndarray) -> np.ndarray:
    """What each skill adds to each role's score for complete profiles (n, skills; any real
    levels 0-4), straight from the catalogue's definition, independently of adaptive.py:
    score = 0.7 x coverage + 0.3 x essential coverage, credit min(u, l) / l per skill.
    Returns (n, roles, skills); summed over skills it is the score."""
    col = {s: j for j, s in enumerate(catalog.skills)}
    levels = np.atleast_2d(levels)
    out = np.zeros((levels.shape[0], len(catalog.roles), len(col)))
    for r, role in enumerate(catalog.roles.values()):
        idx = np.array([col[s] for s in role.skills])
        w = np.array([rs.importance for rs in role.skills.values()], dtype=float)
        lv = np.array([rs.level for rs in role.skills.values()], dtype=float)
        ess = np.array([rs.essential for rs in role.skills.values()])
        share = (1 - ESSENTIAL_WEIGHT) * w / w.sum()
        share += ESSENTIAL_WEIGHT * (
            np.where(ess, w, 0) / w[ess].sum() if ess.any() else w / w.sum()
        )
        out[:, r, idx] = share * np.minimum(levels[:, idx], lv) / lv
    return out


def reference_scores(catalog, levels: np.ndarray) -> np.ndarray:
    """Scores (n, roles) of complete profiles, fractional levels allowed."""
    return skill_credit(catalog, levels).sum(axis=2)


def top_sets(scores: np.ndarray) -> tuple[list[frozenset[int]], list[int]]:
    order = np.argsort(-scores, axis=1, kind="stable")
    return [frozenset(row[: adaptive.TOP].tolist()) for row in order], order[:, 0].tolist()


def ranges(catalog, answers: dict[str, int | None]):
    """adaptive.plausible for these answers, with skill columns in catalogue order. A skipped
    skill (None) will never be answered, so, as in step(), it is held at its expected level:
    only the questions not yet asked are left to complete."""
    col = {s: j for j, s in enumerate(catalog.skills)}
    known = {col[s]: float(v) for s, v in answers.items() if v is not None}
    expected, lo, hi = adaptive.plausible(adaptive.fitted(catalog), known)
    skipped = [col[s] for s, v in answers.items() if v is None]
    lo[skipped] = hi[skipped] = expected[skipped]
    return expected, lo, hi


def simulated(catalog, n: int, seed: int = TEST_SEED) -> list[dict[str, int]]:
    levels, _ = adaptive.simulate_profiles(catalog, n, seed=seed)
    ids = list(catalog.skills)
    return [{s: int(row[j]) for j, s in enumerate(ids)} for row in levels]


def assess(runner, *args: str, input: str = ""):
    return runner.invoke(cli, ["assess", *args], input=input)


def lines(*answers: object) -> str:
    return "".join(f"{a}\n" for a in answers)


def person_input(catalog, current: str, target: str) -> str:
    """Name, current role, target role (by number), hours, start date."""
    number = {r: i for i, r in enumerate(catalog.roles, start=1)}
    return lines("Ann Example", number[current], number[target], 8, "2027-01-04")


def shown_questions(catalog, output: str) -> list[str]:
    """Skill ids of the questions the terminal showed, in order."""
    by_name = {skill.name: skill_id for skill_id, skill in catalog.skills.items()}
    found = re.findall(r"^(?:Question \d+|Extra question \d+ of \d+) · .*\n(.+?): ", output, re.M)
    return [by_name[name] for name in found]


def saved_skills(catalog, path: Path) -> dict[str, int | None]:
    answers = parse_answers(read_document(path), catalog).answers
    return {s: None if a is None else a.level for s, a in answers.skills.items()}


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend standard input is a terminal, so `assess` runs the questionnaire."""
    monkeypatch.setattr(cli_module, "_stdin_is_terminal", lambda: True)


# --- the stopping rule ---------------------------------------------------------------------------


def test_reference_scorer_matches_scoring_on_complete_profiles(catalog):
    # The soundness checks below score fractional levels with reference_scores; on whole
    # levels it must agree with the real scoring.
    profiles = [persona(catalog, name) for name in PERSONA_NAMES] + simulated(catalog, 20)
    ids = list(catalog.skills)
    levels = np.array([[p[s] for s in ids] for p in profiles], dtype=float)
    assert np.allclose(reference_scores(catalog, levels), score_matrix(levels, catalog)["score"])


def test_step_ranks_roles_by_the_expected_complete_profile(catalog):
    """step()'s order is the ranking of the answers completed with their expected levels;
    with every skill answered it is the ranking the full questionnaire gives."""
    role_ids = list(catalog.roles)
    for name in PERSONA_NAMES:
        levels = persona(catalog, name)
        full = score_matrix(np.array([[levels[s] for s in catalog.skills]], float), catalog)
        ranked = rank_order({k: v[0] for k, v in full.items()}, role_ids)
        assert adaptive.step(catalog, levels).order == ranked
        for k in (0, 8, 30):
            answers = {s: levels[s] for s in list(levels)[::3][:k]}
            expected, _, _ = ranges(catalog, answers)
            sc = reference_scores(catalog, expected)[0]
            order = sorted(range(len(role_ids)), key=lambda r: (-round(sc[r], 9), role_ids[r]))
            state = adaptive.step(catalog, answers)
            assert state.order == order
            assert state.top == order[: adaptive.TOP]


def test_settled_when_a_clear_persona_has_answered_nearly_everything(catalog):
    levels = persona(catalog, "data-analyst")
    assert len(levels) == len(catalog.skills)
    # Leave out five skills: the top three cannot move with any plausible answer to them.
    left_out = ["reinforcement-learning", "computer-vision", "cnn", "rnn-lstm", "scala"]
    answers = {s: v for s, v in levels.items() if s not in left_out}
    state = adaptive.step(catalog, answers)
    assert state.settled is True
    assert state.margin > 0
    role_ids = list(catalog.roles)
    assert role_ids[state.top[0]] == "data-analyst"
    assert state.next_skill == next(s for s in catalog.skills if s in left_out)
    # The questionnaire stops right there, without asking any of the five.
    run = adaptive.run(catalog, levels, start=answers)
    assert run.stopped == "settled"
    assert run.asked == len(answers)
    assert run.questions == list(answers)
    assert [role_ids[r] for r in state.top] == run.top
    assert run.message == f"your top three roles are settled; {len(answers)} of 77 questions asked"


@pytest.mark.parametrize("name", PERSONA_NAMES)
def test_replay_of_each_persona_stops_settled_with_its_own_role_first(catalog, name):
    run = adaptive.run(catalog, persona(catalog, name))
    assert run.stopped == "settled"
    assert adaptive.MIN_QUESTIONS <= run.asked < run.total
    assert adaptive.step(catalog, run.answered).settled
    if name != "mixed-de-learning-ml":
        assert run.top[0] == name


def test_not_settled_with_few_answers_and_the_questionnaire_continues(catalog):
    levels = persona(catalog, "ml-engineer")
    for answers in ({}, {s: levels[s] for s in ["python", "docker", "pytorch"]}):
        state = adaptive.step(catalog, answers)
        assert state.settled is False
        assert state.next_skill is not None and state.next_skill not in answers
        run = adaptive.run(catalog, levels, start=answers)
        # It asked beyond what it was given, starting with the question step() chose.
        assert run.asked > len(answers)
        assert run.questions[len(answers)] == state.next_skill


def test_run_keeps_asking_exactly_while_step_says_unsettled(catalog):
    # Every intermediate state of a replay (past the minimum) was unsettled, and each next
    # question is the one step() picked for the answers before it.
    for oracle in [persona(catalog, "mixed-de-learning-ml"), *simulated(catalog, 3)]:
        run = adaptive.run(catalog, oracle)
        assert run.stopped == "settled"
        for k in range(run.asked):
            prefix = {s: oracle[s] for s in run.questions[:k]}
            state = adaptive.step(catalog, prefix)
            assert state.next_skill == run.questions[k]
            if k >= adaptive.MIN_QUESTIONS:
                assert state.settled is False, k


def test_a_profile_balanced_between_roles_is_not_settled_and_continues(catalog):
    # Every skill at 0 (or 4): every role scores the same, the top three is a tie.
    for level in (0, 4):
        every = dict.fromkeys(catalog.skills, level)
        assert adaptive.step(catalog, every).settled is False
        # With a few skills still open the tie can break either way: it keeps asking, to
        # the last question.
        start = {s: level for s in list(catalog.skills)[5:]}
        state = adaptive.step(catalog, start)
        assert state.settled is False
        assert state.next_skill in list(catalog.skills)[:5]
        run = adaptive.run(catalog, every, start=start)
        assert run.stopped == "exhausted"
        assert run.questions[len(start)] == state.next_skill
        assert sorted(run.questions[len(start) :]) == sorted(list(catalog.skills)[:5])
        assert run.asked == run.total == len(catalog.skills)
        assert run.message == "all 77 questions asked"


def _settled_states(catalog) -> list[dict[str, int | None]]:
    """Answer sets where step() says settled: where replays stopped, and prefixes of
    replays past the minimum (which step() may call settled before MIN_QUESTIONS)."""
    rng = np.random.default_rng(TEST_SEED)
    states = []
    oracles = [persona(catalog, n) for n in PERSONA_NAMES] + simulated(catalog, 12)
    for oracle in oracles:
        run = adaptive.run(catalog, oracle)
        states.append(dict(run.answered))
        # A random subset of a complete answer set, as big as the replay asked or bigger.
        ids = list(oracle)
        k = int(rng.integers(run.asked, len(ids)))
        subset = {str(s): oracle[s] for s in rng.permutation(ids)[:k]}
        if adaptive.step(catalog, subset).settled:
            states.append(subset)
    # A replay with skipped answers: skipped skills are held at their expected level.
    oracle = persona(catalog, "data-analyst")
    skipped = {s: v for i, (s, v) in enumerate(oracle.items()) if i % 4}
    run = adaptive.run(catalog, skipped)
    assert run.stopped == "settled"
    assert None in run.answered.values()
    states.append(dict(run.answered))
    return states


def _adversarial(catalog, lo, hi, winner: int, loser: int) -> np.ndarray:
    """The completion within [lo, hi] that helps ``loser`` most against ``winner``: the
    score difference is a sum over skills, piecewise linear in each level with kinks at
    whole levels, so each skill's best level is an end of its range or a whole level."""
    cands = np.stack([lo, hi] + [np.clip(float(k), lo, hi) for k in range(1, 5)])  # (6, S)
    credit = skill_credit(catalog, cands)
    lead = credit[:, loser, :] - credit[:, winner, :]
    return cands[np.argmax(lead, axis=0), np.arange(lo.size)]


def test_settled_is_sound_under_any_plausible_completion(catalog):
    """When step() says settled, no completion of the unknown skills inside their plausible
    ranges (adaptive.plausible) changes the top-3 set or the first role: the ends of the
    ranges, random corners, random values inside, and the worst case for every pair."""
    rng = np.random.default_rng(TEST_SEED)
    role_ids = list(catalog.roles)
    states = _settled_states(catalog)
    assert len(states) >= 25
    checked = 0
    for answers in states:
        state = adaptive.step(catalog, answers)
        assert state.settled, answers
        _, lo, hi = ranges(catalog, answers)
        unknown = lo < hi
        assert unknown.any()  # something is left to complete
        n = 300
        corners = np.where(rng.random((n, lo.size)) < 0.5, lo, hi)
        inside = lo + rng.random((n, lo.size)) * (hi - lo)
        pairs = [
            (i, o)
            for i in state.top
            for o in range(len(role_ids))
            if o not in state.top or (i == state.top[0] and o != i)
        ]
        worst = [_adversarial(catalog, lo, hi, i, o) for i, o in pairs]
        # The margin step() reports is exactly the closest any pair comes.
        closest = min(
            reference_scores(catalog, w)[0, i] - reference_scores(catalog, w)[0, o]
            for w, (i, o) in zip(worst, pairs, strict=True)
        )
        assert state.margin == pytest.approx(closest, abs=1e-9)
        completions = np.vstack([lo[None], hi[None], corners, inside, *worst])
        sets, firsts = top_sets(reference_scores(catalog, completions))
        assert set(sets) == {frozenset(state.top)}, answers
        assert set(firsts) == {state.top[0]}, answers
        checked += len(completions)
    assert checked > 10_000


def test_unsettled_means_some_plausible_completion_ties_or_swaps(catalog):
    """The rule is tight too: when step() says unsettled, a completion inside the plausible
    ranges brings some outside role level with or above a top-three role (or the runner-up
    level with the first)."""
    for oracle in [persona(catalog, "data-engineer"), *simulated(catalog, 4, seed=5)]:
        run = adaptive.run(catalog, oracle)
        for k in range(adaptive.MIN_QUESTIONS, run.asked, 5):
            answers = {s: oracle[s] for s in run.questions[:k]}
            state = adaptive.step(catalog, answers)
            assert not state.settled
            _, lo, hi = ranges(catalog, answers)
            pairs = [(i, o) for i in state.top for o in state.order[adaptive.TOP :]]
            pairs += [(state.top[0], o) for o in state.top[1:]]
            leads = []
            for i, o in pairs:
                sc = reference_scores(catalog, _adversarial(catalog, lo, hi, i, o))[0]
                leads.append(sc[o] - sc[i])
            assert max(leads) >= -1e-9, (k, max(leads))
            assert state.margin == pytest.approx(-max(leads), abs=1e-9)


def test_settled_needs_the_minimum_number_of_questions(catalog):
    # A settled state from fewer than MIN_QUESTIONS answers does not stop a replay.
    levels = persona(catalog, "data-analyst")
    run = adaptive.run(catalog, levels)
    assert run.asked >= adaptive.MIN_QUESTIONS
    short = adaptive.run(catalog, levels, max_questions=adaptive.MIN_QUESTIONS - 1)
    assert short.stopped == "max-questions"


# --- determinism ----------------------------------------------------------------------------------


def test_same_answers_give_the_same_next_question_whatever_their_order(catalog):
    levels = persona(catalog, "mlops-engineer")
    answers = {s: levels[s] for s in list(levels)[::7]}
    answers["sql"] = None  # skipped
    first = adaptive.step(catalog, answers)
    again = adaptive.step(catalog, dict(reversed(list(answers.items()))))
    assert first == again
    assert first.next_skill == adaptive.step(catalog, dict(answers)).next_skill


def test_replay_is_deterministic(catalog, runner):
    for oracle in [persona(catalog, "data-scientist"), *simulated(catalog, 2)]:
        assert adaptive.run(catalog, oracle) == adaptive.run(catalog, dict(oracle))
    path = str(PERSONAS / "data-scientist.yaml")
    outs = [assess(runner, "--adaptive", "--answers", path, "--json") for _ in range(2)]
    assert outs[0].exit_code == 0, outs[0].output
    assert outs[0].stdout == outs[1].stdout
    assert json.loads(outs[0].stdout) == adaptive.run(
        catalog, persona(catalog, "data-scientist")
    ).model_dump(mode="json")


def test_replay_is_the_same_in_a_fresh_process(catalog, runner):
    # A new interpreter (new hash seed, new model fit) asks the same questions.
    path = str(PERSONAS / "ml-engineer.yaml")
    here = assess(runner, "--adaptive", "--answers", path, "--json")
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    there = subprocess.run(
        [sys.executable, "-m", "careerpath", "assess", "--adaptive", "--answers", path, "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert json.loads(there.stdout) == json.loads(here.stdout)


# --- replay through the CLI ---------------------------------------------------------------------


def test_replay_json_reports_questions_in_order_and_the_ranking(catalog, runner):
    path = PERSONAS / "ml-researcher.yaml"
    result = assess(runner, "--adaptive", "--answers", str(path), "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert {"questions", "asked", "stopped", "top", "ranking"} <= set(out)
    levels = persona(catalog, "ml-researcher")
    # Questions in the order asked: each is step()'s choice after the answers before it.
    for k, skill in enumerate(out["questions"]):
        prefix = {s: levels[s] for s in out["questions"][:k]}
        assert adaptive.step(catalog, prefix).next_skill == skill
    assert len(set(out["questions"])) == len(out["questions"]) == out["asked"]
    assert out["answered"] == {s: levels[s] for s in out["questions"]}
    assert list(out["answered"]) == out["questions"]
    assert out["stopped"] == "settled"
    assert out["total"] == len(catalog.skills)
    assert sorted(out["ranking"]) == sorted(catalog.roles)
    assert out["top"] == out["ranking"][:3]
    assert out["top"][0] == "ml-researcher"
    assert out["message"] == (
        f"your top three roles are settled; {out['asked']} of {out['total']} questions asked"
    )


def test_replay_text_output(catalog, runner):
    path = PERSONAS / "data-engineer.yaml"
    result = assess(runner, "--adaptive", "--answers", str(path))
    assert result.exit_code == 0, result.output
    run = adaptive.run(catalog, persona(catalog, "data-engineer"))
    assert f"{run.message}." in result.stdout
    assert "Questions, in order: " + ", ".join(run.questions) in result.stdout
    names = ", ".join(catalog.roles[r].name for r in run.top)
    assert f"Top three when it stopped: {names}" in result.stdout


def test_max_questions_stops_at_n(catalog, runner):
    path = str(PERSONAS / "ml-engineer.yaml")
    result = assess(runner, "--adaptive", "--answers", path, "--max-questions", "8", "--json")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["stopped"] == "max-questions"
    assert out["asked"] == len(out["questions"]) == 8
    full = adaptive.run(catalog, persona(catalog, "ml-engineer"))
    assert full.asked > 8
    assert out["questions"] == full.questions[:8]
    assert out["message"] == "stopped at the question limit; 8 of 77 questions asked"
    # A limit above what the rule needs changes nothing.
    roomy = adaptive.run(catalog, persona(catalog, "ml-engineer"), max_questions=70)
    assert roomy == full
    bad = assess(runner, "--adaptive", "--answers", path, "--max-questions", "0")
    assert bad.exit_code == 2


def test_a_skill_missing_from_the_file_counts_as_skipped(catalog, runner, tmp_path):
    source = load_answers(PERSONAS / "data-analyst.yaml", catalog)
    full = adaptive.run(catalog, dict(source.levels))
    missing = full.questions[:2]  # the first two questions it would ask
    answers = parse_answers(read_document(PERSONAS / "data-analyst.yaml"), catalog).answers
    kept = {k: v for k, v in answers.skills.items() if k not in missing}
    out_missing = tmp_path / "missing.yaml"
    out_missing.write_text(dump_answers(answers.model_copy(update={"skills": kept})))
    blank = {k: (None if k in missing else v) for k, v in answers.skills.items()}
    out_blank = tmp_path / "blank.yaml"
    out_blank.write_text(dump_answers(answers.model_copy(update={"skills": blank})))
    assert f"\n  {missing[0]}:" not in out_missing.read_text()
    assert f"\n  {missing[0]}: null" in out_blank.read_text()

    results = []
    for path in (out_missing, out_blank):
        result = assess(runner, "--adaptive", "--answers", str(path), "--json")
        assert result.exit_code == 0, result.output
        results.append(json.loads(result.stdout))
    assert results[0] == results[1]
    out = results[0]
    # Asked, in the same place, and recorded as skipped (unknown, not 0).
    assert out["questions"][:2] == missing
    assert out["answered"][missing[0]] is None and out["answered"][missing[1]] is None
    oracle = {s: v for s, v in source.levels.items() if s not in missing}
    assert out == adaptive.run(catalog, oracle).model_dump(mode="json")
    # Skipping is not answering 0: the next question differs from a 0 answer's.
    after_skip = adaptive.step(catalog, dict.fromkeys(missing))
    after_zero = adaptive.step(catalog, dict.fromkeys(missing, 0))
    assert out["questions"][2] == after_skip.next_skill
    assert after_skip != after_zero


# --- the interactive session ----------------------------------------------------------------------


def _uninterrupted(catalog, name: str, target: str):
    levels = persona(catalog, name)
    run = adaptive.run(catalog, levels)
    return levels, run, person_input(catalog, "data-scientist", target)


def test_interactive_session_stops_when_settled_and_can_finish(catalog, runner, tty, tmp_path):
    levels, run, person = _uninterrupted(catalog, "data-analyst", "ml-engineer")
    save = tmp_path / "answers.yaml"
    text = person + lines(*(levels[s] for s in run.questions), "n")
    result = assess(runner, "--adaptive", "--save", str(save), input=text)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert shown_questions(catalog, out) == run.questions
    assert f"Question {run.asked} · " in out and f"Question {run.asked + 1} · " not in out
    stop = f"Your top three roles are settled; {run.asked} of 77 questions asked."
    assert stop in out
    role = catalog.roles["ml-engineer"]
    rest_target = [s for s in role.skills if s not in run.questions]
    after = out.split(stop, 1)[1]
    assert (
        f"Your plan needs more detail about {role.name}: (t) answer its "
        f"{len(rest_target)} remaining skills," in after
    )
    assert f"(a) answer all {77 - run.asked} remaining questions for a fuller report" in after
    assert "Continue? [t/a/n, default n]" in after
    assert f"Done. Your answers are in {save}." in after
    assert f"Role match ({run.asked} of 77 skills answered" in after
    assert saved_skills(catalog, save) == run.answered


def test_interactive_continue_with_the_target_roles_remaining_skills(
    catalog, runner, tty, tmp_path
):
    levels, run, person = _uninterrupted(catalog, "data-analyst", "ml-engineer")
    role = catalog.roles["ml-engineer"]
    rest_target = [s for s in catalog.skills if s in role.skills and s not in run.questions]
    assert rest_target
    save = tmp_path / "answers.yaml"
    text = (
        person
        + lines(*(levels[s] for s in run.questions))
        + lines("x", "t")  # an invalid choice is asked again
        + lines(*(levels[s] for s in rest_target))
    )
    result = assess(runner, "--adaptive", "--save", str(save), input=text)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "enter one of t, a, n" in out
    assert shown_questions(catalog, out) == run.questions + rest_target
    n = len(rest_target)
    assert f"Extra question 1 of {n} · " in out and f"Extra question {n} of {n} · " in out
    saved = saved_skills(catalog, save)
    assert set(role.skills) <= set(saved)
    assert saved == {**run.answered, **{s: levels[s] for s in rest_target}}
    assert f"Role match ({len(saved)} of 77 skills answered" in out


def test_interactive_max_questions(catalog, runner, tty, tmp_path):
    levels, run, person = _uninterrupted(catalog, "ml-engineer", "mlops-engineer")
    save = tmp_path / "answers.yaml"
    text = person + lines(*(levels[s] for s in run.questions[:7]), "n")
    result = assess(runner, "--adaptive", "--max-questions", "7", "--save", str(save), input=text)
    assert result.exit_code == 0, result.output
    assert "Stopped at the question limit; 7 of 77 questions asked." in result.stdout
    assert shown_questions(catalog, result.stdout) == run.questions[:7]
    assert list(saved_skills(catalog, save)) == run.questions[:7]


def test_back_in_an_adaptive_session_asks_the_previous_question_again(
    catalog, runner, tty, tmp_path
):
    levels, run, person = _uninterrupted(catalog, "data-analyst", "ml-engineer")
    q = run.questions
    save = tmp_path / "answers.yaml"
    # Answer three, go back, answer the third differently, go on with the real answers.
    text = person + lines(levels[q[0]], levels[q[1]], 0, "b", levels[q[2]])
    text += lines(*(levels[s] for s in q[3:]), "n")
    result = assess(runner, "--adaptive", "--save", str(save), input=text)
    assert result.exit_code == 0, result.output
    shown = shown_questions(catalog, result.stdout)
    after_zero = adaptive.step(catalog, {q[0]: levels[q[0]], q[1]: levels[q[1]], q[2]: 0})
    assert shown[:5] == [q[0], q[1], q[2], after_zero.next_skill, q[2]]
    assert shown[5:] == q[3:]
    assert saved_skills(catalog, save) == run.answered


def test_resume_mid_session_asks_what_the_uninterrupted_session_would(
    catalog, runner, tty, tmp_path
):
    levels, run, person = _uninterrupted(catalog, "ml-engineer", "mlops-engineer")
    k = 9
    assert run.asked > k + 3
    # The uninterrupted session, for comparison.
    whole = tmp_path / "whole.yaml"
    text = person + lines(*(levels[s] for s in run.questions), "n")
    uninterrupted = assess(runner, "--adaptive", "--save", str(whole), input=text)
    assert uninterrupted.exit_code == 0, uninterrupted.output

    # Answer k questions, then quit.
    save = tmp_path / "answers.yaml"
    text = person + lines(*(levels[s] for s in run.questions[:k]), "q")
    first = assess(runner, "--adaptive", "--save", str(save), input=text)
    assert first.exit_code == 1, first.output
    assert f"Stopped (quit). {k} of 77 questions asked so far" in first.stdout
    assert f"careerpath assess --adaptive --resume {save}" in first.stdout
    assert list(saved_skills(catalog, save)) == run.questions[:k]
    # The library agrees on what comes next.
    assert adaptive.step(catalog, saved_skills(catalog, save)).next_skill == run.questions[k]

    # Resume: no person questions again, and the same next question.
    text = lines(*(levels[s] for s in run.questions[k:]), "n")
    second = assess(runner, "--adaptive", "--resume", str(save), input=text)
    assert second.exit_code == 0, second.output
    assert "Your name" not in second.stdout
    resumed = shown_questions(catalog, second.stdout)
    assert resumed[0] == run.questions[k]
    assert f"Question {k + 1} · " in second.stdout
    # The question on screen when the person quit is the one asked on resume.
    before = shown_questions(catalog, first.stdout)
    assert before == run.questions[: k + 1]
    assert before[:k] + resumed == shown_questions(catalog, uninterrupted.stdout)
    assert f"Your top three roles are settled; {run.asked} of 77 questions asked." in (
        second.stdout
    )
    # Both finish with the same answers and the same report.
    assert saved_skills(catalog, save) == saved_skills(catalog, whole) == run.answered
    # (after the "Done" and "Next:" lines, which name each session's own file)
    report = "Done. Your answers are in "
    tail = uninterrupted.stdout.split(report, 1)[1].split("\n", 2)[2]
    assert second.stdout.split(report, 1)[1].split("\n", 2)[2] == tail
