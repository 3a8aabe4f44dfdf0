"""`careerpath report --batch DIR --out-dir OUT`: one report per answers file, a broken file
reported without stopping the others, the exit status, `--shard K/N` partitions and
`--jobs`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

from careerpath import batch
from careerpath.answers import load_answers
from careerpath.cli import cli
from careerpath.errors import UsageError

GOOD = sorted((EXAMPLES / "answers").glob("*.yaml")) + sorted((EXAMPLES / "cohort").glob("*.yaml"))
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
    assert len(GOOD) == 15
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{f.stem}.html" for f in GOOD)
    for f in GOOD:
        html = (out / f"{f.stem}.html").read_text()
        assert html.startswith("<!DOCTYPE html>")
        assert load_answers(f, catalog).person.name in html  # each file's own report
    assert f"15 of 15 reports written to {out}" in result.stdout
    assert "Rendering 15 reports" in result.stderr
    assert "failed" not in result.stderr


def test_a_broken_file_is_reported_and_does_not_stop_the_others(runner, batch_dir, tmp_path):
    (batch_dir / "broken.yaml").write_text("schema_version: 1\nskills:\n  pythn: 3\n")
    (batch_dir / "garbled.json").write_text('{"schema_version": 1,')
    out = tmp_path / "out"
    result = html_batch(runner, batch_dir, out)
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed: ")]
    assert len(failed) == 2
    assert any("broken.yaml" in line and 'did you mean "python"' in line for line in failed)
    assert any("garbled.json" in line and "invalid JSON" in line for line in failed)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{f.stem}.html" for f in GOOD)
    assert "15 of 17 reports written" in result.stdout


def test_exit_status_is_zero_only_when_nothing_failed(runner, batch_dir, tmp_path):
    assert html_batch(runner, batch_dir, tmp_path / "a").exit_code == 0
    # The same folder again without --force: every report exists already, so all fail.
    again = html_batch(runner, batch_dir, tmp_path / "a")
    assert again.exit_code == 1
    assert again.stderr.count("already exists") == 15
    assert html_batch(runner, batch_dir, tmp_path / "a", "--force").exit_code == 0


def test_two_jobs_give_the_same_reports_as_one(runner, batch_dir, tmp_path):
    (batch_dir / "broken.yaml").write_text("person: [\n")
    one, two = tmp_path / "one", tmp_path / "two"
    assert html_batch(runner, batch_dir, one).exit_code == 1
    result = run_batch(runner, batch_dir, two, "--format", "html", "--jobs", "2")
    assert result.exit_code == 1
    assert "failed: " in result.stderr and "broken.yaml" in result.stderr
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir()) and len(names) == 15
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


def test_batch_needs_an_out_dir(runner, batch_dir):
    result = runner.invoke(cli, ["report", "--batch", str(batch_dir)])
    assert result.exit_code == 2
    assert "--out-dir" in result.stderr


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
    with pytest.raises(UsageError, match="--shard"):
        batch.parse_shard(text)


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
        assert len(names) == 5
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
