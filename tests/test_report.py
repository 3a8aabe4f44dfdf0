"""Reports (issue 6): the HTML document's structure, self-containment, escaping, determinism
and redaction; the file handling (no overwrite, atomic, 0600, symlinks); the PDF's text,
metadata and paper size; and WeasyPrint fetching nothing outside the templates folder.

HTML is parsed with tinyhtml5 (WeasyPrint's own HTML5 parser): the tree it builds is the tree a
browser builds, so "no <img> element" means no image a browser would load. Each PDF is rendered
once per module (module-scoped fixtures) because WeasyPrint takes a second or two per report.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import itertools
import json
import os
import re
import stat
import types
from pathlib import Path

import pypdf
import pytest
import tinyhtml5
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT, long_catalog

from careerpath import __version__, i18n, pipeline
from careerpath.answers import load_answers
from careerpath.cli import cli
from careerpath.planner import build_plan
from careerpath.profile import resume_command
from careerpath.render import charts as chart_geometry
from careerpath.render import html as html_render
from careerpath.render import pdf as pdf_render
from careerpath.report import without_source

EXAMPLE = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"
HOSTILE = ROOT / "tests" / "fixtures" / "hostile.yaml"
DATE = "2027-01-04"
NAME = "Daniel Okafor"
HOSTILE_NAME = '<script>alert(1)</script>"><img src=x onerror=alert(1)> {{7*7}} Mallory'
# Evidence text from the example answers file (it must disappear with --redact).
EVIDENCE = ["about 40k lines", "https://github.com/dokafor-data/airflow-dag-factory"]
# The summary and the review box first (pages 1-2 of the PDF), the detail after them.
SECTIONS = ["summary", "mentor", "roles", "doors", "target", "plan", "answers"]

# --- helpers -------------------------------------------------------------------------------


def report(runner: CliRunner, out: Path | None, *args: str, answers: Path = EXAMPLE, env=None):
    argv = ["report", "-a", str(answers), "--date", DATE, *args]
    if out is not None:
        argv += ["-o", str(out)]
    return runner.invoke(cli, argv, env=env)


def ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)


def local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def elements(root, name: str | None = None):
    for el in root.iter():
        if isinstance(el.tag, str) and (name is None or local(el.tag) == name):
            yield el


def by_id(root, ident: str):
    found = [el for el in elements(root) if el.get("id") == ident]
    assert len(found) == 1, f"{len(found)} elements with id {ident!r}"
    return found[0]


def has_class(el, name: str) -> bool:
    return name in (el.get("class") or "").split()


def text(el) -> str:
    return "".join(el.itertext())


def squash(s: str) -> str:
    """Whitespace-free text: PDF extraction breaks lines wherever the layout wrapped them."""
    return re.sub(r"\s+", "", s)


def notes_file(tmp: Path, body: str) -> Path:
    path = tmp / "notes.txt"
    path.write_text(body, encoding="utf-8")
    return path


class Pdf:
    """A rendered PDF with its parsed forms, each computed once (pypdf is slow)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reader = pypdf.PdfReader(io.BytesIO(data))

    @functools.cached_property
    def text(self) -> str:
        return "\n".join(page.extract_text() for page in self.reader.pages)

    @functools.cached_property
    def flat(self) -> str:
        return squash(self.text)

    @functools.cached_property
    def everything(self) -> bytes:
        return pdf_everything(self.data)


