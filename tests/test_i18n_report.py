"""The report and the mentor views in pt-BR (issue 18): the page's language, its headings,
tables, charts and footer in Portuguese, the catalogue's names in Portuguese, dates as
dd/mm/yyyy, and no English heading left; a PDF read back; English untouched by a render in
Portuguese in the same process (the one Jinja environment looks the language up per call)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import tinyhtml5
from click.testing import CliRunner
from conftest import EXAMPLES, require_tool

from careerpath import i18n
from careerpath.cli import cli
from careerpath.render import charts, html

EXAMPLE = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
OTHER = EXAMPLES / "answers" / "data-analyst.yaml"
POSTING = EXAMPLES / "postings" / "ml-engineer-fernhill.md"
DATE = "2027-01-04"
# Headings the templates write, in pt-BR (the glossary of the translation).
REPORT_HEADINGS = [
    "Relatório de carreira",
    "Resumo",
    "As três lacunas mais custosas",
    "Fases do plano",
    "Revisão do(a) mentor(a)",
    "O quanto você está perto de cada papel",
    "Habilidades que abrem mais portas",
    "Você e Engenheiro(a) de Machine Learning",
    "Lacunas, das mais custosas às menos",
    "Seu plano: Engenheiro(a) de Dados → Engenheiro(a) de Machine Learning",
    "Apêndice: suas respostas",
]
# Where the templates put their own words: what must all be Portuguese.
LABELS = ("h1", "h2", "dt", "caption", "figcaption", "title")


@contextlib.contextmanager
def portuguese() -> Iterator[dict[str, str]]:
    """pt-BR for the commands run inside, however the CLI chooses its language (--lang and
    CAREERPATH_LANG, or the library's current language)."""
    i18n.use("pt-BR")
    try:
        yield {"CAREERPATH_LANG": "pt-BR"}
    finally:
        i18n.use("en")


def run(*args: str, env: dict[str, str] | None = None) -> None:
    result = CliRunner().invoke(cli, list(args), env=env)
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)


def render(out: Path, *args: str, lang: str = "pt-BR") -> str:
    if lang == "en":
        run(*args, "-o", str(out), env={"CAREERPATH_LANG": "en"})
    else:
        with portuguese() as env:
            run(*args, "-o", str(out), env=env)
    return out.read_text(encoding="utf-8")


def local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def texts(page: str, *names: str) -> list[str]:
    root = tinyhtml5.parse(page)
    found = []
    for el in root.iter():
        if local(el.tag) in names:
            found.append(" ".join("".join(el.itertext()).replace("\u00ad", "").split()))
    return found


def heads(page: str) -> set[str]:
    """The words the templates write as labels: headings, table headers, captions, terms."""
    root = tinyhtml5.parse(page)
    found = set(texts(page, *LABELS))
    for el in root.iter():
        if local(el.tag) == "thead":
            found |= {
                " ".join("".join(th.itertext()).split())
                for th in el.iter()
                if local(th.tag) == "th"
            }
    return {t for t in found if re.search(r"[A-Za-z]{2}", t)}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("pt")
    report = ["report", "-a", str(EXAMPLE), "--date", DATE]
    return {
        "report": render(tmp / "report.html", *report),
        "report-en": render(tmp / "report-en.html", *report, lang="en"),
        "posting": render(tmp / "posting.html", *report, "--posting", str(POSTING)),
        "cohort": render(tmp / "cohort.html", "cohort", str(EXAMPLE), str(OTHER), "--date", DATE),
        "team": render(tmp / "team.html", "team", str(EXAMPLE), str(OTHER), "--date", DATE),
        "compare": render(
            tmp / "compare.html",
            "compare",
            str(EXAMPLE),
            str(OTHER),
            "--different-people",
            "--date",
            DATE,
        ),
    }


def test_the_report_is_a_portuguese_page(pages):
    page = pages["report"]
    assert '<html lang="pt-BR">' in page
    found = set(texts(page, "h1", "h2", "h3"))
    assert [h for h in REPORT_HEADINGS if h not in found] == []
    # Role names from the catalogue's pt-BR texts, in the ranking and the summary.
    for role in ("Engenheiro(a) de Dados", "Cientista de Dados", "Analista de Negócios"):
        assert role in page
    # Dates as Brazilians write them, in the header, the plan and the stylesheet's footer.
    assert "<dd>04/01/2027</dd>" in page
    assert 'content: "04/01/2027"' in page
    assert 'content: "Página " counter(page) " de " counter(pages)' in page
    assert "a partir de 04/01/2027, a 8 h/semana" in page
    # Decimals with a comma: the phase hours ("76,5–132 h").
    assert re.search(r"\d+,\d–\d", page)


