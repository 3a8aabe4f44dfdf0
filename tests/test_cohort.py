"""`careerpath cohort` and `careerpath team` on examples/cohort (ten people): the heatmap, the
best-role distribution and who is closest to each role (both by fit), common gaps, privacy (no
averages under five people, pseudonyms with a key kept out of the output, no free-text
evidence), skipped files and ignored skill names, and team coverage (by readiness) with
upskill/hire advice."""

from __future__ import annotations

import base64
import errno
import hashlib
import hmac
import json
import os
import re
import shutil
import stat
import subprocess
import threading
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, EXAMPLES, require_tool

from careerpath.answers import load_answers
from careerpath.catalog import load_catalog
from careerpath.cli import cli
from careerpath.cohort import (
    HEATMAP_COLUMNS,
    KEY_ENV,
    MIN_ANSWERED_TO_COVER,
    MIN_GROUP_FOR_AVERAGES,
    UPSKILL_MARGIN,
    common_target,
    heatmap_tables,
    ignored_names,
    load_group,
)
from careerpath.group import read_group
from careerpath.profile import FILES_NAMED, NOTICES_SHOWN
from careerpath.scoring import ESSENTIAL_WEIGHT, assess, role_gaps

COHORT = EXAMPLES / "cohort"
FILES = sorted(COHORT.glob("*.yaml"))
KEY = "test-key-7f3a9c1e5b2d-4c8e0a6f9b1d3e5a7c"  # a key needs 32 bytes at least
OTHER_KEY = "another-key-0b1c2d3e-5f6a7b8c9d0e1f2a3b"
PSEUDONYM = re.compile(r"Person [A-Z2-7]{4}(-[A-Z2-7]{4}){3}")  # 80 bits of base32
DAY = "2026-11-22"


# --- helpers -------------------------------------------------------------------------------


class Tables(HTMLParser):
    """Every <table>: its class, the heading above it, and its rows of cell texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: list[dict] = []
        self.heading = ""
        self._in_heading = False
        self._cell: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            self._in_heading, self.heading = True, ""
        elif tag == "table":
            self.tables.append(
                {"class": dict(attrs).get("class") or "", "heading": self.heading, "rows": []}
            )
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("h2", "h3"):
            self._in_heading = False
        elif tag in ("td", "th") and self._cell is not None:
            self.tables[-1]["rows"][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._in_heading:
            self.heading += data
        if self._cell is not None:
            self._cell.append(data)


def tables(html: str) -> list[dict]:
    return Tables(html).tables


def table_after(html: str, heading: str) -> list[list[str]]:
    return next(t["rows"] for t in tables(html) if t["heading"].startswith(heading))


def names_of(files: list[Path]) -> list[str]:
    catalog = load_catalog(EXAMPLES.parent / "data")
    return [load_answers(f, catalog).person.name for f in files]


NAMES = names_of(FILES)


def name_leaks(text: str) -> list[str]:
    """Full names, name parts (as words) and the files' stems found in ``text``."""
    found = [n for n in NAMES if n in text]
    parts = {part for n in NAMES for part in n.split() if len(part) >= 3}
    found += [p for p in parts if re.search(rf"\b{re.escape(p)}\b", text)]
    found += [f.stem for f in FILES if f.stem in text]
    return found


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(path)
    meta = " ".join(str(v) for v in (reader.metadata or {}).values())
    return "\n".join(page.extract_text() for page in reader.pages) + "\n" + meta


def expected_label(key: bytes, name: str, file: Path) -> str:
    """The pseudonym, computed here from its definition: HMAC-SHA256 over the name and the
    resolved file, 80 bits in base32."""
    basis = "\0".join(("careerpath pseudonym 2", name.casefold(), os.path.realpath(file)))
    code = base64.b32encode(hmac.new(key, basis.encode(), hashlib.sha256).digest()[:10]).decode()
    return "Person " + "-".join(code[i : i + 4] for i in range(0, 16, 4))


def readiness_by_definition(profile, role) -> float:
    """Readiness as scoring's docstring defines it, for a profile whose levels are all known:
    0.7 x the importance-weighted share of required levels reached, 0.3 x the same over the
    essential skills."""

    def share(skills: list[str]) -> float:
        rs = role.skills
        reached = sum(
            rs[s].importance * min(profile.levels[s], rs[s].level) / rs[s].level for s in skills
        )
        return reached / sum(rs[s].importance for s in skills)

    essentials = [s for s, rs in role.skills.items() if rs.essential] or list(role.skills)
    return (1 - ESSENTIAL_WEIGHT) * share(list(role.skills)) + ESSENTIAL_WEIGHT * share(essentials)


def run(runner, *args, env: dict | None = None):
    return runner.invoke(cli, [*map(str, args)], env=env)


