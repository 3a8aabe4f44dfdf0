"""`careerpath prefill CV`: a draft answers file from a CV, and `assess --resume` confirming
its suggestions (through CliRunner, the Session library and a real pseudo-terminal)."""

from __future__ import annotations

import json
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from test_document_text import pdf_bytes, write_docx
from test_pty import answer, finish, spawn

from careerpath import prefill as pf
from careerpath import questionnaire as q
from careerpath.answers import load_answers
from careerpath.cli import cli
from careerpath.documents import read_document, validate
from careerpath.errors import InputError
from careerpath.models import Answers, SkillAnswer

CV = """\
# Sam Example
Phone: +44 20 7946 0000 · sam@example.org

## Skills
Python, SQL, Docker, Kubernetes

## Experience
- 8 years of SQL across three data teams.
- Led the design of a Kafka platform that ran in production.
- Familiar with Terraform.
"""
FOUND = {
    "python": 2,
    "sql": 4,
    "docker": 2,
    "kubernetes": 2,
    "kafka": 3,
    "infrastructure-as-code": 1,
}
EVIDENCE = re.compile(r'^"(?P<text>.+)" \((?:page \d+, )?line (?P<line>\d+)\)$')


@pytest.fixture
def cv(tmp_path: Path) -> Path:
    path = tmp_path / "cv.md"
    path.write_text(CV, encoding="utf-8")
    return path


def prefill(runner, *args: str):
    return runner.invoke(cli, ["prefill", *args])


def suggestions(answers: Answers) -> dict[str, SkillAnswer]:
    return {k: v for k, v in answers.skills.items() if v is not None and v.suggested}


def drafted(runner, path: Path, *options: str) -> dict[str, SkillAnswer]:
    """The suggestions ``careerpath [options] prefill path -o draft.yaml`` writes."""
    draft = path.parent / "draft.yaml"
    result = runner.invoke(cli, [*options, "prefill", str(path), "-o", str(draft)])
    assert result.exit_code == 0, result.output
    return suggestions(validate(read_document(draft), Answers))


# --- the draft ---------------------------------------------------------------------------------


def test_a_markdown_cv_becomes_a_draft_answers_file(runner, cv, tmp_path, catalog):
    draft = tmp_path / "draft.yaml"
    result = prefill(runner, str(cv), "-o", str(draft))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"Draft written to {draft}: {len(FOUND)} suggested levels from {cv}" in result.stderr
    assert f"careerpath assess --resume {draft}" in result.stderr
    assert stat.S_IMODE(draft.stat().st_mode) == 0o600  # it quotes a CV: private

    text = draft.read_text(encoding="utf-8")
    assert text.startswith(f"# A draft from the CV {cv}, made by `careerpath prefill`")
    assert f"#   careerpath assess --resume {draft}\n" in text
    answers = validate(read_document(draft), Answers)
    assert answers.unlisted == "unknown"
    assert answers.catalog_version == catalog.version
    assert list(answers.skills) == list(catalog.skills)  # every skill listed, in order
    found = suggestions(answers)
    assert {k: v.level for k, v in found.items()} == FOUND
    # Every other skill is listed with no level: unknown, never a silent 0.
    assert all(answers.skills[s] is None for s in catalog.skills if s not in FOUND)
    lines = CV.splitlines()
    for skill_id, suggestion in found.items():
        quoted = EVIDENCE.match(suggestion.evidence or "")
        assert quoted, suggestion.evidence
        # The quoted sentence is on the line it names.
        assert quoted["text"] in lines[int(quoted["line"]) - 1], skill_id
    assert found["sql"].evidence == '"8 years of SQL across three data teams." (line 8)'

    profile = load_answers(draft, catalog)
    assert profile.levels == FOUND  # known: the suggestions; the rest unknown
    assert profile.suggested == frozenset(FOUND)


def test_a_profile_link_is_no_evidence_of_git(runner, tmp_path):
    path = tmp_path / "cv.md"
    path.write_text(
        "# Jane Example\n"
        "jane@example.com · github.com/jane · +44 20 7946 0000\n\n"
        "## Experience\n"
        "- Built SQL reports for the finance team.\n",
        encoding="utf-8",
    )
    found = drafted(runner, path)
    assert {k: v.level for k, v in found.items()} == {"sql": 2}


