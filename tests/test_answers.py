"""Answers files: loading (YAML, JSON, names and aliases), what an unlisted or empty skill
means, unknown names as warnings (refused with ``strict``), one message per problem in a bad
file, the round trip of what the questionnaire saves, the template, and the examples."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

import careerpath.questionnaire as q
from careerpath import i18n
from careerpath.answers import (
    MAX_SKILL_KEYS,
    SUGGESTED_NAMES,
    dump_answers,
    load_answers,
    parse_answers,
    profile_from,
    rewrite_answers,
    save_answers,
)
from careerpath.cli import cli
from careerpath.documents import Document, parse_text, validate
from careerpath.errors import InputError, NotFoundError, OutputError, Problem
from careerpath.models import LEVEL_NAMES, Answers, Person, SkillAnswer, StepProgress
from careerpath.pipeline import PlanRequest
from careerpath.planner import build_plan
from careerpath.profile import (
    NAME_CODES,
    NOTICES_SHOWN,
    ignored_reminder,
    name_warnings,
    warnings,
)
from careerpath.scoring import assess
from careerpath.terminal import assessment_text

ANSWER_EXAMPLES = sorted((EXAMPLES / "answers").glob("*.yaml"))

GOOD_YAML = """\
schema_version: 1
assessed_on: 2026-11-15
person:
  name: Kim Example
  current_role: Data Engineer
  target_role: ml engineer
  hours_per_week: 7.5
  start_date: 2027-01-04
skills:
  python: {level: 3, evidence: "Maintains the team's Airflow code base", interest: 2}
  SQL: 4
  k8s: {level: 2, evidence: "https://example.org/kim/helm-charts"}
  Linear Algebra: {level: 1, interest: 0}
  pytorch:
"""

GOOD_JSON = {
    "schema_version": 1,
    "assessed_on": "2026-11-15",
    "person": {
        "name": "Kim Example",
        "current_role": "data-engineer",
        "target_role": "ML-Engineer",
        "hours_per_week": 7.5,
        "start_date": "2027-01-04",
    },
    "skills": {
        "Python": {"level": 3, "evidence": "Maintains the team's Airflow code base", "interest": 2},
        "sql": 4,
        "KUBERNETES": {"level": 2, "evidence": "https://example.org/kim/helm-charts"},
        "linear-algebra": {"level": 1, "interest": 0},
        "PyTorch": None,
    },
}


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, catalog, *, strict: bool = False) -> list[Problem]:
    with pytest.raises(InputError) as info:
        load_answers(path, catalog, strict=strict)
    return info.value.problems


def zeros(catalog, *but: str) -> dict[str, int]:
    """Level 0 for every catalogue skill but ``but``: what an unlisted skill means."""
    return {sid: 0 for sid in catalog.skills if sid not in but}


# --- good files --------------------------------------------------------------------------------


def test_yaml_and_json_load_the_same(tmp_path, catalog):
    from_yaml = load_answers(write(tmp_path, "a.yaml", GOOD_YAML), catalog)
    from_json = load_answers(write(tmp_path, "a.json", json.dumps(GOOD_JSON)), catalog)
    rated = {"python": 3, "sql": 4, "kubernetes": 2, "linear-algebra": 1}
    for profile in (from_yaml, from_json):
        # Every skill the file leaves out is a 0; pytorch, listed with no level, is unknown.
        assert profile.levels == {**zeros(catalog, "pytorch"), **rated}
        assert profile.rated == set(rated)
        assert profile.ignored == ()
        assert profile.evidence == {
            "python": "Maintains the team's Airflow code base",
            "kubernetes": "https://example.org/kim/helm-charts",
        }
        assert profile.interest == {"python": 2, "linear-algebra": 0}
        assert profile.person == Person(
            name="Kim Example",
            current_role="data-engineer",
            target_role="ml-engineer",
            hours_per_week=7.5,
            start_date=dt.date(2027, 1, 4),
        )
        assert profile.answers.assessed_on == dt.date(2026, 11, 15)
        # pytorch was left empty: listed, not answered; it is unknown, not a 0.
        assert "pytorch" not in profile.levels
    assert from_yaml.fingerprint == from_json.fingerprint


@pytest.mark.parametrize(
    "name", ["kubernetes", "Kubernetes", "KUBERNETES", "k8s", "K8S", "  Kubernetes "]
)
def test_a_skill_by_id_name_or_alias_in_any_case(tmp_path, catalog, name):
    path = write(tmp_path, "a.yaml", f"skills:\n  {json.dumps(name)}: 3\n")
    profile = load_answers(path, catalog)
    assert profile.levels == {**zeros(catalog), "kubernetes": 3}
    assert profile.rated == {"kubernetes"}


@pytest.mark.parametrize(
    "name",
    [
        "project-management",
        "project management",
        "Project_Management",
        "  project   MANAGEMENT ",
        "project_management",
    ],
)
def test_names_fold_hyphens_underscores_and_spaces_alike(tmp_path, catalog, name):
    path = write(tmp_path, "a.yaml", f"skills:\n  {json.dumps(name)}: 2\n")
    profile = load_answers(path, catalog)
    assert profile.rated == {"project-management"}
    assert profile.levels["project-management"] == 2
    assert profile.ignored == ()


def test_a_file_may_answer_any_subset(tmp_path, catalog):
    profile = load_answers(write(tmp_path, "a.yaml", "skills:\n  sql: 2\n"), catalog)
    assert profile.levels == {**zeros(catalog), "sql": 2}
    assert profile.rated == {"sql"}
    assert profile.person == Person()
    # Nothing listed: every skill is a 0, none of them rated.
    empty = load_answers(write(tmp_path, "b.yaml", "schema_version: 1\n"), catalog)
    assert empty.levels == zeros(catalog)
    assert empty.rated == frozenset()


# --- what a file means by what it leaves out ---------------------------------------------------


def test_an_unlisted_skill_is_zero_and_a_listed_empty_one_unknown(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "skills:\n  sql: 3\n  python:\n")
    profile = load_answers(path, catalog)
    assert profile.answers.unlisted == "zero"  # the default
    assert profile.levels["sql"] == 3
    assert "python" not in profile.levels  # listed with no level: unknown
    assert profile.levels["docker"] == 0  # not listed: none
    assert set(profile.levels) == set(catalog.skills) - {"python"}
    assert profile.rated == {"sql"}
    # Saying so changes nothing.
    explicit = write(tmp_path, "b.yaml", "unlisted: zero\nskills:\n  sql: 3\n  python:\n")
    assert load_answers(explicit, catalog).levels == profile.levels


def test_unlisted_unknown_makes_every_unlisted_skill_unknown(tmp_path, catalog):
    path = write(
        tmp_path, "a.yaml", "unlisted: unknown\nskills:\n  sql: 3\n  docker: 0\n  python:\n"
    )
    profile = load_answers(path, catalog)
    assert profile.answers.unlisted == "unknown"
    assert profile.levels == {"sql": 3, "docker": 0}  # an explicit 0 is still a 0
    assert profile.rated == {"sql", "docker"}
    assert "python" not in profile.levels and "spark" not in profile.levels


def test_unlisted_is_zero_or_unknown(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "unlisted: maybe\nskills:\n  sql: 3\n")
    [problem] = problems(path, catalog)
    assert (problem.line, problem.field) == (1, "unlisted")
    assert "'zero' or 'unknown'" in problem.message


def test_dump_writes_unlisted_only_when_it_is_unknown(catalog):
    default = dump_answers(Answers(skills={"sql": SkillAnswer(level=2)}))
    assert "unlisted" not in default  # the default: files people write by hand never need it
    assert "unlisted" not in dump_answers(
        Answers(unlisted="zero", skills={"sql": SkillAnswer(level=2)})
    )
    unknown = Answers(unlisted="unknown", skills={"sql": SkillAnswer(level=2)})
    text = dump_answers(unknown)
    assert "\nunlisted: unknown\n" in text
    assert validate(parse_text(text, "a.yaml"), Answers) == unknown


@pytest.mark.parametrize(("hours", "written"), [(6, "6"), (6.0, "6"), (5.5, "5.5"), ("4,5", "4.5")])
def test_hours_are_written_as_the_person_wrote_them(catalog, hours, written):
    """6 hours a week was written back as 6.0: a whole number is written whole, in a YAML
    answers file, a JSON one and the plan's --json, and is still a float to the code."""
    answers = Answers(person=Person(hours_per_week=hours), skills={"sql": SkillAnswer(level=2)})
    assert isinstance(answers.person.hours_per_week, float)
    text = dump_answers(answers)
    assert f"\n  hours_per_week: {written}\n" in text
    assert validate(parse_text(text, "a.yaml"), Answers) == answers
    as_json = rewrite_answers("{}", "a.json", answers, catalog)
    assert as_json is not None and f'"hours_per_week": {written}' in as_json
    plan = build_plan(
        parse_answers(parse_text(text, "a.yaml"), catalog),
        catalog,
        "data-scientist",
        from_role="data-analyst",
        today=dt.date(2026, 12, 1),
    )
    assert f'"hours_per_week":{written},' in plan.model_dump_json()
    assert isinstance(plan.model_dump()["hours_per_week"], float)