def pdf_everything(data: bytes) -> bytes:
    """The raw file plus every stream decoded: a string absent from this is nowhere in it."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    chunks = [data]
    for num in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(num)
        except Exception:  # free entries in the xref table
            continue
        if isinstance(obj, pypdf.generic.StreamObject):
            chunks.append(obj.get_data())
    return b"\n".join(chunks)


def embedded_things(reader: pypdf.PdfReader) -> list[str]:
    """Attachments, embedded files, file-attachment annotations and images, by name."""
    found = [f"attachment {name}" for name in reader.attachments]
    names = reader.trailer["/Root"].get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found.append("/EmbeddedFiles name tree")
    for number, page in enumerate(reader.pages, 1):
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                found.append(f"file attachment annotation on page {number}")
        found += [f"image {image.name} on page {number}" for image in page.images]
    return found


# --- the HTML report -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_html(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("html") / "report.html"
    ok(report(CliRunner(), out))
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_html(tmp_path_factory) -> str:
    tmp = tmp_path_factory.mktemp("hostile")
    notes = notes_file(tmp, "<b>bold?</b> <script>alert('notes')</script> {{7*7}}\n")
    out = tmp / "report.html"
    ok(report(CliRunner(), out, "--mentor-notes", str(notes), answers=HOSTILE))
    return out.read_text(encoding="utf-8")


def test_header_names_person_date_target_and_versions(example_html, catalog):
    root = tinyhtml5.parse(example_html)
    assert root.get("lang") == "en"
    header = next(elements(root, "header"))
    assert text(next(elements(header, "h1"))) == "Career path report"
    assert text(next(el for el in elements(header, "p") if has_class(el, "person"))) == NAME
    facts = dict(
        zip(
            (text(dt_) for dt_ in elements(header, "dt")),
            (" ".join(text(dd).split()) for dd in elements(header, "dd")),
            strict=True,
        )
    )
    assert facts["Date"] == DATE
    assert facts["Target role"] == "ML Engineer"
    assert facts["Starting from"] == "Data Engineer"
    assert f"careerpath {__version__}" in facts["Versions"]
    assert catalog.version in facts["Versions"] and catalog.info.name in facts["Versions"]
    title = text(next(elements(root, "title")))
    assert title == f"careerpath report · {NAME} · {DATE}"
    footer = next(elements(root, "footer"))
    assert catalog.fingerprint in text(footer)
    assert load_answers(EXAMPLE, catalog).fingerprint in text(footer)


def test_sections_in_order_each_labelled_by_its_heading(example_html):
    root = tinyhtml5.parse(example_html)
    sections = [s for s in elements(root, "section")]
    assert [s.get("id") for s in sections] == SECTIONS
    for section in sections:
        heading = by_id(root, section.get("aria-labelledby"))
        assert local(heading.tag) == "h2" and heading in list(section)
    assert "Skills that open the most doors" in text(by_id(root, "doors"))
    mentor = text(by_id(root, "mentor"))
    for field in ["Agreed target role", "Agreed next steps", "Next check-in date", "signature"]:
        assert field in mentor
    # One heading level at a time: h1 once, then h2 and h3 only.
    levels = [local(el.tag) for el in elements(root) if re.fullmatch(r"h[1-6]", local(el.tag))]
    assert levels.count("h1") == 1 and set(levels) == {"h1", "h2", "h3"}


def test_every_table_has_a_header_row_and_scoped_headers(example_html):
    root = tinyhtml5.parse(example_html)
    tables = list(elements(root, "table"))
    # roles, doors, gaps, one per plan phase, answers
    assert len(tables) >= 6
    for table in tables:
        heads = [el for el in table if local(el.tag) == "thead"]
        assert len(heads) == 1, "table without <thead>: headers cannot repeat on each page"
        columns = list(elements(heads[0], "th"))
        assert columns and all(th.get("scope") == "col" for th in columns)
        for body in (el for el in table if local(el.tag) == "tbody"):
            for th in elements(body, "th"):
                # A row's own header, or (the appendix) the category heading its row group.
                assert th.get("scope") == "row" or (
                    th.get("scope") == "rowgroup" and th.get("colspan") == str(len(columns))
                )
    plan = by_id(root, "plan")
    phases = [el for el in elements(plan, "div") if has_class(el, "phase")]
    assert len(phases) == len(list(elements(plan, "table"))) > 1


def test_inline_svg_charts_with_text_alternatives(example_html, catalog):
    root = tinyhtml5.parse(example_html)
    charts = list(elements(root, "svg"))
    for svg in charts:
        assert svg.get("role") == "img"
        title = [el for el in svg if local(el.tag) == "title"]
        desc = [el for el in svg if local(el.tag) == "desc"]
        assert len(title) == 1 and len(desc) == 1
        assert text(title[0]).strip() and len(text(desc[0])) > 20
        # aria-labelledby names the chart's own title and description.
        assert svg.get("aria-labelledby").split() == [title[0].get("id"), desc[0].get("id")]
    # Each chart is a figure with a visible caption; the levels chart is one small chart per
    # category of the target's skills, so that it can flow across pages.
    figures = {
        next(c for c in el.get("class").split() if c != "chart"): el
        for el in elements(root, "figure")
    }
    assert list(figures) == ["chart-progress", "chart-roles", "chart-levels", "chart-timeline"]
    categories = len(
        chart_geometry.level_pairs(load_answers(EXAMPLE, catalog), catalog, "ml-engineer")
    )
    assert categories > 3
    for name, figure in figures.items():
        svgs = 1 if name != "chart-levels" else categories
        assert [local(el.tag) for el in figure] == ["svg"] * svgs + ["figcaption"]
    assert len(charts) == 3 + categories
    roles = next(iter(elements(figures["chart-roles"], "svg")))
    assert all(role.name in text(roles) for role in catalog.roles.values())
    levels = text(figures["chart-levels"])
    assert "ML Engineer" in levels and "required" in levels
    assert "estimated finish" in text(figures["chart-timeline"])
    # The charts sit in their sections: progress in the summary (pages 1-2), the rest in
    # the detail.
    for section, name in [
        ("summary", "chart-progress"),
        ("roles", "chart-roles"),
        ("target", "chart-levels"),
        ("plan", "chart-timeline"),
    ]:
        assert figures[name] in list(elements(by_id(root, section), "figure"))


def _csp(root) -> dict[str, list[str]]:
    metas = [
        m
        for m in elements(root, "meta")
        if (m.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    assert len(metas) == 1
    return {
        part.split()[0]: part.split()[1:] for part in metas[0].get("content").split(";") if part
    }


@pytest.mark.parametrize("which", ["example_html", "hostile_html"])
def test_content_security_policy_allows_nothing_but_inline_styles_and_data(which, request):
    html = request.getfixturevalue(which)
    root = tinyhtml5.parse(html)
    policy = _csp(root)
    assert policy["default-src"] == ["'none'"]
    assert "script-src" not in policy
    sources = {source for values in policy.values() for source in values}
    assert sources <= {"'none'", "'unsafe-inline'", "data:"}
    # A <meta> policy only covers what follows it: it must come before the stylesheet.
    head = next(elements(root, "head"))
    order = [local(el.tag) for el in head]
    assert order.index("meta") < order.index("style")


LOADING_ATTRIBUTES = {
    "src", "srcset", "href", "action", "formaction", "poster", "data", "background",
    "ping", "manifest", "codebase", "archive", "classid", "longdesc", "lowsrc", "dynsrc",
    "icon", "usemap", "xlink:href", "imagesrcset",
}  # fmt: skip
LOADING_ELEMENTS = {
    "script", "link", "img", "image", "iframe", "frame", "object", "embed", "base",
    "video", "audio", "source", "track", "picture", "use", "feimage", "form", "input",
    "portal", "applet", "noscript",
}  # fmt: skip


@pytest.mark.parametrize("which", ["example_html", "hostile_html"])
def test_nothing_outside_the_file_is_loaded(which, request):
    html = request.getfixturevalue(which)
    root = tinyhtml5.parse(html)
    links = 0
    for el in elements(root):
        name = local(el.tag)
        assert name.lower() not in LOADING_ELEMENTS, f"<{name}> in the report"
        if name == "meta":
            assert (el.get("http-equiv") or "").lower() != "refresh"
        for attr, value in el.attrib.items():
            attr = local(attr).lower()
            assert not attr.startswith("on"), f"event handler {attr}= on <{name}>"
            assert "url(" not in value.lower() or attr != "style"
            if attr in LOADING_ATTRIBUTES or attr.endswith("href"):
                # Only links a reader may follow, and only to the web.
                assert (name, attr) == ("a", "href"), f"{attr}= on <{name}>"
                assert re.match(r"https?://", value), value
                links += 1
    assert links > 0
    styles = [text(el) for el in elements(root, "style")]
    assert len(styles) == 1 and "@page" in styles[0]
    css = styles[0].lower()
    assert "url(" not in css and "@import" not in css and "http" not in css
    assert "<script" not in html.lower()


def test_hostile_name_notes_and_evidence_are_shown_literally(hostile_html):
    root = tinyhtml5.parse(hostile_html)
    person = next(el for el in elements(root, "p") if has_class(el, "person"))
    assert text(person) == HOSTILE_NAME  # {{7*7}} stays as typed, not 49
    assert len(list(person)) == 0
    assert HOSTILE_NAME in text(next(elements(root, "title")))
    # Escaped in the source, not just harmless in the tree.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_html
    assert "<img src=x" not in hostile_html and "<script>alert" not in hostile_html
    notes = [el for el in elements(by_id(root, "mentor"), "div") if has_class(el, "user-text")]
    assert len(notes) == 1 and len(list(notes[0])) == 0
    assert text(notes[0]).strip() == "<b>bold?</b> <script>alert('notes')</script> {{7*7}}"

    evidence = {}
    for row in elements(by_id(root, "answers"), "tr"):
        cells = list(row)
        if len(cells) == 4 and cells[0].get("scope") == "row":
            evidence[text(cells[0])] = cells[3]
    as_text = {
        "Python": "javascript:alert(1)",
        "SQL": '"><img src=x onerror=alert(2)>',
        "Docker": "<script>alert(3)</script>",
        "pandas": "{{7*7}} {% include 'report.css' %}",
        "NumPy": "JaVaScRiPt:alert(4)",
        "Kafka and stream processing": "data:text/html,<script>alert(5)</script>",
        "Apache Spark": 'https://example.org/x" onmouseover="alert(6)',
        "Data warehouses": (
            "Supercalifragilisticexpialidocious_pipeline_name_without_any_spaces_or_hyphens"
            "_that_must_wrap_anyway"
        ),
    }
    for skill, typed in as_text.items():
        cell = evidence[skill]
        assert text(cell) == typed and len(list(cell)) == 0, skill
    for skill in ["Apache Airflow", "ETL/ELT and data pipelines"]:
        (link,) = list(evidence[skill])
        assert local(link.tag) == "a" and link.get("href") == text(link)
        assert link.get("href").startswith("https://example.org/")
        assert set(link.get("rel").split()) >= {"nofollow", "noopener", "noreferrer"}
    hrefs = [a.get("href") for a in elements(root, "a")]
    assert not [h for h in hrefs if not h.startswith(("https://", "http://"))]


def test_every_template_is_autoescaped_whatever_its_extension():
    env = html_render.environment()
    assert env.from_string("{{ x }}").render(x="<b>&") == "&lt;b&gt;&amp;"
    # report.css is a template too (it is included in a <style> element).
    css = env.get_template("report.css").render(paper="A4<", when=dt.date(2027, 1, 4))
    assert "size: A4&lt;;" in css


def test_mentor_notes_file_is_rendered_as_plain_text(tmp_path, runner):
    body = "Line one & <em>two</em>\n\n  indented line\n"
    out = tmp_path / "r.html"
    ok(report(runner, out, "--mentor-notes", str(notes_file(tmp_path, body))))
    root = tinyhtml5.parse(out.read_text(encoding="utf-8"))
    mentor = by_id(root, "mentor")
    assert "Mentor’s notes" in text(mentor)
    (div,) = [el for el in elements(mentor, "div") if has_class(el, "user-text")]
    assert text(div) == body and len(list(div)) == 0  # line breaks kept by pre-wrap CSS


def test_same_inputs_and_date_give_byte_identical_html(tmp_path, runner, example_html):
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    ok(report(runner, first))
    ok(report(runner, second))
    assert first.read_bytes() == second.read_bytes() == example_html.encode("utf-8")
    later = tmp_path / "later.html"
    ok(runner.invoke(cli, ["report", "-a", str(EXAMPLE), "--date", "2027-02-01", "-o", str(later)]))
    assert later.read_bytes() != first.read_bytes()


def test_source_date_epoch_sets_the_date(tmp_path, runner, example_html):
    noon = dt.datetime(2027, 1, 4, 12, tzinfo=dt.UTC)
    out = tmp_path / "epoch.html"
    result = runner.invoke(
        cli,
        ["report", "-a", str(EXAMPLE), "-o", str(out)],
        env={"SOURCE_DATE_EPOCH": str(int(noon.timestamp()))},
    )
    ok(result)
    assert out.read_text(encoding="utf-8") == example_html
    bad = runner.invoke(
        cli, ["report", "-a", str(EXAMPLE), "-o", str(tmp_path / "x.html")],
        env={"SOURCE_DATE_EPOCH": "yesterday"},
    )  # fmt: skip
    assert bad.exit_code == 2 and "SOURCE_DATE_EPOCH" in bad.stderr
    assert not (tmp_path / "x.html").exists()


def test_plan_dates_follow_the_report_date_not_the_wall_clock(tmp_path, runner):
    """Without a start date in the answers, the plan starts on the report's date, so the
    page does not change with the day it is rendered on."""
    answers = tmp_path / "no-start.yaml"
    source = EXAMPLE.read_text(encoding="utf-8")
    answers.write_text(source.replace("  start_date: 2027-01-04\n", ""), encoding="utf-8")
    assert "start_date" not in answers.read_text(encoding="utf-8")
    out = tmp_path / "r.html"
    ok(runner.invoke(cli, ["report", "-a", str(answers), "--date", "2031-03-03", "-o", str(out)]))
    html = out.read_text(encoding="utf-8")
    assert "starting 2031-03-03 at 8 h/week" in html
    assert str(dt.date.today()) not in html


def test_redact_leaves_out_name_evidence_and_notes(tmp_path, runner, catalog):
    notes = notes_file(tmp_path, "Private: talk about the salary band first.\n")
    out = tmp_path / "r.html"
    ok(report(runner, out, "--redact", "--mentor-notes", str(notes)))
    html = out.read_text(encoding="utf-8")
    for secret in ["Daniel", "Okafor", "salary band", *EVIDENCE]:
        assert secret not in html
    root = tinyhtml5.parse(html)
    assert text(next(el for el in elements(root, "p") if has_class(el, "person"))) == ("Anonymous")
    assert "Mentor notes are left out" in text(by_id(root, "mentor"))
    # Every row says "redacted", so not even which answers had evidence shows.
    answered = len(load_answers(EXAMPLE, catalog).rated)
    cells = [list(row)[3] for row in elements(by_id(root, "answers"), "tr") if len(row) == 4]
    assert [text(cell) for cell in cells[1:]] == ["redacted"] * answered


def test_redact_leaves_the_answers_files_name_out_of_the_warnings(tmp_path, runner):
    """The file is often named after the person (carla.yaml): its warnings named it."""
    answers = tmp_path / "carla-mendes.yaml"
    source = EXAMPLE.read_text(encoding="utf-8")
    answers.write_text(source.replace("skills:\n", "skills:\n  Pyhton: 2\n", 1), encoding="utf-8")
    plain, redacted = tmp_path / "plain.html", tmp_path / "redacted.html"
    ok(report(runner, plain, answers=answers))
    ok(report(runner, redacted, "--redact", answers=answers))
    assert "carla-mendes" in plain.read_text(encoding="utf-8")  # the warning is there
    html = redacted.read_text(encoding="utf-8")
    assert "carla-mendes" not in html
    line = source[: source.index("skills:\n")].count("\n") + 2
    assert f"line {line} of the answers file: skills.Pyhton: unknown skill" in html
    assert not re.search(r"the answers file:\d", html)  # once "the answers file:15: ..."


def test_a_redacted_warning_says_which_line_of_the_answers_file_in_words():
    source = "/home/carla/ana.yaml"
    assert without_source(f"{source}:12: skills.x: unknown skill", source) == (
        "line 12 of the answers file: skills.x: unknown skill"
    )
    assert (
        without_source(f"{source}: 5 more warnings", source) == "the answers file: 5 more warnings"
    )
    # Only the name whole: another file that ends the same way is not it.
    assert (
        without_source("/home/carla/joana.yaml:3: x", "ana.yaml") == "/home/carla/joana.yaml:3: x"
    )
    assert _in_pt_br(without_source, f"{source}:3: x", source) == (
        "linha 3 do arquivo de respostas: x"
    )


def _in_pt_br(function, *args):
    """``function(*args)`` with pt-BR the language, and English again after."""
    i18n.use("pt-BR")
    try:
        return function(*args)
    finally:
        i18n.use("en")


def test_a_redacted_resume_command_says_the_file_in_words_not_as_its_argument():
    # "careerpath assess --resume 'the answers file'" does not run: the command is cut
    # before the file, and the file said in words after it.
    source = "/home/carla/ana souza.yaml"
    for adaptive in (True, False):
        message = f"or let `{resume_command(source, adaptive=adaptive)}` ask the rest"
        flag = " --adaptive" if adaptive else ""
        assert without_source(message, source) == (
            f"or let `careerpath assess{flag} --resume` (followed by your answers file) ask "
            "the rest"
        )
    said = _in_pt_br(lambda: without_source(f"deixe `{resume_command(source)}` fazer", source))
    assert said == "deixe `careerpath assess --resume` (seguido do seu arquivo de respostas) fazer"


def test_a_redacted_report_of_a_partial_save_says_how_to_go_on_without_the_file_name(
    runner, tmp_path
):
    answers = tmp_path / "carla mendes.yaml"  # a name that needs quoting in a command
    answers.write_text(
        "unlisted: unknown\nperson: {name: Carla, target_role: data-scientist}\n"
        "skills:\n  python: 2\n  sql: 3\n  statistics: 2\n  pandas:\n",
        encoding="utf-8",
    )
    plain, redacted = tmp_path / "plain.html", tmp_path / "redacted.html"
    ok(report(runner, plain, answers=answers))
    ok(report(runner, redacted, "--redact", answers=answers))
    assert "careerpath assess --adaptive --resume &#39;" in plain.read_text(encoding="utf-8")
    html = redacted.read_text(encoding="utf-8")
    assert "carla" not in html.lower()
    assert "--resume &#39;the answers file&#39;" not in html
    assert (
        "<code>careerpath assess --adaptive --resume</code> (followed by your answers file)" in html
    )


def test_suggested_file_name_has_the_name_unless_redacted(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default name is written to the working folder
    ok(report(runner, None))
    ok(report(runner, None, "--redact"))
    made = sorted(p.name for p in Path().iterdir())
    assert made == [
        f"careerpath-report-{DATE}.html",
        f"careerpath-report-daniel-okafor-{DATE}.html",
    ]


def test_refuses_to_overwrite_without_force(tmp_path, runner):
    out = tmp_path / "report.html"
    out.write_text("old report", encoding="utf-8")
    result = report(runner, out)
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]
    ok(report(runner, out, "--force"))
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_new_and_replaced_files_are_private(tmp_path, runner):
    new = tmp_path / "new.html"
    ok(report(runner, new))
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    shared = tmp_path / "shared.html"
    shared.write_text("old", encoding="utf-8")
    shared.chmod(0o644)
    ok(report(runner, shared, "--force"))
    assert stat.S_IMODE(shared.stat().st_mode) == 0o600


def test_failed_pdf_render_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path, runner, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("font subsetting exploded")

    monkeypatch.setattr(pdf_render, "pdf_bytes", broken)
    out = tmp_path / "report.pdf"
    out.write_bytes(b"%PDF- the old one")
    result = report(runner, out, "--force")
    assert result.exit_code == 1
    assert "could not render the PDF" in result.stderr and "exploded" in result.stderr
    assert out.read_bytes() == b"%PDF- the old one"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_failed_write_keeps_the_old_file_and_leaves_no_temp_file(tmp_path, runner, monkeypatch):
    def full_disk(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    out = tmp_path / "report.html"
    out.write_text("old", encoding="utf-8")
    result = report(runner, out, "--force")
    assert result.exit_code == 1 and "No space left" in result.stderr
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_output_symlink_is_never_followed(tmp_path, runner):
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    link = tmp_path / "report.html"
    link.symlink_to(precious)
    result = report(runner, link)
    assert result.exit_code == 1 and "symbolic link" in result.stderr
    assert link.is_symlink() and precious.read_text(encoding="utf-8") == "keep me"
    # A dangling link must not create the file it points to.
    dangling = tmp_path / "dangling.html"
    dangling.symlink_to(tmp_path / "elsewhere.html")
    assert report(runner, dangling).exit_code == 1
    assert not (tmp_path / "elsewhere.html").exists()
    # --force replaces the link itself, never the file it pointed to.
    ok(report(runner, link, "--force"))
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert stat.S_IMODE(link.stat().st_mode) == 0o600


def test_plan_command_writes_the_plan_alone_as_html(tmp_path, runner):
    out = tmp_path / "plan.html"
    result = runner.invoke(cli, ["plan", "-a", str(EXAMPLE), "-o", str(out)])
    ok(result)
    assert "Plan written to" in result.stdout
    root = tinyhtml5.parse(out.read_text(encoding="utf-8"))
    assert text(next(elements(root, "h1"))) == "Learning plan"
    assert [s.get("id") for s in elements(root, "section")] == ["plan", "mentor"]
    # The timeline and, as this document has no summary, the progress chart with the plan.
    plan = by_id(root, "plan")
    assert [f.get("class") for f in elements(plan, "figure")] == [
        "chart chart-timeline",
        "chart chart-progress",
    ]
    assert len(list(elements(root, "svg"))) == 2
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_format_follows_the_extension_unless_given(tmp_path, runner):
    unknown = tmp_path / "report.txt"
    result = report(runner, unknown)
    assert result.exit_code == 2 and "--format" in result.stderr
    assert not unknown.exists()
    ok(report(runner, unknown, "--format", "html"))
    assert unknown.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("paper", "size"), [(None, "A4"), ("letter", "letter"), ("a4", "A4")])
def test_paper_size_is_in_the_page_rule(tmp_path, runner, paper, size):
    out = tmp_path / "r.html"
    ok(report(runner, out, *(["--paper", paper] if paper else [])))
    page_rule = re.search(r"@page\s*\{[^}]*", out.read_text(encoding="utf-8")).group(0)
    assert re.search(rf"\bsize:\s*{size};", page_rule)


# --- the PDF -------------------------------------------------------------------------------

FILE_TAGS = (
    "<link rel=attachment href=file:///etc/passwd>\n"
    "<img src=file:///etc/hostname>\n"
    '<link rel="attachment" href="file://{secret}">\n'
    '<img src="file://{secret}">\n'
)


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "secret.txt"
    path.write_text("SECRET-MARKER-5c1f0e", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory, secret_file) -> Pdf:
    """The example report as a PDF (A4), chosen with --format, with notes that try to make
    WeasyPrint fetch and attach local files."""
    tmp = tmp_path_factory.mktemp("pdf")
    notes = notes_file(tmp, "Well done.\n" + FILE_TAGS.format(secret=secret_file))
    out = tmp / "report.out"
    ok(report(CliRunner(), out, "--format", "pdf", "--mentor-notes", str(notes)))
    return Pdf(out.read_bytes())


@pytest.fixture(scope="module")
def redacted_pdf(tmp_path_factory) -> tuple[str, Pdf]:
    """Redacted, letter paper, default file name (so the name is checked too)."""
    tmp = tmp_path_factory.mktemp("redacted")
    notes = notes_file(tmp, "Private note about Daniel.\n")
    runner = CliRunner()
    folder = tmp / "out"
    folder.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)  # the default name is written to the working folder
        args = ["--redact", "--format", "pdf", "--paper", "letter", "--mentor-notes", str(notes)]
        ok(report(runner, None, *args))
        (made,) = list(Path().iterdir())
        return made.name, Pdf(made.read_bytes())


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory) -> Pdf:
    out = tmp_path_factory.mktemp("plan") / "plan.pdf"
    ok(CliRunner().invoke(cli, ["plan", "-a", str(EXAMPLE), "-o", str(out)]))
    return Pdf(out.read_bytes())


@pytest.fixture(scope="module")
def example_plan(catalog):
    profile = load_answers(EXAMPLE, catalog)
    return build_plan(profile, catalog, "ml-engineer", today=dt.date.fromisoformat(DATE))


@pytest.mark.pdf
def test_pdf_text_has_the_name_roles_and_plan_steps(example_pdf, catalog, example_plan):
    assert example_pdf.data.startswith(b"%PDF-")
    assert NAME in example_pdf.text
    for role in catalog.roles.values():
        assert squash(role.name) in example_pdf.flat
    steps = [step.title for phase in example_plan.phases for step in phase.steps]
    assert len(steps) > 20
    assert [title for title in steps if squash(title) not in example_pdf.flat] == []
    for heading in ["Summary", "Mentor review", "Appendix: your answers"]:
        assert squash(heading) in example_pdf.flat


@pytest.mark.pdf
def test_pdf_pages_metadata_and_paper(example_pdf):
    reader = example_pdf.reader
    pages = len(reader.pages)
    assert 3 <= pages <= 40
    for page in reader.pages:  # A4
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )
    assert reader.metadata.title == f"careerpath report · {NAME} · {DATE}"
    assert not reader.metadata.author
    # Page numbers and the running header come from the @page rule.
    assert f"Page 1 of {pages}" in reader.pages[0].extract_text()
    last = reader.pages[-1].extract_text()
    assert f"Page {pages} of {pages}" in last and f"careerpath · {NAME}" in last


@pytest.mark.pdf
def test_pdf_notes_with_file_tags_fetch_and_embed_nothing(example_pdf):
    assert embedded_things(example_pdf.reader) == []
    assert b"SECRET-MARKER" not in example_pdf.everything
    assert b"root:x:0:0" not in example_pdf.everything
    # The tags are there as text a mentor can read.
    assert squash("<link rel=attachment href=file:///etc/passwd>") in example_pdf.flat
    assert squash("<img src=file:///etc/hostname>") in example_pdf.flat


@pytest.mark.pdf
def test_redacted_pdf_has_no_name_in_text_metadata_or_file_name(redacted_pdf):
    name, pdf = redacted_pdf
    assert name == f"careerpath-report-{DATE}.pdf"
    assert "Anonymous" in pdf.reader.metadata.title
    for key, value in pdf.reader.metadata.items():
        assert "Daniel" not in str(value) and "Okafor" not in str(value), key
    assert "Anonymous" in pdf.text
    assert "Okafor" not in pdf.text and "Private note" not in pdf.text
    for secret in [b"Okafor", b"Daniel", b"40k lines", b"airflow-dag-factory", b"Private note"]:
        assert secret not in pdf.everything
    # UTF-16 strings (metadata, outlines) would hide from a byte search in UTF-8.
    assert "Okafor".encode("utf-16-be") not in pdf.everything


@pytest.mark.pdf
def test_letter_paper_gives_letter_pages(redacted_pdf):
    for page in redacted_pdf[1].reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            612,
            792,
        )


@pytest.mark.pdf
def test_plan_pdf_has_the_plan_alone(plan_pdf, example_plan):
    assert 2 <= len(plan_pdf.reader.pages) <= 30
    assert plan_pdf.reader.metadata.title.startswith(f"careerpath plan · {NAME} · ")
    assert squash("Learning plan") in plan_pdf.flat
    assert squash(example_plan.title) in plan_pdf.flat
    assert squash(example_plan.phases[-1].steps[-1].title) in plan_pdf.flat
    assert squash("Appendix: your answers") not in plan_pdf.flat
    assert squash("How close you are to each role") not in plan_pdf.flat


@pytest.mark.pdf
def test_pdf_renderer_refuses_every_url_outside_the_templates_folder(secret_file):
    """pdf_bytes on raw HTML: the templates-only fetcher refuses local files, the network and
    attachments, and says so; a file inside the templates folder is still served."""
    secret = secret_file.as_uri()
    html = f"""<!DOCTYPE html><html><head>
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="attachment" href="{secret}">
      <link rel="stylesheet" href="http://example.com/evil.css">
      <link rel="stylesheet" href="report.css">
      <style>@import url("https://example.com/import.css");
             body {{ background: url("{secret}"); }}</style>
      </head><body><p>Hello</p>
      <img src="file:///etc/hostname"><img src="http://example.com/pixel.png">
      <img src="../pyproject.toml"><a rel="attachment" href="{secret}">attached?</a>
      </body></html>"""
    refused: list[str] = []
    data = pdf_render.pdf_bytes(html, title="probe", refused=refused)
    expected = {
        "file:///etc/passwd",
        "file:///etc/hostname",
        secret,
        "http://example.com/evil.css",
        "https://example.com/import.css",
        "http://example.com/pixel.png",
        (ROOT / "pyproject.toml").as_uri(),
    }
    assert expected <= set(refused)
    assert not [url for url in refused if url.endswith("/templates/report.css")]
    pdf = Pdf(data)
    assert embedded_things(pdf.reader) == []
    assert b"SECRET-MARKER" not in pdf.everything and b"root:x:0:0" not in pdf.everything
    assert "Hello" in pdf.text


@pytest.mark.pdf
def test_embed_detection_catches_what_an_unguarded_weasyprint_would_embed(secret_file):
    """Control for the two tests above: WeasyPrint's default fetcher does attach a local
    file, and embedded_things/pdf_everything see it."""
    from weasyprint import HTML

    html = f'<link rel="attachment" href="{secret_file.as_uri()}"><p>x</p>'
    data = HTML(string=html).write_pdf()
    pdf = Pdf(data)
    assert embedded_things(pdf.reader)
    assert b"SECRET-MARKER" in pdf.everything


def test_a_report_without_target_says_how_to_get_gaps_and_a_plan(runner, tmp_path):
    answers = tmp_path / "a.yaml"
    answers.write_text("person: {name: Kim}\nskills: {python: 3, sql: 2}\n", encoding="utf-8")
    out = tmp_path / "r.html"
    result = runner.invoke(cli, ["report", "--answers", str(answers), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "No target role chosen" in html and "--target ROLE" in html
    assert 'id="plan"' not in html


# --- long plans and the end of the calendar (issue 13) ---------------------------------------


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2027-01-04", "2027-02-28"),
        ("2027-01-04", "2028-10-02"),
        ("2027-01-01", "2027-12-31"),
        ("2027-03-15", "2031-01-01"),
        ("2027-01-04", "2076-12-31"),
        ("9950-06-01", "9999-12-31"),
    ],
)
def test_the_timeline_axis_has_month_ticks_with_dates_for_any_length(start, end):
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    ticks = chart_geometry.month_ticks(first, last)
    assert 1 <= len(ticks) <= 12
    assert all(t.day == 1 and first <= t <= last for t in ticks)
    # Evenly spaced in months, on round months (a multiple of the step since year 0).
    months = [t.year * 12 + t.month - 1 for t in ticks]
    step = chart_geometry.month_step((last - first).days)
    assert all(b - a == step for a, b in itertools.pairwise(months))
    assert all(m % step == 0 for m in months)
    # No round month inside the span is left out at either end.
    assert months[0] - step < first.year * 12 + first.month - (first.day == 1)
    assert (months[-1] + step) // 12 * 12 + (months[-1] + step) % 12 > last.year * 12 + (
        last.month - 1
    )


def test_a_plan_of_weeks_has_its_first_and_last_day_on_the_axis():
    phase = types.SimpleNamespace(
        title="Only", start_date=dt.date(2027, 1, 4), end_date=dt.date(2027, 1, 20)
    )
    plan = types.SimpleNamespace(
        start_date=dt.date(2027, 1, 4),
        phases=[phase],
        end_date_low=dt.date(2027, 1, 18),
        end_date_high=dt.date(2027, 1, 25),
    )
    tl = chart_geometry.timeline(plan)
    assert [t["lines"] for t in tl["ticks"]] == [["4 Jan", "2027"], ["31 Jan", "2027"]]
    assert (
        tl["ticks"][0]["x"] == tl["label_w"] and tl["ticks"][1]["x"] == tl["label_w"] + tl["width"]
    )


def test_month_steps_are_one_two_three_six_months_then_whole_years():
    assert [chart_geometry.month_step(d) for d in (300, 700, 1000, 2000, 4000, 8000)] == [
        1,
        2,
        3,
        6,
        12,
        24,
    ]
    assert [chart_geometry.month_step(d) for d in (365 * 40, 365 * 100, 365 * 240)] == [
        60,
        120,
        240,
    ]


def test_timeline_labels_are_wrapped_whole_never_cut():
    title = "Learn MLOps (Machine Learning Operations) and deployment at scale, with " + "x" * 90
    lines = chart_geometry.wrap_label(title)
    assert len(lines) > 2 and max(map(len, lines)) <= chart_geometry.LABEL_CHARS
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")


def test_long_skill_names_wrap_in_the_levels_chart_at_the_usual_size(tmp_path):
    """A 72-letter Portuguese skill name used to shrink to a 6-unit font; it wraps now, whole,
    and its row grows to hold it (the rows below move down)."""
    from careerpath.catalog import load_catalog

    pt = load_catalog(lang="pt-BR")
    profile = load_answers(EXAMPLES / "answers" / "junior-data-scientist.yaml", pt)
    groups = chart_geometry.level_pairs(profile, pt, "data-scientist")
    rows = [r for g in groups for r in g["rows"]]
    long = next(r for r in rows if r["skill"].startswith("Aprendizado não supervisionado"))
    assert len(long["lines"]) == 2 and long["height"] > chart_geometry.ROW
    assert " ".join(long["lines"]) == long["skill"] + (" *" if long["essential"] else "")
    for g in groups:
        tops = [r["top"] for r in g["rows"]]
        assert tops == [sum(r["height"] for r in g["rows"][:i]) for i in range(len(tops))]
    out = pipeline.write_report(
        profile, pt, tmp_path / "r.html", "html", when=dt.date(2027, 1, 4), target="data-scientist"
    )
    html = out.read_text(encoding="utf-8")
    assert 'font-size="6' not in html
    for line in long["lines"]:
        assert f'font-size="9" text-anchor="end">{line}</text>' in html


def test_a_plan_of_decades_renders_its_timeline(tmp_path, catalog):
    # 25 steps x 400 h at 4 h/week: 2,500 weeks, about 48 years: ticks every five years.
    long = long_catalog(catalog, 25, 400)
    profile = load_answers(EXAMPLE, long)
    out = pipeline.write_report(
        profile,
        long,
        tmp_path / "r.html",
        "html",
        when=dt.date(2027, 1, 4),
        target="data-analyst",
        from_role="data-engineer",
        hours_per_week=4,
    )
    root = tinyhtml5.parse(out.read_text(encoding="utf-8"))
    svg = next(elements(by_id(root, "plan"), "svg"))
    assert "All: 2027-01-04 to 2074-12-02;" in text(svg)  # the chart's text alternative
    ticks = [text(t) for t in elements(svg, "text") if has_class(t, "tick")]
    assert ticks == [str(year) for year in range(2030, 2075, 5)]


def _with_progress(tmp_path: Path) -> Path:
    answers = tmp_path / "a.yaml"
    source = EXAMPLE.read_text(encoding="utf-8").replace("  start_date: 2027-01-04\n", "")
    answers.write_text(
        source + "progress:\n  math-for-ml-refresher: {status: done, date: 2026-11-20}\n",
        encoding="utf-8",
    )
    return answers


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--date", "9999-12-31"], {}),
        ([], {"SOURCE_DATE_EPOCH": "253402300799"}),  # 9999-12-31T23:59:59Z
    ],
    ids=["date", "source-date-epoch"],
)
def test_a_report_dated_at_the_end_of_the_calendar_is_refused_clearly(tmp_path, args, env):
    # Steps are done, so the rest is scheduled from the report's date: 9999-12-31.
    answers = _with_progress(tmp_path)
    argv = ["report", "-a", str(answers), "-o", str(tmp_path / "r.html"), *args]
    result = CliRunner().invoke(cli, argv, env=env)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit)
    assert "starting 9999-12-31 (from the report's date (--date or SOURCE_DATE_EPOCH)" in (
        result.stderr
    )
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("epoch", ["253402300800", "-99999999999", "1e30", "99999999999999999999"])
def test_a_source_date_epoch_off_the_calendar_is_a_usage_error(tmp_path, epoch):
    out = tmp_path / "r.html"
    result = CliRunner().invoke(
        cli, ["report", "-a", str(EXAMPLE), "-o", str(out)], env={"SOURCE_DATE_EPOCH": epoch}
    )
    assert result.exit_code == 2, result.output
    assert "SOURCE_DATE_EPOCH" in result.stderr and "is not a Unix time" in result.stderr


def test_the_answers_appendix_lists_what_the_person_wrote_not_the_zeros(runner, tmp_path):
    # A skill left out of a file counts as 0, but the appendix is "your answers": two rows.
    answers = tmp_path / "two.yaml"
    answers.write_text("schema_version: 1\nskills:\n  SQL: 3\n  Excel: 2\n", encoding="utf-8")
    out = tmp_path / "r.html"
    ok(report(runner, out, answers=answers))
    root = tinyhtml5.parse(out.read_text(encoding="utf-8"))
    rows = [row for row in elements(by_id(root, "answers"), "tr") if len(list(row)) == 4]
    skills = [text(next(iter(row))) for row in rows[1:]]
    assert sorted(skills) == ["SQL", "Spreadsheets"]
    # Each under its category's heading, in catalogue order.
    heads = [text(th) for th in elements(by_id(root, "answers"), "th") if th.get("colspan")]
    assert heads == ["Programming", "Analytics"]


# --- pages 1-2, the Gantt chart by date and the progress chart (issue 14) --------------------

PROGRESS = """progress:
  math-for-ml-refresher: {status: done, date: 2027-01-02}
  pandas-numpy-for-ml: {status: done, date: 2027-01-02}
  feature-engineering-scaling: {status: learning}
  overfitting-cv-regularization: {status: skipped}
  deep-learning-pytorch: {status: learning}
  docker-model-packaging: {status: done, date: 2027-01-03}
