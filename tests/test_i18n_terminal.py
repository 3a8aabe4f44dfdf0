"""The terminal's views and the questionnaire in pt-BR: the text assessment and the plan of
examples/answers/data-engineer-to-ml.yaml, and a scripted questionnaire, show Portuguese
headings, prompts, level names, role names, "h/semana" and dates as dd/mm/aaaa, and no
sentence of these modules is left in English. (English is the goldens' job: test_golden.py.)"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from conftest import DATA, ROOT
from test_questionnaire import Script

import careerpath.questionnaire as q
from careerpath import adaptive, i18n, terminal
from careerpath.answers import load_answers
from careerpath.catalog import load_catalog
from careerpath.models import LEVEL_NAMES
from careerpath.planner import build_plan
from careerpath.scoring import assess

ANSWERS = ROOT / "examples" / "answers" / "data-engineer-to-ml.yaml"
SRC = ROOT / "src" / "careerpath"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


@pytest.fixture
def pt_br():
    i18n.use("pt-BR")
    yield load_catalog(DATA)
    i18n.use(i18n.DEFAULT)


def flat(text: str) -> str:
    # Wrapped lines joined again; the no-break space of "8 h/semana" is a space too.
    return " ".join(text.replace("\u00a0", " ").split())


def english_pieces(*modules: str) -> list[str]:
    """The English text of every message these modules mark, cut at their placeholders:
    each piece of two words or more must not appear in a Portuguese view."""
    pieces = set()
    for module in modules:
        for _line, message, _comments, _context in extract_from_file("python", SRC / module):
            for msgid in message if isinstance(message, tuple) else (message,):
                for piece in PLACEHOLDER.split(msgid):
                    piece = flat(piece).strip(" ,;:.()[]-")
                    if len(piece.split()) >= 2:
                        pieces.add(piece)
    return sorted(pieces)


def left_in_english(text: str, *modules: str) -> list[str]:
    shown = flat(text)
    return [piece for piece in english_pieces(*modules) if piece in shown]


def assessment_and_plan(catalog) -> tuple[str, str]:
    profile = load_answers(ANSWERS, catalog)
    result = assess(profile, catalog, "ml-engineer")
    plan = build_plan(profile, catalog, "ml-engineer", start=dt.date(2027, 1, 4))
    return terminal.assessment_text(result, catalog), terminal.plan_text(plan, catalog)


def test_the_pieces_checked_are_the_modules_english_sentences():
    # The check below is only as good as this list: it holds the views' real sentences.
    pieces = english_pieces("terminal.py")
    assert "Skills that open the most doors (one level up raises these roles' readiness" in pieces
    assert "All durations are estimates; adjust them with --hours-per-week and --start" in pieces


def test_the_assessment_in_portuguese(pt_br):
    text, _plan = assessment_and_plan(pt_br)
    assert text.startswith("Aderência aos papéis (89 de 92 habilidades avaliadas, 92 conhecidas")
    assert "As 3 habilidades que seu arquivo não lista contam como nível 0" in flat(text)
    for heading in ("papel", "aderência", "prontidão", "conhecido", "sustentado por"):
        assert heading in text.splitlines()[text.splitlines().index("") + 1]
    assert "Habilidades que abrem mais portas" in text
    assert re.search(r"\(2 -> 3\): 9 papéis, \+10,0 pontos no total", text)  # decimal comma
    assert "Lacunas para Engenheiro(a) de Machine Learning (aderência 39%" in flat(text)
    assert "Cientista de Dados" in text and "Data Scientist" not in text  # the catalogue's names
    assert " sim " in text  # essential: yes
    assert left_in_english(text, "terminal.py") == []


def test_one_known_skill_is_singular_in_portuguese(pt_br, tmp_path: Path):
    """ "1 de 92 habilidades avaliadas, 1 conhecidas" and "só 1 de 92 habilidades têm nível
    conhecido": the count of known skills agrees with itself, not with the 92."""
    path = tmp_path / "a.yaml"
    path.write_text("unlisted: unknown\nskills:\n  python: 2\n", encoding="utf-8")
    result = assess(load_answers(path, pt_br), pt_br)
    assert "(1 de 92 habilidades avaliadas, 1 conhecida; catálogo" in flat(
        terminal.assessment_text(result, pt_br)
    )
    [few] = [w.message for w in result.warnings if w.code == "few-answers"]
    assert few.startswith("só 1 de 92 habilidades tem nível conhecido;")


