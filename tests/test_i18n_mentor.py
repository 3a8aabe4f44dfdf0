"""A mentor's sentences in pt-BR: a cohort's notes and skipped files, a comparison's notes and
refusals, and a progress error come out in Portuguese under pt-BR (still naming the files and
the step), and word for word as before under English."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES

from careerpath import cohort, i18n
from careerpath.answers import load_answers
from careerpath.batch import parse_shard
from careerpath.catalog import load_catalog
from careerpath.comparison import compare
from careerpath.errors import DifferentPeople, NotFoundError, UsageError
from careerpath.group import read_group
from careerpath.progress import record_progress

OLD = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
NEW = EXAMPLES / "answers" / "data-engineer-to-ml-2027-05.yaml"
COHORT = sorted((EXAMPLES / "cohort").glob("*.yaml"))
BLANK = "schema_version: 1\nperson:\n  name: Nobody Yet\nskills: {}\n"

# Words of the English sentences that must not be left in a Portuguese one.
ENGLISH = re.compile(
    r"\b(?:Averages|shown|people|the group|fewer than|counted|the same answers|blank template|"
    r"not counted|unknown step|did you mean|the plan to|names different|assessed after|"
    r"check the order|pass|compare two people|write it as|each member|role)\b"
)


@pytest.fixture
def pt(request):
    i18n.use("pt-BR")
    request.addfinalizer(lambda: i18n.use("en"))


def group_folder(tmp_path: Path) -> Path:
    """Three people, a copy of one of them and a blank template: fewer than five people, so
    the averages are withheld, and two files skipped, each with its reason."""
    folder = tmp_path / "group"
    folder.mkdir()
    for path in COHORT[:3]:
        shutil.copy(path, folder / path.name)
    shutil.copy(COHORT[0], folder / "zz-copy.yaml")
    (folder / "zz-blank.yaml").write_text(BLANK, encoding="utf-8")
    return folder


def cohort_sentences(folder: Path, jobs: int) -> list[str]:
    catalog = load_catalog()
    people, skipped = cohort.load_group([folder], catalog, jobs=jobs, files_per_task=1)
    result = cohort.cohort(people, catalog, skipped=skipped)
    assert result.averages_note is not None
    return [result.averages_note, *(s.reason for s in result.skipped)]


@pytest.mark.parametrize("jobs", [1, 2])  # 2: read by worker processes, told the language
def test_a_cohort_s_notes_and_skipped_reasons_are_in_portuguese(pt, tmp_path, jobs):
    note, *reasons = cohort_sentences(group_folder(tmp_path), jobs)
    assert note.startswith("As médias não são mostradas: o grupo tem 3 pessoas, menos de 5")
    assert sorted(reasons) == [
        f"as mesmas respostas de {tmp_path / 'group' / COHORT[0].name}; contado uma vez",
        "nenhuma habilidade foi respondida (um modelo em branco?): não conta como pessoa",
    ]
    for sentence in [note, *reasons]:
        assert not ENGLISH.search(sentence), sentence


def test_a_cohort_in_english_is_unchanged(tmp_path):
    note, *reasons = cohort_sentences(group_folder(tmp_path), 1)
    assert note == (
        "Averages are not shown: the group has 3 people, fewer than 5, and an average of so "
        "few could identify someone."
    )
    assert sorted(reasons) == [
        "no skill is answered (a blank template?): not counted as a person",
        f"the same answers as {tmp_path / 'group' / COHORT[0].name}; counted once",
    ]


def test_a_team_s_method_is_in_portuguese(pt, tmp_path):
    catalog = load_catalog()
    group = read_group([group_folder(tmp_path)], catalog, jobs=1)
    method = cohort.team(group.people, catalog).method
    assert method.startswith("cada membro assume no máximo um papel")
    assert not ENGLISH.search(method)


def other_person(tmp_path: Path) -> Path:
    path = tmp_path / "someone-else.yaml"
    path.write_text(
        NEW.read_text(encoding="utf-8").replace("name: Daniel Okafor", "name: Someone Else"),
        encoding="utf-8",
    )
    return path


def test_a_comparison_s_refusal_and_notes_are_in_portuguese(pt, tmp_path):
    catalog = load_catalog()
    old, new = load_answers(OLD, catalog), load_answers(other_person(tmp_path), catalog)
    with pytest.raises(DifferentPeople) as info:
        compare(old, new, catalog)
    refusal = info.value.worded(lambda name: "--" + name.replace("_", "-"))
    assert 'nomeia "Daniel Okafor"' in refusal and 'nomeia "Someone Else"' in refusal
    assert refusal.endswith("use --different-people para comparar duas pessoas mesmo assim")
    # Given in the wrong order, and of two people on purpose: both notes, in Portuguese.
    notes = compare(new, old, catalog, different_people=True).notes
    assert notes == [
        'os dois arquivos nomeiam pessoas diferentes ("Someone Else" e "Daniel Okafor")',
        "o arquivo 'antigo' foi avaliado depois do 'novo'; confira a ordem",
    ]
    plain = str(info.value).replace(str(OLD), "").replace(str(new.source), "")  # no flag
    for sentence in [plain, *notes]:
        assert not ENGLISH.search(sentence), sentence


def test_a_comparison_in_english_is_unchanged(tmp_path, catalog):
    old, new = load_answers(OLD, catalog), load_answers(other_person(tmp_path), catalog)
    with pytest.raises(DifferentPeople) as info:
        compare(old, new, catalog)
    assert str(info.value) == (
        f'{OLD} names "Daniel Okafor" and {new.source} names "Someone Else": compare shows '
        "one person's progress between two assessments; pass different_people to compare two "
        "people anyway"
    )
    assert compare(new, old, catalog, different_people=True).notes == [
        'the two files name different people ("Someone Else" and "Daniel Okafor")',
        "the 'old' file was assessed after the 'new' one; check the order",
    ]


def test_a_progress_error_is_in_portuguese_and_names_the_step(pt, tmp_path):
    answers = tmp_path / "daniel.yaml"
    answers.write_bytes(OLD.read_bytes())
    with pytest.raises(NotFoundError) as info:
        record_progress(answers, load_catalog(), "math-for-ml-refresh", "done")
    message = str(info.value)
    assert message.startswith('etapa desconhecida "math-for-ml-refresh" no plano para ')
    assert 'você quis dizer "math-for-ml-refresher"?' in message
    assert "Engenheiro(a) de Machine Learning" in message  # the role's pt-BR name
    assert f"(veja `careerpath plan --answers {answers}`)" in message
    assert not ENGLISH.search(message.replace(str(answers), ""))
    assert answers.read_bytes() == OLD.read_bytes()


def test_a_progress_error_in_english_is_unchanged(tmp_path, catalog):
    answers = tmp_path / "daniel.yaml"
    answers.write_bytes(OLD.read_bytes())
    with pytest.raises(NotFoundError) as info:
        record_progress(answers, catalog, "math-for-ml-refresh", "done", when=dt.date(2026, 1, 2))
    assert str(info.value) == (
        'unknown step "math-for-ml-refresh" in the plan to ML Engineer; did you mean '
        f'"math-for-ml-refresher"? (see `careerpath plan --answers {answers}`)'
    )


def test_a_bad_shard_is_refused_in_portuguese(pt):
    with pytest.raises(UsageError) as info:
        parse_shard("3/2")
    assert info.value.worded(lambda name: "--" + name) == "--shard '3/2': K deve estar entre 1 e N"


def test_an_anonymised_reason_in_portuguese_names_no_line_nor_file(pt, tmp_path):
    person = json.dumps(yaml.safe_load(COHORT[0].read_text(encoding="utf-8")), default=str)
    export = tmp_path / "export.jsonl"
    export.write_text(f"{person}\n{person}\n", encoding="utf-8")
    people, skipped = cohort.load_group([export], load_catalog(), jobs=1)
    assert [s.reason for s in skipped] == [
        f"linha 2: as mesmas respostas de {export}:1; contado uma vez"
    ]
    assert [s.reason for s in cohort.withheld(skipped, people)] == [
        "as mesmas respostas de outra linha; contado uma vez"
    ]


def test_every_document_written_is_said_alike_in_both_languages(tmp_path, monkeypatch):
    from careerpath.output import WRITTEN, written_note

    monkeypatch.chdir(tmp_path)
    where = tmp_path / "x.html"
    english = {kind: written_note(kind, "x.html") for kind in WRITTEN}  # a relative name
    assert english == {
        "plan": f"Plan written to {where}",
        "report": f"Report written to {where}",
        "calendar": f"Calendar written to {where}",
        "compare": f"Comparison written to {where}",
        "cohort": f"Cohort report written to {where}",
        "team": f"Team report written to {where}",
    }
    i18n.use("pt-BR")
    try:
        portuguese = {kind: written_note(kind, "x.html") for kind in WRITTEN}
    finally:
        i18n.use("en")
    assert portuguese["cohort"] == f"Relatório da turma gravado em {where}"
    assert portuguese["compare"] == f"Comparação gravada em {where}"
    assert all(" gravad" in line and not line.startswith(" ") for line in portuguese.values())
