"""Plain-text views for the terminal: tables and short explanations. No click, no colour codes."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, TextIO

from careerpath.catalog import Catalog, fold
from careerpath.errors import NotFoundError, printable
from careerpath.models import LEVEL_NAMES, Roadmap, Role, Skill

if TYPE_CHECKING:
    from careerpath.models.outputs import (
        Assessment,
        Cohort,
        Comparison,
        Plan,
        PostingMatch,
        SkillGap,
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
    return textwrap.fill(
        text,
        min(width(), PROSE_WIDTH),
        initial_indent=indent,
        subsequent_indent=indent if hang is None else hang,
        break_on_hyphens=False,
        break_long_words=False,
    )


def paragraphs(text: str, stream: TextIO | None = None) -> str:
    """Each line of ``text`` wrapped to the terminal's width, its continuations indented: for
    messages (warnings, notes), whose file names and lists can run long. To a file or a pipe
    each message stays one line, for grep and logs."""
    room = columns(stream)
    if room is None:
        return text
    return "\n".join(
        textwrap.fill(
            line,
            min(room, PROSE_WIDTH),
            subsequent_indent=line[: len(line) - len(line.lstrip())] + "  ",
            break_on_hyphens=False,
            break_long_words=False,
        )
        or line
        for line in text.split("\n")
    )


def pick_category(catalog: Catalog, name: str) -> str:
    for cat in catalog.categories.values():
        if fold(name) in (fold(cat.id), fold(cat.name)):
            return cat.id
    known = ", ".join(catalog.categories)
    raise NotFoundError(f'unknown category "{name}" (categories: {known})')


def roles_table(catalog: Catalog) -> str:
    rows = []
    for role in catalog.roles.values():
        essentials = sum(rs.essential for rs in role.skills.values())
        rows.append((role.id, role.name, role.family, len(role.skills), essentials))
    head = f"{len(rows)} roles in {catalog.info.name} {catalog.version}\n\n"
    return head + table(("id", "name", "family", "skills", "essential"), rows, right={3, 4})


def role_detail(catalog: Catalog, role: Role) -> str:
    out = [wrap(f"{role.name} ({role.id}) · {role.family}", "", "  ")]
    if role.aliases:
        out.append(wrap(f"also called: {', '.join(role.aliases)}", "", "  "))
    out += ["", wrap(role.summary, ""), "", "Responsibilities:"]
    out += [wrap(r, "  - ", "    ") for r in role.responsibilities]
    out += ["", "Skill profile (importance 1-5, required level 1-4):", ""]
    ranked = sorted(
        role.skills.items(), key=lambda kv: (-kv[1].essential, -kv[1].importance, kv[0])
    )
    rows = []
    for skill_id, rs in ranked:
        skill = catalog.skills[skill_id]
        level = f"{rs.level} {LEVEL_NAMES[rs.level]}"
        rows.append(
            (skill.name, skill.category, rs.importance, level, "yes" if rs.essential else "")
        )
    out.append(
        table(
            ("skill", "category", "importance", "level", "essential"),
            rows,
            right={2},
            stack=(1, 4, 3),
            short=("skill", "category", "imp.", "level", "ess."),
        )
    )
    out += _sources(role.sources)
    return "\n".join(out)


def _sources(sources: Sequence[str]) -> list[str]:
    """One source a line: together they run to hundreds of characters."""
    return ["", "Sources:", *(wrap(s, "  - ", "    ") for s in sources)] if sources else []


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
    out.append(
        wrap(f"{len(skills)} skills. `careerpath skills show ID` shows the level descriptors.", "")
    )
    return "\n".join(out)


def skill_detail(catalog: Catalog, skill: Skill) -> str:
    out = [wrap(f"{skill.name} ({skill.id}) · {catalog.categories[skill.category].name}", "", "  ")]
    if skill.aliases:
        out.append(wrap(f"also called: {', '.join(skill.aliases)}", "", "  "))
    out += ["", wrap(skill.description, ""), ""]
    for level, text in enumerate(skill.levels):
        out.append(wrap(text, f"  {level} {LEVEL_NAMES[level]:<11}", " " * 16))
    return "\n".join(out)


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _level(v: int | None) -> str:
    return "?" if v is None else str(v)


def _gap_lines(gaps: Sequence[SkillGap], what: str) -> list[str]:
    """The gap table of a role (or a posting: ``what``), with its headers said in full."""
    if not gaps:
        return [f"  none: you meet every skill of this {what}."]
    rows = [
        (
            g.name,
            _level(g.your_level),
            g.required_level,
            g.importance,
            "yes" if g.essential else "",
            "unknown" if g.weighted_gap is None else f"{g.weighted_gap:g}",
        )
        for g in gaps
    ]
    return [
        # Narrow tables shorten these headers (req., imp., ess., gap): say them in full.
        wrap(
            f"each with your level, the level the {what} requires (req.), the skill's "
            "importance to it (imp., 1-5), whether it is essential (ess.) and the "
            "weighted gap: levels missing times importance.",
            "",
        ),
        table(
            ("skill", "yours", "required", "importance", "essential", "weighted gap"),
            rows,
            right={1, 2, 3, 5},
            short=("skill", "yours", "req.", "imp.", "ess.", "gap"),
        ),
    ]


def assessment_text(result: Assessment, catalog: Catalog, top: int | None = None) -> str:
    ranking = result.ranking[:top] if top else result.ranking
    out = [
        wrap(
            f"Role match ({result.answered} of {result.total_skills} skills rated, "
            f"{result.known} known; catalogue {catalog.version})",
            "",
        ),
        *(
            [
                wrap(
                    f"The {result.known - result.answered} skills your file does not list "
                    "count as level 0 (put `unlisted: unknown` in it if you mean "
                    '"not asked yet").',
                    "",
                )
            ]
            if result.known > result.answered
            else []
        ),
        wrap(
            "fit: how closely your profile's shape matches the role's (it ranks the roles); "
            "ready: the share of the role's required levels you reach; ess.: essential "
            "skills met; known: how much of the role rests on known levels, not estimates.",
            "",
        ),
        "",
    ]
    rows = []
    for m in ranking:
        carried = ", ".join(c.name for c in m.strengths) or "-"
        gaps = ", ".join(g.name for g in m.gaps) or "-"
        rows.append(
            (
                m.rank,
                m.name,
                _pct(m.fit),
                _pct(m.readiness),
                f"{m.essentials_met}/{m.essentials_total}",
                _pct(m.answered_weight),
                carried,
                gaps,
            )
        )
    out.append(
        table(
            ("#", "role", "fit", "ready", "ess.", "known", "carried by", "costliest gaps"),
            rows,
            right={0, 2, 3, 4, 5},
        )
    )
    out.append("")
    for m in result.ranking[:3]:
        out.append(wrap(f"{m.rank}. {m.explanation}", ""))
    if result.door_openers:
        out += [
            "",
            wrap(
                "Skills that open the most doors (one level up raises these roles' readiness):",
                "",
            ),
        ]
        for d in result.door_openers:
            out.append(
                wrap(
                    f"{d.name} ({d.from_level} -> {d.from_level + 1}): {d.roles_improved} "
                    f"role{'' if d.roles_improved == 1 else 's'}, "
                    f"+{d.total_gain * 100:.1f} points in total"
                )
            )
    if result.target:
        target = catalog.roles[result.target]
        match = result.match(result.target)
        out += [
            "",
            wrap(
                f"Gaps for {target.name} (fit {_pct(match.fit)}, ready "
                f"{_pct(match.readiness)}, {match.essentials_met}/{match.essentials_total} "
                "essentials met):",
                "",
            ),
        ]
        out += _gap_lines(result.target_gaps, "role")
    for w in result.warnings:
        out += ["", wrap(f"warning: {w.message}", "", "  ")]
    return "\n".join(out)


def _hours(low: float, high: float) -> str:
    return f"{low:g}-{high:g} h" if low != high else f"{low:g} h"


STATUS_LABEL = {
    "todo": "",
    "shortened": "shortened",
    "covered": "already covered",
    "learning": "learning",
    "done": "done",
    "skipped": "skipped",
}


def plan_text(plan: Plan, catalog: Catalog) -> str:
    out = [
        wrap(plan.title, ""),
        wrap(
            f"From {catalog.roles[plan.from_role].name}"
            + (
                " (your closest role)"
                if plan.from_role_closest
                else " (one of your closest roles)"
                if plan.from_role_inferred
                else ""
            )
            + f" to {catalog.roles[plan.to_role].name}, "
            f"starting {plan.start_date.isoformat()} at {plan.hours_per_week:g} h/week.",
            "",
        ),
        wrap(
            f"Total: {_hours(plan.total_hours_low, plan.total_hours_high)}, {plan.estimate}; "
            f"finishing between {plan.end_date_low.isoformat()} and "
            f"{plan.end_date_high.isoformat()}.",
            "",
        ),
    ]
    if plan.progress:
        out.append(f"Progress: {plan.progress:.0%} of the plan done.")
    out += [wrap(f"Note: {n}", "") for n in plan.notes]
    for i, phase in enumerate(plan.phases, start=1):
        when = (
            f"{phase.start_date.isoformat()} to {phase.end_date.isoformat()}"
            if phase.start_date and phase.end_date
            else "nothing to do"
        )
        out += [
            "",
            wrap(
                f"Phase {i}: {phase.title}  ({_hours(phase.hours_low, phase.hours_high)}; "
                f"{when}; {phase.steps_done}/{phase.steps_total} steps done or covered)",
                "",
                "  ",
            ),
            wrap(f"Goal: {phase.goal}", "  "),
        ]
        for step in phase.steps:
            label = STATUS_LABEL[step.status]
            flags = ", ".join(
                f
                for f in (
                    label,
                    "essential" if step.essential else "",
                    "optional" if step.optional else "",
                )
                if f
            )
            when = (
                f"{step.start_date.isoformat()} – {step.end_date.isoformat()}"
                if step.start_date and step.end_date
                else ""
            )
            hours = _hours(step.hours_low, step.hours_high) if step.hours_high else "0 h"
            out.append(
                wrap(
                    f"- [{step.id}] {step.title}" + (f"  ({flags})" if flags else ""), "  ", "    "
                )
            )
            skills = ", ".join(f"{s.name} {s.change}" for s in step.skills)
            out.append(wrap(f"{hours}  {when}  teaches: {skills}", "      "))
            for r in step.resources:
                out.append(
                    wrap(
                        f"· {r['title']} ({r['kind']})" + (f" {r['url']}" if r.get("url") else ""),
                        "      ",
                    )
                )
            for p in step.projects:
                out.append(wrap(f"» project: {p['title']}: {p['description']}", "      "))
    out += [
        "",
        wrap("All durations are estimates; adjust them with --hours-per-week and --start.", ""),
    ]
    return "\n".join(out)


def roadmaps_table(catalog: Catalog) -> str:
    rows = []
    for rm in catalog.roadmaps.values():
        steps = rm.steps()
        low = sum(s.hours.low for s in steps)
        high = sum(s.hours.high for s in steps)
        rows.append(
            (
                rm.id,
                catalog.roles[rm.from_role].name,
                catalog.roles[rm.to_role].name,
                len(rm.phases),
                len(steps),
                _hours(low, high),
            )
        )
    return table(("id", "from", "to", "phases", "steps", "hours"), rows, right={3, 4})


def roadmap_detail(catalog: Catalog, rm: Roadmap) -> str:
    out = [wrap(f"{rm.title} ({rm.id})", "", "  ")]
    if rm.summary:
        out.append(wrap(rm.summary, ""))
    for i, phase in enumerate(rm.phases, start=1):
        out += [
            "",
            wrap(f"Phase {i}: {phase.title} [{phase.kind}]", "", "  "),
            wrap(f"Goal: {phase.goal}", "  "),
        ]
        for step in phase.steps:
            teaches = ", ".join(
                f"{catalog.skills[s].name} {lvl}" for s, lvl in step.teaches.items()
            )
            pre = f"; after {', '.join(step.prerequisites)}" if step.prerequisites else ""
            out.append(
                wrap(
                    f"- [{step.id}] {step.title} ({_hours(step.hours.low, step.hours.high)}{pre})",
                    "  ",
                    "    ",
                )
            )
            out.append(wrap(f"teaches: {teaches}", "      "))
    out += _sources(rm.sources)
    return "\n".join(out)


def comparison_text(result: Comparison, catalog: Catalog) -> str:
    out = [
        wrap(
            f"Comparison: {result.before} ({result.assessed_before or '?'}) -> "
            f"{result.after} ({result.assessed_after or '?'})",
            "",
            "  ",
        )
    ]
    out += [wrap(f"note: {n}", "", "  ") for n in result.notes]
    moves = result.moved_up + result.moved_down + result.newly_answered
    out += ["", "Skills that moved:"]
    if moves:
        out.append(
            table(
                ("skill", "before", "after", "change"),
                [
                    (
                        m.name,
                        _level(m.before),
                        m.after,
                        "new" if m.change is None else f"{m.change:+d}",
                    )
                    for m in moves
                ],
                right={1, 2, 3},
            )
        )
    else:
        out.append("  none")
    out += [
        "",
        wrap("Roles (fit ranks them; ready: share of each role's required levels reached):", ""),
    ]
    out.append(
        table(
            ("role", "fit before", "after", "ready before", "after", "rank"),
            [
                (
                    r.name,
                    _pct(r.fit_before),
                    _pct(r.fit_after),
                    _pct(r.readiness_before),
                    _pct(r.readiness_after),
                    f"{r.rank_before} -> {r.rank_after}",
                )
                for r in result.roles
            ],
            right={1, 2, 3, 4},
        )
    )
    if result.target:

        def names(ids: Iterable[str]) -> str:
            return ", ".join(catalog.skills[s].name for s in ids) or "none"

        out += [
            "",
            wrap(f"Gaps toward {catalog.roles[result.target].name}:", ""),
            wrap(f"closed: {names(result.gaps_closed)}", "  ", "    "),
            wrap(f"opened: {names(result.gaps_opened)}", "  ", "    "),
        ]
    done = ", ".join(s.step for s in result.steps_completed) or "none recorded"
    out += ["", wrap(f"Plan steps completed between the two: {done}", "", "  ")]
    return "\n".join(out)


IGNORED_SHOWN = 10


def _ignored(result: Cohort | Team) -> list[str]:
    """Skill names the used files give that the catalogue does not know: each ignored."""
    if not result.ignored:
        return []
    n = len(result.ignored)
    files = {i.file for i in result.ignored if i.file}  # none when anonymised
    where = f" in {len(files)} file{'s' if len(files) != 1 else ''}" if files else ""
    verbs = "is not in the catalogue and was" if n == 1 else "are not in the catalogue and were"
    out = [
        wrap(
            f"{n} skill name{'s' if n != 1 else ''}{where} {verbs} ignored "
            "(`careerpath skills` lists the names it knows):",
            "",
        )
    ]
    for i in result.ignored[:IGNORED_SHOWN]:
        line = f":{i.line}" if i.line else ""
        at = f"{i.file}{line}" if i.file else f"line {i.line}" if i.line else "a file"
        name = f'"{i.name}": ' if i.name is not None else ""
        out.append(wrap(f"{at}: {name}{i.message}", "  ", "    "))
    if n > IGNORED_SHOWN:
        out.append(f"  and {n - IGNORED_SHOWN:,} more")
    return out


def cohort_text(result: Cohort, catalog: Catalog) -> str:
    out = [
        wrap(f"Cohort: {result.people} people" + (" (anonymised)" if result.anonymised else ""), "")
    ]
    if result.skipped:
        out.append(wrap(f"{len(result.skipped)} file(s) skipped (see above).", ""))
    out += _ignored(result)
    if result.averages_note:
        out.append(wrap(result.averages_note, ""))
    out += ["", "Best-matching roles (by fit):"]
    out += [wrap(f"{catalog.roles[r].name}: {n}") for r, n in result.best_role_counts.items()]
    out += [
        "",
        wrap("Closest to each role (by fit: whose profile most resembles the role's):", ""),
    ]
    out.append(
        table(
            ("role", "family", "closest", "fit"),
            [(c.name, c.family, c.label, _pct(c.fit)) for c in result.closest],
            right={3},
        )
    )
    if result.target:
        out += ["", wrap(f"Most common gaps toward {catalog.roles[result.target].name}:", "")]
        out.append(
            table(
                ("skill", "people", "essential", "mean gap"),
                [
                    (
                        g.name,
                        g.people,
                        "yes" if g.essential else "",
                        "-" if g.mean_gap is None else g.mean_gap,
                    )
                    for g in result.common_gaps
                ],
                right={1, 3},
            )
        )
    out += ["", wrap("Use -o cohort.html for the skills x people heatmap.", "")]
    return "\n".join(out)


def team_advice(result: Team) -> list[str]:
    """What to do, from the assignment: who to upskill toward which role, which to hire."""
    up = [r for r in result.roles if r.advice == "upskill"]
    hire = [r for r in result.roles if r.advice == "hire"]
    out = [f"upskill {r.assigned} toward {r.name}" for r in up]
    out += [f"hire for {r.name}" for r in hire]
    return out


def team_text(result: Team, catalog: Catalog) -> str:
    n = len(result.roles)
    out = [
        wrap(f"Team coverage: {result.people} people, threshold {_pct(result.threshold)}", ""),
        wrap(
            "A member could cover a role when their readiness for it (the share of its "
            "required levels they reach, with levels known for at least half of its weight) "
            "is at or above the threshold. One person holds one role at a time, so the advice "
            f"follows an assignment: {result.method}. A role whose member is within 15 points "
            "of the threshold is to upskill; a role with nobody that near, to hire.",
            "",
        ),
    ]
    if result.skipped:
        out.append(wrap(f"{len(result.skipped)} file(s) skipped (see above).", ""))
    out += _ignored(result)
    rows = [
        (
            r.name,
            "-" if r.assigned is None else f"{r.assigned} ({_pct(r.assigned_readiness or 0)})",
            r.advice,
            ", ".join(r.top_gaps),
        )
        for r in result.roles
    ]
    out += [
        "",
        wrap(f"Assignment, one role each: {result.covered} of {n} roles covered at once", ""),
        table(("role", "assigned (readiness)", "advice", "their top gaps"), rows, stack=(3,)),
    ]
    if result.unassigned:
        out.append(wrap("Free (no role in the assignment): " + ", ".join(result.unassigned), ""))
    out += [
        "",
        wrap(f"Could cover each role on their own (readiness >= {_pct(result.threshold)}):", ""),
    ]
    out += [
        wrap(f"{r.name}: {', '.join(r.could_cover) or 'nobody'}", "  ", "    ")
        for r in result.roles
    ]
    advice = team_advice(result)
    out += ["", wrap("Advice: " + ("; ".join(advice) or "every role is covered") + ".", "")]
    return "\n".join(out)


def posting_text(result: PostingMatch, catalog: Catalog, *, full_plan: bool = True) -> str:
    """A posting's profile and closest role; with a person, their fit, readiness, gaps and
    plan toward it (``full_plan=False``: the plan in one line, as ``assess --posting``)."""
    from careerpath.posting import titled_roles

    p = result.posting
    others = ", ".join(f"{r.name} {_pct(r.fit)}" for r in p.roles[1:3])
    # The title's role comes first whatever its fit: say so, or a lower fit first looks wrong.
    why = "named in the title; " if p.closest_role in titled_roles(p.title, catalog) else ""
    out = [
        wrap(f"Job posting: {p.title or 'untitled'} ({p.file})", ""),
        wrap(
            f"Closest role: {p.closest_role_name} ({why}fit {_pct(p.roles[0].fit)}); "
            f"then {others}.",
            "",
        ),
        "",
        wrap(
            f"It asks for {len(p.skills)} catalogue skill{'' if len(p.skills) == 1 else 's'}: "
            "importance (imp., 1 nice to have ... 5 central) and required level (1 aware ... "
            "4 expert) from the section and the words that ask for it (why); ess.: essential "
            "(in the title, or a must).",
            "",
        ),
        table(
            ("skill", "importance", "level", "essential", "why", "where"),
            [
                (
                    s.name,
                    s.importance,
                    s.level,
                    "yes" if s.essential else "",
                    s.why,
                    s.evidence[0].where if s.evidence else "",
                )
                for s in p.skills
            ],
            right={1, 2},
            short=("skill", "imp.", "level", "ess.", "why", "where"),
        ),
    ]
    person = result.person
    if person is None:
        out += ["", wrap("Add --answers FILE for your fit, readiness, gaps and a plan.", "")]
        return "\n".join(out)
    out += [
        "",
        wrap(
            f"You and this posting ({person.answers}): fit {_pct(person.fit)}, ready "
            f"{_pct(person.readiness)}, {person.essentials_met}/{person.essentials_total} "
            f"essentials met; by fit it would rank {person.rank} of {len(p.roles) + 1} among "
            "the catalogue's roles.",
            "",
        ),
        wrap(person.explanation, ""),
        "",
        wrap("Gaps for this posting, costliest first:", ""),
        *_gap_lines(person.gaps, "posting"),
        "",
    ]
    plan = person.plan
    if plan is None:
        out.append(wrap(f"Plan: {person.plan_note}", ""))
    elif full_plan:
        out.append(plan_text(plan, catalog))
    else:
        out.append(
            wrap(
                f"Plan: {plan.title}: {_hours(plan.total_hours_low, plan.total_hours_high)}, "
                f"{plan.estimate} (`careerpath plan --posting JOB` shows it).",
                "",
            )
        )
    if person.not_in_plan:
        names = ", ".join(catalog.skills[s].name for s in person.not_in_plan)
        out.append(wrap(f"Not taught by this plan: {names}.", ""))
    return "\n".join(out)
