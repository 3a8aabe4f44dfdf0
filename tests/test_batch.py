"""`careerpath report --batch DIR --out-dir OUT`: one report per answers file, a broken file
reported without stopping the others, the exit status, `--shard K/N` partitions and
`--jobs`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import json
import shutil
from html import escape
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

from careerpath import batch, terminal
from careerpath.answers import load_answers
from careerpath.cli import cli, flag
from careerpath.errors import Problem, UsageError
from careerpath.profile import NOTICES_SHOWN

GOOD = sorted((EXAMPLES / "answers").glob("*.yaml")) + sorted((EXAMPLES / "cohort").glob("*.yaml"))
N = len(GOOD)
DAY = "2026-11-22"
LATER = "2031-03-03"


@pytest.fixture
def batch_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir()
    for f in GOOD:
        shutil.copy(f, folder)
    return folder


def run_batch(runner, folder: Path, out: Path, *extra: str):
    args = ["report", "--batch", str(folder), "--out-dir", str(out), "--date", DAY, *extra]
    return runner.invoke(cli, args)


def html_batch(runner, folder: Path, out: Path, *extra: str):
    return run_batch(runner, folder, out, "--format", "html", "--jobs", "1", *extra)


def test_one_html_report_per_answers_file(runner, batch_dir, tmp_path, catalog):
    out = tmp_path / "out"
    result = html_batch(runner, batch_dir, out)
    assert result.exit_code == 0, result.output
    assert N >= 18 and len({f.stem for f in GOOD}) == N  # every example, each its own name
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{f.stem}.html" for f in GOOD)
    for f in GOOD:
        html = (out / f"{f.stem}.html").read_text()
        assert html.startswith("<!DOCTYPE html>")
        assert load_answers(f, catalog).person.name in html  # each file's own report
    assert f"{N} of {N} reports written to {out}" in result.stdout
    assert f"Rendering {N} reports" in result.stderr
    assert "failed" not in result.stderr


def test_a_warmed_worker_freezes_what_it_loaded():
    """Modules, templates and fonts live as long as the worker: frozen after the warm-up, the
    collector's full passes during each report no longer walk them."""
    gc.unfreeze()
    try:
        batch.warm(False)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_broken_file_is_reported_and_does_not_stop_the_others(runner, batch_dir, tmp_path):
    (batch_dir / "broken.yaml").write_text(
        "schema_version: 1\nperson: {target_role: ml-enginer}\nskills:\n  python: 3\n"
    )
    (batch_dir / "garbled.json").write_text('{"schema_version": 1,')
    out = tmp_path / "out"
    result = html_batch(runner, batch_dir, out)
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 2
    assert any("broken.yaml" in line and 'did you mean "ML Engineer"' in line for line in failed)
    assert any("garbled.json" in line and "invalid JSON" in line for line in failed)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{f.stem}.html" for f in GOOD)
    # The last line, the one read, counts the failures too; and again when resumed, with
    # those files still failing.
    assert result.stdout.strip().splitlines()[-1] == (
        f"{N} of {N + 2} reports written to {out}; 2 could not be made (listed above)"
    )
    again = html_batch(runner, batch_dir, out, "--skip-existing")
    assert again.exit_code == 1
    assert again.stdout.strip().splitlines()[-1] == (
        f"0 of 2 reports written to {out}; 2 could not be made (listed above); "
        f"{N} skipped (already there)"
    )


def test_an_unknown_skill_name_is_ignored_and_the_report_still_written(batch_dir, tmp_path):
    """A name the catalogue does not know costs nobody their report: the rest of the file is
    reported, the report warns about the name, and the outcome carries the warning."""
    source = batch_dir / "data-analyst.yaml"
    text = source.read_text()
    assert "\nskills:\n" in text
    typo = batch_dir / "typo.yaml"
    typo.write_text(text.replace("\nskills:\n", "\nskills:\n  pythn: 3\n", 1))
    line = text[: text.index("\nskills:\n")].count("\n") + 3
    jobs = [
        batch.Job(
            f, tmp_path / f"{f.stem}.html", "html", None, dt.date(2026, 11, 22), "a4", False, False
        )
        for f in (source, typo)
    ]
    plain, warned = batch.render_all(jobs, 1, lambda outcome: None)
    assert plain.error is None and plain.notices == ()
    assert warned.error is None and warned.output == tmp_path / "typo.html"
    assert [(p.file, p.line, p.field) for p in warned.notices] == [
        (str(typo), line, "skills.pythn")
    ]
    assert batch.notices([plain, warned]) == [
        f'{typo}:{line}: skills.pythn: unknown skill; did you mean "Python"? (ignored)'
    ]
    html = warned.output.read_text()
    assert "skills.pythn: unknown skill" in html  # in the words of the warning above
    # Apart from that warning (and the file's name), the same report as without the name.
    assert (
        html.count('<p class="warning">')
        == plain.output.read_text().count('<p class="warning">') + 1
    )
    # Refused when strict.
    [strict] = batch.render_all(
        [dataclasses.replace(jobs[1], strict=True)], 1, lambda outcome: None
    )
    assert strict.output is None and "skills.pythn: unknown skill" in strict.error