def test_evidence_and_interest(tmp_path, catalog):
    path = write(
        tmp_path,
        "a.yaml",
        "skills:\n"
        "  docker: {level: 4, evidence: 'http://example.org/run-book', interest: 1}\n"
        "  sql:\n    level: 2\n    evidence: Monthly reports, 40 queries\n",
    )
    profile = load_answers(path, catalog)
    assert profile.levels == {**zeros(catalog), "docker": 4, "sql": 2}
    assert profile.rated == {"docker", "sql"}
    assert profile.evidence == {
        "docker": "http://example.org/run-book",
        "sql": "Monthly reports, 40 queries",
    }
    assert profile.interest == {"docker": 1}


# --- unknown skill names: warnings, or refused with strict -------------------------------------


def test_unknown_skills_with_did_you_mean(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "skills:\n  pyhton: 2\n  kubernetse: 3\n  qwzx: 1\n  sql: 2\n")
    expected = [
        Problem(str(path), 2, "skills.pyhton", 'unknown skill; did you mean "Python"?'),
        Problem(str(path), 3, "skills.kubernetse", 'unknown skill; did you mean "Kubernetes"?'),
        Problem(str(path), 4, "skills.qwzx", "unknown skill"),
    ]
    # Strict: refused, every unknown name with its line and a suggestion.
    assert problems(path, catalog, strict=True) == expected
    # Otherwise the rest is scored, and each unknown name is a warning with the same details.
    profile = load_answers(path, catalog)
    assert list(profile.ignored) == expected
    assert profile.rated == {"sql"}
    assert profile.levels == {**zeros(catalog), "sql": 2}
    assert "python" in profile.levels and profile.levels["python"] == 0  # "pyhton" is not it
    # The file itself is never changed.
    assert path.read_text(encoding="utf-8").startswith("skills:\n  pyhton: 2\n")


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_every_command_warns_of_an_unknown_name_on_stderr_in_the_same_words(
    runner, tmp_path, catalog, lang
):
    """assess (text and --json), plan and report: the one warning, on standard error (their
    output stays clean for pipes and JSON), from ``profile.warnings``; --json and the report
    carry it in those words too."""
    path = write(
        tmp_path, "a.yaml", "person: {target_role: ml-engineer}\nskills:\n  sql: 3\n  excell: 3\n"
    )
    env = {"CAREERPATH_LANG": lang}
    i18n.use(lang)
    try:
        profile = load_answers(path, catalog.in_language(lang))
        [text] = warnings(profile)
        expected = i18n._("warning: {message}").format(message=text)
        # After the text ranking, long on a terminal, the name is said again.
        again = i18n._("warning: {message}").format(
            message=ignored_reminder(profile, catalog.in_language(lang))
        )
    finally:
        i18n.use("en")
    assert text.startswith(f"{path}:4: skills.excell: ")
    commands = {
        "assess": ["assess", "--answers", str(path)],
        "assess --json": ["assess", "--answers", str(path), "--json"],
        "plan": ["plan", "--answers", str(path)],
        "report": ["report", "--answers", str(path), "-o", str(tmp_path / "r.html")],
    }
    for name, args in commands.items():
        result = runner.invoke(cli, args, env=env)
        assert result.exit_code == 0, (name, result.output)
        said = [expected, again] if name in ("assess", "plan") else [expected]
        assert result.stderr.splitlines() == said, name
        if name == "assess --json":
            [said] = [w for w in json.loads(result.stdout)["warnings"] if "excell" in w["message"]]
            assert said == {"code": "ignored-names", "message": text}
        else:
            assert "excell" not in result.stdout, name
    assert text in (tmp_path / "r.html").read_text().replace("&#34;", '"')


def test_a_file_of_many_unknown_names_warns_of_the_first_ten_and_counts_the_rest(tmp_path, catalog):
    names = "".join(f"  zqx{i}: 1\n" for i in range(NOTICES_SHOWN + 5))
    profile = load_answers(write(tmp_path, "a.yaml", f"skills:\n  sql: 2\n{names}"), catalog)
    said = name_warnings(profile)
    assert len(said) == NOTICES_SHOWN + 1
    assert [text for _, text in said[:2]] == [
        f"{profile.source}:3: skills.zqx0: unknown skill (ignored)",
        f"{profile.source}:4: skills.zqx1: unknown skill (ignored)",
    ]
    assert said[-1] == (
        "ignored-names",
        f"{profile.source}: 5 more warnings like these about the file's names; "
        "`careerpath skills` lists the names the catalogue knows",
    )
    assert warnings(profile) == [text for _, text in said]
    # The assessment carries the same, and its text leaves them to standard error.
    result = assess(profile, catalog)
    assert [(w.code, w.message) for w in result.warnings if w.code in NAME_CODES] == said
    assert "zqx" not in assessment_text(result, catalog)


EVERYDAY_NAMES = """\
person:
  name: Kim
skills:
  SQL: 3
  Excel: 3
  Jira: 2
  Linux: 2
  Frobnicator: 4
  Tableau: 1
"""