def test_the_plan_in_portuguese(pt_br):
    _text, plan = assessment_and_plan(pt_br)
    shown = flat(plan)
    assert (
        "De Engenheiro(a) de Dados para Engenheiro(a) de Machine Learning, começando em "
        "04/01/2027, a 8 h/semana." in shown
    )
    assert "término entre 18/09/2028 e 26/11/2029" in shown
    assert "Fase 1: Fortaleça os fundamentos de ML e IA (80–137,5 h; 04/01/2027 a 08/04/2027" in (
        shown
    )
    assert "Objetivo: " in plan and "ensina: " in plan and "(encurtada, opcional)" in plan
    assert "(livro)" in plan and "(documentação)" in plan  # resource kinds
    # A resource keeps its title and shows the note on its Portuguese version.
    assert "Disponível em português em pt.khanacademy.org." in plan
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", plan)  # every date as dd/mm/aaaa
    assert "Todas as durações são estimativas" in plan
    assert left_in_english(plan, "terminal.py") == []


def test_english_stays_english_after_portuguese(pt_br):
    # The language is looked up when a view is made, not when the module was imported.
    i18n.use(i18n.DEFAULT)
    text, plan = assessment_and_plan(load_catalog(DATA))
    assert text.startswith("Role match (89 of 92 skills rated")
    assert "starting 2027-01-04 at 8 h/week." in flat(plan)
    assert terminal.level_label(4) == "expert"
    # And the check the Portuguese tests rely on finds English where there is some.
    assert {"Role match", "costliest gaps"} <= set(left_in_english(text, "terminal.py"))


@pytest.mark.parametrize("columns", [60, 80])
def test_portuguese_views_fit_narrow_terminals(pt_br, monkeypatch, columns):
    monkeypatch.setattr(terminal, "width", lambda stream=None: columns)
    for view in assessment_and_plan(pt_br):
        for line in view.splitlines():
            # Only a single word longer than the line (a URL) may run past it.
            assert len(line) <= columns or len(line.split()) == 1 or "http" in line, line


def test_level_names_are_shown_translated_and_kept_as_ids(pt_br):
    assert terminal.level_names() == ["nenhum", "noções", "prático", "proficiente", "especialista"]
    assert LEVEL_NAMES == ("none", "aware", "working", "proficient", "expert")  # ids, unchanged
    detail = terminal.skill_detail(pt_br, pt_br.skills["python"])
    assert "  4 especialista Projeta" in detail
    assert "Também" in detail or "também chamado de:" in detail


def test_the_catalogue_listings_in_portuguese(pt_br):
    roles = terminal.roles_table(pt_br)
    assert roles.startswith("9 papéis em ")
    assert "nome" in roles and "família" in roles and "técnico" in roles
    detail = terminal.role_detail(pt_br, pt_br.roles["ml-engineer"])
    assert "Responsabilidades:" in detail and "Perfil de habilidades" in detail
    assert "3 proficiente" in detail
    roadmaps = terminal.roadmaps_table(pt_br)
    assert "fases" in roadmaps and "etapas" in roadmaps
    for view in (roles, detail, roadmaps):
        assert left_in_english(view, "terminal.py") == []