def _unknown(file: str, line: int, name: str) -> Problem:
    return Problem(file, line, f"skills.{name}", "unknown skill")


def test_the_batch_warns_of_a_shared_name_once_and_caps_each_files_own():
    """As ``cohort`` says a group's names: "excell" in three files is one line with the
    count; a file's own unknown names are capped as for one file (the first NOTICES_SHOWN,
    then how many more, in that file's place), each file counted on its own."""
    many = [_unknown("a.yaml", 3, "excell")]
    many += [_unknown("a.yaml", 4 + i, f"zq{i}") for i in range(NOTICES_SHOWN + 3)]
    outcomes = [
        batch.Outcome(Path("a.yaml"), Path("a.html"), None, tuple(many)),
        batch.Outcome(Path("b.yaml"), Path("b.html"), None, (_unknown("b.yaml", 7, "excell"),)),
        batch.Outcome(
            Path("c.yaml"),
            Path("c.html"),
            None,
            (_unknown("c.yaml", 2, "excell"), _unknown("c.yaml", 3, "cobol")),
        ),
    ]
    said = batch.notices(outcomes)
    assert said[0] == (
        "skills.excell: unknown skill (ignored); in 3 files: a.yaml:3, b.yaml:7, c.yaml:2"
    )
    own = [f"a.yaml:{4 + i}: skills.zq{i}: unknown skill (ignored)" for i in range(NOTICES_SHOWN)]
    assert said[1 : NOTICES_SHOWN + 1] == own
    assert said[NOTICES_SHOWN + 1] == (
        "a.yaml: 3 more warnings like these about the file's names; `careerpath skills` lists "
        "the names the catalogue knows"
    )
    assert said[NOTICES_SHOWN + 2 :] == ["c.yaml:3: skills.cobol: unknown skill (ignored)"]
    # The summary (--json) says the same lines as standard error.
    jobs = [
        batch.Job(
            o.answers, o.output or Path(), "html", None, dt.date(2026, 11, 22), "a4", False, False
        )
        for o in outcomes
    ]
    assert batch.summary(Path("out"), jobs, outcomes, []).warnings == said
    told, _last = terminal.batch_text(outcomes, Path("out"))
    assert told == [f"warning: {line}" for line in said]


def test_exit_status_is_zero_only_when_nothing_failed(runner, batch_dir, tmp_path):
    assert html_batch(runner, batch_dir, tmp_path / "a").exit_code == 0
    # The same folder again without --force: every report exists already, so nothing is
    # done, and the way on is said once (resume or overwrite), not once per file.
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "a").iterdir()}
    again = html_batch(runner, batch_dir, tmp_path / "a")
    assert again.exit_code == 1
    assert again.stderr.splitlines() == [
        f"error: {N} of {N} reports are already in {tmp_path / 'a'} (such as "
        f"{sorted(before)[0]}): add --skip-existing to render only the missing ones (an "
        "interrupted batch resumes), or --force to replace them"
    ]
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "a").iterdir()} == before
    assert html_batch(runner, batch_dir, tmp_path / "a", "--force").exit_code == 0


