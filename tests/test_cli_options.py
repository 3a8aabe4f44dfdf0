"""Option combinations a user can get wrong: each is refused with a message, never ignored."""

from __future__ import annotations

import shutil

from conftest import EXAMPLES

from careerpath.cli import cli

DE = str(EXAMPLES / "answers" / "data-engineer-to-ml.yaml")


def test_plan_writes_html_through_format(runner, tmp_path):
    out = tmp_path / "plan.out"
    result = runner.invoke(cli, ["plan", "--answers", DE, "-o", str(out), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_plan_format_without_output_is_refused(runner):
    result = runner.invoke(cli, ["plan", "--answers", DE, "--format", "pdf"])
    assert result.exit_code == 2
    assert "--format goes with -o" in result.stderr


def test_format_that_contradicts_the_extension_is_refused(runner, tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(cli, ["report", "--answers", DE, "-o", str(out), "--format", "pdf"])
    assert result.exit_code == 2
    assert "the extension says html, but --format says pdf" in result.stderr
    assert not out.exists()


def test_batch_refuses_answers_and_output_instead_of_ignoring_them(runner, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(DE, folder)
    for extra in (["--answers", DE], ["-o", str(tmp_path / "x.html")]):
        args = ["report", "--batch", str(folder), "--out-dir", str(tmp_path / "out"), *extra]
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        assert "leave out --answers and -o" in result.stderr
    assert not (tmp_path / "out").exists()


def test_progress_takes_exactly_one_status(runner, tmp_path):
    answers = tmp_path / "a.yaml"
    shutil.copy(DE, answers)
    before = answers.read_bytes()
    for flags in ([], ["--done", "--skipped"]):
        args = ["progress", "--answers", str(answers), "math-for-ml-refresher", *flags]
        result = runner.invoke(cli, args)
        assert result.exit_code == 2
        assert "exactly one of --done, --learning, --skipped or --todo" in result.stderr
    assert answers.read_bytes() == before
