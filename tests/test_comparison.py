"""`careerpath compare OLD NEW`: the same person six months apart (the two data-engineer
examples): skills that moved, role scores and ranks, gaps closed and opened, plan steps
completed, refusal across catalogue versions, and the HTML/PDF/JSON outputs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from careerpath.answers import load_answers
from careerpath.cli import cli
from careerpath.scoring import assess

OLD = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
NEW = EXAMPLES / "answers" / "data-engineer-to-ml-2027-05.yaml"
SVG = "{http://www.w3.org/2000/svg}"


def csp_of(html: str) -> str:
    """The Content-Security-Policy of a page, as a browser reads the meta tag."""
    found = []

    class Meta(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
                found.append(attrs["content"])

    Meta().feed(html)
    assert len(found) == 1
    return found[0]


def compare(runner, *args: str):
    return runner.invoke(cli, ["compare", *map(str, args)])


def compare_json(runner, old: Path = OLD, new: Path = NEW, *extra: str) -> dict:
    result = compare(runner, old, new, "--json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def diff() -> dict:
    return compare_json(CliRunner())


def with_version(src: Path, dest: Path, version: str) -> Path:
    head = f'schema_version: 1\ncatalog_version: "{version}"\n'
    dest.write_text(src.read_text().replace("schema_version: 1\n", head, 1))
    return dest


# --- what changed --------------------------------------------------------------------------


def test_skills_moved_up_and_down_with_their_deltas(diff, catalog):
    old, new = load_answers(OLD, catalog), load_answers(NEW, catalog)
    deltas = {
        s: new.levels[s] - old.levels[s]
        for s in old.levels.keys() & new.levels.keys()
        if new.levels[s] != old.levels[s]
    }
    up = {m["skill"]: m["change"] for m in diff["moved_up"]}
    down = {m["skill"]: m["change"] for m in diff["moved_down"]}
    assert up == {s: d for s, d in deltas.items() if d > 0}
    assert down == {s: d for s, d in deltas.items() if d < 0}
    # What the files say, read by eye: +2 for scikit-learn, MLflow, serving and metrics,
    # +1 for Docker and PyTorch, -1 for Hadoop.
    assert up["scikit-learn"] == up["mlflow"] == up["model-serving"] == 2
    assert up["evaluation-metrics"] == 2
    assert up["docker"] == up["pytorch"] == 1
    assert down == {"hadoop": -1}
    for m in diff["moved_up"] + diff["moved_down"]:
        assert (m["before"], m["after"]) == (old.levels[m["skill"]], new.levels[m["skill"]])
        assert m["change"] == m["after"] - m["before"]
    # Biggest moves first.
    assert [m["change"] for m in diff["moved_up"]] == sorted(up.values(), reverse=True)
    assert diff["newly_answered"] == []
    assert (diff["assessed_before"], diff["assessed_after"]) == ("2026-11-15", "2027-05-20")
    assert diff["notes"] == []


def test_role_scores_before_and_after_with_the_rank_change(diff, catalog):
    before = assess(load_answers(OLD, catalog), catalog)
    after = assess(load_answers(NEW, catalog), catalog)
    roles = {r["role"]: r for r in diff["roles"]}
    assert set(roles) == set(catalog.roles)
    for role_id, r in roles.items():
        assert r["score_before"] == before.match(role_id).score
        assert r["score_after"] == after.match(role_id).score
        assert r["rank_before"] == before.match(role_id).rank
        assert r["rank_after"] == after.match(role_id).rank
    # Listed in the new ranking's order.
    ranks = [r["rank_after"] for r in diff["roles"]]
    assert ranks == sorted(ranks)
    ml = roles["ml-engineer"]
    assert ml["score_after"] > ml["score_before"]
    assert ml["rank_after"] < ml["rank_before"]
    assert (ml["rank_before"], ml["rank_after"]) == (6, 2)


def test_gaps_closed_toward_the_target(diff, catalog):
    old, new = load_answers(OLD, catalog), load_answers(NEW, catalog)
    role = catalog.roles["ml-engineer"]
    closed = sorted(
        s
        for s, rs in role.skills.items()
        if old.levels.get(s, 0) < rs.level <= new.levels.get(s, 0)
    )
    assert diff["target"] == "ml-engineer"
    assert diff["gaps_closed"] == closed
    assert {"scikit-learn", "mlflow", "model-serving", "docker"} <= set(closed)
    assert diff["gaps_opened"] == []


def test_a_skill_that_fell_below_the_requirement_is_a_gap_opened(runner, tmp_path):
    new = tmp_path / "new.yaml"
    text = NEW.read_text()
    assert "\n  SQL: 4\n" in text  # ML Engineer wants SQL at 2
    new.write_text(text.replace("\n  SQL: 4\n", "\n  SQL: 1\n"))
    data = compare_json(runner, OLD, new)
    assert data["gaps_opened"] == ["sql"]
    assert {"skill": "sql", "name": "SQL", "before": 4, "after": 1, "change": -3} in data[
        "moved_down"
    ]


def test_another_target_changes_the_gaps(runner):
    data = compare_json(runner, OLD, NEW, "--target", "Data Scientist")
    assert data["target"] == "data-scientist"
    assert "hadoop" not in data["gaps_closed"]
    assert "evaluation-metrics" in data["gaps_closed"]


def test_plan_steps_completed_between_the_two(runner, tmp_path):
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_bytes(OLD.read_bytes())
    new.write_bytes(NEW.read_bytes())

    def mark(path: Path, step: str, flag: str, day: str) -> None:
        result = runner.invoke(cli, ["progress", "-a", str(path), step, flag, "--date", day])
        assert result.exit_code == 0, result.output

    mark(old, "math-for-ml-refresher", "--done", "2026-11-10")
    mark(new, "math-for-ml-refresher", "--done", "2026-11-10")  # done before OLD: not new
    mark(new, "scikit-learn-classical-ml", "--done", "2027-03-01")
    mark(new, "pandas-numpy-for-ml", "--skipped", "2027-01-10")
    mark(new, "deep-learning-pytorch", "--learning", "2027-04-01")  # not completed
    data = compare_json(runner, old, new)
    assert data["steps_completed"] == [
        {"step": "pandas-numpy-for-ml", "status": "skipped", "date": "2027-01-10"},
        {"step": "scikit-learn-classical-ml", "status": "done", "date": "2027-03-01"},
    ]
    text = compare(runner, old, new).stdout
    assert (
        "Plan steps completed between the two: pandas-numpy-for-ml, scikit-learn-classical-ml"
        in text
    )


def test_files_in_the_wrong_order_get_a_note(runner):
    data = compare_json(runner, NEW, OLD)
    assert any("check the order" in n for n in data["notes"])
    assert {m["skill"] for m in data["moved_down"]} >= {"scikit-learn", "mlflow"}


def test_two_different_people_get_a_note(runner, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(NEW.read_text().replace("name: Daniel Okafor", "name: Someone Else"))
    data = compare_json(runner, OLD, other)
    assert any("different people" in n and "Someone Else" in n for n in data["notes"])


def test_terminal_text(runner):
    result = compare(runner, OLD, NEW)
    assert result.exit_code == 0, result.output
    assert "ML Engineer" in result.stdout and "6 -> 2" in result.stdout
    assert re.search(r"scikit-learn\s+1\s+3\s+\+2", result.stdout)
    assert re.search(r"Hadoop ecosystem\s+2\s+1\s+-1", result.stdout)


# --- catalogue versions --------------------------------------------------------------------


def test_different_catalogue_versions_are_refused_naming_both(runner, tmp_path, catalog):
    old = with_version(OLD, tmp_path / "old.yaml", catalog.version)
    new = with_version(NEW, tmp_path / "new.yaml", "2027.04.0")
    result = compare(runner, old, new, "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert catalog.version in result.stderr and "2027.04.0" in result.stderr
    assert "--allow-catalog-change" in result.stderr
    allowed = compare(runner, old, new, "--json", "--allow-catalog-change")
    assert allowed.exit_code == 0, allowed.output
    assert json.loads(allowed.stdout)["moved_up"]


def test_files_of_an_older_catalogue_than_the_one_in_use_are_refused(runner, tmp_path, catalog):
    old = with_version(OLD, tmp_path / "old.yaml", "2025.01.0")
    new = with_version(NEW, tmp_path / "new.yaml", "2025.01.0")
    result = compare(runner, old, new)
    assert result.exit_code == 1
    assert "2025.01.0" in result.stderr and catalog.version in result.stderr
    assert compare(runner, old, new, "--allow-catalog-change").exit_code == 0


def test_the_same_catalogue_version_is_accepted(runner, tmp_path, catalog):
    old = with_version(OLD, tmp_path / "old.yaml", catalog.version)
    new = with_version(NEW, tmp_path / "new.yaml", catalog.version)
    assert compare_json(runner, old, new)["moved_down"][0]["skill"] == "hadoop"


# --- outputs -------------------------------------------------------------------------------


def test_html_has_csp_and_an_accessible_before_after_chart(runner, tmp_path, diff):
    out = tmp_path / "diff.html"
    result = compare(runner, OLD, NEW, "-o", out, "--date", "2027-05-21")
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert csp_of(html).startswith("default-src 'none';")
    assert "Re-assessment comparison" in html and "2027-05-21" in html
    svg_text = re.search(r"<svg .*?</svg>", html, re.S).group(0)
    svg = ET.fromstring(svg_text)
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == "Role scores before and after"
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    pct = lambda x: f"{x * 100:.0f}%"  # noqa: E731  (the templates' filter)
    for r in diff["roles"]:
        assert f"{r['name']}: {pct(r['score_before'])} before, {pct(r['score_after'])} after" in (
            desc.text
        )
    # One grey and one blue bar per role.
    assert len(svg.findall(f"{SVG}rect")) == 2 * len(diff["roles"])
    assert "+2" in html and "Hadoop ecosystem" in html
    assert "Closed:</strong> Docker" in html


@pytest.fixture(scope="module")
def diff_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("compare") / "diff.pdf"
    result = CliRunner().invoke(cli, ["compare", str(OLD), str(NEW), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.pdf
def test_pdf_has_the_role_names(diff_pdf, catalog):
    from pypdf import PdfReader

    assert diff_pdf.read_bytes().startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(diff_pdf).pages)
    for role in catalog.roles.values():
        assert role.name in text
    assert "Re-assessment comparison" in text


def test_json_parses_and_has_the_schema_fields(diff):
    assert diff["schema_version"] == 1
    assert diff["before"].endswith("data-engineer-to-ml.yaml")
    assert diff["after"].endswith("data-engineer-to-ml-2027-05.yaml")
    assert set(diff) >= {"moved_up", "moved_down", "roles", "gaps_closed", "steps_completed"}


def test_an_existing_output_is_not_overwritten_without_force(runner, tmp_path):
    out = tmp_path / "diff.html"
    out.write_text("keep")
    result = compare(runner, OLD, NEW, "-o", out)
    assert result.exit_code == 1
    assert out.read_text() == "keep"
    assert compare(runner, OLD, NEW, "-o", out, "--force").exit_code == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
