"""The geometry of the report's SVG charts (the drawing is in templates/charts.html.j2):
role bars, levels beside the target's, the plan's timeline and its progress bars."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careerpath.catalog import Catalog
from careerpath.i18n import N_, _, ngettext
from careerpath.profile import Profile

if TYPE_CHECKING:
    from careerpath.models.outputs import Assessment, Plan


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
            _("fit {fit}, ready {ready}").format(
                fit=f"{m.fit * 100:.0f}%", ready=f"{m.readiness * 100:.0f}%"
            ),
            m.role == target,
        )
        for m in assessment.ranking
    ]


# The levels chart: one row per skill, ROW units high for a one-line name and LINE_ROW more
# for each further line; a name wraps at LEVEL_CHARS characters (9-unit font in a 244-unit
# label column), so that a long Portuguese name stays readable instead of shrinking.
ROW = 12
LINE_ROW = 10
LEVEL_CHARS = 50


def level_pairs(profile: Profile, catalog: Catalog, role_id: str) -> list[dict[str, Any]]:
    """The target's skills grouped by category: your level beside the required level. Each
    row has its name's ``lines``, its ``top`` and ``height`` in the group's chart; each group
    the ``height`` of its rows."""
    role = catalog.roles[role_id]
    groups = []
    for cat_id, cat in catalog.categories.items():
        rows = []
        top = 0
        for s in catalog.skills_in(cat_id):
            if s.id not in role.skills:
                continue
            lines = wrap_label(s.name + (" *" if role.skills[s.id].essential else ""), LEVEL_CHARS)
            height = ROW + LINE_ROW * (len(lines) - 1)
            rows.append(
                {
                    "skill": s.name,
                    "lines": lines,
                    "top": top,
                    "height": height,
                    "yours": profile.levels.get(s.id),
                    "required": role.skills[s.id].level,
                    "essential": role.skills[s.id].essential,
                }
            )
            top += height
        if rows:
            groups.append({"category": cat.name, "rows": rows, "height": top})
    return groups


# The axis's month names, translated when a chart is drawn.
MONTHS = (
    N_("Jan"),
    N_("Feb"),
    N_("Mar"),
    N_("Apr"),
    N_("May"),
    N_("Jun"),
    N_("Jul"),
    N_("Aug"),
    N_("Sep"),
    N_("Oct"),
    N_("Nov"),
    N_("Dec"),
)
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


def name_lines(name: str, fits: int = 30, width: int = 26) -> list[str]:
    """A role's name as a bar chart's label: one line when it fits in ``fits`` characters,
    else two or more of ``width`` (Portuguese names are long: "Gerente de Projetos de Machine
    Learning"), never cut short."""
    return [name] if len(name) <= fits else wrap_label(name, width)


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
    ticks: list[dt.date] = []
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
    return [_(MONTHS[day.month - 1]), str(day.year) if first or day.month == 1 else ""]


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
                "lines": [
                    _("{day} {month}").format(day=d.day, month=_(MONTHS[d.month - 1])),
                    str(d.year),
                ],
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
    "done": N_("done"),
    "covered": N_("already known"),
    "learning": N_("learning"),
    "skipped": N_("skipped"),
    "todo": N_("to do"),
}
# "2 done", "1 learning": a count and its state as one message, for the language's plurals.
_COUNTED = {
    "done": lambda n: ngettext("{n} done", "{n} done", n),
    "covered": lambda n: ngettext("{n} already known", "{n} already known", n),
    "learning": lambda n: ngettext("{n} learning", "{n} learning", n),
    "skipped": lambda n: ngettext("{n} skipped", "{n} skipped", n),
    "todo": lambda n: ngettext("{n} to do", "{n} to do", n),
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
        items = [_COUNTED[k](counts[k]).format(n=counts[k]) for k in PROGRESS_STATES if counts[k]]
        summary = " · ".join(items)
        lines, text = wrap_label(title, 38), _join_lines(items or [_("no steps")], 30)
        height = max(20.0, max(len(lines), len(text)) * LINE + 7)
        cell = width / len(steps) if steps else width
        cells = [
            {
                "x": round(label_w + i * cell, 2),
                "w": round(cell, 2),
                "state": state,
                "label": _(PROGRESS_LABELS[state]),
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
            "text": summary or _("no steps"),
            "text_lines": text,
            "bold": bold,
        }

    rows, y = [], 4.0
    for number, phase in enumerate(plan.phases, 1):
        rows.append(bar(f"{number}. {phase.title}", phase.steps, y))
        y += rows[-1]["height"]
    rows.append(bar(_("Whole plan"), plan.steps(), y + 4, bold=True))
    y += rows[-1]["height"] + 4
    legend, x = [], label_w
    for k in PROGRESS_STATES:
        label = _(PROGRESS_LABELS[k])
        legend.append({"state": k, "label": label, "x": x})
        x += 16 + len(label) * 5.6 + 14  # swatch, label at ~5.6 units a letter
    return {
        "rows": rows,
        "label_w": label_w,
        "width": width,
        "legend": legend,
        "legend_y": y + 6,
        "height": y + 26,
    }
