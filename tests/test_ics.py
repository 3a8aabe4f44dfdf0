"""The plan as a calendar (issue 14): `careerpath plan --ics FILE`, parsed back with the
icalendar library: every scheduled step is one all-day event with the step's dates, and its
description says what the step teaches and lists its resources."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from careerpath.answers import load_answers
from careerpath.cli import cli
from careerpath.ics import plan_calendar
from careerpath.planner import build_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "answers" / "data-engineer-to-ml.yaml"
ANALYST = ROOT / "examples" / "answers" / "data-analyst.yaml"
START = "2027-01-04"


def parse(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def events(cal: Calendar) -> dict[str, object]:
    """Event by step id (the UID starts with it)."""
    return {str(e["UID"]).split(".", 1)[0]: e for e in cal.walk("VEVENT")}


def plan_of(runner, *args) -> dict:
    result = runner.invoke(cli, ["plan", *args, "--json"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ["--answers", str(EXAMPLE), "--start", START],  # curated roadmap, some steps covered
        ["--answers", str(ANALYST), "--target", "ml-engineer", "--start", START],  # generated
    ],
    ids=["curated", "generated"],
)
def test_every_scheduled_step_is_an_event_with_its_dates_and_description(runner, tmp_path, args):
    out = tmp_path / "plan.ics"
    result = runner.invoke(cli, ["plan", *args, "--ics", str(out)])
    assert result.exit_code == 0, result.stderr
    assert f"Calendar written to {out.resolve()}" in result.stdout
    plan = plan_of(runner, *args)
    cal = parse(out)
    assert str(cal["VERSION"]) == "2.0" and "careerpath" in str(cal["PRODID"])
    found = events(cal)
    steps = [s for p in plan["phases"] for s in p["steps"]]
    scheduled = [s for s in steps if s["start_date"]]
    assert scheduled and len(found) == len(scheduled) == len(list(cal.walk("VEVENT")))
    for step in steps:
        if not step["start_date"]:
            assert step["id"] not in found, step["id"]  # covered: nothing to schedule
            continue
        event = found[step["id"]]
        start = event.decoded("DTSTART")
        end = event.decoded("DTEND")
        # All-day events (dates, not times); the end is the day after the last day.
        assert type(start) is dt.date and type(end) is dt.date
        assert start == dt.date.fromisoformat(step["start_date"])
        assert end == dt.date.fromisoformat(step["end_date"]) + dt.timedelta(days=1)
        assert str(event["SUMMARY"]) == step["title"]
        text = str(event["DESCRIPTION"])
        for k in step["skills"]:
            assert k["name"] in text, (step["id"], k["name"])
        # A project applies its skills and teaches none.
        assert ("Uses: " if step["project"] else "Teaches: ") in text, step["id"]
        for r in step["resources"]:
            assert r["title"] in text and (r.get("url") or "") in text, step["id"]
        for p in step["projects"]:
            assert p["title"] in text
        assert event.decoded("DTSTAMP").tzinfo is not None
    # Events follow one another, none overlapping (DTEND is exclusive).
    ordered = sorted(found.values(), key=lambda e: e.decoded("DTSTART"))
    for before, after in itertools.pairwise(ordered):
        assert before.decoded("DTEND") <= after.decoded("DTSTART")


def test_generated_steps_list_their_resources_in_the_calendar(runner, tmp_path):
    out = tmp_path / "plan.ics"
    args = ["--answers", str(ANALYST), "--target", "ml-engineer", "--start", START]
    assert runner.invoke(cli, ["plan", *args, "--ics", str(out)]).exit_code == 0
    docker = events(parse(out))["learn-docker"]
    text = str(docker["DESCRIPTION"])
    assert "Resources:" in text and "https://" in text


def test_uids_are_unique_and_stable_across_runs(catalog):
    example = load_answers(EXAMPLE, catalog)
    one = build_plan(example, catalog, "ml-engineer", start=dt.date(2027, 1, 4))
    two = build_plan(example, catalog, "ml-engineer", start=dt.date(2027, 3, 1))
    stamp = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    uids_one = [
        str(e["UID"]) for e in Calendar.from_ical(plan_calendar(one, stamp=stamp)).walk("VEVENT")
    ]
    uids_two = [
        str(e["UID"]) for e in Calendar.from_ical(plan_calendar(two, stamp=stamp)).walk("VEVENT")
    ]
    assert len(set(uids_one)) == len(uids_one)
    # A re-planned calendar updates the same events when imported again.
    assert uids_one == uids_two
    other = [
        str(e["UID"])
        for e in Calendar.from_ical(plan_calendar(one, who="Someone Else", stamp=stamp)).walk(
            "VEVENT"
        )
    ]
    assert not set(other) & set(uids_one)


def test_source_date_epoch_fixes_the_stamp(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01T00:00:00Z
    out = tmp_path / "plan.ics"
    assert runner.invoke(cli, ["plan", "--answers", str(EXAMPLE), "--ics", str(out)]).exit_code == 0
    for event in parse(out).walk("VEVENT"):
        assert event.decoded("DTSTAMP") == dt.datetime(2027, 1, 1, tzinfo=dt.UTC)


def test_an_existing_file_is_kept_without_force(runner, tmp_path):
    out = tmp_path / "plan.ics"
    out.write_text("mine", encoding="utf-8")
    result = runner.invoke(cli, ["plan", "--answers", str(EXAMPLE), "--ics", str(out)])
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert f"{out}: already exists; use --force to overwrite it" in result.stderr
    assert result.stdout == ""  # refused before the plan is shown
    assert out.read_text(encoding="utf-8") == "mine"
    forced = runner.invoke(cli, ["plan", "--answers", str(EXAMPLE), "--ics", str(out), "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert list(parse(out).walk("VEVENT"))
    assert (out.stat().st_mode & 0o777) == 0o600  # a plan is personal


def test_the_answers_file_is_refused_as_the_calendar_even_with_force(runner, tmp_path):
    answers = tmp_path / "mine.yaml"
    answers.write_bytes(EXAMPLE.read_bytes())
    before = answers.read_bytes()
    link = tmp_path / "link.ics"
    os.symlink(answers, link)
    for target in (answers, link):
        result = runner.invoke(
            cli, ["plan", "--answers", str(answers), "--ics", str(target), "--force"]
        )
        assert result.exit_code != 0, target
        assert "is an input of this command" in result.stderr
    assert answers.read_bytes() == before


def test_the_report_and_the_calendar_cannot_share_a_file(runner, tmp_path):
    out = tmp_path / "plan.html"
    result = runner.invoke(
        cli, ["plan", "--answers", str(EXAMPLE), "-o", str(out), "--ics", str(out)]
    )
    assert result.exit_code == 2
    assert "-o and --ics name the same file" in result.stderr
    assert not out.exists()


def test_ics_with_json_keeps_stdout_json(runner, tmp_path):
    out = tmp_path / "plan.ics"
    result = runner.invoke(
        cli, ["plan", "--answers", str(EXAMPLE), "--start", START, "--json", "--ics", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert "Calendar written to" in result.stderr
    scheduled = [s for p in data["phases"] for s in p["steps"] if s["start_date"]]
    assert len(list(parse(out).walk("VEVENT"))) == len(scheduled)


def test_ics_with_a_report_writes_both(runner, tmp_path):
    html, ics = tmp_path / "plan.html", tmp_path / "plan.ics"
    result = runner.invoke(
        cli,
        ["plan", "--answers", str(EXAMPLE), "--start", START, "-o", str(html), "--ics", str(ics)],
    )
    assert result.exit_code == 0, result.stderr
    assert html.exists()
    first = events(parse(ics))
    assert first
    page = html.read_text(encoding="utf-8")
    for event in first.values():
        assert html_lib.escape(str(event["SUMMARY"]), quote=False) in page


_CHILD = """
import sys
from click.testing import CliRunner
from careerpath.cli import cli
args = sys.argv[1:]
result = CliRunner().invoke(cli, args)
assert result.exit_code == 0, result.output
print("icalendar" in sys.modules)
"""


def test_icalendar_is_imported_only_for_ics(tmp_path):
    def imports(*args: str) -> bool:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip() == "True"

    assert not imports("plan", "--answers", str(EXAMPLE))
    assert imports("plan", "--answers", str(EXAMPLE), "--ics", str(tmp_path / "p.ics"))
