"""A mentor's documents: ``compare``, ``cohort`` and ``team`` written as HTML or PDF, each
from its own template, dated and sized on paper as a report is."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from careerpath.catalog import Catalog
from careerpath.i18n import N_, _, format_date
from careerpath.render.document import Format, format_for, write_output
from careerpath.render.html import render_html

if TYPE_CHECKING:
    from careerpath.models.outputs import Cohort, Comparison, Team

View = Literal["compare", "cohort", "team"]

_TITLES = {
    "cohort": N_("careerpath cohort · {date}"),
    "compare": N_("careerpath compare · {date}"),
    "team": N_("careerpath team · {date}"),
}


def write_view(
    view: View,
    result: Comparison | Cohort | Team,
    catalog: Catalog,
    output: Path,
    fmt: Format | None,
    *,
    subject: str,
    when: dt.date | None = None,
    paper: str = "a4",
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Render ``result`` as ``view`` and write it to ``output`` (its format from the extension
    or ``fmt``); ``subject`` says whom it is about. ``output`` may not be one of ``inputs``,
    the files the command read. The date and the paper follow the report's rules."""
    from careerpath.report import PAPER, report_date  # the report's rules, not a copy of them

    day = report_date(when)
    html = render_html(
        f"{view}.html.j2",
        view=view,
        result=result,
        catalog=catalog,
        subject=subject,
        when=day,
        paper=PAPER[paper],
    )
    form = format_for(output, fmt)
    # One whole title per view (the view's name is a word of the sentence in another language).
    title = _(_TITLES[view]).format(date=format_date(day))
    return write_output(html, output, form, title=title, force=force, inputs=inputs)
