"""The command line in pt-BR: --lang on the root and on every command, CAREERPATH_LANG, the
locale, a notice for a language careerpath does not speak, and answers written with
Portuguese names."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES

from careerpath import i18n
from careerpath.cli import cli

PT = "pt-BR"


def run(*args: str, env: dict[str, str] | None = None):
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result


def test_lang_on_the_root_group_and_on_a_command_alike():
    root = run("--lang", PT, "skills", "show", "statistics").stdout
    command = run("skills", "show", "statistics", "--lang", PT).stdout
    assert root == command
    assert root.startswith("Estatística")
    assert run("skills", "show", "statistics", "--lang=pt-BR").stdout == root
    assert run("skills", "show", "statistics").stdout.startswith("Statistics")


def test_every_command_takes_lang():
    def walk(command, path=()):
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, (*path, name))

    for path, command in walk(cli):
        assert any(p.name == "lang" for p in command.params), path


@pytest.mark.parametrize(
    "env",
    [{"CAREERPATH_LANG": PT}, {"CAREERPATH_LANG": "", "LC_ALL": "pt_BR.UTF-8"}],
    ids=["CAREERPATH_LANG", "locale"],
)
def test_the_variable_and_the_locale_choose_the_language(env):
    assert "Cientista de Dados" in run("roles", env=env).stdout


def test_the_option_wins_over_the_variable():
    assert "Data Scientist" in run("roles", "--lang", "en", env={"CAREERPATH_LANG": PT}).stdout


def test_an_unknown_language_is_english_with_one_notice():
    result = CliRunner().invoke(cli, ["roles", "--lang", "klingon"])
    assert result.exit_code == 0
    assert result.stderr.count('does not speak "klingon"') == 1
    assert "Data Scientist" in result.stdout


def test_a_command_in_pt_br_leaves_the_next_one_in_english():
    run("roles", "--lang", PT)
    assert i18n.current() == "en"
    assert "Data Scientist" in run("roles").stdout


def test_answers_written_with_portuguese_names_score_as_with_ids(tmp_path):
    ids = tmp_path / "ids.yaml"
    ids.write_text("skills:\n  statistics: 3\n  supervised-learning: 2\n  python: 3\n")
    pt = tmp_path / "pt.yaml"
    written = "skills:\n  Estatística: 3\n  aprendizado de máquina: 2\n  python: 3\n"
    pt.write_text(written)
    by_id = json.loads(run("assess", "--answers", str(ids), "--json").stdout)
    by_name = json.loads(run("assess", "--answers", str(pt), "--json", "--lang", PT).stdout)
    assert [(r["role"], r["fit"], r["readiness"]) for r in by_id["ranking"]] == [
        (r["role"], r["fit"], r["readiness"]) for r in by_name["ranking"]
    ]
    assert pt.read_text() == written  # the file itself is never changed


def test_the_bundled_example_reads_the_same_in_both_languages():
    answers = str(EXAMPLES / "answers" / "data-engineer-to-ml.yaml")

    en = json.loads(run("assess", "--answers", answers, "--json").stdout)
    pt = json.loads(run("assess", "--answers", answers, "--json", "--lang", PT).stdout)
    assert [r["role"] for r in en["ranking"]] == [r["role"] for r in pt["ranking"]]
    assert {r["name"] for r in pt["ranking"]} >= {"Cientista de Dados", "Engenheiro(a) de Dados"}


def test_resources_keep_their_titles_and_gain_a_note_on_portuguese_editions(tmp_path):
    answers = str(EXAMPLES / "answers" / "data-engineer-to-ml.yaml")
    out = tmp_path / "relatorio.html"
    run("report", "--answers", answers, "-o", str(out), "--lang", PT)
    html = out.read_text("utf-8")
    assert "Khan Academy Statistics and Probability" in html  # the title as published
    assert "Disponível em português em pt.khanacademy.org</span>" in html  # no ".;"
    plan = json.loads(run("plan", "--answers", answers, "--json", "--lang", PT).stdout)
    notes = [r for p in plan["phases"] for s in p["steps"] for r in s["resources"] if "note" in r]
    assert notes and all(r["title"] and r["note"] for r in notes)
    english = json.loads(run("plan", "--answers", answers, "--json").stdout)
    assert not any(
        "note" in r for p in english["phases"] for s in p["steps"] for r in s["resources"]
    )


def test_help_in_portuguese_includes_clicks_words():
    out = run("--lang", PT, "--help").stdout
    assert out.startswith("Uso: ")
    assert "Opções:" in out and "Comandos:" in out
    assert "Mostra esta mensagem e sai." in out
    assert "Descubra o papel de dados/IA" in out
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "Find the data/AI"):
        assert english not in out


def test_a_usage_error_in_portuguese():
    result = CliRunner().invoke(cli, ["progress", "some-step", "--done", "--lang", PT])
    assert result.exit_code == 2
    assert result.stderr.startswith("Uso: ")
    assert "erro: Falta a opção '-a' / '--answers'." in result.stderr
    assert "progress --help' para ver a ajuda." in result.stderr
    for english in ("Missing option", "error", "Try "):
        assert english not in result.stderr
    wrong = CliRunner().invoke(cli, ["assess", "--answers", "nowhere.yaml", "--lang", PT])
    assert wrong.exit_code != 0
    assert "Missing" not in wrong.stderr and "does not exist" not in wrong.stderr
    typo = CliRunner().invoke(cli, ["--lang", PT, "asess"])
    assert "Você quis dizer" in typo.stderr, typo.stderr


@pytest.mark.parametrize("how", ["--lang", "CAREERPATH_LANG"])
def test_the_questionnaire_in_portuguese_in_a_terminal(tmp_path, how):
    # pexpect is a test extra: imported here (not skipped) so that a CI without it fails.
    import io
    import os
    import sys

    import pexpect
    from conftest import default_sigint

    env = {**os.environ, "COLUMNS": "80", "LINES": "40", "NO_COLOR": "1", "TERM": "dumb"}
    env.pop("CAREERPATH_DATA", None)
    args = ["-m", "careerpath", "assess", "--save", "respostas.yaml"]
    if how == "--lang":
        args += ["--lang", PT]
    else:
        env["CAREERPATH_LANG"] = PT
    child = pexpect.spawn(
        sys.executable,
        args,
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=120,
        dimensions=(40, 80),
        preexec_fn=default_sigint,
    )
    child.delaybeforesend = None
    child.logfile_read = transcript = io.StringIO()
    try:
        for prompt, text in (
            ("Seu nome (opcional)", "Ana"),
            ("Seu papel atual [número, padrão outro]", "3"),  # Engenheiro(a) de Dados
            ("Papel para o qual você quer ir (opcional) [número]", "9"),
            ("Horas por semana que você pode estudar", "5"),
            ("Data de início", "2027-03-01"),
        ):
            child.expect_exact(prompt)
            child.sendline(text)
        child.expect_exact("Pergunta 1 de 92")
        child.expect_exact("Python: Linguagem de uso geral")
        child.expect_exact("Seu nível [0-4, p pular, v voltar")
        child.sendline("3")
        child.expect_exact("Pergunta 2 de 92")
        child.expect_exact("Seu nível [")
        child.sendline("q")
        child.expect_exact("O que as suas respostas salvas indicam até agora")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    out = transcript.getvalue()
    assert "Traceback" not in out
    for portuguese in ("Engenheiro(a) de Dados", "0 nenhum", "2 prático", "4 especialista"):
        assert portuguese in out
    for english in ("Your name", "Question 1", "Your level", "expert", "Hours a week", "What your"):
        assert english not in out
    saved = (tmp_path / "respostas.yaml").read_text()
    assert "  python: 3\n" in saved and "current_role: data-engineer" in saved  # ids, as always


# Help texts that read the same in both languages, and why.
SAME_IN_BOTH: dict[str, str] = {}


def _helps(command, path=("careerpath",)):
    yield " ".join(path), command.help
    for param in command.params:
        if getattr(param, "help", None):
            yield f"{' '.join(path)} {param.opts[-1]}", param.help
    for name, sub in getattr(command, "commands", {}).items():
        yield from _helps(sub, (*path, name))


def test_every_help_text_is_translated():
    from careerpath.cli.language import localise_help

    localise_help(cli)  # English (an earlier command may have left another language)
    english = dict(_helps(cli))
    i18n.use(PT)
    try:
        localise_help(cli)
        portuguese = dict(_helps(cli))
    finally:
        i18n.use("en")
        localise_help(cli)
    assert dict(_helps(cli)) == english  # put back
    assert set(portuguese) == set(english)
    same = sorted(where for where in english if portuguese[where] == english[where])
    assert same == sorted(SAME_IN_BOTH), same


def test_help_in_portuguese_leaves_the_next_help_in_english():
    assert "Mostra esta mensagem e sai." in run("roles", "--help", "--lang", PT).stdout
    english = run("roles", "--help").stdout
    assert "Show this message and exit." in english and "List the roles" in english
    assert "Lista os papéis" not in english
    assert cli.commands["roles"].help.startswith("List the roles")  # in memory too


def test_the_commands_lines_in_portuguese(tmp_path):
    validated = run("validate", "--lang", PT).stdout
    assert validated.startswith("ok: ") and " habilidades em " in validated
    assert "skills" not in validated and "roles" not in validated
    template = tmp_path / "modelo.yaml"
    wrote = run("questionnaire", "template", "-o", str(template), "--lang", PT).stderr
    assert wrote.startswith(f"Modelo gravado em {template}: preencha-o e depois rode ")
    # The command to run next speaks the language this one was asked to.
    assert f"`careerpath --lang pt-BR assess --answers {template}`" in wrote
    answers = str(EXAMPLES / "answers" / "data-engineer-to-ml.yaml")
    out = tmp_path / "relatorio.html"
    said = run("report", "--answers", answers, "-o", str(out), "--lang", PT).stdout
    assert said.startswith("Relatório gravado em ") and "written" not in said


def test_the_help_placeholders_are_written_as_the_messages_write_them():
    """pt-BR's messages say AAAA-MM-DD: its help's --start and usage line say so too."""
    runner = CliRunner()
    pt = runner.invoke(cli, ["plan", "--help"], env={"CAREERPATH_LANG": "pt-BR"}).output
    assert "plan [OPÇÕES]" in pt and "--start AAAA-MM-DD" in pt
    assert "YYYY-MM-DD" not in pt and "[OPTIONS]" not in pt
    bad = runner.invoke(
        cli, ["plan", "-a", "x.yaml", "--start", "x"], env={"CAREERPATH_LANG": "pt-BR"}
    )
    assert "AAAA-MM-DD" in bad.stderr
    en = runner.invoke(cli, ["plan", "--help"], env={"CAREERPATH_LANG": "en"}).output
    assert "plan [OPTIONS]" in en and "--start YYYY-MM-DD" in en


def test_a_command_imported_for_a_portuguese_command_line_has_its_placeholders_too():
    """The root imports a command when it is asked for, declared in English (click names a
    file path "file" in the language of the moment) and translated afterwards: its
    placeholders read as every other command's. In a fresh process, where nothing is
    imported yet."""
    done = subprocess.run(
        [sys.executable, "-m", "careerpath", "--lang", PT, "team", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "80"},
    )
    assert done.returncode == 0, done.stderr
    assert "-o, --output ARQUIVO" in done.stdout and "FILE" not in done.stdout
    assert "Uso: careerpath team [OPÇÕES] CAMINHOS..." in done.stdout


# Upper-case words help shows that are names, not placeholders: the same in both languages.
NAMES_IN_HELP = {
    *("AI", "ARGS", "BR", "CPU", "CV", "DOCX", "HOST", "HR", "HTML", "ID", "JSON", "PDF"),
    *("YAML", "YYYY", "MM", "DD", "SOURCE_DATE_EPOCH"),
}
UPPER_WORD = r"(?<![A-Za-z0-9_])[A-Z][A-Z0-9_]+(?: RANGE)?(?![A-Za-z0-9_])"


def _every_help(lang: str, width: int = 80) -> dict[tuple[str, ...], str]:
    def paths(command, path=()):
        yield path
        for name, sub in getattr(command, "commands", {}).items():
            yield from paths(sub, (*path, name))

    runner = CliRunner()
    helps = {}
    for path in paths(cli):
        done = runner.invoke(cli, ["--lang", lang, *path, "--help"], terminal_width=width)
        assert done.exit_code == 0, done.output
        helps[path] = done.stdout
    return helps


def test_pt_br_help_writes_every_placeholder_and_the_sentences_naming_it_in_portuguese():
    """FILE, PATH, TEXT, DIR...: the usage lines, the options and the sentences that name them
    say ARQUIVO, CAMINHO, TEXTO, PASTA; English help keeps its words."""
    import re

    english = _every_help("en")
    placeholders = {
        word
        for text in english.values()
        for word in re.findall(UPPER_WORD, text)
        if word not in NAMES_IN_HELP and not word.startswith("CAREERPATH_")
    }
    assert {"FILE", "TEXT", "DIR", "COMMAND", "ROLE"} <= placeholders
    portuguese = _every_help(PT)
    left = {
        (" ".join(path), word)
        for path, text in portuguese.items()
        for word in re.findall(UPPER_WORD, text)
        if word in placeholders
    }
    assert left == set(), sorted(left)
    assess = " ".join(portuguese[("assess",)].split())  # the sentences, unwrapped
    assert "-a, --answers ARQUIVO" in assess and "(ou lê --answers ARQUIVO)" in assess
    assert "--resume ARQUIVO" in assess and "salvo em ARQUIVO" in assess
    report = " ".join(portuguese[("report",)].split())
    assert "--batch PASTA" in report and "respostas em PASTA" in report
    assert "--out-dir PASTA" in report and "-t, --target PAPEL" in report
    assert portuguese[("compare",)].startswith("Uso: cli compare [OPÇÕES] ANTIGO NOVO")
    assert portuguese[()].startswith("Uso: cli [OPÇÕES] COMANDO [ARGS]...")
    # In English, as it always was.
    assert "-a, --answers FILE" in english[("assess",)]
    assert "(or read --answers FILE)" in english[("assess",)]
    assert english[("compare",)].startswith("Usage: cli compare [OPTIONS] OLD NEW")


def test_a_missing_argument_is_named_as_portuguese_help_names_it():
    result = CliRunner().invoke(cli, ["--lang", PT, "roles", "show"])
    assert result.exit_code == 2
    assert "Uso: cli roles show [OPÇÕES] PAPEL" in result.stderr
    assert "'PAPEL'" in result.stderr and "ROLE" not in result.stderr
    english = CliRunner().invoke(cli, ["roles", "show"])
    assert "'ROLE'" in english.stderr


def test_pt_br_help_fits_a_60_column_terminal():
    """Its words are longer than English's (ARQUIVO for FILE): the \\b blocks, which click
    does not rewrap, still fit."""
    wide = {
        (" ".join(path), line)
        for path, text in _every_help(PT, 60).items()
        for line in text.splitlines()
        if len(line) > 60
    }
    assert wide == set(), sorted(wide)
