"""What careerpath changes in WeasyPrint 70 for speed, and that the PDF stays right: the SVG
charts' labels drawn a line at a time (render.svg_text), where WeasyPrint draws them a letter
at a time, in the same place and read as whole words, text that SVG places letter by letter
still drawn by WeasyPrint; no style computed for pseudo-elements no element has
(render.user_agent), lists keeping their markers; the HTML parser's patterns built once
(render.html_parse), the tree it builds the same; other versions left alone."""

from __future__ import annotations

import importlib
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
import tinyhtml5
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT, require_tool

from careerpath.cli import cli
from careerpath.render import html_parse, svg_text, user_agent, weasyprint_internals
from careerpath.render import pdf as pdf_render

pytestmark = pytest.mark.pdf

LABEL = "Model serving and APIs"
# One CSS pixel is 0.75 pt; the SVG's user unit is one pixel (width = viewBox width).
PT = 0.75
XHTML = "http://www.w3.org/1999/xhtml"


def page(svg_body: str) -> str:
    return (
        "<!doctype html><html><head><style>@page { size: 300px 120px; margin: 0 }"
        " body { margin: 0 } svg { display: block }</style></head><body>"
        '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120">'
        f"{svg_body}</svg></body></html>"
    )


def _bbox(pdf: Path) -> str:
    """pdftotext's words with their boxes, in pt."""
    return subprocess.run(
        [require_tool("pdftotext"), "-bbox", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def lines(pdf: Path) -> dict[float, tuple[str, float, float]]:
    """Each line of text by its baseline's height: (its words, left edge, right edge) in pt."""
    out = _bbox(pdf)
    found: dict[float, list[tuple[float, float, str]]] = {}
    pattern = r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    for x_min, x_max, y_max, word in re.findall(pattern, out):
        found.setdefault(round(float(y_max)), []).append((float(x_min), float(x_max), word))
    return {
        y: (
            " ".join(w for _, _, w in sorted(words)),
            min(w[0] for w in words),
            max(w[1] for w in words),
        )
        for y, words in found.items()
    }


def test_labels_are_whole_words_where_their_anchor_puts_them(tmp_path):
    pdf = tmp_path / "anchors.pdf"
    pdf.write_bytes(
        pdf_render.pdf_bytes(
            page(
                f'<text x="150" y="30" font-size="12">{LABEL}</text>'
                f'<text x="150" y="60" font-size="12" text-anchor="middle">{LABEL}</text>'
                f'<text x="150" y="90" font-size="12" text-anchor="end">{LABEL}</text>'
            ),
            title="anchors",
        )
    )
    (start, middle, end) = (lines(pdf)[y] for y in sorted(lines(pdf)))
    anchor = 150 * PT
    assert start[0] == middle[0] == end[0] == LABEL
    assert start[1] == pytest.approx(anchor, abs=1)
    assert (middle[1] + middle[2]) / 2 == pytest.approx(anchor, abs=1)
    assert end[2] == pytest.approx(anchor, abs=1)
    # As wide as the same words in the same font laid out as one line.
    assert start[2] - start[1] == pytest.approx(end[2] - end[1], abs=0.5)


def test_a_label_is_one_pango_layout_not_one_per_letter(monkeypatch):
    """What made the charts costly: WeasyPrint lays out (and draws) each letter on its own,
    twenty-odd layouts for a label like this one; it is now one."""
    from weasyprint.text import line_break

    layouts: list[str] = []
    real = line_break.split_first_line

    def counting(text, *args, **kwargs):  # type: ignore[no-untyped-def]
        layouts.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(line_break, "split_first_line", counting)
    pdf_render.pdf_bytes(page(f'<text x="10" y="30" font-size="12">{LABEL}</text>'), title="one")
    assert [t for t in layouts if t.strip()] == [LABEL]


def test_text_placed_letter_by_letter_is_left_to_weasyprint(monkeypatch, tmp_path):
    assert svg_text.install()
    drawn_by_weasyprint: list[str] = []
    stock = svg_text._stock

    def spy(svg, node, font_size):  # type: ignore[no-untyped-def]
        drawn_by_weasyprint.append(node.text)
        stock(svg, node, font_size)

    monkeypatch.setattr(svg_text, "_stock", spy)
    pdf = tmp_path / "letters.pdf"
    pdf.write_bytes(
        pdf_render.pdf_bytes(
            page(
                '<text x="10" y="20">whole</text>'
                '<text x="10 40 70" y="50">abc</text>'
                '<text x="10" y="80" dx="0 30">de</text>'
                '<text x="10" y="110" letter-spacing="20">fg</text>'
            ),
            title="letters",
        )
    )
    assert drawn_by_weasyprint == ["abc", "de", "fg"]
    # The positioned letters are where their x list puts them: three words, 30 px apart.
    a, b, c = (float(x) for x in re.findall(r'xMin="([\d.]+)"[^>]*>[abc]</word>', _bbox(pdf)))
    assert b - a == pytest.approx(30 * PT, abs=0.5) and c - b == pytest.approx(30 * PT, abs=0.5)


def test_styles_are_computed_for_no_pseudo_element_an_element_does_not_have(monkeypatch):
    """WeasyPrint's own stylesheet has each element styled as a marker, a footnote call and
    marker and a note call, marker and callback: six styles computed per element, none used."""
    from weasyprint import css

    pseudo: list[tuple[str, str]] = []
    real = css.StyleFor.set_computed_styles

    def counting(self, element, parent, root=None, pseudo_type=None, **kwargs):  # type: ignore[no-untyped-def]
        if pseudo_type and isinstance(getattr(element, "tag", None), str):
            pseudo.append((element.tag, pseudo_type))
        return real(self, element, parent, root=root, pseudo_type=pseudo_type, **kwargs)

    monkeypatch.setattr(css.StyleFor, "set_computed_styles", counting)
    pdf_render.pdf_bytes(
        "<!doctype html><html><body><h1>Title</h1><p>A <strong>short</strong> text.</p>"
        "<table><tr><th>a</th><td>b</td></tr></table><ul><li>one</li><li>two</li></ul>"
        "</body></html>",
        title="styles",
    )
    assert sorted(pseudo) == [("li", "marker"), ("li", "marker")]


def test_lists_keep_their_markers(tmp_path):
    pdf = tmp_path / "lists.pdf"
    pdf.write_bytes(
        pdf_render.pdf_bytes(
            "<!doctype html><html><body><ul><li>one</li></ul><ol><li>two</li><li>three</li></ol>"
            "</body></html>",
            title="lists",
        )
    )
    text = subprocess.run(
        [require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert [line.split() for line in text.splitlines() if line.strip()] == [
        ["•", "one"],
        ["1.", "two"],
        ["2.", "three"],
    ]


@pytest.fixture(scope="module")
def report_pages(tmp_path_factory) -> list[str]:
    """The example report's HTML, and a report of hostile answers (markup in every field)."""
    pages = []
    for answers in (
        EXAMPLES / "answers" / "data-engineer-to-ml.yaml",
        ROOT / "tests" / "fixtures" / "hostile.yaml",
    ):
        out = tmp_path_factory.mktemp("html") / "report.html"
        done = CliRunner().invoke(cli, ["report", "--answers", str(answers), "-o", str(out)])
        assert done.exit_code == 0, done.output
        pages.append(out.read_text(encoding="utf-8"))
    return pages


def test_the_html_parser_builds_each_scanning_pattern_once(monkeypatch, report_pages):
    assert html_parse.install()
    tinyhtml5.parse(report_pages[0])
    compiled: list[str] = []
    real = re.compile

    def counting(pattern, *args):  # type: ignore[no-untyped-def]
        compiled.append(pattern)
        return real(pattern, *args)

    monkeypatch.setattr(re, "compile", counting)
    tinyhtml5.parse(report_pages[0])
    assert compiled == []


def test_the_html_parser_builds_the_same_tree_with_its_cache_working(monkeypatch, report_pages):
    stream = importlib.import_module("tinyhtml5.inputstream")

    def tree(page: str) -> bytes:
        return ElementTree.tostring(tinyhtml5.parse(page, namespace_html_elements=False))

    monkeypatch.setattr(stream, "characters_until_regex", {})  # tinyhtml5's own
    own = [tree(page) for page in report_pages]
    assert html_parse.install()
    assert [tree(page) for page in report_pages] == own


@pytest.fixture
def unchecked_weasyprint(monkeypatch):
    """A WeasyPrint version the replacements were not checked against."""
    import weasyprint

    monkeypatch.setattr(weasyprint, "__version__", "99.0")
    monkeypatch.setattr(tinyhtml5, "__version__", "99.0")
    monkeypatch.setattr(svg_text, "_stock", None)  # as if never installed
    stream = importlib.import_module("tinyhtml5.inputstream")
    monkeypatch.setattr(stream, "characters_until_regex", {})
    user_agent.html_class.cache_clear()
    yield
    user_agent.html_class.cache_clear()


def test_an_unchecked_weasyprint_keeps_its_own_code(unchecked_weasyprint):
    import weasyprint
    import weasyprint.svg

    before = dict(weasyprint.svg.TAGS)
    assert not svg_text.install()
    assert before == weasyprint.svg.TAGS
    assert user_agent.html_class() is weasyprint.HTML
    assert not html_parse.install()


def test_the_installed_versions_are_the_ones_the_replacements_were_checked_against():
    """A new WeasyPrint: read its svg/text.py (does it draw whole text by now? does
    svg_text's drawing still match its own?) and its css/html5_ua.css (user_agent); a new
    tinyhtml5: its inputstream.py (html_parse). Then add it to weasyprint_internals.CHECKED,
    or drop what it no longer needs."""
    import weasyprint

    for package in weasyprint_internals.CHECKED:
        version = importlib.import_module(package).__version__
        assert weasyprint_internals.supported(package), f"{package} {version}: see the docstring"
    assert user_agent.html_class() is not weasyprint.HTML


def test_each_page_is_headed_by_the_section_it_starts_in(tmp_path):
    """A page that opens with the rest of a section (a long table) is headed by that section,
    not by the next one that starts lower on the page: page 2 once said "Mentor review" above
    the summary's plan phases."""
    html, pdf = tmp_path / "r.html", tmp_path / "r.pdf"
    for out in (html, pdf):
        answers = EXAMPLES / "answers" / "data-analyst.yaml"
        done = CliRunner().invoke(cli, ["report", "--answers", str(answers), "-o", str(out)])
        assert done.exit_code == 0, done.output
    tree = tinyhtml5.parse(html.read_text(encoding="utf-8"))
    sections = [" ".join("".join(h.itertext()).split()) for h in tree.iter(f"{{{XHTML}}}h2")]
    text = subprocess.run(
        [require_tool("pdftotext"), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    current = None
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) > 4
    for number, page_text in enumerate(pages, 1):
        head, *body = [" ".join(line.split()) for line in page_text.splitlines() if line.strip()]
        opened = [line for line in body if line in sections]
        starts_with_section = bool(body) and body[0] in sections
        expected = opened[0] if number == 1 or starts_with_section else current
        assert expected and head.endswith(expected), (number, head, expected)
        current = opened[-1] if opened else current


# The review box's heading and its last field: the box is never split, so both on one page.
REVIEW = {
    "en": ("Mentor review", "Mentor signature"),
    "pt-BR": ("Revisão do(a) mentor(a)", "Assinatura do(a) mentor(a)"),
}


@pytest.mark.parametrize(
    ("example", "lang"),
    [
        ("junior-data-scientist", "pt-BR"),
        ("junior-data-scientist", "en"),
        ("backend-engineer", "pt-BR"),
        ("backend-engineer", "en"),
    ],
)
def test_the_mentor_review_box_is_on_page_1_or_2(tmp_path, example, lang):
    """Pages 1-2 are what a mentor reads first, the review box with them, in every language:
    the Portuguese heading of the plan phases' steps column ("Etapas concluídas, puladas ou
    cobertas") once squeezed the phases' names to four or five lines, and the box to page 3."""
    notes = tmp_path / "notes.txt"
    notes.write_text("Strong SQL; push on statistics first.\nMeet every two weeks.\n")
    pdf = tmp_path / "r.pdf"
    answers = EXAMPLES / "answers" / f"{example}.yaml"
    args = ["--lang", lang, "report", "-a", str(answers), "--mentor-notes", str(notes)]
    done = CliRunner().invoke(cli, [*args, "-o", str(pdf)])
    assert done.exit_code == 0, done.output
    text = subprocess.run(
        [require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [" ".join(p.split()) for p in text.split("\f")]
    heading, last_field = REVIEW[lang]
    on = [n for n, p in enumerate(pages, 1) if heading in p]
    assert on and on[0] <= 2, (example, lang, on)
    assert last_field in pages[on[0] - 1], (example, lang, on[0])
    assert "Meet every two weeks." in " ".join(pages)
