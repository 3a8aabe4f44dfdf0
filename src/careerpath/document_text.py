"""The text of a CV or a job posting, cut into passages that know where they came from.

A passage is one sentence (or one short line, such as a CV bullet) with the number of the
line it starts on, and its page for a PDF, so that evidence quoted from a document can say
"page 2, line 14". Lines are a PDF page's text lines, a DOCX file's paragraphs (table rows or
cells and text boxes in reading order), an HTML page's blocks (a heading, a paragraph, a list
item, a table row), or a text or Markdown file's lines. A sentence wrapped over several lines
of a PDF or a text file is one passage, whichever line it breaks at (``_pdf_goes_on``,
``text_goes_on`` give the rules); a DOCX paragraph or an HTML block is already whole.

Everything is bounded, because a document is a person's CV or one job ad, never a library:
the file size is checked on stat() before any byte is read; a PDF's pages are counted before
any is extracted, and the drawing work of extracting them is budgeted; a DOCX file's zip
entries are checked before python-docx unpacks them; an HTML page's tags are counted; and
the text extracted is capped. Each refusal is an InputError naming the file.
Nothing is ever fetched: HTML is parsed by the standard library's parser, which only sees the
text; remote images, style sheets and links are never followed, and DOCX XML entities are
not resolved. pypdf and python-docx are imported inside their readers, so commands that read
no documents never load them.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import os
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from careerpath.documents import MAX_BYTES, decode, read_bytes
from careerpath.errors import InputError
from careerpath.i18n import N_, _, format_fixed, format_number
from careerpath.models.inputs import DocumentKind

if TYPE_CHECKING:  # imported inside their readers (see above)
    from docx.document import Document as DocxDocument
    from docx.table import _Cell
    from lxml import etree
    from pypdf import PdfReader

MAX_PASSAGES = 20_000  # a long CV has a few hundred; a one-page ad a few dozen
MAX_PASSAGE_CHARS = 1_000  # longer runs of text are cut into pieces of this size
MAX_CHARS = 500_000  # extracted text: a dense 50-page document has about 200,000
MAX_PDF_PAGES = 50  # a CV or a job ad never has more
# File sizes, checked before reading: a PDF or DOCX with photos and embedded fonts stays far
# below 20 MB; a page saved from a browser carries its scripts inline, text files stay small.
MAX_FILE_BYTES: dict[DocumentKind, int] = {
    "pdf": 20 * 2**20,
    "docx": 20 * 2**20,
    "html": 10 * 2**20,
    "markdown": MAX_BYTES,
    "text": MAX_BYTES,
}
# A DOCX file is a zip of XML parts. python-docx reads every part whole, so the parts' total
# size is the memory it takes: refuse archives that would unpack far beyond the file's size.
MAX_DOCX_ENTRIES = 1_000  # a Word document has 10-40 parts
MAX_DOCX_UNPACKED = 100 * 2**20  # all parts together, as the zip declares them
MAX_DOCX_RATIO = 100  # unpacked / packed of a large part; Word's XML packs 5-20 to 1
_RATIO_FROM = 2**20  # parts smaller than this cannot hurt, whatever they pack to
# The XML parts are parsed into trees, about ten times their size in memory; a long CV's
# take 1-2 MB (most of it styles), images and fonts are kept as bytes.
MAX_DOCX_XML = 16 * 2**20
MAX_DOCX_PARAGRAPHS = 50_000  # a 10-page CV has a few hundred, empty ones included

_MARKDOWN_MARK = re.compile(r"^\s*(?:#{1,6}\s+|[-*+•▪◦·]\s+|\d+[.)]\s+|>\s*)")
# Markdown's emphasis and code marks inside a line ("**Contact:**", "`dbt`"): a quote of the
# line as evidence reads as the words, not as their markup. Single "*" and "_" stay: they
# are also the text's own ("C*", "snake_case").
_MARKDOWN_INLINE = re.compile(r"\*\*|__|`")
_SPACE = re.compile(r"\s+")

# A sentence ends at . ! ? (and a closing quote or bracket) before a space and a capital,
# digit or opening quote, unless the word before the stop is an abbreviation or an initial:
# "e.g. SQL", "Sr. Engineer", "vs. Y", "J. Smith", "p.ex. SQL", "Dra. Ana" stay whole ("etc.
# and" never splits, as a lowercase word follows; "etc. Led a team" does, as "etc." usually
# ends the sentence there).
_STOP = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(]?\w)")
_ABBREVIATIONS = frozenset(
    """e.g eg i.e ie vs cf approx incl esp sr jr dr mr mrs ms prof st nr dept resp
    sra dra profa ex p.ex aprox""".split()  # noqa: SIM905 (words, not a column)
)
_WORD_BEFORE = re.compile(r"(\w+(?:\.\w+)*)[.]?$")


@dataclass(frozen=True)
class Passage:
    """One sentence or line of a document."""

    text: str
    line: int  # 1-based, in the text of the page (PDF) or of the whole file
    page: int | None = None  # 1-based, PDFs only

    def where(self) -> str:
        """Where a reader finds it: "page 2, line 14" or "line 14"."""
        if self.page is None:
            return _("line {line}").format(line=self.line)
        return _("page {page}, line {line}").format(page=self.page, line=self.line)


@dataclass(frozen=True)
class DocumentText:
    path: Path
    kind: DocumentKind
    passages: tuple[Passage, ...]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.passages)


def split_sentences(line: str) -> list[str]:
    """``line`` cut into sentences (see ``_STOP`` for the rule)."""
    return [sentence for _at, sentence in _sentence_spans(line)]


def _sentence_spans(line: str) -> list[tuple[int, str]]:
    """The sentences of ``line`` (``split_sentences``), each with the offset it starts at."""
    sentences: list[tuple[int, str]] = []
    start = 0
    for stop in _STOP.finditer(line):
        follows = line[stop.end()]
        if not (follows.isupper() or follows.isdigit() or follows in "\"'“‘("):
            continue
        before = _WORD_BEFORE.search(line, start, stop.start() + 1)
        word = before.group(1) if before else ""
        if line[stop.start()] == "." and (
            word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
        ):
            continue
        sentences.append(_stripped(line, start, stop.end()))
        start = stop.end()
    sentences.append(_stripped(line, start, len(line)))
    return [(at, sentence) for at, sentence in sentences if sentence]


def _stripped(text: str, start: int, end: int) -> tuple[int, str]:
    piece = text[start:end]
    return start + len(piece) - len(piece.lstrip()), piece.strip()


# Whether a line goes on from the one before it, a sentence wrapped over both: called with the
# first line of the paragraph so far, the line before and the line, as the document has them.
GoesOn = Callable[[str, str, str], bool]


def passages_from_lines(
    lines: Iterable[str], page: int | None = None, goes_on: GoesOn | None = None
) -> list[Passage]:
    """Cut lines into sentence passages, numbering lines from 1 (per page for PDFs). With
    ``goes_on``, the lines a sentence wraps over are joined first, so that it is one passage
    whichever line it breaks at; each sentence is numbered by the line where it starts."""
    found: list[Passage] = []
    for group in _paragraphs(lines, goes_on):
        text, starts = _joined(group)
        for at, sentence in _sentence_spans(text):
            for start in range(0, len(sentence), MAX_PASSAGE_CHARS):
                raw = sentence[start : start + MAX_PASSAGE_CHARS]
                piece = raw.strip()
                if piece:
                    offset = at + start + len(raw) - len(raw.lstrip())
                    number = next(n for begins, n in reversed(starts) if begins <= offset)
                    found.append(Passage(piece, number, page))
    return found


def _paragraphs(lines: Iterable[str], goes_on: GoesOn | None) -> list[list[tuple[int, str]]]:
    """The non-blank lines with their numbers, grouped: a line that goes on from the one
    before it (``goes_on``) is in its group, any other starts one."""
    groups: list[list[tuple[int, str]]] = []
    previous = ""  # the line before, "" after a blank line
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            previous = ""
            continue
        if goes_on is not None and previous and goes_on(groups[-1][0][1], previous, raw):
            groups[-1].append((number, raw))
        else:
            groups.append([(number, raw)])
        previous = raw
    return groups


def _joined(group: list[tuple[int, str]]) -> tuple[str, list[tuple[int, int]]]:
    """A group's lines as one text (the first without its Markdown mark, spaces collapsed; a
    word broken at a hyphen or a slash joined without a space: "scikit-" "learn"), and the
    offset in it where each line starts, with the line's number."""
    text = ""
    starts: list[tuple[int, int]] = []
    for number, raw in group:
        line = _MARKDOWN_MARK.sub("", raw) if not text else raw
        line = _SPACE.sub(" ", _MARKDOWN_INLINE.sub("", line)).strip()
        if not line:
            continue
        if text:
            text += "" if _BROKEN_WORD.search(text) else " "
        starts.append((len(text), number))
        text += line
    return text, starts


