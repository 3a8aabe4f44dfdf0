"""Plain-text views for the terminal: tables and short explanations. No click, no colour codes."""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil
import sys
import textwrap
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Literal, Protocol, TextIO

from careerpath.catalog import Catalog
from careerpath.commands import next_command
from careerpath.errors import NotFoundError, printable
from careerpath.i18n import (
    DEFAULT,
    N_,
    _,
    after_colon,
    current,
    format_date,
    format_list,
    format_number,
    format_percent,
    locale_name,
    ngettext,
)
from careerpath.models import Roadmap, Role, Skill
from careerpath.models.inputs import LEVEL_LABELS, level_label
from careerpath.names import fold
from careerpath.profile import NAME_CODES

if TYPE_CHECKING:
    from pathlib import Path

    from careerpath.batch import Outcome
    from careerpath.models.outputs import (
        AdaptiveRun,
        Assessment,
        Cohort,
        Comparison,
        Plan,
        PlanStep,
        PostingMatch,
        RoleCoverage,
        SkillGap,
        Skipped,
        Team,
    )

WIDTH = 96
MIN_WIDTH = 60
PROSE_WIDTH = 100  # paragraphs stop here even on a wide terminal: long lines are hard to read


def columns(stream: TextIO | None = None) -> int | None:
    """The width of the terminal ``stream`` (standard output by default) is shown on, not
    under 60; None when it is a file or a pipe."""
    stream = sys.stdout if stream is None else stream
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream: treat it as a file
        tty = False
    return max(MIN_WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns) if tty else None


def width(stream: TextIO | None = None) -> int:
    """The columns a view may use: the terminal's; files and pipes always get 96, so saved
    output and the goldens do not depend on the window they were made in."""
    return columns(stream) or WIDTH


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    right: AbstractSet[int] = frozenset(),
    *,
    stack: Sequence[int] | None = None,
    short: Sequence[str] | None = None,
    columns: int | None = None,
) -> str:
    """A table that fits ``columns`` (default: ``width()``); columns in ``right`` are
    right-aligned numbers. When the natural layout is too wide, in this order: the ``short``
    headers replace the long ones; text columns wrap at word boundaries (never narrower than
    their longest word, nor than 24 columns); the ``stack`` columns (default: every text
    column but the first, right to left) move, one at a time, under their row as
    "header: value" lines; and last, every row becomes a block of such lines. Words are never
    split, and a table that fits as it is comes out as it always did."""
    limit = columns or width()
    cells = [[printable(str(c)) for c in row] for row in rows]
    order = (
        list(stack)
        if stack is not None
        else [i for i in reversed(range(1, len(headers))) if i not in right]
    )
    tries = [[str(h) for h in names] for names in (headers, short) if names]
    for stacked in range(len(order) + 1):
        below = order[:stacked]
        shown = [i for i in range(len(headers)) if i not in below]
        # Whole cells under short headers read better than cells wrapped under long ones.
        for wrapping in (False, True):
            for names in tries:
                widths = _fit(names, cells, shown, right, limit, wrapping)
                if widths is not None:
                    return _render(names, cells, shown, below, widths, right, limit, headers)
    return _blocks([str(h) for h in headers], cells, limit)


WRAPPED_LEAST = 24


def _longest(cells: list[list[str]], column: int) -> int:
    return max((len(w) for row in cells for w in row[column].split()), default=0)