def test_skills_written_as_a_list_are_refused_with_how_to_write_them(runner, tmp_path):
    """ "- python: 3" is how many people write a list; "expected a mapping (key: value
    lines), got a list" did not say what to change. The file's other problems still show."""
    path = write(tmp_path, "a.yaml", "schema_version: 9\nskills:\n  - python: 3\n  - SQL\n")
    result = runner.invoke(cli, ["assess", "--answers", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: 2 problems:",
        f"  {path}:1: schema_version: Input should be 1 (got 9)",
        f'  {path}:2: skills: is a list; write one skill per line as "name: level", without '
        'the leading "- " (for example "python: 3", with "python:" alone for a level you do '
        "not know)",
    ]
    assert path.read_text() == "schema_version: 9\nskills:\n  - python: 3\n  - SQL\n"


def test_excel_jira_and_linux_are_skills_and_the_unknown_name_is_a_warning(
    runner, tmp_path, catalog
):
    path = write(tmp_path, "a.yaml", EVERYDAY_NAMES)
    profile = load_answers(path, catalog)
    for name, skill_id in [
        ("Excel", "spreadsheets"),
        ("Jira", "issue-trackers"),
        ("Linux", "linux-shell"),
    ]:
        assert catalog.resolve_skill(name) == skill_id
    assert profile.levels["spreadsheets"] == 3
    assert profile.levels["issue-trackers"] == 2
    assert profile.levels["linux-shell"] == 2
    assert len(profile.rated) == 5  # SQL, Excel, Jira, Linux, Tableau
    [ignored] = profile.ignored
    assert (ignored.file, ignored.line, ignored.field) == (str(path), 8, "skills.Frobnicator")
    assert ignored.message.startswith("unknown skill")

    # assess scores the file, and says on standard error which name it ignored, and where.
    result = runner.invoke(cli, ["assess", "--answers", str(path)])
    assert result.exit_code == 0, result.output
    assert "Role match (5 of" in result.stdout
    assert "Frobnicator" not in result.stdout
    # The warning comes first; after the result (106 lines on a terminal, where it has
    # scrolled away) one line says again which names were not read.
    warning, again = result.stderr.splitlines()
    assert warning.startswith(f"warning: {path}:8: skills.Frobnicator: unknown skill")
    for known in ("Excel", "Jira", "Linux", "SQL", "Tableau"):
        assert known not in warning
    assert again == (
        f"warning: {path}: 1 skill name was not read, so that skill counts as not listed: "
        "Frobnicator"
    )
    with_json = runner.invoke(cli, ["assess", "--answers", str(path), "--json"])
    assert len(with_json.stderr.splitlines()) == 1  # JSON is read by programs: said once

    # With --strict, the same file is refused, naming the unknown one with its line.
    strict = runner.invoke(cli, ["assess", "--strict", "--answers", str(path)])
    assert strict.exit_code == 1
    assert strict.stdout == ""
    assert f"{path}:8: skills.Frobnicator: unknown skill" in strict.stderr
    assert "Excel" not in strict.stderr and "Jira" not in strict.stderr


def test_the_reminder_is_capped_and_leaves_out_a_typo_beside_its_own_skill(runner, tmp_path):
    many = "".join(f"  zq{i}x: 1\n" for i in range(NOTICES_SHOWN + 5))
    path = write(tmp_path, "a.yaml", f"skills:\n  sql: 2\n{many}")
    last = runner.invoke(cli, ["assess", "--answers", str(path)]).stderr.splitlines()[-1]
    assert last.endswith("; and 5 more") and "zq9x" in last and "zq10x" not in last
    # "pyhton" beside "python: 3": the skill it meant is listed, so nothing to say again.
    both = write(tmp_path, "b.yaml", "skills:\n  pyhton: 2\n  python: 3\n")
    said = runner.invoke(cli, ["assess", "--answers", str(both)]).stderr.splitlines()
    assert len(said) == 1 and "pyhton" in said[0]


def test_a_misspelt_skill_is_named_again_after_the_ranking_with_its_suggestion(runner, tmp_path):
    path = write(tmp_path, "a.yaml", "skills:\n  pyhton: 3\n  sql: 3\n")
    result = runner.invoke(cli, ["assess", "--answers", str(path)])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[-1].endswith(
        'counts as not listed: pyhton (did you mean "Python"?)'
    )


def _many_unknown(n: int) -> Document:
    # Close to a catalogue name, so each one could earn a "did you mean"; and one known skill
    # (a file of nothing but unknown names is refused: see the test after these).
    skills = {"sql": 2, **{f"pythonx{i}": 1 for i in range(n - 1)}}
    return Document("many.yaml", {"skills": skills})


def test_a_file_listing_too_many_skills_is_refused_by_the_key_cap(catalog):
    """380,000 keys: refused by the cap before any of them is validated or matched."""
    with pytest.raises(InputError) as info:
        parse_answers(_many_unknown(380_000), catalog)
    [problem] = info.value.problems
    assert problem.field == "skills"
    assert f"at most {MAX_SKILL_KEYS:,}" in problem.message
    assert "380,000" in problem.message
    with pytest.raises(InputError):
        parse_answers(_many_unknown(MAX_SKILL_KEYS + 1), catalog, strict=True)
    # At the cap it is still a file, scored with warnings.
    assert len(parse_answers(_many_unknown(MAX_SKILL_KEYS), catalog).ignored) == MAX_SKILL_KEYS - 1


def test_did_you_mean_only_for_the_first_unknown_names(catalog):
    doc = _many_unknown(1001)
    ignored = parse_answers(doc, catalog).ignored
    assert len(ignored) == 1000  # every ignored name is listed
    hinted = [p for p in ignored if "did you mean" in p.message]
    assert len(hinted) <= SUGGESTED_NAMES
    assert hinted == list(ignored[:SUGGESTED_NAMES])  # these names all have a close match
    with pytest.raises(InputError) as info:
        parse_answers(doc, catalog, strict=True)
    assert len(info.value.problems) == 1000
    assert sum("did you mean" in p.message for p in info.value.problems) <= SUGGESTED_NAMES


# --- bad files: one message per problem, with file, field and line -----------------------------


def test_an_unknown_target_role_is_an_error_with_did_you_mean(tmp_path, catalog):
    roles = ", ".join(f"{role.name} ({role.id})" for role in catalog.roles.values())
    text = "person:\n  current_role: Data Enginer\n  target_role: x\nskills: {python: 3}\n"
    [found] = problems(write(tmp_path, "a.yaml", text), catalog)
    assert (found.line, found.field) == (3, "person.target_role")
    assert found.message == f'unknown role "x" (roles: {roles})'
    typo = write(tmp_path, "b.yaml", "person: {target_role: Data Enginer}\nskills: {python: 3}\n")
    [found] = problems(typo, catalog)
    assert found.message == (
        f'unknown role "Data Enginer"; did you mean "Data Engineer"? (roles: {roles})'
    )
    # A suggestion only for a name that is really close: "engineer" in common is not enough.
    other = write(
        tmp_path, "c.yaml", "person: {target_role: Analytics Engineer}\nskills: {sql: 3}\n"
    )
    [found] = problems(other, catalog)
    assert found.message == f'unknown role "Analytics Engineer" (roles: {roles})'


def test_an_unknown_current_role_is_other_with_a_warning_and_refused_under_strict(
    tmp_path, catalog
):
    """Where one works now is context, not a score input: an "Analytics Engineer" once cost
    the person their whole assessment, with 'did you mean "ml-engineer"?'."""
    text = "person:\n  name: Chloé\n  current_role: Analytics Engineer\nskills: {sql: 3}\n"
    path = write(tmp_path, "a.yaml", text)
    profile = load_answers(path, catalog)
    assert profile.person.current_role == "other"
    [warning] = profile.unknown_role
    assert warning.message == (
        'unknown role "Analytics Engineer", taken as "other" (a role outside the catalogue: '
        "no roadmap starts from it)"
    )
    assert (warning.line, warning.field) == (3, "person.current_role")
    assert profile.notices == (warning,)
    assert load_answers(path, catalog).fingerprint == profile.fingerprint
    [refused] = problems(path, catalog, strict=True)
    assert refused.message == (
        'unknown role "Analytics Engineer"; write "other" for a role outside the catalogue'
    )
    typo = write(tmp_path, "b.yaml", "person: {current_role: Data Enginer}\nskills: {sql: 3}\n")
    [warning] = load_answers(typo, catalog).unknown_role
    assert warning.message.endswith('; did you mean "Data Engineer"?')
    assert 'taken as "other"' in warning.message
    [refused] = problems(typo, catalog, strict=True)
    assert refused.message == (
        'unknown role "Data Enginer"; did you mean "Data Engineer"? (or "other", for a role '
        "outside the catalogue)"
    )


def test_an_unknown_current_role_is_kept_as_written_when_the_file_is_rewritten(tmp_path, catalog):
    text = "person:\n  current_role: Analytics Engineer  # since 2024\nskills:\n  sql: 3\n"
    answers = parse_answers(parse_text(text, "a.yaml"), catalog).answers
    changed = answers.model_copy(
        update={"skills": {**answers.skills, "python": SkillAnswer(level=2)}}
    )
    out = rewrite_answers(text, "a.yaml", changed, catalog)
    assert out is not None and "current_role: Analytics Engineer  # since 2024" in out


def test_levels_keep_how_the_person_wrote_them_when_the_file_is_rewritten(catalog):
    text = (
        "skills:\n  sql: expert  # years of it\n  python: {level: working}\n"
        '  git: "2"\n  docker: 1.0\n  excel: Proficient\n'
    )
    answers = parse_answers(parse_text(text, "a.yaml"), catalog).answers
    changed = answers.model_copy(
        update={
            "skills": {**answers.skills, "excel": SkillAnswer(level=2), "r": SkillAnswer(level=1)}
        }
    )
    out = rewrite_answers(text, "a.yaml", changed, catalog)
    # Only the answer that changed is rewritten; the new one is added.
    assert out == (
        "schema_version: 1\n"
        "skills:\n  sql: expert  # years of it\n  python: {level: working}\n"
        '  git: "2"\n  docker: 1.0\n  excel: 2\n  r: 1\n'
    )


def test_assess_warns_of_an_unknown_current_role_in_text_and_json(runner, tmp_path):
    path = write(
        tmp_path, "a.yaml", "person: {current_role: Analytics Engineer}\nskills: {sql: 3}\n"
    )
    result = runner.invoke(cli, ["assess", "--answers", str(path)])
    assert result.exit_code == 0, result.output
    said = 'unknown role "Analytics Engineer", taken as "other"'
    assert said in " ".join(result.stderr.split())
    assert "Analytics Engineer" not in result.stdout  # standard output is the ranking's
    result = runner.invoke(cli, ["assess", "--answers", str(path), "--json"])
    assert result.exit_code == 0, result.output
    codes = [w["code"] for w in json.loads(result.stdout)["warnings"]]
    assert "unknown-role" in codes
    assert "person.current_role: unknown role" in result.stderr
    strict = runner.invoke(cli, ["assess", "--answers", str(path), "--strict"])
    assert strict.exit_code == 1 and "Traceback" not in strict.output


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_assess_and_plan_warn_of_an_unknown_current_role_in_the_same_words(runner, tmp_path, lang):
    path = write(
        tmp_path,
        "a.yaml",
        "person: {current_role: Analytics Engineer, target_role: ml-engineer}\n"
        "skills: {sql: 3, python: 2}\n",
    )
    env = {"CAREERPATH_LANG": lang}
    plan = runner.invoke(cli, ["plan", "--answers", str(path)], env=env)
    assert plan.exit_code == 0, plan.output
    [line] = [x for x in plan.stderr.splitlines() if "Analytics Engineer" in x]
    said = line.split(": ", 1)[1]  # after "warning: "
    assert said.startswith(f"{path}:1: person.current_role: ")
    assessed = runner.invoke(cli, ["assess", "--answers", str(path), "--json"], env=env)
    [warning] = [w for w in json.loads(assessed.stdout)["warnings"] if w["code"] == "unknown-role"]
    assert warning["message"] == said
    assert line in assessed.stderr.splitlines()
    text = runner.invoke(cli, ["assess", "--answers", str(path)], env=env)
    assert line in text.stderr.splitlines() and "Analytics Engineer" not in text.stdout


@pytest.mark.parametrize("command", ["plan", "report"])
def test_an_unknown_from_role_is_the_one_message_not_beside_the_files_own_role(
    runner, tmp_path, command
):
    """It came after the file's warning about its current role ("data scienist"; did you
    mean "Data Scientist"?), so two messages named two roles, and the hint was the file's."""
    path = write(
        tmp_path,
        "a.yaml",
        "person: {current_role: data scienist, target_role: ml-engineer}\n"
        "skills: {sql: 3, python: 2}\n",
    )
    out = ["-o", str(tmp_path / "out.html")]
    refused = runner.invoke(cli, [command, "--answers", str(path), "--from", "data enginer", *out])
    assert refused.exit_code == 1
    [message] = refused.stderr.splitlines()
    assert message.startswith('error: unknown role "data enginer"; did you mean "Data Engineer"?')
    assert refused.stdout == "" and not (tmp_path / "out.html").exists()
    # A start that is a role: the file's current role is not used, so not warned of.
    given = runner.invoke(cli, [command, "--answers", str(path), "--from", "data-engineer", *out])
    assert given.exit_code == 0, given.output
    assert given.stderr == ""
    # Without --from, the plan starts from it: warned of, as before.
    inferred = runner.invoke(cli, [command, "--answers", str(path), *out, "--force"])
    assert 'unknown role "data scienist", taken as "other"' in inferred.stderr


def test_a_plan_request_refuses_an_unknown_role_and_a_start_drops_the_files_role(tmp_path, catalog):
    with pytest.raises(NotFoundError, match='unknown role "data enginer"; did you mean "Data'):
        PlanRequest(target="ml-engineer", from_role="data enginer").check_roles(catalog)
    with pytest.raises(NotFoundError, match='unknown role "astronaut"'):
        PlanRequest(target="astronaut").check_roles(catalog)
    PlanRequest(target="ML Engineer", from_role="data-engineer").check_roles(catalog)
    path = write(tmp_path, "a.yaml", "person: {current_role: data scienist}\nskills: {sql: 3}\n")
    profile = load_answers(path, catalog)
    assert [p.field for p in profile.notices] == ["person.current_role"]
    assert profile.starting_from("data-engineer").notices == ()
    assert profile.starting_from(None) == profile


def test_a_role_in_a_file_is_found_without_accents_and_in_either_gender(tmp_path, catalog):
    text = "person:\n  current_role: analista de negocios\n  target_role: engenheira de ml\n"
    person = load_answers(write(tmp_path, "a.yaml", text), catalog).answers.person
    assert (person.current_role, person.target_role) == ("business-analyst", "ml-engineer")
    # An unknown one lists the roles by their names in the run's language.
    path = write(tmp_path, "b.yaml", "person:\n  target_role: astronauta\n")
    [problem] = problems(path, catalog.in_language("pt-BR"))
    assert "Analista de Negócios (business-analyst), Analista de Dados (data-analyst)" in (
        problem.message
    )


def test_levels_out_of_range(tmp_path, catalog):
    path = write(
        tmp_path,
        "a.yaml",
        "skills:\n  python: 5\n  sql: -1\n  k8s: {level: 7}\n  docker: {level: 2, interest: 3}\n",
    )
    # A level out of range says what the levels are, as every other level error does.
    assert [(p.line, p.field, p.message) for p in problems(path, catalog)] == [
        # A bare level is reported at the skill: the user never wrote "level" there.
        (2, "skills.python", f"{NOT_A_LEVEL} (got 5)"),
        (3, "skills.sql", f"{NOT_A_LEVEL} (got -1)"),
        (4, "skills.k8s.level", f"{LEVEL_ONLY} (got 7)"),
        (5, "skills.docker.interest", "Input should be less than or equal to 2 (got 3)"),
    ]


WORDS = "none, aware, working, proficient, expert"
LEVEL_ONLY = f"a level must be a whole number from 0 to 4 or a level's name ({WORDS})"
NOT_A_LEVEL = f"{LEVEL_ONLY}, or a mapping with 'level'"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("five", f"{NOT_A_LEVEL} (got 'five')"),
        ("1.10", f"{NOT_A_LEVEL} (got 1.1)"),
        ("4.5", f"{NOT_A_LEVEL} (got 4.5)"),
        (".nan", f"{NOT_A_LEVEL} (got nan)"),
        (".inf", f"{NOT_A_LEVEL} (got inf)"),
        ("1e400", f"{NOT_A_LEVEL} (got inf)"),
        ("5.0", f"{NOT_A_LEVEL} (got 5.0)"),
        ("true", f"{NOT_A_LEVEL} (got True)"),
        ("NO", f"{NOT_A_LEVEL} (got 'NO')"),  # text, as typed: not YAML 1.1's False
        ("'7'", f"{NOT_A_LEVEL} (got '7')"),  # a quoted number outside 0-4
        ("'03'", f"{NOT_A_LEVEL} (got '03')"),
        ("' 3'", f"{NOT_A_LEVEL} (got ' 3')"),
        ("[3]", f"{NOT_A_LEVEL} (got [3])"),
    ],
)
def test_a_level_that_is_not_a_whole_number(tmp_path, catalog, written, message):
    path = write(tmp_path, "a.yaml", f"person: {{name: Kim}}\nskills:\n  python: {written}\n")
    assert problems(path, catalog) == [Problem(str(path), 3, "skills.python", message)]