_BROKEN_WORD = re.compile(r"\w[-/]$")


class _Budget:
    """Counts the characters extracted, so a document is refused once it holds more text
    than any CV or job ad (before all of it is extracted)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.used = 0

    def take(self, text: str) -> str:
        self.used += len(text)
        if self.used > MAX_CHARS:
            message = _(
                "holds over {count} characters of text; is this really one CV or job posting?"
            )
            raise InputError.single(self.name, message.format(count=format_fixed(MAX_CHARS)))
        return text


# --- text and Markdown ---------------------------------------------------------------------


# A UTF-8 sequence of two bytes or more: a file holding one is UTF-8 with a stray byte, not
# Windows-1252 (where "ê" would read "Ãª").
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def _plain_text(raw: bytes, name: str) -> str:
    """A text or Markdown CV's characters: UTF-8 (with or without its mark); UTF-16 with its
    mark (what Windows Notepad saves as "Unicode"); else Windows-1252, what Windows editors
    save as "ANSI" in Western Europe and the Americas (a CV in Portuguese, Spanish, French:
    "Estatística", not a refusal), unless the file holds UTF-8's own sequences: then it is
    UTF-8 with a stray byte, and ``documents.decode`` says where, as for anything else."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(raw, "utf-16", name)
    return _windows_text(raw) or decode(raw, name)


