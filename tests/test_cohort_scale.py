"""Cohort and team for large groups (issue 15): everyone scored in one vectorised pass must say
exactly what a per-person ``assess()`` says; answers read on the process pool give the same
group as answers read in one process; and a JSON Lines file (an HR export: one person's
answers a line) is read like a folder of answers files, bad lines reported by line."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import DATA, EXAMPLES

from careerpath.answers import load_answers
from careerpath.catalog import load_catalog
from careerpath.cli import cli
from careerpath.cohort import (
    KEY_ENV,
    MIN_ANSWERED_TO_COVER,
    MIN_GROUP_FOR_AVERAGES,
    load_group,
)
from careerpath.documents import MAX_LINE_BYTES
from careerpath.scoring import assess, role_gaps

KEY = "test-key-7f3a9c1e5b2d-4c8e0a6f9b1d3e5a7c"
PSEUDONYM = re.compile(r"Person [A-Z2-7]{4}(-[A-Z2-7]{4}){3}")
COHORT = sorted((EXAMPLES / "cohort").glob("*.yaml"))


def generated(catalog, count: int, seed: int = 15) -> list[dict]:
    """``count`` answers documents covering every way a file says what it knows: levels left
    out (0), listed with no level (unknown), ``unlisted: unknown``, names given twice or not
    at all, unknown skill names, targets or none."""
    rng = random.Random(seed)
    skills, roles = list(catalog.skills), list(catalog.roles)
    docs = []
    for i in range(count):
        person: dict = {}
        if i % 11:
            person["name"] = f"Person {i % (count - 40)}"  # some names twice
        if rng.random() < 0.8:
            person["target_role"] = rng.choice(roles)
        listed = rng.sample(skills, rng.randint(1, len(skills)))
        chosen = {s: rng.randint(0, 4) for s in listed}
        if i % 5 == 1:
            for s in rng.sample(listed, max(1, len(listed) // 4)):
                chosen[s] = None
        doc: dict = {"schema_version": 1, "person": person, "skills": chosen}
        if i % 7 == 2:
            doc["unlisted"] = "unknown"
        if i % 53 == 0:
            doc["skills"]["not-a-skill"] = 2
        if chosen and all(v is None for v in chosen.values()):
            chosen[listed[0]] = 1
        docs.append(doc)
    return docs


def write_files(folder: Path, docs: list[dict]) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for i, doc in enumerate(docs):
        path = folder / f"p{i:04d}.json"
        path.write_text(json.dumps(doc))
        paths.append(path)
    return paths


def run(runner, *args, env=None):
    return runner.invoke(cli, [*map(str, args)], env=env)


def run_json(runner, *args, env=None) -> dict:
    result = run(runner, *args, "--json", env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- the reference: the cohort and team as they were built, one assess() a person ----------


def expected_cohort(profiles, catalog) -> dict:
    """Members, best roles, closest members, common gaps and means, computed from a full
    per-person ``assess()`` and the definitions (what cohort.py did before issue 15)."""
    results = [assess(p, catalog) for p in profiles]
    names = [p.person.name or Path(p.source).stem for p in profiles]
    twice = {n for n, c in Counter(names).items() if c > 1}
    labels = [
        f"{n} ({p.source})" if n in twice else n for n, p in zip(names, profiles, strict=True)
    ]
    members = [
        {
            "label": label,
            "best_role": r.ranking[0].role,
            "best_fit": r.ranking[0].fit,
            "target": p.person.target_role,
            "levels": list(p.levels.items()),
            "fit": [(m.role, m.fit) for m in r.ranking],
            "readiness": [(m.role, m.readiness) for m in r.ranking],
        }
        for label, p, r in zip(labels, profiles, results, strict=True)
    ]
    wanted = Counter(p.person.target_role for p in profiles if p.person.target_role)
    target = min(wanted, key=lambda r: (-wanted[r], r))
    role = catalog.roles[target]
    per_skill: dict[str, list[float]] = {}
    for p in profiles:
        for g in role_gaps(p, catalog, target):
            cost = g.weighted_gap
            if cost is None:
                cost = role.skills[g.skill].importance * role.skills[g.skill].level
            per_skill.setdefault(g.skill, []).append(cost)
    gaps = sorted(
        (
            {
                "skill": s,
                "people": len(v),
                "essential": role.skills[s].essential,
                "mean_gap": round(sum(v) / len(profiles), 2),
            }
            for s, v in per_skill.items()
        ),
        key=lambda g: (
            not g["essential"],
            -g["people"],
            -role.skills[g["skill"]].importance,
            g["skill"],
        ),
    )[:15]
    closest = {}
    for role_id in catalog.roles:
        best = max(members, key=lambda m: (dict(m["fit"])[role_id], m["label"]))
        closest[role_id] = (best["label"], dict(best["fit"])[role_id])

    def distinct(group) -> int:
        named = {" ".join(p.person.name.split()).casefold() for p in group if p.person.name}
        return len(named) + sum(1 for p in group if not p.person.name)

    means = {}
    for skill_id in catalog.skills:
        answered = [p for p in profiles if skill_id in p.levels]
        if distinct(answered) >= MIN_GROUP_FOR_AVERAGES:
            values = [p.levels[skill_id] for p in answered]
            means[skill_id] = round(sum(values) / len(values), 2)
    counts = Counter(m["best_role"] for m in members)
    return {
        "results": results,
        "labels": labels,
        "members": members,
        "target": target,
        "gaps": gaps,
        "closest": closest,
        "means": means,
        "counts": dict(counts),
    }


@pytest.fixture(scope="module")
def thousand(tmp_path_factory, catalog):
    folder = tmp_path_factory.mktemp("thousand") / "people"
    paths = write_files(folder, generated(catalog, 1000))
    profiles = [load_answers(p, catalog) for p in paths]
    return folder, profiles, expected_cohort(profiles, catalog)


def test_a_thousand_people_scored_at_once_match_assess_for_each(thousand, runner):
    """The vectorised cohort against a full ``assess()`` per person: every member's levels
    (in the file's order), fit and readiness for every role (in ranking order), best role,
    and everything computed over the group."""
    folder, profiles, want = thousand
    folder_catalog = load_catalog(DATA)
    unknown = sum(1 for p in profiles if len(p.levels) < len(folder_catalog.skills))
    assert unknown > 100  # people with unknown levels, estimated
    got = run_json(runner, "cohort", folder)
    assert got["people"] == 1000 and got["skipped"] == []
    members = [
        {
            **m,
            "levels": list(m["levels"].items()),
            "fit": list(m["fit"].items()),
            "readiness": list(m["readiness"].items()),
        }
        for m in got["members"]
    ]
    assert members == want["members"]
    assert got["best_role_counts"] == want["counts"]
    assert list(got["best_role_counts"].values()) == sorted(want["counts"].values(), reverse=True)
    assert got["target"] == want["target"]
    gaps = [
        {k: g[k] for k in ("skill", "people", "essential", "mean_gap")} for g in got["common_gaps"]
    ]
    assert gaps == want["gaps"]
    assert {c["role"]: (c["label"], c["fit"]) for c in got["closest"]} == want["closest"]
    assert got["skill_means"] == want["means"]
    assert len(got["ignored"]) == sum(len(p.ignored) for p in profiles) > 0


def test_a_thousand_people_in_a_team_match_assess_for_each(thousand, runner, catalog):
    """Who could cover each role, from a per-person ``assess()``: readiness at the threshold
    with enough of the role known and every essential met, best first."""
    folder, _profiles, want = thousand
    got = run_json(runner, "team", folder, "--threshold", "0.6")
    assert got["people"] == 1000
    for role in got["roles"]:
        able = [
            (-r.match(role["role"]).readiness, label)
            for label, r in zip(want["labels"], want["results"], strict=True)
            if r.match(role["role"]).answered_weight >= MIN_ANSWERED_TO_COVER
            and r.match(role["role"]).readiness >= 0.6
            and r.match(role["role"]).essentials_met == r.match(role["role"]).essentials_total
        ]
        assert role["could_cover"] == [label for _, label in sorted(able)]
        if role["assigned"] is not None:
            i = want["labels"].index(role["assigned"])
            assert role["assigned_readiness"] == want["results"][i].match(role["role"]).readiness
    assert sum(r["advice"] == "covered" for r in got["roles"]) == got["covered"] > 0


def test_the_same_people_as_json_lines_are_the_same_cohort(thousand, runner, tmp_path):
    folder = thousand[0]
    lines = tmp_path / "export.jsonl"
    lines.write_text(
        "".join(p.read_text() + "\n" for p in sorted(folder.iterdir())), encoding="utf-8"
    )
    got = run_json(runner, "cohort", lines)
    by_file = run_json(runner, "cohort", folder)
    strip = [{k: v for k, v in m.items() if k != "label"} for m in got["members"]]
    assert strip == [{k: v for k, v in m.items() if k != "label"} for m in by_file["members"]]
    for key in ("best_role_counts", "common_gaps", "closest", "skill_means", "target"):
        if key == "closest":
            assert [c["fit"] for c in got[key]] == [c["fit"] for c in by_file[key]]
        else:
            assert got[key] == by_file[key]
    # People of one name are told apart by their line, as files are by their file name.
    labels = [m["label"] for m in got["members"]]
    assert len(set(labels)) == len(labels)
    assert any(re.fullmatch(r"Person \d+ \(.*export\.jsonl:\d+\)", label) for label in labels)
    assert "export line 1" in labels  # the first person gives no name


def test_answers_read_on_the_process_pool_are_the_same_group(thousand, catalog):
    folder, _profiles, _want = thousand
    files = sorted(folder.iterdir())[:60]
    one = load_group(files, catalog, jobs=1)
    two = load_group(files, catalog, jobs=2, files_per_task=7)
    assert one == two and len(one[0]) == 60


def test_json_lines_read_on_the_process_pool_are_the_same_group(tmp_path, catalog):
    lines = tmp_path / "export.jsonl"
    docs = generated(catalog, 50)
    text = [json.dumps(d) for d in docs]
    text[7] = '{"schema_version": 1, "skills": {"python": 7}}'
    lines.write_text("\n".join(text) + "\n\n")
    one = load_group([lines], catalog, jobs=1)
    two = load_group([lines], catalog, jobs=2, lines_per_task=6)
    assert one == two and len(one[0]) == 49
    assert one[1][0].reason.startswith("line 8: skills.python")


# --- JSON Lines -----------------------------------------------------------------------------


def export(tmp_path: Path, lines: list[str], name: str = "people.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def example_lines() -> list[str]:
    import yaml

    return [json.dumps(yaml.safe_load(f.read_text()), default=str) for f in COHORT]


def test_a_json_lines_export_is_a_cohort_with_bad_lines_named_by_line(runner, tmp_path):
    lines = example_lines()
    lines[2:2] = ["", '{"schema_version": 1, "skills": {"python": 9}}', "   ", "{not json"]
    path = export(tmp_path, lines)
    result = run(runner, "cohort", path)
    assert result.exit_code == 1
    assert "Cohort: 10 people" in result.stdout  # the others were used
    assert f"skipped: {path}: line 4: skills.python: a level must be a whole" in result.stderr
    assert f"skipped: {path}: line 6: invalid JSON" in result.stderr
    assert "2 files or lines could not be used" in result.stderr
    assert "line 3" not in result.stderr and "line 5" not in result.stderr  # blank: ignored
    data = json.loads(run(runner, "cohort", path, "--json").stdout)
    assert [(s["file"], s["kind"]) for s in data["skipped"]] == [(str(path), "invalid")] * 2
    by_file = run_json(runner, "cohort", *COHORT)
    assert data["members"] == by_file["members"]


def test_levels_a_spreadsheet_exported_as_floats_count_and_halves_are_refused(runner, tmp_path):
    """pandas writes 4.0 in a column that has blanks: that person is counted, not dropped."""
    lines = example_lines()
    whole = json.loads(lines[0])
    whole["skills"] = {k: float(v) if isinstance(v, int) else v for k, v in whole["skills"].items()}
    lines[0] = json.dumps(whole)
    lines.append('{"schema_version": 1, "skills": {"python": 4.5}}')
    path = export(tmp_path, lines)
    result = run(runner, "cohort", path, "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["people"] == 10
    assert data["members"] == run_json(runner, "cohort", *COHORT)["members"]
    assert f"skipped: {path}: line 11: skills.python: a level must be a whole" in result.stderr
    assert "(got 4.5)" in result.stderr and "line 1:" not in result.stderr


@pytest.mark.parametrize("anonymise", [False, True])
def test_bad_lines_are_counted_as_lines_not_files(runner, tmp_path, anonymise, monkeypatch):
    """Three bad lines of one export once read "3 file(s) skipped", in the terminal and the
    HTML; the final error already said "file(s) or line(s)"."""
    monkeypatch.setenv("CAREERPATH_PSEUDONYM_KEY", "k" * 40)
    lines = [*example_lines(), *['{"schema_version": 1, "skills": {"python": 9}}'] * 3]
    lines[-1] = lines[-1].replace("9", "8")  # not copies of one another
    lines[-2] = lines[-2].replace("9", "7")
    path = export(tmp_path, lines)
    extra = ["--anonymise"] if anonymise else []
    for command in ("cohort", "team"):
        result = run(runner, command, path, *extra)
        assert result.exit_code == 1
        assert "3 files or lines skipped (see above)." in result.stdout
        assert "3 files or lines could not be used" in result.stderr
        out = tmp_path / f"{command}.html"
        assert run(runner, command, path, *extra, "-o", out, "--force").exit_code == 1
        html = " ".join(out.read_text().split())
        assert "10 people; 3 files or lines could not be used (listed on the terminal)" in html
    data = run(runner, "cohort", path, *extra, "--json").stdout
    assert [s["json_lines"] for s in json.loads(data)["skipped"]] == [True] * 3
    # Files are still files.
    for i, line in enumerate(example_lines()[:2]):
        (tmp_path / f"bad{i}.yaml").write_text(line.replace('"skills": {', '"skills": {"r": 9, '))
    result = run(runner, "cohort", tmp_path / "bad0.yaml", tmp_path / "bad1.yaml", *COHORT)
    assert "2 files skipped (see above)." in result.stdout


def test_fail_fast_stops_at_the_first_bad_line(runner, tmp_path):
    lines = example_lines()
    lines.insert(3, '{"schema_version": 1, "skills": {"python": "lots"}}')
    result = run(runner, "cohort", export(tmp_path, lines), "--fail-fast")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "people.jsonl:4: skills.python" in result.stderr
    assert "Cohort:" not in result.stdout


def test_a_line_too_long_is_refused_with_its_line_and_the_limit(runner, tmp_path):
    lines = example_lines()
    lines.insert(1, '{"schema_version": 1, "person": {"name": "' + "x" * MAX_LINE_BYTES + '"}}')
    path = export(tmp_path, lines)
    result = run(runner, "cohort", path)
    assert result.exit_code == 1
    assert f"{path}: line 2: the line is longer than {MAX_LINE_BYTES // 1024} KiB" in result.stderr
    assert "Cohort: 10 people" in result.stdout  # the lines after it are read


def test_blank_and_unknown_lines_are_skipped_per_line_and_strict_applies_per_line(runner, tmp_path):
    lines = example_lines()
    lines.append('{"schema_version": 1, "skills": {"python": null}}')  # a blank template
    lines.append('{"schema_version": 1, "skills": {"python": 2, "Excel-ish": 1}}')
    lines.append(lines[0])  # the same answers twice
    path = export(tmp_path, lines)
    result = run(runner, "cohort", path)
    assert result.exit_code == 0, result.output  # blank and copies are no error
    assert f"{path}: line 11: no skill is answered" in result.stderr
    assert f"warning: {path}:12: skills.Excel-ish: unknown skill" in result.stderr
    assert f"{path}: line 13: the same answers as {path}:1; counted once" in result.stderr
    assert "Cohort: 11 people" in result.stdout
    strict = (
        run(runner, "--strict", "cohort", path)
        if False
        else run(runner, "cohort", path, "--strict")
    )
    assert strict.exit_code == 1
    assert f"{path}: line 12: skills.Excel-ish: unknown skill" in strict.stderr


def test_a_file_of_blank_lines_is_nobody(runner, tmp_path):
    path = export(tmp_path, ["", "  ", ""])
    result = run(runner, "cohort", path)
    assert result.exit_code == 1
    assert "holds no answers" in result.output and "Traceback" not in result.output


def test_the_five_person_rule_counts_people_per_line(runner, tmp_path):
    lines = example_lines()[:4]
    assert run_json(runner, "cohort", export(tmp_path, lines))["skill_means"] is None
    five = example_lines()[:5]
    assert run_json(runner, "cohort", export(tmp_path, five, "five.jsonl"))["skill_means"]
    # A fifth line giving the name of the first is the same person again: still four.
    again = json.loads(lines[0])
    again["skills"] = {"python": 1}
    same = export(tmp_path, [*lines, json.dumps(again)], "again.jsonl")
    assert run_json(runner, "cohort", same)["skill_means"] is None


def test_anonymised_json_lines_output_names_no_one_no_file_and_no_line(runner, tmp_path):
    lines = example_lines()
    twin = json.loads(lines[0])
    twin["skills"] = {"python": 1, "sql": 2}
    lines += [json.dumps(twin), '{"schema_version": 1, "skills": {"python": 9, "nope": 1}}']
    lines.append('{"schema_version": 1, "skills": {"sql": 2, "made-up-skill": 3}}')
    path = export(tmp_path, lines, "acme-hr-export.jsonl")
    env = {KEY_ENV: KEY}
    outputs = []
    for command in ("cohort", "team"):
        result = run(runner, command, path, "--anonymise", "--json", env=env)
        assert result.exit_code == 1  # the bad line
        outputs.append(result.stdout)
    first = json.loads(outputs[0])
    labels = [m["label"] for m in first["members"]]
    assert all(PSEUDONYM.fullmatch(label) for label in labels)
    assert len(set(labels)) == len(labels) == 12  # the two of one name stay two
    text = "\n".join(outputs)
    names = [json.loads(line)["person"]["name"] for line in example_lines()]
    assert not [n for n in names if n in text]
    assert "acme" not in text and "made-up-skill" not in text
    assert all(i["line"] is None and i["file"] is None for i in first["ignored"])
    assert all(not re.search(r"line \d", s["reason"]) for s in first["skipped"])
    again = run(runner, "cohort", path, "--anonymise", "--json", env=env).stdout
    assert [m["label"] for m in json.loads(again)["members"]] == labels  # stable


def test_team_reads_json_lines(runner, tmp_path):
    path = export(tmp_path, example_lines())
    assert run_json(runner, "team", path) == run_json(runner, "team", *COHORT)
    assert run(runner, "team", path).exit_code == 0


def test_a_folder_with_a_json_lines_file_reads_it_too(runner, tmp_path):
    folder = tmp_path / "group"
    folder.mkdir()
    export(folder, example_lines()[:5], "first.jsonl")
    for f in COHORT[5:]:
        (folder / f.name).write_text(f.read_text())
    data = run_json(runner, "cohort", folder)
    assert data["people"] == 10
    assert [m["label"] for m in data["members"]] == [
        m["label"] for m in run_json(runner, "cohort", *COHORT)["members"]
    ]