def test_a_quoted_line_keeps_no_contact_details(runner, tmp_path):
    # The title line is evidence of the skill its title names; its e-mail, telephone and
    # profile link went on into the draft and from there into the mentor's report.
    path = tmp_path / "cv.md"
    path.write_text(
        "# Jane Example\n"
        "Machine Learning Engineer · jane@example.com · +44 20 7946 0000 · github.com/jane\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.yaml"
    assert prefill(runner, str(path), "-o", str(draft)).exit_code == 0
    text = draft.read_text(encoding="utf-8")
    assert "Machine Learning Engineer · […] · […] · […]" in text
    for private in ("jane@example.com", "7946", "github.com/jane"):
        assert private not in text


# CV above as a Brazilian candidate writes it, with the walkthrough's sentences.
CV_PT = """\
# Ana Exemplo
Telefone: +55 11 4000-0000 · ana@example.org

## Habilidades
Python, SQL, Docker, Kubernetes

## Experiência
- 8 anos de SQL em três equipes de dados.
- Liderei o desenho de uma plataforma Kafka que rodava em produção.
- Familiarizada com Terraform.
- Uso estatística no trabalho e faço testes de hipótese.
- Uso regressão linear para prever a demanda.
- Faço análise exploratória de dados com pandas há 4 anos.
- Liderei a equipe de BI.
"""
FOUND_PT = {
    **FOUND,
    "pandas": 3,
    "statistics": 2,
    "supervised-learning": 2,
    "exploratory-analysis": 3,
    "leadership": 3,
}


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_a_portuguese_cv_becomes_the_same_draft(runner, tmp_path, lang):
    path = tmp_path / "cv.md"
    path.write_text(CV_PT, encoding="utf-8")
    found = drafted(runner, path, "--lang", lang)
    assert {k: v.level for k, v in found.items()} == FOUND_PT
    line = "linha" if lang == "pt-BR" else "line"
    assert found["sql"].evidence == f'"8 anos de SQL em três equipes de dados." ({line} 8)'
    assert found["statistics"].evidence.startswith('"Uso estatística no trabalho')


def test_a_tutorial_on_one_skill_suggests_no_other(runner, tmp_path):
    # "Tutorial notebook" says how far someone got: XGBoost at the aware level, not also
    # unsupervised learning, whose aware descriptor is "has run them in a tutorial notebook".
    path = tmp_path / "cv.md"
    path.write_text(
        "# Jane Example\n"
        "jane@example.com · +44 20 7946 0000\n\n"
        "## Experience\n"
        "- Built SQL reports for the finance team.\n\n"
        "## Courses\n"
        "- Kaggle XGBoost tutorial notebook\n",
        encoding="utf-8",
    )
    found = drafted(runner, path)
    assert {k: v.level for k, v in found.items()} == {"sql": 2, "xgboost": 1}


def test_a_pdf_cv_quotes_its_evidence_with_page_and_line(runner, tmp_path, catalog):
    path = tmp_path / "cv.pdf"
    path.write_bytes(
        pdf_bytes(
            [
                ["Sam Example", "Skills: Python, SQL"],
                ["Experience", "Led the design of a Kafka platform that ran in production."],
            ]
        )
    )
    found = drafted(runner, path)
    assert found["kafka"] == SkillAnswer(
        level=3,
        evidence='"Led the design of a Kafka platform that ran in production." (page 2, line 2)',
        suggested=True,
    )
    assert found["python"].evidence == '"Skills: Python, SQL" (page 1, line 2)'


def test_a_docx_cv_becomes_a_draft_too(runner, tmp_path):
    path = write_docx(
        tmp_path / "cv.docx",
        ["Sam Example", "8 years of SQL across three data teams.", "Familiar with Terraform."],
    )
    found = drafted(runner, path)
    assert {k: v.level for k, v in found.items()} == {"sql": 4, "infrastructure-as-code": 1}
    assert found["sql"].evidence == '"8 years of SQL across three data teams." (line 2)'


def test_a_scanned_pdf_says_it_has_no_text(runner, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes([[], []], image_only=True))
    result = prefill(runner, str(path), "-o", str(tmp_path / "draft.yaml"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}")
    assert "text" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "draft.yaml").exists()


def test_the_cv_is_not_copied_beyond_the_quoted_sentences(runner, cv, tmp_path):
    draft = tmp_path / "draft.yaml"
    assert prefill(runner, str(cv), "-o", str(draft)).exit_code == 0
    text = draft.read_text(encoding="utf-8")
    for private in ("Sam Example", "+44 20 7946 0000", "sam@example.org"):
        assert private not in text
    answers = validate(read_document(draft), Answers)
    assert answers.person.name is None


def test_without_output_the_draft_goes_to_standard_output(runner, cv, tmp_path, catalog):
    result = prefill(runner, str(cv))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cv.md"]  # nothing written
    assert "#   careerpath assess --resume THIS_FILE" in result.stdout
    saved = tmp_path / "piped.yaml"
    saved.write_text(result.stdout, encoding="utf-8")
    assert {k: v.level for k, v in suggestions(load_answers(saved, catalog).answers).items()} == (
        FOUND
    )


def test_an_existing_file_is_replaced_only_with_force(runner, cv, tmp_path):
    draft = tmp_path / "draft.yaml"
    draft.write_text("mine\n", encoding="utf-8")
    result = prefill(runner, str(cv), "-o", str(draft))
    assert result.exit_code == 1
    assert result.stderr == f"error: {draft}: already exists; use --force to overwrite it\n"
    assert draft.read_text(encoding="utf-8") == "mine\n"
    assert prefill(runner, str(cv), "-o", str(draft), "--force").exit_code == 0
    assert draft.read_text(encoding="utf-8").startswith("# A draft from the CV")


def test_the_cv_itself_is_never_overwritten(runner, cv):
    result = prefill(runner, str(cv), "-o", str(cv), "--force")
    assert result.exit_code == 1
    assert "is an input of this command" in result.stderr
    assert cv.read_text(encoding="utf-8") == CV


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "file not found"),
        ("Hobbies: hiking and chess.\nReferences on request.\n", "no skill of the catalogue"),
        ("", "has no text"),
    ],
)
def test_bad_cvs_give_one_clear_message(runner, tmp_path, content, message):
    path = tmp_path / "cv.txt"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = prefill(runner, str(path), "-o", str(tmp_path / "draft.yaml"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}: ")
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "draft.yaml").exists()


