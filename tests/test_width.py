"""Every text view fits the terminal it is shown on: at 60, 80 and 160 columns no line is wider
than the terminal, no word is split, and nothing is left out; off a terminal the text is the
same whatever the window (the goldens hold it at 96 columns). `--help` fits 80 columns."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import click
import pexpect
import pytest
from conftest import EXAMPLES, ROOT, default_sigint

from careerpath import terminal
from careerpath.cli import cli

ANSWERS = str(EXAMPLES / "answers" / "data-engineer-to-ml.yaml")
LATER = str(EXAMPLES / "answers" / "data-engineer-to-ml-2027-05.yaml")
ANALYST = str(EXAMPLES / "answers" / "data-analyst.yaml")
COHORT = str(EXAMPLES / "cohort")
WIDTHS = (60, 80, 160)

# Headers a narrow table shortens ("req.") or shows only beside a value ("importance: 4"),
# and rules made of dashes, whose length follows the column.
SHORT_HEADERS = {"req.", "imp.", "ess.", "gap"}
LONG_HEADERS = {"required", "importance", "weighted", "essential"}


def _every_role_and_roadmap() -> list[list[str]]:
    from careerpath.catalog import load_catalog

    catalog = load_catalog(ROOT / "data")
    return [["roles", "show", r] for r in catalog.roles] + [
        ["roadmaps", "show", r] for r in catalog.roadmaps
    ]


def _setup_progress(tmp: Path) -> list[str]:
    mine = tmp / "mine.yaml"
    shutil.copy(ANSWERS, mine)
    return ["progress", "--answers", str(mine), "pandas-numpy-for-ml", "--done"]


def _setup_warnings(tmp: Path) -> list[str]:
    """An answers file with names the catalogue does not know: warnings on stderr."""
    odd = tmp / "a-rather-long-folder-name-for-answers" / "with-unknown-skill-names.yaml"
    odd.parent.mkdir()
    text = Path(ANSWERS).read_text(encoding="utf-8")
    odd.write_text(
        text.replace("\nskills:\n", "\nskills:\n  pythn: 3\n  Qlik Sense Enterprise Edition: 2\n"),
        encoding="utf-8",
    )
    return ["plan", "--answers", str(odd), "--target", "ml-engineer", "--start", "2027-01-04"]


def _setup_cohort_with_problems(tmp: Path) -> list[str]:
    group = tmp / "group"
    shutil.copytree(COHORT, group)
    (group / "broken-file-with-a-long-name.yaml").write_text("skills: [1, 2\n", encoding="utf-8")
    ana = group / "ana-souza.yaml"
    ana.write_text(
        ana.read_text(encoding="utf-8").replace("\nskills:\n", "\nskills:\n  pythn: 3\n"),
        encoding="utf-8",
    )
    return ["team", str(group)]


def _setup_exposed_catalogue(tmp: Path) -> list[str]:
    data = tmp / "catalogue-that-other-users-of-this-machine-can-write-to"
    shutil.copytree(ROOT / "data", data)
    (data / "roles").chmod(0o777)
    return ["--data-dir", str(data), "validate"]


def _setup_template(tmp: Path) -> list[str]:
    return ["questionnaire", "template", "-o", str(tmp / "answers-for-a-new-mentee.yaml")]


def _setup_report(tmp: Path) -> list[str]:
    out = tmp / "reports-for-the-mentor" / "report.html"
    out.parent.mkdir()
    return ["report", "--answers", ANSWERS, "-o", str(out), "--date", "2027-01-04"]


def _setup_ics(tmp: Path) -> list[str]:
    out = tmp / "calendars-for-the-learning-plan" / "plan.ics"
    out.parent.mkdir()
    return ["plan", "--answers", ANSWERS, "--start", "2027-01-04", "--ics", str(out)]


def _job(tmp: Path) -> str:
    from test_posting import ML_ENGINEER_AD

    job = tmp / "a-job-posting-saved-from-the-company-website.md"
    job.write_text(ML_ENGINEER_AD, encoding="utf-8")
    return str(job)


def _setup_posting(tmp: Path, *extra: str) -> list[str]:
    return ["posting", _job(tmp), *extra]


VIEWS: dict[str, list[str] | Callable[[Path], list[str]]] = {
    "roles": ["roles"],
    "skills": ["skills"],
    "skills --category": ["skills", "--category", "mlops"],
    "skills show": ["skills", "show", "supervised-learning"],
    "roadmaps": ["roadmaps"],
    "assess": ["assess", "--answers", ANSWERS, "--target", "ml-engineer"],
    "assess --top": ["assess", "--answers", ANALYST, "--top", "3"],
    "assess --adaptive replay": ["assess", "--adaptive", "--answers", ANSWERS],
    "plan curated": ["plan", "--answers", ANSWERS, "--start", "2027-01-04"],
    "plan generated": ["plan", "--answers", ANALYST, "--target", "mlops-engineer"],
    "compare": ["compare", ANSWERS, LATER],
    "cohort": ["cohort", COHORT],
    "cohort --target": ["cohort", COHORT, "--target", "ml-engineer", "--anonymise"],
    "team": ["team", COHORT],
    "validate": ["validate"],
    "progress": _setup_progress,
    "warnings": _setup_warnings,
    "skipped and ignored": _setup_cohort_with_problems,
    "catalogue warnings": _setup_exposed_catalogue,
    "template written": _setup_template,
    "report written": _setup_report,
    "calendar written": _setup_ics,
    "posting": _setup_posting,
    "posting --answers": lambda tmp: _setup_posting(tmp, "--answers", ANSWERS),
    "assess --posting": lambda tmp: ["assess", "--answers", ANSWERS, "--posting", _job(tmp)],
    "error": ["plan", "--answers", "no-such-answers-file-anywhere-on-this-machine.yaml"],
    **{" ".join(args): args for args in _every_role_and_roadmap()},
}


def run_at(runner, monkeypatch, columns: int, args: list[str]) -> tuple[str, str]:
    """stdout and stderr of ``args`` as a terminal ``columns`` wide would show them."""
    monkeypatch.setattr(terminal, "columns", lambda stream=None: columns)
    monkeypatch.setenv("CAREERPATH_PSEUDONYM_KEY", "a key for the width tests")
    result = runner.invoke(cli, args, prog_name="careerpath")
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.stdout, result.stderr


def words(text: str) -> set[str]:
    return {w for w in text.split() if w.strip("-")}


def too_wide(text: str, columns: int) -> list[str]:
    """Lines wider than ``columns``, but for a line of one word too long for any line (a web
    address or a file's path): split, it would no longer open with a click nor paste whole,
    and a terminal shows it on two rows. A word that fits once its indent is taken off is
    not too long: "        https://..." at 82 columns looked cut in two at 80."""
    return [
        line
        for line in text.splitlines()
        if len(line) > columns and (len(line.split()) > 1 or len(line.strip()) <= columns)
    ]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("view", list(VIEWS))
def test_every_view_fits_the_width_and_keeps_its_words(
    runner, monkeypatch, tmp_path, view, columns
):
    setup = VIEWS[view]
    outputs = []
    for name, at in (("narrow", columns), ("wide", 10_000)):
        # The same files in two folders (a command may change them): the folder's name is
        # taken out of the text before the two are compared.
        folder = tmp_path / name
        folder.mkdir()
        monkeypatch.chdir(folder)
        shown = run_at(runner, monkeypatch, at, setup(Path(".")) if callable(setup) else setup)
        for text in shown:
            assert too_wide(text, at) == []
        outputs.append([text.replace(str(folder), "FOLDER") for text in shown])
    narrow, wide = outputs
    assert narrow[0] or narrow[1], "the view printed nothing"
    for shown, reference in zip(narrow, wide, strict=True):
        # A split word ("enviro" + "nment", "pipel…") is a word the unwrapped text lacks.
        split = words(shown) - words(reference) - SHORT_HEADERS
        assert not {w for w in split if w.rstrip(":") not in words(reference)}, split
        # Nothing dropped: every word of the unwrapped text is still there (a header moved
        # under its row is a label: "family:").
        kept = words(shown) | {w.rstrip(":") for w in words(shown)}
        assert words(reference) - kept <= LONG_HEADERS


def test_the_tests_would_notice_a_split_word_and_a_long_line():
    reference = "Check the environment variables"
    assert words("Check the enviro\nnment variables") - words(reference) == {"enviro", "nment"}
    assert too_wide("x" * 30 + " " + "y" * 30, 60) == ["x" * 30 + " " + "y" * 30]
    assert too_wide("      https://example.org/" + "a" * 80, 60) == []
    assert too_wide("      https://example.org/" + "a" * 15, 40) == [
        "      https://example.org/" + "a" * 15
    ]


@pytest.mark.parametrize("columns", WIDTHS)
def test_tables_wrap_stack_and_abbreviate_but_never_split_a_cell_word(columns):
    rows = [
        ("Data Engineer", "75%", "ETL/ELT and data pipelines, Python, SQL", "Azure, dbt"),
        ("ML Project Manager", "33%", "Problem solving, Collaboration, " * 3, "Agile " * 20),
    ]
    text = terminal.table(
        ("role", "fit", "carried by", "costliest gaps"), rows, right={1}, columns=columns
    )
    assert too_wide(text, columns) == []
    cells = words(" ".join(str(c) for row in rows for c in row))
    assert cells <= words(text)
    assert words(text) - cells <= words("role fit carried by costliest gaps by: gaps:")


def test_a_table_that_fits_is_printed_as_it_always_was():
    text = terminal.table(("id", "n"), [("a", 1), ("bb", 22)], right={1}, columns=60)
    assert text == "id   n\n--  --\na    1\nbb  22"


def test_the_narrowest_layout_puts_each_row_in_a_block():
    text = terminal.table(
        ("skill", "level one", "level two", "level three"),
        [("Kubernetes", "a" * 20, "b" * 20, "c" * 20)],
        stack=(),
        columns=60,
    )
    assert text.splitlines() == [
        "skill: Kubernetes",
        "  level one: " + "a" * 20,
        "  level two: " + "b" * 20,
        "  level three: " + "c" * 20,
    ]


def test_off_a_terminal_the_width_is_96_and_messages_stay_one_line(monkeypatch):
    class Pipe:
        def isatty(self) -> bool:
            return False

    assert terminal.columns(Pipe()) is None
    assert terminal.width(Pipe()) == terminal.WIDTH == 96
    message = "warning: " + "word " * 40
    assert terminal.paragraphs(message, Pipe()) == message


def test_on_a_terminal_the_width_is_the_terminal_s_and_never_under_60(monkeypatch):
    class Tty:
        def isatty(self) -> bool:
            return True

    for real, expected in ((40, 60), (80, 80), (160, 160)):
        monkeypatch.setattr(
            terminal.shutil, "get_terminal_size", lambda fallback, n=real: os.terminal_size((n, 24))
        )
        assert terminal.width(Tty()) == expected
    first, *more = terminal.paragraphs("warning: " + "word " * 40, Tty()).splitlines()
    assert more and all(line.startswith("  word") for line in more)  # a hanging indent
    assert max(len(line) for line in (first, *more)) <= 160


def _help_paths(group: click.Group, prefix: tuple[str, ...] = ()):
    yield prefix
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _help_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


@pytest.mark.parametrize("columns", (*WIDTHS, 200))
def test_help_of_every_command_fits_80_columns_and_the_terminal(columns):
    """In a real process: click sizes help from the terminal's width (COLUMNS), at most 80."""
    env = {**os.environ, "COLUMNS": str(columns)}
    for path in _help_paths(cli):
        done = subprocess.run(
            [sys.executable, "-m", "careerpath", *path, "--help"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert too_wide(done.stdout, min(columns, 80)) == [], path


def test_a_real_60_column_terminal_gets_a_60_column_table(tmp_path):
    """End to end, in a pseudo-terminal: the width comes from the terminal itself."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "CAREERPATH_DATA")}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "careerpath", "assess", "--answers", ANSWERS, "--target", "ml-engineer"],
        cwd=str(tmp_path),
        env={**env, "TERM": "dumb"},
        encoding="utf-8",
        timeout=120,
        dimensions=(40, 60),
        preexec_fn=default_sigint,
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    out = child.before.replace("\r\n", "\n")
    assert "\n1  Data Engineer" in out
    assert "   carried by: ETL/ELT and data pipelines, Python, SQL" in out
    assert too_wide(out, 60) == []
    assert max(len(line) for line in out.splitlines()) > 50  # it used the width it had


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
@pytest.mark.parametrize("columns", (60, 80))
def test_a_level_descriptors_wrapped_lines_start_under_its_first_word(monkeypatch, lang, columns):
    """`skills show statistics` at 80 columns once indented each descriptor's continuation
    lines one column more than its first line's text (15, then 16)."""
    import re

    from careerpath import i18n
    from careerpath.catalog import load_catalog

    monkeypatch.setattr(terminal, "columns", lambda stream=None: columns)
    i18n.use(lang)
    try:
        catalog = load_catalog(ROOT / "data")
        starts, wrapped = set(), 0
        for skill in catalog.skills.values():
            lines = terminal.skill_detail(catalog, skill).splitlines()
            first = next(i for i, line in enumerate(lines) if line.startswith("  0 "))
            for line in lines[first:]:
                label = re.match(r"  [0-4] \S+ +", line)
                if label is not None:
                    starts.add(label.end())
                else:
                    wrapped += 1
                    starts.add(len(line) - len(line.lstrip(" ")))
    finally:
        i18n.use(i18n.DEFAULT)
    assert wrapped > 0  # the check saw continuation lines
    assert len(starts) == 1, starts  # every descriptor line's text starts in one column