def test_a_blank_template_is_skipped_with_a_note_not_reported(runner, batch_dir, tmp_path):
    """As cohort and team do, a file with no skill answered is nobody yet: no report, a note
    saying why, counted as skipped (exit 0), not failed."""
    blank = batch_dir / "blank.yaml"
    assert runner.invoke(cli, ["questionnaire", "template", "-o", str(blank)]).exit_code == 0
    out = tmp_path / "out"
    result = html_batch(runner, batch_dir, out, "--json")
    assert result.exit_code == 0, result.output
    assert not (out / "blank.html").exists() and len(list(out.iterdir())) == N
    assert f"skipped: {blank}: no skill is answered (a blank template?)" in result.stderr
    assert "failed" not in result.stderr
    data = json.loads(result.stdout)
    assert [(f["answers"], f["reason"]) for f in data["skipped"]] == [(str(blank), batch.BLANK)]
    assert data["failed"] == [] and len(data["written"]) == N
    # An empty file is a blank template too, not a failed report (which exits 1).
    empty = batch_dir / "empty.yaml"
    empty.write_text("# to fill in\n")
    result = html_batch(runner, batch_dir, tmp_path / "out2", "--json")
    assert result.exit_code == 0, result.output
    skipped = [(f["answers"], f["reason"]) for f in json.loads(result.stdout)["skipped"]]
    assert sorted(skipped) == [(str(blank), batch.BLANK), (str(empty), batch.BLANK)]
    empty.unlink()
    text = html_batch(runner, batch_dir, tmp_path / "again")
    assert text.stdout.strip().endswith(
        f"{N} of {N + 1} reports written to {tmp_path / 'again'}; 1 skipped (no skill answered)"
    )


def test_a_failure_names_its_file_once(runner, batch_dir, tmp_path):
    bad = batch_dir / "bad.yaml"
    bad.write_text("schema_version: 1\nskills: [\n")
    result = html_batch(runner, batch_dir, tmp_path / "out")
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert line.startswith(f"failed: {bad}:2: invalid YAML") and line.count(str(bad)) == 1


def test_skip_existing_resumes_an_interrupted_batch(runner, batch_dir, tmp_path):
    out = tmp_path / "out"
    # An interrupted run: only the first three reports were written.
    first = sorted(batch_dir.iterdir())[:3]
    part = tmp_path / "part"
    part.mkdir()
    for f in first:
        shutil.copy(f, part)
    assert html_batch(runner, part, out).exit_code == 0
    done = sorted(out.iterdir())
    assert len(done) == 3
    done[0].write_text("kept as it was")
    result = html_batch(runner, batch_dir, out, "--skip-existing")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith(
        f"{N - 3} of {N - 3} reports written to {out}; 3 skipped (already there)"
    )
    assert "already exists" not in result.stderr
    assert len(list(out.iterdir())) == N
    assert done[0].read_text() == "kept as it was"  # never replaced
    # Everything there: nothing to do, said in one line, still a success; no "Rendering 0
    # reports", and no note that --jobs is capped for 0 files.
    again = run_batch(runner, batch_dir, out, "--format", "html", "--jobs", "2", "--skip-existing")
    assert again.exit_code == 0, again.output
    nothing = f"All {N} reports in {out} are already there (--skip-existing); nothing to do.\n"
    assert again.stdout == nothing
    assert again.stderr == ""


def test_nothing_to_do_is_one_line():
    out = Path("/reports")
    told, line = terminal.batch_text([], out, kept=3)
    assert told == []
    assert line == "All 3 reports in /reports are already there (--skip-existing); nothing to do."
    _, one = terminal.batch_text([], out, kept=1)
    assert one == "The 1 report in /reports is already there (--skip-existing); nothing to do."
    # Nothing kept either (an empty shard): the usual count, not "all 0 reports".
    assert terminal.batch_text([], out, kept=0)[1].startswith("0 of 0 reports written to")
    # No file to render: no process runs, so --jobs is not capped at anything.
    assert terminal.jobs_note(2, None, 1, 0, 2) == ""
    assert "capped at 1" in terminal.jobs_note(2, None, 1, 1, 2)


def test_skip_existing_needs_batch_and_excludes_force(runner, batch_dir, tmp_path):
    both = html_batch(runner, batch_dir, tmp_path / "o", "--skip-existing", "--force")
    assert both.exit_code == 2 and "--force replaces them" in both.stderr
    single = runner.invoke(
        cli,
        ["report", "--answers", str(GOOD[0]), "-o", str(tmp_path / "r.html"), "--skip-existing"],
    )
    assert single.exit_code == 2 and "--skip-existing goes with --batch" in single.stderr


