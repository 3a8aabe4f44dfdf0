"""Golden outputs of `careerpath assess` and `careerpath plan` for one example answers file,
text and JSON, compared byte for byte with the files in tests/golden/.

Regenerate them only deliberately, when a change to the output is intended (catalogue data,
formatting, tool version):

    CAREERPATH_REGEN_GOLDEN=1 python -m pytest tests/test_golden.py
    git diff tests/golden/          # review every changed line before committing

Without CAREERPATH_REGEN_GOLDEN=1 these tests never write to tests/golden/.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import types
from pathlib import Path

import pytest

from careerpath import planner
from careerpath.cli import cli

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
ANSWERS = "examples/answers/data-engineer-to-ml.yaml"  # relative, as a user types it
REGEN = os.environ.get("CAREERPATH_REGEN_GOLDEN") == "1"

CASES = {
    "assess_data-engineer-to-ml.txt": ["assess", "--answers", ANSWERS, "--target", "ml-engineer"],
    "assess_data-engineer-to-ml.json": [
        "assess",
        "--answers",
        ANSWERS,
        "--target",
        "ml-engineer",
        "--json",
    ],
    "plan_data-engineer-to-ml.txt": ["plan", "--answers", ANSWERS, "--start", "2027-01-04"],
    "plan_data-engineer-to-ml.json": [
        "plan",
        "--answers",
        ANSWERS,
        "--start",
        "2027-01-04",
        "--json",
    ],
}

# The same four in Brazilian Portuguese (issue 18): catalogue texts, sentences, dates and
# numbers in pt-BR; the English ones above never change with a translation.
CASES |= {
    name.replace(".txt", ".pt-BR.txt").replace(".json", ".pt-BR.json"): [*args, "--lang", "pt-BR"]
    for name, args in CASES.items()
}

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _run(runner, args: list[str], monkeypatch, stderr: str = "") -> str:
    monkeypatch.chdir(ROOT)
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == stderr
    return result.stdout


def _pretend_today_is(monkeypatch, day: dt.date) -> None:
    """The planner's `today` (its only clock) moved to ``day``."""

    class FakeDate(dt.date):
        @classmethod
        def today(cls):
            return day

    monkeypatch.setattr(planner, "dt", types.SimpleNamespace(date=FakeDate, timedelta=dt.timedelta))


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden_output(runner, monkeypatch, name):
    path = GOLDEN / name
    output = _run(runner, CASES[name], monkeypatch)
    if REGEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(output, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} missing: run with CAREERPATH_REGEN_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert output == expected, (
        f"{name} differs from the golden file; if the change is intended, regenerate with "
        "CAREERPATH_REGEN_GOLDEN=1 and review `git diff tests/golden`"
    )


@pytest.mark.parametrize("name", sorted(n for n in CASES if n.startswith("plan_")))
def test_golden_plan_does_not_depend_on_today(runner, monkeypatch, name):
    _pretend_today_is(monkeypatch, dt.date(2031, 7, 9))
    # By then --start 2027-01-04 is past: said on stderr only, the plan is the same.
    past = (
        "aviso: --start 04/01/2027 é anterior a 09/07/2031: as primeiras datas do plano já passaram"
        if "pt-BR" in name
        else "warning: --start 2027-01-04 is before 2031-07-09: the plan's first dates are "
        "already past"
    )
    output = _run(runner, CASES[name], monkeypatch, stderr=past + "\n")
    assert output == (GOLDEN / name).read_text(encoding="utf-8")


def test_golden_json_holds_nothing_time_dependent():
    today = dt.date.today().isoformat()
    assessment = (GOLDEN / "assess_data-engineer-to-ml.json").read_text(encoding="utf-8")
    plan = (GOLDEN / "plan_data-engineer-to-ml.json").read_text(encoding="utf-8")
    for text in (assessment, plan):
        assert not TIMESTAMP.search(text)
        assert today not in text
    # The assessment has no dates at all; every date of the plan follows from --start.
    assert not ISO_DATE.search(assessment)
    data = json.loads(plan)
    assert data["start_date"] == "2027-01-04"
    assert min(ISO_DATE.findall(plan)) == "2027-01-04"
    assert set(json.loads(assessment)) >= {"fingerprints", "ranking", "target_gaps", "warnings"}


def test_golden_json_matches_the_text():
    """The two goldens of each command describe the same result."""
    assessment = json.loads((GOLDEN / "assess_data-engineer-to-ml.json").read_text())
    text = (GOLDEN / "assess_data-engineer-to-ml.txt").read_text()
    flat = " ".join(text.split())
    for m in assessment["ranking"][:3]:
        assert f"{m['rank']}. {m['explanation']}" in flat
    plan = json.loads((GOLDEN / "plan_data-engineer-to-ml.json").read_text())
    plan_text = (GOLDEN / "plan_data-engineer-to-ml.txt").read_text()
    assert plan["estimate"] in plan_text
    for step in (s for p in plan["phases"] for s in p["steps"]):
        assert f"[{step['id']}]" in plan_text