"""


def with_progress(folder: Path) -> Path:
    answers = folder / "progress.yaml"
    answers.write_text(EXAMPLE.read_text(encoding="utf-8") + PROGRESS, encoding="utf-8")
    return answers


@pytest.fixture(scope="module")
def readme_pdf(tmp_path_factory) -> Pdf:
    """The README's example report, as a PDF: no notes, A4."""
    out = tmp_path_factory.mktemp("readme") / "report.pdf"
    ok(report(CliRunner(), out, "--target", "ml-engineer"))
    return Pdf(out.read_bytes())


@pytest.fixture(scope="module")
def progress_report(tmp_path_factory, catalog):
    """The example with recorded progress: its HTML and its plan."""
    tmp = tmp_path_factory.mktemp("progress")
    answers = with_progress(tmp)
    out = tmp / "report.html"
    ok(report(CliRunner(), out, answers=answers))
    profile = load_answers(answers, catalog)
    plan = build_plan(profile, catalog, "ml-engineer", today=dt.date.fromisoformat(DATE))
    return out.read_text(encoding="utf-8"), plan


def _lowest_text(page) -> float:
    """The y (points from the bottom) of the lowest line of text inside the page's margins."""
    ys: list[float] = []

    def visit(t, cm, tm, font, size):
        if t.strip():
            ys.append(tm[5] * cm[3] + cm[5])

    page.extract_text(visitor_text=visit)
    height = float(page.mediabox.height)
    body = [y for y in ys if 20 * 72 / 25.4 < y < height - 18 * 72 / 25.4]  # @page margins
    return min(body) if body else height