def test_the_questionnaire_in_portuguese(pt_br, tmp_path: Path):
    session = q.Session.start(pt_br, tmp_path / "a.yaml")
    # Name, current role, target role, a bad number of hours, hours, start date; then a
    # level, more detail, Enter alone, nonsense, a level out of range, the review, a skip, quit.
    asker = Script("Ana", "4", "6", "x", "8", "2027-01-04", "2", "?", "", "abc", "7", "r", "")
    asker.answers += ["s", "q"]
    assert q.interview(session, asker) is False
    said = "\n".join(asker.said)
    prompts = "\n".join(asker.prompts)
    assert "Primeiro, algumas perguntas sobre você" in said
    assert "4. Cientista de Dados" in said and "10. outro" in said
    assert "digite um número de horas, por exemplo 6" in said
    assert "Pergunta 1 de 92 (faltam cerca de" in said
    for level in ("0 nenhum", "1 noções", "2 prático", "3 proficiente", "4 especialista"):
        assert f"  {level} " in said
    assert "Seu nível [0-4, p pular, v voltar, r revisar, ? mais, q salvar e sair]" in prompts
    assert "Seu nome (opcional)" in prompts and "Data de início [" in prompts
    assert "Mudar uma resposta? [número da pergunta 1-92" in flat(prompts)
    assert "'abc' não foi entendido" in said and "7 não é um nível" in said
    assert "pulada (registrada como desconhecida)" in said
    assert "Questionário parado (saída pedida). 2 de 92 perguntas feitas até agora" in flat(said)
    assert "Retome com:  careerpath assess --resume " in said  # the command itself stays
    assert left_in_english(said + "\n" + prompts, "questionnaire.py", "terminal.py") == []
    # The saved file is the same in every language: ids and numbers.
    text = (tmp_path / "a.yaml").read_text(encoding="utf-8")
    assert "current_role: data-scientist" in text and "python:" in text


def test_the_questionnaire_ends_with_the_next_steps_in_portuguese(pt_br, tmp_path: Path):
    session = q.Session.start(pt_br, tmp_path / "a.yaml")
    levels = ["1"] * len(pt_br.skills)
    asker = Script("Ana", "4", "", "", "", *levels, "")
    assert q.interview(session, asker) is True
    said = "\n".join(asker.said)
    assert "Pronto: todas as 92 perguntas feitas." in said
    # Not "{category} concluída": a masculine category ("Fundamentos de ML") read wrong.
    assert "-- Categoria concluída: Programação. Faltam " in said
    # The next steps follow the ranking (`assess` prints them last), with a target named.
    profile = load_answers(session.path, pt_br)
    steps = q.next_steps(session.path, profile, assess(profile, pt_br))
    assert steps[0].startswith("Próximo passo: careerpath plan --answers ")
    assert "--target " in steps[0] and steps[1].startswith("  ou: careerpath report")
    assert "é o seu papel mais próximo" in steps[2]
    assert left_in_english("\n".join([said, *steps]), "questionnaire.py") == []


def test_the_blank_answers_file_in_portuguese_is_the_same_yaml(pt_br):
    import yaml

    text = q.template(pt_br)
    assert text.startswith("# autoavaliação do careerpath\n")
    assert "#   4 especialista: " in text
    # The example and the placeholder in Portuguese, not "THIS_FILE" and English evidence.
    assert '#   spark: {level: 3, evidence: "Montei o ETL noturno em Spark", interest: 2}' in text
    assert "careerpath assess --answers ESTE_ARQUIVO" in text and "THIS_FILE" not in text
    i18n.use(i18n.DEFAULT)
    english = q.template(load_catalog(DATA))
    assert yaml.safe_load(text) == yaml.safe_load(english)  # only the comments differ


def test_the_adaptive_stop_message_in_portuguese(pt_br):
    message = adaptive.stop_message("settled", 40, 92)
    assert message == "seus três papéis principais estão definidos; 40 de 92 perguntas feitas"
    assert q.adaptive_progress(pt_br, 3, 92).startswith("em geral cerca de ")


