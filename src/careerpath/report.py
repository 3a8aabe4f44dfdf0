"""Reports: one self-contained HTML document (screen and print) and a PDF made from it.

Safety rules, all enforced here: every template is autoescaped whatever its extension; no
``|safe`` on text a person typed (``|breakable`` escapes it itself); links only for http(s)
evidence; WeasyPrint may read only files inside the templates folder. jinja2 and WeasyPrint
are imported inside functions.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from careerpath import __version__
from careerpath.answers import Profile
from careerpath.catalog import Catalog, templates_dir
from careerpath.errors import OutputError, UsageError
from careerpath.models import LEVEL_NAMES, Output
from careerpath.output import check_writable, write_atomic

if TYPE_CHECKING:
    from careerpath.planner import Plan
    from careerpath.posting import PostingMatch
    from careerpath.scoring import Assessment

Format = Literal["html", "pdf"]
PAPER = {"a4": "A4", "letter": "letter"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
_HTTP = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


def report_date(explicit: dt.date | None = None) -> dt.date:
    """``--date``, else ``SOURCE_DATE_EPOCH`` (reproducible builds), else today."""
    if explicit:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix time") from None
    return dt.date.today()


_BY_SUFFIX: dict[str, Format] = {".html": "html", ".htm": "html", ".pdf": "pdf"}


def format_for(path: Path | None, explicit: str | None) -> Format:
    """The format the extension names; ``--format`` decides only where it does not."""
    implied = _BY_SUFFIX.get(path.suffix.lower()) if path else None
    if explicit and implied and explicit != implied:
        raise UsageError(f"{path}: the extension says {implied}, but --format says {explicit}")
    if explicit or implied:
        return explicit or implied  # type: ignore[return-value]
    if path is None:
        return "html"
    raise UsageError(f"{path}: cannot tell the format from the extension; use --format html|pdf")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]


def suggested_name(kind: str, profile: Profile, when: dt.date, fmt: Format, redact: bool) -> Path:
    name = None if redact else profile.person.name
    parts = (
        ["careerpath", kind] + ([slug(name)] if name and slug(name) else []) + [when.isoformat()]
    )
    return Path("-".join(parts) + f".{fmt}")


def is_link(text: str) -> bool:
    return bool(_HTTP.match(text.strip()))


# WeasyPrint lays out a run of text with no break opportunity in time quadratic in its length
# (a 20,000-character token took 20 s; a 5 MB notes file, hours). A <wbr> every WRAP_RUN
# characters of such a run keeps it linear. It adds no character: copying, searching and
# screen readers get the text exactly as typed. Shorter runs are left alone.
WRAP_RUN = 500
_LONG_RUN = re.compile(rf"\S{{{WRAP_RUN + 1},}}")


def breakable(text: str) -> Any:
    """``text`` escaped (it is what a person typed), with <wbr> inside very long runs."""
    from markupsafe import Markup, escape

    out, pos = [], 0
    for m in _LONG_RUN.finditer(text):
        run = m.group()
        chunks = (escape(run[i : i + WRAP_RUN]) for i in range(0, len(run), WRAP_RUN))
        out += [escape(text[pos : m.start()]), Markup("<wbr>").join(chunks)]
        pos = m.end()
    out.append(escape(text[pos:]))
    return Markup("").join(out)


# A word of this many letters or more, in lower case after its first letter: one a narrow
# column may have to break. A name with capitals inside (PyTorch, TensorFlow) breaks before
# them instead, as a dictionary splits it badly ("Py-T-orch").
_HYPHENATE = re.compile(r"(?<![A-Za-z])[A-Za-z][a-z]{5,}(?![A-Za-z])")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@functools.lru_cache(maxsize=1)
def _dictionary() -> tuple[Any, ...]:
    import pyphen  # WeasyPrint's own hyphenation dictionaries

    # The American dictionary first: it breaks British spellings well too (reg-u-lar-i-sa-
    # tion) and knows more breaks (al-go-rithms, pipe-lines); the British one for a word it
    # cannot break (Pro-meth-eus). Not both at once: their breaks mixed read "vi-s-ion".
    return tuple(pyphen.Pyphen(lang=lang, left=2, right=2) for lang in ("en_US", "en_GB"))


def _soft_hyphens(word: str) -> str:
    # A name neither dictionary knows (Grafana) may still be too wide for its column: every
    # four letters then, the break still shown with a hyphen.
    fallback = list(range(4, len(word) - 2, 4))
    at = next((p for p in (d.positions(word) for d in _dictionary()) if p), fallback)
    return "\u00ad".join(word[i:j] for i, j in zip([0, *at], [*at, len(word)], strict=True))


def hyphenated(text: str) -> Any:
    """``text`` escaped, with soft hyphens (U+00AD) at the syllable breaks of its long words:
    for the headers of narrow columns, which then break at those points with a visible
    hyphen. CSS ``hyphens: auto`` alone needs the browser's own dictionaries, which headless
    Chromium on Linux lacks, and ``overflow-wrap`` then cut words anywhere ("regularisatio|n")."""
    from markupsafe import escape

    text = _HYPHENATE.sub(lambda m: _soft_hyphens(m.group()), text)
    # After a slash, a break with no hyphen (ETL/ELT): the slash already parts two words.
    return escape(_CAMEL.sub("\u00ad", text).replace("/", "/\u200b"))


# --- charts (geometry here, drawing in templates/charts.html.j2) ---------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0-1
    text: str
    highlight: bool = False


def role_bars(assessment: Assessment, target: str | None) -> list[Bar]:
    return [
        Bar(
            m.name,
            m.fit,
            f"fit {m.fit * 100:.0f}%, ready {m.readiness * 100:.0f}%",
            m.role == target,
        )
        for m in assessment.ranking
    ]


def level_pairs(profile: Profile, catalog: Catalog, role_id: str) -> list[dict[str, Any]]:
    """The target's skills grouped by category: your level beside the required level."""
    role = catalog.roles[role_id]
    groups = []
    for cat_id, cat in catalog.categories.items():
        rows = [
            {
                "skill": s.name,
                "yours": profile.levels.get(s.id),
                "required": role.skills[s.id].level,
                "essential": role.skills[s.id].essential,
            }
            for s in catalog.skills_in(cat_id)
            if s.id in role.skills
        ]
        if rows:
            groups.append({"category": cat.name, "rows": rows})
    return groups


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Chart labels wrap at this many characters: SVG text does not wrap by itself, and a cut
# label ("Learn MLOps (Machine Learning Operati…") hides what the phase is.
LABEL_CHARS = 40
LINE = 10.5  # height of one label line in chart units (9.5-unit font)


