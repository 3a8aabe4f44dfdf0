"""Plain-text views for the terminal: tables and short explanations. No click, no colour codes."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from careerpath.catalog import Catalog, fold
from careerpath.errors import NotFoundError
from careerpath.models import LEVEL_NAMES, Role, Skill

if TYPE_CHECKING:
    from careerpath.scoring import Assessment

WIDTH = 96


def table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], right: set[int] = frozenset()
) -> str:
    """A fixed-width table; columns listed in ``right`` are right-aligned (numbers)."""
    cells = [[str(h) for h in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    out = [line(cells[0]), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells[1:]]
    return "\n".join(out)


def wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=indent)


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
    out = [f"{role.name} ({role.id}) · {role.family}"]
    if role.aliases:
        out.append(f"also called: {', '.join(role.aliases)}")
    out += ["", wrap(role.summary, ""), "", "Responsibilities:"]
    out += [
        textwrap.fill(r, WIDTH, initial_indent="  - ", subsequent_indent="    ")
        for r in role.responsibilities
    ]
    out += ["", "Skill profile (importance 1-5, required level 0-4):", ""]
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
    out.append(table(("skill", "category", "importance", "level", "essential"), rows, right={2}))
    if role.sources:
        out += ["", "Sources: " + "; ".join(role.sources)]
    return "\n".join(out)


def skills_table(catalog: Catalog, skills: list[Skill]) -> str:
    out = []
    for cat_id, cat in catalog.categories.items():
        listed = [s for s in skills if s.category == cat_id]
        if not listed:
            continue
        out.append(f"{cat.name} ({cat_id})")
        for s in listed:
            aliases = f"  [{', '.join(s.aliases)}]" if s.aliases else ""
            out.append(f"  {s.id:<24} {s.name}{aliases}")
        out.append("")
    out.append(f"{len(skills)} skills. `careerpath skills show ID` shows the level descriptors.")
    return "\n".join(out)


def skill_detail(catalog: Catalog, skill: Skill) -> str:
    out = [f"{skill.name} ({skill.id}) · {catalog.categories[skill.category].name}"]
    if skill.aliases:
        out.append(f"also called: {', '.join(skill.aliases)}")
    out += ["", wrap(skill.description, ""), ""]
    for level, text in enumerate(skill.levels):
        out.append(
            textwrap.fill(
                text,
                WIDTH,
                initial_indent=f"  {level} {LEVEL_NAMES[level]:<11}",
                subsequent_indent=" " * 16,
            )
        )
    return "\n".join(out)


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def _level(v: int | None) -> str:
    return "?" if v is None else str(v)


def assessment_text(result: Assessment, catalog: Catalog, top: int | None = None) -> str:
    ranking = result.ranking[:top] if top else result.ranking
    out = [
        f"Role match ({result.answered} of {result.total_skills} skills answered; "
        f"catalogue {catalog.version})",
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
                _pct(m.score),
                f"{m.essentials_met}/{m.essentials_total}",
                _pct(m.answered_weight),
                _clip(carried, 38),
                _clip(gaps, 38),
            )
        )
    out.append(
        table(
            ("#", "role", "score", "essentials", "answered", "carried by", "costliest gaps"),
            rows,
            right={0, 2, 3, 4},
        )
    )
    out.append("")
    for m in result.ranking[:3]:
        out.append(wrap(f"{m.rank}. {m.explanation}", ""))
    if result.door_openers:
        out += ["", "Skills that open the most doors (one level up raises these roles' scores):"]
        for d in result.door_openers:
            out.append(
                f"  {d.name} ({d.from_level} -> {d.from_level + 1}): {d.roles_improved} roles, "
                f"+{d.total_gain * 100:.1f} points in total"
            )
    if result.target:
        target = catalog.roles[result.target]
        match = result.match(result.target)
        out += [
            "",
            f"Gaps for {target.name} (score {_pct(match.score)}, "
            f"{match.essentials_met}/{match.essentials_total} essentials met):",
        ]
        if result.target_gaps:
            rows = [
                (
                    g.name,
                    _level(g.your_level),
                    g.required_level,
                    g.importance,
                    "yes" if g.essential else "",
                    "unknown" if g.weighted_gap is None else f"{g.weighted_gap:g}",
                )
                for g in result.target_gaps
            ]
            out.append(
                table(
                    ("skill", "yours", "required", "importance", "essential", "weighted gap"),
                    rows,
                    right={1, 2, 3, 5},
                )
            )
        else:
            out.append("  none: you meet every skill of this role.")
    for w in result.warnings:
        out += ["", wrap(f"warning: {w.message}", "")]
    return "\n".join(out)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
