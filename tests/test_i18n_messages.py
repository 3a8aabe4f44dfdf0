"""Messages about bad input in pt-BR: the answers file's and the catalogue's problems, and the
readers' refusals, in Portuguese under pt-BR (still naming the file, the field and the line),
and in English, word for word as before, under en."""

from __future__ import annotations

import datetime as dt
import enum
import re
from pathlib import Path
from typing import Annotated, Literal

import pytest
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from careerpath import i18n
from careerpath.answers import load_answers
from careerpath.catalog import data_dir, load_catalog
from careerpath.document_text import Passage, read_document_text
from careerpath.documents import (
    _PYDANTIC,
    _PYDANTIC_PLURAL,
    _PYDANTIC_SIZE,
    _pydantic_message,
    read_bytes,
)
from careerpath.errors import InputError, NotFoundError
from careerpath.profile import notice

# Words of the English messages that must not be left in a Portuguese one.
ENGLISH = re.compile(
    r"\b(?:Input should|unknown|did you mean|required field|expected|invalid|"
    r"is not|not found|got|ignored|the limit)\b"
)


@pytest.fixture
def pt():
    i18n.use("pt-BR")
    try:
        yield
    finally:
        i18n.use("en")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def messages(path: Path, catalog, *, strict: bool = False) -> list[str]:
    with pytest.raises(InputError) as info:
        load_answers(path, catalog, strict=strict)
    return [str(p) for p in info.value.problems]


BAD_ANSWERS = (
    "persn: {}\n"  # a misspelt key
    "person:\n"
    "  hours_per_week: 0.5\n"  # below the bound of 1
    "skills:\n"
    "  sql: 9\n"  # a level above 4
    "  python: {evidence: notebooks}\n"  # a mapping without its level
    "progress:\n"
    "  some-step: {status: finished}\n"  # not one of the statuses
)


# What each line of BAD_ANSWERS gives, in each language: English word for word as before.
EXPECTED = {
    "pt-BR": [
        '1: persn: chave desconhecida; você quis dizer "person"?',
        "3: person.hours_per_week: O valor deve ser maior ou igual a 1 (recebido: 0.5)",
        "5: skills.sql: um nível deve ser um número inteiro de 0 a 4 ou o nome de um nível "
        "(nenhum, noções, prático, proficiente, especialista, none, aware, working, "
        "proficient, expert), ou um mapeamento com 'level' (recebido: 9)",
        "6: skills.python.level: falta um campo obrigatório",
        "8: progress.some-step.status: O valor deve ser 'todo', 'learning', 'done' ou "
        "'skipped' (recebido: 'finished')",
    ],
    "en": [
        '1: persn: unknown key; did you mean "person"?',
        "3: person.hours_per_week: Input should be greater than or equal to 1 (got 0.5)",
        "5: skills.sql: a level must be a whole number from 0 to 4 or a level's name (none, "
        "aware, working, proficient, expert), or a mapping with 'level' (got 9)",
        "6: skills.python.level: required field is missing",
        "8: progress.some-step.status: Input should be 'todo', 'learning', 'done' or "
        "'skipped' (got 'finished')",
    ],
}


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_an_answers_files_problems_in_each_language(tmp_path, catalog, lang):
    path = write(tmp_path, "a.yaml", BAD_ANSWERS)
    i18n.use(lang)
    try:
        found = messages(path, catalog)
    finally:
        i18n.use("en")
    assert found == [f"{path}:{line}" for line in EXPECTED[lang]]


