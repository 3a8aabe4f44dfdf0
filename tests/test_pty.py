"""The questionnaire in a real pseudo-terminal: interrupt it with Ctrl-C, then resume it."""

from __future__ import annotations

import io
import os
import stat
import sys
from pathlib import Path

import pexpect
import pytest
from conftest import default_sigint

from careerpath import questionnaire as q
from careerpath import terminal
from careerpath.documents import read_document, validate
from careerpath.models import Answers, SkillAnswer

TIMEOUT = 120  # seconds for any one expectation: a net for hangs, generous for a loaded CI machine


def spawn(cwd: Path, *args: str, columns: int = 100) -> pexpect.spawn:
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("CAREERPATH_DATA", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "careerpath", "assess", *args],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=TIMEOUT,
        dimensions=(40, columns),
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
    assert child.exitstatus == 130  # what a shell reports for Ctrl-C
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
        answer(child, "Change an answer?", "")  # the review before scoring: no changes
        child.expect_exact(f"Done: all {n} questions asked.")
        child.expect_exact(f"Your answers are in {save.name}.")
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


PERSON = (
    ("Your name (optional)", "Pat Terminal"),
    ("Your current role [number, default other]", "3"),  # Data Engineer
    ("Role you want to move to (optional) [number]", "9"),  # MLOps Engineer
    ("Hours a week you can study", "5"),
    ("Start date", "2027-03-01"),
)


def start(tmp_path: Path, save: Path, columns: int = 100) -> pexpect.spawn:
    child = spawn(tmp_path, "--save", save.name, columns=columns)
    child.logfile_read = io.StringIO()  # the whole transcript, for the width checks
    for prompt, text in PERSON:
        answer(child, prompt, text)
    return child


def finish(child: pexpect.spawn) -> str:
    """Wait for the end; what was printed since the last expectation."""
    child.expect(pexpect.EOF)
    text = child.before
    child.close()
    assert "Traceback" not in text
    return text


def test_back_shows_the_saved_answer_and_enter_keeps_it(tmp_path, catalog):
    order = list(catalog.skills)
    n = len(order)
    save = tmp_path / "answers.yaml"
    child = start(tmp_path, save)
    try:
        answer(child, "Your level [", "3")
        answer(child, "Your level [", "1")
        child.expect_exact(f"Question 3 of {n}")
        answer(child, "Your level [", "b")  # back to question 2: its answer is shown
        child.expect_exact(f"Question 2 of {n}")
        child.expect_exact("Your answer now: 1 aware; Enter keeps it.")
        answer(child, "Your level [Enter keeps 1, ", "b")  # and back again, to question 1
        child.expect_exact(f"Question 1 of {n}")
        child.expect_exact("Your answer now: 3 proficient; Enter keeps it.")
        answer(child, "Your level [Enter keeps 3, ", "")  # Enter: kept, on to question 2
        child.expect_exact("kept: 3 proficient")
        child.expect_exact(f"Question 2 of {n}")
        child.expect_exact("Your answer now: 1 aware; Enter keeps it.")
        answer(child, "Your level [Enter keeps 1, ", "b")
        answer(child, "Your level [Enter keeps 3, ", "q")  # quit while back: nothing lost
        child.expect_exact(f"Stopped (quit). 2 of {n} questions asked so far")
        rest = finish(child)
    finally:
        child.close(force=True)
    assert child.exitstatus == 1
    assert validate(read_document(save), Answers).skills == {
        order[0]: SkillAnswer(level=3),
        order[1]: SkillAnswer(level=1),
    }
    # And the top of the ranking those two answers support, the command for the rest (with
    # its warnings), and last, where a stopped screen leaves the eye, how to resume.
    assert "What your saved answers support so far" in rest
    assert "warnings about these figures:\r\n  careerpath assess --answers answers.yaml" in rest
    assert rest.rstrip().endswith("Resume with:  careerpath assess --resume answers.yaml")


