"""Reports: one self-contained HTML document (screen and print) and a PDF made from it.

Safety rules, all enforced here: every template is autoescaped whatever its extension; no
``|safe`` on text a person typed (``|breakable`` escapes it itself); links only for http(s)
evidence; WeasyPrint may read only files inside the templates folder. jinja2 and WeasyPrint
are imported inside functions.
"""

from __future__ import annotations

import datetime as dt
import math
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


def timeline(plan: Plan) -> dict[str, Any]:
    """Phases over weeks, using the midpoint schedule the plan's dates follow."""
    rows = []
    end = 0.0
    for phase in plan.phases:
        weeks = [(s.start_week, s.end_week) for s in phase.steps if s.start_week is not None]
        if not weeks:
            rows.append({"title": phase.title, "start": None, "end": None})
            continue
        start, stop = weeks[0][0], weeks[-1][1]
        end = max(end, stop or 0)
        rows.append({"title": phase.title, "start": start, "end": stop})
    total = max(end, 1.0)
    step = tick_step(total)
    ticks = list(range(0, int(total) + 1, step))
    return {"rows": rows, "total": total, "ticks": ticks}


def tick_step(weeks: float, most: int = 12) -> int:
    """Weeks between axis ticks, so that at most ``most`` ticks span ``weeks``: 1, 2, 4, 8,
    13 and 26 weeks, then whole years (1, 2, 5, 10, 20, 50, ... years), for any length."""
    if not math.isfinite(weeks):
        raise ValueError(f"a timeline of {weeks} weeks")
    for n in (1, 2, 4, 8, 13, 26):
        if weeks / n <= most:
            return n
    years = 1
    while True:
        for m in (1, 2, 5):
            if weeks / (52 * m * years) <= most:
                return 52 * m * years
        years *= 10


# --- rendering -----------------------------------------------------------------------------


def environment():
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
) -> str:
    target = assessment.target
    answers = []
    for skill_id, skill in catalog.skills.items():
        if skill_id in profile.rated:  # what the person wrote, not the 0 of an unlisted skill
            answers.append(
                {
                    "category": catalog.categories[skill.category].name,
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
        timeline=timeline(plan) if plan else None,
        mentor_notes=None if redact else mentor_notes,
        answers=answers,
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
) -> Path:
    """Assess, plan (when there is a target) and write one report: the whole job of
    `careerpath report`, for one file or for each file of a batch. ``output`` may not be one
    of ``inputs``, the files read for it."""
    from careerpath.planner import build_plan
    from careerpath.scoring import assess

    inputs = tuple(inputs)
    check_writable(output, force, inputs=inputs)  # before the work, not after
    assessment = assess(profile, catalog, target)
    plan = (
        build_plan(
            profile,
            catalog,
            target,
            from_role=from_role,
            hours_per_week=hours_per_week,
            start=start,
            today=when,  # the report's date, so that --date/SOURCE_DATE_EPOCH fix the whole page
        )
        if target
        else None
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
    )
    who = "Anonymous" if redact or not profile.person.name else profile.person.name
    kind = "plan" if plan_only else "report"
    title = f"careerpath {kind} · {who} · {when.isoformat()}"
    return write_output(html, output, fmt, title=title, force=force, inputs=inputs)
