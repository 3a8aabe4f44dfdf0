"""A rendered document's format (from its file name or ``--format``) and its file: rendered
in memory, then written atomically."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from careerpath.errors import Option, OutputError, UsageError
from careerpath.output import check_writable, write_atomic
from careerpath.render import pdf

Format = Literal["html", "pdf"]
_BY_SUFFIX: dict[str, Format] = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def format_for(path: Path | None, explicit: Format | None) -> Format:
    """The format the extension names; ``--format`` decides only where it does not."""
    implied = _BY_SUFFIX.get(path.suffix.lower()) if path else None
    if explicit and implied and explicit != implied:
        raise UsageError(
            f"{path}: the extension says {implied}, but ", Option("format"), f" says {explicit}"
        )
    chosen = explicit or implied
    if chosen:
        return chosen
    if path is None:
        return "html"
    raise UsageError(
        f"{path}: cannot tell the format from the extension; use ", Option("format"), " html|pdf"
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
        raise OutputError(f"{output}: could not render the PDF: {exc}") from None
    return write_atomic(output, data, force=force, inputs=inputs)