def test_a_level_written_as_a_quoted_digit_is_that_level(tmp_path, catalog):
    # People quote numbers, and so do JSON exporters.
    text = "skills:\n  python: '3'\n  sql: \"0\"\n  r: {level: '4', interest: 2}\n"
    profile = load_answers(write(tmp_path, "a.yaml", text), catalog)
    assert {s: profile.levels[s] for s in profile.rated} == {"python": 3, "sql": 0, "r": 4}
    assert profile.interest == {"r": 2}
    as_json = '{"skills": {"python": "2", "sql": {"level": "1"}}}'
    profile = load_answers(write(tmp_path, "a.json", as_json), catalog)
    assert {s: profile.levels[s] for s in profile.rated} == {"python": 2, "sql": 1}
    # The quoted level is an ordinary answer: saved again, it is the number.
    assert profile.answers.skills["python"] == SkillAnswer(level=2)


def test_a_level_written_as_a_whole_float_is_that_level(tmp_path, catalog):
    """pandas writes 4.0 for 4 in any column that has a blank: an HR export's levels (and
    interests) come so, and once cost the person their whole assessment."""
    text = "skills:\n  python: 4.0\n  sql: {level: 2.0, interest: 1.0}\n  r: -0.0\n"
    profile = load_answers(write(tmp_path, "a.yaml", text), catalog)
    assert {s: profile.levels[s] for s in profile.rated} == {"python": 4, "sql": 2, "r": 0}
    assert profile.interest == {"sql": 1}
    as_json = '{"skills": {"python": 3.0, "sql": {"level": 1.0}, "spark": 1e0}}'
    profile = load_answers(write(tmp_path, "a.json", as_json), catalog)
    assert {s: profile.levels[s] for s in profile.rated} == {"python": 3, "sql": 1, "spark": 1}
    assert profile.answers.skills["python"] == SkillAnswer(level=3)
    assert isinstance(profile.answers.skills["python"].level, int)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("NO", f"a level must be a whole number from 0 to 4 or a level's name ({WORDS})"),
        ("'four'", f"a level must be a whole number from 0 to 4 or a level's name ({WORDS})"),
        ("'5'", f"a level must be a whole number from 0 to 4 or a level's name ({WORDS})"),
        ("3.5", "Input should be a valid integer (got 3.5)"),
        (".nan", "Input should be a valid integer (got nan)"),
        ("1e400", "Input should be a valid integer (got inf)"),
        ("true", "Input should be a valid integer"),
    ],
)
def test_a_level_in_a_mapping_that_is_not_a_whole_number(tmp_path, catalog, written, message):
    path = write(tmp_path, "a.yaml", f"skills:\n  sql:\n    level: {written}\n")
    [problem] = problems(path, catalog)
    assert (problem.line, problem.field) == (3, "skills.sql.level")
    assert problem.message.startswith(message)


