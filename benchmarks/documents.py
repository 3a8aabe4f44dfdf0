"""How long reading a CV or job posting takes, for real documents and hostile ones (issue 16).

    python benchmarks/documents.py [--runs 3]

Each document is read with `read_document_text`, the function `prefill` and `posting` start
with, in this process (the imports of pypdf and python-docx are timed once, separately).
Real documents: the 3-page PDF CV and a DOCX CV of the labelled set. Hostile ones, built
here in a temporary folder: a 200 MB PDF (a sparse file), an encrypted PDF, a PDF of 10,000
pages, PDFs of endless drawing, a zip bomb inside a DOCX, a page with scripts and remote
images, and 10 MB pages crafted against html.parser. Printed per document: what came of
it (passages, or the start of the refusal) and the median and slowest wall-clock seconds,
with the machine's load average. Nothing here touches the network.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from careerpath.document_text import read_document_text
from careerpath.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
CVS = ROOT / "benchmarks" / "extraction" / "cvs"


def _pdf_of_pages(path: Path, contents: list[bytes]) -> Path:
    """A PDF with one page per content stream (pypdf's writer)."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    helvetica = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    writer = PdfWriter()
    for data in contents:
        page = writer.add_blank_page(612, 792)
        if data:
            stream = DecodedStreamObject()
            stream.set_data(data)
            page.replace_contents(stream)
            page[NameObject("/Resources")] = DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject("/F1"): helvetica})}
            )
    writer.write(path)
    return path


def _encrypted(path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(CVS / "cv-04-ml-engineer.pdf"))
    writer.encrypt("a secret")
    writer.write(path)
    return path


def _sparse(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n")
    os.truncate(path, 200 * 2**20)
    return path


def _zip_bomb(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("Jane Doe")
    document.save(path)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/image1.png", "w", force_zip64=True) as fh,
    ):
        for _ in range(1024):
            fh.write(bytes(2**20))  # 1 GB of zeros, about 1 MB packed
    return path


def _page(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


SCRIPTS_AND_IMAGES = (
    "<!doctype html><html><head><title>Data Engineer</title>"
    '<script src="https://cdn.example.com/app.js"></script>'
    "<script>fetch('https://tracker.example.com/p')</script>"
    '<link rel="stylesheet" href="https://cdn.example.com/site.css"></head><body>'
    + "<p>Build pipelines in Spark and Airflow.</p>"
    '<img src="https://cdn.example.com/team.jpg"><script>var x = 1;</script>'
    * 200
    + "</body></html>"
)


def documents(folder: Path) -> dict[str, Callable[[], Path]]:
    return {
        "3-page PDF CV": lambda: CVS / "cv-01-data-engineer.pdf",
        "DOCX CV": lambda: CVS / "cv-02-data-analyst.docx",
        "200 MB PDF": lambda: _sparse(folder / "huge.pdf"),
        "encrypted PDF": lambda: _encrypted(folder / "locked.pdf"),
        "10,000-page PDF": lambda: _pdf_of_pages(folder / "long.pdf", [b""] * 10_000),
        "PDF, 3 MB drawing on a page": lambda: _pdf_of_pages(
            folder / "drawing.pdf", [b"BT /F1 9 Tf 12 TL " + b"(x) Tj T* " * 300_000 + b"ET"]
        ),
        "PDF, 20 pages of 8,000 operators": lambda: _pdf_of_pages(
            folder / "operators.pdf", [b"BT /F1 9 Tf 12 TL (x) Tj " + b"T* " * 8_000 + b"ET"] * 20
        ),
        "DOCX zip bomb (1 GB packed in 1 MB)": lambda: _zip_bomb(folder / "bomb.docx"),
        "HTML with scripts and remote images": lambda: _page(
            folder / "job.html", SCRIPTS_AND_IMAGES
        ),
        'HTML of 10 MB of "</"': lambda: _page(folder / "crafted.html", "</" * (5 * 2**20 - 8)),
        "HTML of 10 MB of <div>s": lambda: _page(folder / "divs.html", "<div>" * (2 * 2**20 - 8)),
    }


def outcome(path: Path) -> str:
    try:
        return f"{len(read_document_text(path).passages)} passages"
    except InputError as exc:
        message = str(exc).split(": ", 1)[1]
        return f"refused: {message[:60]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    start = time.perf_counter()
    import docx  # noqa: F401
    import pypdf  # noqa: F401

    print(f"importing pypdf and python-docx: {time.perf_counter() - start:.2f} s")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="careerpath-documents-") as tmp:
        for label, build in documents(Path(tmp)).items():
            path = build()
            seconds = []
            for _ in range(args.runs):
                begin = time.perf_counter()
                result = outcome(path)
                seconds.append(time.perf_counter() - begin)
            print(
                f"{label:38} {statistics.median(seconds):6.2f} s median "
                f"{max(seconds):6.2f} s max  {result}"
            )


if __name__ == "__main__":
    main()
