"""Smoke tests: the bundled catalogue validates, and every command of the README runs as
written on a fresh clone."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
from conftest import ROOT, default_sigint

from careerpath.cli import cli


def test_validate_bundled_catalogue(runner):
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("ok: ")


# --- the README's commands, as a new user types them on a fresh clone -------------------------

README = ROOT / "README.md"
# The set-up a fresh clone needs first (this suite already runs inside it), and the suite itself.
SETUP = re.compile(r"^(python3 -m venv \S+|\. \S+/bin/activate|pip install .+)$")
SUITE = "python -m pytest"
# Benchmarks time things for minutes (60 PDF reports, 1,000 simulated people, 100,000-person
# cohorts): these start and parse their options (--help); the quick one runs as written.
TIMED = (
    "benchmarks/run.py",
    "benchmarks/adaptive.py",
    "benchmarks/batch.py",
    "benchmarks/cohort.py",
    "benchmarks/extraction.py",
)
# Placeholders a reader fills in (FILE, DIR, ROLE, ID, K/N, "..."): such a command is a pattern.
PLACEHOLDER = re.compile(r"\b[A-Z][A-Z_/]*[A-Z]\b|\.\.\.|…")


def readme_commands() -> tuple[list[str], list[str]]:
    """The shell lines of the README's ```sh blocks, in order, and the `careerpath ...` commands
    written inline in its text (a|b|c alternatives each once, patterns left out)."""
    text = README.read_text(encoding="utf-8")
    blocks = [
        line.strip()
        for block in re.findall(r"```sh\n(.*?)```", text, re.S)
        for line in block.splitlines()
        if line.strip()
    ]
    inline = []
    for span in re.findall(r"`((?:careerpath|python benchmarks/)[^`]*)`", text):
        if PLACEHOLDER.search(span.replace("CAREERPATH", "")):
            continue
        words = span.split()
        alternatives = next((w for w in words if "|" in w), None)
        if alternatives:
            inline += [span.replace(alternatives, a) for a in alternatives.split("|")]
        else:
            inline.append(span)
    return blocks, inline


def fresh_clone(tmp_path: Path) -> Path:
    """The files git tracks, copied: what a clone holds (no reports left from earlier runs)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout.decode()
    clone = tmp_path / "careerpath"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, clone / name)
    return clone


def shell_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CAREERPATH_")}
    home = tmp_path / "home"  # --anonymise keeps its key under ~/.config: not the real one
    home.mkdir(exist_ok=True)
    bin_dir = str(Path(sys.executable).parent)  # careerpath and python of this environment
    return {**env, "HOME": str(home), "PATH": f"{bin_dir}{os.pathsep}{env['PATH']}"}


def runnable(line: str) -> str | None:
    """The part of a README line to run here: set-up and the test suite taken out."""
    parts = [p.strip() for p in line.split("#")[0].split(" && ")]
    kept = [p for p in parts if p and not SETUP.match(p) and p != SUITE]
    if not kept:
        return None
    for i, part in enumerate(kept):
        if part.startswith("python benchmarks/") and part.split()[1] in TIMED:
            kept[i] = f"python {part.split()[1]} --help"
    return " && ".join(kept)


def interactive(command: str) -> bool:
    return command.startswith("careerpath assess") and "--answers" not in command


def run_in_a_terminal(command: str, cwd: Path, env: dict[str, str]) -> str:
    """The questionnaire in a pseudo-terminal: it starts and asks, then Ctrl-C stops it."""
    child = pexpect.spawn(
        "bash",
        ["-c", command],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=300,  # a safety net: the adaptive model is fitted before the first question
        dimensions=(40, 100),
        preexec_fn=default_sigint,
    )
    child.expect(r"(?i)your name")  # the first question: Ctrl-C is now the questionnaire's
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    return child.before


def test_every_readme_command_runs_as_written_on_a_fresh_clone(tmp_path):
    blocks, inline = readme_commands()
    clone, env = fresh_clone(tmp_path), shell_env(tmp_path)
    ran: list[str] = []
    for line in [*blocks, *inline]:
        command = runnable(line)
        if command is None or command in ran:  # the text names again what the tour ran
            continue
        if interactive(command):
            shown = run_in_a_terminal(command, clone, env)
            assert "Traceback" not in shown and "error:" not in shown, (command, shown)
            assert "Resume with:" in shown, (command, shown)  # it was asking, and saved
        else:
            done = subprocess.run(
                ["bash", "-c", command],
                cwd=clone,
                env=env,
                capture_output=True,
                text=True,
                timeout=600,
            )
            assert done.returncode == 0, (command, done.stderr)
            assert "Traceback" not in done.stderr, (command, done.stderr)
        ran.append(command)
    # What the tour and the set-up promise is there: both reports, the batch, the cohort.
    for written in ("report.html", "report.pdf", "analyst.pdf", "cohort.html", "answers.yaml"):
        assert (clone / written).is_file(), written
    assert len(list((clone / "reports").glob("*.pdf"))) == len(
        list((clone / "examples" / "cohort").glob("*.yaml"))
    )
    assert any(c.startswith("careerpath progress") for c in ran)
    assert sum(c.startswith("careerpath") for c in ran) >= 20, ran


def test_the_readme_parser_finds_the_commands_and_leaves_out_only_set_up():
    blocks, inline = readme_commands()
    assert blocks[0].startswith("python3 -m venv .venv && . .venv/bin/activate && pip install .")
    assert runnable(blocks[0]).startswith("careerpath report --answers examples/")
    assert (
        runnable(
            "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]'"
            " && python -m pytest"
        )
        is None
    )
    assert "careerpath schema roadmap" in inline and "careerpath validate" in inline
    assert not any("FILE" in c or "..." in c for c in inline)
    assert runnable("python benchmarks/batch.py      # 100 PDF reports") == (
        "python benchmarks/batch.py --help"
    )


def test_ci_runs_exactly_the_readme_test_command():
    readme = README.read_text(encoding="utf-8")
    command = next(
        line for line in re.findall(r"```sh\n(.*?)```", readme, re.S)[1].splitlines() if line
    )
    assert command.endswith("&& python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci


def test_a_missing_answers_file_says_how_to_make_one(runner, tmp_path):
    result = runner.invoke(cli, ["assess", "--answers", str(tmp_path / "my-answers.yaml")])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {tmp_path / 'my-answers.yaml'}: file not found; ")
    assert "`careerpath questionnaire template -o FILE`" in result.stderr
    assert "`careerpath assess`" in result.stderr


def test_plan_without_a_target_says_error_like_every_other_command(runner):
    result = runner.invoke(
        cli, ["plan", "--answers", str(ROOT / "examples/answers/analyst-sql-excel.yaml")]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith(
        "error: no target role: pass --target ROLE (see `careerpath roles`)\n"
    )
    assert "Error" not in result.stderr
