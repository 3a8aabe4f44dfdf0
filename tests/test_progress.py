"""`careerpath progress`: recording plan-step status in the answers file, touching nothing
else in it, and the plan that follows (steps done, progress per phase and overall, the rest
re-scheduled from today)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import stat
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

from careerpath.answers import load_answers
from careerpath.cli import cli
from careerpath.progress import record_progress

SOURCE = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
FIRST, SECOND, THIRD = "math-for-ml-refresher", "pandas-numpy-for-ml", "supervised-vs-unsupervised"
DAY = "2026-11-20"


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    """A private copy of an example that opens with a comment block and has comments inside."""
    path = tmp_path / "daniel.yaml"
    path.write_bytes(SOURCE.read_bytes())
    return path


def mark(runner, path: Path, step: str, flag: str, *extra: str):
    return runner.invoke(cli, ["progress", "--answers", str(path), step, flag, *extra])


def plan_of(runner, path: Path, *extra: str) -> dict:
    result = runner.invoke(cli, ["plan", "--answers", str(path), "--json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def steps_of(plan: dict) -> dict[str, dict]:
    return {s["id"]: s for phase in plan["phases"] for s in phase["steps"]}


def phase_of(plan: dict, phase_id: str) -> dict:
    return next(p for p in plan["phases"] if p["id"] == phase_id)


# --- the file ------------------------------------------------------------------------------


def test_the_example_has_comments_and_no_progress_block():
    text = SOURCE.read_text()
    assert text.startswith("# Daniel Okafor") and "\n  # Programming\n" in text
    assert "progress:" not in text


def test_done_adds_a_block_and_keeps_every_other_byte(runner, answers, catalog):
    before = answers.read_bytes()
    result = mark(runner, answers, FIRST, "--done", "--date", DAY)
    assert result.exit_code == 0, result.output
    assert f"{FIRST}: done" in result.stdout
    after = answers.read_bytes()
    assert after[: len(before)] == before  # comments and every line above untouched
    assert after[len(before) :] == f"progress:\n  {FIRST}: {{status: done, date: {DAY}}}\n".encode()
    assert load_answers(answers, catalog).answers.progress[FIRST].status == "done"


def test_a_second_step_is_added_to_the_block_and_a_repeat_replaces_its_entry(runner, answers):
    before = answers.read_text()
    assert mark(runner, answers, FIRST, "--learning", "--date", "2026-11-01").exit_code == 0
    assert mark(runner, answers, SECOND, "--skipped", "--date", "2026-11-02").exit_code == 0
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    text = answers.read_text()
    assert text == before + (
        "progress:\n"
        f"  {FIRST}: {{status: done, date: {DAY}}}\n"
        f"  {SECOND}: {{status: skipped, date: 2026-11-02}}\n"
    )
    assert text.count(FIRST) == 1


def test_without_date_the_entry_is_dated_today(runner, answers, catalog):
    assert mark(runner, answers, FIRST, "--learning").exit_code == 0
    progress = load_answers(answers, catalog).answers.progress
    assert progress[FIRST].date == dt.date.today()


def test_todo_is_recorded_too(runner, answers, catalog):
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    assert mark(runner, answers, FIRST, "--todo", "--date", DAY).exit_code == 0
    assert load_answers(answers, catalog).answers.progress[FIRST].status == "todo"


MIDDLE = """\
# header comment
schema_version: 1
person:
  name: Daniel Okafor   # keep me
  target_role: ml-engineer
progress:   # what I have done so far
  # one line a step
  {first}: {{status: learning, date: 2026-10-01}}

  {second}:
    status: todo
    date: 2026-10-02