def wrap_label(text: str, width: int = LABEL_CHARS) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words where it can;
    every character kept (a label is never cut short)."""
    import textwrap

    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    return lines or [""]


def month_step(days: int, most: int = 12) -> int:
    """Months between axis ticks, so that at most ``most`` ticks span ``days``: 1, 2, 3 and 6
    months, then whole years (1, 2, 5, 10, 20, 50, ... years)."""
    months = days / 30.44
    for n in (1, 2, 3, 6):
        if months / n <= most:
            return n
    years = 1
    while True:
        for m in (1, 2, 5):
            if months / (12 * m * years) <= most:
                return 12 * m * years
        years *= 10


def month_ticks(start: dt.date, end: dt.date, most: int = 12) -> list[dt.date]:
    """First days of months inside [start, end], every ``month_step`` months, on round
    months (quarters start in January, years divisible by the step in years)."""
    step = month_step((end - start).days, most)
    index = start.year * 12 + start.month - 1  # months since year 0, January = 0
    if start.day > 1:
        index += 1
    index += -index % step  # round up to a multiple of the step
    ticks = []
    while True:
        year, month0 = divmod(index, 12)
        if year > end.year or (year == end.year and month0 + 1 > end.month):
            return ticks
        ticks.append(dt.date(year, month0 + 1, 1))
        index += step


def _tick_label(day: dt.date, step: int, first: bool) -> list[str]:
    """Two lines: the month, and the year under the first tick and under each January;
    one line, the year, when ticks are a year or more apart."""
    if step >= 12:
        return [str(day.year)]
    return [MONTHS[day.month - 1], str(day.year) if first or day.month == 1 else ""]


def timeline(
    plan: Plan, *, today: dt.date | None = None, label_w: float = 230, width: float = 400
) -> dict[str, Any]:
    """The plan's Gantt chart: one bar per phase from its first to its last day (the
    midpoint schedule the plan's dates follow), the finish range of the estimate, month
    ticks with dates, and the report's date (``today``) where it falls inside the plan.
    Labels are the full phase titles, wrapped."""
    start = plan.start_date
    ends = [p.end_date for p in plan.phases if p.end_date] + [plan.end_date_high]
    last = max(ends)
    # At least four weeks wide, so that a nearly finished plan still has an axis.
    days = max((last - start).days + 1, 28)

    def x(day: dt.date, inclusive: bool = False) -> float:
        return round(label_w + width * ((day - start).days + inclusive) / days, 1)

    # The calendar ends at 9999-12-31: so does the axis of a plan that starts near it.
    axis_end = start + dt.timedelta(days=min(days - 1, (dt.date.max - start).days))
    marker = today if today and start < today <= axis_end else None
    rows, y = [], 14.0 if marker else 4.0  # room for the marker's label above the rows
    for number, phase in enumerate(plan.phases, 1):
        lines = wrap_label(f"{number}. {phase.title}")
        height = max(20.0, len(lines) * LINE + 7)
        row: dict[str, Any] = {"lines": lines, "y": y, "height": height, "bar": None}
        row["title"] = phase.title
        row["start"], row["end"] = phase.start_date, phase.end_date
        if phase.start_date and phase.end_date:
            x0, x1 = x(phase.start_date), x(phase.end_date, inclusive=True)
            row["bar"] = {"x": x0, "w": max(round(x1 - x0, 1), 2.0), "y": y + height / 2 - 7}
        rows.append(row)
        y += height
    chart_h = y + 4
    step = month_step(days)
    dates = month_ticks(start, axis_end)
    ticks = [
        {"x": x(d), "date": d, "lines": _tick_label(d, step, i == 0)} for i, d in enumerate(dates)
    ]
    if len(ticks) < 2:  # under two months: the first and last day instead
        ticks = [
            {
                "x": x(d, inclusive=d == axis_end),
                "date": d,
                "lines": [f"{d.day} {MONTHS[d.month - 1]}", str(d.year)],
            }
            for d in (start, axis_end)
        ]
    finish = None
    if plan.end_date_high > start:
        finish = {
            "x": x(plan.end_date_low),
            "w": max(x(plan.end_date_high) - x(plan.end_date_low), 1.5),
        }
    return {
        "rows": rows,
        "ticks": ticks,
        "label_w": label_w,
        "width": width,
        "chart_h": chart_h,
        "height": chart_h + (24 if step < 12 else 14),
        "finish": finish,
        "today": (
            # The label is centred on the line but kept inside the chart (about 100 units).
            {"x": x(marker), "label_x": min(max(x(marker), label_w + 50), label_w + width - 26)}
            | {"date": marker}
            if marker
            else None
        ),
        "start": start,
        "end_low": plan.end_date_low,
        "end_high": plan.end_date_high,
    }


# Progress as roadmap.sh shows it on a roadmap: every step has one of a few states. "Already
# known" (covered by what you knew at the start) is kept apart from "done" (recorded since);
# a shortened step is still to do.
PROGRESS_STATES = ("done", "covered", "learning", "skipped", "todo")
PROGRESS_LABELS = {
    "done": "done",
    "covered": "already known",
    "learning": "learning",
    "skipped": "skipped",
    "todo": "to do",
}
_STATE_OF = {"shortened": "todo"}


def _join_lines(items: list[str], width: int) -> list[str]:
    """``items`` joined by " · " into lines of about ``width`` characters, never splitting
    an item ("2 learning" stays on one line)."""
    lines = [items[0]]
    for item in items[1:]:
        if len(lines[-1]) + 3 + len(item) <= width:
            lines[-1] += " · " + item
        else:
            lines.append(item)
    return lines


def progress_chart(plan: Plan, *, label_w: float = 210, width: float = 230) -> dict[str, Any]:
    """One bar per phase (and one for the whole plan) split into one cell per step,
    coloured by its state: done, already known, learning, skipped, to do, in that order, so
    each bar reads like a progress bar and its cells count the steps."""

    def bar(title: str, steps: list[Any], y: float, bold: bool = False) -> dict[str, Any]:
        states = [_STATE_OF.get(s.status, s.status) for s in steps]
        counts = {k: states.count(k) for k in PROGRESS_STATES}
        order = sorted(zip(states, steps, strict=True), key=lambda p: PROGRESS_STATES.index(p[0]))
        items = [f"{counts[k]} {PROGRESS_LABELS[k]}" for k in PROGRESS_STATES if counts[k]]
        summary = " · ".join(items)
        lines, text = wrap_label(title, 38), _join_lines(items or ["no steps"], 30)
        height = max(20.0, max(len(lines), len(text)) * LINE + 7)
        cell = width / len(steps) if steps else width
        cells = [
            {
                "x": round(label_w + i * cell, 2),
                "w": round(cell, 2),
                "state": state,
                "label": PROGRESS_LABELS[state],
                "title": step.title,
            }
            for i, (state, step) in enumerate(order)
        ]
        return {
            "title": title,
            "lines": lines,
            "y": y,
            "height": height,
            "bar_y": y + height / 2 - 7,
            "cells": cells,
            "counts": counts,
            "total": len(steps),
            "text": summary or "no steps",
            "text_lines": text,
            "bold": bold,
        }

    rows, y = [], 4.0
    for number, phase in enumerate(plan.phases, 1):
        rows.append(bar(f"{number}. {phase.title}", phase.steps, y))
        y += rows[-1]["height"]
    rows.append(bar("Whole plan", plan.steps(), y + 4, bold=True))
    y += rows[-1]["height"] + 4
    legend, x = [], label_w
    for k in PROGRESS_STATES:
        legend.append({"state": k, "label": PROGRESS_LABELS[k], "x": x})
        x += 16 + len(PROGRESS_LABELS[k]) * 5.6 + 14  # swatch, label at ~5.6 units a letter
    return {
        "rows": rows,
        "label_w": label_w,
        "width": width,
        "legend": legend,
        "legend_y": y + 6,
        "height": y + 26,
    }


# --- rendering -----------------------------------------------------------------------------


@functools.cache
def environment():
    """The one Jinja environment of this process: compiling the templates costs more than
    rendering an HTML report, so a batch worker compiles them once (an edited template is
    still seen: the loader checks its time before each use)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,  # for every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda x: f"{x * 100:.0f}%"
    env.filters["level_name"] = lambda v: "unknown" if v is None else f"{v} {LEVEL_NAMES[v]}"
    env.filters["hours"] = lambda lo, hi: f"{lo:g}–{hi:g} h" if lo != hi else f"{lo:g} h"
    env.filters["date"] = lambda d: d.isoformat() if d else "—"
    env.filters["breakable"] = breakable
    env.filters["hyphenated"] = hyphenated
    env.tests["link"] = is_link
    return env