@pytest.mark.pdf
def test_pdf_pages_1_and_2_hold_the_summary_and_the_review_box(readme_pdf, catalog, example_plan):
    first_two = squash(
        readme_pdf.reader.pages[0].extract_text() + readme_pdf.reader.pages[1].extract_text()
    )
    profile = load_answers(EXAMPLE, catalog)
    from careerpath.scoring import assess

    assessment = assess(profile, catalog, "ml-engineer")
    target = assessment.match("ml-engineer")
    wanted = [
        NAME,
        *(m.name for m in assessment.ranking[:3]),  # closest roles
        "ML Engineer",
        f"readiness{target.readiness * 100:.0f}%",
        *(g.name for g in assessment.target_gaps[:3]),  # the three costliest gaps
        *(f"{i}.{p.title}" for i, p in enumerate(example_plan.phases, 1)),  # the phases
        example_plan.end_date_low.isoformat(),
        example_plan.end_date_high.isoformat(),  # when it ends
        # the finish the phases' dates reach, so that it reads as no third finish date
        f"dated at the middle of each estimate: finished by {example_plan.end_date_middle}",
        # how much of the total the reader may leave out
        f"optional steps make up {example_plan.optional_hours_low:g}–"
        f"{example_plan.optional_hours_high:g} h of it",
        "Mentorreview",
        "Notes",
        "Agreednextsteps",
        "Mentorsignature",  # where to write
    ]
    assert [w for w in wanted if squash(w) not in first_two] == []
    # The detail comes after: the fourth gap, the step tables, the appendix.
    for later in [assessment.target_gaps[3].name, "Resources and projects", "Appendix"]:
        assert squash(later) not in first_two, later