def test_two_jobs_give_the_same_reports_as_one(runner, batch_dir, tmp_path):
    (batch_dir / "broken.yaml").write_text("person: [\n")
    one, two = tmp_path / "one", tmp_path / "two"
    assert html_batch(runner, batch_dir, one).exit_code == 1
    result = run_batch(runner, batch_dir, two, "--format", "html", "--jobs", "2")
    assert result.exit_code == 1
    assert "failed: " in result.stderr and "broken.yaml" in result.stderr
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir()) and len(names) == N
    for name in names:  # same inputs and date: byte-identical HTML
        assert (one / name).read_bytes() == (two / name).read_bytes()


def test_same_stem_in_yaml_and_json_gives_two_reports(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD[0], folder / "kim.yaml")
    data = yaml.safe_load(GOOD[1].read_text())
    (folder / "kim.json").write_text(json.dumps(data, default=str))
    out = tmp_path / "out"
    result = html_batch(runner, folder, out, "--force")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["kim.json.html", "kim.yaml.html"]
    assert "2 of 2 reports written" in result.stdout


def test_names_that_would_collide_still_give_one_report_per_file(runner, tmp_path, catalog):
    """a.yaml and a.json share a stem, and a.yaml.yaml's stem is a.yaml's full name: three
    people, three reports, none replacing another (before: 3 of 3 "written" to 2 files)."""
    folder = tmp_path / "in"
    folder.mkdir()
    people = {"a.yaml": GOOD[0], "a.json": GOOD[1], "a.yaml.yaml": GOOD[2]}
    for name, source in people.items():
        data = yaml.safe_load(source.read_text())
        text = json.dumps(data, default=str) if name.endswith(".json") else source.read_text()
        (folder / name).write_text(text)
    out = tmp_path / "out"
    result = html_batch(runner, folder, out, "--force")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "a.json.html",
        "a.yaml.html",
        "a.yaml.yaml.html",
    ]
    for name, source in people.items():
        assert load_answers(source, catalog).person.name in (out / f"{name}.html").read_text()
    assert "3 of 3 reports written" in result.stdout


def test_output_names_are_distinct_whatever_the_names():
    names = batch.output_names(
        [Path(p) for p in ["/i/A.yaml", "/i/a.yaml", "/i/a-2.yaml", "/j/a-2.yaml", "/i/b.yml"]],
        "pdf",
    )
    assert len({n.casefold() for n in names.values()}) == len(names) == 5
    assert names[Path("/i/b.yml")] == "b.pdf"  # no clash: the short name
    # Differing only in case (one file on macOS/Windows) still gives two reports.
    assert names[Path("/i/A.yaml")].casefold() != names[Path("/i/a.yaml")].casefold()
    # Every input keeps the same name whatever order the folder lists them in.
    assert batch.output_names(list(reversed(list(names))), "pdf") == names


def test_help_says_how_reports_are_named(runner):
    result = runner.invoke(cli, ["report", "--help"])
    assert "keep their whole name (ana.yaml.pdf, ana.json.pdf)" in " ".join(result.stdout.split())


def test_a_report_over_one_of_the_inputs_is_refused_before_any_work(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for f in GOOD[:3]:
        shutil.copy(f, folder)
    victim = folder / GOOD[1].name
    before = victim.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    (out / f"{GOOD[1].stem}.html").symlink_to(victim)
    result = html_batch(runner, folder, out, "--force")
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: {out / GOOD[1].stem}.html: is an input of this command ({victim}); refusing "
        "to overwrite it with the output, choose another output file\n"
    )
    assert victim.read_bytes() == before
    assert [p.name for p in out.iterdir()] == [f"{GOOD[1].stem}.html"]  # nothing rendered


def test_batch_needs_an_out_dir(runner, batch_dir):
    result = runner.invoke(cli, ["report", "--batch", str(batch_dir)])
    assert result.exit_code == 2
    assert "--out-dir" in result.stderr