def render_html(template: str, **context: Any) -> str:
    context.setdefault("csp", CSP)
    context.setdefault("tool_version", __version__)
    return environment().get_template(template).render(**context)


def report_html(
    profile: Profile,
    catalog: Catalog,
    assessment: Assessment,
    plan: Plan | None,
    *,
    when: dt.date,
    paper: str = "a4",
    mentor_notes: str | None = None,
    redact: bool = False,
    plan_only: bool = False,
    posting: PostingMatch | None = None,
    posting_catalog: Catalog | None = None,
) -> str:
    """The report's HTML; ``posting`` (with the catalogue that has it as a role) adds the
    section "This posting"."""
    target = assessment.target
    groups: dict[str, list[dict[str, Any]]] = {}  # by category, in catalogue order
    for skill_id, skill in catalog.skills.items():
        if skill_id in profile.rated:  # what the person wrote, not the 0 of an unlisted skill
            groups.setdefault(catalog.categories[skill.category].name, []).append(
                {
                    "skill": skill.name,
                    "level": profile.levels[skill_id],
                    "interest": profile.interest.get(skill_id),
                    "evidence": None if redact else profile.evidence.get(skill_id),
                }
            )
    return render_html(
        "report.html.j2",
        kind="plan" if plan_only else "report",
        person_name=None if redact else profile.person.name,
        redacted=redact,
        when=when,
        paper=PAPER[paper],
        catalog=catalog,
        assessment=assessment,
        target=catalog.roles[target] if target else None,
        target_match=assessment.match(target) if target else None,
        plan=plan,
        role_bars=role_bars(assessment, target),
        level_groups=level_pairs(profile, catalog, target) if target else [],
        timeline=timeline(plan, today=when) if plan else None,
        progress=progress_chart(plan) if plan else None,
        mentor_notes=None if redact else mentor_notes,
        posting=posting,
        posting_catalog=posting_catalog,
        answer_groups=[{"category": c, "rows": rows} for c, rows in groups.items()],
        fingerprints={
            "catalog": catalog.fingerprint,
            "answers": profile.fingerprint,
        },
    )