def test_a_level_may_be_written_as_its_name_in_any_case(tmp_path, catalog):
    # The questionnaire shows "4 expert": people write the word.
    text = "skills:\n  python: Expert\n  sql: {level: proficient, interest: 1}\n  r: NONE\n"
    profile = load_answers(write(tmp_path, "a.yaml", text), catalog)
    assert {s: profile.levels[s] for s in profile.rated} == {"python": 4, "sql": 3, "r": 0}
    assert profile.answers.skills["python"] == SkillAnswer(level=4)
    [problem] = problems(write(tmp_path, "b.yaml", "skills:\n  python: wizard\n"), catalog)
    assert problem.message == f"{NOT_A_LEVEL} (got 'wizard')"


def test_a_level_may_be_written_as_its_name_in_the_current_language(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "skills:\n  python: Especialista\n  sql: working\n")
    i18n.use("pt-BR")
    try:
        profile = load_answers(path, catalog)
        [problem] = problems(write(tmp_path, "b.yaml", "skills:\n  python: mago\n"), catalog)
    finally:
        i18n.use("en")
    assert {s: profile.levels[s] for s in profile.rated} == {"python": 4, "sql": 2}
    # Both languages' words are listed.
    words = "nenhum, noções, prático, proficiente, especialista, none, aware, working, proficient"
    assert f"({words}, expert)" in problem.message
    # In English too: a mentee's Portuguese file reads the same to an English mentor.
    profile = load_answers(path, catalog)
    assert {s: profile.levels[s] for s in profile.rated} == {"python": 4, "sql": 2}


def load_in(lang: str, path: Path, catalog):
    """The file loaded as careerpath reads it when it speaks ``lang``."""
    i18n.use(lang)
    try:
        return load_answers(path, catalog)
    finally:
        i18n.use("en")


def test_names_and_levels_are_matched_without_accents_and_case(tmp_path, catalog):
    # As a Brazilian analyst typed them: missing accents used to be ignored names (level 0).
    text = (
        "skills:\n  Visualizaçao de dados: proficiente\n  Pensamento analitico: 3\n"
        "  ESTATISTICA E PROBABILIDADE: 2\n  sql: pratico\n  python: Nocoes\n"
    )
    path = write(tmp_path, "a.yaml", text)
    for lang in i18n.SUPPORTED:
        profile = load_in(lang, path, catalog)
        assert profile.ignored == ()
        assert {s: profile.levels[s] for s in profile.rated} == {
            "data-visualisation": 3,
            "analytical-thinking": 3,
            "statistics": 2,
            "sql": 2,
            "python": 1,
        }


def test_a_skill_named_twice_is_named_in_the_language_of_the_run(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "skills:\n  agile: 2\n  project management: 3\n")
    i18n.use("pt-BR")
    try:
        [merged] = load_answers(path, catalog.in_language("pt-BR")).merged
    finally:
        i18n.use("en")
    name = catalog.in_language("pt-BR").skills["project-management"].name
    assert name != catalog.skills["project-management"].name
    assert merged.message == f'é a mesma habilidade, {name}, que "agile"; vale o nível mais alto'
    assert "project-management" not in merged.message


def test_did_you_mean_names_the_skill_in_the_language_of_the_run(tmp_path, catalog):
    # "gestão de requisitos" was taken for project-management ("gestão de riscos" is closer
    # letter by letter), and "Negociação" for data-labelling ("anotação").
    path = write(
        tmp_path, "a.yaml", "skills:\n  sql: 2\n  gestão de requisitos: 4\n  Negociação: 3\n"
    )
    i18n.use("pt-BR")
    try:
        ignored = load_answers(path, catalog.in_language("pt-BR")).ignored
        portuguese = {p.field: p.message for p in ignored}
    finally:
        i18n.use("en")
    english = {p.field: p.message for p in load_answers(path, catalog).ignored}
    name = catalog.skills["stakeholder-management"].name
    assert english == {
        "skills.gestão de requisitos": f'unknown skill; did you mean "{name}"?',
        "skills.Negociação": "unknown skill",
    }
    assert portuguese["skills.gestão de requisitos"].endswith(
        '"Gestão de requisitos e de stakeholders"?'
    )
    assert "did you mean" not in portuguese["skills.Negociação"]


def test_every_languages_level_names_are_read_in_every_language(tmp_path, catalog):
    from careerpath.models.inputs import LEVEL_LABELS

    skills = ("python", "sql", "r", "scala", "pandas")
    for lang in i18n.SUPPORTED:
        words = [i18n.gettext_in(lang, label) for label in LEVEL_LABELS]
        text = "skills:\n" + "".join(
            f"  {skill}: {word.upper()}\n" for skill, word in zip(skills, words, strict=True)
        )
        path = write(tmp_path, f"{lang}.yaml", text)
        for reader in i18n.SUPPORTED:
            profile = load_in(reader, path, catalog)
            assert [profile.levels[s] for s in skills] == [0, 1, 2, 3, 4], (lang, reader)


def test_the_common_scale_words_are_read_at_the_level_they_match(tmp_path, catalog):
    """beginner / intermediate / advanced (and pt-BR's) were refused: "a level must be a
    whole number from 0 to 4 or a level's name"; they are the scale people write by hand."""
    text = (
        "skills:\n  python: Beginner\n  sql: intermediate\n  r: ADVANCED\n"
        "  scala: básico\n  pandas: Intermediário\n  numpy: avançado\n  git: basic\n"
    )
    path = write(tmp_path, "scale.yaml", text)
    for reader in i18n.SUPPORTED:
        levels = load_in(reader, path, catalog).levels
        expected = {
            "python": 1,
            "sql": 2,
            "r": 3,
            "scala": 1,
            "pandas": 2,
            "numpy": 3,
            "git": 1,
        }
        assert {s: levels[s] for s in expected} == expected, reader


def test_no_word_names_two_different_levels_in_two_languages():
    from careerpath.models.inputs import level_spellings

    clashes = {
        word: meanings
        for word, meanings in level_spellings().items()
        if len({level for _lang, level in meanings}) > 1
    }
    assert clashes == {}
    # Every language's five names are there, each naming its own level.
    assert sum(len(m) for m in level_spellings().values()) >= 5 * len(i18n.SUPPORTED)


