"""The interactive questionnaire (`careerpath assess` without --answers), driven through
CliRunner with scripted input, and the Session/run library underneath it."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shlex
import shutil
import signal
import stat
from pathlib import Path

import pytest
from conftest import DATA

import careerpath.questionnaire as q
import careerpath.terminal as terminal
from careerpath import i18n
from careerpath.answers import load_answers
from careerpath.cli import cli
from careerpath.documents import read_document, validate
from careerpath.errors import InputError, OutputError, Problem
from careerpath.models import Answers, Person, SkillAnswer
from careerpath.profile import NOTICES_SHOWN, OTHER_ROLE, name_warnings

# Name, current role (4 = Data Scientist), target role (6 = ML Engineer), hours, start date.
PERSON_INPUT = "Ann Example\n4\n6\n8\n2027-01-04\n"


def lines(*answers: object) -> str:
    return "".join(f"{a}\n" for a in answers)


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend standard input is a terminal, so `assess` runs the questionnaire."""
    monkeypatch.setattr(q, "terminal_available", lambda: True)


@pytest.fixture
def order(catalog) -> list[str]:
    return list(catalog.skills)


def assess(runner, *args: str, input: str | io.IOBase = ""):
    return runner.invoke(cli, ["assess", *args], input=input)


def load(path: Path) -> Answers:
    """What the questionnaire saved, read back as an answers file."""
    assert path.read_text(encoding="utf-8").startswith("# careerpath answers file")
    return validate(read_document(path), Answers)


# --- without a terminal ----------------------------------------------------------------------


def test_no_terminal_and_no_answers_file_exits_2(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = assess(runner, "--save", "answers.yaml", input=PERSON_INPUT)
    assert result.exit_code == 2
    assert "--answers FILE" in result.stderr
    assert "no terminal" in result.stderr
    assert "Question" not in result.stdout
    assert list(tmp_path.iterdir()) == []


# --- a full run --------------------------------------------------------------------------------


def test_without_a_target_the_last_lines_name_one_so_the_commands_run_as_printed(
    runner, tty, tmp_path, catalog, order
):
    """A newcomer pressed Enter at the target prompt: the printed `report` then made a report
    with no plan, `plan` refused, and both hints had scrolled off above the ranking."""
    from careerpath.answers import load_answers
    from careerpath.scoring import assess as assess_profile

    save = tmp_path / "answers.yaml"
    levels = [i % 5 for i in range(len(order))]
    person = "Ann Example\n4\n\n8\n2027-01-04\n"  # Enter: no target role
    result = assess(runner, "--save", str(save), input=person + lines(*levels))
    assert result.exit_code == 0, result.output
    profile = load_answers(save, catalog)
    assert profile.person.target_role is None
    ranking = [m.role for m in assess_profile(profile, catalog).ranking]
    expected = next(r for r in ranking if r != profile.person.current_role)
    tail = result.stdout.rstrip("\n").splitlines()[-3:]
    assert tail[0] == f"Next: careerpath plan --answers {save} --target {expected}"
    assert tail[1] == f"  or: careerpath report --answers {save} --target {expected} -o report.html"
    assert tail[2].startswith(f"({expected} is your closest role")
    plan = runner.invoke(cli, tail[0].removeprefix("Next: careerpath ").split())
    assert plan.exit_code == 0, plan.output


@pytest.mark.parametrize("limit", [60, 80])
def test_the_next_commands_fit_the_terminal_and_still_run_copied_whole(catalog, limit):
    """At 80 columns `Next: careerpath plan --answers careerpath-answers-2026-12-03.yaml
    --target data-scientist` (90 columns) was wrapped by the terminal inside the file name,
    and the note after it was not wrapped at all."""
    from careerpath.scoring import assess as assess_profile

    path = Path("careerpath-answers-2026-12-03.yaml")
    profile = load_answers(DATA.parent / "examples/answers/analyst-sql-excel.yaml", catalog)
    result = assess_profile(profile, catalog)
    whole = q.next_steps(path, profile, result)
    fitted = q.next_steps(path, profile, result, limit)
    assert max(len(line) for text in whole for line in text.split("\n")) > 80
    assert max(len(line) for text in fitted for line in text.split("\n")) <= limit
    for one, broken in zip(whole[:2], fitted[:2], strict=True):
        assert "\n" in broken and all(line.endswith(" \\") for line in broken.split("\n")[:-1])
        # What a shell reads (a backslash-newline is no character to it): the same words.
        joined = broken.replace("\\\n", "")
        assert shlex.split(joined.split(":", 1)[1]) == shlex.split(one.split(":", 1)[1])
    assert " ".join(fitted[2].split()) == whole[2]


def test_full_run_saves_private_file_and_prints_ranking(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "answers.yaml"
    levels = [i % 5 for i in range(len(order))]
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(*levels))
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"Your answers are saved to {save} after every answer.")
    assert f"Done: all {len(order)} questions asked.\nYour answers are in {save}." in out
    assert f"Next: careerpath plan --answers {save}" in out  # what to do with the file
    ranking = out.split("Done: all", 1)[1]
    n = len(order)
    assert f"Role match ({n} of {n} skills rated, {n} known" in ranking
    for role in catalog.roles.values():
        assert role.name in ranking
    # Gaps for the target role chosen at the prompt (6 = ML Engineer).
    assert "Gaps for ML Engineer" in ranking

    assert stat.S_IMODE(save.stat().st_mode) == 0o600
    saved = load(save)
    assert saved.person == Person(
        name="Ann Example",
        current_role="data-scientist",
        target_role="ml-engineer",
        hours_per_week=8.0,
        start_date=dt.date(2027, 1, 4),
    )
    assert saved.assessed_on == dt.date.today()
    assert saved.catalog_version == catalog.version
    expected = {sid: SkillAnswer(level=lv) for sid, lv in zip(order, levels, strict=True)}
    assert saved.skills == expected
    # No temporary file is left next to it.
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]


def test_progress_and_category_boundaries(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "a.yaml"
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(*["1"] * len(order)))
    assert result.exit_code == 0, result.output
    out = result.stdout
    shown = re.findall(r"^Question (\d+) of (\d+) \(about (\d+) min left\) · (.+)$", out, re.M)
    expected = [
        (
            str(i + 1),
            str(len(order)),
            str(q.minutes_left(catalog, order[i:])),
            catalog.categories[catalog.skills[sid].category].name,
        )
        for i, sid in enumerate(order)
    ]
    assert shown == expected
    # The time left shrinks as the questions go by, from about an hour to about a minute.
    left = [int(m) for _, _, m, _ in shown]
    assert left == sorted(left, reverse=True) and left[-1] == 1
    d = q.duration(catalog)
    assert d.low <= left[0] <= d.high
    # Every catalogue skill is asked, in catalogue order, and the count shown is theirs.
    n = len(catalog.skills)
    assert order == list(catalog.skills) and len(shown) == n
    twelfth = catalog.skills[order[11]]
    left = q.minutes_left(catalog, order[11:])
    assert (
        f"Question 12 of {n} (about {left} min left) · {catalog.categories[twelfth.category].name}"
        in out
    )

    # After the last question of each category but the last: how much remains.
    boundaries = re.findall(
        r"^-- (.+) done\. (\d+) questions in (\d+) categor(?:y|ies) remain\.$", out, flags=re.M
    )
    cats = list(dict.fromkeys(catalog.skills[s].category for s in order))
    assert cats == list(catalog.categories)
    assert len(boundaries) == len(cats) - 1
    for name, left, ncats in boundaries:
        cat_id = next(c for c in cats if catalog.categories[c].name == name)
        last = max(i for i, s in enumerate(order) if catalog.skills[s].category == cat_id)
        assert int(left) == len(order) - last - 1
        assert int(ncats) == len(cats) - cats.index(cat_id) - 1
    # The first boundary comes right after the last Programming question, before the next one.
    first_cat = catalog.categories[cats[0]].name
    n_first = len(catalog.skills_in(cats[0]))
    assert out.index(f"-- {first_cat} done.") < out.index(f"Question {n_first + 1} of {n}")
    assert out.index(f"-- {first_cat} done.") > out.index(f"Question {n_first} of {n}")


def test_role_expectations_are_never_shown_while_answering(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "a.yaml"
    answers = ["?", "3"] + ["2"] * (len(order) - 1)
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(*answers))
    assert result.exit_code == 0, result.output
    during, after = result.stdout.split("Done: all", 1)
    # Catalogue text is wrapped to the terminal's width: compare it with spaces for breaks.
    during = " ".join(during.split())
    # The ranking afterwards does talk about requirements; the questions before it must not.
    assert "importance" in after
    # Catalogue texts may use these words innocently ("feature importance"); remove them first.
    texts = {s.description for s in catalog.skills.values()}
    texts |= {level for s in catalog.skills.values() for level in s.levels}
    texts |= {c.description for c in catalog.categories.values()}
    stripped = during
    for text in sorted(texts, key=len, reverse=True):
        stripped = stripped.replace(" ".join(text.split()), "")
    for word in ("importance", "required", "requires", "essential", "expected", "weight", "gap"):
        assert word not in stripped.lower(), word
    # Nothing from a role profile: no role summary, no "needs level N" hint.
    for role in catalog.roles.values():
        assert " ".join(role.summary.split()) not in during
    assert not re.search(r"\bneeds?\b", stripped)


