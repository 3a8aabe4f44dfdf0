"""Regenerate the PDF, DOCX and saved-HTML documents of the labelled set from their sources.

    python benchmarks/extraction/build.py [--check] [--folder benchmarks/extraction-dev]

It builds the held-out set (this folder) or, with --folder, another set in the same layout
(the development set benchmarks/extraction-dev/). Each label file in labels/ names its
document; a document that ends in .pdf, .docx or .html is made from sources/<stem>.md (a small
Markdown subset: # headings, - bullets, paragraphs, **bold** and *italic*). PDFs come from
WeasyPrint, DOCX from python-docx, HTML is wrapped in the page furniture a browser's "save
page" keeps (scripts, a remote logo, navigation, a cookie banner; the templates of
sources/saved-pages/ here, unless the set has its own). Output is byte-for-byte deterministic
(fixed dates, fixed zip timestamps), so a rebuild shows no diff unless a source changed;
--check exits 1 when a committed file is out of date.
Text and Markdown documents are written by hand in postings/ and cvs/ and are not touched.
Nothing is fetched: WeasyPrint's URL fetcher refuses every URL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
# The saved-page templates are shared by every set built here; a set may bring its own.
TEMPLATES = HERE / "sources" / "saved-pages"
GENERATED = (".pdf", ".docx", ".html")
# One fixed moment for every date a format stores, so rebuilding changes no byte.
STAMP = dt.datetime(2026, 1, 5, 9, 0, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Block:
    kind: str  # "h1".."h3", "li", "p"
    text: str  # with **bold** / *italic* marks still in


def parse(source: str) -> list[Block]:
    """The Markdown subset the sources use, as blocks; consecutive plain lines join."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("p", " ".join(paragraph)))
            paragraph.clear()

    for raw in source.splitlines():
        line = raw.strip()
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        bullet = re.match(r"^[-*]\s+(.*)$", line)
        if not line:
            flush()
        elif heading:
            flush()
            blocks.append(Block(f"h{len(heading.group(1))}", heading.group(2)))
        elif bullet:
            flush()
            blocks.append(Block("li", bullet.group(1)))
        else:
            paragraph.append(line)
    flush()
    return blocks


_INLINE = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


def runs(text: str) -> list[tuple[str, str]]:
    """(style, text) pieces: style is "", "b" or "i"."""
    pieces = []
    for part in _INLINE.split(text):
        if not part:
            continue
        if part.startswith("**"):
            pieces.append(("b", part[2:-2]))
        elif part.startswith("*"):
            pieces.append(("i", part[1:-1]))
        else:
            pieces.append(("", part))
    return pieces


def inline_html(text: str) -> str:
    tags = {"b": "strong", "i": "em"}
    return "".join(
        f"<{tags[s]}>{html.escape(t)}</{tags[s]}>" if s else html.escape(t) for s, t in runs(text)
    )