def test_a_malformed_answers_file_in_portuguese(tmp_path, catalog, pt):
    path = write(tmp_path, "a.yaml", "skills:\n  sql: 2\n   python: [3\n")
    [message] = messages(path, catalog)
    assert message == (
        f"{path}:3: YAML inválido: 'chave: valor' inesperado aqui: verifique se esta linha tem "
        "a mesma indentação das linhas acima, ou coloque entre aspas um valor que contenha ': '"
    )
    path = write(tmp_path, "q.yaml", 'skills:\n  sql: {level: 2, evidence: "x}\n  python: 3\n')
    assert messages(path, catalog) == [
        f"{path}:2: YAML inválido: as aspas '\"' abertas nesta linha nunca são fechadas: feche-as"
    ]
    path = write(tmp_path, "b.json", '{"skills": {"sql": 2,}}')
    [message] = messages(path, catalog)
    assert message.startswith(f"{path}:1: JSON inválido: ")
    path = write(tmp_path, "c.yaml", "skills: &a {sql: 2}\nmore: *a\n")
    assert messages(path, catalog) == [
        f"{path}:1: âncoras e aliases YAML (& e *) não são permitidos; escreva o valor por extenso"
    ]
    path = write(tmp_path, "d.yaml", "- sql\n- python\n")
    [message] = messages(path, catalog)
    assert message == (
        f"{path}:1: esperava um mapeamento (schema_version, person, skills) no nível principal, "
        "mas encontrou uma lista"
    )


def test_names_the_catalogue_does_not_know_in_portuguese(tmp_path, catalog, pt):
    path = write(
        tmp_path,
        "a.yaml",
        "person: {target_role: data sceintist}\nskills: {pyhton: 2, sql: 2, SQL: 3}\n",
    )
    [role] = messages(path, catalog)
    roles = ", ".join(f"{r.name} ({r.id})" for r in catalog.roles.values())
    assert role == (
        f'{path}:1: person.target_role: papel "data sceintist" desconhecido; '
        f'você quis dizer "Data Scientist"? (papéis: {roles})'
    )
    path = write(tmp_path, "b.yaml", "skills:\n  pyhton: 2\n  sql: 2\n  SQL: 3\n")
    profile = load_answers(path, catalog)
    assert [notice(p) for p in profile.notices] == [
        f'{path}:2: skills.pyhton: habilidade desconhecida; você quis dizer "Python"? (ignorado)',
        f'{path}:4: skills.SQL: é a mesma habilidade, SQL, que "sql"; vale o nível mais alto',
    ]
    with pytest.raises(InputError) as info:
        load_answers(path, catalog, strict=True)
    assert str(info.value.problems[0]).endswith(
        'habilidade desconhecida; você quis dizer "Python"?'
    )


def test_a_missing_answers_file_in_portuguese(tmp_path, catalog, pt):
    [message] = messages(tmp_path / "nowhere.yaml", catalog)
    assert message.startswith(f"{tmp_path / 'nowhere.yaml'}: arquivo não encontrado; crie um")
    assert not ENGLISH.search(message.split(": ", 1)[1])


def test_lookups_in_the_catalogue_in_portuguese(catalog, pt):
    with pytest.raises(NotFoundError, match='papel "data sceintist" desconhecido; você quis'):
        catalog.role("data sceintist")
    with pytest.raises(NotFoundError, match='habilidade "pyhton" desconhecida; você quis'):
        catalog.skill("pyhton")
    with pytest.raises(NotFoundError, match=r'roadmap "nope" desconhecido \(veja'):
        catalog.roadmap("nope")


def test_catalogue_problems_in_portuguese(data_copy, pt):
    role = data_copy / "roles" / "data-analyst.yaml"
    text = role.read_text(encoding="utf-8")
    role.write_text(text.replace("family:", "famly:", 1), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_catalog(data_copy)
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("family:")))
    name = "data/roles/data-analyst.yaml"
    found = [str(p) for p in info.value.problems]
    assert f"{name}:1: family: falta um campo obrigatório" in found
    assert f'{name}:{line + 1}: famly: chave desconhecida; você quis dizer "family"?' in found
    # What follows from the role's absence (its roadmaps, their translations) too.
    assert len(found) > 2
    assert not [m for m in found if ENGLISH.search(m.split(": ", 1)[1])]


