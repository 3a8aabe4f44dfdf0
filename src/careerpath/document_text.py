"""The text of a CV or a job posting, cut into passages that know where they came from.

A passage is one sentence (or one short line, such as a CV bullet) with its line number, and
its page for a PDF, so that evidence quoted from a document can say "page 2, line 14".
Plain text and Markdown are read here; PDF, DOCX and HTML readers plug into ``READERS``.
Everything is bounded: a document is a person's CV or one job ad, never a library.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from careerpath.documents import read_text

Kind = Literal["pdf", "docx", "html", "markdown", "text"]

MAX_PASSAGES = 20_000  # a long CV has a few hundred; a one-page ad a few dozen
MAX_PASSAGE_CHARS = 1_000  # longer runs of text are cut into pieces of this size

# A sentence ends at . ! ? followed by a space and a capital or digit; "e.g. SQL" and "v2.1"
# stay whole. Good enough for CV bullets and ad paragraphs, and explainable.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_MARKDOWN_MARK = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d+[.)]\s+|>\s*)")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Passage:
    """One sentence or line of a document."""

    text: str
    line: int  # 1-based, in the text of the page (PDF) or of the whole file
    page: int | None = None  # 1-based, PDFs only

    def where(self) -> str:
        """Where a reader finds it: "page 2, line 14" or "line 14"."""
        if self.page is None:
            return f"line {self.line}"
        return f"page {self.page}, line {self.line}"


@dataclass(frozen=True)
class DocumentText:
    path: Path
    kind: Kind
    passages: tuple[Passage, ...]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.passages)


def passages_from_lines(lines: Iterable[str], page: int | None = None) -> list[Passage]:
    """Cut lines into sentence passages, numbering lines from 1 (per page for PDFs)."""
    found: list[Passage] = []
    for number, raw in enumerate(lines, start=1):
        line = _SPACE.sub(" ", _MARKDOWN_MARK.sub("", raw)).strip()
        if not line:
            continue
        for sentence in _SENTENCE_END.split(line):
            for start in range(0, len(sentence), MAX_PASSAGE_CHARS):
                piece = sentence[start : start + MAX_PASSAGE_CHARS].strip()
                if piece:
                    found.append(Passage(piece, number, page))
    return found


def _read_plain(path: Path, name: str) -> list[Passage]:
    return passages_from_lines(read_text(path, name).splitlines())


Reader = Callable[[Path, str], list[Passage]]

# Suffix -> (kind, reader). PDF, DOCX and HTML readers are added beside these.
READERS: dict[str, tuple[Kind, Reader]] = {
    ".txt": ("text", _read_plain),
    ".text": ("text", _read_plain),
    ".md": ("markdown", _read_plain),
    ".markdown": ("markdown", _read_plain),
}


def read_document_text(path: str | Path, name: str | None = None) -> DocumentText:
    """Read a CV or posting into passages, or raise InputError naming the file."""
    from careerpath.errors import InputError

    path = Path(path)
    name = name or str(path)
    kind, reader = READERS.get(path.suffix.lower(), ("text", _read_plain))
    passages = reader(path, name)
    if len(passages) > MAX_PASSAGES:
        raise InputError.single(
            name, f"has over {MAX_PASSAGES:,} sentences; is this really one CV or job posting?"
        )
    return DocumentText(path, kind, tuple(passages))