def test_a_word_naming_two_levels_in_two_languages_is_refused(tmp_path, catalog, monkeypatch):
    from careerpath.models import inputs

    # As if a translation named level 2 with English's word for level 3.
    real = inputs.gettext_in
    monkeypatch.setattr(
        inputs,
        "gettext_in",
        lambda lang, m: "proficient" if (lang, m) == ("pt-BR", "working") else real(lang, m),
    )
    inputs._level_table.cache_clear()
    try:
        assert inputs.level_of("proficient") is None
        bare = write(tmp_path, "a.yaml", "skills:\n  python: Proficient\n")
        mapping = write(tmp_path, "b.yaml", "skills:\n  python: {level: proficient}\n")
        [problem] = problems(bare, catalog)
        found = problems(mapping, catalog)
    finally:
        monkeypatch.undo()
        inputs._level_table.cache_clear()
    message = (
        '"Proficient" names different levels in different languages (3 in en, 2 in pt-BR): '
        "write the level's number instead"
    )
    assert problem.field == "skills.python" and problem.message.startswith(message)
    assert [p.field for p in found] == ["skills.python.level"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Kubernetes", "k8s"),
        ("kubernetes", "KUBERNETES"),
        ("python", "Python3"),
        ("agile", "project management"),
    ],
)
def test_the_same_skill_twice_under_two_names(tmp_path, catalog, first, second):
    # "RAG" and "LangChain", "agile" and "project management": people name one skill twice.
    # The file is scored with the higher level and a notice; --strict refuses it.
    path = write(tmp_path, "a.yaml", f"skills:\n  {first}: 2\n  sql: 1\n  {second}: 3\n")
    skill_id = catalog.resolve_skill(first)
    notice = Problem(
        str(path),
        4,
        f"skills.{second}",
        f"names the same skill, {catalog.skills[skill_id].name}, as "
        f'"{first}"; the higher level counts',
    )
    profile = load_answers(path, catalog)
    assert profile.levels[skill_id] == 3
    assert profile.ignored == () and profile.merged == (notice,)
    assert problems(path, catalog, strict=True) == [notice]
    lower = write(tmp_path, "b.yaml", f"skills:\n  {first}: 3\n  {second}: 1\n")
    assert load_answers(lower, catalog).levels[skill_id] == 3  # the higher, whichever first


def test_a_file_of_nothing_but_unknown_names_is_refused(tmp_path, catalog):
    # Scoring it would rank nine roles on nothing (every role 0%, ties by id).
    path = write(tmp_path, "a.yaml", "skills:\n  Pyton: 3\n  Kubernets: 2\n")
    found = problems(path, catalog)
    assert found[0].message == "none of the skill names in the file is in the catalogue"
    assert [p.field for p in found[1:]] == ["skills.Pyton", "skills.Kubernets"]
    assert 'did you mean "Python"?' in found[1].message


def test_the_same_key_twice(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "skills:\n  sql: 2\n  sql: 3\n")
    [problem] = problems(path, catalog)
    assert problem.line == 3
    assert problem.message == "duplicate key 'sql' (first at line 2)"


def test_unknown_keys_with_did_you_mean(tmp_path, catalog):
    path = write(
        tmp_path,
        "a.yaml",
        "schema_version: 1\n"
        "persn:\n  name: Kim\n"
        "person:\n  nmae: Kim\n  hours_per_wek: 3\n"
        "skills:\n  python: {level: 2, evidance: x}\n"
        "zzzz: 1\n",
    )
    assert [(p.line, p.field, p.message) for p in problems(path, catalog)] == [
        (2, "persn", 'unknown key; did you mean "person"?'),
        (5, "person.nmae", 'unknown key; did you mean "name"?'),
        (6, "person.hours_per_wek", 'unknown key; did you mean "hours_per_week"?'),
        (8, "skills.python.evidance", 'unknown key; did you mean "evidence"?'),
        (9, "zzzz", "unknown key"),
    ]


def test_wrong_types(tmp_path, catalog):
    path = write(
        tmp_path,
        "a.yaml",
        "schema_version: 2\n"
        "assessed_on: yesterday\n"
        "person:\n  name: [Kim]\n  hours_per_week: many\n  start_date: 30.02.2027\n"
        "skills:\n  python: {level: 2, evidence: 3}\n"
        "  sql: {level: 1, evidence: not a link, interest: keen}\n",
    )
    found = {(p.line, p.field): p.message for p in problems(path, catalog)}
    assert set(found) == {
        (1, "schema_version"),
        (2, "assessed_on"),
        (4, "person.name"),
        (5, "person.hours_per_week"),
        (6, "person.start_date"),
        (8, "skills.python.evidence"),
        (9, "skills.sql.interest"),
    }
    assert found[(2, "assessed_on")] == "expected a date written YYYY-MM-DD (got 'yesterday')"
    assert (
        found[(6, "person.start_date")] == "expected a date written YYYY-MM-DD (got '30.02.2027')"
    )
    assert (
        found[(5, "person.hours_per_week")]
        == "expected a number of hours, e.g. 6 or 5.5 (got 'many')"
    )
    assert found[(8, "skills.python.evidence")] == "Input should be a valid string (got 3)"
    assert found[(9, "skills.sql.interest")] == "Input should be a valid integer (got 'keen')"


def test_an_impossible_date(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "person:\n  name: Kim\n  start_date: 2027-02-30\n")
    [problem] = problems(path, catalog)
    assert problem.line == 3
    assert "2027-02-30" in problem.message


def test_sections_of_the_wrong_type(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "person: Kim\nskills: [python, sql]\n")
    found = problems(path, catalog)
    assert [(p.line, p.field) for p in found] == [(1, "person"), (2, "skills")]
    assert found[0].message.startswith("expected a mapping (key: value lines)")
    assert found[1].message.startswith('is a list; write one skill per line as "name: level"')


@pytest.mark.parametrize(
    ("name", "text"),
    [("a.yaml", ""), ("a.yaml", "# only a comment\n\n"), ("a.json", ""), ("a.json", " \n")],
)
def test_an_empty_file(tmp_path, catalog, name, text):
    path = write(tmp_path, name, text)
    assert problems(path, catalog) == [Problem(str(path), None, "", "is empty")]


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [("a.yaml", "- python: 2\n- sql: 1\n", 1), ("a.json", '[{"python": 2}]', None)],
)
def test_a_list_at_top_level(tmp_path, catalog, name, text, line):
    path = write(tmp_path, name, text)
    assert problems(path, catalog) == [
        Problem(
            str(path),
            line,
            "",
            "expected a mapping (schema_version, person, skills) at top level, got a list",
        )
    ]


def test_a_file_that_is_not_utf8(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "person:\n  name: José\n".encode("latin-1"))
    assert problems(path, catalog) == [
        Problem(str(path), 2, "", "is not UTF-8 text (byte 0xe9); save it as UTF-8")
    ]


def test_utf8_with_a_byte_order_mark_is_fine(tmp_path, catalog):
    path = write(tmp_path, "a.yaml", "\ufeffperson:\n  name: José\n".encode())
    assert load_answers(path, catalog).person.name == "José"


def test_json_problems_name_the_field(tmp_path, catalog):
    path = write(tmp_path, "a.json", json.dumps({"skills": {"pyhton": 2, "sql": 9}}))
    unknown = Problem(str(path), None, "skills.pyhton", 'unknown skill; did you mean "Python"?')
    too_high = Problem(str(path), None, "skills.sql", f"{NOT_A_LEVEL} (got 9)")
    assert problems(path, catalog, strict=True) == [unknown, too_high]
    assert problems(path, catalog) == [too_high]  # the unknown name alone would be a warning
    fixed = write(tmp_path, "b.json", json.dumps({"skills": {"pyhton": 2, "sql": 3}}))
    assert load_answers(fixed, catalog).ignored == (
        Problem(str(fixed), None, "skills.pyhton", 'unknown skill; did you mean "Python"?'),
    )