@pytest.mark.pdf
def test_pdf_is_shorter_and_has_no_half_empty_page_but_the_last(readme_pdf):
    pages = readme_pdf.reader.pages
    assert len(pages) <= 15  # 18 before issue 14: forced breaks and unsplittable charts
    half = float(pages[0].mediabox.height) / 2
    # Text reaches the lower half of every page but the last (a chart or box alone at the
    # bottom would only make the page look emptier than it is).
    emptier = [n for n, page in enumerate(pages[:-1], 1) if _lowest_text(page) > half]
    assert emptier == []


def test_gantt_has_month_ticks_with_dates_and_every_phase_title_whole(example_html, example_plan):
    root = tinyhtml5.parse(example_html)
    (figure,) = [f for f in elements(root, "figure") if has_class(f, "chart-timeline")]
    svg = next(elements(figure, "svg"))
    ticks = [text(t) for t in elements(svg, "text") if has_class(t, "tick")]
    # Month names, and the year under the first tick and under January.
    months = [t for t in ticks if not t.isdigit()]
    years = [t for t in ticks if t.isdigit()]
    assert len(months) >= 6 and set(months) <= set(chart_geometry.MONTHS)
    tl = chart_geometry.timeline(example_plan)
    # The first tick's year, then each new year's (the example plan runs past one January).
    tick_dates = [t["date"] for t in tl["ticks"]]
    assert any(d.month == 1 for d in tick_dates[1:])
    assert years == [str(tick_dates[0].year)] + [
        str(d.year) for d in tick_dates[1:] if d.month == 1
    ]
    assert ticks[ticks.index("Jan") + 1] == str(tick_dates[0].year + 1)
    assert [t["date"].day for t in tl["ticks"]] == [1] * len(tl["ticks"])
    assert tl["ticks"][0]["date"] > example_plan.start_date
    assert tl["ticks"][-1]["date"] <= example_plan.end_date_high
    # Every phase title whole (wrapped over lines), none cut short with an ellipsis.
    labels = " ".join(text(t) for t in elements(svg, "text") if has_class(t, "label"))
    for number, phase in enumerate(example_plan.phases, 1):
        assert f"{number}. {phase.title}" in labels
    assert "…" not in text(svg)
    assert "Learn MLOps (Machine Learning Operations)" in labels
    # The text alternative gives each phase's dates and the finish range.
    desc = text(next(el for el in svg if local(el.tag) == "desc"))
    for phase in example_plan.phases:
        assert f"{phase.title}: {phase.start_date} to {phase.end_date}" in desc
    assert f"between {example_plan.end_date_low} and {example_plan.end_date_high}" in desc
    # Each bar starts where its phase starts, on the same scale as the ticks.
    bars = [el for el in elements(svg, "rect") if el.get("fill") == "#0b5cad"]
    assert [float(b.get("x")) for b in bars] == [r["bar"]["x"] for r in tl["rows"]]
    first = tl["ticks"][0]
    days = (first["date"] - example_plan.start_date).days
    per_day = (tl["ticks"][1]["x"] - first["x"]) / (tl["ticks"][1]["date"] - first["date"]).days
    assert first["x"] == pytest.approx(tl["label_w"] + days * per_day, abs=0.2)