def run_json(runner, command: str, *args, env: dict | None = None) -> dict:
    result = run(runner, command, *args, "--json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- module fixtures (each renders once) ---------------------------------------------------


@pytest.fixture(scope="module")
def group(catalog):
    return [load_answers(f, catalog) for f in FILES]


@pytest.fixture(scope="module")
def cohort_json() -> dict:
    return run_json(CliRunner(), "cohort", COHORT, "--target", "ml-engineer")


@pytest.fixture(scope="module")
def cohort_html(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("cohort") / "cohort.html"
    result = run(CliRunner(), "cohort", COHORT, "--target", "ml-engineer", "-o", out, "--date", DAY)
    assert result.exit_code == 0, result.output
    return out.read_text()


@pytest.fixture(scope="module")
def anonymised(tmp_path_factory) -> dict:
    """The anonymised cohort as HTML, JSON and PDF text, and the terminal text."""
    folder = tmp_path_factory.mktemp("anon")
    env = {KEY_ENV: KEY}
    runner = CliRunner()
    out = {}
    for fmt in ("html", "pdf"):
        path = folder / f"cohort.{fmt}"
        result = run(runner, "cohort", COHORT, "--anonymise", "-o", path, env=env)
        assert result.exit_code == 0, result.output
        out[fmt] = pdf_text(path) if fmt == "pdf" else path.read_text()
    result = run(runner, "cohort", COHORT, "--anonymise", "--json", env=env)
    assert result.exit_code == 0, result.output
    out["json"] = result.stdout
    out["text"] = run(runner, "cohort", COHORT, "--anonymise", env=env).stdout
    out["team"] = run(runner, "team", COHORT, "--anonymise", "--json", env=env).stdout
    return out


# --- the cohort ----------------------------------------------------------------------------


def heatmap(html: str) -> dict:
    """The heatmap's tables (people as rows, a few categories of skills as columns each)
    joined into one: the people in order, the skill names in order, each person's cells and
    the mean row's cells (None when averages are withheld). Every table lists every person,
    in the same order."""
    parts = [t for t in tables(html) if t["class"].split()[:1] == ["heatmap"]]
    assert parts
    people, skills, cells, mean = None, [], {}, []
    for table in parts:
        _groups, header, *body = table["rows"]
        assert header[0] == "Person"
        assert f"cols-{len(header) - 1}" in table["class"].split()  # sized for its columns
        if body[-1][0] == "Mean":
            mean += body[-1][1:]
            body = body[:-1]
        labels = [row[0] for row in body]
        assert people is None or labels == people
        people = labels
        # Without the soft hyphens and zero-width spaces that only mark where it may break.
        skills += [re.sub("[\u00ad\u200b]", "", name) for name in header[1:]]
        for row in body:
            cells.setdefault(row[0], []).extend(row[1:])
    return {"people": people, "skills": skills, "cells": cells, "mean": mean or None}


def test_the_example_cohort_is_ten_named_people():
    assert len(FILES) == 10
    assert len(set(NAMES)) == 10 and all(NAMES)


def test_heatmap_has_every_member_as_a_row_and_their_levels(cohort_html, group, catalog):
    table = heatmap(cohort_html)
    assert table["people"] == NAMES
    assert table["skills"] == [s.name for s in catalog.skills.values()]  # each once, in order
    for name, profile in zip(NAMES, group, strict=True):
        levels = [profile.levels.get(skill_id) for skill_id in catalog.skills]
        assert table["cells"][name] == ["" if v is None else str(v) for v in levels]
    # A skill a file leaves out is level 0, and shown as 0; blank is for a level unknown.
    column = dict(zip(catalog.skills, table["cells"]["Ana Souza"], strict=True))
    ana = group[NAMES.index("Ana Souza")]
    listed = {catalog.resolve_skill(k) for k in ana.answers.skills}
    assert set(catalog.skills) - listed  # the catalogue has skills her file does not name
    assert all(column[s] == "0" for s in set(catalog.skills) - listed)
    assert "a skill a file leaves out is 0" in cohort_html


def test_best_role_distribution(cohort_json, cohort_html, group, catalog):
    """Each member's best role is the closest by fit, as in `careerpath assess`."""
    expected = Counter(assess(p, catalog).ranking[0].role for p in group)
    assert cohort_json["best_role_counts"] == dict(expected)
    assert sum(cohort_json["best_role_counts"].values()) == 10
    rows = table_after(cohort_html, "Best-matching roles (by fit)")[1:]
    assert {name: int(n) for name, n in rows} == {
        catalog.roles[r].name: n for r, n in expected.items()
    }
    for member, profile in zip(cohort_json["members"], group, strict=True):
        result = assess(profile, catalog)
        assert member["best_role"] == result.ranking[0].role
        assert member["fit"] == {m.role: m.fit for m in result.ranking}
        assert member["readiness"] == {m.role: m.readiness for m in result.ranking}
        assert member["best_fit"] == max(member["fit"].values())
        assert member["best_fit"] == member["fit"][member["best_role"]]
        assert not {"score", "scores", "best_score"} & set(member)


def test_common_gaps_toward_the_target(cohort_json, cohort_html, group, catalog):
    role = catalog.roles["ml-engineer"]
    lacking = {
        s: sum(1 for p in group if p.levels.get(s) is None or p.levels[s] < rs.level)
        for s, rs in role.skills.items()
    }
    gaps = cohort_json["common_gaps"]
    assert cohort_json["target"] == "ml-engineer"
    assert 0 < len(gaps) <= 15
    for g in gaps:
        assert g["people"] == lacking[g["skill"]]
        assert g["essential"] == role.skills[g["skill"]].essential
        assert isinstance(g["mean_gap"], float)

    # What the role requires first: essentials, then the most lacking, then importance, then
    # id; nothing left out would come before what is shown. By commonness alone, skills of
    # importance 1 that everyone lacks pushed out an essential that six of ten lack.
    def rank(skill: str) -> tuple:
        rs = role.skills[skill]
        return (not rs.essential, -lacking[skill], -rs.importance, skill)

    assert [g["skill"] for g in gaps] == sorted((g["skill"] for g in gaps), key=rank)
    shown = {g["skill"] for g in gaps}
    left_out = [s for s, n in lacking.items() if n and s not in shown]
    assert all(rank(s) > rank(gaps[-1]["skill"]) for s in left_out)
    essentials = {s for s, rs in role.skills.items() if rs.essential and lacking[s]}
    assert essentials <= shown
    assert "software-engineering" in essentials and lacking["software-engineering"] < 10
    assert gaps[0] == {
        "skill": "model-optimisation",
        "name": "Model optimisation for production",
        "people": 10,
        "essential": True,
        "mean_gap": gaps[0]["mean_gap"],
    }
    # The mean weighted gap over the group (unanswered counts as the whole requirement).
    rs = role.skills["python"]
    total = sum(
        rs.importance * (rs.level - p.levels["python"]) if p.levels["python"] < rs.level else 0
        for p in group
    )
    python = next(g for g in gaps if g["skill"] == "python")
    assert python["mean_gap"] == round(total / 10, 2)
    rows = table_after(cohort_html, "Most common gaps toward ML Engineer")
    assert rows[0][3] == "Mean weighted gap"
    assert rows[1][:2] == ["Model optimisation for production", "10"]
    assert "Essential skills first" in cohort_html


def test_the_terminal_names_the_gap_column_as_the_html_does(runner):
    """It is importance x levels missing, averaged: "mean gap" read as levels missing."""
    result = run(runner, "cohort", COHORT, "--target", "ml-engineer")
    header = next(line for line in result.stdout.splitlines() if line.startswith("skill "))
    assert header.split()[-3:] == ["mean", "weighted", "gap"]
    assert "Mean weighted gap: importance x levels missing" in " ".join(result.stdout.split())


def test_the_most_common_target_is_used_without_target(runner, cohort_json):
    data = run_json(runner, "cohort", COHORT)
    assert data["target"] == "ml-engineer"  # two of the ten want it; no other more often
    assert data["common_gaps"] == cohort_json["common_gaps"]


def test_a_tie_for_the_most_common_target_says_which_tied_and_which_is_used(
    runner, tmp_path, catalog, cohort_json
):
    """Two targets named by as many members: the gaps went toward the first by id, and
    nothing said that another role had as many."""
    assert common_target([None, "ml-engineer"], catalog) == ("ml-engineer", None)
    assert common_target([None, None], catalog) == (None, None)
    role, note = common_target(["ml-engineer", "data-scientist", None, "ml-engineer"], catalog)
    assert (role, note) == ("ml-engineer", None)  # no tie: nothing to say
    role, note = common_target(
        ["ml-engineer", "data-scientist", "data-scientist", "ml-engineer"], catalog
    )
    assert role == "data-scientist"
    assert note == (
        "Data Scientist (data-scientist) and ML Engineer (ml-engineer) tie as the most common "
        "target (2 people each): the gaps are toward Data Scientist, the first of them by id "
        "(choose another with --target)."
    )
    assert cohort_json["target_note"] is None  # the examples: ml-engineer, by 2 to 1
    # Through the command: its text, its JSON and its HTML say it; --target, nothing.
    folder = tmp_path / "tie"
    folder.mkdir()
    wants = {"data-scientist": 0, "ml-engineer": 0}
    for path in sorted(COHORT.glob("*.yaml")):
        target = load_answers(path, catalog).person.target_role
        if target in wants and wants[target] < 1:
            wants[target] += 1
            shutil.copy(path, folder / path.name)
    assert wants == {"data-scientist": 1, "ml-engineer": 1}
    data = run_json(runner, "cohort", folder)
    assert data["target"] == "data-scientist" and "tie as the most common" in data["target_note"]
    text = run(runner, "cohort", folder).stdout
    assert "(data-scientist) and ML Engineer (ml-engineer) tie" in " ".join(text.split())
    out = tmp_path / "tie.html"
    assert run(runner, "cohort", folder, "-o", out).exit_code == 0
    assert "tie as the most common target" in out.read_text(encoding="utf-8")
    chosen = run_json(runner, "cohort", folder, "--target", "ml-engineer")
    assert chosen["target"] == "ml-engineer" and chosen["target_note"] is None


def test_closest_member_for_each_role(cohort_json, cohort_html, group, catalog):
    """Closest by fit: whose profile most resembles the role's."""
    results = [assess(p, catalog) for p in group]
    closest = {c["role"]: c for c in cohort_json["closest"]}
    assert set(closest) == set(catalog.roles)
    for role_id, c in closest.items():
        fits = [r.match(role_id).fit for r in results]
        best = max(fits)
        assert c["fit"] == best and "score" not in c
        assert c["label"] in [n for n, f in zip(NAMES, fits, strict=True) if f == best]
        assert c["family"] == catalog.roles[role_id].family
    assert closest["ml-engineer"]["label"] == "Kofi Asante"
    # Fit, not readiness: for some role the member whose profile most resembles it is not
    # the one who reaches most of what it requires, and the cohort names the first.
    differs = []
    for role_id in catalog.roles:
        matches = [r.match(role_id) for r in results]
        by_fit = max(range(len(NAMES)), key=lambda i: matches[i].fit)
        by_readiness = max(range(len(NAMES)), key=lambda i: matches[i].readiness)
        if matches[by_fit].readiness < matches[by_readiness].readiness:
            differs.append(role_id)
            assert closest[role_id]["label"] == NAMES[by_fit]
    assert differs
    rows = table_after(cohort_html, "Who is closest to each role (by fit)")
    assert rows[0] == ["Role", "Family", "Closest", "Fit"]
    assert {r[0]: r[2] for r in rows[1:]} == {
        catalog.roles[r].name: c["label"] for r, c in closest.items()
    }


def test_ten_people_show_averages(cohort_json, cohort_html, group, catalog):
    assert cohort_json["people"] == 10
    assert cohort_json["averages_note"] is None
    means = cohort_json["skill_means"]
    python = [p.levels["python"] for p in group]
    assert means["python"] == round(sum(python) / len(python), 2)
    assert heatmap(cohort_html)["mean"] == [str(means.get(s, "")) for s in catalog.skills]
    assert "not shown" not in cohort_html
    assert "10 people." in cohort_html


def test_a_cohort_of_four_shows_no_averages_and_says_why(runner, tmp_path):
    four = FILES[:4]
    data = run_json(runner, "cohort", *four, "--target", "ml-engineer")
    assert data["people"] == 4
    assert data["skill_means"] is None
    assert data["common_gaps"] and all(g["mean_gap"] is None for g in data["common_gaps"])
    note = data["averages_note"]
    assert "4 people" in note and f"fewer than {MIN_GROUP_FOR_AVERAGES}" in note
    out = tmp_path / "four.html"
    result = run(runner, "cohort", *four, "--target", "ml-engineer", "-o", out)
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert note in html
    table = heatmap(html)
    assert table["people"] == NAMES[:4] and table["mean"] is None  # no "Mean" row
    gaps = table_after(html, "Most common gaps")
    assert {row[3] for row in gaps[1:]} == {"not shown"}
    text = run(runner, "cohort", *four, "--target", "ml-engineer").stdout
    assert "Averages are not shown" in text


def test_five_people_are_enough_for_averages(runner):
    data = run_json(runner, "cohort", *FILES[:5], "--target", "ml-engineer")
    assert data["averages_note"] is None
    assert data["skill_means"] is not None
    assert all(isinstance(g["mean_gap"], float) for g in data["common_gaps"])


def test_evidence_never_reaches_the_cohort_output(cohort_html, cohort_json, group):
    evidence = [e for p in group for e in p.evidence.values()]
    assert len(evidence) >= 5
    for text in evidence:
        assert text not in cohort_html and text not in cohort_json
        assert text.replace('"', "&#34;") not in cohort_html
    assert "github.com" not in cohort_html + json.dumps(cohort_json)


# --- anonymised ----------------------------------------------------------------------------


def test_anonymised_outputs_name_nobody(anonymised):
    for fmt in ("html", "pdf", "json", "text", "team"):
        assert name_leaks(anonymised[fmt]) == [], fmt
    # The check itself finds names when they are there.
    assert name_leaks(" ".join(NAMES))


def test_the_key_never_appears_in_the_output(anonymised):
    for text in anonymised.values():
        assert KEY not in text
        assert hmac.new(KEY.encode(), b"", hashlib.sha256).hexdigest() not in text


def test_pseudonyms_are_keyed_on_name_and_file_and_columns_not_in_file_order(anonymised):
    data = json.loads(anonymised["json"])
    labels = [m["label"] for m in data["members"]]
    assert all(PSEUDONYM.fullmatch(label) for label in labels)
    expected = {expected_label(KEY.encode(), n, f) for n, f in zip(NAMES, FILES, strict=True)}
    assert set(labels) == expected
    # Sorted by pseudonym, so the (often named) files' order does not tell who is who.
    assert labels == sorted(labels)
    assert data["anonymised"] is True
    assert "stable pseudonyms" in anonymised["html"]
    assert heatmap(anonymised["html"])["people"] == labels


def test_pseudonyms_are_stable_across_runs_and_groups_and_change_with_the_key(runner, anonymised):
    first = [m["label"] for m in json.loads(anonymised["json"])["members"]]
    again = run_json(runner, "cohort", COHORT, "--anonymise", env={KEY_ENV: KEY})
    assert [m["label"] for m in again["members"]] == first
    subset = run_json(runner, "cohort", *FILES[:4], "--anonymise", env={KEY_ENV: KEY})
    assert {m["label"] for m in subset["members"]} <= set(first)
    other = run_json(runner, "cohort", COHORT, "--anonymise", env={KEY_ENV: OTHER_KEY})
    assert not {m["label"] for m in other["members"]} & set(first)


def test_without_the_env_var_a_private_key_file_is_made_and_reused(runner, tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    key_file = tmp_path / "config" / "careerpath" / "pseudonym.key"
    first = run_json(runner, "cohort", COHORT, "--anonymise")
    assert key_file.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_bytes().strip()
    assert len(key) >= 32
    assert key.decode() not in json.dumps(first)
    labels = [m["label"] for m in first["members"]]
    assert set(labels) == {expected_label(key, n, f) for n, f in zip(NAMES, FILES, strict=True)}
    second = run_json(runner, "cohort", COHORT, "--anonymise")
    assert [m["label"] for m in second["members"]] == labels
    assert key_file.read_bytes().strip() == key


# --- the pseudonym key (issue 13) -----------------------------------------------------------


@pytest.fixture
def config(tmp_path, monkeypatch) -> Path:
    """A fresh config folder and no key in the environment: the key file is used."""
    monkeypatch.delenv(KEY_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "careerpath"


def refused_key(result, code: int, *fragments: str) -> None:
    assert result.exit_code == code, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output and result.stdout == ""
    assert result.stderr.startswith("error: ")
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


@pytest.mark.parametrize("value", ["", "short", "x" * 31], ids=["empty", "short", "31-bytes"])
def test_a_short_key_in_the_environment_is_refused(runner, value):
    """With an empty key, every pseudonym is an HMAC anyone can recompute from a name list."""
    for command in ("cohort", "team"):
        result = run(runner, command, COHORT, "--anonymise", "--json", env={KEY_ENV: value})
        refused_key(result, 2, f"${KEY_ENV} is {len(value)} bytes long", "at least 32")
    assert run(runner, "cohort", COHORT, "--anonymise", env={KEY_ENV: "k" * 32}).exit_code == 0


@pytest.mark.parametrize("content", [b"", b"\n", b"0123456789abcdef"], ids=["0", "nl", "16"])
def test_a_short_key_file_is_refused_naming_the_file(runner, config, content):
    """A 0-byte key is what a full disk left behind with the old code."""
    config.mkdir(parents=True)
    key_file = config / "pseudonym.key"
    key_file.write_bytes(content)
    key_file.chmod(0o600)
    result = run(runner, "cohort", COHORT, "--anonymise", "--json")
    size = len(content.strip())
    refused_key(result, 1, f"{key_file}: the pseudonym key is {size} bytes, fewer than 32")
    assert "remove it to have a new one made" in result.stderr
    assert key_file.read_bytes() == content  # refused, not silently replaced


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o606, 0o620], ids=oct)
def test_a_key_file_others_can_read_or_change_is_refused(runner, config, mode):
    config.mkdir(parents=True)
    key_file = config / "pseudonym.key"
    key_file.write_text("k" * 64)
    key_file.chmod(mode)
    result = run(runner, "team", COHORT, "--anonymise")
    refused_key(result, 1, f"{key_file}: ", f"(mode {mode:04o})", f"chmod 600 {key_file}")
    key_file.chmod(0o600)
    assert run(runner, "team", COHORT, "--anonymise").exit_code == 0


def test_a_folder_where_the_key_file_belongs_is_refused_naming_it(runner, config):
    """os.fdopen fails on a folder before any check of the file's kind: it gave a traceback."""
    key_file = config / "pseudonym.key"
    key_file.mkdir(parents=True)
    for command in ("cohort", "team"):
        result = run(runner, command, COHORT, "--anonymise")
        refused_key(result, 1, f"{key_file}: the pseudonym key is not a regular file")
    assert key_file.is_dir() and not any(key_file.iterdir())  # left as it was


def test_a_full_disk_while_making_the_key_leaves_no_key_file(runner, config, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as m:
        m.setattr(os, "fsync", full)
        result = run(runner, "cohort", COHORT, "--anonymise", "--json")
    key_file = config / "pseudonym.key"
    refused_key(result, 1, f"{key_file}: cannot create the pseudonym key: No space left")
    assert os.listdir(config) == []  # neither a 0-byte key nor the temporary file
    # Once there is room, the next run makes a whole key.
    assert run(runner, "cohort", COHORT, "--anonymise").exit_code == 0
    assert len(key_file.read_bytes()) == 64 and stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_when_another_process_makes_the_key_first_its_key_is_used(config, monkeypatch):
    """The race, made to happen: a rival's whole key appears just before ours is linked."""
    from careerpath import cohort

    rival = b"r" * 64
    real_link = os.link

    def link_after_rival(src, dst):
        fd = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.write(fd, rival)
        os.close(fd)
        return real_link(src, dst)

    monkeypatch.setattr(os, "link", link_after_rival)
    assert cohort.pseudonym_key() == rival
    assert os.listdir(config) == ["pseudonym.key"]  # our temporary file is gone


def test_concurrent_first_use_agrees_on_one_whole_key(config):
    """Twenty first uses at once: no FileExistsError, no empty key, one key for all."""
    from careerpath import cohort

    start = threading.Barrier(20)
    keys: list[bytes] = []
    errors: list[BaseException] = []

    def first_use():
        start.wait()
        try:
            keys.append(cohort.pseudonym_key())
        except BaseException as exc:  # any failure at all is the finding
            errors.append(exc)

    threads = [threading.Thread(target=first_use) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(keys) == 20 and len(set(keys)) == 1
    assert keys[0] == (config / "pseudonym.key").read_bytes() and len(keys[0]) == 64
    assert os.listdir(config) == ["pseudonym.key"]


# --- pseudonyms that stay apart (issue 13) ---------------------------------------------------


def test_pseudonyms_are_80_bits_and_5000_names_get_5000_labels(catalog):
    """24 bits repeated a label among 5,000 names; 80 bits make a repeat among 100,000 people
    a one in 10**14 event."""
    from careerpath.cohort import pseudonym
    from careerpath.models import Answers
    from careerpath.profile import Profile

    key = KEY.encode()
    profiles = [
        Profile(Answers.model_validate({"person": {"name": f"Person number {i}"}}), {}, "x.yaml")
        for i in range(5000)
    ]
    labels = {pseudonym(key, p) for p in profiles}
    assert len(labels) == 5000
    assert all(PSEUDONYM.fullmatch(label) for label in labels)


def test_two_people_with_the_same_name_stay_two(runner, tmp_path, catalog):
    """Two Ana Souzas in two teams: two pseudonyms, two heatmap columns, and team coverage
    judged per person (it was judged on whichever Ana came last)."""
    for team_name, level in (("team-a", 4), ("team-b", 0)):
        folder = tmp_path / team_name
        folder.mkdir()
        text = (COHORT / "ana-souza.yaml").read_text(encoding="utf-8")
        (folder / "ana-souza.yaml").write_text(
            text.replace("schema_version: 1", f"schema_version: 1\n# {level}"), encoding="utf-8"
        )
    strong = yaml_with_levels(tmp_path / "team-a" / "ana-souza.yaml", 4)
    weak = yaml_with_levels(tmp_path / "team-b" / "ana-souza.yaml", 0)
    env = {KEY_ENV: KEY}
    data = run_json(runner, "cohort", strong, weak, "--anonymise", env=env)
    labels = [m["label"] for m in data["members"]]
    assert len(set(labels)) == 2
    assert set(labels) == {expected_label(KEY.encode(), "Ana Souza", f) for f in (strong, weak)}
    named = run_json(runner, "cohort", strong, weak)
    assert sorted(m["label"] for m in named["members"]) == [
        f"Ana Souza ({strong})",
        f"Ana Souza ({weak})",
    ]
    team = run_json(runner, "team", strong, weak, "--anonymise", env=env)
    covered = [r for r in team["roles"] if r["could_cover"]]
    assert covered and all(len(r["could_cover"]) == 1 for r in covered)


def yaml_with_levels(path: Path, level: int) -> Path:
    """``path`` rewritten so that every answered skill is at ``level``."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["skills"] = {
        k: (level if not isinstance(v, dict) else {**v, "level": level})
        for k, v in data["skills"].items()
        if v is not None
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# --- anonymised output names no file (issue 13) ---------------------------------------------


def test_anonymised_json_and_text_name_no_skipped_file(runner, tmp_path):
    """The example files are named after people; anonymised output must not list them."""
    folder = tmp_path / "group"
    folder.mkdir()
    for f in FILES[:6]:
        shutil.copy(f, folder)
    (folder / "lena-fischer-draft.yaml").write_text("schema_version: 1\nskills:\n  pythn: 3\n")
    (folder / "samir-haddad-old.json").write_text('{"schema_version": 1, "skills": {')
    env = {KEY_ENV: KEY}
    for command in ("cohort", "team"):
        result = run(runner, command, folder, "--anonymise", "--json", env=env)
        assert result.exit_code == 1, result.output  # two invalid files
        data = json.loads(result.stdout)
        assert [s["file"] for s in data["skipped"]] == [None, None]
        assert any("none of the skill names" in s["reason"] for s in data["skipped"])
        assert name_leaks(result.stdout) == [], command
        assert "draft" not in result.stdout and "old.json" not in result.stdout
        # The person running it is still told which files to fix, on standard error.
        assert "lena-fischer-draft.yaml" in result.stderr
        text = run(runner, command, folder, "--anonymise", env=env).stdout
        assert name_leaks(text) == [], command
    # Without --anonymise the files are named, as before.
    named = json.loads(run(runner, "cohort", folder, "--json").stdout)
    assert sorted(Path(s["file"]).name for s in named["skipped"]) == [
        "lena-fischer-draft.yaml",
        "samir-haddad-old.json",
    ]


def test_anonymise_says_what_standard_error_still_names_and_the_outputs_name_no_one(
    runner, tmp_path
):
    """The README once said anonymised output names no file and no line, while standard
    error listed `skipped: team/mehmet-...`: the operator needs those names to fix the files,
    so they stay there, and the help and the README say so; what is printed on standard output
    and the files written name no one."""
    from conftest import ROOT

    for command in ("cohort", "team"):
        help_text = " ".join(run(runner, command, "--help").stdout.split())
        assert re.search(r"[Ss]tandard output and the file written (then )?name no one", help_text)
        assert re.search(r"standard error still names? the files that could not be used", help_text)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "anonymised output names no file and no line" not in readme
    assert "its messages on standard error still name the files (and lines)" in readme
    folder = tmp_path / "group"
    folder.mkdir()
    for f in FILES[:6]:
        shutil.copy(f, folder)
    (folder / "lena-fischer-draft.yaml").write_text("schema_version: 1\nskills:\n  pythn: 3\n")
    lines = [json.dumps({"person": {"name": "Zoë Export"}, "skills": {"python": 9}})] * 2
    (folder / "hr-export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {KEY_ENV: KEY}
    for command in ("cohort", "team"):
        for out in (tmp_path / f"{command}.html", tmp_path / f"{command}.pdf"):
            result = run(runner, command, folder, "--anonymise", "-o", out, "--force", env=env)
            assert result.exit_code == 1, result.output
            written = pdf_text(out) if out.suffix == ".pdf" else out.read_text(encoding="utf-8")
            assert name_leaks(written) == [] and name_leaks(result.stdout) == []
            for said in (written, result.stdout):
                assert "draft" not in said and "hr-export" not in said and "Zoë" not in said
                assert not re.search(r"line \d", said)
            # Standard error names the files, as documented: the operator fixes them.
            assert "lena-fischer-draft.yaml" in result.stderr
            assert "hr-export.jsonl: line 1" in result.stderr


# --- skill names the catalogue does not know (issue 12) ---------------------------------------


@pytest.mark.parametrize("command", ["cohort", "team"])
def test_a_current_role_outside_the_catalogue_is_counted_with_a_warning(runner, tmp_path, command):
    """It once dropped the person, 'did you mean "ml-engineer"?' for "Analytics Engineer"."""
    folder = tmp_path / "group"
    folder.mkdir()
    for f in FILES[:5]:
        shutil.copy(f, folder)
    chloe = folder / "chloe-martin.yaml"
    chloe.write_text(
        "person: {name: Chloé Martin, current_role: Analytics Engineer}\n"
        "skills: {sql: 4, analytics-engineering: 3, python: 2}\n",
        encoding="utf-8",
    )
    result = run(runner, command, folder, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["people"] == 6
    assert (
        f'warning: {chloe}:1: person.current_role: unknown role "Analytics Engineer", taken as '
        '"other"' in result.stderr
    )
    assert "did you mean" not in result.stderr
    strict = run(runner, command, folder, "--strict")
    assert strict.exit_code == 1
    assert f"skipped: {chloe}: line 1: person.current_role: unknown role" in strict.stderr


@pytest.fixture
def with_unknown_names(tmp_path) -> Path:
    """Six people; Ana Souza's file also names two skills the catalogue does not know."""
    folder = tmp_path / "group"
    folder.mkdir()
    for f in FILES[:6]:
        shutil.copy(f, folder)
    ana = folder / "ana-souza.yaml"
    text = ana.read_text(encoding="utf-8")
    assert "\nskills:\n  python: 3\n" in text
    ana.write_text(
        text.replace("\nskills:\n", "\nskills:\n  pythn: 3\n  Six Sigma: 2\n"), encoding="utf-8"
    )
    return folder


def test_unknown_names_are_ignored_and_listed_and_the_rest_of_the_file_used(
    runner, with_unknown_names, catalog
):
    ana = with_unknown_names / "ana-souza.yaml"
    for command in ("cohort", "team"):
        data = run_json(runner, command, with_unknown_names)
        assert data["people"] == 6 and data["skipped"] == []
        assert [(i["file"], i["line"], i["name"]) for i in data["ignored"]] == [
            (str(ana), 13, "pythn"),
            (str(ana), 14, "Six Sigma"),
        ]
        assert data["ignored"][0]["message"] == 'unknown skill; did you mean "Python"?'
        # Lines are wrapped to the width (96 columns off a terminal): compare the words.
        text = " ".join(run(runner, command, with_unknown_names).stdout.split())
        assert "2 skill names in 1 file are not in the catalogue and were ignored" in text
        assert f'{ana}:13: "pythn": unknown skill; did you mean "Python"?' in text
    # The rest of her file counts as it did.
    cohort = run_json(runner, "cohort", with_unknown_names)
    member = next(m for m in cohort["members"] if m["label"] == "Ana Souza")
    original = load_answers(COHORT / "ana-souza.yaml", catalog)
    assert member["levels"] == original.levels
    assert member["fit"] == {m.role: m.fit for m in assess(original, catalog).ranking}
    out = with_unknown_names.parent / "cohort.html"
    assert run(runner, "cohort", with_unknown_names, "-o", out).exit_code == 0
    assert "2 skill names in 1 file are not in the catalogue and were ignored" in out.read_text()


def test_anonymised_unknown_names_carry_no_file_name_nor_line(with_unknown_names, catalog):
    people, _skipped = load_group([with_unknown_names], catalog, jobs=1)
    named = ignored_names(people, anonymise=False)
    where = [(Path(i.file or "").name, i.line) for i in named]
    assert where == [("ana-souza.yaml", 13), ("ana-souza.yaml", 14)]
    # A line of a YAML file, with the order of the files, points at the person too.
    anonymised = ignored_names(people, anonymise=True)
    assert [(i.file, i.line, i.name) for i in anonymised] == [(None, None, None)] * 2
    assert sorted(i.message for i in named) == [i.message for i in anonymised]


def test_anonymised_output_names_neither_the_file_nor_the_unknown_name(runner, with_unknown_names):
    for command in ("cohort", "team"):
        data = run_json(runner, command, with_unknown_names, "--anonymise", env={KEY_ENV: KEY})
        assert [(i["file"], i["line"], i["name"]) for i in data["ignored"]] == [(None,) * 3] * 2
        result = run(runner, command, with_unknown_names, "--anonymise", env={KEY_ENV: KEY})
        text = result.stdout
        for shown in (json.dumps(data), text):
            assert "pythn" not in shown and "Six Sigma" not in shown
            assert name_leaks(shown) == [], command
            assert not re.search(r"line \d|:1[34]\b", shown), command
        assert '  a file: unknown skill; did you mean "Python"?' in text
        # Standard error keeps the file and line, for whoever fixes the file.
        assert "ana-souza.yaml:13: skills.pythn: unknown skill" in result.stderr
        assert "2 skill names are not in the catalogue and were ignored" in text


# --- the five-person rule counts people (issue 13) ------------------------------------------


@pytest.fixture
def four(tmp_path) -> Path:
    folder = tmp_path / "four"
    folder.mkdir()
    for f in FILES[:4]:
        shutil.copy(f, folder)
    return folder


def fifth_of(four: Path, how: str) -> Path:
    """A fifth path that is one of the four people again, made ``how``."""
    first = sorted(four.iterdir())[0]
    if how == "dotdot":
        return four / ".." / four.name / first.name
    if how == "symlink":
        (four.parent / "link.yaml").symlink_to(first)
        return four.parent / "link.yaml"
    if how == "hardlink":
        os.link(first, four.parent / "hard.yaml")
        return four.parent / "hard.yaml"
    if how == "copy":
        shutil.copy(first, four.parent / "copy.yaml")
        return four.parent / "copy.yaml"
    if how == "reformatted":  # the same document written differently is the same document
        import yaml

        data = yaml.safe_load(first.read_text(encoding="utf-8"))
        (four.parent / "same.json").write_text(json.dumps(data, default=str), encoding="utf-8")
        return four.parent / "same.json"
    if how == "same-name":  # changed answers, same person's name: may be the same person
        import yaml

        data = yaml.safe_load(first.read_text(encoding="utf-8"))
        data["skills"]["python"] = 0
        (four.parent / "later.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
        return four.parent / "later.yaml"
    raise AssertionError(how)


@pytest.mark.parametrize(
    "how", ["dotdot", "symlink", "hardlink", "copy", "reformatted", "same-name"]
)
def test_one_person_named_twice_does_not_make_five(runner, four, how):
    """`cohort four four/../four/ana-souza.yaml` showed averages over four people."""
    fifth = fifth_of(four, how)
    data = run_json(runner, "cohort", four, fifth, "--target", "ml-engineer")
    assert data["skill_means"] is None
    assert all(g["mean_gap"] is None for g in data["common_gaps"])
    assert "fewer than 5" in data["averages_note"]
    if how in ("dotdot", "symlink", "hardlink"):  # one file: read once
        assert data["people"] == 4 and data["skipped"] == []
    elif how in ("copy", "reformatted"):  # one document: counted once, and said so
        assert data["people"] == 4
        [skipped] = data["skipped"]
        first, second = sorted([str(fifth), str(four / sorted(os.listdir(four))[0])])
        reason = f"the same answers as {first}; counted once"
        assert skipped == {
            "file": second,
            "reason": reason,
            "kind": "duplicate",
            "json_lines": False,
        }
        anonymised = run_json(runner, "cohort", four, fifth, "--anonymise", env={KEY_ENV: KEY})
        assert anonymised["skipped"] == [
            {
                "file": None,
                "reason": "the same answers as another file; counted once",
                "kind": "duplicate",
                "json_lines": False,
            }
        ]
    else:
        assert data["people"] == 5
        assert "at most 4 distinct people" in data["averages_note"]


def test_five_different_people_still_show_averages(runner, four):
    data = run_json(runner, "cohort", four, FILES[4], "--target", "ml-engineer")
    assert data["people"] == 5 and data["skill_means"] is not None


# --- bad files -----------------------------------------------------------------------------


@pytest.fixture
def folder_with_bad_files(tmp_path: Path) -> Path:
    folder = tmp_path / "group"
    folder.mkdir()
    for f in FILES[:6]:
        shutil.copy(f, folder)
    (folder / "typo.yaml").write_text("schema_version: 1\nskills:\n  pythn: 3\n")
    (folder / "broken.json").write_text('{"schema_version": 1, "skills": {')
    (folder / "notes.txt").write_text("not an answers file: ignored")
    return folder


def test_bad_files_are_listed_the_others_used_and_the_exit_status_is_1(
    runner, folder_with_bad_files
):
    result = run(runner, "cohort", folder_with_bad_files, "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)  # the others were still processed and printed
    assert data["people"] == 6
    assert sorted(Path(s["file"]).name for s in data["skipped"]) == ["broken.json", "typo.yaml"]
    assert {s["kind"] for s in data["skipped"]} == {"invalid"}
    assert result.stderr.splitlines()[-1] == (
        "error: 2 files could not be used (listed above); 6 others were used"
    )
    lines = result.stderr.splitlines()
    typo = next(line for line in lines if "typo.yaml" in line)
    assert typo.startswith("skipped: ")
    # Its one skill name is unknown: nothing would be left to assess but 0 in everything.
    assert typo.endswith(
        "typo.yaml: line 2: skills: none of the skill names in the file is in the catalogue "
        "(and 1 more problem)"
    )
    assert any(line.startswith("skipped: ") and "broken.json" in line for line in lines)
    assert "notes.txt" not in result.stderr


def test_the_report_says_how_many_were_used(runner, folder_with_bad_files, tmp_path):
    out = tmp_path / "cohort.html"
    result = run(runner, "cohort", folder_with_bad_files, "-o", out)
    assert result.exit_code == 1, result.output
    assert "6 people; 2 files could not be used" in out.read_text()
    text = run(runner, "cohort", folder_with_bad_files)
    assert "Cohort: 6 people" in text.stdout and "2 files skipped" in text.stdout
    assert text.exit_code == 1


ONE_OF_EACH = {
    # One person used, one file not, one unknown skill name: singular, never "(s)".
    "en": [
        "error: 1 file could not be used (listed above); 1 other was used",
        "1 file skipped (see above).",
        "1 person; 1 file could not be used (listed on the terminal).",
        "1 skill name in 1 file is not in the catalogue and was ignored; the same command "
        "without -o lists it.",
    ],
    "pt-BR": [
        "erro: não foi possível usar 1 arquivo (listado acima); 1 outro foi usado",
        "1 arquivo não usado (veja acima).",
        "1 pessoa; não foi possível usar 1 arquivo (listado no terminal).",
        "1 nome de habilidade em 1 arquivo não está no catálogo e foi ignorado; o mesmo "
        "comando sem -o o lista.",
    ],
}


@pytest.mark.parametrize("lang", sorted(ONE_OF_EACH))
@pytest.mark.parametrize("command", ["cohort", "team"])
def test_counts_of_one_read_in_the_singular(runner, tmp_path, command, lang):
    folder = tmp_path / "group"
    folder.mkdir()
    text = FILES[0].read_text(encoding="utf-8").replace("\nskills:\n", "\nskills:\n  pythn: 3\n")
    (folder / FILES[0].name).write_text(text, encoding="utf-8")
    (folder / "broken.json").write_text('{"schema_version": 1, "skills": {')
    error, skipped, people, ignored = ONE_OF_EACH[lang]
    result = run(runner, "--lang", lang, command, folder)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == error
    assert skipped in result.stdout and "(s)" not in result.stdout
    out = tmp_path / f"{command}.html"
    assert run(runner, "--lang", lang, command, folder, "-o", out).exit_code == 1
    html = unescape(" ".join(out.read_text(encoding="utf-8").split()))
    assert people in html and ignored in html and "(s)" not in html


def test_keep_going_is_the_default_and_fail_fast_stops_at_the_first_bad_file(
    runner, folder_with_bad_files, tmp_path
):
    for command in ("cohort", "team"):
        # Words click broke at a hyphen ("--keep-" / "going") joined again.
        help_text = re.sub(r"(?<=\w-)\s+", "", run(runner, command, "--help").stdout)
        help_text = " ".join(help_text.split())
        assert "(--keep-going, the default)" in help_text
        assert run(runner, command, folder_with_bad_files, "--keep-going").exit_code == 1
        out = tmp_path / f"{command}.html"
        result = run(runner, command, folder_with_bad_files, "--fail-fast", "-o", out)
        assert result.exit_code == 1 and result.stdout == "" and not out.exists()
        # The first bad file in order, with its line and field; nothing else was done.
        assert "broken.json" in result.stderr and "typo.yaml" not in result.stderr
        assert "Traceback" not in result.output


def test_a_blank_template_is_not_a_person_and_no_error(runner, tmp_path):
    folder = tmp_path / "group"
    folder.mkdir()
    for f in FILES[:5]:
        shutil.copy(f, folder)
    blank = folder / "zz-blank.yaml"
    assert run(runner, "questionnaire", "template", "-o", blank).exit_code == 0
    # A file that names a person and lists no skill rates nothing either: every level would
    # be a 0 nobody gave.
    (folder / "zz-named.yaml").write_text("schema_version: 1\nperson: {name: Nobody Yet}\n")
    # Nor does an empty file, or one of comments only: it failed the whole run (exit 1).
    (folder / "zz-zero.yaml").write_text("")
    (folder / "zz-comment.yaml").write_text("# to fill in\n")
    for command in ("cohort", "team"):
        result = run(runner, command, folder, "--json")
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert data["people"] == 5
        assert sorted((Path(s["file"]).name, s["kind"]) for s in data["skipped"]) == [
            ("zz-blank.yaml", "empty"),
            ("zz-comment.yaml", "empty"),
            ("zz-named.yaml", "empty"),
            ("zz-zero.yaml", "empty"),
        ]
        assert all("no skill is answered" in s["reason"] for s in data["skipped"])
    members = run_json(runner, "cohort", folder)["members"]
    assert "Nobody Yet" not in {m["label"] for m in members} and len(members) == 5


def test_a_notice_many_files_share_is_said_once_naming_three_of_them(tmp_path, catalog):
    """A whole group that wrote "excell" once got the same warning once a file."""
    files = []
    for f in FILES[:6]:
        text = f.read_text(encoding="utf-8")
        assert "\nskills:\n" in text
        files.append(tmp_path / f.name)
        files[-1].write_text(text.replace("\nskills:\n", "\nskills:\n  excell: 3\n", 1))
    # One more in only one file: said as every other command says it.
    files[0].write_text(files[0].read_text().replace("  excell: 3\n", "  excell: 3\n  qwzx: 1\n"))
    line = {f: f.read_text().splitlines().index("  excell: 3") + 1 for f in files}
    group = read_group(files, catalog)
    what = 'skills.excell: unknown skill; did you mean "Spreadsheets"? (ignored)'
    shown = ", ".join(f"{f}:{line[f]}" for f in files[:FILES_NAMED])
    assert group.notices() == [
        f"{what}; in 6 files: {shown} and 3 more",
        f"{files[0]}:{line[files[0]] + 1}: skills.qwzx: unknown skill (ignored)",
    ]
    # Two files name both; many lines of one JSON Lines file are counted as lines.
    lines = tmp_path / "people.jsonl"
    person = {"skills": {"sql": 2, "excell": 3}}
    lines.write_text("".join(json.dumps({**person, "person": {"name": n}}) + "\n" for n in "AB"))
    assert read_group([files[1], lines], catalog).notices() == [
        f"{what}; in 2 files: {files[1]}:{line[files[1]]}, {lines} (2 lines)"
    ]


def test_a_files_own_notices_are_capped_as_every_command_caps_them(tmp_path, catalog):
    """One JSON Lines export, each of its 12 people naming a skill of their own: 10 said,
    then one line counting the rest (it once said all of them)."""
    lines = tmp_path / "people.jsonl"
    lines.write_text(
        "".join(
            json.dumps({"person": {"name": f"P{n}"}, "skills": {"sql": n % 5, f"qwz{n:02}": 1}})
            + "\n"
            for n in range(12)
        )
    )
    notices = read_group([lines], catalog).notices()
    assert len(notices) == NOTICES_SHOWN + 1
    assert notices[0] == f"{lines}:1: skills.qwz00: unknown skill (ignored)"
    assert notices[-1].startswith(f"{lines}: 2 more warnings like these about the file's names")


@pytest.mark.parametrize("command", ["cohort", "team"])
def test_cohort_and_team_say_a_shared_notice_once_on_stderr(runner, tmp_path, command):
    for f in FILES[:5]:
        text = f.read_text(encoding="utf-8")
        (tmp_path / f.name).write_text(text.replace("\nskills:\n", "\nskills:\n  excell: 3\n", 1))
    result = run(runner, command, tmp_path, "--json")
    assert result.exit_code == 0, result.output
    [warning] = [x for x in result.stderr.splitlines() if "excell" in x]
    assert warning.startswith('warning: skills.excell: unknown skill; did you mean "Spreadsheets"')
    assert "; in 5 files: " in warning and warning.endswith(" and 2 more")
    json.loads(result.stdout)  # standard output is the JSON alone


def test_no_usable_file_is_an_error_naming_each_problem(runner, tmp_path):
    (tmp_path / "bad.yaml").write_text("schema_version: 1\nskills: [1, 2]\n")
    (tmp_path / "typo.yaml").write_text("schema_version: 1\nskills:\n  pythn: 3\n")
    result = run(runner, "cohort", tmp_path)
    assert result.exit_code == 1
    assert re.search(r"bad\.yaml:2: skills: ", result.stderr)
    assert 'typo.yaml:3: skills.pythn: unknown skill; did you mean "Python"?' in result.stderr


def test_a_folder_without_answers_files_is_a_usage_error(runner, tmp_path):
    (tmp_path / "notes.txt").write_text("nothing to read")
    result = run(runner, "team", tmp_path)
    assert result.exit_code == 2
    assert "no usable answers files" in result.stderr
    assert "no .yaml/.yml/.json files" in result.stderr


# --- team coverage -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def team_json() -> dict:
    return run_json(CliRunner(), "team", COHORT)


def test_team_roles_are_grouped_by_family(team_json, catalog):
    families = [r["family"] for r in team_json["roles"]]
    order = ["business", "technical", "cross-section"]
    assert families == sorted(families, key=order.index)
    assert {r["role"]: r["family"] for r in team_json["roles"]} == {
        rid: role.family for rid, role in catalog.roles.items()
    }
    assert set(families) == set(order)


def test_who_could_cover_each_role_follows_the_threshold(team_json, group, catalog):
    """Could cover a role: reaching enough of its requirements, readiness >= the threshold,
    and every one of its essential skills met."""
    assert team_json["threshold"] == 0.75 and team_json["people"] == 10
    results = dict(zip(NAMES, (assess(p, catalog) for p in group), strict=True))
    for r in team_json["roles"]:
        matches = {n: a.match(r["role"]) for n, a in results.items()}
        ready = {n: m.readiness for n, m in matches.items()}
        covering = sorted(
            (
                n
                for n, m in matches.items()
                if m.readiness >= 0.75 and m.essentials_met == m.essentials_total
            ),
            key=lambda n: (-ready[n], n),
        )
        assert r["could_cover"] == covering
        assert "closest_score" not in r and "covered_by" not in r
    # Readiness as defined (every example lists what it has; the rest is 0, so all is known).
    by_name = dict(zip(NAMES, group, strict=True))
    for name, result in results.items():
        for role_id, role in catalog.roles.items():
            expected = readiness_by_definition(by_name[name], role)
            assert result.match(role_id).readiness == pytest.approx(expected, abs=5e-5)
    # Readiness, not fit: Fatima El Idrissi could cover Data Analyst by what she meets of it.
    roles = {r["role"]: r for r in team_json["roles"]}
    assert roles["data-analyst"]["could_cover"] == ["Fatima El Idrissi"]
    assert roles["data-engineer"]["could_cover"] == ["Bruno Costa", "Ana Souza"]


def test_high_readiness_with_essentials_not_met_covers_nothing(team_json, group, catalog):
    """Readiness weighs essentials at 0.3 and estimates the unknown: Kofi Asante reaches 81% of
    MLOps Engineer meeting 1 of its 6 essentials, and 90% of ML Engineer missing one of its 5.
    He once "could cover" both alone (and two more)."""
    kofi = assess(group[NAMES.index("Kofi Asante")], catalog)
    mlops, ml = kofi.match("mlops-engineer"), kofi.match("ml-engineer")
    assert mlops.readiness >= 0.8 and (mlops.essentials_met, mlops.essentials_total) == (1, 6)
    assert ml.readiness >= 0.9 and (ml.essentials_met, ml.essentials_total) == (4, 5)
    assert all("Kofi Asante" not in r["could_cover"] for r in team_json["roles"])


def test_the_assignment_gives_each_person_at_most_one_role(team_json):
    assert team_json["schema_version"] == 2  # the format changed: advice from the assignment
    assigned = [r["assigned"] for r in team_json["roles"] if r["assigned"] is not None]
    assert len(assigned) == len(set(assigned))
    assert set(assigned).isdisjoint(team_json["unassigned"])
    assert sorted(assigned + team_json["unassigned"]) == sorted(NAMES)  # ten people, once each
    assert team_json["covered"] == sum(r["advice"] == "covered" for r in team_json["roles"])
    assert "Hungarian algorithm" in team_json["method"]


def most_roles_covered(could_cover: dict[str, list[str]]) -> int:
    """The largest number of roles covered at once, one role a person: a maximum bipartite
    matching found by augmenting paths (independent of the code under test)."""
    holder: dict[str, str] = {}

    def place(role: str, seen: set[str]) -> bool:
        for person in could_cover[role]:
            if person in seen:
                continue
            seen.add(person)
            if person not in holder or place(holder[person], seen):
                holder[person] = role
                return True
        return False

    return sum(place(role, set()) for role in could_cover)


def test_the_assignment_covers_as_many_roles_as_any_could(team_json, runner):
    for threshold in ("0.75", "0.6", "0.85", "0.95"):
        data = (
            team_json
            if threshold == "0.75"
            else run_json(runner, "team", COHORT, "--threshold", threshold)
        )
        best = most_roles_covered({r["role"]: r["could_cover"] for r in data["roles"]})
        assert data["covered"] == best, threshold
        for r in data["roles"]:
            if r["advice"] == "covered":
                assert r["assigned"] in r["could_cover"]
    # Two people could cover Data Engineer and one Data Analyst: 2 of 9 at once.
    assert team_json["covered"] == 2


def test_assign_matches_brute_force_on_small_teams():
    import itertools
    import random

    from careerpath.cohort import assign

    rng = random.Random(14)
    for _ in range(200):
        people, roles = rng.randint(1, 5), rng.randint(1, 5)
        ready = [[round(rng.random(), 2) for _ in range(roles)] for _ in range(people)]
        covers = [[x >= 0.75 for x in row] for row in ready]
        near = [[x >= 0.6 for x in row] for row in ready]

        def score(pairs, covers=covers, near=near, ready=ready):
            return (
                sum(covers[i][j] for j, i in pairs),
                sum(near[i][j] for j, i in pairs),
                # Only where near: a pair that is not is "hire", its member left free.
                round(sum(ready[i][j] for j, i in pairs if near[i][j]), 6),
            )

        chosen = assign(ready, covers, near)
        assert len(set(chosen.values())) == len(chosen) == min(people, roles)
        best = max(
            score(list(zip(role_ids, persons, strict=False)))
            for persons in itertools.permutations(range(people), min(people, roles))
            for role_ids in itertools.combinations(range(roles), min(people, roles))
        )
        assert score(list(chosen.items())) == best


def test_advice_follows_the_assignment(team_json, group, catalog):
    """Covered: the assigned member covers it. Upskill: the assigned member is within 15 points
    of the threshold, or above it with an essential not met (the essentials they lack shown
    first, then their costliest gaps). Hire: nobody the assignment could give it is that
    near."""
    assert UPSKILL_MARGIN == 0.15
    by_name = dict(zip(NAMES, group, strict=True))
    for r in team_json["roles"]:
        if r["advice"] == "hire":
            assert r["assigned"] is None and r["assigned_readiness"] is None
            assert r["top_gaps"] == []
            continue
        match = assess(by_name[r["assigned"]], catalog).match(r["role"])
        ready, met = match.readiness, match.essentials_met == match.essentials_total
        assert r["assigned_readiness"] == ready
        if r["advice"] == "covered":
            assert ready >= 0.75 and met and r["top_gaps"] == []
        else:
            assert 0.60 <= ready < 0.75 or (ready >= 0.75 and not met)
            gaps = role_gaps(by_name[r["assigned"]], catalog, r["role"])
            lacking = [g.name for g in gaps if g.essential]
            lacking += [g.name for g in gaps if g.weighted_gap and not g.essential]
            assert r["top_gaps"] == lacking[:3]
            assert r["top_gaps"]
    advice = {r["role"]: (r["advice"], r["assigned"]) for r in team_json["roles"]}
    assert advice["data-engineer"] == ("covered", "Bruno Costa")
    assert advice["data-scientist"] == ("upskill", "Hiro Tanaka")
    # Kofi Asante is the one near ML Engineer (90%) and ML Researcher (73%): he takes the
    # first. Counting the readiness of whoever the assignment gave the role it then advised
    # hiring for once put him on ML Researcher and left ML Engineer to hire.
    assert advice["ml-engineer"] == ("upskill", "Kofi Asante")
    assert advice["ml-researcher"] == ("hire", None)
    assert team_json["unassigned"] == ["Ana Souza", "Samir Haddad"]
    # Lena Fischer is 77% ready for MLOps Engineer, meeting 4 of its 6 essentials: upskill,
    # the two she lacks first.
    assert advice["mlops-engineer"] == ("upskill", "Lena Fischer")
    mlops = next(r for r in team_json["roles"] if r["role"] == "mlops-engineer")
    assert mlops["assigned_readiness"] >= 0.75
    lena = role_gaps(by_name["Lena Fischer"], catalog, "mlops-engineer")
    assert mlops["top_gaps"][:2] == [g.name for g in lena if g.essential][:2]


def test_a_higher_threshold_covers_fewer_roles_and_turns_upskill_into_hire(runner, team_json):
    strict = run_json(runner, "team", COHORT, "--threshold", "0.96")
    could = lambda t: {r["role"] for r in t["roles"] if r["could_cover"]}  # noqa: E731
    assert could(strict) < could(team_json) and strict["covered"] < team_json["covered"]
    for r in strict["roles"]:
        if r["advice"] == "upskill":
            assert 0.81 <= r["assigned_readiness"] < 0.96
        elif r["advice"] == "covered":
            assert r["assigned_readiness"] >= 0.96
    advice = {r["role"]: r["advice"] for r in strict["roles"]}
    # Lena Fischer's 77% makes her the one to upskill for MLOps Engineer at 75%; at 96% it is
    # more than 15 points short.
    assert advice["mlops-engineer"] == "hire" and advice["ml-researcher"] == "hire"
    # At threshold 0 everyone could cover every role whose essentials they meet (with half its
    # weight answered, as every example has): readiness no longer decides.
    loose = run_json(runner, "team", COHORT, "--threshold", "0")
    catalog = load_catalog()
    results = [assess(load_answers(f, catalog), catalog) for f in sorted(COHORT.glob("*.yaml"))]
    for r in loose["roles"]:
        able = [
            x
            for x in results
            if x.match(r["role"]).answered_weight >= MIN_ANSWERED_TO_COVER
            and x.match(r["role"]).essentials_met == x.match(r["role"]).essentials_total
        ]
        assert len(r["could_cover"]) == len(able)
    assert loose["covered"] == 2 and len(loose["unassigned"]) == 1


def test_a_member_who_answered_little_of_a_role_does_not_cover_it(runner, tmp_path, catalog):
    """Readiness resting mostly on estimated levels is not coverage, nor worth upskilling."""
    sparse = tmp_path / "sparse.yaml"
    shutil.copy(COHORT / "ana-souza.yaml", tmp_path / "ana-souza.yaml")
    # Listing one skill says the rest are 0: far from every role.
    sparse.write_text("person: {name: Sam Sparse}\nskills: {python: 4}\n", encoding="utf-8")
    team = run_json(runner, "team", tmp_path, "--threshold", "0.5")
    assert all("Sam Sparse" not in r["could_cover"] for r in team["roles"])
    # With the rest unknown, four ML Engineer essentials at 4 estimate a high readiness, on a
    # fifth of the role's weight: not enough to cover it, or to be the one to upskill for it.
    sparse.write_text(
        "person: {name: Sam Sparse}\nunlisted: unknown\nskills: {python: 4, pytorch: 4, "
        "software-engineering: 4, model-serving: 4}\n",
        encoding="utf-8",
    )
    ml = assess(load_answers(sparse, catalog), catalog).match("ml-engineer")
    assert ml.readiness >= 0.5 and ml.answered_weight < MIN_ANSWERED_TO_COVER
    team = run_json(runner, "team", tmp_path, "--threshold", "0.5")
    assert all("Sam Sparse" not in r["could_cover"] for r in team["roles"])
    assert all(r["assigned"] != "Sam Sparse" for r in team["roles"])
    assert team["unassigned"] == ["Sam Sparse"]
    assert run(runner, "team", COHORT, "--threshold", "1.5").exit_code == 2


def test_team_html_and_text(runner, tmp_path, team_json, catalog):
    out = tmp_path / "team.html"
    result = run(runner, "team", COHORT, "-o", out)
    assert result.exit_code == 0, result.output
    # Said as plan and report say it: what was written, then where.
    assert result.stdout == f"Team report written to {out.resolve()}\n"
    html = out.read_text()
    heads = {"business": "Business side", "technical": "Technical side"}
    heads["cross-section"] = "Cross-section roles"
    for family, heading in heads.items():
        rows = table_after(html, heading)
        assert rows[0] == [
            "Role",
            "Assigned (readiness)",
            "Their top gaps",
            "Could cover it alone",
            "Advice",
        ]
        expected = [r for r in team_json["roles"] if r["family"] == family]
        assert [row[0] for row in rows[1:]] == [r["name"] for r in expected]
        assert [row[-1] for row in rows[1:]] == [r["advice"] for r in expected]
        assert [row[3] for row in rows[1:]] == [
            ", ".join(r["could_cover"]) or "nobody" for r in expected
        ]
    assert "Roles the team covers (readiness ≥ 75%)" in html
    assert "The assignment covers 2 of 9 roles at once." in html
    assert "Free (no role in it): Ana Souza, Samir Haddad." in html
    assert "Hungarian algorithm" in html
    assert "score" not in html.lower()
    rows = table_after(html, "Cross-section roles")
    ds = next(row for row in rows if row[0] == "Data Scientist")
    hiro = next(r for r in team_json["roles"] if r["role"] == "data-scientist")
    ready = f"{hiro['assigned_readiness'] * 100:.0f}%"
    assert ds[1] == f"Hiro Tanaka ({ready} ready)" and ds[3] == "nobody"
    assert f"Upskill Hiro Tanaka toward Data Scientist ({ready} ready)" in html
    assert "Hire for ML Researcher" in html
    assert "nobody near" not in html
    text = run(runner, "team", COHORT).stdout
    assert "Team coverage: 10 people, threshold 75%" in text
    assert "Assignment, one role each: 2 of 9 roles covered at once" in text
    assert "readiness" in text and "score" not in text
    assert re.search(rf"Data Scientist\s+Hiro Tanaka \({ready}\)\s+upskill\s+Statistics", text)
    assert re.search(r"ML Researcher\s+-\s+hire", text)
    assert "  Data Engineer: Bruno Costa, Ana Souza\n" in text
    assert "Free (no role in the assignment): Ana Souza, Samir Haddad" in text
    flat = " ".join(text.split())
    assert "Advice: upskill Chen Wei toward Business Analyst;" in flat
    assert "upskill Hiro Tanaka toward Data Scientist;" in flat
    assert "hire for ML Researcher." in flat
    assert "they meet each of its essential skills" in flat


@pytest.mark.parametrize("threshold", ["0.5", "0.7", "0.75"])
def test_could_cover_says_who_holds_another_role(runner, tmp_path, threshold):
    """One who could cover a role alone but whom the assignment gives another says which,
    in the text and the HTML: "could cover it" beside "hire", or beside someone else assigned,
    is then no contradiction. The HTML once read "Assigned: nobody near" next to "Could cover
    it alone: José Gonçalves"."""
    data = run_json(runner, "team", COHORT, "--threshold", threshold)
    holds = {r["assigned"]: r["name"] for r in data["roles"] if r["assigned"]}
    out = tmp_path / "team.html"
    assert run(runner, "team", COHORT, "--threshold", threshold, "-o", out).exit_code == 0
    html = out.read_text()
    cells = {
        row[0]: row
        for heading in ("Business side", "Technical side", "Cross-section roles")
        for row in table_after(html, heading)[1:]
    }
    text = " ".join(run(runner, "team", COHORT, "--threshold", threshold).stdout.split())
    for r in data["roles"]:
        shown = [
            f"{n} (holds {holds[n]})" if holds.get(n, r["name"]) != r["name"] else n
            for n in r["could_cover"]
        ]
        assert cells[r["name"]][3] == (", ".join(shown) or "nobody")
        assert f"{r['name']}: {', '.join(shown) or 'nobody'}" in text
        if r["assigned"] is None:
            assert cells[r["name"]][1] == "nobody"
    assert any("(holds " in row[3] for row in cells.values()) == (threshold != "0.75")


@pytest.mark.pdf
def test_team_pdf_shows_the_assignment_and_the_advice_and_anonymised_names_nobody(runner, tmp_path):
    out = tmp_path / "team.pdf"
    assert run(runner, "team", COHORT, "-o", out).exit_code == 0
    text = " ".join(pdf_text(out).split())
    assert "The assignment covers 2 of 9 roles at once." in text
    assert "Upskill Hiro Tanaka toward Data Scientist" in text
    assert "Hire for ML Researcher" in text
    anon = tmp_path / "anon.pdf"
    result = run(runner, "team", COHORT, "--anonymise", "-o", anon, env={KEY_ENV: KEY})
    assert result.exit_code == 0, result.output
    text = pdf_text(anon)
    assert name_leaks(text) == [] and PSEUDONYM.search(text)
    assert "Hire for ML Researcher" in " ".join(text.split())


def test_team_skips_bad_files_too(runner, folder_with_bad_files):
    result = run(runner, "team", folder_with_bad_files, "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["people"] == 6 and len(data["skipped"]) == 2
    assert result.stderr.count("skipped: ") == 2
    # A finished sentence, with the count of files used.
    assert result.stderr.splitlines()[-1] == (
        "error: 2 files could not be used (listed above); 6 others were used"
    )


def test_team_help_states_the_assignment_rule_the_code_uses(runner):
    """The help names every criterion of ASSIGNMENT_METHOD, in its order (it once left out
    the middle one: the roles left within reach of upskilling)."""
    from careerpath.cohort import ASSIGNMENT_METHOD

    text = " ".join(run(runner, "team", "--help").stdout.split())
    criteria = ["the most roles covered", "within reach of upskilling", "highest total readiness"]
    assert all(" ".join(c.split()[-2:]) in ASSIGNMENT_METHOD for c in criteria[1:])
    assert "covers the most roles" in ASSIGNMENT_METHOD
    where = [text.find(c) for c in criteria]
    assert -1 not in where and where == sorted(where), text


def test_a_member_with_no_known_level_is_skipped(runner, tmp_path):
    # A questionnaire started and left at once: unlisted unknown, nothing rated. Its fit would
    # be all guesses, yet it could be "closest" to a role and count toward the five people.
    folder = tmp_path / "group"
    folder.mkdir()
    for f in FILES[:5]:
        shutil.copy(f, folder)
    (folder / "empty-session.yaml").write_text("schema_version: 1\nunlisted: unknown\n")
    data = run_json(runner, "cohort", folder)
    assert data["people"] == 5
    [skip] = data["skipped"]
    assert skip["file"].endswith("empty-session.yaml") and skip["kind"] == "empty"
    assert "no skill is answered" in skip["reason"]


def test_anonymised_reasons_replace_whole_file_names_only(tmp_path):
    from careerpath.cohort import withheld
    from careerpath.models.outputs import Skipped

    short = Skipped(
        file="e", reason="e: line 2: skills.python: Input should be less than 4", kind="invalid"
    )
    [out] = withheld([short], [])
    assert out.file is None
    assert out.reason == "the file: line 2: skills.python: Input should be less than 4"


# --- every person on the page: the heatmap and team tables fit (issue 14) -------------------

FIRST_NAMES = ["Ada", "Bea", "Cai", "Dev", "Eli", "Fen", "Gus", "Hana", "Ivo", "Jun"]
SURNAMES = ["Moreau", "Okafor", "Lindqvist", "Nakamura"]


@pytest.fixture(scope="module")
def forty(tmp_path_factory) -> list[Path]:
    """Forty people, each a shipped example with another name and some levels moved, in files
    named after them (as a mentor's often are)."""
    import yaml

    examples = sorted((EXAMPLES / "answers").glob("*.yaml"))
    folder = tmp_path_factory.mktemp("forty")
    files = []
    for i in range(40):
        data = yaml.safe_load(examples[i % len(examples)].read_text(encoding="utf-8"))
        name = f"{FIRST_NAMES[i % 10]} {SURNAMES[i // 10]}"
        data["person"]["name"] = name
        for j, (skill, value) in enumerate(list(data["skills"].items())):
            level = value.get("level") if isinstance(value, dict) else value
            if level is None or (i + j) % 4:
                continue
            level = (level + 1 + i % 3) % 5
            data["skills"][skill] = {**value, "level": level} if isinstance(value, dict) else level
        path = folder / f"{name.lower().replace(' ', '-')}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        files.append(path)
    return files


def forty_leaks(files: list[Path], text: str) -> list[str]:
    names = [load_answers(f, load_catalog(EXAMPLES.parent / "data")).person.name for f in files]
    found = [n for n in names if n in text] + [f.stem for f in files if f.stem in text]
    return found + [p for p in SURNAMES if re.search(rf"\b{p}\b", text)]


@pytest.fixture(scope="module")
def forty_html(forty) -> dict[str, str]:
    """The anonymised cohort and team views of the forty, as HTML."""
    folder = forty[0].parent
    out = {}
    for view in ("cohort", "team"):
        path = folder.parent / f"{folder.name}-{view}.html"
        result = run(CliRunner(), view, folder, "--anonymise", "-o", path, env={KEY_ENV: KEY})
        assert result.exit_code == 0, result.output
        out[view] = path.read_text(encoding="utf-8")
    return out


def forty_labels(forty: list[Path]) -> list[str]:
    catalog = load_catalog(EXAMPLES.parent / "data")
    return sorted(
        expected_label(KEY.encode(), load_answers(f, catalog).person.name, f) for f in forty
    )


def render_pdf(html: str):
    """One WeasyPrint render, as `write_output` does it (same base URL, same fetcher): the
    laid-out document, to measure, and its PDF bytes, to read."""
    from weasyprint import HTML

    from careerpath.catalog import templates_dir
    from careerpath.render.pdf import templates_only_fetcher

    refused: list[str] = []
    document = HTML(
        string=html,
        base_url=templates_dir().as_uri() + "/",
        url_fetcher=templates_only_fetcher(refused),
    ).render()
    assert refused == []
    return document, document.write_pdf()


def outside_the_page(document) -> list[str]:
    """Every box that reaches past its page's content area (left or right), and every line of
    text wider than the table cell that holds it, described; [] when everything fits."""
    from weasyprint.formatting_structure import boxes

    found = []
    for number, page in enumerate(document.pages, 1):
        root = page._page_box  # WeasyPrint's laid-out page; positions in CSS px
        left, right = root.content_box_x(), root.content_box_x() + root.width
        for box in root.descendants():
            if isinstance(box, boxes.PageBox | boxes.MarginBox) or box.width is None:
                continue
            x, width = box.border_box_x(), box.border_width()
            if x < left - 0.5 or x + width > right + 0.5:
                found.append(f"page {number}: <{box.element_tag}> {x:.0f}-{x + width:.0f}")
            if isinstance(box, boxes.TableCellBox):
                edge = box.content_box_x() + box.width
                for line in box.descendants():
                    if (
                        isinstance(line, boxes.TextBox)
                        and line.position_x + line.width > edge + 0.5
                    ):
                        found.append(f"page {number}: {line.text!r} overflows its cell")
    return found


def visible_pdf_text(pdf: Path) -> str:
    """The text poppler draws on the pages, whitespace folded: a glyph beyond a page's edge
    is not in it (pypdf's text has every glyph, seen or not)."""
    tool = require_tool("pdftotext")
    text = subprocess.run(
        [tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


def test_heatmap_tables_hold_every_skill_once_in_catalogue_order_by_category(catalog):
    for columns in (HEATMAP_COLUMNS, 4):
        layout = heatmap_tables(catalog, columns)
        groups = [g for table in layout for g in table]
        assert [s for g in groups for s in g.skills] == list(catalog.skills)
        assert all(sum(len(g.skills) for g in table) <= columns for table in layout)
        for g in groups:
            skills = catalog.skills
            assert {catalog.categories[skills[s].category].name for s in g.skills} == {g.category}
        # A wide category is split into near-equal, numbered parts, one table each.
        business = [g for g in groups if g.category == "Business and people"]
        assert [g.part for g in business] == list(range(1, len(business) + 1))
        assert all(g.parts == len(business) for g in business)
        assert len(business) == -(-15 // columns)
        assert max(len(g.skills) for g in business) - min(len(g.skills) for g in business) <= 1
    # Small neighbours share a table: Data manipulation (3) with Mathematics (4).
    assert [[g.category for g in t] for t in heatmap_tables(catalog)][1] == [
        "Data manipulation",
        "Mathematics",
    ]


def test_heatmap_headers_break_long_words_only_with_a_visible_hyphen(cohort_html):
    """Soft hyphens at syllable breaks (the browser's own hyphenation may be missing, and
    then words were cut anywhere: "regularisatio|n"); names with capitals inside break before
    them, and no header may be cut anywhere else."""
    from careerpath.render.html import hyphenated

    assert str(hyphenated("Regularisation")) == "Reg\u00adu\u00adlar\u00adi\u00adsa\u00adtion"
    assert str(hyphenated("PyTorch <x>")) == "Py\u00adTorch &lt;x&gt;"  # escaped, too
    assert "(clus\u00adter\u00ading, di\u00admen\u00adsion\u00adal\u00adi\u00adty re" in cohort_html
    head = re.search(r"table\.heatmap thead th \{[^}]*\}", cohort_html).group()
    assert "hyphens: manual" in head and "overflow-wrap: normal" in head


def test_every_heatmap_table_is_sized_to_fit_its_column(cohort_html):
    """Fixed layout, and for each number of skill columns a width within 100%: a table can
    then never be wider than its page or its column, whatever its text."""
    assert re.search(r"table\.heatmap \{ table-layout: fixed;", cohort_html)
    widths = {
        int(n): float(w)
        for n, w in re.findall(r"table\.heatmap\.cols-(\d+) \{ width: ([\d.]+)%", cohort_html)
    }
    assert sorted(widths) == list(range(1, HEATMAP_COLUMNS + 1))
    assert widths[HEATMAP_COLUMNS] == 100 and all(widths[n] < 100 for n in range(1, 7))
    used = {int(n) for n in re.findall(r'class="heatmap cols-(\d+)[ "]', cohort_html)}
    assert used and used <= set(widths)


@pytest.mark.pdf
def test_a_forty_person_cohort_shows_every_pseudonym_within_the_pdf_pages(forty, forty_html):
    """The cohort heatmap used to be cut off at the page's right edge (people missing). Forty
    pseudonymised people: every one is a row of every heatmap table in the HTML, nothing in
    the PDF reaches past a page's content area, and every pseudonym is in the PDF's text,
    both all of it (pypdf) and what is drawn on the page (poppler). No name leaks."""
    from pypdf import PdfReader

    labels = forty_labels(forty)
    html = forty_html["cohort"]
    table = heatmap(html)
    assert table["people"] == labels and len(labels) == 40
    assert html.count('class="heatmap cols-') == len(heatmap_tables(load_catalog(DATA)))
    assert forty_leaks(forty, html) == [] and forty_leaks(forty, "Ada Moreau")  # (control)

    document, pdf = render_pdf(html)
    assert outside_the_page(document) == []
    path = forty[0].parent.parent / "forty-cohort.pdf"
    path.write_bytes(pdf)
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    visible = visible_pdf_text(path)
    for label in labels:
        # In the heatmap each pseudonym is one line: whole in the text, findable in a viewer.
        assert label in " ".join(text.split()), label
        assert visible.count(label) >= len(heatmap_tables(load_catalog(DATA))), label
    assert forty_leaks(forty, text) == []


@pytest.mark.pdf
def test_the_team_view_of_forty_fits_its_pdf_pages(forty, forty_html):
    labels = forty_labels(forty)
    document, pdf = render_pdf(forty_html["team"])
    assert outside_the_page(document) == []
    path = forty[0].parent.parent / "forty-team.pdf"
    path.write_bytes(pdf)
    visible = visible_pdf_text(path)
    # Who covers each role and who is nearest. In the team lists a pseudonym may wrap after a
    # hyphen (which poppler then drops, as it would a word's), and is still all on the page.
    named = [label for label in labels if label in forty_html["team"]]
    assert len(named) >= 5
    for label in named:
        assert re.search(r"-? ?".join(map(re.escape, label.split("-"))), visible), label


def test_the_page_check_sees_a_table_wider_than_its_page():
    """Control: the check above finds a wide table and text overflowing its cell."""
    wide = "<table style='width: 300mm'><tr><td>x</td></tr></table>"
    narrow = (
        "<table style='table-layout: fixed; width: 20mm'><tr>"
        "<td style='white-space: nowrap'>Person 25RS-CYHD-ZFPJ-FRGA</td></tr></table>"
    )
    document, _ = render_pdf(f"<html><body>{wide}{narrow}</body></html>")
    found = outside_the_page(document)
    assert any("<table>" in f for f in found)
    assert any("overflows its cell" in f for f in found)


MEASURE = """<script>
const main = document.querySelector("main").getBoundingClientRect();
const out = {page: [document.documentElement.scrollWidth, document.documentElement.clientWidth],
             tables: 0, wide: [], overflowing: []};
for (const t of document.querySelectorAll("table")) {
  out.tables += 1;
  const r = t.getBoundingClientRect();
  if (r.left < main.left - 0.5 || r.right > main.right + 0.5) out.wide.push(t.className);
  for (const c of t.querySelectorAll("th, td"))
    if (c.scrollWidth > c.clientWidth + 1) out.overflowing.push(c.textContent.trim());
}
// Every line break inside a heatmap header: where it falls, marked "|" in the text. Only a
// space, a hyphen, a slash or a soft hyphen (drawn as a hyphen) may come before one.
out.breaks = [];
for (const th of document.querySelectorAll("table.heatmap thead th")) {
  const node = th.firstChild;
  if (!node || node.nodeType !== Node.TEXT_NODE) continue;
  const text = node.textContent;
  let top = null, last = -1;
  for (let i = 0; i < text.length; i++) {
    if (/[\\s\\u00ad]/.test(text[i])) continue;
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + 1);
    // The last box: a letter just after a break may also report an empty one at the end of
    // the line before.
    const boxes = [...range.getClientRects()].filter((b) => b.width > 0);
    if (!boxes.length) continue;
    const r = boxes[boxes.length - 1];
    if (top !== null && r.top > top + 1) {
      const between = text.slice(last, i);
      out.breaks.push([/[\\s\\u00ad\\/-]/.test(between), text.slice(0, i) + "|" + text.slice(i)]);
    }
    top = r.top;
    last = i;
  }
}
const pre = document.createElement("pre");
pre.id = "measured";
pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [1200, 500])  # 500: the narrowest headless Chromium lays out
@pytest.mark.parametrize("view", ["cohort", "team"])
def test_no_table_of_forty_is_wider_than_its_column_in_chromium(forty_html, tmp_path, view, width):
    """Headless Chromium lays the forty-person page out at a desktop's and a phone's width:
    the page does not scroll sideways, every table stays inside the main column, and no cell's
    text overflows it. The page has no script of its own, so a measuring script is added to a
    copy, under a policy that allows it (test only)."""
    from test_browser import chromium

    browser = require_tool("chromium")
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", forty_html[view])
    page = tmp_path / f"{view}.html"
    page.write_text(html.replace("</body>", MEASURE + "</body>"), encoding="utf-8")
    run = chromium(browser, tmp_path, f"--window-size={width},1600", "--dump-dom", page.as_uri())
    assert run.returncode == 0, run.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', run.stdout, re.S)
    assert found, run.stdout[-2000:]
    measured = json.loads(unescape(found.group(1)))
    assert measured["tables"] >= (
        len(heatmap_tables(load_catalog(DATA))) if view == "cohort" else 3
    )
    scroll, client = measured["page"]
    assert width - 20 <= client <= width  # laid out at the width asked for
    assert scroll <= client, f"the page scrolls sideways: {scroll} > {client}"
    assert measured["wide"] == []
    assert measured["overflowing"] == [], measured["overflowing"]
    # Header words break at a space or with a visible hyphen, never mid-word
    # ("regularisatio|n"); at a phone's width some do break, so the check sees breaks.
    assert [text for ok, text in measured["breaks"] if not ok] == []
    if view == "cohort" and width == 500:
        assert any("\u00ad|" in text for _, text in measured["breaks"])


def _later_and_earlier(tmp_path: Path, earlier: str | None = "2025-01-01") -> Path:
    """The example cohort plus an earlier assessment of Kofi Asante (same name)."""
    folder = tmp_path / "team"
    shutil.copytree(EXAMPLES / "cohort", folder)
    now = folder / "kofi-asante.yaml"
    text = now.read_text("utf-8")
    assert re.search(r"^assessed_on: 2026-", text, re.M)
    if earlier is None:
        text = re.sub(r"^assessed_on: .*\n", "", text, flags=re.M)
        now.write_text(text, "utf-8")
    text = text.replace("\n  r: 1\n", "\n  r: 2\n")  # the other file's answers differ a little
    if earlier is not None:
        text = re.sub(r"^assessed_on: .*$", f"assessed_on: {earlier}", text, flags=re.M)
    (folder / "kofi-old.yaml").write_text(text, "utf-8")
    return folder


@pytest.mark.parametrize("command", ["cohort", "team"])
def test_an_earlier_assessment_of_the_same_person_is_left_out(runner, tmp_path, command):
    folder = _later_and_earlier(tmp_path)
    data = run_json(runner, command, folder)
    assert data["people"] == 10  # not 11: this year's and last year's Kofi are one person
    [older] = data["skipped"]
    assert older["kind"] == "older" and older["file"] == str(folder / "kofi-old.yaml")
    assert str(folder / "kofi-asante.yaml") in older["reason"]
    if command == "team":
        assigned = [r["assigned"] or "" for r in data["roles"]] + data["unassigned"]
        assert sum("Kofi Asante" in a for a in assigned) == 1
    anonymised = run_json(runner, command, folder, "--anonymise", env={KEY_ENV: KEY})
    [older] = anonymised["skipped"]
    assert older["file"] is None and "kofi" not in older["reason"].lower()


def test_namesakes_without_dates_both_count(runner, tmp_path):
    folder = _later_and_earlier(tmp_path, earlier=None)
    data = run_json(runner, "cohort", folder)
    assert data["people"] == 11 and data["skipped"] == []


@pytest.mark.parametrize("command", ["cohort", "team"])
def test_a_missing_path_is_listed_and_the_others_are_used(runner, folder_with_bad_files, command):
    """A mistyped path is one more file that cannot be used, as the README and --keep-going
    say: listed, the others used, status 1 (it used to stop the run as a usage error)."""
    missing = folder_with_bad_files.parent / "no-such-person.yaml"
    result = run(runner, command, folder_with_bad_files, missing, "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    assert data["people"] == 6
    assert f"skipped: {missing}: file not found" in result.stderr
    good = EXAMPLES / "answers" / "data-analyst.yaml"
    stop = run(runner, command, good, missing, "--fail-fast")
    assert stop.exit_code == 1 and stop.stdout == ""
    assert str(missing) in stop.stderr and "Traceback" not in stop.output
