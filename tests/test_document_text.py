"""Reading CVs and job postings: every format with its lines and pages, and the hostile
documents of issue 16 (huge, encrypted, zip bombs, 10,000 pages, scripts, scans), each
refused with a clear message naming the file, or read, without fetching anything."""

from __future__ import annotations

import os
import socket
import zipfile
from pathlib import Path

import pytest

from careerpath import document_text
from careerpath.document_text import (
    MAX_CHARS,
    MAX_PDF_PAGES,
    Passage,
    read_document_text,
    split_sentences,
)
from careerpath.errors import InputError

# --- building documents --------------------------------------------------------------------


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def pdf_bytes(pages: list[list[str]], *, image_only: bool = False, count: int | None = None):
    """A PDF written out by hand: one page per list, one text line per string (Helvetica),
    or on every page only an 8x8 grey image (a scan has pictures of text, no text).
    ``count`` overrides the page tree's /Count, to make a file lie about its length."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages' numbers are known
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 64 >>\nstream\n" + bytes(range(64)) + b"\nendstream",
    ]
    kids = []
    for lines in pages:
        if image_only:
            ops = "q 200 0 0 200 72 500 cm /Im1 Do Q"
        else:
            shown = " ".join(f"{_pdf_string(line)} Tj T*" for line in lines)
            ops = f"BT /F1 11 Tf 14 TL 72 740 Td {shown} ET"
        content = ops.encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /Im1 4 0 R >> >> >>" % len(objects)
        )
        kids.append(len(objects))
    refs = " ".join(f"{k} 0 R" for k in kids).encode()
    declared = len(kids) if count is None else count
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, declared)
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
        document.add_paragraph("After the table.")
    document.save(path)
    return path


def rewrite_document_xml(path: Path, change) -> Path:
    """``path``, a DOCX file, with its word/document.xml text passed through ``change``."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts["word/document.xml"] = change(parts["word/document.xml"].decode()).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


def refused(path: Path, *words: str) -> str:
    """The message read_document_text refuses ``path`` with; it names the file and says
    each of ``words``."""
    with pytest.raises(InputError) as caught:
        read_document_text(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:"), message
    for word in words:
        assert word in message, message
    assert "\n" not in message  # one problem, one line
    return message


def where(doc) -> list[tuple[str, str]]:
    return [(p.where(), p.text) for p in doc.passages]


def read_as(path: Path, kind: str) -> list[tuple[str, str]]:
    """(where, text) of each passage of ``path``, read as a ``kind`` document."""
    doc = read_document_text(path)
    assert doc.kind == kind
    return where(doc)


# --- sentences -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Worked with databases, e.g. SQL Server and Postgres.",
        "Owned the platform, i.e. Kubernetes and its tooling.",
        "Python, Spark, etc. and a little Scala.",
        "Promoted to Sr. Engineer in 2021.",
        "Chose Airflow vs. Dagster for the team.",
        "Reported to J. Smith, head of data.",
    ],
)
def test_abbreviations_do_not_end_a_sentence(line):
    assert split_sentences(line) == [line]


def test_sentences_end_at_a_stop_before_a_capital_or_digit():
    assert split_sentences('Led a team of 4. Built "Atlas" in Spark! 2019: moved to dbt? Yes.') == [
        "Led a team of 4.",
        'Built "Atlas" in Spark!',
        "2019: moved to dbt?",
        "Yes.",
    ]
    assert split_sentences("Released v2.1 of the tool. Then more.") == [
        "Released v2.1 of the tool.",
        "Then more.",
    ]


# --- each format ---------------------------------------------------------------------------


def test_text_and_markdown_lines(tmp_path):
    md = tmp_path / "cv.md"
    md.write_text("# Jane Doe\n\n- Python for 5 years. Led the data team.\n1. SQL\n", "utf-8")
    assert read_as(md, "markdown") == [
        ("line 1", "Jane Doe"),
        ("line 3", "Python for 5 years."),
        ("line 3", "Led the data team."),
        ("line 4", "SQL"),
    ]
    assert read_document_text(md).text == "Jane Doe\nPython for 5 years.\nLed the data team.\nSQL"