def _windows_text(raw: bytes) -> str | None:
    """``raw`` read as Windows-1252 when it is not UTF-8 and nothing says it could be (no
    NUL: binary, or UTF-16 without its mark; no UTF-8 sequence); else None."""
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        body.decode("utf-8")
        return None
    except UnicodeDecodeError:
        if b"\x00" in body or _UTF8_SEQUENCE.search(body):
            return None
    with contextlib.suppress(UnicodeDecodeError):
        return body.decode("cp1252")
    return None


def _read_plain(raw: bytes, name: str) -> list[Passage]:
    budget = _Budget(name)
    lines = budget.take(_plain_text(raw, name)).splitlines()
    return passages_from_lines(lines, goes_on=text_goes_on(lines))


# A line that wraps: the next line goes on with it when this one ends in a comma, a hyphen or
# a word that cannot end a sentence, in English or in Portuguese ("Trabalhei com SQL e" /
# "Python"; not the "com" of an address, "ana@example.com").
_GOES_ON = re.compile(
    r"(?:[,(&/-]|\b(?:and|or|with|in|of|for|to|the|a|an|on|at|by|from|using|including|"
    r"via|as|into|across|such|like|incl\.|e\.g\.|i\.e\.)|(?<![.@/])\b(?:e|ou|com|em|de|da|"
    r"das|dos|para|pelo|pela|pelos|pelas|usando|incluindo|como|entre|sobre|p\. ?ex\.))$",
    re.IGNORECASE,
)


# A line that starts a block of its own: a Markdown heading, list item, quote, table row,
# fence or rule, or a label and a colon ("Cloud: AWS, Azure", "Python: 5 years").
_BLOCK_START = re.compile(
    r"^\s*(?:#{1,6}(?:\s|$)|[-*+•▪◦·]\s|\d+[.)]\s|>|\||```|~~~|(?:[-=*_]\s*){3,}$|"
    r"[^\W\d][\w&/+#-]*(?: [\w&/+#-]+){0,2}:\s)"
)
_HEADING = re.compile(r"^\s*(?:#{1,6}(?:\s|$)|\|)")  # a heading or a table row: never goes on
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"'”’)\]]*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•▪◦·]|\d+[.)])\s")
_FIRST_WORD = re.compile(r"\S+")
MIN_WRAP_WIDTH = 40  # narrower text is not taken for wrapped prose
MIN_WRAPPED_WORDS = 3  # a line of fewer words is not a sentence going on in lowercase