def test_enter_without_an_answer_says_what_the_choices_are(tmp_path, catalog):
    n = len(catalog.skills)
    save = tmp_path / "answers.yaml"
    child = start(tmp_path, save)
    try:
        answer(child, "Your level [0-4,", "")
        child.expect_exact("Enter alone gives no answer yet: type your level, 0 none, 1 aware,")
        child.expect_exact(f"Your level [{q.commands()}]")  # the same question, asked again
        child.sendline("2")
        child.expect_exact(f"Question 2 of {n}")
        answer(child, "Your level [", "q")
        finish(child)
    finally:
        child.close(force=True)
    assert validate(read_document(save), Answers).skills == {
        next(iter(catalog.skills)): SkillAnswer(level=2)
    }


def test_review_lists_every_answer_and_changes_one(tmp_path, catalog):
    order = list(catalog.skills)
    n = len(order)
    save = tmp_path / "answers.yaml"
    child = start(tmp_path, save)
    try:
        for level in ("3", "s", "1"):
            answer(child, "Your level [", level)
        child.expect_exact(f"Question 4 of {n}")
        answer(child, "Your level [", "r")  # review at any time
        child.expect_exact(f"Your answers: 2 rated, 1 skipped, {n - 3} not asked yet.")
        first = catalog.categories[catalog.skills[order[0]].category].name
        child.expect_exact(first)
        child.expect_exact(f" 1 3 {catalog.skills[order[0]].name}")
        child.expect_exact(f" 2 ? {catalog.skills[order[1]].name}")
        child.expect_exact(f" 3 1 {catalog.skills[order[2]].name}")
        child.expect_exact(f"Not asked yet: questions 4-{n}")  # only the answers are listed
        answer(child, "Change an answer? [question number", "2")
        child.expect_exact(f"Change question 2 of {n}")
        child.expect_exact("Your answer now: skipped (unknown); Enter keeps it.")
        answer(child, "Your level [Enter keeps s, ", "4")
        child.expect_exact(f"Question 2, {catalog.skills[order[1]].name}: now 4 expert.")
        answer(child, "Change an answer?", "")  # done: back to the question on screen
        child.expect_exact(f"Question 4 of {n}")
        answer(child, "Your level [", "2")
        child.expect_exact(f"Question 5 of {n}")
        answer(child, "Your level [", "q")
        finish(child)
    finally:
        child.close(force=True)
    assert validate(read_document(save), Answers).skills == {
        order[0]: SkillAnswer(level=3),
        order[1]: SkillAnswer(level=4),
        order[2]: SkillAnswer(level=1),
        order[3]: SkillAnswer(level=2),
    }


@pytest.mark.parametrize("columns", [60, 80, 160])
def test_question_text_wraps_at_word_boundaries_to_the_terminal(tmp_path, catalog, columns):
    order = list(catalog.skills)
    save = tmp_path / "answers.yaml"
    child = start(tmp_path, save, columns)
    try:
        answer(child, "Your level [", "3")
        answer(child, "Your level [", "?")  # the detail text wraps too
        answer(child, "Your level [", "r")  # and the review
        answer(child, "Change an answer?", "")
        answer(child, "Your level [", "")  # and the Enter help
        answer(child, "Your level [", "q")
        child.expect(pexpect.EOF)
        transcript = child.logfile_read.getvalue()
    finally:
        child.close(force=True)
    start_at = transcript.index("Question 1 of")
    shown = transcript[start_at : transcript.index("Stopped (quit)")]
    lines = shown.replace("\r\n", "\n").split("\n")
    # No line is wider than the terminal (an echoed answer adds one character to a prompt).
    assert max(len(line) for line in lines) <= columns
    # Every word arrives whole: the text joined at its line breaks is the catalogue's text.
    joined = " ".join(shown.split())
    for skill_id in order[:2]:
        skill = catalog.skills[skill_id]
        assert " ".join(f"{skill.name}: {skill.description}".split()) in joined
        for text in skill.levels:
            assert " ".join(text.split()) in joined
    category = catalog.categories[catalog.skills[order[1]].category]
    assert " ".join(category.description.split()) in joined
    # The room is used: lines are wrapped near the width, not at some fixed narrower one.
    longest = max(len(line) for line in lines)
    assert longest > min(columns, terminal.WIDTH) - 15