@pytest.mark.parametrize(
    "encoding", ["cp1252", "utf-16", "utf-8-sig", "utf-8"], ids=["ansi", "unicode", "bom", "utf8"]
)
def test_a_text_cv_saved_by_a_windows_editor_is_read(tmp_path, encoding):
    # Windows editors save "ANSI" (Windows-1252) and "Unicode" (UTF-16 with its mark): a
    # Portuguese CV in either was refused with "save it as UTF-8".
    cv = tmp_path / "cv.txt"
    cv.write_bytes("Análise estatística – regressão linear em Python.\n".encode(encoding))
    assert read_as(cv, "text") == [("line 1", "Análise estatística – regressão linear em Python.")]


def test_a_utf8_cv_with_one_stray_byte_is_refused_where_it_is_not_garbled(tmp_path):
    # Read as Windows-1252, "Experiência" would become "ExperiÃªncia" and match nothing.
    cv = tmp_path / "cv.txt"
    cv.write_bytes("Experiência com Python.\n".encode() + b"Dados \x96 SQL.\n")
    with pytest.raises(InputError, match="not UTF-8") as caught:
        read_document_text(cv)
    assert caught.value.problems[0].line == 2


def test_an_html_cv_with_no_charset_saved_by_a_windows_editor_is_read(tmp_path):
    page = tmp_path / "cv.html"
    page.write_bytes(
        "<html><body><p>Análise estatística em Python.</p></body></html>".encode("cp1252")
    )
    assert [p.text for p in read_document_text(page).passages] == ["Análise estatística em Python."]


def test_a_binary_file_named_txt_is_still_refused(tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="NUL"):
        read_document_text(cv)


def test_markdown_emphasis_and_code_marks_are_not_quoted(tmp_path):
    # A passage is what a draft quotes as evidence: "**Skills:** `dbt`" read as markup.
    md = tmp_path / "cv.md"
    md.write_text("**Skills:** `dbt`, __Airflow__ and C++; snake_case *names*\n", "utf-8")
    assert read_as(md, "markdown") == [
        ("line 1", "Skills: dbt, Airflow and C++; snake_case *names*")
    ]


def test_markdown_sentences_that_wrap_are_one_passage_numbered_where_they_start(tmp_path):
    md = tmp_path / "cv.md"
    md.write_text(
        "# Inês Carvalho\n"
        "\n"
        "People-analytics lead with 7 years of experience turning HR and workforce data into\n"
        "decisions. I run a small analytics team inside a 40-person data organisation and\n"
        "want to move toward data science.\n"
        "\n"
        "- Designed the attrition-risk analysis: logistic regression in Python (pandas,\n"
        "  scikit-learn) on five years of HR data; presented the findings to the board.\n"
        "- Built Excel models (pivot tables, Power\n"
        "  Query) for workforce planning. Then\n"
        "  automated them.\n"
        "- Familiar with R.\n"
        "\n"
        "Data engineer with five years of experience at an e-commerce company. I own our\n"
        "Spark batch jobs, the Kafka click-stream ingestion and the Airflow DAGs on AWS and\n"
        "Kubernetes.\n",
        "utf-8",
    )
    assert read_as(md, "markdown") == [
        ("line 1", "Inês Carvalho"),
        (
            "line 3",
            "People-analytics lead with 7 years of experience turning HR and workforce data "
            "into decisions.",
        ),
        (
            "line 4",
            "I run a small analytics team inside a 40-person data organisation and want to "
            "move toward data science.",
        ),
        (
            "line 7",
            "Designed the attrition-risk analysis: logistic regression in Python (pandas, "
            "scikit-learn) on five years of HR data; presented the findings to the board.",
        ),
        ("line 9", "Built Excel models (pivot tables, Power Query) for workforce planning."),
        ("line 10", "Then automated them."),
        ("line 12", "Familiar with R."),
        ("line 14", "Data engineer with five years of experience at an e-commerce company."),
        # A line broken before a capitalised word for want of room ("our" / "Spark").
        (
            "line 14",
            "I own our Spark batch jobs, the Kafka click-stream ingestion and the Airflow "
            "DAGs on AWS and Kubernetes.",
        ),
    ]