def test_a_hostile_cv_is_refused_or_read_safely(runner, tmp_path, catalog):
    # Binary junk is refused; terminal controls in a sentence never reach the terminal raw.
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\xff\xfe" * 1000)
    result = prefill(runner, str(junk))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {junk}")
    assert "Traceback" not in result.output

    sneaky = tmp_path / "sneaky.md"
    sneaky.write_text("Built Kafka streams \x1b]0;owned\x07 and \u202edbt models.\n")
    result = prefill(runner, str(sneaky))
    assert "\x1b" not in result.output and "\u202e" not in result.output
    if result.exit_code == 0:
        saved = tmp_path / "draft.yaml"
        saved.write_text(result.stdout, encoding="utf-8")
        assert "kafka" in suggestions(load_answers(saved, catalog).answers)
    else:
        assert result.stderr.startswith(f"error: {sneaky}")


def test_a_draft_round_trips_through_the_library(cv, catalog, tmp_path):
    draft = pf.prefill(cv, catalog)
    assert [f.skill for f in draft.findings] == sorted(FOUND)
    written = pf.write_draft(draft, tmp_path / "d.yaml", cv=cv)
    assert validate(read_document(written), Answers) == draft.answers
    with pytest.raises(Exception, match="already exists"):
        pf.write_draft(draft, written)