def test_a_role_takes_its_article_as_the_language_writes_it(pt_br):
    from careerpath.planner import someone

    assert someone("Engenheiro(a) de MLOps") == "um(a) Engenheiro(a) de MLOps"
    i18n.use(i18n.DEFAULT)
    assert someone("MLOps Engineer") == "an MLOps Engineer"


@pytest.mark.parametrize("columns", [60, 80])
def test_the_portuguese_questionnaire_fits_narrow_terminals(pt_br, tmp_path, monkeypatch, columns):
    monkeypatch.setattr(terminal, "width", lambda stream=None: columns)
    session = q.Session.start(pt_br, tmp_path / "s.yaml")
    asker = Script("Ana", "4", "6", "8", "2027-01-04", "2", "?", "", "abc", "7", "r", "", "s", "q")
    assert q.interview(session, asker) is False
    # Lines that hold a path or a command stay whole to be copied; everything else fits.
    whole = ("Suas respostas são salvas em", "Tudo salvo em", "Retome com:")
    said = "\n".join(asker.said).splitlines()
    assert max(len(line) for line in said if not line.startswith(whole)) <= columns
    assert max(len(line) for p in asker.prompts for line in p.splitlines()) <= columns - 2


def test_the_question_keys_in_portuguese_and_english_keys_still_work(pt_br, tmp_path: Path):
    """pt-BR: p pular and v voltar (s read as "sim"); s and b work as well."""
    session = q.Session.start(pt_br, tmp_path / "a.yaml")
    person = ["Ana", "4", "6", "8", "2027-01-04"]
    # p skips question 1, 2 answers question 2, v goes back to 2, s skips it, then quit.
    asker = Script(*person, "p", "2", "v", "s", "b", "b", "q")
    assert q.interview(session, asker) is False
    said = flat("\n".join(asker.said))
    assert said.count("pulada (registrada como desconhecida)") == 2
    first, second = session.order[:2]
    assert session.asked_levels() == {first: None, second: None}
    prompts = "\n".join(asker.prompts)
    assert "Seu nível [Enter mantém p, 0-4, p pular, v voltar" in flat(prompts)


@pytest.mark.parametrize("lang", i18n.SUPPORTED)
def test_the_keys_of_one_prompt_differ_in_every_language(lang):
    """A translated key must not be another command's English key (accepted everywhere)."""
    i18n.use(lang)
    try:
        for group in (q.QUESTION_KEYS, q.CONTINUE_KEYS):
            english = [k.split("|")[0] for k in group]
            shown = [q.key(k) for k in group]
            assert len(set(shown)) == len(shown)
            for mine, marked in zip(shown, group, strict=True):
                others = [e for e, k in zip(english, group, strict=True) if k != marked]
                assert mine not in others and mine not in "01234?", (lang, mine)
    finally:
        i18n.use(i18n.DEFAULT)


def test_more_detail_does_not_list_the_skills_own_name_among_its_aliases(pt_br, tmp_path: Path):
    """pt-BR's aliases end with the English name, often the pt-BR name itself ("Python")."""
    session = q.Session.start(pt_br, tmp_path / "a.yaml")
    index = session.order.index("python")
    asker = Script()
    q.more_detail(session, asker, index)
    said = flat("\n".join(asker.said))
    found = re.search(r"Também chamada de: (.*?)\.(?: |$)", said)
    assert found, said
    aliases = found.group(1).split(", ")
    assert "py" in aliases and "Python" not in aliases


def test_no_phase_is_left_named_in_english(pt_br):
    """ "Soft skills" was the one English phase name in pt-BR's roadmaps."""
    titles = [phase.title for rm in pt_br.roadmaps.values() for phase in rm.phases]
    assert titles and [t for t in titles if t.lower().startswith("soft skills")] == []


