"""`careerpath compare OLD NEW`: the same person six months apart (the two data-engineer
examples): skills that moved, each role's fit and readiness before and after and its rank (by
fit), gaps closed and opened, plan steps completed, refusal across catalogue versions, and the
HTML/PDF/JSON outputs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, reference_fit

from careerpath.answers import load_answers
from careerpath.cli import cli
from careerpath.comparison import compare as compare_profiles
from careerpath.scoring import ESSENTIAL_WEIGHT, assess

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


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"  # the views' rounding


def by_definition(profile, catalog) -> dict[str, tuple[float, float]]:
    """Role -> (fit, readiness) of a profile whose every level is known, computed here from
    the definitions in scoring's docstring, with none of its code:

        fit       = conftest.reference_fit, (the best cosine of the lowered profile)
        readiness = 0.7 coverage + 0.3 essential coverage, coverage = sum w min(u, l)/l / sum w
    """
    u = profile.levels
    assert set(u) == set(catalog.skills)  # nothing unknown, so nothing estimated
    out = {}
    for role in catalog.roles.values():
        need = role.skills
        reached = {s: rs.importance * min(u[s], rs.level) / rs.level for s, rs in need.items()}
        essentials = [s for s, rs in need.items() if rs.essential] or list(need)
        coverage = sum(reached.values()) / sum(rs.importance for rs in need.values())
        essential = sum(reached[s] for s in essentials) / sum(
            need[s].importance for s in essentials
        )
        readiness = (1 - ESSENTIAL_WEIGHT) * coverage + ESSENTIAL_WEIGHT * essential
        out[role.id] = (reference_fit(catalog, u, role.id), readiness)
    return out


def ranks_by_definition(values: dict[str, tuple[float, float]]) -> dict[str, int]:
    """The stated tie rule: fit, then readiness, then role id."""
    order = sorted(values, key=lambda r: (-round(values[r][0], 9), -round(values[r][1], 9), r))
    return {role: rank for rank, role in enumerate(order, start=1)}


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


def test_role_fit_and_readiness_before_and_after_with_the_rank_change(diff, catalog):
    old, new = load_answers(OLD, catalog), load_answers(NEW, catalog)
    before, after = assess(old, catalog), assess(new, catalog)
    roles = {r["role"]: r for r in diff["roles"]}
    assert set(roles) == set(catalog.roles)
    assert not any(k.startswith("score") for r in diff["roles"] for k in r)
    for role_id, r in roles.items():
        assert r["fit_before"] == before.match(role_id).fit
        assert r["fit_after"] == after.match(role_id).fit
        assert r["readiness_before"] == before.match(role_id).readiness
        assert r["readiness_after"] == after.match(role_id).readiness
        assert r["rank_before"] == before.match(role_id).rank
        assert r["rank_after"] == after.match(role_id).rank
    # The values are the definitions' (both files list every skill they have, so every
    # level is known: the rest are 0), and so are the ranks.
    defined = {"before": by_definition(old, catalog), "after": by_definition(new, catalog)}
    for when, values in defined.items():
        for role_id, (fit, readiness) in values.items():
            assert roles[role_id][f"fit_{when}"] == pytest.approx(fit, abs=5e-5)
            assert roles[role_id][f"readiness_{when}"] == pytest.approx(readiness, abs=5e-5)
        ranks = ranks_by_definition(values)
        assert {r: roles[r][f"rank_{when}"] for r in roles} == ranks
    # Listed in the new ranking's order: by fit, closest first.
    ranks = [r["rank_after"] for r in diff["roles"]]
    assert ranks == sorted(ranks)
    fits = [r["fit_after"] for r in diff["roles"]]
    assert fits == sorted(fits, reverse=True)
    # Readiness never falls when a level rises: Hadoop, the one skill that fell, is the only
    # way a role's readiness could drop, and only a role that needs Hadoop can lose any.
    for role_id, r in roles.items():
        if "hadoop" not in catalog.roles[role_id].skills:
            assert r["readiness_after"] >= r["readiness_before"], role_id
    # ML Engineer, the target: every one of its skills that moved went up, toward its level,
    # so its readiness rose; its fit rose too, and it climbed from 6th to 4th (both ranks by
    # the definitions above), behind Data Engineer, MLOps Engineer and Data Scientist.
    ml = roles["ml-engineer"]
    assert ml["readiness_after"] > ml["readiness_before"]
    assert ml["fit_after"] > ml["fit_before"]
    assert (ml["rank_before"], ml["rank_after"]) == (6, 4)
    assert [r["role"] for r in diff["roles"][:3]] == [
        "data-engineer",
        "mlops-engineer",
        "data-scientist",
    ]


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
    assert {"scikit-learn", "model-serving", "supervised-learning"} <= set(closed)
    assert diff["gaps_opened"] == []


def test_a_skill_that_fell_below_the_requirement_is_a_gap_opened(runner, tmp_path, catalog):
    new = tmp_path / "new.yaml"
    text = NEW.read_text()
    line = "\n  software-testing: 3\n"
    assert line in text  # both files: 3, the level ML Engineer needs
    assert catalog.roles["ml-engineer"].skills["software-testing"].level == 3
    new.write_text(text.replace(line, "\n  software-testing: 1\n"))
    data = compare_json(runner, OLD, new)
    assert data["gaps_opened"] == ["software-testing"]
    moved = {"skill": "software-testing", "name": "Software testing", "before": 3, "after": 1}
    assert {**moved, "change": -2} in data["moved_down"]
    # The gap costs the target readiness it had in the unchanged file.
    ml = next(r for r in data["roles"] if r["role"] == "ml-engineer")
    unchanged = next(r for r in compare_json(runner)["roles"] if r["role"] == "ml-engineer")
    assert ml["readiness_after"] < unchanged["readiness_after"]


def test_another_target_changes_the_gaps(runner):
    data = compare_json(runner, OLD, NEW, "--target", "Data Scientist")
    assert data["target"] == "data-scientist"
    assert "hadoop" not in data["gaps_closed"]
    assert "evaluation-metrics" in data["gaps_closed"]


def test_plan_steps_done_and_skipped_between_the_two(runner, tmp_path):
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
    # First recorded in the later file, but dated before the first assessment (2026-11-15).
    mark(new, "supervised-vs-unsupervised", "--done", "2026-10-01")
    data = compare_json(runner, old, new)
    assert data["steps_completed"] == [
        {"step": "pandas-numpy-for-ml", "status": "skipped", "date": "2027-01-10"},
        {"step": "scikit-learn-classical-ml", "status": "done", "date": "2027-03-01"},
    ]
    # A skipped step is not completed: the views list it apart, in the terminal and the HTML.
    text = compare(runner, old, new).stdout
    assert "completed" not in text
    assert "Plan steps done between the two: scikit-learn-classical-ml\n" in text
    assert "Plan steps skipped between the two (not done): pandas-numpy-for-ml" in text
    page = tmp_path / "diff.html"
    result = compare(runner, old, new, "-o", page)
    assert result.exit_code == 0, result.output
    html = page.read_text()
    assert "completed" not in html
    assert "<strong>Done:</strong> scikit-learn-classical-ml (2027-03-01)." in html
    assert "<strong>Skipped (not done):</strong> pandas-numpy-for-ml (2027-01-10)." in html


def test_a_step_ticked_off_in_the_first_file_after_its_assessment_counts(runner, tmp_path):
    # People keep ticking steps off in the file they have: the first file (assessed
    # 2026-11-15) lists steps finished after it, which the second file carries over.
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_bytes(OLD.read_bytes())
    new.write_bytes(NEW.read_bytes())
    for path in (old, new):
        for step, day in (
            ("scikit-learn-classical-ml", "2026-12-20"),
            ("math-for-ml-refresher", "2026-11-01"),
        ):
            result = runner.invoke(
                cli, ["progress", "-a", str(path), step, "--done", "--date", day]
            )
            assert result.exit_code == 0, result.output
    data = compare_json(runner, old, new)
    # Done after the first assessment counts; done before it (in both files) does not.
    assert data["steps_completed"] == [
        {"step": "scikit-learn-classical-ml", "status": "done", "date": "2026-12-20"}
    ]


def with_progress(src: Path, dest: Path, **steps: str) -> Path:
    """A copy of ``src`` with a progress block: step id -> "status date" (or "status")."""
    lines = ["progress:"]
    for step, entry in steps.items():
        status, _, day = entry.partition(" ")
        lines.append(f"  {step}: {{status: {status}" + (f", date: {day}}}" if day else "}"))
    dest.write_text(src.read_text() + "\n".join(lines) + "\n")
    return dest


def test_progress_recorded_only_in_the_earlier_file_counts(runner, tmp_path):
    # A mentee ticks a step off in the file they have, then re-assesses into a fresh file.
    old = tmp_path / "old.yaml"
    old.write_bytes(OLD.read_bytes())
    result = runner.invoke(
        cli, ["progress", "-a", str(old), "pandas-numpy-for-ml", "--done", "--date", "2026-12-03"]
    )
    assert result.exit_code == 0, result.output
    data = compare_json(runner, old, NEW)
    assert data["steps_completed"] == [
        {"step": "pandas-numpy-for-ml", "status": "done", "date": "2026-12-03"}
    ]
    text = compare(runner, old, NEW).stdout
    assert "Plan steps done between the two: pandas-numpy-for-ml\n" in text
    page = tmp_path / "diff.html"
    result = compare(runner, old, NEW, "-o", page)
    assert result.exit_code == 0, result.output
    assert "<strong>Done:</strong> pandas-numpy-for-ml (2026-12-03)." in page.read_text()


def test_steps_from_both_files_newer_record_wins_between_the_dates(tmp_path, catalog):
    # OLD is assessed 2026-11-15, NEW 2027-05-20.
    old = with_progress(
        OLD,
        tmp_path / "old.yaml",
        **{
            "pandas-numpy-for-ml": "done 2026-12-03",  # in the earlier file only
            "scikit-learn-classical-ml": "learning 2026-12-01",  # done later, says the new
            "deep-learning-pytorch": "done 2027-02-01",  # reopened later, says the new
            "math-for-ml-refresher": "done 2026-11-01",  # before the first assessment
            "supervised-vs-unsupervised": "done",  # undated, earlier file: maybe before it
            "docker-model-packaging": "skipped 2027-01-05",  # the newer record, in the old file
        },
    )
    new = with_progress(
        NEW,
        tmp_path / "new.yaml",
        **{
            "scikit-learn-classical-ml": "done 2027-03-01",
            "deep-learning-pytorch": "learning 2027-04-01",
            "docker-model-packaging": "learning 2026-12-20",
            "feature-engineering-scaling": "done",  # undated, first finished in the later file
            "model-monitoring": "done 2027-06-01",  # after the second assessment
        },
    )
    result = compare_profiles(load_answers(old, catalog), load_answers(new, catalog), catalog)
    got = [(s.step, s.status, s.date) for s in result.steps_completed]
    assert got == [
        ("docker-model-packaging", "skipped", "2027-01-05"),
        ("feature-engineering-scaling", "done", None),
        ("pandas-numpy-for-ml", "done", "2026-12-03"),
        ("scikit-learn-classical-ml", "done", "2027-03-01"),
    ]


def test_a_step_in_both_files_is_listed_once_with_its_dated_record(tmp_path, catalog):
    old = with_progress(OLD, tmp_path / "old.yaml", **{"pandas-numpy-for-ml": "done 2026-12-03"})
    new = with_progress(NEW, tmp_path / "new.yaml", **{"pandas-numpy-for-ml": "done"})
    result = compare_profiles(load_answers(old, catalog), load_answers(new, catalog), catalog)
    assert [(s.step, s.date) for s in result.steps_completed] == [
        ("pandas-numpy-for-ml", "2026-12-03")
    ]


def test_no_step_done_or_skipped_says_none_recorded(runner, tmp_path):
    text = compare(runner, OLD, NEW).stdout
    assert "Plan steps done between the two: none recorded" in text
    assert "Plan steps skipped" not in text
    page = tmp_path / "diff.html"
    assert compare(runner, OLD, NEW, "-o", page).exit_code == 0
    html = page.read_text()
    assert "<strong>Done:</strong> none recorded." in html
    assert "<strong>Skipped (not done):</strong> none recorded." in html


def test_files_in_the_wrong_order_get_a_note(runner):
    data = compare_json(runner, NEW, OLD)
    assert any("check the order" in n for n in data["notes"])
    assert {m["skill"] for m in data["moved_down"]} >= {"scikit-learn", "mlflow"}


def test_two_different_people_are_refused_unless_asked_for(runner, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(NEW.read_text().replace("name: Daniel Okafor", "name: Someone Else"))
    out = tmp_path / "diff.html"
    for extra in ((), ("--json",), ("-o", str(out))):
        result = compare(runner, OLD, other, *extra)
        assert result.exit_code == 1, result.output
        assert result.stdout == "" and not out.exists()
        [line] = result.stderr.splitlines()
        assert line.startswith("error: ") and "Traceback" not in result.output
        assert f'{OLD} names "Daniel Okafor" and {other} names "Someone Else"' in line
        assert "--different-people" in line
    data = compare_json(runner, OLD, other, "--different-people")
    assert any("different people" in n and "Someone Else" in n for n in data["notes"])
    # One person's name spelt with other case or spacing is still one person.
    same = tmp_path / "same.yaml"
    same.write_text(NEW.read_text().replace("name: Daniel Okafor", "name: daniel  OKAFOR"))
    assert not any("different people" in n for n in compare_json(runner, OLD, same)["notes"])


def test_terminal_text(runner, diff):
    result = compare(runner, OLD, NEW)
    assert result.exit_code == 0, result.output
    assert re.search(r"role\s+fit before\s+after\s+ready before\s+after\s+rank", result.stdout)
    for r in diff["roles"]:
        cells = [pct(r[k]) for k in ("fit_before", "fit_after")]
        cells += [pct(r[k]) for k in ("readiness_before", "readiness_after")]
        cells.append(f"{r['rank_before']} -> {r['rank_after']}")
        assert re.search(rf"{re.escape(r['name'])}\s+" + r"\s+".join(cells), result.stdout)
    assert re.search(r"ML Engineer\s+(\d+%\s+){4}6 -> 4", result.stdout)
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


def test_html_has_csp_and_an_accessible_before_after_chart(runner, tmp_path, diff, catalog):
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
    assert title.text == "Readiness per role before and after"
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    for r in diff["roles"]:
        before, after = pct(r["readiness_before"]), pct(r["readiness_after"])
        assert f"{r['name']}: {before} before, {after} after" in desc.text
    # One grey (before) and one blue (after) bar per role, as long as its readiness.
    bars = svg.findall(f"{SVG}rect")
    assert len(bars) == 2 * len(diff["roles"])
    # The full bar's length, fitted over every bar: widths are rounded to 0.1, so one bar
    # alone would not give it to the precision checked below.
    pairs = [
        (float(bar.get("width")), r[k])
        for r, grey, blue in zip(diff["roles"], bars[::2], bars[1::2], strict=True)
        for bar, k in ((grey, "readiness_before"), (blue, "readiness_after"))
    ]
    full = sum(w * v for w, v in pairs) / sum(v * v for _, v in pairs)
    for r, grey, blue in zip(diff["roles"], bars[::2], bars[1::2], strict=True):
        assert float(grey.get("width")) == pytest.approx(full * r["readiness_before"], abs=0.06)
        assert float(blue.get("width")) == pytest.approx(full * r["readiness_after"], abs=0.06)
    # The table beside it: fit and readiness, before and after, and the rank by fit.
    rows = {row[0]: row[1:] for row in html_rows(html, "roles-h")}
    assert rows["Role"] == ["Fit, before → after", "Readiness, before → after", "Rank by fit"]
    for r in diff["roles"]:
        assert rows[r["name"]] == [
            f"{pct(r['fit_before'])} → {pct(r['fit_after'])}",
            f"{pct(r['readiness_before'])} → {pct(r['readiness_after'])}",
            f"{r['rank_before']} → {r['rank_after']}",
        ]
    assert "+2" in html and "Hadoop ecosystem" in html
    closed = ", ".join(catalog.skills[s].name for s in diff["gaps_closed"])
    assert f"Closed:</strong> {escape(closed)}" in html


def html_rows(html: str, heading_id: str) -> list[list[str]]:
    """The cells of the first table after the heading with ``heading_id``."""
    rows: list[list[str]] = []
    state = {"after": False, "in_table": False, "done": False, "cell": None}

    class Rows(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if dict(attrs).get("id") == heading_id:
                state["after"] = True
            elif tag == "table" and state["after"] and not state["done"]:
                state["in_table"] = True
            elif tag == "tr" and state["in_table"]:
                rows.append([])
            elif tag in ("td", "th") and state["in_table"]:
                state["cell"] = []

        def handle_endtag(self, tag):
            if tag in ("td", "th") and state["cell"] is not None:
                rows[-1].append("".join(state["cell"]).strip())
                state["cell"] = None
            elif tag == "table" and state["in_table"]:
                state["in_table"], state["done"] = False, True

        def handle_data(self, data):
            if state["cell"] is not None:
                state["cell"].append(data)

    Rows().feed(html)
    return rows


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
    assert "Fit and readiness before and after" in text


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


def test_a_level_that_became_unknown_closes_and_opens_no_gap(runner, tmp_path, catalog):
    # Python is a gap toward ML Engineer in both files (3 of the level it needs).
    assert catalog.roles["ml-engineer"].skills["python"].level > 3
    partial = tmp_path / "partial.yaml"
    lines = NEW.read_text().splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("  python: "))
    lines[at] = "  python:\n"  # listed with no level: unknown
    partial.write_text("".join(lines))
    forward = compare_json(runner, OLD, partial)
    backward = compare_json(runner, partial, OLD)
    for data in (forward, backward):
        assert "python" not in data["gaps_closed"] and "python" not in data["gaps_opened"]
    assert "python" in [m["skill"] for m in backward["newly_answered"]]