def test_numbers_in_messages_follow_the_language(tmp_path, pt):
    big = tmp_path / "big.yaml"
    with big.open("wb") as f:
        f.truncate(6 * 2**20)
    with pytest.raises(InputError) as info:
        read_bytes(big)
    assert str(info.value).endswith("é grande demais (6,3 MB; o limite é 5 MB)")
    assert Passage("x", 14, 2).where() == "página 2, linha 14"


def test_document_refusals_in_portuguese(tmp_path, pt):
    doc = write(tmp_path, "cv.doc", "anything")
    with pytest.raises(InputError) as info:
        read_document_text(doc)
    assert str(info.value) == (
        f"{doc}: é um documento antigo do Word (.doc); salve-o como PDF, DOCX ou texto simples "
        "e use esse"
    )
    empty = write(tmp_path, "cv.txt", "\n\n")
    with pytest.raises(InputError, match="não tem texto: está vazio"):
        read_document_text(empty)


class _Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, allow_inf_nan=False)

    gt: int = Field(default=5, gt=1)
    ge: float = Field(default=5, ge=0.5)
    lt: int = Field(default=0, lt=1)
    le: float = Field(default=0, le=400)
    finite: float = 0
    text: str = ""
    pattern: Annotated[str, StringConstraints(pattern=r"^[a-z]+$")] = "a"
    choice: Literal["zero", "unknown"] = "zero"
    mapping: dict[str, int] = Field(default_factory=dict)
    flag: bool = False
    whole: int = 0
    number: float = 0
    day: dt.date = dt.date(2026, 1, 1)
    short: Annotated[str, StringConstraints(min_length=2)] = "ab"
    one: Annotated[str, StringConstraints(min_length=1)] = "a"
    long: Annotated[str, StringConstraints(max_length=1)] = "a"
    items: list[int] = Field(default=[1, 2], min_length=2)
    item: list[int] = Field(default=[1], max_length=1)
    many: list[int] = Field(default=[1], max_length=2)
    entries: dict[str, int] = Field(default={"a": 1}, min_length=1)
    entry: dict[str, int] = Field(default={}, max_length=1)


class _Lax(BaseModel):
    whole: int = 0
    colour: _Colour = _Colour.RED


def test_our_words_for_pydantics_errors_are_pydantics_in_english():
    bad = {
        **{"gt": 1, "ge": 0.25, "lt": 1, "le": 401, "finite": float("inf"), "text": 3},
        **{"pattern": "A", "choice": "some", "mapping": [], "flag": "yes"},
        **{"whole": "1", "number": "1", "day": "2026-01-01", "short": "a", "one": ""},
        **{"long": "ab", "items": [1], "item": [1, 2, 3], "entries": {}, "entry": {"a": 1, "b": 2}},
    }
    with pytest.raises(ValidationError) as strict:
        _Strict.model_validate(bad)
    with pytest.raises(ValidationError) as lax:
        _Lax.model_validate({"whole": 1.5, "colour": "green"})
    errors = [*strict.value.errors(include_url=False), *lax.value.errors(include_url=False)]
    for err in errors:
        assert _pydantic_message(err) == err["msg"], err["type"]
    kinds = {err["type"] for err in errors}
    sizes = {
        (
            err["type"],
            err["ctx"]["field_type"],
            *(() if err["ctx"]["actual_length"] is not None else ("more",)),
        )
        for err in errors
        if "field_type" in err.get("ctx", {})
    }
    assert set(_PYDANTIC) <= kinds
    assert set(_PYDANTIC_PLURAL) <= kinds
    assert set(_PYDANTIC_SIZE) <= sizes


def test_a_setting_named_in_a_portuguese_message_is_spelt_by_the_caller(tmp_path, pt):
    with pytest.raises(InputError) as info:
        data_dir(tmp_path / "nowhere")
    flag = info.value.worded(lambda name: "--" + name.replace("_", "-"))
    assert (
        flag
        == f"{tmp_path / 'nowhere'}: pasta do catálogo não encontrada (indicada por --data-dir)"
    )
    assert str(info.value).endswith("(indicada por data_dir)")