def test_text_lines_of_their_own_stay_apart(tmp_path):
    # A text CV's headings in capitals, its labelled lines and its one-item lines are not
    # sentences wrapped, even when indented or when the line before has no full stop.
    txt = tmp_path / "cv.txt"
    txt.write_text(
        "JONAS WEBER\n"
        "MLOps / Platform Engineer\n"
        "\n"
        "SKILLS\n"
        "  Cloud: AWS (EKS, SageMaker, S3, IAM, Lambda) - certified Solutions Architect\n"
        "  Containers: Docker, Kubernetes, Helm, Argo CD, and a long tail of smaller tools\n"
        "  Languages: Python, Bash, Go (basic)\n"
        "Python\n"
        "SQL\n"
        "pandas\n"
        "SQL, AWS, GCP,\n"
        "Docker\n"
        "  - Designed and built our ML platform on AWS: SageMaker training jobs, a registry\n"
        "    Real-time endpoints behind an internal API gateway.\n"
        "EDUCATION\n"
        "Diplom-Informatiker (FH), Hochschule München, 2017\n",
        "utf-8",
    )
    assert read_as(txt, "text") == [
        ("line 1", "JONAS WEBER"),
        ("line 2", "MLOps / Platform Engineer"),
        ("line 4", "SKILLS"),
        ("line 5", "Cloud: AWS (EKS, SageMaker, S3, IAM, Lambda) - certified Solutions Architect"),
        (
            "line 6",
            "Containers: Docker, Kubernetes, Helm, Argo CD, and a long tail of smaller tools",
        ),
        ("line 7", "Languages: Python, Bash, Go (basic)"),
        ("line 8", "Python"),
        ("line 9", "SQL"),
        ("line 10", "pandas"),  # lowercase, but after a line of one word
        ("line 11", "SQL, AWS, GCP, Docker"),  # capitals, but ending in a comma
        # indented under the list item: its next line, whatever its first word
        (
            "line 13",
            "Designed and built our ML platform on AWS: SageMaker training jobs, a registry "
            "Real-time endpoints behind an internal API gateway.",
        ),
        ("line 15", "EDUCATION"),
        ("line 16", "Diplom-Informatiker (FH), Hochschule München, 2017"),
    ]


def test_pdf_pages_and_lines(tmp_path):
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(
        pdf_bytes([["Jane Doe", "Data engineer. Spark since 2019."], ["Skills: SQL (expert)"]])
    )
    assert read_as(pdf, "pdf") == [
        ("page 1, line 1", "Jane Doe"),
        ("page 1, line 2", "Data engineer."),
        ("page 1, line 2", "Spark since 2019."),
        ("page 2, line 1", "Skills: SQL (expert)"),
    ]


def test_pdf_lines_that_wrap_are_one_sentence(tmp_path):
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(
        pdf_bytes(
            [
                [
                    "Built streaming pipelines with",
                    "Kafka and scikit-",
                    "learn models. Ran them for",
                    "three teams.",
                    "Next",
                ]
            ]
        )
    )
    doc = read_document_text(pdf)
    assert where(doc) == [
        ("page 1, line 1", "Built streaming pipelines with Kafka and scikit-learn models."),
        ("page 1, line 3", "Ran them for three teams."),  # where that sentence starts
        ("page 1, line 5", "Next"),
    ]


@pytest.mark.pdf
def test_pdf_rendered_by_weasyprint(tmp_path):
    from weasyprint import HTML

    pdf = tmp_path / "cv.pdf"
    HTML(
        string="<h1>Jane Doe</h1><p>Ran Spark jobs in production.</p>"
        "<p style='break-before: page'>Python &amp; SQL, e.g. Postgres.</p>"
    ).write_pdf(pdf)
    assert where(read_document_text(pdf)) == [
        ("page 1, line 1", "Jane Doe"),
        ("page 1, line 2", "Ran Spark jobs in production."),
        ("page 2, line 1", "Python & SQL, e.g. Postgres."),
    ]