def test_a_folder_with_no_answers_files_is_refused_before_anything_is_made(runner, tmp_path):
    """As cohort and team refuse it: "0 of 0 reports written" and exit 0 read as success."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.txt").write_text("not an answers file\n")
    out = tmp_path / "out"
    result = html_batch(runner, folder, out)
    assert result.exit_code == 2, result.output
    assert result.stderr == (
        f"error: no usable answers files among {folder} (no .yaml/.yml/.json/.jsonl/.ndjson "
        "files)\n"
    )
    assert result.stdout == "" and not out.exists()


# --- JSON Lines: a person a line, as cohort and team read them ------------------------------

PEOPLE = EXAMPLES / "people.jsonl"


def _export(folder: Path) -> Path:
    """The example export with a blank line, a line that is not JSON, a line naming an
    unknown role and a person with no skill answered after its ten people (lines 1-10)."""
    folder.mkdir(exist_ok=True)
    lines = PEOPLE.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 10
    blank_person = {"schema_version": 1, "person": {"name": "Nobody Yet"}, "skills": {}}
    bad_role = json.loads(lines[0])
    bad_role["person"]["target_role"] = "ml-enginer"
    extra = ["", '{"schema_version": 1,', json.dumps(bad_role), json.dumps(blank_person)]
    path = folder / "export.jsonl"
    path.write_text("\n".join(lines + extra) + "\n", encoding="utf-8")
    return path


def test_a_json_lines_file_gives_a_report_per_line_named_file_line(runner, tmp_path):
    export = _export(tmp_path / "hris")
    people = [json.loads(line) for line in PEOPLE.read_text(encoding="utf-8").splitlines()]
    for given in (export, export.parent):  # the file itself, or the folder holding it
        out = tmp_path / f"out-{given.name}"
        result = html_batch(runner, given, out, "--json")
        assert result.exit_code == 1, result.output  # two lines fail
        assert sorted(p.name for p in out.iterdir()) == sorted(
            f"export-{n}.html" for n in range(1, 11)
        )
        for n, person in enumerate(people, start=1):
            assert escape(person["person"]["name"]) in (out / f"export-{n}.html").read_text()
        failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
        assert len(failed) == 2
        assert failed[0].startswith(f"failed: {export}:12: invalid JSON")
        assert failed[1].startswith(f"failed: {export}:13: person.target_role: unknown role")
        assert f"skipped: {export}:14: no skill is answered" in result.stderr
        data = json.loads(result.stdout)
        assert [f["answers"] for f in data["written"]] == [f"{export}:{n}" for n in range(1, 11)]
        assert [f["answers"] for f in data["failed"]] == [f"{export}:12", f"{export}:13"]
        assert [f["answers"] for f in data["skipped"]] == [f"{export}:14"]
    # The summary counts people, not files; resumed, only the lines without a report run.
    text = html_batch(runner, export, tmp_path / "text")
    assert text.stdout.strip().splitlines()[-1] == (
        f"10 of 13 reports written to {tmp_path / 'text'}; 2 could not be made (listed above); "
        "1 skipped (no skill answered)"
    )
    again = html_batch(runner, export, tmp_path / "text", "--skip-existing")
    assert again.exit_code == 1
    assert "Rendering 3 reports" in again.stderr
    assert "10 skipped (already there)" in again.stdout


def test_json_lines_and_answers_files_in_one_folder_and_shards(runner, batch_dir, tmp_path):
    _export(batch_dir)
    written: list[str] = []
    for k in (1, 2):
        out = tmp_path / f"shard-{k}"
        html_batch(runner, batch_dir, out, "--shard", f"{k}/2")
        written += [p.name for p in out.iterdir()]
    expected = [f"{f.stem}.html" for f in GOOD] + [f"export-{n}.html" for n in range(1, 11)]
    assert sorted(written) == sorted(expected)  # every person once, across the shards


def test_a_single_answers_file_as_batch_is_refused_saying_what_batch_reads(runner, tmp_path):
    result = html_batch(runner, GOOD[0], tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr == (
        f"error: --batch {GOOD[0]}: give a folder of answers files (one per person) or a JSON "
        "Lines file (.jsonl, .ndjson: one person a line); for a single answers file use "
        "--answers\n"
    )
    assert not (tmp_path / "out").exists()


def test_line_starts_are_where_json_lines_reads_each_line(tmp_path):
    from careerpath.documents import json_lines, line_starts

    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"a": 1}\n\n  \r\n{"b": 2}\r\n{"c": 3}')
    starts = line_starts(path)
    assert [line for _, line in starts] == [1, 4, 5]
    for offset, line in starts:
        [(number, doc)] = json_lines(path, offset=offset, first_line=line, lines=1)
        assert number == line and doc.data == dict(json_lines(path))[line].data


# --- sharding ------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_shards_cover_every_file_exactly_once(n):
    files = [Path(f"/x/{name}.yaml") for name in "qwertyuiopasdfg"]  # 15, not sorted
    shards = [batch.shard(files, k, n) for k in range(1, n + 1)]
    merged = [f for s in shards for f in s]
    assert sorted(merged) == sorted(files)  # every file, none twice
    assert len(merged) == len(set(merged))
    sizes = [len(s) for s in shards]
    assert max(sizes) - min(sizes) <= 1  # balanced
    # The same answer whatever order the files were listed in (each machine lists its own).
    assert shards == [batch.shard(list(reversed(files)), k, n) for k in range(1, n + 1)]


@pytest.mark.parametrize("text", ["0/3", "4/3", "1/0", "3", "a/b", "1/2/3", "-1/2", ""], ids=repr)
def test_bad_shards_are_refused(text):
    with pytest.raises(UsageError, match=r"^shard ") as info:  # the library's name for it
        batch.parse_shard(text)
    assert info.value.worded(flag).startswith(f"--shard {text!r}: ")


def test_parse_shard():
    assert batch.parse_shard("2/4") == (2, 4)
    assert batch.parse_shard("1/1") == (1, 1)


def test_shards_through_the_cli_cover_every_file_exactly_once(runner, batch_dir, tmp_path):
    written: list[str] = []
    for k in (1, 2, 3):
        out = tmp_path / f"shard-{k}"
        result = html_batch(runner, batch_dir, out, "--shard", f"{k}/3")
        assert result.exit_code == 0, result.output
        names = [p.name for p in out.iterdir()]
        assert f"{len(names)} of {len(names)} reports written" in result.stdout
        assert len(names) == len(batch.shard(GOOD, k, 3))
        assert len(names) in (N // 3, -(-N // 3))  # balanced
        written += names
    assert sorted(written) == sorted(f"{f.stem}.html" for f in GOOD)


def test_a_bad_shard_on_the_cli_exits_2(runner, batch_dir, tmp_path):
    result = html_batch(runner, batch_dir, tmp_path / "out", "--shard", "4/3")
    assert result.exit_code == 2
    assert "K must be between 1 and N" in result.stderr


# --- PDF (one render) ----------------------------------------------------------------------


@pytest.mark.pdf
def test_pdf_is_the_default_batch_format(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "answers" / "data-analyst.yaml", folder)
    out = tmp_path / "out"
    result = run_batch(runner, folder, out)
    assert result.exit_code == 0, result.output
    pdf = out / "data-analyst.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    from pypdf import PdfReader

    assert "Data Analyst" in PdfReader(pdf).pages[0].extract_text()


def test_batch_reports_equal_single_reports_on_the_same_date(runner, tmp_path):
    """The batch renders exactly what `report --answers F --date D` renders, even for a plan
    dated from "today" (no start date in the file, or steps done)."""
    # A date other than today's: the plan must be scheduled from it, not from the clock.
    folder = tmp_path / "in"
    folder.mkdir()
    source = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
    undated = folder / "undated.yaml"
    undated.write_text(source.read_text().replace("  start_date: 2027-01-04\n", ""))
    progressed = folder / "progressed.yaml"
    progressed.write_text(
        source.read_text().replace("start_date: 2027-01-04", "start_date: 2026-01-05")
        + "progress:\n  math-for-ml-refresher: {status: done, date: 2026-03-01}\n"
    )
    out = tmp_path / "out"
    result = html_batch(runner, folder, out, "--date", LATER)
    assert result.exit_code == 0, result.output
    for path in (undated, progressed):
        single = tmp_path / f"single-{path.stem}.html"
        args = ["report", "--answers", str(path), "-o", str(single), "--date", LATER]
        assert runner.invoke(cli, args).exit_code == 0
        html = (out / f"{path.stem}.html").read_text()
        assert html == single.read_text()
        assert LATER in html


# --- the plan's options, for every report of the batch ---------------------------------------

PLAN_OPTIONS = ("--target", "ml-engineer", "--from", "data-analyst", "--hours-per-week", "40")
PLAN_OPTIONS += ("--start", "2030-01-07")
NOT_CHOSEN = "<dt>Target role</dt><dd>not chosen</dd>"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_plan_options_and_mentor_notes_apply_to_every_report(runner, tmp_path, jobs):
    """`--target`, `--from`, `--hours-per-week`, `--start` and `--mentor-notes` were accepted
    with --batch and silently dropped ("Target role not chosen"): each report is now the one
    `report --answers F` writes with the same options."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("ana-souza.yaml", "chen-wei.yaml"):
        shutil.copy(EXAMPLES / "cohort" / name, folder)
    untargeted = folder / "untargeted.yaml"  # a file naming no target role of its own
    text = (EXAMPLES / "cohort" / "bruno-costa.yaml").read_text()
    untargeted.write_text("".join(x for x in text.splitlines(True) if "target_role" not in x))
    notes = tmp_path / "notes.txt"
    notes.write_text("Pair on the feature store on Fridays.\n")
    extra = (*PLAN_OPTIONS, "--mentor-notes", str(notes), "--jobs", jobs)
    out = tmp_path / "out"
    result = run_batch(runner, folder, out, "--format", "html", *extra)
    assert result.exit_code == 0, result.output
    for path in sorted(folder.iterdir()):
        single = tmp_path / f"single-{path.stem}.html"
        args = ["report", "--answers", str(path), "-o", str(single), "--date", DAY]
        assert (
            runner.invoke(cli, [*args, *PLAN_OPTIONS, "--mentor-notes", str(notes)]).exit_code == 0
        )
        html = (out / f"{path.stem}.html").read_text()
        assert html == single.read_text(), path.name
        assert NOT_CHOSEN not in html and "Pair on the feature store" in html
        assert "2030-01-07" in html
    plain = html_batch(runner, folder, tmp_path / "plain")  # without them: the files' own
    assert NOT_CHOSEN in (tmp_path / "plain" / "untargeted.html").read_text()
    assert plain.exit_code == 0