def test_progress_chart_has_one_cell_per_step_in_its_state_per_phase(progress_report):
    html, plan = progress_report
    root = tinyhtml5.parse(html)
    (figure,) = [f for f in elements(by_id(root, "summary"), "figure")]
    assert has_class(figure, "chart-progress")
    svg = next(elements(figure, "svg"))
    assert svg.get("role") == "img"
    rows = [g for g in elements(svg, "g") if has_class(g, "progress-row")]
    assert len(rows) == len(plan.phases) + 1  # each phase, then the whole plan
    order = list(chart_geometry.PROGRESS_STATES)
    width = chart_geometry.progress_chart(plan)["width"]
    for row, steps in zip(rows, [p.steps for p in plan.phases] + [plan.steps()], strict=True):
        cells = [el for el in elements(row, "rect") if has_class(el, "cell")]
        states = [
            next(c for c in el.get("class").split() if c.startswith("state-"))[6:] for el in cells
        ]
        expected = sorted("todo" if s.status in ("todo", "shortened") else s.status for s in steps)
        assert sorted(states) == expected  # one cell per step, in the step's state
        assert states == sorted(states, key=order.index)  # done first, to do last
        # Equal cells filling the bar: the share of each state is its share of the steps.
        widths = {float(el.get("width")) for el in cells}
        assert len(widths) == 1 and widths.pop() * len(cells) == pytest.approx(width, abs=0.1)
    # The example's first phase: 2 done, 1 learning, 1 skipped, 2 to do.
    first = text(rows[0])
    assert (
        "2 done" in first and "1 learning" in first and "1 skipped" in first and "2 to do" in first
    )
    assert "1 already known" in text(rows[-2])  # soft skills: collaboration is known
    # The legend names every state; the text alternative gives the counts.
    legend = text(svg)
    for label in chart_geometry.PROGRESS_LABELS.values():
        assert label in legend
    desc = text(next(el for el in svg if local(el.tag) == "desc"))
    todo = len(plan.steps()) - 7
    assert f"Whole plan: 3 done · 1 already known · 2 learning · 1 skipped · {todo} to do" in desc
    # And in words in the summary.
    summary = " ".join(text(by_id(root, "summary")).split())
    assert f"{plan.progress * 100:.0f}% of the plan’s hours done" in summary
    assert "3 done, 1 already known, 2 learning, 1 skipped" in summary


