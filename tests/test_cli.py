"""The command line: help for every command, catalogue commands, errors and exit codes.

DESIGN.md: errors go to stderr with exit 1 (2 for bad options), no traceback unless --debug,
and `--json` output stays parseable. `careerpath --help` must not import the heavy libraries.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import signal
import subprocess
import sys

import click
import pytest
from conftest import EXAMPLES

from careerpath import __version__, i18n
from careerpath.catalog import load_catalog
from careerpath.cli import HELP_WIDTH, cli, help_width, language, lazy
from careerpath.errors import InputError


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand, found by walking the click tree (new ones included)."""
    paths = [prefix]
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*prefix, name)))
        else:
            paths.append((*prefix, name))
    return paths


COMMANDS = command_paths()


def ok(result, code: int = 0):
    assert result.exit_code == code, (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def fails(result, code: int = 1) -> str:
    """The error a failed command printed: on stderr only, no traceback, nothing on stdout."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.stderr


# --- help and version ------------------------------------------------------------------------


def test_the_tree_walk_finds_the_known_commands():
    expected = {
        (),
        ("validate",),
        ("roles",),
        ("roles", "show"),
        ("skills",),
        ("skills", "show"),
        ("schema",),
    }
    assert expected <= set(COMMANDS)
    assert len(COMMANDS) == len(set(COMMANDS))


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "careerpath")
def test_help_of_every_command_works(runner, path):
    result = ok(runner.invoke(cli, [*path, "--help"], prog_name="careerpath"))
    assert result.stdout.startswith(f"Usage: {' '.join(('careerpath', *path))} ")
    assert result.stderr == ""
    short = ok(runner.invoke(cli, [*path, "-h"], prog_name="careerpath"))
    assert short.stdout == result.stdout


@pytest.mark.parametrize("path", COMMANDS[1:], ids=lambda p: " ".join(p))
def test_every_command_says_what_it_does(path):
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert (command.help or "").strip(), f"`careerpath {' '.join(path)}` has no help text"


def _examples(command: click.Command) -> list[str]:
    """The command lines ``command``'s help shows under "Examples:" (its epilog)."""
    heading, *lines = (command.epilog or "").removeprefix("\b\n").split("\n")
    assert heading == "Examples:", command.epilog
    return [line.removeprefix("  ") for line in lines]


def _command(path: tuple[str, ...]) -> click.Command:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
@pytest.mark.parametrize("path", COMMANDS[1:], ids=lambda p: " ".join(p))
def test_every_commands_help_ends_with_examples_of_it(runner, path, lang):
    result = ok(runner.invoke(cli, [*path, "--help", "--lang", lang], prog_name="careerpath"))
    heading = {"en": "Examples:", "pt-BR": "Exemplos:"}[lang]
    head, _, tail = result.stdout.partition(f"\n  {heading}\n")
    assert tail, result.stdout  # the heading, translated
    assert "--help" in head and "--help" not in tail  # after the options: the help's end
    lines = tail.splitlines()
    assert lines and all(line.startswith("    careerpath ") for line in lines), lines
    # At least one example is of this very command (the others may show what comes next).
    assert any(line.split()[1 : 1 + len(path)] == list(path) for line in lines), lines
    # Kept as written in every language: the commands are the English help's.
    assert [line.strip() for line in lines] == _examples(_command(path))


# What the examples name, made in a temporary folder so that every example can be parsed as
# the user would run it (an option that must name an existing folder finds one).
EXAMPLE_FILES = {
    "my-answers.yaml": "answers/data-engineer-to-ml.yaml",
    "careerpath-answers-2026-12-03.yaml": "answers/data-engineer-to-ml.yaml",
    "mine.yaml": "answers/data-engineer-to-ml.yaml",
    "june.yaml": "answers/data-engineer-to-ml.yaml",
    "december.yaml": "answers/data-engineer-to-ml-2027-05.yaml",
    "draft.yaml": "answers/data-engineer-to-ml.yaml",
    "hr-export.jsonl": "people.jsonl",
    "my-cv.pdf": "cv/daniel-okafor.md",
    "job-ad.pdf": "postings/ml-engineer-fernhill.md",
}
EXAMPLE_FOLDERS = {"mentees": "cohort", "my-team": "cohort"}


def _parsed(words: list[str]) -> click.Context:
    """``words`` (after ``careerpath``) parsed as click parses them to run the command: an
    option renamed or removed, a missing argument or a bad value raises a click error."""
    command: click.Command = cli
    path = ["careerpath"]
    while isinstance(command, click.Group) and words and words[0] in command.commands:
        path.append(words[0])
        command = command.commands[words.pop(0)]
    assert command is not cli, words
    return command.make_context(" ".join(path), words)


@pytest.mark.parametrize("path", COMMANDS[1:], ids=lambda p: " ".join(p))
def test_every_example_is_a_command_line_careerpath_takes(path, tmp_path, monkeypatch):
    import shlex
    import shutil

    from careerpath.cli.options import EXAMPLE_WIDTH

    for name, source in EXAMPLE_FILES.items():
        shutil.copy(EXAMPLES / source, tmp_path / name)
    for name, source in EXAMPLE_FOLDERS.items():
        shutil.copytree(EXAMPLES / source, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    examples = _examples(_command(path))
    assert 1 <= len(examples) <= 3, examples
    for line in examples:
        assert len(line) <= EXAMPLE_WIDTH, line  # help fits a 60-column terminal
        words = shlex.split(line)
        assert words[0] == "careerpath", line
        ctx = _parsed(words[1:])
        assert ctx.args == [], (line, ctx.args)  # every word taken


def test_the_example_check_would_notice_a_renamed_option():
    with pytest.raises(click.NoSuchOption):
        _parsed(["plan", "-a", "mine.yaml", "--hours-a-week", "8"])
    with pytest.raises(click.UsageError):
        _parsed(["roles", "show", "ml-engineer", "data-analyst"])


def test_examples_make_an_epilog_that_click_leaves_as_written_and_that_is_translated():
    from careerpath.cli.options import examples

    epilog = examples("careerpath roles", "careerpath roles show ml-engineer")
    assert epilog == "\b\nExamples:\n  careerpath roles\n  careerpath roles show ml-engineer"
    command = click.Command("x", epilog=epilog)
    ctx = click.Context(command, info_name="x", max_content_width=50, terminal_width=50)
    assert ctx.get_help().endswith(
        "\n\n  Examples:\n    careerpath roles\n    careerpath roles show ml-engineer"
    )
    i18n.use("pt-BR")
    try:
        language.localise_help(command)
        assert command.epilog == epilog.replace("Examples:", "Exemplos:")
    finally:
        i18n.use("en")
        language.localise_help(command)
    assert command.epilog == epilog


def test_version(runner):
    result = ok(runner.invoke(cli, ["--version"], prog_name="careerpath"))
    assert result.stdout == f"careerpath, version {__version__}\n"


def test_python_m_careerpath_version_in_a_fresh_interpreter(tmp_path):
    # From another folder: nothing may depend on the current directory.
    done = subprocess.run(
        [sys.executable, "-m", "careerpath", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"careerpath, version {__version__}\n"
    assert done.stderr == ""


HEAVY = ("sklearn", "scipy", "weasyprint", "jinja2", "numpy", "dask", "distributed")

_CHILD = """
import json, sys
import click
from click.testing import CliRunner
from careerpath.catalog import load_catalog
from careerpath.cli import cli
from careerpath.errors import InputError

def paths(group, prefix=()):
    yield prefix
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from paths(command, (*prefix, name))
        else:
            yield (*prefix, name)

runner = CliRunner()
codes = {" ".join(p): runner.invoke(cli, [*p, "--help"]).exit_code for p in paths(cli)}
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[1:]))
print(json.dumps({"codes": codes, "heavy": heavy}))
"""


def test_help_does_not_import_heavy_libraries_in_a_fresh_interpreter():
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *HEAVY], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["heavy"] == [], f"`careerpath --help` imported {report['heavy']}"
    assert set(report["codes"].values()) == {0}, report["codes"]
    assert "" in report["codes"] and "validate" in report["codes"]


# Light standard modules `careerpath --help` once loaded for nothing (pathlib brings urllib.parse
# and ipaddress with it): each is imported where a command or an error first needs it. shutil
# is click's way to the terminal's width (cli.help_width finds it without), signal is for a
# running command, dataclasses for careerpath.errors.
UNNEEDED_FOR_HELP = (
    "pathlib",
    "urllib",
    "ipaddress",
    "traceback",
    "string",
    "unicodedata",
    "shutil",
    "signal",
    "dataclasses",
)

_HELP_CHILD = """
import contextlib, io, json, sys
names, sys.argv = set(sys.argv[1:]), ["careerpath", "--help"]
from careerpath.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        main()
    except SystemExit as exc:
        code = exc.code
loaded = sorted({m.split(".")[0] for m in sys.modules} & names)
print(json.dumps({"code": code, "help": "Usage:" in out.getvalue(), "loaded": loaded}))
"""


def test_help_as_the_console_script_runs_it_loads_no_module_it_does_not_need():
    done = subprocess.run(
        [sys.executable, "-c", _HELP_CHILD, *HEAVY, *UNNEEDED_FOR_HELP],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"code": 0, "help": True, "loaded": []}


_HELP_MODULES_CHILD = """
import contextlib, io, json, sys
sys.argv = ["careerpath", *sys.argv[1:]]
from careerpath.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main()
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in sys.modules if m.startswith("careerpath"))))
"""


def _loads(*args: str) -> set[str]:
    """careerpath's modules that `careerpath ARGS` loads, run as the console script runs it."""
    done = subprocess.run(
        [sys.executable, "-c", _HELP_MODULES_CHILD, *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout))


# What a command needs and the root's help does not: the modules that declare the commands, the
# options they share and the tool's errors.
COMMAND_MODULES = {f"careerpath.cli.{module}" for module, _short in lazy.COMMANDS.values()}
NOT_FOR_ROOT_HELP = {*COMMAND_MODULES, "careerpath.cli.options", "careerpath.errors"}


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_the_root_help_imports_no_command_module(lang):
    assert _loads("--lang", lang, "--help") & NOT_FOR_ROOT_HELP == set()


def test_a_command_imports_its_own_module_when_it_is_asked_for():
    # The check above would notice: a command's help loads its module (and no other's).
    loaded = _loads("roles", "--help")
    assert "careerpath.cli.catalogue" in loaded
    assert loaded & COMMAND_MODULES == {"careerpath.cli.catalogue"}


def test_lazy_commands_load_each_command_once_when_it_is_looked_up():
    loads: list[str] = []

    def load(name: str) -> click.Command:
        loads.append(name)
        return click.Command(name)

    commands = lazy.LazyCommands(["a", "b"], load)
    assert list(commands) == ["a", "b"] and "a" in commands and "z" not in commands
    assert len(commands) == 2 and loads == []  # names, contains and len load nothing
    assert commands["a"] is commands["a"] and commands.get("z") is None
    assert loads == ["a"] and list(commands.loaded) == ["a"]
    added = click.Command("c")
    commands["c"] = added  # as click's add_command does
    del commands["b"]
    assert dict(commands) == {"a": commands["a"], "c": added} and loads == ["a"]
    with pytest.raises(KeyError):
        del commands["b"]


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_the_table_of_commands_agrees_with_the_commands(lang):
    """lazy.COMMANDS lists the root's commands without importing them: each name is that of
    the command its module declares, and its short help (translated) is the one click makes
    from the command's help, so the two never drift apart."""
    assert list(cli.commands) == list(lazy.COMMANDS)
    with language.chosen(["--lang", lang]):
        try:
            language.localise_help(cli)
            for name, (module, short) in lazy.COMMANDS.items():
                command = getattr(importlib.import_module(f"careerpath.cli.{module}"), name)
                assert cli.commands[name] is command and command.name == name
                assert i18n._(short) == command.get_short_help_str(10**6), name
        finally:
            language.localise_help(cli)
    language.localise_help(cli)  # back in English


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
@pytest.mark.parametrize("width", [50, 58, 78, 200])
def test_the_commands_listed_without_importing_them_read_as_click_lists_them(
    lang, width, monkeypatch
):
    """The root's list of commands, made from lazy.COMMANDS alone (a command imported to list
    it fails the test), is the one click makes from the commands themselves, at every width
    (click shortens each short help to it) and in every language."""
    ctx = click.Context(cli)
    ours, clicks = click.HelpFormatter(width=width), click.HelpFormatter(width=width)
    with language.chosen(["--lang", lang]):
        try:
            language.localise_help(cli)
            click.Group.format_commands(cli, ctx, clicks)  # click's own, from the commands
            with monkeypatch.context() as patched:
                unloaded = lazy.LazyCommands(lazy.COMMANDS, lambda name: pytest.fail(name))
                patched.setattr(cli, "commands", unloaded)
                cli.format_commands(ctx, ours)
        finally:
            language.localise_help(cli)
    language.localise_help(cli)
    assert ours.getvalue() == clicks.getvalue()
    assert "Commands:" in ours.getvalue() or "Comandos:" in ours.getvalue()


@pytest.mark.parametrize("columns", [None, "", "wide", "0", "-3", "30", "66", "79", "200"])
@pytest.mark.parametrize("terminal", [None, 40, 72, 300])
def test_help_width_is_the_width_click_would_find(columns, terminal, monkeypatch):
    """cli.help_width finds without shutil what click finds with it: $COLUMNS, else the
    terminal's columns (None: standard output is no terminal), else 80."""
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)

    def size(fd: int = 1) -> os.terminal_size:
        if terminal is None:
            raise OSError("not a terminal")
        return os.terminal_size((terminal, 24))

    monkeypatch.setattr(os, "get_terminal_size", size)  # what shutil asks too
    assert help_width() == click.HelpFormatter(max_width=HELP_WIDTH).width
    # click's CliRunner forces 80 columns (the README's reference is made so): click decides.
    monkeypatch.setattr(click.formatting, "FORCED_WIDTH", 80)
    assert help_width() is None


def test_a_test_calling_cli_leaves_sigterm_alone(runner):
    # Only `main` (a real process) takes SIGTERM over; tests run commands through `cli`.
    before = signal.getsignal(signal.SIGTERM)
    ok(runner.invoke(cli, ["validate"]))
    assert signal.getsignal(signal.SIGTERM) == before


def test_the_help_check_would_notice_an_import():
    done = subprocess.run(
        [sys.executable, "-c", "import pathlib\n" + _HELP_CHILD, "pathlib"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(done.stdout)["loaded"] == ["pathlib"]


_ASSESS_CHILD = """
import json, sys
from click.testing import CliRunner
from careerpath.cli import cli
result = CliRunner().invoke(cli, ["assess", "--answers", sys.argv[1]])
heavy = sorted({m.split(".")[0] for m in sys.modules} & set(sys.argv[2:]))
print(json.dumps({"code": result.exit_code, "heavy": heavy}))
"""


def test_assess_does_not_import_the_report_or_team_libraries():
    # numpy scores; scikit-learn, scipy (team's assignment), jinja2 and WeasyPrint are for
    # other commands and would only slow every assessment down.
    from conftest import EXAMPLES

    answers = str(EXAMPLES / "answers" / "data-engineer-to-ml.yaml")
    heavy = ["sklearn", "scipy", "weasyprint", "jinja2", "dask", "distributed"]
    done = subprocess.run(
        [sys.executable, "-c", _ASSESS_CHILD, answers, *heavy],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"code": 0, "heavy": []}


def test_the_heavy_check_would_notice_an_import():
    # The child script really looks at sys.modules: a module we import is reported.
    done = subprocess.run(
        [sys.executable, "-c", "import json\n" + _CHILD, "json", "careerpath"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(done.stdout)["heavy"] == ["careerpath", "json"]


# --- validate --------------------------------------------------------------------------------


def test_validate_prints_a_one_line_summary(runner, catalog):
    result = ok(runner.invoke(cli, ["validate"]))
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"ok: {catalog.info.name} {catalog.version}: ")
    assert f"{len(catalog.skills)} skills in {len(catalog.categories)} categories" in lines[0]
    assert f"{len(catalog.roles)} roles" in lines[0]


@pytest.mark.parametrize("where", ["global", "local", "env"])
def test_validate_on_a_broken_copy_lists_every_error(runner, data_copy, where):
    role = data_copy / "roles" / "ml-engineer.yaml"
    role.write_text(role.read_text().replace("python: {importance: 5,", "python: {importance: 9,"))
    skills = data_copy / "skills" / "07-mlops.yaml"
    skills.write_text(
        skills.read_text().replace("aliases: [k8s, helm", "aliases: [k8s, containers, helm")
    )
    analyst = data_copy / "roles" / "data-analyst.yaml"
    analyst.write_text(analyst.read_text().replace("\nsummary:", "\nsumary:"))
    args, env = {
        "global": (["--data-dir", str(data_copy), "validate"], {}),
        "local": (["validate", "--data-dir", str(data_copy)], {}),
        "env": (["validate"], {"CAREERPATH_DATA": str(data_copy)}),
    }[where]
    stderr = fails(runner.invoke(cli, args, env=env))
    lines = stderr.splitlines()
    assert lines[0] == f"error: {len(lines) - 1} problems:"
    body = "\n".join(lines[1:])
    assert "data/roles/ml-engineer.yaml:" in body and "skills.python.importance" in body
    assert "data/skills/07-mlops.yaml:" in body and "skills[1].aliases[1]" in body
    assert 'data/roles/data-analyst.yaml:5: sumary: unknown key; did you mean "summary"?' in body
    assert "data/roles/data-analyst.yaml:1: summary: required field is missing" in body
    assert all(line.startswith("  data/") for line in lines[1:])
    # Every problem the library finds, in its order, one per line.
    with pytest.raises(InputError) as info:
        load_catalog(data_copy)
    assert lines[1:] == [f"  {problem}" for problem in info.value.problems]


def test_debug_shows_the_traceback(runner, data_copy):
    (data_copy / "roles" / "ml-engineer.yaml").write_text("id: [\n")
    result = runner.invoke(cli, ["--debug", "--data-dir", str(data_copy), "validate"])
    assert result.exit_code == 1
    assert "Traceback" in result.stderr
    assert "invalid YAML" in result.stderr


def test_a_missing_data_dir_is_a_clear_error(runner, tmp_path):
    missing = tmp_path / "nowhere"
    stderr = fails(runner.invoke(cli, ["--data-dir", str(missing), "roles"]))
    assert stderr == f"error: {missing}: catalogue folder not found (from --data-dir)\n"
    stderr = fails(runner.invoke(cli, ["roles"], env={"CAREERPATH_DATA": str(missing)}))
    assert stderr == f"error: {missing}: catalogue folder not found (from CAREERPATH_DATA)\n"


def test_data_dir_points_every_command_at_another_catalogue(runner, data_copy):
    role = data_copy / "roles" / "ml-engineer.yaml"
    role.write_text(role.read_text().replace("name: ML Engineer\n", "name: Model Wrangler\n"))
    for args, env in (
        (["--data-dir", str(data_copy), "roles", "--json"], {}),
        (["roles", "--json"], {"CAREERPATH_DATA": str(data_copy)}),
    ):
        listed = json.loads(ok(runner.invoke(cli, args, env=env)).stdout)
        assert {r["id"]: r["name"] for r in listed}["ml-engineer"] == "Model Wrangler"
    args = ["--data-dir", str(data_copy), "roles", "show", "model wrangler"]
    assert ok(runner.invoke(cli, args)).stdout.startswith("Model Wrangler (ml-engineer)")


# --- roles and skills ------------------------------------------------------------------------


def test_roles_table(runner, catalog):
    out = ok(runner.invoke(cli, ["roles"])).stdout
    for role in catalog.roles.values():
        assert role.id in out and role.name in out


def test_roles_json(runner, catalog):
    listed = json.loads(ok(runner.invoke(cli, ["roles", "--json"])).stdout)
    assert [r["id"] for r in listed] == list(catalog.roles)
    ml = next(r for r in listed if r["id"] == "ml-engineer")
    assert ml["skills"]["python"] == {"importance": 5, "level": 4, "essential": True}


@pytest.mark.parametrize("name", ["ml-engineer", "ML/AI Engineer", "machine learning engineer"])
def test_roles_show(runner, catalog, name):
    out = ok(runner.invoke(cli, ["roles", "show", name])).stdout
    role = catalog.role("ml-engineer")
    assert out.startswith(f"{role.name} ({role.id})")
    for skill_id in role.skills:
        assert catalog.skills[skill_id].name in out
    assert "ml-fundamentals" not in out  # a category's id is no word for people


def test_roles_show_json(runner, catalog):
    shown = json.loads(ok(runner.invoke(cli, ["roles", "show", "ML/AI Engineer", "--json"])).stdout)
    assert shown == catalog.role("ml-engineer").model_dump(mode="json")


def test_skills_table(runner, catalog):
    out = ok(runner.invoke(cli, ["skills"])).stdout
    for skill in catalog.skills.values():
        assert skill.id in out


def test_skills_json(runner, catalog):
    listed = json.loads(ok(runner.invoke(cli, ["skills", "--json"])).stdout)
    assert [s["id"] for s in listed] == list(catalog.skills)
    assert all(len(s["levels"]) == 5 for s in listed)


@pytest.mark.parametrize("category", ["mlops", "MLOps"])
def test_skills_of_one_category(runner, catalog, category):
    out = ok(runner.invoke(cli, ["skills", "--category", category])).stdout
    mlops = {s.id for s in catalog.skills_in("mlops")}
    assert mlops and all(skill_id in out for skill_id in mlops)
    assert "pandas" not in out
    listed = json.loads(ok(runner.invoke(cli, ["skills", "--category", category, "--json"])).stdout)
    assert {s["id"] for s in listed} == mlops
    assert {s["category"] for s in listed} == {"mlops"}


@pytest.mark.parametrize("name", ["k8s", "K8s", "kubernetes"])
def test_skills_show(runner, catalog, name):
    out = ok(runner.invoke(cli, ["skills", "show", name])).stdout
    skill = catalog.skill("kubernetes")
    assert out.startswith(f"{skill.name} (kubernetes)")
    for level in (0, 4):
        # Descriptors wrap, so compare their first words.
        assert " ".join(skill.levels[level].split()[:5]) in " ".join(out.split())


def test_skills_show_json(runner, catalog):
    shown = json.loads(ok(runner.invoke(cli, ["skills", "show", "k8s", "--json"])).stdout)
    assert shown == catalog.skill("kubernetes").model_dump(mode="json")
    assert shown["category"] == "mlops"
    assert len(shown["levels"]) == 5


# --- errors ----------------------------------------------------------------------------------


def _library_messages():
    """Every string in the making of one of the tool's errors outside cli/, with its place
    and the place of the error's making (a whole translated sentence is one string)."""
    import ast
    from pathlib import Path

    import careerpath
    from careerpath import errors

    kinds = {n for n, v in vars(errors).items() if isinstance(v, type) and issubclass(v, Exception)}
    package = Path(careerpath.__file__).parent
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            func = node.func if isinstance(node, ast.Call) else None
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                func = func.value  # InputError.single(...)
            if isinstance(func, ast.Name) and func.id in kinds:
                # The words of a command suggested (next_command("plan", "--answers", f)) are
                # a whole command, as `careerpath plan --answers FILE` is in a sentence.
                commands = [
                    c
                    for c in ast.walk(node)
                    if isinstance(c, ast.Call)
                    and isinstance(c.func, ast.Name)
                    and c.func.id == "next_command"
                ]
                words = {id(w) for c in commands for w in ast.walk(c)}
                for inner in ast.walk(node):
                    text = isinstance(inner, ast.Constant) and isinstance(inner.value, str)
                    if text and id(inner) not in words:
                        yield f"{path.name}:{inner.lineno}", inner.value, node.lineno


def test_library_error_messages_name_no_command_line_flag():
    # The library names a setting as errors.Option; only the CLI knows it is spelt --force.
    # A whole command to run next (`careerpath plan --answers FILE`) is advice, not a flag.
    import re

    messages = list(_library_messages())
    # It sees them: errors made in many places (counted by place, not by string, as a
    # sentence now comes whole where it came in pieces around the values and options).
    assert len({(where.split(":")[0], made) for where, _, made in messages}) > 50
    flags = [
        (where, text)
        for where, text, _ in messages
        if re.search(r"--[a-z]", re.sub(r"`careerpath [^`]*`?", "", text))
    ]
    assert flags == []


def test_an_option_in_an_error_is_spelt_as_its_flag_by_the_cli_only(tmp_path):
    import pickle

    from careerpath.cli import flag
    from careerpath.errors import Option, OutputError

    error = OutputError(f"{tmp_path}: already exists; use ", Option("force"), " to overwrite it")
    assert str(error) == f"{tmp_path}: already exists; use force to overwrite it"
    assert error.worded(flag) == f"{tmp_path}: already exists; use --force to overwrite it"
    assert pickle.loads(pickle.dumps(error)).worded(flag) == error.worded(flag)  # workers
    problem = InputError.single(tmp_path, ("not found (from ", Option("hours_per_week"), ")"))
    assert problem.worded(flag) == f"{tmp_path}: not found (from --hours-per-week)"
    assert pickle.loads(pickle.dumps(problem)).worded(flag) == problem.worded(flag)


def test_usage_errors_of_the_library_exit_2_and_others_1(runner, tmp_path):
    answers = str(EXAMPLES / "answers" / "data-analyst.yaml")
    usage = runner.invoke(cli, ["report", "-a", answers, "-o", str(tmp_path / "r.txt")])
    assert usage.exit_code == 2 and "use --format html|pdf" in usage.stderr
    (tmp_path / "r.html").write_text("mine")
    refused = runner.invoke(cli, ["report", "-a", answers, "-o", str(tmp_path / "r.html")])
    assert refused.exit_code == 1
    assert "already exists; use --force to overwrite it" in refused.stderr


@pytest.mark.parametrize(
    "args, expected",
    [
        (["roles", "show", "astronaut"], 'error: unknown role "astronaut"'),
        (["roles", "show", "astronaut", "--json"], 'error: unknown role "astronaut"'),
        (["skills", "show", "kubernets"], 'error: unknown skill "kubernets"; did you mean'),
        (["skills", "show", "kubernets", "--json"], 'error: unknown skill "kubernets"'),
        (["skills", "--category", "cooking"], 'error: unknown category "cooking"'),
        (["roadmaps", "show", "nowhere"], 'error: unknown roadmap "nowhere"'),
    ],
)
def test_unknown_ids_give_one_clear_message_and_exit_1(runner, args, expected):
    stderr = fails(runner.invoke(cli, args))
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith(expected)


@pytest.mark.parametrize(
    "args",
    [
        ["--bogus"],
        ["roles", "--bogus"],
        ["roles", "show"],  # missing argument
        ["skills", "show", "k8s", "--nope"],
        ["schema", "everything"],
        ["schema"],
        ["no-such-command"],
    ],
)
def test_bad_options_exit_2(runner, args):
    stderr = fails(runner.invoke(cli, args), code=2)
    # click's own refusals are spelt like the tool's ("error:"), with click's usage line.
    assert "Usage:" in stderr and "\nerror: " in stderr and "Error" not in stderr


# --- schema ----------------------------------------------------------------------------------


def refs(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in refs(value)]
    return []


@pytest.mark.parametrize(
    "name, required",
    [
        ("answers", set()),
        ("skill", {"category", "skills"}),
        ("role", {"id", "name", "family", "summary", "responsibilities", "skills"}),
        ("roadmap", {"id", "title", "from_role", "to_role", "phases"}),
    ],
)
def test_schema_prints_json_schema(runner, name, required):
    schema = json.loads(ok(runner.invoke(cli, ["schema", name])).stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["properties"]
    assert schema["additionalProperties"] is False  # unknown keys are errors
    assert set(schema.get("required", [])) == required
    for ref in refs(schema):  # every reference resolves inside the document
        assert ref.startswith("#/$defs/"), ref
        assert ref.removeprefix("#/$defs/") in schema["$defs"], ref


def test_schema_matches_the_models_fields(runner):
    from careerpath.models import Answers, Role

    for name, model in (("answers", Answers), ("role", Role)):
        schema = json.loads(ok(runner.invoke(cli, ["schema", name])).stdout)
        assert set(schema["properties"]) == set(model.model_fields)


_BLAS_CHILD = """
import contextlib, io, os, sys
sys.argv = ["careerpath", "--version"]
from careerpath.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main()
print(os.environ.get("OPENBLAS_NUM_THREADS"))
"""


@pytest.mark.parametrize(("given", "expected"), [(None, "1"), ("2", "2")])
def test_the_console_script_asks_for_one_blas_thread_unless_the_user_chose(given, expected):
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    done = subprocess.run(
        [sys.executable, "-c", _BLAS_CHILD], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


@pytest.mark.parametrize(
    "text",
    [None, "schema_version: 1\nperson:\n  name: Ana\n"],
    ids=["blank template", "no skill listed"],
)
@pytest.mark.parametrize("command", [["assess"], ["plan", "--target", "ml-engineer"]])
def test_a_file_with_no_skill_answered_is_refused_not_ranked(
    runner, tmp_path, catalog, text, command
):
    from careerpath.questionnaire import template

    path = tmp_path / "answers.yaml"
    path.write_text(template(catalog) if text is None else text, encoding="utf-8")
    before = path.read_bytes()
    result = runner.invoke(cli, [*command, "--answers", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert f"{path}: skills: no skill is answered yet" in result.stderr
    assert f"careerpath assess --resume {path}" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("share", "shown"), [(1.0, "100%"), (0.99996, "99%"), (0.995, "99%"), (0.994, "99%")]
)
def test_less_than_all_is_never_shown_as_100_percent(share, shown):
    from careerpath.i18n import format_percent

    assert format_percent(share) == shown
    assert format_percent(share, "pt-BR") == shown


@pytest.mark.parametrize(
    "args",
    [["roles", "show", "ml-engineer"], ["roadmaps", "show", "data-scientist-to-ml-engineer"]],
)
def test_sources_name_the_seed_documents_by_number_not_by_file_hash(runner, args):
    """'003_4bcaadecad7180ac.txt: Who is an ML/AI Engineer?' said nothing to a reader."""
    out = runner.invoke(cli, args).stdout
    sources = out.split("\nSources:\n", 1)[1]
    assert "  - seed document 00" in sources
    assert not re.search(r"[0-9a-f]{16}\.txt", out)
    pt = runner.invoke(cli, [*args, "--lang", "pt-BR"]).stdout
    assert "  - documento-base 00" in pt