def test_an_unknown_target_or_start_role_is_refused_once_before_any_work(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "cohort" / "ana-souza.yaml", folder)
    out = tmp_path / "out"
    for option in ("--target", "--from"):
        result = html_batch(runner, folder, out, option, "ml-enginer")
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith('error: unknown role "ml-enginer"; did you mean')
        assert result.stderr.count("\n") == 1 and not out.exists()


def test_a_report_over_the_mentor_notes_is_refused_before_any_work(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "cohort" / "ana-souza.yaml", folder)
    out = tmp_path / "out"
    out.mkdir()
    notes = out / "ana-souza.html"  # where the report would go
    notes.write_text("Keep these.\n")
    result = html_batch(runner, folder, out, "--mentor-notes", str(notes), "--force")
    assert result.exit_code == 1
    assert f"{notes}: is an input of this command" in result.stderr
    assert notes.read_text() == "Keep these.\n"


def test_a_posting_is_refused_for_a_batch_by_the_library_too(tmp_path):
    from careerpath.pipeline import PlanRequest

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "cohort" / "ana-souza.yaml", folder)
    posting = PlanRequest(posting=tmp_path / "job.txt")
    with pytest.raises(ValueError, match="a posting goes with a single report"):
        batch.prepare(folder, tmp_path / "out", "html", request=posting)
    assert not (tmp_path / "out").exists()


def test_a_worker_repeats_the_runs_options_in_the_commands_a_report_suggests(tmp_path, monkeypatch):
    """A report rendered in a worker process suggests commands (`careerpath skills show X`)
    with the --data-dir and --lang of the batch's command line, which it does not inherit."""
    from careerpath import commands, pipeline

    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD[0], folder)
    options = commands.run_options("/data", "pt-BR")
    with commands.repeating(options):
        [job], _ = batch.prepare(folder, tmp_path / "out", "html")
    assert job.repeat == tuple(options)
    said = []

    def write_report(*args, **kwargs):
        said.append(commands.next_command("roles"))
        return kwargs.get("output") or args[2]

    monkeypatch.setattr(pipeline, "write_report", write_report)
    outcome = batch.render_one(job)  # as a worker runs it: outside the batch's context
    assert outcome.error is None, outcome.error
    assert said == ["careerpath --data-dir /data --lang pt-BR roles"]