def templates_only_fetcher(refused: list[str]) -> Any:
    """WeasyPrint URL fetcher that serves files inside the templates folder and refuses
    everything else (network, other files, attachments), remembering what it refused."""
    from urllib.parse import unquote, urlparse

    from weasyprint.urls import URLFetcher

    root = templates_dir().resolve()

    class TemplatesOnlyFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            parsed = urlparse(url)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if path.is_file() and path.is_relative_to(root):
                    return super().fetch(url, headers)
            refused.append(url)
            raise ValueError(f"careerpath does not fetch {url[:80]!r}")

    return TemplatesOnlyFetcher(allowed_protocols=("file",), timeout=1)


def pdf_bytes(html: str, *, title: str, refused: list[str] | None = None) -> bytes:
    """Render ``html`` with WeasyPrint. Metadata come from the HTML (title, no author)."""
    import logging

    from weasyprint import HTML

    # WeasyPrint logs each refused fetch as a warning; we report them ourselves.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    refused = refused if refused is not None else []
    fetcher = templates_only_fetcher(refused)
    document = HTML(
        string=html, base_url=templates_dir().as_uri() + "/", url_fetcher=fetcher
    ).render()
    document.metadata.title = title
    document.metadata.authors = []
    document.metadata.generator = f"careerpath {__version__}"
    document.metadata.created = document.metadata.modified = None
    return document.write_pdf()