def test_progress_chart_geometry_for_a_plan_with_nothing_recorded(example_plan):
    pc = chart_geometry.progress_chart(example_plan)
    whole = pc["rows"][-1]
    assert whole["counts"] == {
        "done": 0,
        "covered": 1,
        "learning": 0,
        "skipped": 0,
        "todo": len(example_plan.steps()) - 1,
    }
    for row, phase in zip(pc["rows"], example_plan.phases, strict=False):
        assert row["total"] == phase.steps_total == len(row["cells"])
        assert row["cells"][0]["x"] == pc["label_w"]
        last = row["cells"][-1]
        assert last["x"] + last["w"] == pytest.approx(pc["label_w"] + pc["width"], abs=0.05)


def test_gantt_marks_the_report_date_inside_the_plan(runner, tmp_path, example_plan):
    # Dated mid-plan with nothing recorded, the schedule keeps its start: the mark shows where
    # the person should be by now. The example's own date is the start: no mark.
    out = tmp_path / "r.html"
    ok(report(runner, out, "--date", "2027-06-15"))
    svg = next(elements(by_id(tinyhtml5.parse(out.read_text(encoding="utf-8")), "plan"), "svg"))
    tl = chart_geometry.timeline(example_plan, today=dt.date(2027, 6, 15))
    (mark,) = [el for el in elements(svg, "line") if el.get("stroke-dasharray")]
    assert float(mark.get("x1")) == tl["today"]["x"]
    days = (dt.date(2027, 6, 15) - example_plan.start_date).days
    first, last = tl["rows"][0]["bar"]["x"], tl["label_w"] + tl["width"]
    span = (
        max(example_plan.end_date_high, example_plan.phases[-1].end_date) - example_plan.start_date
    ).days + 1
    assert tl["today"]["x"] == pytest.approx(first + (last - first) * days / span, abs=0.1)
    assert "report date 2027-06-15" in text(svg)
    assert chart_geometry.timeline(example_plan, today=example_plan.start_date)["today"] is None


@pytest.fixture
def assessed(monkeypatch) -> list[tuple]:
    """The arguments after the profile and catalogue of every scoring.assess call made."""
    from careerpath import scoring

    real, calls = scoring.assess, []

    def counted(*args, **kwargs):
        calls.append(args[2:])
        return real(*args, **kwargs)

    monkeypatch.setattr(scoring, "assess", counted)
    return calls


def test_an_inferred_start_says_in_the_header_how_it_was_chosen(runner, tmp_path):
    """A person with no current role of the catalogue: the header's "Starting from" said
    "Data Engineer" as if she had named it; now it says it is her closest role."""
    written = EXAMPLE.read_text(encoding="utf-8")
    answers = tmp_path / "other.yaml"
    answers.write_text(written.replace("  current_role: data-engineer\n", ""), encoding="utf-8")
    out = tmp_path / "r.html"
    for lang, said in (
        ("en", "Data Engineer (your closest role)"),
        ("pt-BR", "Engenheiro(a) de Dados (seu papel mais próximo)"),
    ):
        ok(report(runner, out, "--force", "--lang", lang, answers=answers))
        header = next(elements(tinyhtml5.parse(out.read_text(encoding="utf-8")), "header"))
        starts = [" ".join(text(dd).split()) for dd in elements(header, "dd")]
        assert said in starts, starts