def test_docx_paragraphs_and_tables(tmp_path):
    path = write_docx(
        tmp_path / "cv.docx",
        ["Jane Doe", "", "Led the move to Kubernetes. Wrote the Terraform."],
        table=[["Skill", "Years"], ["Python", "6"]],
    )
    assert read_as(path, "docx") == [
        ("line 1", "Jane Doe"),
        ("line 3", "Led the move to Kubernetes."),
        ("line 3", "Wrote the Terraform."),
        ("line 4", "Skill | Years"),  # a row of short cells reads as one line
        ("line 5", "Python | 6"),
        ("line 6", "After the table."),
    ]


def test_docx_table_cells_with_paragraphs_and_merged_cells(tmp_path):
    import docx

    document = docx.Document()
    grid = document.add_table(rows=2, cols=2)
    grid.cell(0, 0).text = "Experience"
    grid.cell(0, 1).text = "Acme: ran Spark."
    grid.cell(0, 1).add_paragraph("Built dbt models.")
    grid.cell(1, 0).merge(grid.cell(1, 1)).text = "One merged cell"
    document.save(tmp_path / "cv.docx")
    assert [p.text for p in read_document_text(tmp_path / "cv.docx").passages] == [
        "Experience",
        "Acme: ran Spark.",
        "Built dbt models.",
        "One merged cell",  # listed once, not once per grid column
    ]


HOSTILE_HTML = """<!DOCTYPE html>
<html><head><title>Data Engineer at Acme</title>
<link rel="stylesheet" href="https://cdn.example.com/site.css">
<script>var secret = "SCRIPT-TEXT"; fetch("https://tracker.example.com/p");</script>
<style>body { background: url(https://cdn.example.com/bg.png) }
.x::after { content: "STYLE-TEXT" }</style>
</head>
<body>
<noscript><img src="https://tracker.example.com/pixel.gif">NOSCRIPT-TEXT</noscript>
<h1>Data Engineer</h1>
<p>You <b>must</b> know Spark &amp; SQL &mdash; e.g. Postgres.<br>Nice to have: dbt.</p>
<img src="https://cdn.example.com/team.jpg" alt="ALT-TEXT" onerror="alert('x')">
<ul><li>Python</li><li>Airflow <a href="https://example.com/airflow">docs</a></li></ul>
<svg><text>SVG-TEXT</text></svg><template><p>TEMPLATE-TEXT</p></template>
<table><tr><td>Location</td><td>Remote</td></tr></table>
<iframe src="https://example.com/frame">IFRAME-TEXT</iframe>
<script>document.write("SCRIPT-TEXT-2")</script>
<pre>Line one
line two</pre>
</body></html>
"""


