"""Option combinations a user can get wrong: each is refused with a message, never ignored."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import click
import pytest
from conftest import EXAMPLES

from careerpath.cli import cli
from careerpath.errors import OutputError

DE = str(EXAMPLES / "answers" / "data-engineer-to-ml.yaml")


def test_the_choices_offered_are_the_library_types_values():
    # Commands declare these parameters with the library's Literal types: click checks the
    # value against the choices, so the two lists must be one.
    from typing import get_args

    from careerpath.batch import Executor
    from careerpath.cli.options import EXECUTORS, FORMATS
    from careerpath.render.document import Format

    assert get_args(Format) == FORMATS
    assert get_args(Executor) == EXECUTORS


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


# --- numbers: finite, in range, and jobs no more than useful (issue 13) ----------------------

NON_FINITE = ["nan", "NaN", "-nan", "inf", "+inf", "-inf", "Infinity", "1e309", "-1e309"]


@pytest.mark.parametrize("value", NON_FINITE)
@pytest.mark.parametrize(
    "command",
    [
        ["plan", "--answers", DE, "--hours-per-week"],
        ["report", "--answers", DE, "-o", "r.html", "--hours-per-week"],
        ["team", str(EXAMPLES / "answers"), "--threshold"],
    ],
    ids=["plan", "report", "team"],
)
def test_non_finite_numbers_are_refused_as_usage_errors(
    runner, tmp_path, monkeypatch, command, value
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, [*command, value])
    assert result.exit_code == 2, result.output
    if command[-1] == "--hours-per-week":
        # What to type, in a person's words: no type name, no "finite".
        wanted = f"Invalid value for '--hours-per-week': '{value}': enter a number of hours, e.g."
    else:
        wanted = f"Invalid value for '{command[-1]}': '{value}' is not a finite number"
    assert wanted in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["plan", "--answers", DE, "--hours-per-week", "0.5"],
            "'0.5': enter between 1 and 80 hours a week",
        ),
        (["team", str(EXAMPLES / "answers"), "--threshold", "1.5"], "not in the range 0<=x<=1"),
        (["assess", "--answers", DE, "--top", "0"], "0 is not in the range x>=1"),
        (["assess", "--answers", DE, "--top", "-3"], "-3 is not in the range x>=1"),
        (["assess", "--answers", DE, "--top", "1e3"], "'1e3' is not a valid integer"),
        (["assess", "--answers", DE, "--adaptive", "--max-questions", "0"], "x>=1"),
    ],
)
def test_numbers_out_of_range_are_usage_errors(runner, args, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "--answers", DE, "--top", str(10**30)],
        ["assess", "--answers", DE, "--adaptive", "--max-questions", str(10**30)],
    ],
    ids=["top", "max-questions"],
)
def test_huge_counts_are_simply_more_than_there_is(runner, args):
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output


def _batch_folder(tmp_path: Path, files: int) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(files):
        shutil.copy(DE, folder / f"p{i}.yaml")
    return folder


@pytest.mark.parametrize(("jobs", "files", "cpus", "used"), [(1000, 3, 2, 2), (1000, 3, 8, 3)])
def test_jobs_are_capped_at_files_and_cpus_and_the_cap_is_said(
    runner, tmp_path, monkeypatch, jobs, files, cpus, used
):
    from careerpath import batch

    seen = []

    def run(work, workers, on_done, **executor):  # executor="process", scheduler=None
        seen.append(workers)
        return [batch.Outcome(job.answers, job.output, None) for job in work]

    monkeypatch.setattr(batch, "default_jobs", lambda: cpus)
    monkeypatch.setattr(batch, "render_all", run)
    folder = _batch_folder(tmp_path, files)
    args = ["report", "--batch", str(folder), "--out-dir", str(tmp_path / "out")]
    result = runner.invoke(cli, [*args, "--jobs", str(jobs), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert seen == [used]
    assert f"note: --jobs {jobs} capped at {used}" in result.stderr
    assert f"{files} files, {cpus} CPUs" in result.stderr
    # Asking for no more than is useful says nothing.
    seen.clear()
    result = runner.invoke(cli, [*args, "--jobs", str(used), "--format", "html"])
    assert seen == [used] and "capped" not in result.stderr


def test_worker_count_is_at_least_one_and_at_most_files_and_cpus(monkeypatch):
    from careerpath import batch

    monkeypatch.setattr(batch, "default_jobs", lambda: 4)
    assert batch.worker_count(None, 11) == 4
    assert batch.worker_count(None, 2) == 2
    assert batch.worker_count(1000, 11) == 4
    assert batch.worker_count(1, 11) == 1
    assert batch.worker_count(None, 0) == 1


# --- output folders: one helper, the real reason each time (issue 13) ------------------------


def test_out_dir_under_a_file_is_refused_with_the_file_named(runner, tmp_path):
    folder = _batch_folder(tmp_path, 1)
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    for out in (blocker / "sub", blocker / "sub" / "deeper"):
        result = runner.invoke(cli, ["report", "--batch", str(folder), "--out-dir", str(out)])
        assert result.exit_code == 1, result.output
        assert isinstance(result.exception, SystemExit)  # no traceback
        assert result.stderr == f"error: --out-dir: {blocker} is a file, not a folder\n"


def test_out_dir_that_is_a_file_is_refused(runner, tmp_path):
    folder = _batch_folder(tmp_path, 1)
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    result = runner.invoke(cli, ["report", "--batch", str(folder), "--out-dir", str(blocker)])
    assert result.exit_code == 2
    assert "is a file" in result.stderr


def test_out_dir_with_missing_parents_is_created(runner, tmp_path):
    folder = _batch_folder(tmp_path, 1)
    out = tmp_path / "new" / "deeper" / "out"
    args = ["report", "--batch", str(folder), "--out-dir", str(out), "--format", "html"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert (out / "p0.html").is_file()


def test_an_out_dir_that_cannot_be_created_says_permission_denied(runner, tmp_path, monkeypatch):
    # As root every folder is writable, so access() is what says no here.
    import os

    folder = _batch_folder(tmp_path, 1)
    locked = tmp_path / "locked"
    locked.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == locked else real(p, mode))
    out = locked / "out"
    result = runner.invoke(cli, ["report", "--batch", str(folder), "--out-dir", str(out)])
    assert result.exit_code == 1, result.output
    assert (
        result.stderr == f"error: --out-dir: permission denied: cannot create {out} in {locked}\n"
    )
    assert not out.exists()


@pytest.mark.parametrize(
    ("parent", "message"),
    [
        ("afile", "{p} is a file, not a folder"),
        ("afile/deeper", "{p} is a file, not a folder"),
        ("missing", "folder {p}/missing does not exist"),
        ("missing/deeper", "folder {p}/missing/deeper does not exist"),
    ],
)
def test_an_output_file_in_a_folder_that_is_not_there_says_why(runner, tmp_path, parent, message):
    (tmp_path / "afile").write_text("x")
    out = tmp_path / parent / "x.html"
    for command in (["report", "--answers", DE], ["plan", "--answers", DE, "-t", "ml-engineer"]):
        result = runner.invoke(cli, [*command, "-o", str(out)])
        assert result.exit_code == 1, result.output
        expected = message.format(p=tmp_path / "afile" if "afile" in parent else tmp_path)
        assert result.stderr == f"error: {out}: {expected}\n"


def test_folder_problem_names_each_case(tmp_path, monkeypatch):
    import os

    from careerpath.output import folder_problem, make_folder

    (tmp_path / "f").write_text("x")
    assert folder_problem(tmp_path) is None
    assert folder_problem(tmp_path / "f") == f"{tmp_path / 'f'} is a file, not a folder"
    assert folder_problem("/dev/null") == "/dev/null is a pipe, socket or device, not a folder"
    assert folder_problem(tmp_path / "m" / "n") == f"folder {tmp_path / 'm' / 'n'} does not exist"
    assert folder_problem(tmp_path / "m" / "n", create=True) is None
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    assert folder_problem(tmp_path) == f"permission denied: cannot write in {tmp_path}"
    with pytest.raises(OutputError, match=r"^--x: permission denied: cannot create"):
        make_folder(tmp_path / "m", "--x")


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("afile", "{t}/afile is a file, not a folder"),
        ("afile/sub", "{t}/afile is a file, not a folder"),
        ("/dev/null", "/dev/null is a pipe, socket or device, not a folder"),
    ],
)
def test_a_config_home_that_is_no_folder_is_refused_clearly(
    runner, tmp_path, monkeypatch, config, message
):
    (tmp_path / "afile").write_text("x")
    monkeypatch.delenv("CAREERPATH_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv(
        "XDG_CONFIG_HOME", config if config.startswith("/") else str(tmp_path / config)
    )
    result = runner.invoke(cli, ["cohort", "--anonymise", str(EXAMPLES / "answers")])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)  # no traceback
    expected = message.format(t=tmp_path)
    assert f"error: the pseudonym key's folder (in $XDG_CONFIG_HOME): {expected}" in result.stderr


def test_an_unwritable_config_home_says_permission_denied(runner, tmp_path, monkeypatch):
    import os

    config = tmp_path / "config"
    config.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == config else real(p, mode))
    monkeypatch.delenv("CAREERPATH_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    result = runner.invoke(cli, ["cohort", "--anonymise", str(EXAMPLES / "answers")])
    assert result.exit_code == 1, result.output
    assert f"permission denied: cannot create {config / 'careerpath'} in {config}" in result.stderr


@pytest.mark.parametrize("command", ["report", "plan"])
def test_a_report_is_never_written_under_a_data_files_name(runner, tmp_path, command):
    """`report -o bruno.yaml --format pdf --force` replaced a mentee's answers file by a PDF."""
    other = tmp_path / "bruno.yaml"
    other.write_text("schema_version: 1\nskills: {python: 3}\n", encoding="utf-8")
    args = [command, "--answers", DE, "--target", "ml-engineer", "-o", str(other)]
    result = runner.invoke(cli, [*args, "--format", "pdf", "--force"])
    assert result.exit_code == 2
    assert "bruno.yaml: a .yaml name is for data, not for a report" in result.stderr
    assert other.read_text(encoding="utf-8") == "schema_version: 1\nskills: {python: 3}\n"