def test_no_english_label_is_left_in_the_report(pages):
    english = heads(pages["report-en"])
    portuguese = heads(pages["report"])
    assert len(english) > 40  # the comparison means something
    # Labels that are the same in both (names: "PyTorch", "careerpath ...") are not English
    # left over; every label of the English page that the Portuguese one still has is.
    same = {t for t in english & portuguese if not re.search(r"\b(the|and|of|your|you)\b", t)}
    left = sorted(english & portuguese - same)
    assert left == []
    assert not [t for t in portuguese if re.search(r"\b(the|your|and|of)\b", t)]


def test_the_charts_speak_portuguese(pages):
    page = pages["report"]
    titles = texts(page, "title")
    assert "Aderência e prontidão por papel" in titles
    assert "Linha do tempo do plano: fases por data" in titles
    assert any(t.startswith("Programação: seus níveis diante dos níveis que") for t in titles)
    legend = texts(page, "text")
    for level in ("0 nenhum", "1 noções", "2 prático", "3 proficiente", "4 especialista"):
        assert level in legend
    for state in ("concluída", "já conhecida", "em estudo", "pulada", "a fazer"):
        assert state in legend
    assert "Plano inteiro" in legend
    assert {"jan", "abr", "jul", "out"} <= set(legend)  # the timeline's months
    assert "aderência 79%, prontidão 94%" in legend
    # A long Portuguese role name is wrapped on two lines, not cut ("…").
    assert "Gerente de Projetos de" in legend and "Machine Learning" in legend
    assert not [t for t in legend if t.endswith("…") and t != "…"]  # "…": a glyph, learning


def test_the_posting_section_in_portuguese(pages):
    page = pages["posting"]
    found = texts(page, "h2", "h3", "dt", "caption")
    assert "Esta vaga: Machine Learning Engineer" in found
    assert "Lacunas para esta vaga, das mais custosas às menos" in found
    assert "Um plano para chegar lá" in found
    assert "Esta vaga" in found
    assert "Papel mais próximo:" in page


@pytest.mark.parametrize(
    ("view", "heading", "sections"),
    [
        ("cohort", "Visão geral da turma", ["O grupo", "Habilidades × pessoas"]),
        ("team", "Cobertura de papéis da equipe", ["Recomendação", "Lado técnico"]),
        ("compare", "Comparação de reavaliação", ["O que mudou", "Habilidades que mudaram"]),
    ],
)
def test_the_mentor_views_in_portuguese(pages, view, heading, sections):
    page = pages[view]
    assert '<html lang="pt-BR">' in page
    assert texts(page, "h1") == [heading]
    found = set(texts(page, "h2", "h3"))
    assert [s for s in sections if s not in found] == []
    assert "<dd>04/01/2027</dd>" in page
    assert f"careerpath {dict(cohort='turma', team='equipe', compare='comparação')[view]}" in page
    assert "Gerado em 04/01/2027 pelo careerpath" in page
    labels = heads(page)
    assert not [t for t in labels if re.search(r"\b(the|of|your|Role|Skill|People)\b", t)]


def test_a_portuguese_render_leaves_english_as_it_was(pages, tmp_path):
    # The same cached environment, after pages in pt-BR: English again, word for word.
    again = render(tmp_path / "again.html", "report", "-a", str(EXAMPLE), "--date", DATE, lang="en")
    assert again == pages["report-en"]
    assert '<html lang="en">' in again and '<h2 id="summary-h">Summary</h2>' in again


def test_numbers_dates_and_labels_follow_the_language():
    day = dt.date(2027, 1, 4)
    assert html.hours(76.5, 132) == "76.5–132 h" and html.fixed(7.849) == "7.8"
    assert html.level_name(2) == "2 working" and html.decimal(2.0) == "2.0"
    with portuguese():
        assert html.hours(76.5, 132) == "76,5–132 h"
        assert html.hours(1207, 1207) == "1.207 h"
        assert html.fixed(7.849) == "7,8" and html.decimal(2.0) == "2,0"
        assert html.level_name(2) == "2 prático" and html.level_name(None) == "desconhecido"
        assert charts._tick_label(day, 1, True) == ["jan", "2027"]
        assert str(html.page_numbers()) == '"Página " counter(page) " de " counter(pages)'
        assert str(html.css_string('a"b</style>')) == '"a\\22 b\\3c /style\\3e "'
    assert str(html.page_numbers()) == '"Page " counter(page) " of " counter(pages)'