def _fit(
    headers: list[str],
    cells: list[list[str]],
    shown: list[int],
    right: AbstractSet[int],
    limit: int,
    wrapping: bool,
) -> dict[int, int] | None:
    """Column widths for the ``shown`` columns within ``limit``, or None if they cannot fit.
    Text columns start at their least width and share what is left, the narrowest need
    first, so that a short column is never wrapped to widen a long one."""
    natural = {i: max([len(headers[i])] + [len(r[i]) for r in cells]) for i in shown}
    room = limit - 2 * (len(shown) - 1)
    if sum(natural.values()) <= room:
        return natural
    if not wrapping:
        return None
    # A text column wraps to no fewer than 24 columns (a narrower one reads as a word list
    # down the page: better moved under its row) and never below its longest word.
    least = {
        i: natural[i]
        if i in right
        else min(natural[i], max(len(headers[i]), _longest(cells, i), WRAPPED_LEAST))
        for i in shown
    }
    spare = room - sum(least.values())
    if spare < 0:
        return None
    widths = dict(least)
    needy = sorted(
        (i for i in shown if widths[i] < natural[i]), key=lambda i: natural[i] - least[i]
    )
    while needy and spare > 0:
        share = max(1, spare // len(needy))
        for i in list(needy):
            add = min(share, natural[i] - widths[i], spare)
            widths[i] += add
            spare -= add
            if widths[i] == natural[i]:
                needy.remove(i)
    return widths


def _cell_lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def _render(
    names: list[str],
    cells: list[list[str]],
    shown: list[int],
    below: list[int],
    widths: dict[int, int],
    right: AbstractSet[int],
    limit: int,
    labels: Sequence[str],
) -> str:
    def line(parts: dict[int, str]) -> str:
        return "  ".join(
            parts[i].rjust(widths[i]) if i in right else parts[i].ljust(widths[i]) for i in shown
        ).rstrip()

    out = [line({i: names[i] for i in shown}), "  ".join("-" * widths[i] for i in shown)]
    indent = " " * min(widths[shown[0]] + 2, 4)
    for row in cells:
        wrapped = {i: _cell_lines(row[i], widths[i]) for i in shown}
        for k in range(max(len(v) for v in wrapped.values())):
            out.append(line({i: v[k] if k < len(v) else "" for i, v in wrapped.items()}))
        for i in sorted(
            below
        ):  # the full header names: there is room for them on a line of their own
            if row[i] not in ("", "-"):
                out.append(_labelled(str(labels[i]), row[i], indent, limit))
    return "\n".join(out)


def _labelled(label: str, value: str, indent: str, limit: int) -> str:
    return textwrap.fill(
        f"{label}: {value}",
        limit,
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_long_words=False,
        break_on_hyphens=False,
    )


def _blocks(headers: list[str], cells: list[list[str]], limit: int) -> str:
    """The last resort of ``table``: each row a block, its first cell then one line a column."""
    out: list[str] = []
    for row in cells:
        out.append(_labelled(headers[0], row[0], "", limit))
        out += [
            _labelled(h, c, "  ", limit)
            for h, c in zip(headers[1:], row[1:], strict=True)
            if c not in ("", "-")
        ]
    return "\n".join(out)


def wrap(text: str, indent: str = "  ", hang: str | None = None) -> str:
    """``text`` as a paragraph that fits the terminal (and ``PROSE_WIDTH``), broken between
    words only; ``hang`` indents the lines after the first (default: ``indent``)."""
    limit = min(width(), PROSE_WIDTH)
    lines = textwrap.wrap(
        text,
        limit,
        initial_indent=indent,
        subsequent_indent=indent if hang is None else hang,
        break_on_hyphens=False,
        break_long_words=False,
    )
    return "\n".join(_outdented(line, limit) for line in lines)


def _outdented(line: str, limit: int) -> str:
    """A line that is one word too long for its indent (a URL, a path): indented less, so
    that it still fits whole, or not at all when the word alone is wider. Never broken: it
    is there to be copied, and a terminal that wraps it makes it look like two."""
    word = line.lstrip()
    if len(line) <= limit or " " in word:
        return line
    return word.rjust(limit) if len(word) <= limit else word


def shell_lines(prefix: str, command: str, limit: int | None) -> str:
    """``prefix`` then the shell ``command``, broken with a backslash before an option where
    it would pass ``limit`` columns (an option and its value stay together): a shell reads
    the lines as one command, so it still runs when copied whole, where a terminal's own
    wrap breaks a file name in two. ``limit`` None (a file, a pipe): one line."""
    if limit is None or len(prefix) + len(command) <= limit:
        return prefix + command
    parts: list[str] = []  # the command's words, an option with its value as one part
    for word in (shlex.quote(w) for w in shlex.split(command)):
        if (
            parts
            and parts[-1].startswith("-")
            and " " not in parts[-1]
            and not word.startswith("-")
        ):
            parts[-1] += " " + word
        else:
            parts.append(word)
    indent = " " * (len(prefix) + 4)
    lines, line = [], prefix + parts[0]
    for part in parts[1:]:
        if len(line) + 1 + len(part) + 2 > limit:  # 2: room for the " \\"
            lines.append(line + " \\")
            line = indent + part
        else:
            line += " " + part
    return "\n".join([*lines, line])


def paragraphs(text: str, stream: TextIO | None = None) -> str:
    """Each line of ``text`` wrapped to the terminal's width, its continuations indented: for
    messages (warnings, notes), whose file names and lists can run long. To a file or a pipe
    each message stays one line, for grep and logs."""
    room = columns(stream)
    if room is None:
        return text
    limit = min(room, PROSE_WIDTH)
    return "\n".join(
        "\n".join(
            _outdented(part, limit)
            for part in textwrap.wrap(
                line,
                limit,
                subsequent_indent=line[: len(line) - len(line.lstrip())] + "  ",
                break_on_hyphens=False,
                break_long_words=False,
            )
        )
        or line
        for line in text.split("\n")
    )


def pick_category(catalog: Catalog, name: str) -> str:
    for cat in catalog.categories.values():
        if fold(name) in (fold(cat.id), fold(cat.name)):
            return cat.id
    known = ", ".join(catalog.categories)
    raise NotFoundError(
        _('unknown category "{name}" (categories: {known})').format(name=name, known=known)
    )


# --- words and numbers as the language writes them ------------------------------------------


def level_names() -> list[str]:
    """The levels' names as people read them (models.inputs.level_label), 0 to 4."""
    return [level_label(i) for i in range(len(LEVEL_LABELS))]


def level_labels() -> list[str]:
    """What goes before each level's descriptor, 0 to 4: its number and name, the names
    padded to the longest, so that the descriptors (and the lines they wrap onto, indented
    by the label's length) all start in one column."""
    names = level_names()
    room = max(len(name) for name in names)
    return [f"  {level} {name:<{room}} " for level, name in enumerate(names)]


def level_choices() -> str:
    """'0 none, 1 aware, 2 working, 3 proficient, 4 expert' in the current language."""
    return ", ".join(f"{i} {name}" for i, name in enumerate(level_names()))


def _yes(flag: bool) -> str:
    return _("yes") if flag else ""


def _num(x: float) -> str:
    return format_number(x)


def _decimal(x: float) -> str:
    """``x`` with one decimal place, with the language's decimal mark."""
    if current() == DEFAULT:
        return f"{x:.1f}"
    from babel.numbers import format_decimal

    return format_decimal(x, format="#,##0.0", locale=locale_name())


def _decimal_mark(number: str) -> str:
    """A number written the Python way ("2.5") with the language's decimal mark."""
    if current() == DEFAULT:
        return number
    from babel.numbers import get_decimal_symbol

    return number.replace(".", get_decimal_symbol(locale_name()))


def _count(n: int) -> str:
    """A whole number with the language's thousands separator: 1,234 or 1.234."""
    if current() == DEFAULT:
        return f"{n:,}"
    from babel.numbers import format_decimal

    return format_decimal(n, format="#,##0", locale=locale_name())


def _date(day: dt.date | str | None) -> str:
    """A date (or an ISO date string, as comparisons keep them) as the language writes it."""
    if isinstance(day, str):
        try:
            return format_date(dt.date.fromisoformat(day))
        except ValueError:
            return day
    return "?" if day is None else format_date(day)


# A role's family (an id in the catalogue files) as people read it.
FAMILY_LABEL = {
    "business": N_("business"),
    "technical": N_("technical"),
    "cross-section": N_("cross-section"),
}


def validated_text(catalog: Catalog) -> str:
    """``validate``'s line: what the catalogue holds (and that warnings came before)."""
    # One sentence: a catalogue holds many of each, so the counts are plural.
    line = _(
        "ok: {name} {version}: {skills} skills in {categories} categories, {roles} roles, "
        "{roadmaps} roadmaps"
    ).format(
        name=catalog.info.name,
        version=catalog.version,
        skills=len(catalog.skills),
        categories=len(catalog.categories),
        roles=len(catalog.roles),
        roadmaps=len(catalog.roadmaps),
    )
    if not catalog.warnings:  # only when there are some: the line then fits 96 columns
        return line
    n = len(catalog.warnings)
    return ngettext("{line} ({n} warning above)", "{line} ({n} warnings above)", n).format(
        line=line, n=n
    )


def roles_table(catalog: Catalog) -> str:
    rows = []
    for role in catalog.roles.values():
        essentials = sum(rs.essential for rs in role.skills.values())
        family = _said(FAMILY_LABEL, role.family)
        rows.append((role.id, role.name, family, len(role.skills), essentials))
    head = ngettext(
        "{n} role in {catalogue} {version}", "{n} roles in {catalogue} {version}", len(rows)
    ).format(n=len(rows), catalogue=catalog.info.name, version=catalog.version)
    headers = (_("id"), _("name"), _("family"), _("skills"), _("essential"))
    return head + "\n\n" + table(headers, rows, right={3, 4})


def _aliases(aliases: Sequence[str]) -> str:
    return wrap(_("also called: {aliases}").format(aliases=", ".join(aliases)), "", "  ")


def role_detail(catalog: Catalog, role: Role) -> str:
    out = [wrap(f"{role.name} ({role.id}) · {_said(FAMILY_LABEL, role.family)}", "", "  ")]
    if role.aliases:
        out.append(_aliases(role.aliases))
    out += ["", wrap(role.summary, ""), "", _("Responsibilities:")]
    out += [wrap(r, "  - ", "    ") for r in role.responsibilities]
    out += ["", _("Skill profile (importance 1-5, required level 1-4):"), ""]
    ranked = sorted(
        role.skills.items(), key=lambda kv: (-kv[1].essential, -kv[1].importance, kv[0])
    )
    rows = []
    for skill_id, rs in ranked:
        skill = catalog.skills[skill_id]
        level = f"{rs.level} {level_label(rs.level)}"
        # No category column: its ids are no words for people ("ml-fundamentals", in pt-BR
        # too) and its names, up to 34 letters, would wrap the skills' at 80 columns.
        rows.append((skill.name, rs.importance, level, _yes(rs.essential)))
    out.append(
        table(
            (_("skill"), _("importance"), _("level"), _("essential")),
            rows,
            right={1},
            stack=(3, 2),
            short=(_("skill"), _("imp."), _("level"), _("ess.")),
        )
    )
    out += _sources(role.sources)
    return "\n".join(out)


# The seed documents the catalogue was written from are named by file ("003_4bcaad...txt"):
# shown as "seed document 003", a hash says nothing to a reader.
_SEED_FILE = re.compile(r"^(\d{3})_[0-9a-f]{16}\.txt: ")


def _sources(sources: Sequence[str]) -> list[str]:
    """One source a line: together they run to hundreds of characters."""
    if not sources:
        return []
    named = [
        _SEED_FILE.sub(lambda m: _("seed document {number}: ").format(number=m[1]), s)
        for s in sources
    ]
    return ["", _("Sources:"), *(wrap(s, "  - ", "    ") for s in named)]


def skills_table(catalog: Catalog, skills: list[Skill]) -> str:
    out = []
    for cat_id, cat in catalog.categories.items():
        listed = [s for s in skills if s.category == cat_id]
        if not listed:
            continue
        out.append(wrap(f"{cat.name} ({cat_id})", "", "  "))
        for s in listed:
            aliases = f"  [{', '.join(s.aliases)}]" if s.aliases else ""
            out.append(wrap(f"{s.id:<24} {s.name}{aliases}", "  ", " " * 27))
        out.append("")
    shows = ngettext(
        "{n} skill. `{command}` shows the level descriptors.",
        "{n} skills. `{command}` shows the level descriptors.",
        len(skills),
    )
    command = next_command("skills", "show", "ID")
    out.append(wrap(shows.format(n=len(skills), command=command), ""))
    return "\n".join(out)


def skill_detail(catalog: Catalog, skill: Skill) -> str:
    out = [wrap(f"{skill.name} ({skill.id}) · {catalog.categories[skill.category].name}", "", "  ")]
    if skill.aliases:
        out.append(_aliases(skill.aliases))
    out += ["", wrap(skill.description, ""), ""]
    labels = level_labels()
    for level, text in enumerate(skill.levels):
        out.append(wrap(text, labels[level], " " * len(labels[level])))
    return "\n".join(out)


def _level(v: int | None) -> str:
    return "?" if v is None else str(v)


# What the gap table says of a role and of a job posting: whole sentences, as word order and
# gender differ between languages.
_NO_GAPS = {
    "role": N_("none: you meet every skill of this role."),
    "posting": N_("none: you meet every skill of this posting."),
}
_GAP_LEGEND = {
    "role": N_(
        "each with your level, the level the role requires (req.), the skill's importance to "
        "it (imp., 1-5), whether it is essential (ess.) and the weighted gap: levels missing "
        "times importance."
    ),
    "posting": N_(
        "each with your level, the level the posting requires (req.), the skill's importance "
        "to it (imp., 1-5), whether it is essential (ess.) and the weighted gap: levels "
        "missing times importance."
    ),
}


def _gap_lines(gaps: Sequence[SkillGap], what: Literal["role", "posting"]) -> list[str]:
    """The gap table of a role (or a posting: ``what``), with its headers said in full."""
    if not gaps:
        return ["  " + _(_NO_GAPS[what])]
    rows = [
        (
            g.name,
            _level(g.your_level),
            g.required_level,
            g.importance,
            _yes(g.essential),
            _("unknown") if g.weighted_gap is None else _num(g.weighted_gap),
        )
        for g in gaps
    ]
    return [
        # Narrow tables shorten these headers (req., imp., ess., gap): say them in full.
        wrap(_(_GAP_LEGEND[what]), ""),
        table(
            (
                _("skill"),
                _("yours"),
                _("required"),
                _("importance"),
                _("essential"),
                _("weighted gap"),
            ),
            rows,
            right={1, 2, 3, 5},
            short=(_("skill"), _("yours"), _("req."), _("imp."), _("ess."), _("gap")),
        ),
    ]


def replay_text(run: AdaptiveRun, catalog: Catalog, source: str) -> str:
    """An adaptive replay of a filled file: how it stopped, what it asked, the top three."""
    names = format_list([catalog.roles[r].name for r in run.top])
    asked = "; ".join(catalog.skills[s].name for s in run.questions)  # names hold commas
    lines = (
        _("Adaptive replay of {file}: {how}.").format(file=printable(source), how=run.message),
        _("Questions, in order: {skills}").format(skills=asked),
        _("Top three when it stopped: {roles}").format(roles=names),
    )
    return "\n".join(wrap(line, "", "  ") for line in lines)


class _Standing(Protocol):
    fit: float
    readiness: float
    essentials_met: int
    essentials_total: int


def _standing(m: _Standing) -> dict[str, str | int]:
    """The placeholders of a fit, readiness and essentials-met sentence."""
    return {
        "fit": format_percent(m.fit),
        "ready": format_percent(m.readiness),
        "met": m.essentials_met,
        "total": m.essentials_total,
    }


def assessment_text(result: Assessment, catalog: Catalog, top: int | None = None) -> str:
    ranking = result.ranking[:top] if top else result.ranking
    rated = ngettext(
        "Role match ({answered} of {total} skill rated, {known}; catalogue {version})",
        "Role match ({answered} of {total} skills rated, {known}; catalogue {version})",
        result.total_skills,
    )
    # Its own plural: "1 conhecida", not "1 conhecidas" beside 92 skills.
    known = ngettext("{n} known", "{n} known", result.known).format(n=result.known)
    unlisted = result.known - result.answered
    out = [
        wrap(
            rated.format(
                answered=result.answered,
                total=result.total_skills,
                known=known,
                version=catalog.version,
            ),
            "",
        ),
        *(
            [
                wrap(
                    ngettext(
                        "The {n} skill your file does not list counts as level 0 (put "
                        '`unlisted: unknown` in it if you mean "not asked yet").',
                        "The {n} skills your file does not list count as level 0 (put "
                        '`unlisted: unknown` in it if you mean "not asked yet").',
                        unlisted,
                    ).format(n=unlisted),
                    "",
                )
            ]
            if unlisted > 0
            else []
        ),
        wrap(
            _(
                "fit: how closely your profile's shape matches the role's (it ranks the roles); "
                "ready: the share of the role's required levels you reach; ess.: essential "
                "skills met; known: how much of the role rests on known levels, not estimates; "
                "carried by: the skills you already have at the level the role needs, those "
                "that count most."
            ),
            "",
        ),
        "",
    ]
    rows = []
    for m in ranking:
        # Met skills only: one partly met is a gap, and the row names it there (a skill in
        # both columns read as a contradiction).
        met = [c.name for c in m.strengths if c.your_level >= c.required_level]
        carried = ", ".join(met) or "-"
        gaps = ", ".join(g.name for g in m.gaps) or "-"
        rows.append(
            (
                m.rank,
                m.name,
                format_percent(m.fit),
                format_percent(m.readiness),
                f"{m.essentials_met}/{m.essentials_total}",
                format_percent(m.answered_weight),
                carried,
                gaps,
            )
        )
    headers = (
        "#",
        _("role"),
        _("fit"),
        _("ready"),
        _("ess."),
        _("known"),
        _("carried by"),
        _("costliest gaps"),
    )
    out.append(table(headers, rows, right={0, 2, 3, 4, 5}))
    out.append("")
    for m in ranking[:3]:  # the roles the table shows, --top 2 included
        out.append(wrap(f"{m.rank}. {m.explanation}", ""))
    if result.door_openers:
        out += [
            "",
            wrap(
                _("Skills that open the most doors (one level up raises these roles' readiness):"),
                "",
            ),
        ]
        for d in result.door_openers:
            line = ngettext(
                "{skill} ({level} -> {next}): {n} role, +{points} points in total",
                "{skill} ({level} -> {next}): {n} roles, +{points} points in total",
                d.roles_improved,
            )
            out.append(
                wrap(
                    line.format(
                        skill=d.name,
                        level=d.from_level,
                        next=d.from_level + 1,
                        n=d.roles_improved,
                        points=_decimal(d.total_gain * 100),
                    )
                )
            )
    if result.target:
        target = catalog.roles[result.target]
        match = result.match(result.target)
        out += [
            "",
            wrap(
                _(
                    "Gaps for {role} (fit {fit}, ready {ready}, {met}/{total} essentials met):"
                ).format(role=target.name, **_standing(match)),
                "",
            ),
        ]
        out += _gap_lines(result.target_gaps, "role")
    # Those about the file's names are said on standard error by whoever read the file (a
    # command's ``read_answers``, the questionnaire as it starts), never in the ranking.
    for w in (w for w in result.warnings if w.code not in NAME_CODES):
        out += ["", wrap(_("warning: {message}").format(message=w.message), "", "  ")]
    return "\n".join(out)


def _hours(low: float, high: float) -> str:
    if low != high:
        return _("{low}-{high} h").format(low=_num(low), high=_num(high))
    return _("{hours} h").format(hours=_num(low))


# A step's status as the plan shows it ("todo" says nothing).
STATUS_LABEL = {
    "todo": "",
    "shortened": N_("shortened"),
    "covered": N_("already covered"),
    "learning": N_("learning"),
    "done": N_("done"),
    "skipped": N_("skipped"),
}
# A resource's kind (an id in the roadmap files) as people read it.
RESOURCE_KIND = {
    "course": N_("course"),
    "book": N_("book"),
    "docs": N_("docs"),
    "tutorial": N_("tutorial"),
    "video": N_("video"),
    "article": N_("article"),
    "project": N_("project"),
    "paper": N_("paper"),
}


def _said(labels: Mapping[str, str], key: str) -> str:
    """The translated label of ``key`` (never gettext's "": that is the catalogue's header)."""
    label = labels.get(key, key)
    return _(label) if label else ""


def _plan_route(plan: Plan, catalog: Catalog) -> str:
    if plan.from_role_closest:
        route = _(
            "From {from_role} (your closest role) to {to_role}, starting {start} at {hours} h/week."
        )
    elif plan.from_role_inferred:
        route = _(
            "From {from_role} (one of your closest roles) to {to_role}, starting {start} at "
            "{hours} h/week."
        )
    else:
        route = _("From {from_role} to {to_role}, starting {start} at {hours} h/week.")
    return route.format(
        from_role=catalog.roles[plan.from_role].name,
        to_role=catalog.roles[plan.to_role].name,
        start=_date(plan.start_date),
        hours=_num(plan.hours_per_week),
    )


def _plan_total(plan: Plan) -> str:
    total = _("Total: {hours}, {estimate}; finishing between {low} and {high}.").format(
        hours=_hours(plan.total_hours_low, plan.total_hours_high),
        estimate=plan.estimate,
        low=_date(plan.end_date_low),
        high=_date(plan.end_date_high),
    )
    if plan.optional_hours_high:
        optional = _("Optional steps make up {hours} of it.").format(
            hours=_hours(plan.optional_hours_low, plan.optional_hours_high)
        )
        total = f"{total} {optional}"
    if plan.end_date_middle is None:
        return total
    # The phases' and steps' dates are at the middle of each estimate: say where that ends,
    # or the last phase's end reads as a third, contradicting finish date.
    middle = _("The dates below take the middle of each estimate: finished by {date}.")
    return f"{total} {middle.format(date=_date(plan.end_date_middle))}"


def plan_text(plan: Plan, catalog: Catalog) -> str:
    out = [
        wrap(plan.title, ""),
        wrap(_plan_route(plan, catalog), ""),
        wrap(_plan_total(plan), ""),
    ]
    if plan.progress:
        out.append(
            _("Progress: {share} of the plan done.").format(share=format_percent(plan.progress))
        )
    out += [wrap(_("Note: {note}").format(note=after_colon(n)), "") for n in plan.notes]
    for i, phase in enumerate(plan.phases, start=1):
        when = (
            _("{start} to {end}").format(start=_date(phase.start_date), end=_date(phase.end_date))
            if phase.start_date and phase.end_date
            else _("nothing to do")
        )
        title = _(
            "Phase {number}: {title}  ({hours}; {when}; {done}/{total} steps done, skipped or "
            "covered)"
        ).format(
            number=i,
            title=phase.title,
            hours=_hours(phase.hours_low, phase.hours_high),
            when=when,
            done=phase.steps_done,
            total=phase.steps_total,
        )
        out += ["", wrap(title, "", "  "), wrap(_("Goal: {goal}").format(goal=phase.goal), "  ")]
        for step in phase.steps:
            out += _plan_step(step, catalog)
    out += [
        "",
        wrap(_("All durations are estimates; adjust them with --hours-per-week and --start."), ""),
    ]
    return "\n".join(out)


def _step_kind(step: PlanStep) -> str:
    if step.essential and step.optional:
        return _("optional, teaches an essential skill")
    return _("essential") if step.essential else _("optional") if step.optional else ""


def _plan_step(step: PlanStep, catalog: Catalog) -> list[str]:
    flags = ", ".join(
        f
        for f in (
            _said(STATUS_LABEL, step.status),
            # "essential, optional" read as a contradiction: an optional step (a refresher,
            # one of several projects) may still teach an essential skill.
            _step_kind(step),
        )
        if f
    )
    when = (
        f"{_date(step.start_date)} – {_date(step.end_date)}"
        if step.start_date and step.end_date
        else ""
    )
    hours = _hours(step.hours_low, step.hours_high) if step.hours_high else _hours(0, 0)
    out = [wrap(f"- [{step.id}] {step.title}" + (f"  ({flags})" if flags else ""), "  ", "    ")]
    skills = ", ".join(f"{name} {change}" for name, change in step.changes)
    # A project applies the levels it names and teaches none (the steps after it do not
    # start from it): "uses", lest "2→3" read as a level the plan then forgets.
    label = (
        _("{hours}  {when}  uses: {skills}")
        if step.project
        else _("{hours}  {when}  teaches: {skills}")
    )
    teaches = label.format(hours=hours, when=when, skills=skills)
    out.append(wrap(teaches, "      "))
    for r in step.resources:
        kind = _said(RESOURCE_KIND, r["kind"])
        out.append(
            wrap(
                f"· {r['title']} ({kind})" + (f" {r['url']}" if r.get("url") else ""),
                "      ",
                "        ",  # a wrapped line (the URL, often) lines up with the text, not "·"
            )
        )
        # The language's note on a resource (a version in that language, say), under it.
        note = catalog.resource_notes.get(r.get("url") or "")
        if note:
            out.append(wrap(note, "        "))
    for p in step.projects:
        project = _("» project: {title}: {description}")
        out.append(wrap(project.format(title=p["title"], description=p["description"]), "      "))
    if not step.resources and not step.projects and step.skills:
        # A generated step for a skill no curated roadmap teaches: say where to look instead
        # (the command on a line of its own, whole, to be copied).
        out.append(wrap(_("· none curated yet; what each level looks like, to aim at:"), "      "))
        out.append("        " + next_command("skills", "show", step.skills[0].skill))
    return out


def _from_zero() -> str:
    return wrap(
        _(
            "Hours are for someone starting at 0 in every skill a step teaches, never below "
            "the catalogue's hours for those skills; a plan (careerpath plan) takes off what "
            "you already know."
        ),
        "",
    )


def roadmaps_table(catalog: Catalog) -> str:
    from careerpath.planner import roadmap_hours

    rows = []
    for rm in catalog.roadmaps.values():
        rows.append(
            (
                rm.id,
                catalog.roles[rm.from_role].name,
                catalog.roles[rm.to_role].name,
                len(rm.phases),
                len(rm.steps()),
                _hours(*roadmap_hours(rm, catalog)),
            )
        )
    headers = (_("id"), _("from"), _("to"), _("phases"), _("steps"), _("hours"))
    return "\n".join((table(headers, rows, right={3, 4}), "", _from_zero()))


def roadmap_detail(catalog: Catalog, rm: Roadmap) -> str:
    from careerpath.planner import full_hours, roadmap_starts

    starts = roadmap_starts(rm, catalog)
    out = [wrap(f"{rm.title} ({rm.id})", "", "  ")]
    if rm.summary:
        out.append(wrap(rm.summary, ""))
    out += ["", _from_zero()]
    for i, phase in enumerate(rm.phases, start=1):
        out += [
            "",
            wrap(
                _("Phase {number}: {title} [{kind}]").format(
                    number=i, title=phase.title, kind=phase.kind
                ),
                "",
                "  ",
            ),
            wrap(_("Goal: {goal}").format(goal=phase.goal), "  "),
        ]
        for step in phase.steps:
            teaches = ", ".join(
                f"{catalog.skills[s].name} {lvl}" for s, lvl in step.teaches.items()
            )
            low, high = full_hours(step, phase.kind, catalog, starts[step.id])
            hours = _hours(low, high)
            if (low, high) != (step.hours.low, step.hours.high):
                hours = _(
                    "{hours}: the catalogue's hours for its skills, above the {curated} its "
                    "authors give"
                ).format(hours=hours, curated=_hours(step.hours.low, step.hours.high))
            about = (
                _("{hours}; after {steps}").format(hours=hours, steps=", ".join(step.prerequisites))
                if step.prerequisites
                else hours
            )
            out.append(wrap(f"- [{step.id}] {step.title} ({about})", "  ", "    "))
            label = _("uses: {skills}") if phase.kind == "projects" else _("teaches: {skills}")
            out.append(wrap(label.format(skills=teaches), "      "))
    out += _sources(rm.sources)
    return "\n".join(out)


def comparison_text(result: Comparison, catalog: Catalog) -> str:
    out = [
        wrap(
            _("Comparison: {before} ({before_date}) -> {after} ({after_date})").format(
                before=result.before,
                before_date=_date(result.assessed_before),
                after=result.after,
                after_date=_date(result.assessed_after),
            ),
            "",
            "  ",
        )
    ]
    out += [wrap(_("note: {note}").format(note=n), "", "  ") for n in result.notes]
    moves = result.moved_up + result.moved_down + result.newly_answered
    out += ["", _("Skills that moved:")]
    if moves:
        out.append(
            table(
                (_("skill"), _("before"), _("after"), _("change")),
                [
                    (
                        m.name,
                        _level(m.before),
                        m.after,
                        _("new") if m.change is None else f"{m.change:+d}",
                    )
                    for m in moves
                ],
                right={1, 2, 3},
            )
        )
    else:
        out.append(_("  none"))  # its own msgid: "none" alone is the level 0
    out += [
        "",
        wrap(_("Roles (fit ranks them; ready: share of each role's required levels reached):"), ""),
    ]
    headers = (
        _("role"),
        _("fit before"),
        _("after"),
        _("ready before"),
        _("after"),
        _("rank"),
    )
    out.append(
        table(
            headers,
            [
                (
                    r.name,
                    format_percent(r.fit_before),
                    format_percent(r.fit_after),
                    format_percent(r.readiness_before),
                    format_percent(r.readiness_after),
                    f"{r.rank_before} -> {r.rank_after}",
                )
                for r in result.roles
            ],
            right={1, 2, 3, 4},
        )
    )
    if result.target:
        toward = _("Gaps toward {role}:").format(role=catalog.roles[result.target].name)
        names = {
            k: ", ".join(catalog.skills[s].name for s in v)
            for k, v in (("closed", result.gaps_closed), ("opened", result.gaps_opened))
        }
        # "none" takes the gender of what it stands for: whole phrases, not a shared "none".
        closed = (
            _("closed: {skills}").format(skills=names["closed"])
            if names["closed"]
            else _("closed: none")
        )
        opened = (
            _("opened: {skills}").format(skills=names["opened"])
            if names["opened"]
            else _("opened: none")
        )
        out += ["", wrap(toward, ""), wrap(closed, "  ", "    "), wrap(opened, "  ", "    ")]
    # A skipped step is settled but not learnt: listed apart, never as completed.
    done = ", ".join(s.step for s in result.steps_completed if s.status != "skipped")
    skipped = ", ".join(s.step for s in result.steps_completed if s.status == "skipped")
    completed = _("Plan steps done between the two: {steps}").format(
        steps=done or _("none recorded")
    )
    out += ["", wrap(completed, "", "  ")]
    if skipped:
        line = _("Plan steps skipped between the two (not done): {steps}").format(steps=skipped)
        out += [wrap(line, "", "  ")]
    return "\n".join(out)


IGNORED_SHOWN = 10


def _ignored(result: Cohort | Team) -> list[str]:
    """Skill names the used files give that the catalogue does not know: each ignored."""
    if not result.ignored:
        return []
    n = len(result.ignored)
    files = {i.file for i in result.ignored if i.file}  # none when anonymised
    if files:
        head = ngettext(
            "{n} skill name in {files} is not in the catalogue and was ignored "
            "(`{command}` lists the names it knows):",
            "{n} skill names in {files} are not in the catalogue and were ignored "
            "(`{command}` lists the names it knows):",
            n,
        )
        where = ngettext("{n} file", "{n} files", len(files)).format(n=len(files))
    else:
        head = ngettext(
            "{n} skill name is not in the catalogue and was ignored "
            "(`{command}` lists the names it knows):",
            "{n} skill names are not in the catalogue and were ignored "
            "(`{command}` lists the names it knows):",
            n,
        )
        where = ""
    out = [wrap(head.format(n=n, files=where, command=next_command("skills")), "")]
    for i in result.ignored[:IGNORED_SHOWN]:
        line = f":{i.line}" if i.line else ""
        if i.file:
            at = f"{i.file}{line}"
        else:
            at = _("line {line}").format(line=i.line) if i.line else _("a file")
        name = f'"{i.name}": ' if i.name is not None else ""
        out.append(wrap(f"{at}: {name}{i.message}", "  ", "    "))
    if n > IGNORED_SHOWN:
        out.append("  " + _("and {n} more").format(n=_count(n - IGNORED_SHOWN)))
    return out


def _skipped(skipped: Sequence[Skipped]) -> list[str]:
    if not skipped:
        return []
    # Each line of a JSON Lines file is a person's answers: three bad lines are not 3 files.
    n = len(skipped)
    said = (
        ngettext(
            "{n} file or line skipped (see above).", "{n} files or lines skipped (see above).", n
        )
        if any(s.json_lines for s in skipped)
        else ngettext("{n} file skipped (see above).", "{n} files skipped (see above).", n)
    )
    return [wrap(said.format(n=n), "")]


def cohort_text(result: Cohort, catalog: Catalog) -> str:
    people = (
        ngettext(
            "Cohort: {n} person (anonymised)", "Cohort: {n} people (anonymised)", result.people
        )
        if result.anonymised
        else ngettext("Cohort: {n} person", "Cohort: {n} people", result.people)
    )
    out = [wrap(people.format(n=result.people), "")]
    out += _skipped(result.skipped)
    out += _ignored(result)
    if result.averages_note:
        out.append(wrap(result.averages_note, ""))
    out += ["", _("Best-matching roles (by fit):")]
    out += [wrap(f"{catalog.roles[r].name}: {n}") for r, n in result.best_role_counts.items()]
    out += [
        "",
        wrap(_("Closest to each role (by fit: whose profile most resembles the role's):"), ""),
    ]
    out.append(
        table(
            (_("role"), _("family"), _("closest"), _("fit")),
            [
                (c.name, _said(FAMILY_LABEL, c.family), c.label, format_percent(c.fit))
                for c in result.closest
            ],
            right={3},
        )
    )
    if result.target:
        toward = _("Most common gaps toward {role}:").format(role=catalog.roles[result.target].name)
        out += ["", wrap(toward, "")]
        if result.target_note:
            out.append(wrap(result.target_note, ""))
        out.append(
            table(
                (_("skill"), _("people"), _("essential"), _("mean weighted gap")),
                [
                    (
                        g.name,
                        g.people,
                        _yes(g.essential),
                        "-" if g.mean_gap is None else _decimal_mark(str(g.mean_gap)),
                    )
                    for g in result.common_gaps
                ],
                right={1, 3},
            )
        )
        out.append(wrap(_(GAPS_ORDER), ""))
    out += ["", wrap(_("Use -o cohort.html for the skills x people heatmap."), "")]
    return "\n".join(out)


# How the cohort's common gaps are ordered and what their number is (HTML and PDF say it too).
GAPS_ORDER = N_(
    "Essential skills first, then the most people lacking, then importance. Mean weighted "
    "gap: importance x levels missing (all of them when unknown), averaged over the group."
)


# The advice of a team's role (an id in the JSON) as the table shows it.
ADVICE_LABEL = {"covered": N_("covered"), "upskill": N_("upskill"), "hire": N_("hire")}


def could_cover(result: Team, role: RoleCoverage) -> list[str]:
    """Who could cover ``role`` on their own, each that the assignment gives another role
    followed by it: "could cover" beside "hire" or another member is no contradiction then."""
    out = []
    for label in role.could_cover:
        held = result.holds(label)
        if held and held != role.name:
            out.append(_("{person} (holds {role})").format(person=label, role=held))
        else:
            out.append(label)
    return out


def team_advice(result: Team) -> list[str]:
    """What to do, from the assignment: who to upskill toward which role, which to hire."""
    up = [r for r in result.roles if r.advice == "upskill"]
    hire = [r for r in result.roles if r.advice == "hire"]
    out = [_("upskill {person} toward {role}").format(person=r.assigned, role=r.name) for r in up]
    out += [_("hire for {role}").format(role=r.name) for r in hire]
    return out


def team_text(result: Team, catalog: Catalog) -> str:
    n = len(result.roles)
    coverage = ngettext(
        "Team coverage: {n} person, threshold {threshold}",
        "Team coverage: {n} people, threshold {threshold}",
        result.people,
    ).format(n=result.people, threshold=format_percent(result.threshold))
    out = [
        wrap(coverage, ""),
        wrap(
            _(
                "A member could cover a role when their readiness for it (the share of its "
                "required levels they reach, with levels known for at least half of its weight) "
                "is at or above the threshold and they meet each of its essential skills. One "
                "person holds one role at a time, so the advice follows an assignment: {method}. "
                "A role whose member is within 15 points of the threshold, or above it with an "
                "essential skill not met, is to upskill; a role with nobody that near, to hire."
            ).format(method=result.method),
            "",
        ),
    ]
    out += _skipped(result.skipped)
    out += _ignored(result)
    rows = [
        (
            r.name,
            "-"
            if r.assigned is None
            else f"{r.assigned} ({format_percent(r.assigned_readiness or 0)})",
            _said(ADVICE_LABEL, r.advice),
            ", ".join(r.top_gaps),
        )
        for r in result.roles
    ]
    assignment = ngettext(
        "Assignment, one role each: {covered} of {n} role covered at once",
        "Assignment, one role each: {covered} of {n} roles covered at once",
        n,
    ).format(covered=result.covered, n=n)
    headers = (_("role"), _("assigned (readiness)"), _("advice"), _("their top gaps"))
    out += ["", wrap(assignment, ""), table(headers, rows, stack=(3,))]
    if result.unassigned:
        free = _("Free (no role in the assignment): {people}")
        out.append(wrap(free.format(people=", ".join(result.unassigned)), ""))
    could = _(
        "Could cover each role on their own (readiness >= {threshold}, essentials met; in "
        "brackets, the role the assignment gives them instead):"
    )
    out += ["", wrap(could.format(threshold=format_percent(result.threshold)), "")]
    nobody = _("nobody")
    out += [
        wrap(f"{r.name}: {', '.join(could_cover(result, r)) or nobody}", "  ", "    ")
        for r in result.roles
    ]
    advice = "; ".join(team_advice(result)) or _("every role is covered")
    out += ["", wrap(_("Advice: {advice}.").format(advice=advice), "")]
    return "\n".join(out)


def jobs_note(jobs: int | None, scheduler: str | None, workers: int, files: int, cpus: int) -> str:
    """Why ``report --batch`` runs on other than the ``jobs`` processes asked for ("" when it
    does not): a scheduler's cluster has its own workers, and more processes than files or
    CPUs would only cost memory and start-up time."""
    if jobs and scheduler:
        return _("note: --jobs does not apply with --scheduler: the cluster has its workers")
    if jobs and jobs > workers and files:  # no file at all: nothing runs, nothing is capped
        capped = _(
            "note: --jobs {jobs} capped at {workers} (one process per file and per CPU: "
            "{files} files, {cpus} CPUs)"
        )
        return capped.format(jobs=jobs, workers=workers, files=files, cpus=cpus)
    return ""


def batch_text(
    outcomes: Sequence[Outcome], out_dir: Path, kept: int | None = None
) -> tuple[list[str], str]:
    """``report --batch``'s outcome: the lines for standard error (the files' warnings, then
    the files skipped as blank, then those that failed) and the summary line. ``kept``: with
    --skip-existing, how many reports were left as they were: when that is all of them, the
    one line says there was nothing to do."""
    if not outcomes and kept:
        done = ngettext(
            "The {n} report in {folder} is already there (--skip-existing); nothing to do.",
            "All {n} reports in {folder} are already there (--skip-existing); nothing to do.",
            kept,
        )
        return [], done.format(n=kept, folder=printable(str(out_dir)))
    from careerpath.batch import notices

    told = [_("warning: {message}").format(message=w) for w in notices(outcomes)]
    skipped = _("skipped: {file}: {reason}")
    told += [
        skipped.format(file=printable(x.source), reason=x.skipped) for x in outcomes if x.skipped
    ]
    told += [_("failed: {reason}").format(reason=x.failure()) for x in outcomes if x.error]
    n, written = len(outcomes), sum(1 for x in outcomes if x.output)
    blank = sum(1 for x in outcomes if x.skipped)
    failed = sum(1 for x in outcomes if x.error)
    # One clause each, in this order: what was written, what failed, what was there already,
    # what was blank. The failures are counted here too: the last line is the one read.
    clauses = [
        ngettext(
            "{written} of {n} report written to {folder}",
            "{written} of {n} reports written to {folder}",
            n,
        ).format(written=written, n=n, folder=printable(str(out_dir)))
    ]
    if failed:
        clauses.append(
            ngettext(
                "{n} could not be made (listed above)",
                "{n} could not be made (listed above)",
                failed,
            ).format(n=failed)
        )
    if kept is not None:
        clauses.append(_("{n} skipped (already there)").format(n=kept))
    if blank:
        clauses.append(_("{n} skipped (no skill answered)").format(n=blank))
    return told, "; ".join(clauses)


def posting_text(result: PostingMatch, catalog: Catalog, *, full_plan: bool = True) -> str:
    """A posting's profile and closest role; with a person, their fit, readiness, gaps and
    plan toward it (``full_plan=False``: the plan in one line, as ``assess --posting``)."""
    from careerpath.posting import titled_roles

    p = result.posting
    others = ", ".join(f"{r.name} {format_percent(r.fit)}" for r in p.roles[1:3])
    # The title's role comes first whatever its fit: say so, or a lower fit first looks wrong.
    closest = (
        _("The posting's closest role: {role} (named in the title; fit {fit}); then {others}.")
        if p.closest_role in titled_roles(p.title, catalog)
        else _("The posting's closest role: {role} (fit {fit}); then {others}.")
    )
    posting = _("Job posting: {title} ({file})").format(title=p.title or _("untitled"), file=p.file)
    asks = ngettext(
        "It asks for {n} catalogue skill: importance (imp., 1 nice to have ... 5 central) and "
        "required level (1 aware ... 4 expert) from the section and the words that ask for it "
        "(why); ess.: essential (in the title, or a must).",
        "It asks for {n} catalogue skills: importance (imp., 1 nice to have ... 5 central) and "
        "required level (1 aware ... 4 expert) from the section and the words that ask for it "
        "(why); ess.: essential (in the title, or a must).",
        len(p.skills),
    )
    out = [
        wrap(posting, ""),
        wrap(
            closest.format(
                role=p.closest_role_name, fit=format_percent(p.roles[0].fit), others=others
            ),
            "",
        ),
        "",
        wrap(asks.format(n=len(p.skills)), ""),
        table(
            (_("skill"), _("importance"), _("level"), _("essential"), _("why"), _("where")),
            [
                (
                    s.name,
                    s.importance,
                    s.level,
                    _yes(s.essential),
                    s.why,
                    s.evidence[0].where if s.evidence else "",
                )
                for s in p.skills
            ],
            right={1, 2},
            short=(_("skill"), _("imp."), _("level"), _("ess."), _("why"), _("where")),
        ),
    ]
    person = result.person
    if person is None:
        out += ["", wrap(_("Add --answers FILE for your fit, readiness, gaps and a plan."), "")]
        return "\n".join(out)
    # The posting's rank among the catalogue's roles, as the roles that fit better: "7 of
    # 10" counted the posting itself as one of the catalogue's 9.
    better = person.rank - 1
    standing = _standing(person)
    essentials = (  # "0/0 essentials met" says nothing of a posting that marks none
        _("{met}/{total} essentials met").format(**standing)
        if person.essentials_total
        else _("no skill asked as essential")
    )
    you = ngettext(
        "You and this posting ({answers}): fit {fit}, ready {ready}, {essentials}; {better} "
        "of the catalogue's {roles} roles fits you better.",
        "You and this posting ({answers}): fit {fit}, ready {ready}, {essentials}; {better} "
        "of the catalogue's {roles} roles fit you better.",
        better,
    ).format(
        answers=person.answers, essentials=essentials, better=better, roles=len(p.roles), **standing
    )
    out += [
        "",
        wrap(you, ""),
        wrap(person.explanation, ""),
        "",
        wrap(_("Gaps for this posting, costliest first:"), ""),
        *_gap_lines(person.gaps, "posting"),
        "",
    ]
    plan = person.plan
    if plan is None:
        out.append(wrap(_("Plan: {note}").format(note=person.plan_note), ""))
    elif full_plan:
        out.append(plan_text(plan, catalog))
    else:
        short = _("Plan: {title}: {hours}, {estimate} (`{command}` shows it).")
        hours = _hours(plan.total_hours_low, plan.total_hours_high)
        command = next_command("plan", "--posting", _("JOB"))
        line = short.format(title=plan.title, hours=hours, estimate=plan.estimate, command=command)
        out.append(wrap(line, ""))
    if person.not_in_plan:
        names = ", ".join(catalog.skills[s].name for s in person.not_in_plan)
        line = _("Not taught by this plan up to the level the posting asks: {skills}.")
        out.append(wrap(line.format(skills=names), ""))
    return "\n".join(out)