# Placeholders a help sentence names ("saved in FILE", "the best N roles"); "--save FILE"
# in a sentence names another option's and is left out.
_PLACEHOLDER = re.compile(r"\b(FILE|DIR|N|ROLE|JOB|PATH|ADDRESS|SKILL|NAME)\b(?![-/])")


def _commands(command: click.Command, path: tuple[str, ...]):
    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            yield from _commands(command.get_command(ctx, name), (*path, name))


def test_an_options_help_names_the_placeholder_its_usage_shows():
    # `--resume PATH  Continue ... saved in FILE` leaves a reader guessing what FILE is.
    mismatched = []
    for path, command in _commands(cli, ("careerpath",)):
        ctx = click.Context(command, info_name=path[-1])
        for param in command.params:
            if not isinstance(param, click.Option) or param.is_flag or not param.help:
                continue
            shown = param.get_help_record(ctx)[0]
            named = set(_PLACEHOLDER.findall(re.sub(r"--[\w-]+ [A-Z][A-Z_/]*", "", param.help)))
            if named and not any(re.search(rf"\b{word}\b", shown) for word in named):
                mismatched.append((" ".join(path), shown, sorted(named)))
    assert mismatched == []


def test_every_suggested_command_repeats_the_runs_data_dir_and_language():
    """One function builds the commands the tool suggests: each says again the --data-dir
    and --lang of the run, a path quoted for a shell; a library caller gets them bare."""
    from careerpath import commands

    assert commands.next_command("roles") == "careerpath roles"
    options = commands.run_options("/my data", "pt-BR")
    assert options == ["--data-dir", "/my data", "--lang", "pt-BR"]
    with commands.repeating(options):
        assert commands.next_command("plan", "--answers", Path("a b.yaml")) == (
            "careerpath --data-dir '/my data' --lang pt-BR plan --answers 'a b.yaml'"
        )
        assert commands.repeated() == tuple(options)
    assert commands.run_options(None, None) == []
    assert commands.next_command("skills", "show", "ID") == "careerpath skills show ID"


def test_a_hint_outside_assess_keeps_the_data_dir_and_language(runner, tmp_path):
    """plan, progress and the rest print commands too (`see careerpath roles`): with the
    --data-dir and --lang the user gave, given before or after the command."""
    from conftest import DATA

    answers = tmp_path / "a.yaml"
    answers.write_text("skills:\n  sql: 2\n", encoding="utf-8")
    args = ["--data-dir", str(DATA), "plan", "--answers", str(answers), "--lang", "pt-BR"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert f"(veja `careerpath --data-dir {DATA} --lang pt-BR roles`)" in result.stderr
    plain = runner.invoke(cli, ["plan", "--answers", str(answers)])
    assert "(see `careerpath roles`)" in plain.stderr  # nothing given, nothing repeated
    step = ["--lang", "pt-BR", "progress", "--answers", DE, "no-such-step", "--done"]
    unknown = runner.invoke(cli, step)
    assert f"(veja `careerpath --lang pt-BR plan --answers {DE}`)" in unknown.stderr