def test_headers_hyphenate_in_the_language():
    with portuguese():
        assert "\u00ad" in str(html.hyphenated("Visualização de dados"))
        assert str(html.hyphenated("Visualização")).replace("\u00ad", "") == "Visualização"
    assert str(html.hyphenated("visualisation")) == "vi\u00adsu\u00adal\u00adi\u00adsa\u00adtion"


def test_a_long_name_is_wrapped_whole():
    name = "Gerente de Projetos de Machine Learning"
    assert charts.name_lines(name) == ["Gerente de Projetos de", "Machine Learning"]
    assert charts.name_lines("Data Engineer") == ["Data Engineer"]


@pytest.mark.pdf
def test_the_pdf_in_portuguese_reads_back_in_portuguese(tmp_path):
    pdftotext = require_tool("pdftotext")
    out = tmp_path / "relatorio.pdf"
    with portuguese() as env:
        run("report", "-a", str(EXAMPLE), "--date", DATE, "-o", str(out), env=env)
    text = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.replace("\u00ad", "").split())
    for heading in (
        "Relatório de carreira",
        "Resumo",
        "Revisão do(a) mentor(a)",
        "Apêndice: suas respostas",
    ):
        assert heading in flat
    assert "Página 1 de" in flat and "Engenheiro(a) de Machine Learning" in flat
    assert "Mentor review" not in flat and "Page 1 of" not in flat
    info = subprocess.run(
        [require_tool("pdfinfo"), str(out)], capture_output=True, text=True, check=True
    ).stdout
    assert "Relatório careerpath · Daniel Okafor · 04/01/2027" in info


def test_the_roles_numbers_headers_break_at_soft_hyphens_in_portuguese(pages):
    """The Portuguese headers of the roles' numbers ("Aderência", "Conhecido") are wider than
    their columns: they must carry their own break points, since a browser without
    hyphenation dictionaries (headless Chromium) ignores ``hyphens: auto`` and lets them run
    into each other."""
    root = tinyhtml5.parse(pages["report"])
    table = next(
        el for el in root.iter() if local(el.tag) == "table" and el.get("class") == "roles"
    )
    numbers = [
        "".join(th.itertext())
        for th in table.iter()
        if local(th.tag) == "th" and th.get("class") == "num" and "".join(th.itertext()) != "#"
    ]
    assert len(numbers) == 4
    for header in numbers:
        for word in header.split():
            # No piece between two break points wider than a 5.2em column holds.
            assert max(len(piece) for piece in word.split("\u00ad")) <= 6, header
    # The page's own stylesheet (inlined in it).
    rule = re.search(r"html:lang\(pt\) table\.roles thead th\.num \{([^}]*)\}", pages["report"])
    assert rule and "hyphens: manual" in rule.group(1)


def test_the_walkthroughs_translation_slips_are_gone(pages):
    """'O seu' (a header alone: 'Seu nível'), 'careerpath relatório' (word order), and a
    shortened step's 'de 138–256 h' (read as a range start: 'de um total de')."""
    page = pages["report"]
    heads = texts(page, "th")
    assert "Seu nível" in heads and "O seu" not in heads
    assert "<title>Relatório careerpath" in page and "careerpath relatório" not in page
    assert re.search(r"de um total de \d+(,\d)?–\d+(,\d)? h", page)
    assert not re.search(r">de \d+(,\d)?–\d+(,\d)? h<", page)


def test_a_resource_note_s_full_stop_does_not_run_into_the_list_separator(pages):
    """The notes (where a Portuguese edition exists) end with a full stop; listed, they
    read "(versão pt do curso).; OpenCV"."""
    page = pages["report"]
    assert "versão pt do curso)</span>;" in page
    assert not re.search(r"\.</span>;", page)


def test_a_shortened_steps_full_hours_wrap_inside_their_column(pages):
    """'de um total de 138–256 h' is wider than the hours column: kept on one line by the
    cell's nowrap, it ran into the dates in the PDF ("h04/09/2027"). It wraps between words,
    its range kept whole."""
    page = pages["report"]
    assert re.search(
        r'<span class="muted full-hours">de um total de <span class="nowrap">\d[^<]*h</span>',
        page,
    )
    rule = re.search(r"table\.steps td\.num \.full-hours \{([^}]*)\}", page)
    assert rule and "white-space: normal" in rule.group(1)