def body_html(blocks: list[Block]) -> str:
    out: list[str] = []
    in_list = False
    for block in blocks:
        if block.kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        if block.kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        tag = block.kind
        out.append(f"<{tag}>{inline_html(block.text)}</{tag}>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


PDF_CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10.5pt; line-height: 1.45; }
h1 { font-size: 17pt; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: 10pt 0 3pt; }
p { margin: 0 0 6pt; }
ul { margin: 0 0 6pt; padding-left: 16pt; }
li { margin: 0 0 3pt; }
"""


def refuse(url: str, *args: object, **kwargs: object) -> dict:
    raise ValueError(f"build.py fetches nothing ({url})")


def write_pdf(blocks: list[Block], title: str, target: Path) -> None:
    from weasyprint import HTML

    created = STAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    page = (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(title)}</title>"
        f"<meta name='dcterms.created' content='{created}'>"
        f"<meta name='dcterms.modified' content='{created}'>"
        f"<meta name='author' content='careerpath extraction benchmark'>"
        f"<style>{PDF_CSS}</style></head><body>{body_html(blocks)}</body></html>"
    )
    data = HTML(string=page, url_fetcher=refuse).write_pdf()
    target.write_bytes(data)


def write_docx(blocks: list[Block], title: str, target: Path) -> None:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10.5)
    for block in blocks:
        if block.kind.startswith("h"):
            paragraph = document.add_heading(level=int(block.kind[1]) - 1 or 0)
        elif block.kind == "li":
            paragraph = document.add_paragraph(style="List Bullet")
        else:
            paragraph = document.add_paragraph()
        for style, text in runs(block.text):
            run = paragraph.add_run(text)
            run.bold = style == "b" or None
            run.italic = style == "i" or None
    props = document.core_properties
    props.title = title
    props.author = "careerpath extraction benchmark"
    props.last_modified_by = "careerpath extraction benchmark"
    props.created = props.modified = STAMP.replace(tzinfo=None)
    props.revision = 1
    raw = io.BytesIO()
    document.save(raw)
    target.write_bytes(fixed_zip(raw.getvalue()))


def fixed_zip(data: bytes) -> bytes:
    """The same zip with every member's timestamp set to STAMP (python-docx uses 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as dest:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=STAMP.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dest.writestr(member, source.read(info.filename))
    return out.getvalue()


# Two job boards' page furniture, as "save page" keeps it: the analytics script, a remote logo
# and stylesheet, navigation, a cookie banner and a footer; str.format fills in the posting.
SAVED_PAGES = ("northlight.html", "workhive.html")


def write_saved_html(
    blocks: list[Block], title: str, target: Path, index: int, templates: Path = TEMPLATES
) -> None:
    name = SAVED_PAGES[index % len(SAVED_PAGES)]
    template = (templates / name).read_text(encoding="utf-8")
    page = template.format(
        slug=target.stem,
        title=html.escape(title),
        title_json=title.replace('"', "'"),
        body=body_html(blocks),
    )
    target.write_text(page, encoding="utf-8")


def generated_documents(folder: Path = HERE) -> list[tuple[Path, Path]]:
    """(source, target) for every labelled document of the set in folder made by this script,
    in name order."""
    pairs = []
    for label_file in sorted((folder / "labels").glob("*.yaml")):
        document = folder / yaml.safe_load(label_file.read_text(encoding="utf-8"))["document"]
        if document.suffix in GENERATED:
            pairs.append((folder / "sources" / f"{document.stem}.md", document))
    return pairs


def build(target_dir: Path | None = None, folder: Path = HERE) -> list[tuple[Path, Path]]:
    """Write every generated document of the set in folder (into target_dir instead of its
    place when given): (its place in the set, the file written)."""
    own = folder / "sources" / "saved-pages"
    templates = own if own.is_dir() else TEMPLATES
    written = []
    for index, (source, target) in enumerate(generated_documents(folder)):
        blocks = parse(source.read_text(encoding="utf-8"))
        title = next(b.text for b in blocks if b.kind == "h1").replace("*", "")
        out = (target_dir / target.name) if target_dir else target
        out.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix == ".pdf":
            write_pdf(blocks, title, out)
        elif target.suffix == ".docx":
            write_docx(blocks, title, out)
        else:
            write_saved_html(blocks, title, out, index, templates)
        written.append((target, out))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="only report documents that differ from a rebuild"
    )
    parser.add_argument(
        "--folder",
        type=Path,
        default=HERE,
        help="the set to build (default: the held-out set, this script's folder)",
    )
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    if args.check:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            stale = [
                target.relative_to(folder)
                for target, out in build(Path(tmp), folder)
                if not target.exists() or out.read_bytes() != target.read_bytes()
            ]
        for name in stale:
            print(f"out of date: {name}")
        return 1 if stale else 0
    for target, _ in build(folder=folder):
        print(target.relative_to(folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
