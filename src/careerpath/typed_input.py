"""Numbers of hours and dates as people type them: at a prompt, on the command line or as a
string in a file.

Hours take a decimal comma as well as a point ("5,5" is 5.5): half the world writes one, and a
number of hours a week has no thousands to confuse it with. Dates are ISO (YYYY-MM-DD) only:
01/02/2027 is 1 February in Brazil and 2 January in the United States, so a date written with
slashes is refused, and the message says which ISO date to write: the one reading when the day
is over 12, else both, day first. Light imports only: ``careerpath --help`` loads this module.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re

from careerpath.i18n import _

HOURS_MIN, HOURS_MAX = 1, 80
# One number, its decimals after a point or a comma; nothing else (no thousands groups).
# ASCII digits only (re.ASCII), in hours and dates alike: "２０２７-０１-０１" matched \d but
# not date.fromisoformat, and was called "no such day".
_HOURS = re.compile(r"[+]?(\d+(?:[.,]\d*)?|[.,]\d+)", re.ASCII)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# 1/2/2027, 01.02.2027, 1-2-2027: day and month (in some order), then the year.
_SLASHED = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)


def decimal(text: str) -> float | None:
    """``text`` as a finite number, its decimal mark a point or a comma; None if it is not one."""
    text = text.strip()
    if not _HOURS.fullmatch(text):
        return None
    value = float(text.replace(",", "."))
    return value if math.isfinite(value) else None


def parse_hours(text: str) -> float:
    """A number of hours a week (1 to 80) as typed; ValueError says what to type instead."""
    value = decimal(text)
    if value is None:
        raise ValueError(_("enter a number of hours, e.g. 6 or 5.5"))
    if not HOURS_MIN <= value <= HOURS_MAX:
        raise ValueError(_("enter between 1 and 80 hours a week"))
    return value


def parse_date(text: str) -> dt.date:
    """An ISO date (YYYY-MM-DD) as typed; ValueError says what to type instead."""
    text = text.strip()
    if _ISO.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise ValueError(date_problem(text) or _("enter a date as YYYY-MM-DD"))


def date_problem(text: str) -> str | None:
    """What is wrong with ``text`` as a date, more than "not YYYY-MM-DD", if anything: no such
    day (2027-02-30), or a day/month date, whose ISO form is given only when it can be read one
    way only. Each message names the format; none repeats ``text`` (the caller may)."""
    text = text.strip()
    if _ISO.fullmatch(text):
        return _("no such day: write a real date as YYYY-MM-DD")
    found = _SLASHED.fullmatch(text)
    if not found:
        return None
    first, second, year = (int(part) for part in found.groups())
    readings = set()
    for day, month in ((first, second), (second, first)):
        with contextlib.suppress(ValueError):
            readings.add(dt.date(year, month, day))
    if len(readings) == 1:
        return _("write the date as YYYY-MM-DD: {iso}").format(iso=readings.pop().isoformat())
    if readings:
        # Never guess: 01/02/2027 is 1 February or 2 January depending on the country. Both
        # readings, day first (as most of the world writes it), so the user only picks one.
        first_reading, other = sorted(readings, key=lambda d: (d.day, d.month) != (first, second))
        return _(
            "day and month could be either way round: write the date as YYYY-MM-DD, "
            "{day_first} or {month_first}"
        ).format(day_first=first_reading.isoformat(), month_first=other.isoformat())
    return None