# the skills
skills:
"""


def _middle(tmp_path: Path) -> Path:
    skills = SOURCE.read_text().split("skills:\n", 1)[1]
    path = tmp_path / "middle.yaml"
    path.write_text(MIDDLE.format(first=FIRST, second=SECOND) + skills)
    return path


def test_a_block_in_the_middle_changes_only_its_entries(runner, tmp_path):
    path = _middle(tmp_path)
    before = path.read_text().splitlines(keepends=True)
    assert mark(runner, path, FIRST, "--done", "--date", DAY).exit_code == 0
    # The multi-line entry is replaced by one line; the blank line before it stays.
    assert mark(runner, path, SECOND, "--skipped", "--date", DAY).exit_code == 0
    assert mark(runner, path, THIRD, "--learning", "--date", DAY).exit_code == 0
    after = path.read_text().splitlines(keepends=True)
    top = before.index("progress:   # what I have done so far\n")
    expected = [
        *before[: top + 2],
        f"  {FIRST}: {{status: done, date: {DAY}}}\n",
        "\n",
        f"  {SECOND}: {{status: skipped, date: {DAY}}}\n",
        f"  {THIRD}: {{status: learning, date: {DAY}}}\n",
        *before[top + 7 :],
    ]
    assert after == expected
    assert before[top + 7 :] == ["\n", "# the skills\n", "skills:\n", *before[top + 10 :]]


def test_repeated_updates_do_not_grow_the_file(runner, tmp_path):
    path = _middle(tmp_path)
    assert mark(runner, path, FIRST, "--done", "--date", DAY).exit_code == 0
    once = path.read_bytes()
    for _ in range(3):
        assert mark(runner, path, FIRST, "--done", "--date", DAY).exit_code == 0
    assert path.read_bytes() == once


def test_an_empty_flow_block_becomes_a_block_and_keeps_its_comment(runner, answers):
    text = answers.read_text().replace("skills:\n", "progress: {}  # none yet\nskills:\n", 1)
    answers.write_text(text)
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    assert answers.read_text() == text.replace(
        "progress: {}  # none yet\n",
        f"progress:  # none yet\n  {FIRST}: {{status: done, date: {DAY}}}\n",
    )


def test_windows_line_endings_are_kept(runner, answers):
    answers.write_bytes(SOURCE.read_bytes().replace(b"\n", b"\r\n"))
    before = answers.read_bytes()
    assert mark(runner, answers, FIRST, "--learning", "--date", DAY).exit_code == 0
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    after = answers.read_bytes()
    assert after == before + f"progress:\r\n  {FIRST}: {{status: done, date: {DAY}}}\r\n".encode()


def test_byte_order_mark_and_permissions_are_kept(runner, answers):
    answers.write_bytes(b"\xef\xbb\xbf" + SOURCE.read_bytes())
    answers.chmod(0o640)
    before = answers.read_bytes()
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    assert answers.read_bytes().startswith(before)
    assert stat.S_IMODE(answers.stat().st_mode) == 0o640


def test_a_read_only_file_is_refused_and_left_as_it_is(runner, answers):
    """Its owner said "do not change me"; as root, or by renaming over it, we could."""
    answers.chmod(0o444)
    before = answers.read_bytes()
    result = mark(runner, answers, FIRST, "--done", "--date", DAY)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{answers}: is read-only; make it writable first" in result.stderr
    assert answers.read_bytes() == before and stat.S_IMODE(answers.stat().st_mode) == 0o444


def test_the_write_is_atomic_and_leaves_no_temporary_file(runner, answers):
    inode = answers.stat().st_ino
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    assert sorted(p.name for p in answers.parent.iterdir()) == [answers.name]
    assert answers.stat().st_ino != inode  # replaced by rename, not rewritten in place


def test_a_symlink_is_followed_and_kept(runner, answers):
    link = answers.parent / "link.yaml"
    link.symlink_to(answers)
    assert mark(runner, link, FIRST, "--done", "--date", DAY).exit_code == 0
    assert link.is_symlink()
    assert FIRST in answers.read_text()


def test_json_files_are_rewritten_with_the_same_keys_in_the_same_order(runner, tmp_path):
    data = yaml.safe_load(SOURCE.read_text())
    path = tmp_path / "daniel.json"
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")
    assert mark(runner, path, FIRST, "--learning", "--date", "2026-11-01").exit_code == 0
    assert mark(runner, path, SECOND, "--done", "--date", DAY).exit_code == 0
    assert mark(runner, path, FIRST, "--done", "--date", DAY).exit_code == 0
    written = json.loads(path.read_text())
    assert list(written) == [*json.loads(json.dumps(data, default=str)), "progress"]
    assert {k: v for k, v in written.items() if k != "progress"} == json.loads(
        json.dumps(data, default=str)
    )
    assert written["progress"] == {
        FIRST: {"status": "done", "date": DAY},
        SECOND: {"status": "done", "date": DAY},
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["daniel.json"]


def test_an_unknown_step_is_refused_with_a_suggestion_and_the_file_untouched(runner, answers):
    before = answers.read_bytes()
    result = mark(runner, answers, "math-for-ml-refresh", "--done")
    assert result.exit_code == 1
    assert 'did you mean "math-for-ml-refresher"' in result.stderr
    assert answers.read_bytes() == before
    assert sorted(p.name for p in answers.parent.iterdir()) == [answers.name]


def test_a_status_flag_is_required(runner, answers):
    result = runner.invoke(cli, ["progress", "--answers", str(answers), FIRST])
    assert result.exit_code == 2
    assert "--done" in result.stderr


def test_library_call_returns_the_path_and_uses_the_given_date(answers, catalog):
    written = record_progress(answers, catalog, FIRST, "skipped", when=dt.date(2026, 1, 2))
    assert written == answers.resolve()
    record = load_answers(answers, catalog).answers.progress[FIRST]
    assert (record.status, record.date) == ("skipped", dt.date(2026, 1, 2))


# --- the plan afterwards -------------------------------------------------------------------


def test_the_plan_shows_steps_done_per_phase_and_overall(runner, answers):
    base = plan_of(runner, answers)
    assert base["progress"] == 0
    base_steps = steps_of(base)
    assert base_steps[FIRST]["status"] != "done"
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    assert mark(runner, answers, SECOND, "--skipped", "--date", DAY).exit_code == 0
    assert mark(runner, answers, THIRD, "--learning", "--date", DAY).exit_code == 0
    plan = plan_of(runner, answers)
    steps = steps_of(plan)
    assert steps[FIRST]["status"] == "done" and steps[SECOND]["status"] == "skipped"
    assert steps[THIRD]["status"] == "learning"
    for sid in (FIRST, SECOND):
        assert steps[sid]["hours_low"] == steps[sid]["hours_high"] == 0
        assert steps[sid]["start_date"] is None
    # A step being learnt still has all its hours ahead.
    assert steps[THIRD]["hours_low"] == base_steps[THIRD]["hours_low"]
    fundamentals = phase_of(plan, "ml-fundamentals")
    assert fundamentals["steps_done"] == phase_of(base, "ml-fundamentals")["steps_done"] + 2
    assert fundamentals["steps_total"] == 6
    for other in plan["phases"]:
        if other["id"] != "ml-fundamentals":
            assert other["steps_done"] == phase_of(base, other["id"])["steps_done"]
    # Overall: the done step at its full length over that plus the (midpoint) hours left in
    # the steps neither done nor skipped; the skipped one counts on neither side.
    mid = {sid: (s["hours_low"] + s["hours_high"]) / 2 for sid, s in base_steps.items()}
    full = (steps[FIRST]["full_hours_low"] + steps[FIRST]["full_hours_high"]) / 2
    left = sum(m for sid, m in mid.items() if sid not in (FIRST, SECOND))
    assert plan["progress"] > 0
    assert plan["progress"] == pytest.approx(full / (full + left), abs=1e-4)
    assert plan["total_hours_low"] == pytest.approx(
        base["total_hours_low"] - base_steps[FIRST]["hours_low"] - base_steps[SECOND]["hours_low"]
    )


def test_marking_a_step_todo_again_undoes_its_progress(runner, answers):
    base = plan_of(runner, answers)
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    assert mark(runner, answers, FIRST, "--todo", "--date", DAY).exit_code == 0
    plan = plan_of(runner, answers)
    assert plan["progress"] == 0
    assert steps_of(plan)[FIRST]["status"] == steps_of(base)[FIRST]["status"]


def _first_remaining(plan: dict) -> dict:
    return next(s for s in steps_of(plan).values() if s["start_date"])


def test_remaining_steps_are_rescheduled_from_today_when_the_start_has_passed(runner, answers):
    today = dt.date.today()
    past = "2026-01-05"
    base = plan_of(runner, answers, "--start", past)
    assert _first_remaining(base)["id"] == FIRST
    assert _first_remaining(base)["start_date"] == past
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    plan = plan_of(runner, answers, "--start", past)
    first = _first_remaining(plan)
    assert first["id"] == SECOND
    assert plan["start_date"] == first["start_date"] == today.isoformat()
    assert first["start_week"] == 0
    # The rest follows on, back to back, from there.
    dated = [s for s in steps_of(plan).values() if s["start_week"] is not None]
    for a, b in itertools.pairwise(dated):
        assert b["start_week"] == a["end_week"]
    assert plan["end_date_high"] == (today + dt.timedelta(weeks=plan["weeks_high"])).isoformat()


def test_a_start_date_still_ahead_is_kept(runner, answers):
    # The file says start_date: 2027-01-04; the plan starts on max(that, today).
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    plan = plan_of(runner, answers)
    expected = max(dt.date(2027, 1, 4), dt.date.today()).isoformat()
    assert plan["start_date"] == _first_remaining(plan)["start_date"] == expected


def test_the_report_shows_progress(runner, answers, tmp_path):
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    out = tmp_path / "plan.html"
    result = runner.invoke(cli, ["plan", "--answers", str(answers), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "Progress so far:" in html
    assert "1/6 done, skipped or covered" in html


def test_the_phase_counts_say_they_count_skipped_and_covered_steps(runner, answers, tmp_path):
    # The count adds done, skipped and already-covered steps: each view's label says so, not
    # "Steps done" (4/5 for a phase with 2 done).
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    assert mark(runner, answers, SECOND, "--skipped", "--date", DAY).exit_code == 0
    plan = plan_of(runner, answers)
    phase = phase_of(plan, "ml-fundamentals")
    statuses = [s["status"] for s in phase["steps"]]
    counted = sum(s in ("done", "skipped", "covered") for s in statuses)
    assert statuses.count("done") == 1 and statuses.count("skipped") == 1
    assert phase["steps_done"] == counted
    count = f"{counted}/{phase['steps_total']}"
    result = runner.invoke(cli, ["plan", "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert f"{count} steps done, skipped or covered)" in text
    assert "steps done or covered" not in text
    out = tmp_path / "report.html"
    result = runner.invoke(cli, ["report", "--answers", str(answers), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert '<th class="num" scope="col">Steps</th>' in html
    assert "how many are done, skipped or covered (already known)." in html
    assert f'<td class="num">{count}</td>' in html
    assert f"{count} done, skipped or covered" in html
    assert ">Steps done<" not in html and f"{count} done or covered" not in html


# --- layouts the parser knows and a line scan did not (issue 13) -----------------------------


def _json_in_yaml(tmp_path: Path, progress: dict | None = None, indent: int | None = 2) -> Path:
    data = json.loads(json.dumps(yaml.safe_load(SOURCE.read_text()), default=str))
    if progress is not None:
        data["progress"] = progress
    path = tmp_path / "daniel.yaml"
    path.write_text(json.dumps(data, indent=indent) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("indent", [2, None], ids=["indented", "one-line"])
@pytest.mark.parametrize("progress", [None, {FIRST: {"status": "todo"}}], ids=["new", "existing"])
def test_json_written_as_yaml_stays_json(runner, tmp_path, indent, progress):
    path = _json_in_yaml(tmp_path, progress, indent)
    before = json.loads(path.read_text())
    result = mark(runner, path, FIRST, "--done", "--date", DAY)
    assert result.exit_code == 0, result.stderr
    assert mark(runner, path, SECOND, "--learning", "--date", DAY).exit_code == 0
    after = json.loads(path.read_text())  # still JSON, not YAML appended to JSON
    assert list(after) == [*[k for k in before if k != "progress"], "progress"]
    assert after["progress"] == {
        FIRST: {"status": "done", "date": DAY},
        SECOND: {"status": "learning", "date": DAY},
    }
    assert {k: v for k, v in after.items() if k != "progress"} == {
        k: v for k, v in before.items() if k != "progress"
    }


@pytest.mark.parametrize("quote", ['"', "'"])
def test_quoted_keys_are_found_not_duplicated(runner, answers, quote):
    q = quote
    answers.write_text(
        answers.read_text() + f"{q}progress{q}:\n  {q}{FIRST}{q}: {{status: todo}}\n",
        encoding="utf-8",
    )
    result = mark(runner, answers, FIRST, "--done", "--date", DAY)
    assert result.exit_code == 0, result.stderr
    assert mark(runner, answers, SECOND, "--done", "--date", DAY).exit_code == 0
    assert answers.read_text().endswith(
        f"{q}progress{q}:\n  {FIRST}: {{status: done, date: {DAY}}}\n"
        f"  {SECOND}: {{status: done, date: {DAY}}}\n"
    )


def test_a_multi_line_flow_block_is_updated_in_place(runner, answers):
    block = (
        f"progress: {{{FIRST}: {{status: todo,\n"
        f"             date: 2026-10-01}},\n"
        f"  {SECOND}: {{status: todo}}}}  # kept\n"
    )
    text = answers.read_text().replace("skills:\n", block + "skills:\n", 1)
    answers.write_text(text, encoding="utf-8")
    assert mark(runner, answers, FIRST, "--done", "--date", DAY).exit_code == 0
    result = mark(runner, answers, THIRD, "--learning", "--date", DAY)
    assert result.exit_code == 0, result.stderr
    assert answers.read_text() == text.replace(
        block,
        f"progress: {{{FIRST}: {{status: done, date: {DAY}}},\n"
        f"  {SECOND}: {{status: todo}},\n"
        f"  {THIRD}: {{status: learning, date: {DAY}}}}}  # kept\n",
    )


def test_multi_line_entries_and_values_around_the_block_are_kept(runner, answers):
    # A folded name before the block and an entry over four lines with a comment inside:
    # each is where the parser says, not where a line scan guesses.
    text = answers.read_text().replace(
        "  name: Daniel Okafor\n", "  name: >-\n    Daniel\n    Okafor\n", 1
    ) + (
        f"progress:\n  {FIRST}:\n    status: todo\n    # why\n    date: 2026-10-01\n"
        f"  {SECOND}: {{status: todo}}\n"
        "# the end\n"
    )
    answers.write_text(text, encoding="utf-8")
    assert mark(runner, answers, FIRST, "--skipped", "--date", DAY).exit_code == 0
    assert mark(runner, answers, THIRD, "--done", "--date", DAY).exit_code == 0
    assert answers.read_text().endswith(
        f"progress:\n  {FIRST}: {{status: skipped, date: {DAY}}}\n"
        f"  {SECOND}: {{status: todo}}\n"
        f"  {THIRD}: {{status: done, date: {DAY}}}\n"
        "# the end\n"
    )
    assert "  name: >-\n    Daniel\n    Okafor\n" in answers.read_text()


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        # A flow value continued at column 0 (YAML allows it inside braces).
        (
            f"progress:\n  {FIRST}: {{status: todo,\ndate: 2026-01-01}}\n"
            f"  {SECOND}: {{status: todo}}\n",
            f"progress:\n  {FIRST}: {{status: done, date: {DAY}}}\n"
            f"  {SECOND}: {{status: done, date: {DAY}}}\n",
        ),
        # A comment at column 0 does not end the block.
        (
            f"progress:\n  {FIRST}: {{status: todo}}\n# note\n  {SECOND}: {{status: todo}}\n",
            f"progress:\n  {FIRST}: {{status: done, date: {DAY}}}\n# note\n"
            f"  {SECOND}: {{status: done, date: {DAY}}}\n",
        ),
    ],
    ids=["value-at-column-0", "comment-at-column-0"],
)
def test_the_block_is_where_the_parser_says_not_where_indentation_suggests(
    runner, answers, block, expected
):
    answers.write_text(answers.read_text() + block, encoding="utf-8")
    for step in (SECOND, FIRST):
        result = mark(runner, answers, step, "--done", "--date", DAY)
        assert result.exit_code == 0, result.stderr
    assert answers.read_text().endswith(expected)
    assert yaml.safe_load(answers.read_text())["progress"] == {
        FIRST: {"status": "done", "date": dt.date.fromisoformat(DAY)},
        SECOND: {"status": "done", "date": dt.date.fromisoformat(DAY)},
    }


@pytest.mark.parametrize("block", ["", f"progress:\n  {FIRST}: {{status: todo}}\n"])
def test_a_document_end_marker_stays_last(runner, answers, block):
    text = answers.read_text() + block + "...\n# after the document\n"
    answers.write_text(text, encoding="utf-8")
    result = mark(runner, answers, FIRST, "--done", "--date", DAY)
    assert result.exit_code == 0, result.stderr
    entry = f"  {FIRST}: {{status: done, date: {DAY}}}\n"
    assert answers.read_text().endswith(f"progress:\n{entry}...\n# after the document\n")


def test_a_change_that_would_break_the_file_names_the_file_not_a_line_it_lacks(
    runner, answers, monkeypatch
):
    # Should an edit ever go wrong, the read-back's problems point at lines of text the
    # person never saw: the message names the file and what to do instead.
    from careerpath import progress

    monkeypatch.setattr(progress, "_update_yaml", lambda text, *args: text + "progress: [\n")
    before = answers.read_bytes()
    result = mark(runner, answers, FIRST, "--done", "--date", DAY)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {answers}: cannot record {FIRST} here")
    lines = len(before.splitlines())
    assert f"{answers}:{lines + 1}" not in result.stderr
    assert f"add `{FIRST}: {{status: done, date: {DAY}}}`" in result.stderr
    assert answers.read_bytes() == before


def test_a_progress_problem_names_the_file_and_its_line(runner, tmp_path):
    path = _json_in_yaml(tmp_path, {FIRST: {"status": "finished"}})
    line = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "finished" in t)
    result = mark(runner, path, FIRST, "--done")
    assert result.exit_code == 1
    assert f"{path}:{line}: progress.{FIRST}.status" in result.stderr
