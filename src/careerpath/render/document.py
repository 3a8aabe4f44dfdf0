"""A rendered document's format (from its file name or ``--format``) and its file: rendered
in memory, then written atomically."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from careerpath.errors import Option, OutputError, UsageError, sentence
from careerpath.i18n import _
from careerpath.output import check_writable, write_atomic
from careerpath.render import pdf

Format = Literal["html", "pdf"]
_BY_SUFFIX: dict[str, Format] = {".html": "html", ".htm": "html", ".pdf": "pdf"}
# Names of the files people keep their data in (answers, plans, calendars, CVs): a report is
# never written under one, even with --force, since that is how a mentee's answers file
# (`-o bruno.yaml --format pdf --force`) was replaced by a PDF.
_DATA_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".jsonl", ".ndjson", ".ics", ".csv"})
# Word-processor documents (a CV that `prefill` reads; a report someone hoped to edit in Word):
# refused alike, in words that fit them.
_DOCUMENT_SUFFIXES = frozenset({".docx", ".doc", ".odt", ".rtf"})


def format_for(path: Path | None, explicit: Format | None) -> Format:
    """The format the extension names; ``--format`` decides only where it does not."""
    suffix = path.suffix.lower() if path else ""
    if path is not None and suffix in _DATA_SUFFIXES:
        raise UsageError(
            _(
                "{path}: a {suffix} name is for data, not for a report; name the output .html "
                "or .pdf"
            ).format(path=path, suffix=suffix)
        )
    if path is not None and suffix in _DOCUMENT_SUFFIXES:
        raise UsageError(
            _(
                "{path}: careerpath writes reports as HTML or PDF, not {suffix} (a name kept for "
                "documents such as a CV); name the output .html or .pdf"
            ).format(path=path, suffix=suffix)
        )
    implied = _BY_SUFFIX.get(suffix) if path else None
    if explicit and implied and explicit != implied:
        raise UsageError(
            *sentence(
                _("{path}: the extension says {implied}, but {option} says {explicit}"),
                path=path,
                implied=implied,
                option=Option("format"),
                explicit=explicit,
            )
        )
    chosen = explicit or implied
    if chosen:
        return chosen
    if path is None:
        return "html"
    raise UsageError(
        *sentence(
            _("{path}: cannot tell the format from the extension; use {option} html|pdf"),
            path=path,
            option=Option("format"),
        )
    )


def write_output(
    html: str,
    output: Path,
    fmt: Format,
    *,
    title: str,
    force: bool,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Render (in memory) and write atomically; a failed render leaves the old file alone.
    ``output`` may not be one of ``inputs``, the files the command read."""
    inputs = tuple(inputs)  # read twice: before and after the render
    check_writable(output, force, inputs=inputs)
    try:
        data = html.encode("utf-8") if fmt == "html" else pdf.pdf_bytes(html, title=title)
    except OutputError:
        raise
    except Exception as exc:  # WeasyPrint and fonts can fail in many ways; keep the old file
        raise OutputError(
            _("{path}: could not render the PDF: {reason}").format(path=output, reason=exc)
        ) from None
    return write_atomic(output, data, force=force, inputs=inputs)