def test_html_visible_text_only_and_nothing_fetched(tmp_path, monkeypatch):
    attempts: list[object] = []

    def no_network(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("reading a document must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    page = tmp_path / "job.html"
    page.write_text(HOSTILE_HTML, "utf-8")
    doc = read_document_text(page)
    assert doc.kind == "html"
    assert where(doc) == [
        ("line 1", "Data Engineer"),
        ("line 2", "You must know Spark & SQL — e.g. Postgres."),
        ("line 3", "Nice to have: dbt."),
        ("line 4", "Python"),
        ("line 5", "Airflow docs"),
        ("line 6", "Location | Remote"),  # a table row is a line, as in DOCX
        ("line 7", "Line one"),
        ("line 8", "line two"),
    ]
    for hidden in ("SCRIPT", "STYLE", "NOSCRIPT", "ALT", "SVG", "TEMPLATE", "IFRAME", "http"):
        assert hidden not in doc.text
    assert attempts == []


def test_html_in_a_declared_legacy_charset(tmp_path):
    page = tmp_path / "job.htm"
    page.write_bytes(
        '<html><head><meta charset="windows-1252"></head><body><p>Café – Data Analyst</p>'
        "</body></html>".encode("cp1252")
    )
    assert [p.text for p in read_document_text(page).passages] == ["Café – Data Analyst"]


def test_docx_text_boxes_are_read_once(tmp_path):
    paragraphs = (
        "<w:p><w:r><w:t>Skills: Python, SQL</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Docker</w:t></w:r></w:p>"
    )
    box = (  # Word's shape, and the same box again as the fallback for old readers
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
        'compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        f"{paragraphs}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict>"
        f"<w:txbxContent>{paragraphs}</w:txbxContent></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )
    path = rewrite_document_xml(
        write_docx(tmp_path / "cv.docx", ["Jane Doe", "Profile", "Experience"]),
        lambda xml: xml.replace("<w:t>Profile</w:t></w:r>", f"<w:t>Profile</w:t></w:r>{box}"),
    )
    assert read_as(path, "docx") == [
        ("line 1", "Jane Doe"),
        ("line 2", "Profile"),
        ("line 3", "Skills: Python, SQL"),
        ("line 4", "Docker"),
        ("line 5", "Experience"),
    ]


def test_unknown_suffix_is_sniffed(tmp_path):
    (tmp_path / "cv").write_bytes(pdf_bytes([["Jane Doe"]]))
    write_docx(tmp_path / "cv.bin", ["Jane Doe"])
    (tmp_path / "saved").write_text("<!doctype html><p>Jane &amp; Doe</p>", "utf-8")
    (tmp_path / "notes.log").write_text("Jane Doe\n", "utf-8")
    kinds = {
        name: (read_document_text(tmp_path / name).kind, read_document_text(tmp_path / name).text)
        for name in ("cv", "cv.bin", "saved", "notes.log")
    }
    assert kinds == {
        "cv": ("pdf", "Jane Doe"),
        "cv.bin": ("docx", "Jane Doe"),
        "saved": ("html", "Jane & Doe"),
        "notes.log": ("text", "Jane Doe"),
    }


def test_passage_where():
    assert Passage("x", 14, 2).where() == "page 2, line 14"
    assert Passage("x", 14).where() == "line 14"


# --- hostile and broken documents ----------------------------------------------------------


def test_a_200_mb_pdf_is_refused_without_reading_it(tmp_path, monkeypatch):
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(b"%PDF-1.7\n")
    os.truncate(huge, 200 * 2**20)  # sparse: no 200 MB written to the disk
    opened: list[object] = []
    monkeypatch.setattr(
        "careerpath.documents.open", lambda *a, **k: opened.append(a), raising=False
    )
    refused(huge, "too large", "200", "20 MB")
    assert opened == []


def test_size_limits_follow_the_sniffed_format(tmp_path):
    big = tmp_path / "notes"
    big.write_bytes(b"a line of text\n" * (6 * 2**20 // 15))  # over the 5 MB of a text file
    refused(big, "too large for a text file", "5 MB")


def test_encrypted_pdf_is_refused(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(pdf_bytes([["Jane Doe"]]))
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt("a secret")
    writer.write(tmp_path / "locked.pdf")
    refused(tmp_path / "locked.pdf", "encrypted", "password", ".txt")


def test_pdf_encrypted_with_an_empty_password_is_read(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(pdf_bytes([["Jane Doe"]]))
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt("", owner_password="the owner")  # "protected": opens without a password
    writer.write(tmp_path / "protected.pdf")
    assert read_document_text(tmp_path / "protected.pdf").text == "Jane Doe"


def test_aes_pdf_without_the_cryptography_package_says_what_to_do(tmp_path, monkeypatch):
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import DependencyError

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(pdf_bytes([["Jane Doe"]]))
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt("", owner_password="the owner")
    writer.write(tmp_path / "aes.pdf")

    def needs_cryptography(self, password):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    # AES files cannot be written here without that package either; decrypt() raises as
    # pypdf does on an AES file when the package is missing.
    monkeypatch.setattr(PdfReader, "decrypt", needs_cryptography)
    refused(tmp_path / "aes.pdf", "encrypted", "cryptography")


def test_a_10000_page_pdf_is_refused_without_visiting_its_pages(tmp_path, monkeypatch):
    from pypdf import PageObject, PdfReader, PdfWriter

    writer = PdfWriter()
    for _ in range(10_000):
        writer.add_blank_page(612, 792)
    writer.write(tmp_path / "long.pdf")
    raw = (tmp_path / "long.pdf").read_bytes()
    # The same file claiming to have one page (same length, so the offsets stay right).
    (tmp_path / "liar.pdf").write_bytes(raw.replace(b"/Count 10000", b"/Count 1    "))
    objects_read = []
    real_get_object = PdfReader.get_object

    def counting(self, indirect):
        objects_read.append(indirect)
        return real_get_object(self, indirect)

    def never(self, *args, **kwargs):
        raise AssertionError("no page's text is extracted")

    monkeypatch.setattr(PdfReader, "get_object", counting)
    monkeypatch.setattr(PageObject, "extract_text", never)
    refused(tmp_path / "long.pdf", "10,000 pages", str(MAX_PDF_PAGES))
    assert len(objects_read) < 10
    objects_read.clear()
    refused(tmp_path / "liar.pdf", f"more than {MAX_PDF_PAGES} pages")
    assert len(objects_read) < 4 * MAX_PDF_PAGES


def test_a_pdf_with_endless_drawing_is_refused(tmp_path, monkeypatch):
    # 3 MB of drawing instructions on one page: refused before pypdf interprets them.
    pdf = tmp_path / "drawing.pdf"
    pdf.write_bytes(pdf_bytes([["x"] * 300_000]))
    refused(pdf, "far more complex than a CV", "KB of drawing instructions")
    # Many pages of many operators each, within the size: refused once they add up.
    monkeypatch.setattr(document_text, "MAX_PDF_OPERATORS", 500)
    pdf.write_bytes(pdf_bytes([["Python and SQL."] * 100] * 4))
    refused(pdf, "far more complex than a CV", "over 500 drawing operators")


def test_page_limit_allows_a_long_cv(tmp_path):
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(pdf_bytes([[f"Page {n}"] for n in range(1, MAX_PDF_PAGES + 1)]))
    assert len(read_document_text(pdf).passages) == MAX_PDF_PAGES
    pdf.write_bytes(pdf_bytes([["Page"]] * (MAX_PDF_PAGES + 1)))
    refused(pdf, f"{MAX_PDF_PAGES + 1} pages")


def test_a_scanned_pdf_says_it_has_no_text_layer(tmp_path):
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes([[], []], image_only=True))
    refused(scan, "no text layer", "scan", ".txt")


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 3],  # truncated in a download
        lambda raw: b"%PDF-1.7\n" + bytes(range(256)) * 40,  # a header, then garbage
        lambda raw: raw.replace(b"/Type /Catalog /Pages 2 0 R", b"/Type /Catalog /Pages 99 0 R"),
        lambda raw: b"",
    ],
    ids=["truncated", "garbage", "dangling-pages", "empty"],
)
def test_damaged_pdfs_give_a_clear_error(tmp_path, damage):
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(damage(pdf_bytes([["Jane Doe, data engineer"], ["Skills"]])))
    refused(pdf, "cannot be read as a PDF", "damaged")


@pytest.mark.timeout(60)  # a guard against blow-ups, not a benchmark
@pytest.mark.parametrize(
    "page",
    [
        "</" * 500_000,  # html.parser's close() rescans this once per "</": hours
        "<p>Data Engineer</p>" + "<![CDATA[" * 100_000 + ">",
        "<p>Data Engineer</p>" + "<!--" * 200_000 + ">",
        "<noscript>" + "<" * 1_000_000,
        "<div>" * 400_000,
    ],
    ids=["end-tags", "cdata", "comments", "hidden-text", "tags"],
)
def test_crafted_html_is_handled_in_bounded_work(tmp_path, page):
    path = tmp_path / "job.html"
    path.write_text(page, "utf-8")
    try:
        doc = read_document_text(path)
    except InputError as exc:
        assert any(
            words in str(exc) for words in ("has no text", "HTML tags and pieces of text")
        ), exc
    else:
        assert doc.text == "Data Engineer"


def _docx_with(path: Path, extra: dict[str, bytes | int]) -> Path:
    """A real DOCX plus entries: bytes as they are, or an int: that many zero bytes,
    written in pieces (a zip bomb packs 100 MB of zeros into about 100 KB)."""
    write_docx(path, ["Jane Doe"])
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        for name, data in extra.items():
            if isinstance(data, bytes):
                archive.writestr(name, data)
                continue
            with archive.open(name, "w", force_zip64=True) as fh:
                piece = bytes(2**20)
                for _ in range(data // len(piece)):
                    fh.write(piece)
    return path


def test_a_zip_bomb_inside_a_docx_is_refused_before_unpacking(tmp_path, monkeypatch):
    import docx

    def never(*args, **kwargs):
        raise AssertionError("python-docx must not open a zip bomb")

    bomb = _docx_with(tmp_path / "bomb.docx", {"word/media/image1.png": 120 * 2**20})
    assert bomb.stat().st_size < 2**20
    dense = _docx_with(tmp_path / "dense.docx", {"word/media/image1.png": 8 * 2**20})
    many = _docx_with(
        tmp_path / "many.docx", {f"customXml/extra{n}.xml": b"<a/>" for n in range(1001)}
    )
    monkeypatch.setattr(docx, "Document", never)
    refused(bomb, "zip bomb", "121 MB; the limit is 100 MB")
    refused(dense, "zip bomb", "word/media/image1.png", "to 1")
    refused(many, "parts", "a few dozen")


@pytest.mark.parametrize(
    ("name", "make", "words"),
    [
        ("cut.docx", lambda raw: raw[: len(raw) // 2], ["not a DOCX file", "zip"]),
        ("none.docx", lambda raw: b"not a zip at all", ["not a DOCX file"]),
        ("other.docx", None, ["not a Word document"]),
        ("badxml.docx", "badxml", ["cannot be read as a DOCX file"]),
    ],
)
def test_damaged_docx_gives_a_clear_error(tmp_path, name, make, words):
    path = tmp_path / name
    if make is None:
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("hello.txt", "an ordinary zip")
    elif make == "badxml":
        rewrite_document_xml(write_docx(path, ["Jane Doe"]), lambda xml: "<w:document><open>")
    else:
        path.write_bytes(make(write_docx(tmp_path / "good.docx", ["Jane Doe"]).read_bytes()))
    refused(path, *words)


def test_docx_entities_are_neither_expanded_nor_fetched(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", "utf-8")
    laughs = "".join(
        f'<!ENTITY l{n + 1} "{f"&l{n};" * 10}">' for n in range(9)
    )  # l9 is 10^9 "lol"s
    doctype = (
        f'<!DOCTYPE w:document [<!ENTITY l0 "lol">{laughs}'
        f'<!ENTITY file SYSTEM "{secret.as_uri()}">]>'
    )

    def hostile(reference: str):
        def change(xml: str) -> str:
            head, body = xml.split("?>", 1)
            return f"{head}?>{doctype}" + body.replace(
                "<w:t>Jane Doe</w:t>", f"<w:t>Jane {reference}</w:t>"
            )

        return change

    bomb = rewrite_document_xml(write_docx(tmp_path / "lol.docx", ["Jane Doe"]), hostile("&l9;"))
    refused(bomb, "cannot be read as a DOCX file")
    leak = rewrite_document_xml(write_docx(tmp_path / "xxe.docx", ["Jane Doe"]), hostile("&file;"))
    assert "TOP-SECRET" not in read_document_text(leak).text


def test_extracted_text_is_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(document_text, "MAX_CHARS", 1_000)
    text = tmp_path / "cv.txt"
    text.write_text("Python and SQL.\n" * 100, "utf-8")
    refused(text, "characters of text")
    pdf = tmp_path / "cv.pdf"
    pdf.write_bytes(pdf_bytes([["Python and SQL, every day of the year."] * 30] * 3))
    refused(pdf, "characters of text")
    write_docx(tmp_path / "cv.docx", ["Python and SQL."] * 100)
    refused(tmp_path / "cv.docx", "characters of text")
    (tmp_path / "job.html").write_text("<p>Python and SQL.</p>" * 100, "utf-8")
    refused(tmp_path / "job.html", "characters of text")


def test_the_default_character_cap_holds_a_long_cv(tmp_path):
    text = tmp_path / "cv.txt"
    line = "Built and ran Spark pipelines for the finance team.\n"
    text.write_text(line * (MAX_CHARS // len(line) - 10), "utf-8")
    assert len(read_document_text(text).passages) == MAX_CHARS // len(line) - 10


def test_docx_with_huge_xml_or_endless_paragraphs_is_refused(tmp_path, monkeypatch):
    import docx

    filler = os.urandom(3 * 2**20).hex()  # 6 MB of text that does not pack: no ratio alarm
    path = _docx_with(tmp_path / "big.docx", {"word/glossary/document.xml": filler.encode()})
    monkeypatch.setattr(document_text, "MAX_DOCX_XML", 4 * 2**20)
    real_document = docx.Document
    monkeypatch.setattr(docx, "Document", lambda *a: pytest.fail("opened"))
    refused(path, "its XML parts take 7 MB; the limit is 4 MB")
    monkeypatch.setattr(docx, "Document", real_document)
    monkeypatch.setattr(document_text, "MAX_DOCX_PARAGRAPHS", 50)
    refused(write_docx(tmp_path / "long.docx", [""] * 60), "over 50 paragraphs")


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.txt", ""), ("blank.md", "\n  \n"), ("empty.html", "<p> </p><script>x</script>")],
)
def test_a_document_without_text_says_so(tmp_path, name, content):
    (tmp_path / name).write_text(content, "utf-8")
    refused(tmp_path / name, "has no text")
    refused(write_docx(tmp_path / "empty.docx", ["", " "]), "has no text")


def test_binary_garbage_and_unread_formats_are_refused(tmp_path):
    garbage = tmp_path / "cv.dat"
    garbage.write_bytes(bytes(range(256)) * 8)
    refused(garbage, "NUL byte")
    (tmp_path / "cv.doc").write_bytes(b"\xd0\xcf\x11\xe0" + bytes(100))
    refused(tmp_path / "cv.doc", ".doc", "PDF, DOCX")


def test_missing_files_and_folders(tmp_path):
    refused(tmp_path / "missing.pdf", "file not found")
    (tmp_path / "folder.docx").mkdir()
    refused(tmp_path / "folder.docx", "directory")


def test_portuguese_lines_that_wrap_are_one_sentence(tmp_path):
    # A line ends in a word that cannot end a Portuguese sentence ("e", "com", "para"), and
    # "p.ex." or "Dra." ends none; an address's ".com" is no such word.
    path = tmp_path / "cv.txt"
    path.write_text(
        "Ana Souza · ana@example.com\n"
        "Telefone: +55 11 4000-0000\n"
        "Trabalhei com SQL e\n"
        "Python por cinco anos.\n"
        "Orientada pela Dra. Lima em modelos de séries temporais, p.ex. ARIMA.\n",
        "utf-8",
    )
    assert [p.text for p in read_document_text(path).passages] == [
        "Ana Souza · ana@example.com",
        "Telefone: +55 11 4000-0000",
        "Trabalhei com SQL e Python por cinco anos.",
        "Orientada pela Dra. Lima em modelos de séries temporais, p.ex. ARIMA.",
    ]
