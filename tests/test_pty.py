"""The questionnaire in a real pseudo-terminal: interrupt it with Ctrl-C, then resume it."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pexpect
from conftest import default_sigint

from careerpath.documents import read_document, validate
from careerpath.models import Answers, SkillAnswer

TIMEOUT = 15  # seconds for any one expectation; the whole test takes about two


def spawn(cwd: Path, *args: str) -> pexpect.spawn:
    env = {**os.environ, "COLUMNS": "100", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("CAREERPATH_DATA", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "careerpath", "assess", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, 100),
        preexec_fn=default_sigint,
    )
    child.delaybeforesend = None  # the default pause of 50 ms per line adds up over 92 questions
    return child


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


def test_interrupt_with_ctrl_c_then_resume(tmp_path, catalog):
    order = list(catalog.skills)
    n = len(order)
    save = tmp_path / "answers.yaml"

    child = spawn(tmp_path, "--save", save.name)
    try:
        child.expect_exact(f"Your answers are saved to {save.name} after every answer.")
        answer(child, "Your name (optional)", "Pat Terminal")
        answer(child, "Your current role [number, default other]", "3")  # Data Engineer
        answer(child, "Role you want to move to (optional) [number]", "9")  # MLOps Engineer
        answer(child, "Hours a week you can study", "5")
        answer(child, "Start date", "2027-03-01")
        for level in ("3", "s", "1"):
            answer(child, "Your level [", level)
        child.expect_exact(f"Question 4 of {n}")
        child.expect_exact("Your level [")
        child.sendintr()  # Ctrl-C at the fourth question
        child.expect_exact(f"Stopped (interrupted). 3 of {n} questions asked so far")
        child.expect_exact(f"Resume with:  careerpath assess --resume {save.name}")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 1
    assert "Traceback" not in (child.before or "")

    saved = validate(read_document(save), Answers)
    assert stat.S_IMODE(save.stat().st_mode) == 0o600
    assert saved.person.name == "Pat Terminal"
    assert (saved.person.current_role, saved.person.target_role) == (
        "data-engineer",
        "mlops-engineer",
    )
    assert saved.skills == {
        order[0]: SkillAnswer(level=3),
        order[1]: None,
        order[2]: SkillAnswer(level=1),
    }
    assert saved.unlisted == "unknown"  # the questions not asked yet are not 0s

    child = spawn(tmp_path, "--resume", save.name)
    transcript: list[str] = []
    try:
        child.expect_exact(f"Question 4 of {n}")
        transcript.append(child.before)
        for i in range(3, len(order)):
            child.expect_exact("Your level [")
            child.sendline("2" if i % 2 else "s")
        child.expect_exact(f"Done: all {n} questions asked. Your answers are in {save.name}.")
        child.expect(pexpect.EOF)
        transcript.append(child.before)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "Your name" not in transcript[0]  # the person questions are not asked again
    assert f"Question 3 of {n}" not in transcript[0]
    ranking = transcript[-1]
    # Skipped questions are unknown: neither rated nor known.
    answered = 2 + sum(1 for i in range(3, n) if i % 2)
    assert f"Role match ({answered} of {n} skills rated, {answered} known" in ranking
    assert "MLOps Engineer" in ranking

    saved = validate(read_document(save), Answers)
    assert len(saved.skills) == len(order)
    assert saved.skills[order[0]] == SkillAnswer(level=3)
    assert saved.skills[order[1]] is None
    assert saved.skills[order[2]] == SkillAnswer(level=1)
    for i in range(3, len(order)):
        assert saved.skills[order[i]] == (SkillAnswer(level=2) if i % 2 else None)
    assert saved.person.name == "Pat Terminal"