def test_every_problem_in_one_file_is_reported_once(tmp_path, catalog):
    path = write(
        tmp_path,
        "a.yaml",
        "persn: {}\nskills:\n  pyhton: 2\n  sql: 9\n  k8s: 1\n  Kubernetes: 2\n  docker: five\n",
    )
    found = problems(path, catalog, strict=True)
    assert [(p.line, p.field) for p in found] == [
        (1, "persn"),
        (3, "skills.pyhton"),
        (4, "skills.sql"),
        (6, "skills.Kubernetes"),
        (7, "skills.docker"),
    ]
    assert all(p.file == str(path) for p in found)
    # Without strict the unknown name is no error; the rest are, each once.
    lenient = problems(path, catalog)
    # Without strict the unknown name and the second name of one skill are notices.
    assert [(p.line, p.field) for p in lenient] == [
        (1, "persn"),
        (4, "skills.sql"),
        (7, "skills.docker"),
    ]


BAD_FILES = {
    "unknown-skill.yaml": "skills:\n  pyhton: 2\n  sql: 3\n",
    "out-of-range.yaml": "skills:\n  python: 5\n",
    "not-a-number.yaml": "skills:\n  python: five\n",
    "twice.yaml": "skills:\n  Kubernetes: 2\n  k8s: 3\n",
    "unknown-key.yaml": "persn: {name: Kim}\n",
    "wrong-type.yaml": "person: Kim\n",
    "empty.yaml": "",
    "list.yaml": "- python: 2\n",
    "latin1.yaml": "person:\n  name: Jos\xe9\n".encode("latin-1"),
    "bad.json": '{"skills": {"python": "five"}}',
    "broken.yaml": "skills: {python: 2\n",
    "tab.yaml": "person:\n  name: Kim\nskills:\n\tpython: 2\n",
    "no-space.yaml": "skills:\n  sql: 1\n  python:2\n  r: 1\n",
    "no-space-alone.yaml": "skills:\n  python:2\n",
    "no-colon.yaml": "skills:\n  sql: 1\n  python 3\n  r: 1\n",
    "utf16.yaml": "skills:\n  python: 2\n".encode("utf-16"),  # with its byte order mark
    "utf16-be.yaml": b"\xfe\xff" + "skills:\n  python: 2\n".encode("utf-16-be"),
    "utf16-no-bom.json": '{"skills": {"python": 2}}'.encode("utf-16-le"),
    "top-level-name.yaml": "name: Kim\nskills:\n  python: 2\n",
    # The right name in the wrong place once got 'did you mean "evidence"?'.
    "top-level-evidence.yaml": "skills:\n  python: 2\nevidence: wrote a pipeline\n",
    "evidence-in-person.yaml": "person:\n  name: Kim\n  evidence: x\nskills:\n  python: 2\n",
}

EXPECTED = {
    "unknown-skill.yaml": ':2: skills.pyhton: unknown skill; did you mean "Python"?',
    "out-of-range.yaml": ":2: skills.python: a level must be a whole number from 0 to 4",
    "not-a-number.yaml": ":2: skills.python: a level must be a whole number",
    "twice.yaml": ':3: skills.k8s: names the same skill, Kubernetes, as "Kubernetes"',
    "unknown-key.yaml": ':1: persn: unknown key; did you mean "person"?',
    "wrong-type.yaml": ":1: person: expected a mapping (key: value lines), got 'Kim'",
    "empty.yaml": ": is empty",
    "list.yaml": ":1: expected a mapping",
    "latin1.yaml": ":2: is not UTF-8 text",
    "bad.json": ": skills.python: a level must be a whole number",
    "broken.yaml": ":1: invalid YAML",
    "tab.yaml": ":4: YAML does not allow tabs for indentation: use spaces",
    "no-space.yaml": ":3: a space is needed after the colon: write 'python: 2', not 'python:2'",
    "no-colon.yaml": ":3: is a ':' missing? write 'python: 3', not 'python 3'",
    "no-space-alone.yaml": (
        ":1: skills: expected a mapping (key: value lines), got 'python:2'; a space is needed "
        "after the colon: write 'python: 2', not 'python:2'"
    ),
    "utf16.yaml": ": saved as UTF-16: save it as UTF-8",
    "utf16-be.yaml": ": saved as UTF-16: save it as UTF-8",
    "utf16-no-bom.json": ": saved as UTF-16: save it as UTF-8",
    "top-level-name.yaml": (
        ":1: name: unknown key at the top level; it belongs under person (person: {name: ...})"
    ),
    "top-level-evidence.yaml": (
        ":3: evidence: unknown key here; it belongs in skills: {NAME: {evidence: ...}}"
    ),
    "evidence-in-person.yaml": (
        ":3: person.evidence: unknown key here; it belongs in skills: {NAME: {evidence: ...}}"
    ),
}