def warm() -> None:
    """Pay once per process what every report would otherwise pay on its own: the templates
    compiled, WeasyPrint's modules imported and its fonts found, by rendering a one-page PDF
    in the report's stylesheet (a batch worker calls this before its first job)."""
    env = environment()
    for name in ("report.html.j2", "mentor.html.j2", "charts.html.j2"):
        env.get_template(name)
    css = env.get_template("report.css").render(paper="A4", when=dt.date(2000, 1, 1))
    page = (
        f"<!doctype html><html><head><title>warm</title><style>{css}</style></head><body>"
        "<h1>warm</h1><table><tr><td>a</td></tr></table>"
        '<svg class="chart" viewBox="0 0 10 10"><text x="1" y="5">a</text></svg>'
        "</body></html>"
    )
    pdf_bytes(page, title="warm")


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
        data = html.encode("utf-8") if fmt == "html" else pdf_bytes(html, title=title)
    except OutputError:
        raise
    except Exception as exc:  # WeasyPrint and fonts can fail in many ways; keep the old file
        raise OutputError(f"{output}: could not render the PDF: {exc}") from None
    return write_atomic(output, data, force=force, inputs=inputs)


class ReportWritten(Output):
    """What ``report --json`` prints: the file written (the report itself is HTML or PDF)."""

    schema_version: Literal[1] = 1
    tool_version: str = __version__
    kind: Literal["report", "plan"]
    file: str  # absolute path
    format: Literal["html", "pdf"]
    redacted: bool
    date: dt.date  # the date printed on it


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
    """Assess, plan (when there is a target) and write one report: the whole job of
    `careerpath report`, for one file or for each file of a batch. ``output`` may not be one
    of ``inputs``, the files read for it. ``posting``: a job posting to add the section
    "This posting" for; a plan-only report (``plan_only``) then plans toward the posting."""
    from careerpath.planner import build_plan
    from careerpath.scoring import assess

    inputs = tuple(inputs)
    check_writable(output, force, inputs=inputs)  # before the work, not after
    matched = posting_catalog = plan = None
    if posting is not None:
        from careerpath.posting import match_posting, plan_toward

        options = {
            "from_role": from_role,
            "hours_per_week": hours_per_week,
            "start": start,
            "today": when,
        }
        if plan_only:
            # The plan is the posting's: the posting is the target, a role of its catalogue.
            matched, posting_catalog, plan = plan_toward(posting, catalog, profile, **options)
            catalog = posting_catalog
        else:
            matched, posting_catalog = match_posting(posting, catalog, profile, **options)
    assessment = assess(profile, catalog, plan.to_role if plan else target)
    if plan is None and target:
        plan = build_plan(
            profile,
            catalog,
            target,
            from_role=from_role,
            hours_per_week=hours_per_week,
            start=start,
            today=when,  # the report's date, so that --date/SOURCE_DATE_EPOCH fix the whole page
        )
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
        posting_catalog=posting_catalog,
    )
    who = "Anonymous" if redact or not profile.person.name else profile.person.name
    kind = "plan" if plan_only else "report"
    title = f"careerpath {kind} · {who} · {when.isoformat()}"
    return write_output(html, output, fmt, title=title, force=force, inputs=inputs)