def test_a_cv_with_no_skill_raises_input_error_naming_it(tmp_path, catalog):
    path = tmp_path / "empty.md"
    path.write_text("Nothing here.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"empty\.md: no skill of the catalogue"):
        pf.prefill(path, catalog)


def test_the_command_to_run_next_is_quoted_for_a_path_with_spaces(runner, cv, tmp_path):
    # Copied into a shell as printed, an unquoted "my docs/draft.yaml" would be two arguments.
    folder = tmp_path / "my docs"
    folder.mkdir()
    draft = folder / "draft.yaml"
    result = prefill(runner, str(cv), "-o", str(draft))
    assert result.exit_code == 0, result.output
    quoted = f"careerpath assess --resume '{draft}'"
    assert quoted in result.stderr
    assert f"#   {quoted}\n" in draft.read_text(encoding="utf-8")
    scored = runner.invoke(cli, ["assess", "--answers", str(draft)])
    assert f"`{quoted}`" in scored.stderr


def test_a_report_from_a_draft_marks_its_levels_as_suggestions(runner, cv, tmp_path):
    # A report goes to a mentor: unconfirmed CV suggestions must not read as the person's answers.
    draft = tmp_path / "draft.yaml"
    assert prefill(runner, str(cv), "-o", str(draft)).exit_code == 0
    html = tmp_path / "r.html"
    result = runner.invoke(cli, ["report", "--answers", str(draft), "-o", str(html)])
    assert result.exit_code == 0, result.output
    text = html.read_text(encoding="utf-8")
    assert f"{len(FOUND)} levels are suggestions from a CV not confirmed yet" in text
    assert text.count('<span class="muted">suggested</span>') == len(FOUND)


# --- scoring a draft as it is -------------------------------------------------------------------


def test_assess_answers_scores_the_suggestions_and_warns_once(runner, cv, tmp_path):
    draft = tmp_path / "draft.yaml"
    assert prefill(runner, str(cv), "-o", str(draft)).exit_code == 0
    result = runner.invoke(cli, ["assess", "--answers", str(draft)])
    assert result.exit_code == 0, result.output
    warning = (
        f"warning: {draft}: {len(FOUND)} of its levels are suggestions from a CV not confirmed "
        f"yet; confirm or change them with `careerpath assess --resume {draft}`"
    )
    assert result.stderr.count("suggestions from a CV") == 1
    assert warning in result.stderr
    assert f"Role match ({len(FOUND)} of " in result.stdout


_ASSESS_CHILD = """
import json, sys
from click.testing import CliRunner
from careerpath.cli import cli
result = CliRunner().invoke(cli, ["assess", "--answers", sys.argv[1]])
print(json.dumps({"code": result.exit_code, "sklearn": "sklearn" in sys.modules}))
"""


def test_assess_of_a_draft_does_not_import_scikit_learn(runner, cv, tmp_path):
    draft = tmp_path / "draft.yaml"
    assert prefill(runner, str(cv), "-o", str(draft)).exit_code == 0
    done = subprocess.run(
        [sys.executable, "-c", _ASSESS_CHILD, str(draft)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"code": 0, "sklearn": False}


# --- confirming the suggestions -----------------------------------------------------------------


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(q, "terminal_available", lambda: True)


@pytest.fixture
def draft(runner, cv, tmp_path) -> Path:
    path = tmp_path / "draft.yaml"
    assert prefill(runner, str(cv), "-o", str(path)).exit_code == 0
    return path


PERSON = "Ann Example\n4\n6\n8\n2027-01-04\n"


def in_order(catalog, skills) -> list[str]:
    return [s for s in catalog.skills if s in skills]


def test_resume_asks_each_suggestion_first_with_its_evidence(runner, tty, draft, catalog):
    first = in_order(catalog, FOUND)
    # Enter keeps the first suggestion, 3 replaces the second, then quit at the third.
    result = runner.invoke(cli, ["assess", "--resume", str(draft)], input=PERSON + "\n3\nq\n")
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert f"First, the {len(FOUND)} levels suggested from your CV" in out
    assert f"Suggestion 1 of {len(FOUND)}" in out
    python = catalog.skills[first[0]]
    assert out.index(f"Suggestion 1 of {len(FOUND)}") < out.index(python.description)
    assert (
        'Suggested from your CV: 2 working — "Python, SQL, Docker, Kubernetes" (line 5). '
        "Enter keeps it."
    ) in " ".join(out.split())
    assert "Your level [Enter keeps 2, " in out
    saved = validate(read_document(draft), Answers)
    # Confirmed: the flag is gone and the evidence stays; changed: the new level, no flag.
    assert saved.skills[first[0]] == SkillAnswer(
        level=2, evidence='"Python, SQL, Docker, Kubernetes" (line 5)'
    )
    assert saved.skills[first[1]].level == 3 and not saved.skills[first[1]].suggested
    assert all(saved.skills[s].suggested for s in first[2:])
    # The draft's empty skills were not asked yet, so they are not saved as skipped.
    assert set(saved.skills) == set(FOUND)
    assert saved.unlisted == "unknown"


def test_after_the_suggestions_the_rest_is_asked(runner, tty, draft, catalog):
    n = len(catalog.skills)
    rest = len(catalog.skills) - len(FOUND)
    script = PERSON + "\n" * len(FOUND) + "1\n" * rest + "\n"  # the last: the final review
    result = runner.invoke(cli, ["assess", "--resume", str(draft)], input=script)
    assert result.exit_code == 0, result.output
    assert f"Done: all {n} questions asked." in result.stdout
    saved = validate(read_document(draft), Answers)
    assert not suggestions(saved)
    assert {s: saved.skills[s].level for s in FOUND} == FOUND
    assert all(saved.skills[s] == SkillAnswer(level=1) for s in catalog.skills if s not in FOUND)
    # Each question about a skill of the draft was asked once: as a suggestion.
    first = catalog.skills[in_order(catalog, FOUND)[0]]
    assert result.stdout.count(f"{first.name}: {first.description}") == 1


def test_resuming_again_asks_only_the_unconfirmed_suggestions(runner, tty, draft, catalog):
    first = in_order(catalog, FOUND)
    runner.invoke(cli, ["assess", "--resume", str(draft)], input=PERSON + "\n\nq\n")
    result = runner.invoke(cli, ["assess", "--resume", str(draft)], input="q\n")
    out = " ".join(result.stdout.split())
    assert f"First, the {len(FOUND) - 2} levels suggested from your CV" in out
    assert catalog.skills[first[2]].description in out
    assert catalog.skills[first[0]].description not in out
    waiting = len(FOUND) - 2
    assert (
        f"Stopped (quit). 2 of {len(catalog.skills)} questions asked so far ({waiting} "
        "suggested from your CV still to confirm)."
    ) in out


def test_adaptive_confirms_the_suggestions_before_choosing_questions(
    runner, tty, draft, catalog, monkeypatch
):
    from careerpath import adaptive

    seen: list[dict[str, int | None]] = []
    step = adaptive.step

    def spy(catalog_, answers):
        seen.append(dict(answers))
        return step(catalog_, answers)

    monkeypatch.setattr(adaptive, "step", spy)
    script = PERSON + "\n" * len(FOUND) + "q\n"
    result = runner.invoke(cli, ["assess", "--adaptive", "--resume", str(draft)], input=script)
    assert result.exit_code == 1, result.output
    assert f"Suggestion {len(FOUND)} of {len(FOUND)}" in result.stdout
    # The adaptive rule starts from the confirmed suggestions, counted as answers.
    assert seen and seen[0] == FOUND
    saved = validate(read_document(draft), Answers)
    assert not suggestions(saved)


def test_session_confirm_and_change_drop_the_flag(catalog, tmp_path, cv):
    path = pf.write_draft(pf.prefill(cv, catalog), tmp_path / "d.yaml")
    session = q.Session.resume(catalog, path)
    assert session.suggestions() == in_order(catalog, FOUND)
    assert session.asked_levels() == FOUND  # the empty skills are not asked yet
    session.confirm("kafka")
    session.record("docker", 4)
    assert session.suggestion("kafka") is None and session.suggestion("docker") is None
    saved = validate(read_document(path), Answers)
    assert saved.skills["kafka"].level == 3 and not saved.skills["kafka"].suggested
    assert saved.skills["docker"].level == 4 and not saved.skills["docker"].suggested
    # Kept, the CV's sentence stays as evidence; changed, it goes: it showed level 2, not 4.
    assert saved.skills["kafka"].evidence and saved.skills["docker"].evidence is None
    assert saved.skills["sql"].suggested


def test_a_suggestion_changed_drops_the_cv_sentence_confirmed_keeps_it(catalog, tmp_path, cv):
    """A report printed "Docker 4 expert" beside the CV's line that had suggested 2; also
    when the suggestion was confirmed first and changed later (from the review)."""
    path = pf.write_draft(pf.prefill(cv, catalog), tmp_path / "d.yaml")
    session = q.Session.resume(catalog, path)
    session.record("sql", FOUND["sql"])  # typed, the same level: a confirmation
    session.confirm("kafka")
    session.record("kafka", 1)
    session.record("python", 0)
    saved = validate(read_document(path), Answers).skills
    assert saved["sql"].evidence == '"8 years of SQL across three data teams." (line 8)'
    assert saved["kafka"] == SkillAnswer(level=1) and saved["python"] == SkillAnswer(level=0)
    assert saved["docker"].evidence and saved["docker"].suggested  # not answered yet


def test_once_every_suggestion_is_answered_the_draft_header_says_what_the_file_is(
    catalog, tmp_path, cv
):
    """The saved answers still opened with "A draft ... each level marked `suggested: true` is
    a suggestion, not yet your answer" and the command to confirm them, all confirmed."""
    path = pf.write_draft(pf.prefill(cv, catalog), tmp_path / "d.yaml")
    text = path.read_text(encoding="utf-8")
    # What the person wrote elsewhere in the file stays, and so does the order of its keys.
    text = text.replace("skills:\n", "skills:  # from my CV, checked with Ana\n")
    path.write_text(text + "# my own note at the end\n", encoding="utf-8")
    session = q.Session.resume(catalog, path)
    *first, last = session.suggestions()
    for skill_id in first:
        session.confirm(skill_id)
    assert "suggested: true" in path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").startswith("# A draft from the CV")
    session.record(last, 0)
    saved = path.read_text(encoding="utf-8")
    assert "suggested: true" not in saved and "A draft" not in saved
    head, rest = saved.split("\n# careerpath answers file", 1)
    assert head == (
        f"# Your answers, started from a draft of the CV {cv} made by `careerpath prefill`: "
        "every level it suggested is now confirmed or changed by you."
    )
    assert "skills:  # from my CV, checked with Ana\n" in rest
    assert rest.endswith("# my own note at the end\n")
    keys = list(validate(read_document(path), Answers).skills)
    assert keys == in_order(catalog, FOUND)  # the draft's order (its empty skills not saved)


def test_the_draft_header_is_recognised_in_every_language_and_left_if_edited(catalog, tmp_path, cv):
    from careerpath import i18n

    draft = pf.prefill(cv, catalog)
    i18n.use("pt-BR")
    try:
        text = pf.draft_text(draft, "d.yaml")
    finally:
        i18n.use(i18n.DEFAULT)
    assert text.startswith("# Um rascunho a partir do currículo")
    settled = pf.settled_header(text)
    assert settled.startswith(f"# Your answers, started from a draft of the CV {cv} ")
    assert settled.split("\n", 1)[1].startswith("# arquivo de respostas do careerpath")
    edited = text.replace("# Habilidades listadas", "# Minha nota\n# Habilidades listadas")
    assert pf.settled_header(edited) == edited


def test_confirming_in_a_real_terminal(tmp_path, runner, cv, catalog):
    draft = tmp_path / "draft.yaml"
    assert prefill(runner, str(cv), "-o", str(draft)).exit_code == 0
    first = in_order(catalog, FOUND)
    child = spawn(tmp_path, "--resume", draft.name)
    try:
        answer(child, "Your name (optional)", "Pat Terminal")
        answer(child, "Your current role [number, default other]", "3")
        answer(child, "Role you want to move to (optional) [number]", "9")
        answer(child, "Hours a week you can study", "5")
        answer(child, "Start date", "2027-03-01")
        child.expect_exact(f"Suggestion 1 of {len(FOUND)}")
        child.expect_exact("Suggested from your CV: 2 working")
        answer(child, "Your level [Enter keeps 2, ", "")  # Enter keeps it
        child.expect_exact("kept: 2 working")
        child.expect_exact(f"Suggestion 2 of {len(FOUND)}")
        child.expect_exact("Suggested from your CV: 4 expert")
        answer(child, "Your level [Enter keeps 4, ", "3")  # changed
        child.expect_exact(f"Suggestion 3 of {len(FOUND)}")
        answer(child, "Your level [", "b")  # back: the changed answer is shown, not the CV's
        child.expect_exact(f"Suggestion 2 of {len(FOUND)}")
        child.expect_exact("Your answer now: 3 proficient; Enter keeps it.")
        answer(child, "Your level [Enter keeps 3, ", "q")
        child.expect_exact("Stopped (quit).")
        rest = finish(child)
    finally:
        child.close(force=True)
    assert child.exitstatus == 1
    assert f"({len(FOUND) - 2} suggested from your CV still to confirm)" in rest
    assert f"Resume with:  careerpath assess --resume {draft.name}" in rest
    saved = validate(read_document(draft), Answers)
    assert saved.person.name == "Pat Terminal"
    assert saved.skills[first[0]] == SkillAnswer(
        level=2, evidence='"Python, SQL, Docker, Kubernetes" (line 5)'
    )
    assert saved.skills[first[1]].level == 3 and not saved.skills[first[1]].suggested
    assert all(saved.skills[s].suggested for s in first[2:])


# --- wrapped lines -------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLE_CV = Path(__file__).parents[1] / "examples" / "cv" / "daniel-okafor.md"


def unwrapped(text: str) -> str:
    """A Markdown CV with each paragraph and bullet on one line."""
    lines: list[str] = []
    for line in text.splitlines():
        item = line.strip()
        goes_on = lines and lines[-1] and not lines[-1].startswith("#")
        if item and goes_on and not item.startswith(("#", "- ")):
            lines[-1] += " " + item
        else:
            lines.append(line.rstrip())
    return "\n".join(lines) + "\n"


def wrapped(text: str, width: int) -> str:
    """A Markdown CV wrapped at ``width`` columns as an editor wraps it: bullets with their
    next lines indented under them, headings left whole."""
    import textwrap

    lines: list[str] = []
    for item in unwrapped(text).splitlines():
        if not item or item.startswith("#"):
            lines.append(item)
        else:
            indent = "  " if item.startswith("- ") else ""
            lines += textwrap.wrap(item, width, subsequent_indent=indent)
    return "\n".join(lines) + "\n"


def suggested_levels(path: Path, catalog) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Each skill prefill suggests: its level and the sentences quoted for it."""
    draft = pf.prefill(path, catalog)
    return {f.skill: (f.level, tuple(p.text for p in f.passages)) for f in draft.findings}


def test_a_wrapped_bullet_is_quoted_whole_and_levelled_as_the_unwrapped_one(tmp_path, catalog):
    # The walkthrough's CV: its bullets wrapped over two lines, and the same CV unwrapped.
    cv = FIXTURES / "cv-ines-carvalho.md"
    flat = tmp_path / "cv-unwrapped.md"
    flat.write_text(unwrapped(cv.read_text("utf-8")), "utf-8")
    assert suggested_levels(cv, catalog) == suggested_levels(flat, catalog)
    skills = pf.prefill(cv, catalog).answers.skills
    bullet = (
        '"Designed the attrition-risk analysis: logistic regression in Python (pandas, '
        'scikit-learn) on five years of HR data; presented the findings to the board." (line 17)'
    )
    for skill in ("python", "pandas", "scikit-learn", "supervised-learning", "communication"):
        answer = skills[skill]
        assert answer is not None and answer.level == 3, (skill, answer)  # not 4: years of data
        assert answer.evidence == bullet, (skill, answer.evidence)


@pytest.mark.parametrize("width", [40, 60, 80])
def test_wrapping_a_cv_at_any_width_suggests_the_same(tmp_path, catalog, width):
    source = EXAMPLE_CV.read_text("utf-8")
    flat = tmp_path / "flat.md"
    flat.write_text(unwrapped(source), "utf-8")
    narrow = tmp_path / f"cv-{width}.md"
    narrow.write_text(wrapped(source, width), "utf-8")
    assert max(len(line) for line in narrow.read_text("utf-8").splitlines()) > width - 10
    expected = suggested_levels(flat, catalog)
    assert len(expected) >= 15
    assert suggested_levels(narrow, catalog) == expected
    assert suggested_levels(EXAMPLE_CV, catalog) == expected  # as the example is wrapped