# An unknown name, or one skill named twice, is refused only with --strict (without it, see
# the next test).
STRICT_ONLY = {"unknown-skill.yaml", "twice.yaml"}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_cli_rejects_a_bad_answers_file(runner, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, name, BAD_FILES[name])
    before = sorted(p.name for p in tmp_path.iterdir())
    strict = ["--strict"] if name in STRICT_ONLY else []
    result = runner.invoke(cli, ["assess", *strict, "--answers", name])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert f"{name}{EXPECTED[name]}" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_cli_scores_a_file_whose_only_problem_is_an_unknown_name(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = "unknown-skill.yaml"
    write(tmp_path, name, BAD_FILES[name])
    before = sorted(p.name for p in tmp_path.iterdir())
    result = runner.invoke(cli, ["assess", "--answers", name])
    assert result.exit_code == 0, result.output
    assert "Role match" in result.stdout
    warning = f'warning: {name}:2: skills.pyhton: unknown skill; did you mean "Python"? (ignored)'
    assert result.stderr.splitlines()[0] == warning  # then said again after the ranking
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing written


def test_cli_counts_the_problems(runner, tmp_path):
    path = write(tmp_path, "a.yaml", "skills:\n  pyhton: 2\n  sql: 9\n  r: NO\n")
    result = runner.invoke(cli, ["assess", "--strict", "--answers", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: 3 problems:\n")
    assert len(result.stderr.strip().splitlines()) == 4
    lenient = runner.invoke(cli, ["assess", "--answers", str(path)])
    assert lenient.exit_code == 1
    assert lenient.stderr.startswith("error: 2 problems:\n")
    assert "pyhton" not in lenient.stderr


# --- round trip --------------------------------------------------------------------------------


def full_answers(catalog) -> Answers:
    order = list(catalog.skills)
    skills: dict[str, SkillAnswer | None] = {
        sid: SkillAnswer(level=i % 5) for i, sid in enumerate(order)
    }
    skills[order[1]] = None
    skills[order[2]] = SkillAnswer(level=3, evidence="Ran the: 'nightly' #ETL job", interest=2)
    skills[order[3]] = SkillAnswer(level=1, evidence="https://example.org/a?b=c#d")
    skills[order[4]] = SkillAnswer(level=0, interest=0)
    return Answers(
        catalog_version=catalog.version,
        assessed_on=dt.date(2026, 11, 22),
        person=Person(
            name="Zoë O'Neil: NO",
            current_role="other",
            target_role="ml-engineer",
            hours_per_week=6.5,
            start_date=dt.date(2027, 1, 4),
        ),
        skills=skills,
        progress={"learn-sql": StepProgress(status="done", date=dt.date(2027, 2, 1))},
    )


def test_saved_answers_load_back_equal(tmp_path, catalog):
    answers = full_answers(catalog)
    path = save_answers(answers, tmp_path / "a.yaml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    profile = load_answers(path, catalog)
    assert profile.answers == answers
    assert profile.answers.skills[list(catalog.skills)[1]] is None
    with pytest.raises(OutputError, match="already exists"):
        save_answers(answers, path)


def test_what_the_questionnaire_saves_loads_back_equal(tmp_path, catalog):
    order = list(catalog.skills)
    path = tmp_path / "session.yaml"
    session = q.Session.start(catalog, path)
    session.set_person(Person(name="Ann", current_role="data-analyst", hours_per_week=4))
    for i, sid in enumerate(order[:10]):
        session.record(sid, None if i % 3 == 0 else i % 5)
    profile = load_answers(path, catalog)
    assert profile.answers == session.answers
    assert profile == profile_from(session.answers, catalog, str(path))
    assert [sid for sid, a in profile.answers.skills.items() if a is None] == order[0:10:3]
    # A session saved half-way: the questions not asked yet are unknown, not 0.
    assert profile.answers.unlisted == "unknown"
    assert "\nunlisted: unknown\n" in path.read_text(encoding="utf-8")
    assert set(profile.levels) == {sid for i, sid in enumerate(order[:10]) if i % 3}
    assert profile.rated == set(profile.levels)

    # Resumed, it goes on from there and still loads back equal, evidence included.
    session = q.Session.resume(catalog, path)
    assert session.first_unasked() == 10
    session.answers = session.answers.model_copy(
        update={"skills": {**session.answers.skills, order[1]: SkillAnswer(level=2, evidence="x")}}
    )
    session.record(order[10], 4)
    assert load_answers(path, catalog).answers == session.answers
    assert load_answers(path, catalog).evidence == {order[1]: "x"}


_TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=80).filter(
    lambda s: s.strip()
)
_ANSWER = st.one_of(
    st.none(),
    st.builds(
        SkillAnswer,
        level=st.integers(0, 4),
        evidence=st.one_of(st.none(), _TEXT.map(str.strip)),
        interest=st.one_of(st.none(), st.integers(0, 2)),
    ),
)


@settings(max_examples=150, deadline=None)
@given(
    skills=st.dictionaries(st.sampled_from(["python", "K8s", "Linear algebra", "SQL"]), _ANSWER),
    name=st.one_of(st.none(), _TEXT.map(lambda s: s.strip()[:200].strip()).filter(bool)),
    unlisted=st.sampled_from(["zero", "unknown"]),
)
def test_round_trip_any_text(skills, name, unlisted):
    """Names and evidence are free text: quotes, colons, 'NO', '1.10', line breaks, emoji."""
    answers = Answers(person=Person(name=name), skills=skills, unlisted=unlisted)
    text = dump_answers(answers)
    assert validate(parse_text(text, "a.yaml"), Answers) == answers


@pytest.mark.parametrize(
    "odd", ["a\x85b", "line\u2028separator", "para\u2029graph", "tab\there", "NO", "1.10", "~"]
)
def test_round_trip_line_breaks_yaml_would_fold(odd):
    answers = Answers(person=Person(name=odd), skills={"sql": SkillAnswer(level=1, evidence=odd)})
    assert validate(parse_text(dump_answers(answers), "a.yaml"), Answers) == answers


# --- the template ------------------------------------------------------------------------------


def test_template_lists_every_skill_with_its_level_descriptors(runner, tmp_path, catalog):
    path = tmp_path / "blank.yaml"
    result = runner.invoke(cli, ["questionnaire", "template", "-o", str(path)])
    assert result.exit_code == 0, result.output
    assert f"careerpath assess --answers {path}" in result.stderr
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    for skill in catalog.skills.values():
        assert f"  {skill.id}:" in lines
        at = lines.index(f"  {skill.id}:")
        assert f"  # {skill.name}: {skill.description}" in lines[:at]
        for level, descriptor in enumerate(skill.levels):
            assert f"  #   {level} {LEVEL_NAMES[level]}: {descriptor}" in lines[:at]
    for field in ("name", "current_role", "target_role", "hours_per_week", "start_date"):
        assert any(line.startswith(f"  {field}:") and "#" in line for line in lines)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # It says what an empty level and a deleted skill mean (they differ).
    intro = " ".join(line.lstrip("# ") for line in lines[:12])
    assert "an empty level counts as unknown, not as 0" in intro
    assert "A skill you delete from the list counts as 0" in intro
    # Standard output gets the same text.
    assert runner.invoke(cli, ["questionnaire", "template"]).stdout == text


def test_template_loads_as_a_valid_empty_answers_file(runner, tmp_path, catalog):
    path = tmp_path / "blank.yaml"
    runner.invoke(cli, ["questionnaire", "template", "-o", str(path)])
    profile = load_answers(path, catalog)
    # Every skill is listed with no level: all unknown, none a 0.
    assert profile.levels == {}
    assert profile.rated == frozenset()
    assert profile.person == Person()
    assert set(profile.answers.skills) == set(catalog.skills)
    assert all(answer is None for answer in profile.answers.skills.values())
    assert profile.answers.catalog_version == catalog.version

    # Filled in by a mentee: a level after a skill's colon is all it takes.
    filled = path.read_text(encoding="utf-8").replace("\n  sql:\n", "\n  sql: 3\n")
    filled = filled.replace("\n  docker:\n", "\n  docker: {level: 2, interest: 2}\n")
    path.write_text(filled, encoding="utf-8")
    assert load_answers(path, catalog).levels == {"sql": 3, "docker": 2}
    result = runner.invoke(cli, ["assess", "--answers", str(path)])
    assert result.exit_code == 0, result.output
    assert f"Role match (2 of {len(catalog.skills)} skills rated, 2 known" in result.stdout

    # A skill deleted from it is a 0, no longer unknown.
    path.write_text(filled.replace("\n  python:\n", "\n"), encoding="utf-8")
    deleted = load_answers(path, catalog)
    assert deleted.levels == {"sql": 3, "docker": 2, "python": 0}
    assert deleted.rated == {"sql", "docker"}


def test_template_refuses_to_overwrite_without_force(runner, tmp_path):
    path = write(tmp_path, "blank.yaml", "mine\n")
    result = runner.invoke(cli, ["questionnaire", "template", "-o", str(path)])
    assert result.exit_code == 1
    assert "already exists; use --force" in result.stderr
    assert path.read_text(encoding="utf-8") == "mine\n"
    forced = runner.invoke(cli, ["questionnaire", "template", "-o", str(path), "--force"])
    assert forced.exit_code == 0
    assert path.read_text(encoding="utf-8").startswith("# careerpath self-assessment")


# --- the examples ------------------------------------------------------------------------------

# Hand-written the way people write them (issue 12): only the skills the person has, the rest
# a 0; their rankings are tested with the scoring.
KNOWN_ONLY = {"analyst-sql-excel.yaml", "backend-engineer.yaml", "project-manager.yaml"}


def test_there_are_at_least_four_example_answer_files():
    assert len(ANSWER_EXAMPLES) >= 4
    assert {p.name for p in ANSWER_EXAMPLES} >= KNOWN_ONLY
    assert len([p for p in ANSWER_EXAMPLES if p.name not in KNOWN_ONLY]) >= 4


@pytest.mark.parametrize("path", ANSWER_EXAMPLES, ids=lambda p: p.name)
def test_example_answer_file_loads_and_assesses(runner, catalog, path):
    profile = load_answers(path, catalog, strict=True)  # every name in an example is known
    person = profile.person
    assert person.name
    if person.target_role:
        assert person.target_role in catalog.roles
    if person.current_role:
        assert person.current_role in catalog.roles or person.current_role == "other"
    rated = [profile.levels[s] for s in profile.rated]
    if path.name in KNOWN_ONLY:
        # Only what they know, every listed name resolved, everything else a 0.
        assert len(profile.rated) == len(profile.answers.skills) >= 5
        assert profile.answers.unlisted == "zero"
        assert set(profile.levels) == set(catalog.skills)
        assert all(profile.levels[s] == 0 for s in set(catalog.skills) - profile.rated)
        assert len(set(rated)) >= 2
    else:
        assert person.current_role and person.target_role
        # Realistic: a good share of the catalogue rated, with several different levels and
        # some evidence, not every skill at the same level.
        assert len(profile.rated) >= 30
        assert len(set(rated)) >= 3
        assert profile.evidence
    result = runner.invoke(cli, ["assess", "--answers", str(path)])
    assert result.exit_code == 0, result.output
    assert (
        f"Role match ({len(profile.rated)} of {len(catalog.skills)} skills rated, "
        f"{len(profile.levels)} known" in result.stdout
    )
    if person.target_role:
        assert f"Gaps for {catalog.roles[person.target_role].name}" in result.stdout


def test_a_skill_named_twice_keeps_the_evidence_of_the_level_that_counts(tmp_path, catalog):
    path = write(
        tmp_path,
        "a.yaml",
        'skills:\n  python: {level: 1, evidence: "one tutorial", interest: 0}\n  Python3: 4\n',
    )
    profile = load_answers(path, catalog)
    assert profile.levels["python"] == 4
    assert "python" not in profile.evidence and "python" not in profile.interest
    assert profile.ignored == () and [p.line for p in profile.merged] == [3]
    assert profile.notices == profile.merged