@pytest.mark.parametrize("columns", [60, 70, 80])
def test_a_question_header_keeps_its_category_whole(pt_br, tmp_path, monkeypatch, columns):
    """'... no máximo 92) · Engenharia de' then 'software' alone: the category moves whole."""
    monkeypatch.setattr(terminal, "width", lambda stream=None: columns)
    session = q.Session.start(pt_br, tmp_path / "a.yaml")
    index = next(i for i, s in enumerate(session.order) if s == "software-engineering")
    category = pt_br.categories[pt_br.skills["software-engineering"].category].name
    assert " " in category
    header = "Pergunta 19 (em geral cerca de 51 ao todo, no máximo 92) · " + q.unbroken(category)
    for given in (None, header):
        asker = Script()
        q.show_question(session, asker, index, given)
        lines = asker.said[1].splitlines()
        assert "\u00a0" not in asker.said[1]
        assert any(line.endswith(category) for line in lines), lines
        assert all(len(line) <= columns for line in lines)


def test_a_wrapped_resource_lines_up_with_its_text_not_its_bullet(pt_br):
    _, plan = assessment_and_plan(pt_br)
    lines = plan.splitlines()
    urls = [line for line in lines if line.lstrip().startswith("https://")]
    assert urls  # some resource wrapped to its own line
    # ... but for one too long for that indent: as far left as it must go to fit, whole.
    lined_up = [line for line in urls if line.startswith("        https://")]
    assert lined_up and all(
        (len(line) <= terminal.WIDTH or line == line.lstrip())
        and len(line.strip()) + 8 > terminal.WIDTH
        for line in urls
        if line not in lined_up
    ), urls


def test_a_roadmaps_catalogue_hours_are_the_steps_not_yours_in_portuguese(pt_br):
    """`roadmaps show` takes no answers file, yet its pt-BR note said the catalogue's hours
    were "para as suas habilidades" (for your skills): they are the step's skills'."""
    note = i18n._(
        "{hours}: the catalogue's hours for its skills, above the {curated} its authors give"
    )
    assert "habilidades que a etapa ensina" in note and "suas" not in note


def test_a_note_goes_on_in_lower_case_after_its_label_in_portuguese(pt_br, tmp_path: Path):
    """'Observação: O plano começa ...': after a colon Portuguese goes on in lower case (a name
    keeps its capital). The planner's notes are whole sentences (the report shows them alone,
    capitalised); the label's line is where they go on in lower case."""
    from careerpath.models import Answers, Person
    from careerpath.profile import Profile

    day = dt.date(2026, 12, 3)
    levels = {"sql": 3, "python": 1, "statistics": 1}
    plans = []
    # A stale start date, gaps no step teaches, skills not answered, a start role inferred,
    # and a start role that is the target (a generated plan): every kind of note.
    for person, target in (
        ({"current_role": "data-analyst", "start_date": dt.date(2025, 1, 1)}, "data-scientist"),
        ({}, "data-scientist"),
        ({}, "data-analyst"),
        ({"current_role": "data-analyst"}, "data-analyst"),
        ({"current_role": "data-analyst"}, "ml-researcher"),
    ):
        person_ = Person(**person)
        built = Profile(Answers(person=person_), levels, rated=frozenset(levels))
        plans.append(build_plan(built, pt_br, target, today=day))
    notes = [n for p in plans for n in p.notes]
    assert len({n.split()[0] for n in notes}) >= 4, notes  # so many kinds of note
    for plan in plans:
        shown = terminal.plan_text(plan, pt_br)
        for note in plan.notes:
            assert note[0].isupper(), note  # a sentence of its own, as the report shows it
            assert flat(f"Observação: {note[0].lower()}{note[1:]}") in flat(shown)
        assert not re.search(r"Observação: [A-ZÁÉÍÓÚÂÊÔÃÕÇ]", shown), shown
    i18n.use(i18n.DEFAULT)
    en = load_catalog(DATA)
    stale = Person(current_role="data-analyst", start_date=dt.date(2025, 1, 1))
    built = Profile(Answers(person=stale), levels, rated=frozenset(levels))
    english = terminal.plan_text(build_plan(built, en, "data-scientist", today=day), en)
    assert "Note: The plan starts on 2025-01-01" in flat(english)  # English keeps its capital