def text_goes_on(lines: list[str]) -> GoesOn:
    """The rule for ``lines``, a text or Markdown file's: whether a line goes on from the line
    before it, a sentence or bullet wrapped over several lines by hand or by an editor.
    Never a line that starts a block (``_BLOCK_START``: a heading, a list item, a quote, a
    table row, a label and a colon), nor one after a heading, a table row or a blank line.
    Otherwise it goes on when

    - the line before ends where a sentence cannot (``_GOES_ON``: a comma, a hyphen, "and",
      "with", "in"; in Portuguese "e", "com", "para");

    and, unless this line or the one before is in capitals (a text CV's headings, "SKILLS"),
    when

    - it is indented under a list item (more than the item's mark is): the item's next line;
    - it starts in lowercase after a line of ``MIN_WRAPPED_WORDS`` words or more that does not
      end a sentence;
    - the line before is full and does not end a sentence: with this line's first word it
      would be longer than the document's longest line (its width, at least
      ``MIN_WRAP_WIDTH``; headings not counted), so the word was put on the next line for want
      of room, as an editor wraps.

    A text CV's lines that are each an item of their own ("Python", "SQL") stay apart."""
    width = max(
        [MIN_WRAP_WIDTH, *(len(line.rstrip()) for line in lines if not _HEADING.match(line))]
    )

    def goes_on(first: str, previous: str, line: str) -> bool:
        if _BLOCK_START.match(line) or _HEADING.match(previous):
            return False
        before = previous.rstrip()
        if _GOES_ON.search(before):  # "SQL, AWS, GCP," is no heading for its capitals
            return True
        if _capitals(previous) or _capitals(line):
            return False
        if _LIST_ITEM.match(first) and _indent(line) > _indent(first):
            return True
        if _ENDS_SENTENCE.search(before):
            return False
        word = _FIRST_WORD.search(line)
        next_word = word.group() if word else ""
        # Lowercase after a line of a word or two is a list of names ("Python" / "pandas").
        lowercase = next_word[:1].islower() and len(before.split()) >= MIN_WRAPPED_WORDS
        return lowercase or len(before) + 1 + len(next_word) > width

    return goes_on


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _capitals(line: str) -> bool:
    """Whether a line is written in capitals, as a text CV's headings are ("EXPERIENCE")."""
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# --- PDF -----------------------------------------------------------------------------------


@contextlib.contextmanager
def _quiet(logger: str) -> Iterator[None]:
    """pypdf logs every repair it makes to a damaged file ("Ignoring wrong pointing
    object"); those are not the user's business, and an unreadable file raises anyway."""
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


def _read_pdf(raw: bytes, name: str) -> list[Passage]:
    from pypdf import apply_configuration
    from pypdf.errors import PyPdfError

    with _quiet("pypdf"), apply_configuration(None, **_PYPDF_LIMITS):
        try:
            texts = _pdf_page_texts(_open_pdf(raw, name), name)
        except PyPdfError as exc:
            raise InputError.single(name, _damaged_pdf(_first_line(exc))) from None
        except (ValueError, KeyError, IndexError, TypeError, AttributeError) as exc:
            # pypdf lets these escape from some malformed object tables and streams; they
            # are a damaged file here (only pypdf's calls and ours on its objects are inside).
            raise InputError.single(name, _damaged_pdf(type(exc).__name__)) from None
    found = [
        passage
        for number, text in enumerate(texts, start=1)
        for passage in passages_from_lines(text.splitlines(), number, _pdf_goes_on)
    ]
    if not found:
        raise InputError.single(
            name,
            _(
                "has no text layer (is it a scan or a photo?); save it as a PDF with text "
                "(export it from the word processor) or paste the text into a .txt file"
            ),
        )
    return found


def _damaged_pdf(reason: str) -> str:
    # The reason is pypdf's (or the name of the exception it let escape): English everywhere.
    return _("cannot be read as a PDF ({reason}); is it damaged?").format(reason=reason)


def _open_pdf(raw: bytes, name: str) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    reader = PdfReader(io.BytesIO(raw))
    if reader.is_encrypted:
        # Many "protected" PDFs only restrict printing or copying and open with an empty
        # password; a real one cannot be read without it.
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise InputError.single(
                name,
                _(
                    "is an encrypted PDF (AES), which pypdf opens only with the 'cryptography' "
                    "package (pip install cryptography); or save a copy without protection, or "
                    "paste the text into a .txt file"
                ),
            ) from None
        if not opened:
            raise InputError.single(
                name,
                _(
                    "is an encrypted (password-protected) PDF; save a copy without a password, "
                    "or paste the text into a .txt file"
                ),
            )
    return reader