def test_essential_skills_not_answered_are_named_beside_the_costliest_gaps(runner, tmp_path):
    """The three costliest gaps rank known gaps only: the target's essential skills a person
    did not answer sat at the bottom of the full list, where a mentor would not see them."""
    answers = tmp_path / "partial.yaml"
    answers.write_text(
        "schema_version: 1\nperson: {name: Rui, target_role: ml-project-manager}\n"
        "unlisted: unknown\nskills:\n  project-management: 1\n  issue-trackers: 2\n"
        "  communication: 3\n  stakeholder-management: 2\n",
        encoding="utf-8",
    )
    out = tmp_path / "r.html"
    for lang, said in (
        (
            "en",
            "Not answered, so not ranked: Product management and lifecycle and Responsible AI "
            "and AI regulation, essential skills of ML Project Manager.",
        ),
        ("pt-BR", "Sem resposta, por isso fora da ordem:"),
    ):
        ok(report(runner, out, "--force", "--lang", lang, answers=answers))
        page = " ".join(text(tinyhtml5.parse(out.read_text(encoding="utf-8"))).split())
        assert said in page
        # Four skills of the target answered: its readiness and fit are mostly estimate.
        estimate = {"en": "(An estimate: only ", "pt-BR": "(Uma estimativa: só "}[lang]
        assert re.search(re.escape(estimate) + r"\d+\s?% ", page), page
    # Every essential answered (the example): nothing to add.
    ok(report(runner, out, "--force"))
    assert "Not answered, so not ranked" not in out.read_text(encoding="utf-8")
    assert "An estimate" not in out.read_text(encoding="utf-8")


def test_a_report_assesses_the_profile_once(runner, tmp_path, assessed):
    # Forward, once: assess, then plan from that assessment (the start role, not given, is
    # inferred from its ranking), then render.
    text = EXAMPLE.read_text(encoding="utf-8")
    assert "  current_role: data-engineer\n" in text
    answers = tmp_path / "no-current-role.yaml"
    answers.write_text(text.replace("  current_role: data-engineer\n", ""), encoding="utf-8")
    ok(report(runner, tmp_path / "r.html", answers=answers))
    assert assessed == [("ml-engineer",)]
    assert "<dt>Starting from</dt>" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_plan_toward_a_posting_written_as_a_file_assesses_the_profile_once(
    runner, tmp_path, assessed
):
    # `plan --posting JOB -o FILE` is a plan-only report toward the posting: the assessment
    # the plan is made from (the posting a role of the catalogue) is the one the page shows.
    posting = EXAMPLES / "postings" / "ml-engineer-fernhill.md"
    out = tmp_path / "p.html"
    argv = ["plan", "-a", str(EXAMPLE), "--posting", str(posting), "--start", DATE, "-o", str(out)]
    ok(runner.invoke(cli, argv))
    assert assessed == [("posting",)]
    assert "This posting: Machine Learning Engineer" in out.read_text(encoding="utf-8")


def test_control_and_bidi_override_characters_are_shown_as_escapes(runner, tmp_path):
    # ESC sequences and RIGHT-TO-LEFT OVERRIDE from a name, evidence and mentor notes: as the
    # terminal shows them, never raw (a reader of the PDF would see "gnp.exe" as "exe.png").
    answers = tmp_path / "a.yaml"
    answers.write_text(
        EXAMPLE.read_text("utf-8")
        .replace("name: Daniel Okafor", 'name: "Dan\\e[31m \\u202egnp.exe"', 1)
        .replace("about 40k lines", "about 40k \\a lines \\u202eevil", 1),
        encoding="utf-8",
    )
    assert "\\u202egnp" in answers.read_text("utf-8")
    notes = notes_file(tmp_path, "see \x1b]0;title\x07 and \u202elive\n")
    out = tmp_path / "r.html"
    ok(report(runner, out, "--mentor-notes", str(notes), answers=answers))
    html = out.read_text("utf-8")
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]", html)
    assert "Dan\\x1b[31m \\u202egnp.exe" in html
    assert "\\x1b]0;title\\x07" in html and "\\u202elive" in html


def test_a_warning_shows_its_commands_as_code_not_backticks(runner, tmp_path):
    answers = tmp_path / "few.yaml"
    answers.write_text(
        "schema_version: 1\nunlisted: unknown\nskills:\n  python: 3\n  sql: 2\n", "utf-8"
    )
    out = tmp_path / "r.html"
    ok(report(runner, out, answers=answers))
    root = tinyhtml5.parse(out.read_text("utf-8"))
    warnings = [el for el in elements(root, "p") if has_class(el, "warning")]
    assert warnings and not any("`" in text(w) for w in warnings)
    codes = [text(c) for w in warnings for c in elements(w, "code")]
    assert f"careerpath assess --adaptive --resume {answers}" in codes


@pytest.mark.parametrize("lang", ["en", "pt-BR"])
def test_a_skipped_skill_is_listed_in_the_answers_appendix(runner, tmp_path, lang):
    """`hadoop:` with no level (skipped in the questionnaire) is a row of the appendix, as
    unknown and skipped, in HTML and PDF: it used to vanish, as if it was never asked."""
    answers = tmp_path / "a.yaml"
    answers.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("  hadoop: 2\n", "  hadoop:\n"),
        encoding="utf-8",
    )
    assert "  hadoop:\n" in answers.read_text(encoding="utf-8")
    env = {"CAREERPATH_LANG": lang}
    unknown, skipped, name = (
        ("unknown", "skipped", "Hadoop ecosystem")
        if lang == "en"
        else ("desconhecido", "pulada", "Ecossistema Hadoop")
    )
    ok(report(runner, tmp_path / "r.html", answers=answers, env=env))
    root = tinyhtml5.parse((tmp_path / "r.html").read_text(encoding="utf-8"))
    rows = {
        text(row.find("{*}th")): " ".join(text(row).split())
        for row in elements(by_id(root, "answers"), "tr")
        if row.find("{*}td") is not None
    }
    assert rows[name] == f"{name}{unknown}{skipped}"  # <br> between them
    ok(report(runner, tmp_path / "r.pdf", answers=answers, env=env))
    flat = squash(Pdf((tmp_path / "r.pdf").read_bytes()).text)
    appendix = flat[flat.index(squash("Apêndice" if lang != "en" else "Appendix: your")) :]
    assert squash(f"{name}{unknown}{skipped}") in appendix


def test_page_one_says_when_the_plan_leaves_gaps_out_or_starts_in_the_past(runner, tmp_path):
    """The plan's notes (gaps no step teaches; first dates already past) sat on page 8, so a
    mentor reading pages 1-2 took the finish date for "ready for the role" and missed that
    the mentee was two months behind."""
    answers = EXAMPLES / "answers" / "junior-data-scientist.yaml"
    assert "start_date: 2026-10-05" in answers.read_text(encoding="utf-8")
    out = tmp_path / "r.html"
    ok(report(runner, out, answers=answers))  # dated 2027-01-04, after the file's start
    summary = " ".join(text(by_id(tinyhtml5.parse(out.read_text("utf-8")), "summary")).split())
    plan = json.loads(runner.invoke(cli, ["plan", "-a", str(answers), "--json"]).stdout)
    n = len(plan["untaught"])
    assert n >= 1
    assert (
        f"; {n} skills the target needs are taught by no step to the levels it needs, so" in summary
    )
    assert "; it starts before this report's date, so its first dates are past" in summary
    # A plan that starts on the report's date and teaches every gap says neither.
    analyst = EXAMPLES / "answers" / "analyst-sql-excel.yaml"
    generated = ("--target", "data-analyst", "--from", "data-analyst", "--start", DATE)
    ok(report(runner, out, *generated, "--force", answers=analyst))
    calm = " ".join(text(by_id(tinyhtml5.parse(out.read_text("utf-8")), "summary")).split())
    assert "finishing between" in calm and "taught by no step" not in calm
    assert "first dates are past" not in calm
