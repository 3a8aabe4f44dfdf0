"""The whole job of `careerpath report` and `careerpath plan`, once and forward: the loaded
answers are assessed, planned from that assessment, rendered and written (for one file, or for
each file of a batch). The defaults a command fills in (the target role, the date, the format,
the file name) are decided here, so every command fills them in alike.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from careerpath.catalog import Catalog
from careerpath.i18n import _, format_date
from careerpath.output import check_writable
from careerpath.profile import Profile, target_role
from careerpath.render.document import Format, format_for, write_output
from careerpath.report import report_date, report_html, suggested_name

if TYPE_CHECKING:
    from careerpath.models.outputs import Assessment, Plan, PostingMatch
    from careerpath.planner import PlanOptions

Kind = Literal["report", "plan"]  # a whole report, or the plan alone (`plan -o`)


@dataclass(frozen=True)
class PlanRequest:
    """What a plan is asked for: the role to reach (else the answers file's target role) or a
    job posting, the role to start from, the hours a week and the start date (else the file's
    or the defaults)."""

    target: str | None = None
    from_role: str | None = None
    hours_per_week: float | None = None
    start: dt.date | None = None
    posting: Path | None = None

    def check_roles(self, catalog: Catalog) -> None:
        """Refuse a role the request names (the target, the start) that ``catalog`` does
        not know, with the role it likely means: before any answers file is read, so that
        this is the one message, not one after the file's warnings about its own roles."""
        for role in (self.target, self.from_role):
            if role:
                catalog.role(role)

    def options(self, today: dt.date | None = None) -> PlanOptions:
        """The plan's settings as ``build_plan`` takes them; ``today``: the date it is for."""
        return {
            "from_role": self.from_role,
            "hours_per_week": self.hours_per_week,
            "start": self.start,
            "today": today,
        }


@dataclass(frozen=True)
class Written:
    """A document written: where, what, for which date, and its plan (for a calendar)."""

    path: Path
    kind: Kind
    format: Format
    date: dt.date
    plan: Plan | None


def plan_for(profile: Profile, catalog: Catalog, request: PlanRequest) -> tuple[Catalog, Plan]:
    """The plan `careerpath plan` shows, toward the role or the posting of ``request``; and
    the catalogue that names its roles (with a posting, one with the posting as a role)."""
    if request.posting is not None:
        from careerpath.posting import plan_toward

        toward = plan_toward(request.posting, catalog, profile, **request.options())
        return toward[1], toward[2]  # the catalogue with the posting as a role, the plan
    from careerpath.planner import build_plan

    role = target_role(profile, request.target)
    plan = build_plan(profile, catalog, role, **request.options())
    return catalog, plan


def write_document(
    profile: Profile,
    catalog: Catalog,
    kind: Kind,
    output: Path | None,
    fmt: Format | None,
    *,
    answers: Path,
    request: PlanRequest,
    when: dt.date | None = None,
    paper: str = "a4",
    mentor_notes: Path | None = None,
    redact: bool = False,
    force: bool = False,
) -> Written:
    """`careerpath report`, and `careerpath plan -o` (``kind`` "plan": the plan alone). What
    is not given is filled in: the target role from the answers file (a plan needs one, or a
    posting), the date (``report_date``), the format from the extension (else HTML) and the
    file name (``suggested_name``). Neither ``answers`` (the file read), ``mentor_notes`` nor
    the posting is ever written over."""
    from careerpath.documents import read_text

    target = request.target or profile.person.target_role
    if kind == "plan" and not request.posting:
        target = target_role(profile, target)
    notes = read_text(mentor_notes) if mentor_notes else None
    day = report_date(when)
    form = format_for(output, fmt) if output else (fmt or "html")
    path, plan = _write(
        profile,
        catalog,
        output or suggested_name(kind, profile, day, form, redact),
        form,
        when=day,
        target=target,
        options=request.options(day),  # the report's date fixes the whole page
        paper=paper,
        mentor_notes=notes,
        redact=redact,
        plan_only=kind == "plan",
        force=force,
        inputs=tuple(p for p in (answers, mentor_notes, request.posting) if p),
        posting=request.posting,
    )
    return Written(path, kind, form, day, plan)


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
    options: PlanOptions = {
        "from_role": from_role,
        "hours_per_week": hours_per_week,
        "start": start,
        "today": when,  # the report's date, so that --date/SOURCE_DATE_EPOCH fix the whole page
    }
    return _write(
        profile,
        catalog,
        output,
        fmt,
        when=when,
        target=target,
        options=options,
        paper=paper,
        mentor_notes=mentor_notes,
        redact=redact,
        plan_only=plan_only,
        force=force,
        inputs=tuple(inputs),
        posting=posting,
    )[0]


def _write(
    profile: Profile,
    catalog: Catalog,
    output: Path,
    fmt: Format,
    *,
    when: dt.date,
    target: str | None,
    options: PlanOptions,
    paper: str,
    mentor_notes: str | None,
    redact: bool,
    plan_only: bool,
    force: bool,
    inputs: tuple[str | os.PathLike[str], ...],
    posting: Path | None,
) -> tuple[Path, Plan | None]:
    """``write_report``, with the plan it made."""
    from careerpath.planner import build_plan
    from careerpath.scoring import assess

    check_writable(output, force, inputs=inputs)  # before the work, not after
    matched: PostingMatch | None = None
    plan: Plan | None = None
    assessment: Assessment | None = None
    if posting is not None:
        from careerpath.posting import match_posting, plan_toward

        if plan_only:
            # The plan is the posting's: the posting is the target, a role of its catalogue,
            # and the assessment it was planned from is the report's (assessed once).
            matched, catalog, plan, assessment = plan_toward(posting, catalog, profile, **options)
        else:
            matched = match_posting(posting, catalog, profile, **options)[0]
    if assessment is None:
        assessment = assess(profile, catalog, target)
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
    return write_output(html, output, fmt, title=title, force=force, inputs=inputs), plan
