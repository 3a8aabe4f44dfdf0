"""The whole job of `careerpath report`, once and forward: the loaded answers are assessed,
planned from that assessment, rendered and written (for one file, or for each file of a batch).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TypedDict

from careerpath.catalog import Catalog
from careerpath.i18n import _, format_date
from careerpath.output import check_writable
from careerpath.profile import Profile
from careerpath.render.document import Format, write_output
from careerpath.report import report_html


class _PlanOptions(TypedDict):
    """What the plan is built with, the same whichever function builds it."""

    from_role: str | None
    hours_per_week: float | None
    start: dt.date | None
    today: dt.date


def write_report(
    profile: Profile,
    catalog: Catalog,
    output: Path,
    fmt: Format,
    *,
    when: dt.date,
    target: str | None = None,
    from_role: str | None = None,
    hours_per_week: float | None = None,
    start: dt.date | None = None,
    paper: str = "a4",
    mentor_notes: str | None = None,
    redact: bool = False,
    plan_only: bool = False,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
    posting: Path | None = None,
) -> Path:
    """Assess, plan (when there is a target), render and write one report: the whole job of
    `careerpath report`, for one file or for each file of a batch. ``output`` may not be one
    of ``inputs``, the files read for it. ``posting``: a job posting to add the section
    "This posting" for; a plan-only report (``plan_only``) then plans toward the posting."""
    from careerpath.planner import build_plan
    from careerpath.scoring import assess

    inputs = tuple(inputs)
    check_writable(output, force, inputs=inputs)  # before the work, not after
    matched = plan = None
    options: _PlanOptions = {
        "from_role": from_role,
        "hours_per_week": hours_per_week,
        "start": start,
        "today": when,  # the report's date, so that --date/SOURCE_DATE_EPOCH fix the whole page
    }
    if posting is not None:
        from careerpath.posting import match_posting, plan_toward

        if plan_only:
            # The plan is the posting's: the posting is the target, a role of its catalogue.
            matched, catalog, plan = plan_toward(posting, catalog, profile, **options)
        else:
            matched = match_posting(posting, catalog, profile, **options)[0]
    assessment = assess(profile, catalog, plan.to_role if plan else target)
    if plan is None and target:
        # Assessed once: the plan infers a start role from the same ranking.
        plan = build_plan(profile, catalog, target, assessment=assessment, **options)
    html = report_html(
        profile,
        catalog,
        assessment,
        plan,
        when=when,
        paper=paper,
        mentor_notes=mentor_notes,
        redact=redact,
        plan_only=plan_only,
        posting=matched,
    )
    who = _("Anonymous") if redact or not profile.person.name else profile.person.name
    # The PDF's title, as the page's own <title> says it.
    if plan_only:
        title = _("careerpath plan · {name} · {date}")
    else:
        title = _("careerpath report · {name} · {date}")
    title = title.format(name=who, date=format_date(when))
    return write_output(html, output, fmt, title=title, force=force, inputs=inputs)
