"""The plan as an iCalendar file (RFC 5545, ``plan --ics``): one all-day event per scheduled
step, which Google Calendar, Outlook, Apple Calendar and Thunderbird import.

icalendar is imported inside :func:`plan_calendar` only: the other commands never pay for it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from careerpath import __version__
from careerpath.commands import next_command
from careerpath.i18n import _, format_number
from careerpath.models.outputs import Plan, PlanPhase, PlanStep
from careerpath.output import StrPath
from careerpath.settings import Settings


def _stamp() -> dt.datetime:
    """When the file was made (DTSTAMP): ``SOURCE_DATE_EPOCH`` for reproducible files, else now."""
    return Settings.read().build_time() or dt.datetime.now(dt.UTC).replace(microsecond=0)


def _hours(low: float, high: float) -> str:
    if low == high:
        return _("{hours} h").format(hours=format_number(low))
    return _("{low}-{high} h").format(low=format_number(low), high=format_number(high))


def step_description(step: PlanStep, phase: PlanPhase, number: int) -> str:
    """The event's text: what the step teaches, its hours, resources and projects."""
    lines = [step.description] if step.description else []
    teaches = ", ".join(f"{name} {change}" for name, change in step.changes)
    label = _("Uses: {skills}") if step.project else _("Teaches: {skills}")
    lines.append(label.format(skills=teaches))
    hours = _hours(step.hours_low, step.hours_high)
    if step.status == "shortened":
        lines.append(
            _("Hours: {hours} (estimate; shortened from {full})").format(
                hours=hours, full=_hours(step.full_hours_low, step.full_hours_high)
            )
        )
    else:
        lines.append(_("Hours: {hours} (estimate)").format(hours=hours))
    lines.append(_("Phase {number}: {title}").format(number=number, title=phase.title))
    if step.resources:
        lines.append(_("Resources:"))
        for r in step.resources:
            url = f": {r['url']}" if r.get("url") else ""
            note = f" — {r['note']}" if r.get("note") else ""
            lines.append(f"- {r['title']} ({r['kind']}){url}{note}")
    for p in step.projects:
        lines.append(
            _("Project: {title}: {description}").format(
                title=p["title"], description=p["description"]
            )
        )
    lines.append(
        _("Step {step}; when done: {command}").format(
            step=step.id,
            command=next_command("progress", "--answers", _("FILE"), step.id, "--done"),
        )
    )
    return "\n".join(lines)


def plan_calendar(plan: Plan, *, who: str | None = None, stamp: dt.datetime | None = None) -> bytes:
    """The plan's scheduled steps as all-day events, from the step's first day to its last.

    Steps with no dates (already covered, done or skipped) have nothing to schedule and are
    left out. Each event's UID is stable for the same person, move and step, so importing an
    updated plan again updates the events instead of doubling them; ``who`` (the person's
    name) keeps two people's plans apart and goes into the file only as a hash."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//careerpath//careerpath {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", plan.title)
    key = hashlib.sha256((who or "").encode("utf-8")).hexdigest()[:12]
    stamp = stamp or _stamp()
    for number, phase in enumerate(plan.phases, start=1):
        for step in phase.steps:
            if step.start_date is None or step.end_date is None:
                continue
            event = Event()
            event.add("uid", f"{step.id}.{plan.from_role}-to-{plan.to_role}.{key}@careerpath")
            event.add("dtstamp", stamp)
            event.add("dtstart", step.start_date)
            # An all-day event's end is exclusive: the day after the step's last day.
            event.add("dtend", step.end_date + dt.timedelta(days=1))
            event.add("summary", step.title)
            event.add("description", step_description(step, phase, number))
            event.add("categories", [phase.title])
            event.add("transp", "TRANSPARENT")  # study time to plan around, not a busy block
            cal.add_component(event)
    ical: bytes = cal.to_ical()  # unannotated in icalendar
    return ical


def write_calendar(
    path: Path, plan: Plan, *, who: str | None, force: bool, inputs: Iterable[StrPath] = ()
) -> Path:
    """The plan's calendar written to ``path`` atomically: never over one of ``inputs`` (the
    files read), nor over an existing file without ``force``."""
    from careerpath.output import write_atomic

    return write_atomic(path, plan_calendar(plan, who=who), force=force, inputs=inputs)