def test_json_output_keeps_prompts_off_stdout(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    result = assess(
        runner, "--json", "--save", str(save), input=PERSON_INPUT + lines(*["2"] * len(order))
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["answered"] == len(order)
    assert "Question 1 of" in result.stderr
    assert f"Your answers are in {save}" in result.stderr


def test_default_save_path_is_shown_at_the_start(runner, tty, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = assess(runner, input=PERSON_INPUT + lines(3))
    name = f"careerpath-answers-{dt.date.today().isoformat()}.yaml"
    assert result.stdout.splitlines()[0] == f"Your answers are saved to {name} after every answer."
    assert (tmp_path / name).is_file()
    assert f"careerpath assess --resume {name}" in result.stdout


def test_the_start_screen_gives_the_range_of_levels_once(runner, tty, tmp_path):
    result = assess(runner, "--save", str(tmp_path / "a.yaml"), input=PERSON_INPUT + lines(3))
    start = " ".join(result.stdout.split("Question 1 of", 1)[0].split())
    assert "Answer each skill from 0 to 4; s skip, b back, r review, ? more, q save and quit." in (
        start
    )
    assert "0-4" not in start


# --- skip, back, more, quit --------------------------------------------------------------------


def test_skip_is_saved_as_not_answered_not_zero(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines("s", "3"))
    assert "skipped (recorded as unknown)" in result.stdout
    saved = load(save)
    assert saved.skills == {order[0]: None, order[1]: SkillAnswer(level=3)}
    text = save.read_text()
    assert re.search(rf"^  {order[0]}:( null)?$", text, flags=re.M), text
    assert f"{order[0]}: 0" not in text
    # A skipped question counts as asked: the next run resumes after both.
    assert f"2 of {len(order)} questions asked so far" in result.stdout
    # Saved half-way: the questions not asked yet are unknown, and so is the skipped one.
    assert "\nunlisted: unknown\n" in text
    assert saved.unlisted == "unknown"


def test_back_reasks_previous_question_and_replaces_the_answer(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(1, 2, "b", 4, 0))
    out = result.stdout
    n = len(order)
    assert out.count(f"Question 1 of {n}") == 1
    assert out.count(f"Question 2 of {n}") == 2
    assert out.count(f"Question 3 of {n}") == 2
    assert load(save).skills == {
        order[0]: SkillAnswer(level=1),
        order[1]: SkillAnswer(level=4),
        order[2]: SkillAnswer(level=0),
    }


def test_back_at_the_first_question_stays_there(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines("b", 2))
    assert "this is the first question" in result.stdout
    assert result.stdout.count(f"Question 1 of {len(order)}") == 1
    assert load(save).skills == {order[0]: SkillAnswer(level=2)}


def test_back_shows_the_saved_answer_and_enter_keeps_it(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    # 1, 2; at question 3 back twice (to 2, then 1); Enter keeps 1, Enter keeps 2; then 3.
    answers = lines(1, 2, "b", "b", "", "", 3)
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + answers)
    out = result.stdout
    n = len(order)
    assert out.count(f"Question 1 of {n}") == 2
    assert out.count(f"Question 2 of {n}") == 3
    assert out.count(f"Question 3 of {n}") == 2
    # Shown again, each question says what is saved, and the prompt what Enter does.
    again = out.split(f"Question 2 of {n}")[2]
    assert again.index("Your answer now: 2 working; Enter keeps it.") < again.index("Question")
    first = out.split(f"Question 1 of {n}")[2]
    assert "Your answer now: 1 aware; Enter keeps it." in first
    assert "Your level [Enter keeps 1, 0-4, s skip" in first
    assert "kept: 1 aware" in first
    assert "is not understood" not in out
    assert load(save).skills == {
        order[0]: SkillAnswer(level=1),
        order[1]: SkillAnswer(level=2),
        order[2]: SkillAnswer(level=3),
    }


def test_back_then_quit_loses_no_answer(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    text = PERSON_INPUT + lines(3, "s", 4, "b", "b", "q")
    result = assess(runner, "--save", str(save), input=text)
    assert result.exit_code == 1
    n = len(order)
    # Back at question 2 (skipped), the skip is what is shown and kept.
    assert "Your answer now: skipped (unknown); Enter keeps it." in result.stdout
    assert "Your level [Enter keeps s, " in result.stdout
    assert f"Stopped (quit). 3 of {n} questions asked so far (1 skipped" in result.stdout
    assert load(save).skills == {
        order[0]: SkillAnswer(level=3),
        order[1]: None,
        order[2]: SkillAnswer(level=4),
    }


def test_changing_an_answer_keeps_its_place_evidence_and_interest(catalog, tmp_path):
    path = tmp_path / "s.yaml"
    written = SkillAnswer(level=1, evidence="https://example.org/work", interest=2)
    answers = Answers(skills={"Python": written, "sql": SkillAnswer(level=2)})
    session = q.Session(catalog, path, answers)
    session.record("python", 3)
    # Still first (the order asked), under the name the person gave it.
    assert list(session.answers.skills) == ["Python", "sql"]
    assert session.answers.skills["Python"] == SkillAnswer(
        level=3, evidence="https://example.org/work", interest=2
    )
    assert load(path).skills == session.answers.skills


def test_question_mark_shows_more_detail(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "a.yaml"
    k8s = order.index("kubernetes")
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(*["s"] * k8s, "?", "q"))
    after = result.stdout.split(f"Question {k8s + 1} of {len(order)}", 1)[1]
    after = " ".join(after.split())  # wrapped to the terminal's width
    skill = catalog.skills["kubernetes"]
    assert skill.levels[4] in after  # the level descriptors are shown with the question
    assert catalog.categories[skill.category].description in after
    assert "Also called: k8s, helm, eks, aks, gke, openshift." in after
    assert "a skipped skill counts as unknown, not 0" in after
    # ? is not an answer: the same question is asked again, and q stops there.
    assert load(save).skills == {sid: None for sid in order[:k8s]}
    assert f"{k8s} of {len(order)} questions asked so far" in result.stdout


def test_quit_saves_and_prints_resume_command(runner, tty, tmp_path, order):
    save = tmp_path / "my answers.yaml"
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(2, "q", 4))
    assert result.exit_code == 1
    out = result.stdout
    n = len(order)
    assert f"Stopped (quit). 1 of {n} questions asked so far.\n" in out
    # The path has a space: the printed command quotes it so it can be pasted. Last.
    assert out.endswith(
        f"\nAll saved in {save}.\nResume with:  careerpath assess --resume '{save}'\n"
    )
    assert f"Question 2 of {n}" in out and f"Question 3 of {n}" not in out
    assert load(save).skills == {order[0]: SkillAnswer(level=2)}


def test_the_resume_command_says_again_the_options_that_change_the_run(runner, tty, tmp_path):
    """A Portuguese user resuming an adaptive questionnaire on their own catalogue gets it
    so: --lang (before or after the command), --data-dir, --adaptive, --max-questions are
    repeated; --save and --force are not (the command names the file, never starts over)."""
    save = tmp_path / "a.yaml"
    save.write_text("skills: {}\n", encoding="utf-8")  # replaced: --force
    args = ["--lang", "pt-BR", "--data-dir", str(DATA), "assess", "--adaptive"]
    args += ["--max-questions", "5", "--save", str(save), "--force"]
    result = runner.invoke(cli, args, input=PERSON_INPUT + lines(2, "q"))
    assert result.exit_code == 1
    [line] = [x for x in result.stdout.splitlines() if x.startswith("Retome com:")]
    command = shlex.split(line.removeprefix("Retome com:"))
    assert command == [
        *("careerpath", "--data-dir", str(DATA), "--lang", "pt-BR", "assess", "--adaptive"),
        *("--max-questions", "5", "--resume", str(save)),
    ]
    # Run as printed, it goes on in Portuguese, adaptive, and says the same to go on again.
    again = runner.invoke(cli, command[1:], input=lines("q"))
    assert again.exit_code == 1
    assert line in again.stdout.splitlines()
    assert "adaptativ" in again.stdout  # "Pergunta 2 · ... (adaptativo: ...)"
    assert validate(read_document(save), Answers).skills  # the answer given before is kept
    plain = runner.invoke(cli, ["assess", "--save", str(tmp_path / "b.yaml")], input=lines("q"))
    assert f"Resume with:  careerpath assess --resume {tmp_path / 'b.yaml'}" in plain.stdout


def test_the_command_to_continue_an_existing_file_keeps_the_language(runner, tty, tmp_path):
    save = tmp_path / "a.yaml"
    save.write_text("skills: {}\n", encoding="utf-8")
    result = runner.invoke(cli, ["assess", "--save", str(save), "--lang", "pt-BR"])
    assert result.exit_code != 0
    assert f"`careerpath --lang pt-BR assess --resume {save}`" in " ".join(result.stderr.split())


def test_next_steps_keep_the_data_dir_and_the_language(runner, tty, tmp_path, order):
    """`Next: careerpath plan ...` after a questionnaire run with --data-dir and --lang said
    neither: the plan printed ran on the bundled catalogue, in English."""
    data = tmp_path / "my data"
    shutil.copytree(DATA, data)
    save = tmp_path / "answers.yaml"
    args = ["--data-dir", str(data), "assess", "--save", str(save), "--lang", "pt-BR"]
    person = "Ann Example\n4\n\n8\n2027-01-04\n"  # no target role: one is named
    result = runner.invoke(cli, args, input=person + lines(*[i % 5 for i in range(len(order))]))
    assert result.exit_code == 0, result.output
    root = f"careerpath --data-dir '{data}' --lang pt-BR"
    tail = result.stdout.rstrip("\n").splitlines()[-3:]
    assert tail[0].startswith(f"Próximo passo: {root} plan --answers {save} --target ")
    assert tail[1].startswith(f"  ou: {root} report --answers {save} --target ")
    assert f"`{root} roles`" in tail[2]
    # As printed, it runs: on that catalogue, in Portuguese.
    plan = runner.invoke(cli, shlex.split(tail[0].removeprefix("Próximo passo: careerpath ")))
    assert plan.exit_code == 0, plan.output
    assert "Etapa" in plan.stdout or "Fase" in plan.stdout


def test_quit_shows_the_ranking_the_saved_answers_support(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "a.yaml"
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(3, "s", 2, "q"))
    assert result.exit_code == 1  # stopped: not a finished assessment
    out = result.stdout
    after = out.split("Stopped (quit).", 1)[1]
    assert "What your saved answers support so far" in after
    assert "count as level 0" not in after
    # The best three roles of the library's scoring of the saved file, as `assess --answers`
    # ranks them (the target chosen at the start, ML Engineer, is the file's).
    from careerpath.scoring import assess as score

    profile = load_answers(save, catalog)
    expected = score(profile, catalog, "ml-engineer")
    assert expected.warnings and expected.target == "ml-engineer"
    session = q.Session.resume(catalog, save)
    assert q.so_far(session) == expected
    top = [m.name for m in expected.ranking[:3]]
    assert [
        line.split("  ")[1].strip() for line in after.splitlines() if line[:2] in ("1 ", "2 ", "3 ")
    ] == top
    # The rest (the other roles, the gaps, the warnings) is one command away, and it runs.
    pointer = f"All {len(expected.ranking)} roles, the gaps and {len(expected.warnings)} warnings"
    assert pointer in after
    command = f"careerpath assess --answers {save}"
    assert f"\n  {command}\n" in after
    full = runner.invoke(cli, shlex.split(command)[1:])
    assert terminal.assessment_text(expected, catalog) in full.stdout


def test_after_a_stop_the_command_to_resume_is_the_last_thing_on_the_screen(
    runner, tty, tmp_path, monkeypatch
):
    """On a 30-row terminal, quitting an adaptive questionnaire printed "Resume with: ..." and
    then the ranking, the gap table and four warnings (~130 lines): the one command the
    person needed had scrolled away. Now it comes last, after a short ranking that fits."""
    monkeypatch.setattr(terminal, "width", lambda stream=None: 80)
    save = tmp_path / "ana2.yaml"
    answers = lines(3, 2, 1, 0, 2, 3, 1, 2, 0, 1, 2, 3, 2)
    first = assess(runner, "--adaptive", "--save", str(save), input=PERSON_INPUT + answers + "q\n")
    assert first.exit_code == 1
    ctrl_c = io.BufferedReader(_CtrlCAfter(""), buffer_size=1)
    for stop, status in (("q\n", 1), (ctrl_c, 130)):
        result = assess(runner, "--adaptive", "--resume", str(save), input=stop)
        assert result.exit_code == status, result.output
        shown = result.stdout.rstrip("\n").splitlines()
        assert shown[-2:] == [
            f"All saved in {save}.",
            f"Resume with:  careerpath assess --adaptive --resume {save}",
        ]
        since = shown[max(i for i, x in enumerate(shown) if x.startswith("Stopped (")) :]
        assert len(since) <= 20  # and a line is cut nowhere but in a path
        assert max(len(line) for line in since if str(save) not in line) <= 80
        assert "What your saved answers support so far" in "\n".join(since)
        assert f"  careerpath assess --answers {save}" in since
        assert "Gaps for" not in result.stdout and "warning:" not in result.stdout


def test_quit_before_any_level_says_there_is_no_ranking_yet(runner, tty, tmp_path):
    save = tmp_path / "a.yaml"
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines("s", "q"))
    assert result.exit_code == 1
    assert "No skill has a level yet, so there is no ranking to show." in result.stdout
    assert "Role match" not in result.stdout


def test_quit_with_json_prints_the_ranking_so_far_as_json(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    result = assess(runner, "--json", "--save", str(save), input=PERSON_INPUT + lines(4, 1, "q"))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["answered"], data["known"]) == (2, 2)
    assert any(w["code"] == "few-answers" for w in data["warnings"])
    assert "Stopped (quit)" in result.stderr


# --- review --------------------------------------------------------------------------------


def _summary_marks(text: str) -> dict[int, str]:
    """Question number -> the mark the review shows (level, ? skipped, - not asked yet)."""
    block = text.split("Your answers: ", 1)[1].split("Change an answer?", 1)[0]
    found = re.findall(r"(?:^|  )\s*(\d+) ([0-4?-]) \S", block, flags=re.M)
    marks = {int(number): mark for number, mark in found}
    assert len(marks) == len(found)  # each question listed once
    return marks


def test_review_before_scoring_lists_every_answer_and_changes_any(
    runner, tty, tmp_path, catalog, order
):
    save = tmp_path / "a.yaml"
    n = len(order)
    levels = ["s" if i == 7 else i % 5 for i in range(n)]
    # At the review: change question 5 to 0, show the answers again, then Enter to score.
    text = PERSON_INPUT + lines(*levels) + lines(5, 0, "r", "")
    result = assess(runner, "--save", str(save), input=text)
    assert result.exit_code == 0, result.output
    out = result.stdout
    before, after = out.split("Done: all", 1)
    assert "Role match" not in before and "Role match" in after  # scored after the review
    expected = {i + 1: "?" if lv == "s" else str(lv) for i, lv in enumerate(levels)}
    assert _summary_marks(before) == expected
    assert f"Your answers: {n - 1} rated, 1 skipped, 0 not asked yet." in before
    # By category, in the catalogue's order.
    names = [c.name for c in catalog.categories.values()]
    assert [before.index(f"\n{name}\n") for name in names] == sorted(
        before.index(f"\n{name}\n") for name in names
    )
    skill = catalog.skills[order[4]]
    assert f"Change question 5 of {n}" in before
    assert f"Question 5, {skill.name}: now 0 none." in before
    # Shown again with r: the change is in it.
    second = before.split("Question 5, ", 1)[1]
    assert _summary_marks(second) == {**expected, 5: "0"}
    assert load(save).skills[order[4]] == SkillAnswer(level=0)
    assert load(save).skills[order[7]] is None


def test_review_at_any_time_with_r_then_back_to_the_question(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    # At question 3: review, change question 1 to 4, Enter: question 3 again.
    text = PERSON_INPUT + lines(2, 3, "r", 1, 4, "", 1, "q")
    result = assess(runner, "--save", str(save), input=text)
    out = result.stdout
    n = len(order)
    assert _summary_marks(out) == {1: "2", 2: "3"}  # the others are counted, not listed
    assert "Your answers: 2 rated, 0 skipped, 90 not asked yet." in out
    assert "Not asked yet: questions 3-92 (a number answers one now)." in out
    assert "Change an answer? [question number 1-92, r show them again, Enter return" in out
    assert out.count(f"Question 3 of {n}") == 2
    assert out.count(f"Question 4 of {n}") == 1
    assert load(save).skills == {
        order[0]: SkillAnswer(level=4),
        order[1]: SkillAnswer(level=3),
        order[2]: SkillAnswer(level=1),
    }


def test_review_answers_any_question_and_refuses_what_is_not_one(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    n = len(order)
    # From the review: bad numbers, then question 50 (not asked yet), b leaves question 60
    # unchanged, r is not offered inside a change, q saves and quits from the review itself.
    text = PERSON_INPUT + lines(2, "r", 0, 93, "x", 50, 3, 60, "r", "b", "q")
    result = assess(runner, "--save", str(save), input=text)
    out = result.stdout
    assert result.exit_code == 1
    for bad in ("0", "93", "x"):
        assert f"'{bad}': enter a question number from 1 to {n}, r, Enter or q" in out
    assert "you are changing an answer from the review: b goes back to it" in out
    assert f"Stopped (quit). 2 of {n} questions asked so far." in out
    assert load(save).skills == {order[0]: SkillAnswer(level=2), order[49]: SkillAnswer(level=3)}


@pytest.mark.parametrize(("columns", "per_row"), [(60, 1), (80, 2), (160, 4)])
def test_review_summary_fits_the_terminal(catalog, tmp_path, monkeypatch, columns, per_row):
    monkeypatch.setattr(terminal, "width", lambda: columns)
    order = list(catalog.skills)
    session = q.Session(catalog, tmp_path / "s.yaml", Answers(unlisted="unknown"))
    for i, skill_id in enumerate(order):
        session.record(skill_id, None if i % 7 == 0 else i % 5)
    session.forget(order[50])
    session.forget(order[51])
    text = "\n".join(q.summary(session))
    assert max(len(line) for line in text.splitlines()) <= columns
    marks = re.findall(r"(?:^|  )\s*(\d+) ([0-4?]) \S", text, flags=re.M)
    numbers = [n for n in range(1, len(order) + 1) if n not in (51, 52)]
    assert [int(m) for m, _ in marks] == numbers
    assert dict(marks)["1"] == "?" and dict(marks)["2"] == "1" and dict(marks)["41"] == "0"
    rows = [len(re.findall(r"(?:^|  )\s*\d+ [0-4?] \S", line)) for line in text.splitlines()]
    assert max(rows) == per_row
    # A name is never cut: a category whose names do not fit side by side takes a line each.
    for i, skill in enumerate(catalog.skills.values()):
        assert (" ".join(skill.name.split()) in " ".join(text.split())) == (i not in (50, 51))
    assert "Not asked yet: questions 51-52" in text


def test_review_of_a_few_answers_lists_them_and_keeps_the_prompt_on_the_screen(
    catalog, tmp_path, monkeypatch
):
    """At `r` after 13 adaptive answers the review printed all 92 skills (~100 lines): the
    explanation of its columns and the 13 answers scrolled out of an 80x30 terminal, and only
    "Change an answer? [question number 1-13 ...]" stayed. Now the 13 are listed, the others
    counted, and the prompt fits below them."""
    monkeypatch.setattr(terminal, "width", lambda stream=None: 80)
    session = q.Session(catalog, tmp_path / "s.yaml", Answers(unlisted="unknown"))
    session.adaptive = True
    picked = ["model-serving", "docker", "algorithm-prototyping", "exploratory-analysis"]
    picked += ["feature-engineering", "issue-trackers", "product-lifecycle", "statistics"]
    picked += ["ab-testing", "scientific-literature", "etl-pipelines", "model-validation"]
    picked += ["project-management"]
    for i, skill_id in enumerate(picked):
        session.record(skill_id, i % 5)
    asker = Script("")
    q.review(session, asker)
    shown = [*"\n".join(asker.said).splitlines(), *asker.prompts[0].splitlines()]
    assert len(shown) <= 28 and max(len(line) for line in shown) <= 80
    assert shown[1].startswith("Your answers: 13 rated, 0 skipped, 79 not asked yet. Each line:")
    marks = _summary_marks("\n".join(shown))
    assert marks == {i + 1: str(i % 5) for i in range(13)}
    assert shown[-2].startswith("Change an answer? [question number 1-13,")
    for skill_id, skill in catalog.skills.items():
        entry = rf"\d [0-4?] {re.escape(skill.name)}(?:  |$)"
        assert bool(re.search(entry, "\n".join(shown), re.M)) == (skill_id in picked), skill_id


def test_review_summary_cuts_no_portuguese_name_at_80_columns(catalog, tmp_path, monkeypatch):
    """Portuguese names are longer: "Gestão de requisitos e de stak…" once ended the line."""
    monkeypatch.setattr(terminal, "width", lambda: 80)
    pt = catalog.in_language("pt-BR")
    session = q.Session(pt, tmp_path / "s.yaml", Answers(unlisted="unknown"))
    for skill_id in pt.skills:
        session.answers.skills[skill_id] = SkillAnswer(level=2)
    text = "\n".join(q.summary(session))
    assert "…" not in text and max(len(line) for line in text.splitlines()) <= 80
    for skill in pt.skills.values():
        assert " ".join(skill.name.split()) in " ".join(text.split())
    assert "Gestão de requisitos e de stakeholders" in text


# --- how long it takes ---------------------------------------------------------------------


def test_question_words_are_what_a_question_shows(catalog):
    skill = catalog.skills["python"]
    texts = [skill.name, skill.description, *skill.levels]
    assert q.question_words(catalog, "python") == sum(len(t.split()) for t in texts) + 5


def test_duration_follows_from_the_words_and_the_stated_pace(catalog):
    n = len(catalog.skills)
    words = sum(q.question_words(catalog, s) for s in catalog.skills)
    fast = words / 300 + n * 5 / 60
    slow = words / 200 + n * 10 / 60
    assert q.minutes(catalog, catalog.skills) == pytest.approx((fast, slow))
    d = q.duration(catalog)
    assert d.questions == n
    assert d.low <= fast < d.low + 5 and d.high - 5 < slow <= d.high
    assert d.adaptive_questions == round(n * 0.55)
    assert d.adaptive_low <= fast * 0.55 < d.adaptive_low + 5
    assert d.adaptive_high - 5 < slow * 0.55 <= d.adaptive_high
    assert d.low >= 40  # more than twice the 20 minutes the help used to promise
    assert q.minutes_left(catalog, []) == 1
    assert q.minutes_left(catalog, catalog.skills) == round((fast + slow) / 2)


def test_help_says_honestly_how_long_the_questionnaires_take(runner, catalog):
    d = q.duration(catalog)
    top = runner.invoke(cli, ["--help"]).output
    assert "20 minutes" not in top
    assert f"the questionnaire: {d.questions} questions, {d.low}-{d.high} min" in top
    # The "Start here" lines are laid out to fit 60 columns: compare their words.
    assert f"--adaptive about {d.adaptive_questions} of them, " in " ".join(top.split())
    assert f"{d.adaptive_low}-{d.adaptive_high} min" in top
    words = sum(q.question_words(catalog, s) for s in catalog.skills) / d.questions
    text = " ".join(runner.invoke(cli, ["assess", "--help"]).output.split())
    assert (
        f"The full questionnaire has {d.questions} questions of about {5 * round(words / 5)} "
        f"words each: {d.low}-{d.high} minutes of reading and deciding. --adaptive usually "
        f"asks about {d.adaptive_questions}: {d.adaptive_low}-{d.adaptive_high} minutes."
    ) in text


def test_readme_says_the_same_durations(catalog):
    from conftest import ROOT

    d = q.duration(catalog)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "about 20 minutes" not in readme
    assert (
        f"The {d.questions} questions take about {d.low}-{d.high} minutes of reading and "
        f"deciding; `--adaptive` usually asks about {d.adaptive_questions} of them, "
        f"{d.adaptive_low}-{d.adaptive_high} minutes."
    ) in readme


def test_the_session_starts_by_saying_how_long_it_takes(runner, tty, tmp_path, catalog):
    result = assess(runner, "--save", str(tmp_path / "a.yaml"), input=lines("q"))
    assert " ".join(q.duration(catalog).text().split()) in " ".join(result.stdout.split())


def test_the_adaptive_session_speaks_of_itself_not_of_the_option(runner, tty, tmp_path, catalog):
    """'the adaptive one (--adaptive) usually asks...' read as if it had not been chosen."""
    result = assess(runner, "--adaptive", "--save", str(tmp_path / "a.yaml"), input=lines("q"))
    said = " ".join(result.stdout.split())
    assert " ".join(q.duration(catalog).text(adaptive=True).split()) in said
    assert "(--adaptive)" not in said and "The full questionnaire" not in said


# --- width -------------------------------------------------------------------------------------


@pytest.mark.parametrize("columns", [60, 80, 160])
def test_questionnaire_text_wraps_at_word_boundaries(catalog, tmp_path, monkeypatch, columns):
    monkeypatch.setattr(terminal, "width", lambda: columns)
    order = list(catalog.skills)
    session = q.Session.start(catalog, tmp_path / "s.yaml")
    asker = Script(*PERSON, "2", "?", "", "abc", "7", "r", "", "b", "", "s", "q")
    assert q.interview(session, asker) is False
    said = "\n".join(asker.said).splitlines()
    # Lines that hold a path or a command stay whole to be copied; everything else fits.
    whole = ("Your answers are saved to", "All saved in", "Resume with:")
    assert max(len(line) for line in said if not line.startswith(whole)) <= columns
    prompts = [line for p in asker.prompts for line in p.splitlines()]
    assert max(len(line) for line in prompts) <= columns - 2  # and the ": " after them
    joined = " ".join(" ".join(asker.said).split())
    for skill_id in order[:3]:
        skill = catalog.skills[skill_id]
        assert f"{skill.name}: {' '.join(skill.description.split())}" in joined
        for text in skill.levels:
            assert " ".join(text.split()) in joined
    assert " ".join(catalog.categories[catalog.skills[order[1]].category].description.split()) in (
        joined
    )
    # Wrapped to the width it has, not a fixed narrower one.
    assert max(len(line) for line in said if not line.startswith(whole)) > columns - 15


# --- invalid input -------------------------------------------------------------------------


def test_adaptive_back_and_review_use_the_numbers_the_questions_were_shown_with(catalog, tmp_path):
    session = q.Session.start(catalog, tmp_path / "a.yaml")
    session.adaptive = True
    # Three answers, back (b) to the third and keep it, a fourth; then review and change 2.
    asker = Script("2", "3", "1", "b", "", "0", "r", "2", "4", "", EOFError)
    with pytest.raises(EOFError):
        q.ask_adaptive(session, asker)
    asked = list(session.asked_levels())
    text = asker.text
    third = catalog.skills[asked[2]]
    assert f"Question 3 · {catalog.categories[third.category].name} (adaptive: going over" in text
    assert "Your answer now: 1 aware; Enter keeps it." in text
    assert "Question 4 (" in text
    # The review lists the asked questions 1-4 in the order asked; 2 is the second asked.
    second = catalog.skills[asked[1]]
    assert f"Change question 2 of 4 · {catalog.categories[second.category].name}" in text
    assert f"Question 2, {second.name}: now 4 expert." in " ".join(text.split())
    assert "question number 1-4," in " ".join(" ".join(asker.prompts).split())
    assert [session.asked_levels()[s] for s in asked] == [2, 4, 1, 0]


def test_a_level_may_be_answered_by_its_name(runner, tty, tmp_path, catalog, order):
    # The screen shows "4 expert": typing the word is that level, in any case.
    save = tmp_path / "a.yaml"
    answers = lines("Expert", "proficient", " NONE ", "wizard", "aware", "q")
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + answers)
    assert result.exit_code == 1, result.output
    assert load(save).skills == {
        order[0]: SkillAnswer(level=4),
        order[1]: SkillAnswer(level=3),
        order[2]: SkillAnswer(level=0),
        order[3]: SkillAnswer(level=1),
    }
    out = " ".join(result.stdout.split())
    assert (
        "'wizard' is not understood: enter 0-4, s skip, b back, r review, ? more, q save and "
        "quit; a level may also be given by its name: none, aware, working, proficient, expert"
    ) in out


def test_a_level_may_be_answered_by_its_name_in_the_current_language(catalog, tmp_path, order):
    session = q.Session.start(catalog, tmp_path / "a.yaml")
    i18n.use("pt-BR")
    try:
        for word, level in (("Especialista", 4), ("noções", 1), ("working", 2)):
            assert q.ask_one(session, Script(word), 0) == "answered"
            assert session.asked_levels()[order[0]] == level
    finally:
        i18n.use("en")


def test_a_level_may_be_answered_by_its_name_in_any_language_careerpath_speaks(
    catalog, tmp_path, order
):
    # An English session reads a Portuguese speaker's words, accents or not.
    session = q.Session.start(catalog, tmp_path / "a.yaml")
    for word, level in (("especialista", 4), ("Noções", 1), ("PRÁTICO", 2), ("nenhum", 0)):
        assert q.ask_one(session, Script(word), 0) == "answered"
        assert session.asked_levels()[order[0]] == level


def test_invalid_input_is_asked_again_with_the_reason(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "a.yaml"
    person = lines(
        "Bo",
        "99",
        "4",
        "cook",
        "",
        "abc",
        "100",
        "0",
        "7,5",
        "tomorrow",
        "2027-02-30",
        "01/02/2027",
        "13/02/2027",
        "",
    )
    levels = lines("abc", "7", "-1", "", "2.5", "3", "1")
    result = assess(runner, "--save", str(save), input=person + levels)
    out = result.stdout
    roles = len(catalog.roles)
    assert f"choose a number from 1 to {roles + 1} or a role name" in out  # 99 (or other)
    assert f"choose a number from 1 to {roles} or a role name" in out  # "cook", target role
    assert "enter a number of hours, e.g. 6 or 5.5" in out
    assert out.count("enter between 1 and 80 hours a week") == 2
    assert out.count("enter a date as YYYY-MM-DD") == 1
    assert "no such day: write a real date as YYYY-MM-DD" in out
    # A day/month date: never guessed when it reads two ways; its ISO form when it reads one.
    either = "day and month could be either way round: write the date as YYYY-MM-DD"
    assert f"{either}, 2027-02-01 or 2027-01-02" in " ".join(out.split())  # wrapped at 80
    assert "write the date as YYYY-MM-DD: 2027-02-13" in out
    assert "'abc' is not understood: enter 0-4, s skip" in out
    assert "7 is not a level: enter a whole number from 0 to 4" in out
    assert "-1 is not a level: enter a whole number from 0 to 4" in out
    # Enter alone says what the choices are, levels by name included.
    assert "'' is not understood" not in out
    assert "Enter alone gives no answer yet: type your level, 0 none, 1 aware," in out
    assert "'2.5' is not understood" in out
    # Each wrong answer re-asks the same question, and only the valid answers are stored.
    assert out.count(f"Question 1 of {len(order)}") == 1
    assert out.count("Your level [") == 5 + 1 + 1 + 1  # five wrong, 3, 1, then end of input
    saved = load(save)
    assert saved.person.current_role == "data-scientist"
    assert saved.person.target_role is None  # Enter after the wrong name: no target
    assert saved.person.hours_per_week == 7.5
    assert saved.person.start_date == dt.date.today()
    assert saved.skills == {order[0]: SkillAnswer(level=3), order[1]: SkillAnswer(level=1)}


def test_person_defaults(runner, tty, tmp_path):
    save = tmp_path / "a.yaml"
    assess(runner, "--save", str(save), input=lines("", "", "", "", "", "q"))
    person = load(save).person
    assert person == Person(
        current_role=OTHER_ROLE, hours_per_week=q.DEFAULT_HOURS, start_date=dt.date.today()
    )


def test_roles_can_be_typed_by_name(runner, tty, tmp_path):
    save = tmp_path / "a.yaml"
    assess(runner, "--save", str(save), input=lines("", "data engineer", "MLOps", "", "", "q"))
    person = load(save).person
    assert (person.current_role, person.target_role) == ("data-engineer", "mlops-engineer")


def test_roles_can_be_typed_without_accents_and_in_either_gender(runner, tty, tmp_path):
    save = tmp_path / "a.yaml"
    typed = lines("", "analista de negocios", "engenheira de ml", "", "", "q")
    assess(runner, "--save", str(save), input=typed)
    person = load(save).person
    assert (person.current_role, person.target_role) == ("business-analyst", "ml-engineer")


# --- stopping: end of input, Ctrl-C -----------------------------------------------------------


def test_end_of_input_after_two_answers_keeps_both(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "a.yaml"
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(3, 1))
    assert result.exit_code == 1
    assert f"Stopped (interrupted). 2 of {len(order)} questions asked so far" in result.stdout
    assert f"careerpath assess --resume {save}" in result.stdout
    saved = load(save)
    assert saved.skills == {order[0]: SkillAnswer(level=3), order[1]: SkillAnswer(level=1)}
    assert saved.person.name == "Ann Example"
    assert stat.S_IMODE(save.stat().st_mode) == 0o600
    # Loaded as an answers file, the questions never asked are unknown: not 0.
    assert saved.unlisted == "unknown"
    profile = load_answers(save, catalog)
    assert profile.levels == {order[0]: 3, order[1]: 1}
    assert profile.rated == {order[0], order[1]}


class _CtrlCAfter(io.RawIOBase):
    """Standard input that gives ``data`` and then behaves as if Ctrl-C was pressed."""

    def __init__(self, data: str) -> None:
        self._data = io.BytesIO(data.encode())

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._data.readinto(buffer)
        if not n:
            raise KeyboardInterrupt
        return n


def test_ctrl_c_after_two_answers_keeps_both(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    stdin = io.BufferedReader(_CtrlCAfter(PERSON_INPUT + lines(0, 4)), buffer_size=1)
    result = assess(runner, "--save", str(save), input=stdin)
    assert result.exit_code == 130  # as a shell reports Ctrl-C; the end of input is 1
    assert f"2 of {len(order)} questions asked so far" in result.stdout
    assert f"Resume with:  careerpath assess --resume {save}" in result.stdout
    assert "Traceback" not in result.output
    assert load(save).skills == {order[0]: SkillAnswer(level=0), order[1]: SkillAnswer(level=4)}


def test_end_of_input_during_person_questions_leaves_a_resumable_file(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    result = assess(runner, "--save", str(save), input=lines("Ann"))
    assert result.exit_code == 1
    assert f"0 of {len(order)} questions asked so far" in result.stdout
    assert load(save).skills == {}
    assert load(save).person.name == "Ann"  # saved as soon as it was given
    again = assess(runner, "--resume", str(save), input=lines(*PERSON[1:], "q"))
    assert "Your name (optional)" not in again.stdout  # given before the stop
    assert "Your current role" in again.stdout  # the rest of the person questions
    person = load(save).person
    assert person.name == "Ann"
    assert person.start_date is not None


# --- resume ----------------------------------------------------------------------------------


def test_resume_continues_at_first_unanswered_and_finishes(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "a.yaml"
    first = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(4, "s", 2, "q"))
    assert first.exit_code == 1
    rest = [i % 5 for i in range(3, len(order))]
    result = assess(runner, "--resume", str(save), input=lines(*rest))
    assert result.exit_code == 0, result.output
    out = result.stdout
    n = len(order)
    assert "Your name" not in out  # the person questions were answered before
    assert re.findall(r"^Question (\d+) of", out, flags=re.M)[0] == "4"
    assert f"Question 3 of {n}" not in out
    assert f"Done: all {n} questions asked.\nYour answers are in {save}." in out
    # The skipped question stays unknown: rated and known both leave it out.
    assert f"Role match ({n - 1} of {n} skills rated, {n - 1} known" in out
    saved = load(save)
    assert saved.unlisted == "unknown"  # a session's file, resumed, stays one
    assert saved.person.name == "Ann Example"
    assert saved.skills[order[0]] == SkillAnswer(level=4)
    assert saved.skills[order[1]] is None
    assert saved.skills[order[2]] == SkillAnswer(level=2)
    assert {sid: a.level for sid, a in saved.skills.items() if a} == {
        **{order[0]: 4, order[2]: 2},
        **dict(zip(order[3:], rest, strict=True)),
    }
    assert stat.S_IMODE(save.stat().st_mode) == 0o600


def test_resume_keeps_names_evidence_and_interest_of_a_hand_written_file(
    runner, tty, tmp_path, catalog, order
):
    save = tmp_path / "a.yaml"
    save.write_text(
        "person: {name: Kim, current_role: Data Engineer}\n"
        "skills:\n"
        f"  {catalog.skills[order[0]].name.upper()}: "
        "{level: 3, evidence: 'https://example.org/work', interest: 2}\n"
        f"  {order[1]}: 1\n",
        encoding="utf-8",
    )
    result = assess(runner, "--resume", str(save), input=lines(*["s"] * (len(order) - 2)))
    assert result.exit_code == 0, result.output
    n = len(order)
    assert f"Question 3 of {n}" in result.stdout and f"Question 2 of {n}" not in result.stdout
    profile = load_answers(save, catalog)
    assert profile.levels == {order[0]: 3, order[1]: 1}  # the rest were skipped: unknown
    assert profile.rated == {order[0], order[1]}
    assert profile.evidence == {order[0]: "https://example.org/work"}
    assert profile.interest == {order[0]: 2}
    assert len(profile.answers.skills) == len(order)
    # The hand-written file's own rule for unlisted skills is kept.
    assert profile.answers.unlisted == "zero"


def test_quitting_a_resumed_hand_written_file_says_one_thing_of_the_unlisted_skills(
    runner, tty, tmp_path, catalog, order
):
    # The file has no `unlisted: unknown`, so what it does not list is level 0: the ranking
    # says so, and must not say those skills count as unknown.
    save = tmp_path / "a.yaml"
    save.write_text(f"person:\n  name: Teste\nskills:\n  {order[0]}: 4\n  {order[1]}: 2\n")
    result = assess(runner, "--resume", str(save), input=lines("", "", "", "", 1, "q"))
    after = " ".join(result.stdout.split("Stopped (quit).", 1)[1].split())
    n = len(order)
    assert (
        f"What your saved answers support so far (the {n - 3} skills your file does not list "
        "count as level 0; answer the other questions to firm it up):"
    ) in after
    assert "count as unknown" not in after


def test_resume_keeps_the_comments_of_a_hand_written_file(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "a.yaml"
    text = (
        "# My notes for my mentor: I am unsure about stats\n"
        "person:\n  name: Kim\n  current_role: Data Engineer  # since 2023\n"
        "skills:\n  sql: 3   # daily at work\n  PYTHON:\n"
    )
    save.write_text(text, encoding="utf-8")
    # PYTHON, listed with no level, was asked and skipped: the next two are answered.
    first, second = [s for s in order if s not in ("sql", "python")][:2]
    result = assess(runner, "--resume", str(save), input=lines("2", "1", "q"))
    assert result.exit_code == 1, result.output
    written = save.read_text(encoding="utf-8")
    assert written == (
        "# My notes for my mentor: I am unsure about stats\n"
        f"schema_version: 1\ncatalog_version: {catalog.version}\n"
        "person:\n  name: Kim\n  current_role: Data Engineer  # since 2023\n"
        f"skills:\n  sql: 3   # daily at work\n  PYTHON:\n  {first}: 2\n  {second}: 1\n"
    )
    # Resumed again, it still reads as the session's answers and keeps the comments.
    again = assess(runner, "--resume", str(save), input=lines("q"))
    assert again.exit_code == 1, again.output
    assert save.read_text(encoding="utf-8") == written
    profile = load_answers(save, catalog)
    assert {s: profile.levels[s] for s in profile.rated} == {"sql": 3, first: 2, second: 1}


def test_resume_keeps_the_level_words_of_a_hand_written_file(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    save.write_text(f"person:\n  name: Kim\nskills:\n  {order[0]}: expert\n  {order[1]}: working\n")
    result = assess(runner, "--resume", str(save), input=lines("1", "q"))
    assert result.exit_code == 1, result.output
    written = save.read_text(encoding="utf-8")
    assert f"\n  {order[0]}: expert\n  {order[1]}: working\n  {order[2]}: 1\n" in written


def test_resume_refuses_a_read_only_file_before_any_question(runner, tty, tmp_path):
    save = tmp_path / "a.yaml"
    save.write_text("skills:\n  sql: 3\n", encoding="utf-8")
    save.chmod(0o444)
    result = assess(runner, "--resume", str(save), input=lines("2", "q"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{save}: is read-only" in result.stderr
    assert "1." not in result.stdout  # no question was asked
    assert save.read_text(encoding="utf-8") == "skills:\n  sql: 3\n"


def test_resume_a_json_file_saves_json(runner, tty, tmp_path, catalog, order):
    save = tmp_path / "a.json"
    save.write_text('{"person": {"name": "Kim"}, "skills": {"SQL": 3}}', encoding="utf-8")
    result = assess(runner, "--resume", str(save), input=lines("2", "q"))
    assert result.exit_code == 1, result.output
    saved = json.loads(save.read_text(encoding="utf-8"))  # JSON still, not YAML
    first = next(s for s in order if s != "sql")
    assert saved["skills"] == {"SQL": 3, first: 2}
    profile = load_answers(save, catalog)
    assert {s: profile.levels[s] for s in profile.rated} == {"sql": 3, first: 2}


def test_resume_a_file_it_cannot_edit_saves_beside_it_and_says_so(
    runner, tty, tmp_path, catalog, order
):
    save = tmp_path / "a.yaml"
    text = "# mine\n{person: {name: Kim}, skills: {sql: 3}}\n"  # flow style: not edited
    save.write_text(text, encoding="utf-8")
    (tmp_path / "a-saved.yaml").write_text("taken\n", encoding="utf-8")
    result = assess(runner, "--resume", str(save), input=lines("2", "q"))
    assert result.exit_code == 1, result.output
    assert save.read_text(encoding="utf-8") == text  # left as the person wrote it
    assert (tmp_path / "a-saved.yaml").read_text(encoding="utf-8") == "taken\n"
    moved = tmp_path / "a-saved-2.yaml"
    out = " ".join(result.stdout.split())
    assert f"{save}: cannot save your answers in this file without losing what you wrote" in out
    assert f"your answers are saved to {moved} from now on" in out
    assert f"All saved in {moved}." in out
    assert f"careerpath assess --resume {moved}" in out
    first = next(s for s in order if s != "sql")
    profile = load_answers(moved, catalog)
    assert {s: profile.levels[s] for s in profile.rated} == {"sql": 3, first: 2}


def test_resume_a_finished_file_asks_nothing(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    assess(runner, "--save", str(save), input=PERSON_INPUT + lines(*["1"] * len(order)))
    result = assess(runner, "--resume", str(save), input="")
    assert result.exit_code == 0, result.output
    assert "Question" not in result.stdout
    assert f"Done: all {len(order)} questions asked" in result.stdout


def test_resume_a_file_with_an_unknown_skill_warns_before_asking(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    text = "person: {name: Kim}\nskills:\n  pyhton: 2\n  sql: 1\n"
    save.write_text(text, encoding="utf-8")
    result = assess(runner, "--resume", str(save), input=lines("q"))
    assert result.exit_code == 1
    # Named with its line and a suggestion, on standard error as every command warns (the
    # questions and the ranking on standard output stay the command's), in the one wording.
    warning = f'warning: {save}:3: skills.pyhton: unknown skill; did you mean "Python"? (ignored)'
    assert result.stderr.splitlines() == [warning]
    assert "pyhton" not in result.stdout
    assert f"Question 1 of {len(order)}" in result.stdout  # python is asked
    # What the person wrote stays in the file, unknown name included, as they wrote it.
    assert save.read_text(encoding="utf-8").endswith(text)
    saved = validate(read_document(save), Answers)
    assert saved.skills == {"pyhton": SkillAnswer(level=2), "sql": SkillAnswer(level=1)}
    assert saved.person.name == "Kim"


def test_resume_strict_refuses_a_file_with_an_unknown_skill(catalog, tmp_path):
    save = tmp_path / "a.yaml"
    text = "person: {name: Kim}\nskills:\n  pyhton: 2\n  sql: 1\n"
    save.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        q.Session.resume(catalog, save, strict=True)
    assert info.value.problems == [
        Problem(str(save), 3, "skills.pyhton", 'unknown skill; did you mean "Python"?')
    ]
    assert save.read_text(encoding="utf-8") == text
    session = q.Session.resume(catalog, save)
    assert session.warnings == (
        f'{save}:3: skills.pyhton: unknown skill; did you mean "Python"? (ignored)',
    )
    assert session.first_unasked() == 0  # "pyhton" does not count as python asked


def test_resume_warns_of_many_unknown_names_as_every_command_does(catalog, tmp_path):
    # The questionnaire says a resumed file's names in `name_warnings`' words and cap (the
    # first NOTICES_SHOWN, then how many more), and leaves them to standard error: none
    # among the questions.
    save = tmp_path / "a.yaml"
    names = "".join(f"  zqx{i}: 1\n" for i in range(NOTICES_SHOWN + 4))
    save.write_text(f"person: {{name: Kim}}\nskills:\n{names}  sql: 1\n", encoding="utf-8")
    session = q.Session.resume(catalog, save)
    said = [text for _code, text in name_warnings(load_answers(save, catalog))]
    assert list(session.warnings) == said and len(said) == NOTICES_SHOWN + 1
    assert said[-1].startswith(f"{save}: 4 more warnings like these about the file's names")
    asker = Script("q")
    assert not q.interview(session, asker)
    assert "zqx" not in asker.text


def test_resume_a_missing_file(runner, tty, tmp_path):
    result = assess(runner, "--resume", str(tmp_path / "nope.yaml"), input="")
    assert result.exit_code == 1
    assert "nope.yaml: file not found" in result.stderr
    assert "Traceback" not in result.output


# --- never overwrite ---------------------------------------------------------------------------


def test_existing_save_file_is_not_overwritten_without_force(runner, tty, tmp_path, order):
    save = tmp_path / "a.yaml"
    save.write_text("precious: true\n", encoding="utf-8")
    os.chmod(save, 0o644)
    result = assess(runner, "--save", str(save), input=PERSON_INPUT + lines(3))
    assert result.exit_code == 1
    assert "already exists; continue it with `careerpath assess --resume" in result.stderr
    assert "--force" in result.stderr
    assert "Question" not in result.stdout
    assert save.read_text(encoding="utf-8") == "precious: true\n"
    assert stat.S_IMODE(save.stat().st_mode) == 0o644

    forced = assess(runner, "--save", str(save), "--force", input=PERSON_INPUT + lines(3))
    assert forced.exit_code == 1  # stopped by end of input, after one answer
    assert load(save).skills == {order[0]: SkillAnswer(level=3)}


def test_answers_with_save_is_a_usage_error(runner, tty, tmp_path):
    result = assess(runner, "--answers", "x.yaml", "--save", str(tmp_path / "a.yaml"))
    assert result.exit_code == 2
    assert "--answers reads a finished file" in result.stderr


# --- the library: Session and run ------------------------------------------------------------


class Script:
    """An Asker that answers from a list; an exception in the list is raised instead."""

    def __init__(self, *answers: object) -> None:
        self.answers = list(answers)
        self.prompts: list[str] = []
        self.said: list[str] = []

    def ask(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.answers:
            raise EOFError
        item = self.answers.pop(0)
        if isinstance(item, BaseException) or (
            isinstance(item, type) and issubclass(item, BaseException)
        ):
            raise item
        if callable(item):
            return item()
        return str(item)

    def say(self, text: str = "") -> None:
        self.said.append(text)

    @property
    def text(self) -> str:
        return "\n".join(self.said)


PERSON = ("Ann", "4", "6", "8", "2027-01-04")


def test_session_record_and_forget_match_names_and_aliases(catalog, tmp_path):
    path = tmp_path / "s.yaml"
    answers = Answers(skills={"K8S": SkillAnswer(level=1), "Python": SkillAnswer(level=2)})
    session = q.Session(catalog, path, answers)
    assert session.answers.catalog_version == catalog.version
    session.record("kubernetes", 3)
    # Each answer keeps the name it was given under (the person's, in a file they wrote).
    assert session.answers.skills == {"K8S": SkillAnswer(level=3), "Python": SkillAnswer(level=2)}
    assert load(path).skills == session.answers.skills
    session.record("python", None)
    assert session.answers.skills == {"K8S": SkillAnswer(level=3), "Python": None}
    session.record("sql", 2)  # never asked: under its id
    assert list(session.answers.skills) == ["K8S", "Python", "sql"]
    session.forget("kubernetes")
    assert session.answers.skills == {"Python": None, "sql": SkillAnswer(level=2)}
    assert load(path).skills == session.answers.skills
    assert session.saves == 4


def test_session_first_unasked_counts_skips_as_asked(catalog, tmp_path):
    order = list(catalog.skills)
    session = q.Session(catalog, tmp_path / "s.yaml", Answers())
    assert session.first_unasked() == 0
    session.record(order[0], None)
    session.record(order[2], 4)
    assert session.first_unasked() == 1
    session.record(order[1], 0)
    assert session.first_unasked() == 3
    # A hand-written file names skills any way it likes: those count as asked too.
    named = Answers(skills={catalog.skills[order[0]].name.upper(): SkillAnswer(level=1)})
    assert q.Session(catalog, tmp_path / "t.yaml", named).first_unasked() == 1
    for sid in order:
        session.record(sid, 1)
    assert session.first_unasked() == len(order)


def test_session_person_done(catalog, tmp_path):
    session = q.Session(catalog, tmp_path / "s.yaml", Answers())
    assert not session.person_done()
    # Half the person questions answered (a stop in the middle): not done yet.
    session.set_person(Person(current_role=OTHER_ROLE, hours_per_week=6))
    assert not session.person_done()
    assert load(tmp_path / "s.yaml").person.current_role == OTHER_ROLE
    # The start date is the last of them.
    session.set_person(Person(current_role=OTHER_ROLE, start_date=dt.date(2027, 1, 4)))
    assert session.person_done()
    # A file that already holds skills has moved past them (or was written by hand).
    partial = q.Session(catalog, tmp_path / "t.yaml", Answers(person=Person(name="Ann")))
    partial.record(next(iter(catalog.skills)), 2)
    assert partial.person_done()


def test_session_start_refuses_an_existing_file(catalog, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("x: 1\n")
    with pytest.raises(OutputError, match="already exists"):
        q.Session.start(catalog, path)
    assert path.read_text() == "x: 1\n"
    session = q.Session.start(catalog, path, force=True)
    assert session.answers.assessed_on == dt.date.today()


def test_a_resume_command_too_long_for_the_terminal_gets_a_line_of_its_own(
    catalog, tmp_path, monkeypatch
):
    """At 80 columns "Resume with:  careerpath assess --adaptive --resume FILE" ran to 86 and
    the terminal cut the file name in two; now the command has a line of its own. To a file
    or a pipe (no columns) it stays on one line, for grep and logs."""
    path = tmp_path / "careerpath-answers-2026-12-03.yaml"
    for room, said in (
        (40, ["Resume with:", f"  careerpath assess --resume {path}"]),
        (None, [f"Resume with:  careerpath assess --resume {path}"]),
    ):
        monkeypatch.setattr(terminal, "columns", lambda stream=None, room=room: room)
        session = q.Session.start(catalog, path, force=True)
        asker = Script(*PERSON, "2", KeyboardInterrupt)
        assert q.interview(session, asker) is False
        lines = "\n".join(asker.said).splitlines()
        at = next(i for i, line in enumerate(lines) if line.startswith("Resume with:"))
        assert lines[at : at + len(said)] == said


def test_run_stops_on_keyboard_interrupt_with_answers_saved(catalog, tmp_path):
    order = list(catalog.skills)
    path = tmp_path / "s.yaml"
    session = q.Session.start(catalog, path)
    asker = Script(*PERSON, "2", "3", KeyboardInterrupt)
    assert q.interview(session, asker) is False
    assert f"Stopped (interrupted). 2 of {len(order)} questions asked so far" in asker.text
    assert f"Resume with:  careerpath assess --resume {path}" in asker.text
    assert (session.stopped, q.stop_status(session)) == ("interrupted", 130)
    assert load(path).skills == {order[0]: SkillAnswer(level=2), order[1]: SkillAnswer(level=3)}


def test_sigterm_during_a_session_stops_with_answers_saved(catalog, tmp_path):
    order = list(catalog.skills)
    path = tmp_path / "s.yaml"
    session = q.Session.start(catalog, path)
    before = signal.getsignal(signal.SIGTERM)

    def terminate() -> str:
        os.kill(os.getpid(), signal.SIGTERM)
        return "4"  # never used: the signal stops the session first

    asker = Script(*PERSON, "1", "s", terminate, "2")
    assert q.interview(session, asker) is False
    assert f"Stopped (terminated). 2 of {len(order)} questions asked so far" in asker.text
    assert f"Resume with:  careerpath assess --resume {path}" in asker.text
    assert (session.stopped, q.stop_status(session)) == ("terminated", 143)
    assert load(path).skills == {order[0]: SkillAnswer(level=1), order[1]: None}
    assert asker.answers == ["2"]
    # The handler is put back afterwards.
    assert signal.getsignal(signal.SIGTERM) == before


def test_interrupt_while_saving_still_keeps_that_answer(catalog, tmp_path, monkeypatch):
    """Ctrl-C can land while an answer is being written; the stop handler saves it anyway."""
    order = list(catalog.skills)
    path = tmp_path / "s.yaml"
    session = q.Session.start(catalog, path)
    real = q.write_atomic
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        # Five person fields, the first answer, then Ctrl-C while saving the second.
        if calls["n"] == len(PERSON) + 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(q, "write_atomic", flaky)
    asker = Script(*PERSON, "2", "3", "4")
    assert q.interview(session, asker) is False
    assert load(path).skills == {order[0]: SkillAnswer(level=2), order[1]: SkillAnswer(level=3)}
    assert f"2 of {len(order)} questions asked so far.\nAll saved in {path}." in asker.text


def test_run_never_mentions_roles_requirements(catalog, tmp_path):
    session = q.Session.start(catalog, tmp_path / "s.yaml")
    asker = Script(*PERSON, *["3"] * len(catalog.skills))
    assert q.interview(session, asker) is True
    for role in catalog.roles.values():
        for need in role.skills.values():
            assert f"importance {need.importance}" not in asker.text
        assert role.summary not in asker.text
    assert all(p.startswith(("Your", "Role", "Hours", "Start", "Change")) for p in asker.prompts)
    assert asker.prompts[-1].startswith("Change an answer?")  # the review before scoring


# --- the template: catalogue text stays inside its comments (issue 13) -----------------------

# What a skill's text can hold that would end a YAML comment (every line break YAML knows)
# or act on the terminal the template is printed on.
BREAKOUTS = {
    "newline": "first line\npython: 4\nperson: {name: Mallory}",
    "carriage-return": "first\rsql: 4",
    "crlf": "first\r\nsql: 4",
    "nel": "first\x85sql: 4",
    "line-separator": "first\u2028sql: 4",
    "paragraph-separator": "first\u2029sql: 4",
    "escape-sequences": "\x1b]0;pwned\x07\x1b[2J\x9b31m",
    "bidi": "\u202eredro\u202c \u2066isolated\u2069",
}


@pytest.mark.parametrize("text", BREAKOUTS.values(), ids=BREAKOUTS.keys())
def test_template_comments_hold_any_catalogue_text(runner, tmp_path, data_copy, text):
    """A description with newlines passed `validate` and put uncommented YAML lines into the
    template: `python: 4` answered for the mentee, or a second `person:` broke the file."""
    import yaml

    from careerpath.catalog import load_catalog

    path = data_copy / "skills" / "01-programming.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["category"]["name"] = f"Program{text}ming"
    python = next(s for s in doc["skills"] if s["id"] == "python")
    python["name"] = f"Py{text}thon"
    python["description"] = f"Descr {text} iption"
    python["levels"][2] = f"Level {text} two"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    catalog_doc = data_copy / "catalog.yaml"
    info = yaml.safe_load(catalog_doc.read_text(encoding="utf-8"))
    info["name"] = f"Cata{text}logue"
    catalog_doc.write_text(yaml.safe_dump(info, allow_unicode=True), encoding="utf-8")
    assert runner.invoke(cli, ["--data-dir", str(data_copy), "validate"]).exit_code == 0

    out = tmp_path / "blank.yaml"
    base = ["--data-dir", str(data_copy), "questionnaire", "template"]
    result = runner.invoke(cli, [*base, "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = out.read_text(encoding="utf-8")
    # Every line is a comment, blank, or one the template itself writes.
    catalog = load_catalog(data_copy)
    own = {f"  {s}:" for s in catalog.skills} | {"skills:", "person:", "schema_version: 1"}
    for line in written.split("\n"):
        stripped = line.lstrip()
        assert (
            not stripped
            or stripped.startswith("#")
            or line in own
            or re.match(r"(catalog_version|assessed_on|  \w+):", line)
        ), line
        assert not re.search(
            r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]", line
        )
    # And it reads back as a blank answers file: nothing answered, no one named.
    profile = load_answers(out, catalog)
    assert profile.levels == {} and profile.person == Person()
    assert set(profile.answers.skills) == set(catalog.skills)
    assert profile.answers.catalog_version == catalog.version
    # Standard output gets the same text.
    assert runner.invoke(cli, base).stdout == written


def test_a_multi_line_description_is_commented_line_by_line(runner, tmp_path, data_copy):
    import yaml

    path = data_copy / "skills" / "01-programming.yaml"
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    python = next(s for s in doc["skills"] if s["id"] == "python")
    python["description"] = "Line one.\nLine two.\n\nLine four."
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    text = runner.invoke(cli, ["--data-dir", str(data_copy), "questionnaire", "template"]).stdout
    lines = text.split("\n")
    at = lines.index("  # Python: Line one.")
    assert lines[at + 1 : at + 4] == ["  #   Line two.", "  #   ", "  #   Line four."]


def test_a_catalogue_version_of_any_text_reads_back_equal(runner, tmp_path, data_copy):
    """The template's catalog_version is a YAML string PyYAML reads back as written, emoji,
    quotes and line separators included (JSON's surrogate pairs did not read back)."""
    import yaml

    path = data_copy / "catalog.yaml"
    info = yaml.safe_load(path.read_text(encoding="utf-8"))
    info["version"] = 'v2 🚀 "quoted" \\ back\u2028slash'
    path.write_text(yaml.safe_dump(info, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "blank.yaml"
    result = runner.invoke(
        cli, ["--data-dir", str(data_copy), "questionnaire", "template", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    from careerpath.catalog import load_catalog

    catalog = load_catalog(data_copy)
    assert load_answers(out, catalog).answers.catalog_version == catalog.version


def test_the_durations_are_the_same_in_every_language(runner, catalog, order):
    """pt-BR once said 55 to 90 minutes at the start of the questionnaire and 45-80 in
    --help: the estimate counts the English words in every language."""
    english = q.duration(catalog)
    portuguese = catalog.in_language("pt-BR")
    assert q.duration(portuguese) == english
    assert q.minutes_left(portuguese, order[5:]) == q.minutes_left(catalog, order[5:])
    i18n.use("pt-BR")
    try:
        text = q.duration(portuguese).text()
    finally:
        i18n.use("en")
    assert f"{english.low} a {english.high} minutos" in text
    top = runner.invoke(cli, ["--help"], env={"CAREERPATH_LANG": "pt-BR"}).output
    assert f"{english.low}-{english.high} min" in top
    assert f"{english.adaptive_low}-{english.adaptive_high} min" in top
    assert f"{english.adaptive_low} a {english.adaptive_high} minutos" in text