# pypdf's own limits, tightened from its defaults (made for any PDF) to a CV's or an ad's:
# the tokens of one page's content stream (a dense page has a few thousand), and the form
# XObjects drawn while extracting one page's text (a logo or a letterhead: a handful).
_PYPDF_LIMITS = {
    "stream_parsing_work_maximum_count": 100_000,
    "xform_maximum_invocations_per_extraction": 200,
}
# The drawing work of text extraction, for the whole document: pypdf interprets about
# 30,000 operators a second, and a dense page has a few hundred to a few thousand, in
# 10-60 KB of drawing instructions. These bound a crafted file to about 3 seconds.
MAX_PDF_OPERATORS = 150_000
MAX_PDF_CONTENT = 768 * 2**10


class _TooComplex(Exception):
    """What made a PDF too complex: a whole sentence, translated, with the limit in it."""


def _pdf_page_texts(reader: PdfReader, name: str) -> list[str]:
    """Each page's text, within the budgets of characters and drawing work."""
    from pypdf.generic import ArrayObject

    budget = _Budget(name)
    operators = 0
    content = 0

    def count(*_operands: object) -> None:
        nonlocal operators
        operators += 1
        if operators > MAX_PDF_OPERATORS:
            message = _(
                "is far more complex than a CV or job posting (over {count} drawing operators); "
                "export a plain PDF or paste the text into a .txt file"
            )
            raise _TooComplex(message.format(count=format_fixed(MAX_PDF_OPERATORS)))

    texts = []
    try:
        for number in range(_page_count(reader, name)):
            page = reader.pages[number]
            streams = page.get("/Contents")
            streams = streams.get_object() if streams is not None else ArrayObject()
            for stream in streams if isinstance(streams, ArrayObject) else [streams]:
                content += len(stream.get_object().get_data())
            if content > MAX_PDF_CONTENT:
                message = _(
                    "is far more complex than a CV or job posting (over {size} KB of drawing "
                    "instructions); export a plain PDF or paste the text into a .txt file"
                )
                raise _TooComplex(message.format(size=format_fixed(MAX_PDF_CONTENT // 2**10)))
            texts.append(budget.take(page.extract_text(visitor_operand_before=count) or ""))
    except _TooComplex as exc:
        raise InputError.single(name, str(exc)) from None
    return texts


def _page_count(reader: PdfReader, name: str) -> int:
    """The number of pages, or InputError beyond MAX_PDF_PAGES. The page tree is walked
    only until that many pages are found: pypdf would visit every page of a 10,000-page
    file first (trusting /Count instead would let a file that lies about it through)."""
    # Any: the tree is whatever the file holds; a node that is not a dictionary fails with
    # AttributeError, which _read_pdf reports as a damaged file.
    root: Any = reader.root_object["/Pages"]
    declared = root.get("/Count", 0)
    if isinstance(declared, int) and declared > MAX_PDF_PAGES:
        message = _("has {count} pages; a CV or job posting has at most {limit}")
        raise InputError.single(
            name, message.format(count=format_fixed(declared), limit=MAX_PDF_PAGES)
        )
    too_many = InputError.single(
        name,
        _("has more than {limit} pages; a CV or job posting has fewer").format(limit=MAX_PDF_PAGES),
    )
    pages, visited = 0, 0
    todo = [root]
    while todo:
        node: Any = todo.pop().get_object()
        visited += 1
        if visited > 4 * MAX_PDF_PAGES + 100:  # an endless or looping tree of empty nodes
            raise too_many
        kids = node.get("/Kids")
        if kids is None:
            pages += 1
            if pages > MAX_PDF_PAGES:
                raise too_many
        else:
            todo.extend(kids)
    return pages


def _pdf_goes_on(first: str, previous: str, line: str) -> bool:
    """Whether a PDF text line goes on from the line before it (a sentence wrapped): when that
    one ends in a comma, a hyphen or a word that cannot end a sentence (``_GOES_ON``), or
    this one begins in lowercase. (A PDF's lines carry no indentation, and their lengths in
    characters say little about their widths in a proportional font.)"""
    return bool(_GOES_ON.search(previous.strip())) or line.strip()[:1].islower()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:120] if text and text[0] else type(exc).__name__


# --- DOCX ----------------------------------------------------------------------------------


def _check_docx_zip(raw: bytes, name: str) -> None:
    """Refuse a zip bomb before python-docx unpacks it. zipfile never unpacks more than an
    entry's declared size (and fails its CRC check if the data says otherwise), so the
    declared sizes bound the memory python-docx takes."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        message = _(
            "is not a DOCX file: cannot open it as a zip archive ({reason}); is it damaged?"
        )
        raise InputError.single(name, message.format(reason=exc)) from None
    if len(entries) > MAX_DOCX_ENTRIES:
        message = _("holds {count} parts; a Word document has a few dozen")
        raise InputError.single(name, message.format(count=format_fixed(len(entries))))
    total = sum(entry.file_size for entry in entries)
    if total > MAX_DOCX_UNPACKED:
        message = _(
            "unpacks to far more than any Word document (a zip bomb?): {size} MB; "
            "the limit is {limit} MB"
        )
        raise InputError.single(
            name,
            message.format(size=format_fixed(total / 2**20), limit=MAX_DOCX_UNPACKED // 2**20),
        )
    xml = sum(entry.file_size for entry in entries if entry.filename.endswith((".xml", ".rels")))
    if xml > MAX_DOCX_XML:
        message = _(
            "unpacks to far more than any Word document (a zip bomb?): its XML parts take "
            "{size} MB; the limit is {limit} MB"
        )
        raise InputError.single(
            name, message.format(size=format_fixed(xml / 2**20), limit=MAX_DOCX_XML // 2**20)
        )
    for entry in entries:
        if entry.file_size > _RATIO_FROM and (
            entry.file_size > MAX_DOCX_RATIO * max(entry.compress_size, 1)
        ):
            message = _(
                "unpacks to far more than any Word document (a zip bomb?): its part {part} "
                "packs {ratio} to 1"
            )
            ratio = format_fixed(entry.file_size / max(entry.compress_size, 1))
            raise InputError.single(
                name, message.format(part=f"{entry.filename!r:.80}", ratio=ratio)
            )
    if "word/document.xml" not in {entry.filename for entry in entries}:
        raise InputError.single(name, _("is a zip archive but not a Word document (DOCX)"))


def _read_docx(raw: bytes, name: str) -> list[Passage]:
    _check_docx_zip(raw, name)
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    paragraphs: list[str] = []
    try:
        document = docx.Document(io.BytesIO(raw))
        for text in _docx_paragraphs(document, _Budget(name)):
            paragraphs.append(text)
            if len(paragraphs) > MAX_DOCX_PARAGRAPHS:
                message = _("has over {count} paragraphs; is this really one CV or job posting?")
                raise InputError.single(
                    name, message.format(count=format_fixed(MAX_DOCX_PARAGRAPHS))
                )
    except (PackageNotFoundError, LxmlError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        # A part missing (KeyError), unparsable XML, or a failed CRC: a damaged file.
        message = _("cannot be read as a DOCX file ({reason}); is it damaged?")
        raise InputError.single(name, message.format(reason=_first_line(exc))) from None
    return passages_from_lines(paragraphs)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _docx_paragraphs(container: DocxDocument | _Cell, budget: _Budget) -> Iterator[str]:
    """The text of every paragraph, in reading order. In a table, a row of one-line cells
    ("Python | 5 years") is one line, as it reads; other rows give each cell's paragraphs,
    cell by cell (a merged cell once). Text boxes (many CV templates put the sidebar in
    them) follow the paragraph they are anchored to."""
    from docx.table import Table
    from lxml import etree

    # Word writes each text box twice: as a DrawingML shape and as a VML fallback for old
    # readers; the fallback's copy is skipped.
    boxes = etree.XPath(
        ".//w:txbxContent[not(ancestor::mc:Fallback)]/w:p", namespaces={"w": _W, "mc": _MC}
    )
    own_text = etree.XPath("./w:r/w:t | ./w:hyperlink/w:r/w:t", namespaces={"w": _W})

    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            yield budget.take(block.text)
            # Both paths select elements only: the results are lists of elements.
            for box in cast("list[etree._Element]", boxes(block._p)):
                runs = cast("list[etree._Element]", own_text(box))
                yield budget.take("".join(t.text or "" for t in runs))
            continue
        for row in block.rows:
            cells = list({id(cell._tc): cell for cell in row.cells}.values())
            texts = [[p.text for p in cell.paragraphs if p.text.strip()] for cell in cells]
            if all(len(t) <= 1 and not cell.tables for t, cell in zip(texts, cells, strict=True)):
                yield budget.take(" | ".join(t[0] for t in texts if t))
            else:
                for cell in cells:
                    yield from _docx_paragraphs(cell, budget)


# --- HTML ----------------------------------------------------------------------------------

# Elements whose content is not text a reader sees, and a site's navigation menu, which is
# no part of the page's own text ("Find jobs", "Salary guide", "Sign in").
_HIDDEN = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "math", "iframe", "nav"}
)
# Elements that start and end a line of text. The cells of a table row share their row's line,
# as in DOCX ("Location | Remote").
_BLOCKS = frozenset(
    """address article aside blockquote br caption dd details dialog div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol option p
    pre section summary table tbody tfoot thead tr ul""".split()  # noqa: SIM905
)
_CELLS = frozenset({"td", "th"})
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Tags, text runs and comments, hidden ones included: a page saved from a job board has a few
# tens of thousands; html.parser handles about 200,000 a second.
MAX_HTML_EVENTS = 300_000
# html.parser's close() rescans an unfinished construct ("</", "<!--" without an end) once
# for every "<" in it, which takes hours on a crafted page; only a short tail is finished.
_TAIL_CLOSED = 4_096


class _HTMLText(HTMLParser):
    """The visible text of an HTML page, a line per block element."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)  # entities decoded: &amp; is "&"
        self.name = name
        self.budget = _Budget(name)
        self.events = 0
        self.lines: list[str] = []
        self.current: list[str] = []
        self.hidden: dict[str, int] = {}
        self.pre = 0

    def _event(self) -> None:
        self.events += 1
        if self.events > MAX_HTML_EVENTS:
            message = _(
                "has over {count} HTML tags and pieces of text; a saved job posting has far "
                "fewer (save the page as text, or paste it into a .txt file)"
            )
            raise InputError.single(self.name, message.format(count=format_fixed(MAX_HTML_EVENTS)))

    def _end_line(self) -> None:
        text = "".join(self.current).strip()
        self.current = []
        if text:
            self.lines.append(text)
            if len(self.lines) > MAX_PASSAGES:
                message = _("has over {count} lines of text; is this really one job posting?")
                raise InputError.single(self.name, message.format(count=format_fixed(MAX_PASSAGES)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._event()
        if tag == "body":
            self.hidden.pop("head", None)  # <head> may be left open; <body> ends it
        if tag in _HIDDEN:
            self.hidden[tag] = self.hidden.get(tag, 0) + 1
        if tag in _BLOCKS:
            self._end_line()
        elif tag in _CELLS and "".join(self.current).strip():
            self.current.append(" | ")
        if tag == "pre":
            self.pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._event()
        if tag in _BLOCKS:  # <br/>, <hr/>; a self-closed <svg/> hides nothing
            self._end_line()

    def handle_endtag(self, tag: str) -> None:
        self._event()
        if self.hidden.get(tag):
            self.hidden[tag] -= 1
            if not self.hidden[tag]:
                del self.hidden[tag]
        if tag in _BLOCKS:
            self._end_line()
        if tag == "pre" and self.pre:
            self.pre -= 1

    def handle_comment(self, data: str) -> None:
        self._event()

    def handle_data(self, data: str) -> None:
        self._event()
        if self.hidden:
            return
        self.budget.take(data)
        if self.pre:
            first, *rest = data.split("\n")
            self.current.append(first)
            for line in rest:
                self._end_line()
                self.current.append(line)
        else:
            self.current.append(_SPACE.sub(" ", data))

    def close(self) -> None:
        # What feed() left is an unfinished construct at the end of the page: finished if
        # short (a last line of text), else dropped (no page ends in 4 KB of an open tag).
        if len(self.rawdata) <= _TAIL_CLOSED:
            super().close()
        self._end_line()


def _html_decode(raw: bytes, name: str) -> str:
    """The page's text: UTF-8 (what browsers save), or the charset its <meta> declares."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(raw, "utf-16", name)
    declared = _CHARSET.search(raw[:4096])
    if declared:
        label = declared.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            message = _("declares the character set {charset}, which is not known")
            raise InputError.single(name, message.format(charset=f"{label!r:.40}")) from None
        if codec not in ("utf-8", "ascii"):
            return _decode_as(raw, codec, name)
        return decode(raw, name)
    # No charset declared: UTF-8, else what a Windows editor saved, as for a text file.
    return _windows_text(raw) or decode(raw, name)


def _decode_as(raw: bytes, codec: str, name: str) -> str:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as exc:
        message = _("is not valid {codec} text (at byte {offset}); save it as UTF-8")
        raise InputError.single(
            name, message.format(codec=codec, offset=format_fixed(exc.start))
        ) from None


def _read_html(raw: bytes, name: str) -> list[Passage]:
    parser = _HTMLText(name)
    parser.feed(_html_decode(raw, name))
    parser.close()
    return passages_from_lines(parser.lines)


# --- choosing a reader ---------------------------------------------------------------------

Reader = Callable[[bytes, str], list[Passage]]

# Suffix -> kind; each kind has its reader and its size limit.
READERS: dict[str, tuple[DocumentKind, Reader]] = {
    ".txt": ("text", _read_plain),
    ".text": ("text", _read_plain),
    ".md": ("markdown", _read_plain),
    ".markdown": ("markdown", _read_plain),
    ".pdf": ("pdf", _read_pdf),
    ".docx": ("docx", _read_docx),
    ".html": ("html", _read_html),
    ".htm": ("html", _read_html),
    ".xhtml": ("html", _read_html),
}
# Formats people have that are not read: say what to do instead of failing on their bytes.
_SAVE_AS = {
    ".doc": N_("is an old Word document (.doc); save it as PDF, DOCX or plain text and give that"),
    ".odt": N_("is an OpenDocument text (.odt); save it as PDF, DOCX or plain text and give that"),
    ".rtf": N_("is a Rich Text file (.rtf); save it as PDF, DOCX or plain text and give that"),
    ".pages": N_("is an Apple Pages document; save it as PDF, DOCX or plain text and give that"),
}
# "is too large", by the kind of file the bytes look like.
_KIND_NAMES: dict[DocumentKind, str] = {
    "pdf": N_("is too large for a pdf file ({size} MB; the limit is {limit} MB)"),
    "docx": N_("is too large for a docx file ({size} MB; the limit is {limit} MB)"),
    "html": N_("is too large for a html file ({size} MB; the limit is {limit} MB)"),
    "markdown": N_("is too large for a markdown file ({size} MB; the limit is {limit} MB)"),
    "text": N_("is too large for a text file ({size} MB; the limit is {limit} MB)"),
}


def _sniff(raw: bytes) -> tuple[DocumentKind, Reader]:
    """The format of a file whose suffix says nothing, by its first bytes; else text."""
    start = raw[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if raw.startswith(b"%PDF-"):
        return READERS[".pdf"]
    if raw.startswith(b"PK\x03\x04"):
        return READERS[".docx"]
    if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start[:512]:
        return READERS[".html"]
    return READERS[".txt"]


def read_document_text(path: str | os.PathLike[str], name: str | None = None) -> DocumentText:
    """Read a CV or posting into passages, or raise InputError naming the file."""
    path = Path(path)
    name = name or str(path)
    suffix = path.suffix.lower()
    if suffix in _SAVE_AS:
        raise InputError.single(name, _(_SAVE_AS[suffix]))
    if suffix in READERS:
        kind, reader = READERS[suffix]
        raw = read_bytes(path, name, MAX_FILE_BYTES[kind])
    else:
        raw = read_bytes(path, name, max(MAX_FILE_BYTES.values()))
        kind, reader = _sniff(raw)
        if len(raw) > MAX_FILE_BYTES[kind]:
            size = format_fixed(len(raw) / 1e6, 1, grouping=False)
            limit = format_number(MAX_FILE_BYTES[kind] / 2**20)
            raise InputError.single(name, _(_KIND_NAMES[kind]).format(size=size, limit=limit))
    passages = reader(raw, name)
    if not passages:
        raise InputError.single(name, _("has no text: is it empty?"))
    if len(passages) > MAX_PASSAGES:
        message = _("has over {count} sentences; is this really one CV or job posting?")
        raise InputError.single(name, message.format(count=format_fixed(MAX_PASSAGES)))
    return DocumentText(path, kind, tuple(passages))
