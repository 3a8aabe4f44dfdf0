"""Groups of people: a mentor's cohort and a team's role coverage.

Privacy by construction: evidence and notes never enter these models, names can be replaced
by stable pseudonyms (an HMAC whose key stays out of the output), and averages over fewer
than five people are withheld.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections import Counter
from pathlib import Path
from typing import Literal

from careerpath import __version__
from careerpath.answers import Profile, load_answers
from careerpath.catalog import Catalog
from careerpath.errors import CareerPathError, InputError, Problem, UsageError
from careerpath.models import Output
from careerpath.output import make_folder
from careerpath.scoring import assess, role_gaps

MIN_GROUP_FOR_AVERAGES = 5
KEY_ENV = "CAREERPATH_PSEUDONYM_KEY"
DEFAULT_THRESHOLD = 0.75
MIN_ANSWERED_TO_COVER = 0.5


class Skipped(Output):
    file: str
    reason: str


class Member(Output):
    label: str  # the name, a pseudonym, or "Person N"
    best_role: str
    best_score: float
    target: str | None
    levels: dict[str, int]
    scores: dict[str, float]


class GapCount(Output):
    skill: str
    name: str
    people: int  # how many lack it (or did not answer it)
    essential: bool
    mean_gap: float | None  # None when the group is too small to show averages


class Closest(Output):
    role: str
    name: str
    family: str
    label: str
    score: float


class Cohort(Output):
    schema_version: Literal[1] = 1
    tool_version: str = __version__
    catalog_version: str
    anonymised: bool
    people: int
    skipped: list[Skipped]
    members: list[Member]
    best_role_counts: dict[str, int]
    target: str | None
    common_gaps: list[GapCount]
    closest: list[Closest]
    skill_means: dict[str, float] | None
    averages_note: str | None


class RoleCoverage(Output):
    role: str
    name: str
    family: str
    covered_by: list[str]
    closest: str | None
    closest_score: float
    top_gaps: list[str]
    advice: Literal["covered", "upskill", "hire"]


class Team(Output):
    schema_version: Literal[1] = 1
    tool_version: str = __version__
    catalog_version: str
    people: int
    threshold: float
    skipped: list[Skipped]
    roles: list[RoleCoverage]


# --- gathering files -----------------------------------------------------------------------


def answer_files(paths: list[Path]) -> list[Path]:
    """Files named directly, plus *.yaml/*.yml/*.json directly inside named folders; sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json")]
        else:
            found.append(path)
    return sorted(set(found))


def load_group(paths: list[Path], catalog: Catalog) -> tuple[list[Profile], list[Skipped]]:
    profiles, skipped = [], []
    problems: list[Problem] = []
    for path in answer_files(paths):
        try:
            profiles.append(load_answers(path, catalog))
        except CareerPathError as exc:
            first = exc.problems[0] if isinstance(exc, InputError) else None
            # Where in the file (line, field) and what; the file itself is named beside it.
            where = [f"line {first.line}"] if first and first.line else []
            where += [first.field] if first and first.field else []
            reason = ": ".join([*where, first.message]) if first else str(exc)
            if isinstance(exc, InputError) and len(exc.problems) > 1:
                reason += f" (and {len(exc.problems) - 1} more problems)"
            skipped.append(Skipped(file=str(path), reason=reason))
            own = exc.problems if isinstance(exc, InputError) else None
            problems += own or [Problem(str(path), None, "", str(exc))]
    if not profiles:
        if problems:
            # Files were there but none could be used: bad input, reported as every other
            # command reports it (exit 1, every problem with file and line, in line order).
            raise InputError(problems)
        why = "; ".join(f"{s.file}: {s.reason}" for s in skipped) or "no .yaml/.yml/.json files"
        raise UsageError(f"no usable answers files among {', '.join(map(str, paths))} ({why})")
    return profiles, skipped


def pseudonym_key() -> bytes:
    """``$CAREERPATH_PSEUDONYM_KEY``, else a random key kept in the user's config folder."""
    env = os.environ.get(KEY_ENV)
    if env:
        return env.encode()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    key_file = base / "careerpath" / "pseudonym.key"
    if key_file.exists():
        return key_file.read_bytes().strip()
    where = "$XDG_CONFIG_HOME" if os.environ.get("XDG_CONFIG_HOME") else "~/.config"
    make_folder(key_file.parent, f"the pseudonym key's folder (in {where})")
    key = secrets.token_hex(32).encode()
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


def labels(profiles: list[Profile], anonymise: bool) -> list[str]:
    if not anonymise:
        return [p.person.name or Path(p.source).stem for p in profiles]
    key = pseudonym_key()
    out = []
    for p in profiles:
        # Stable for the same person across runs: keyed on the name (else the answers).
        basis = (p.person.name or p.fingerprint).casefold().encode()
        digest = hmac.new(key, basis, hashlib.sha256).hexdigest()[:6].upper()
        out.append(f"Person {digest}")
    return out


# --- cohort --------------------------------------------------------------------------------


def cohort(
    profiles: list[Profile],
    catalog: Catalog,
    *,
    skipped: list[Skipped] | None = None,
    anonymise: bool = False,
    target: str | None = None,
) -> Cohort:
    names = labels(profiles, anonymise)
    results = [assess(p, catalog) for p in profiles]
    members = [
        Member(
            label=label,
            best_role=r.ranking[0].role,
            best_score=r.ranking[0].score,
            target=p.person.target_role,
            levels=dict(p.levels),
            scores={m.role: m.score for m in r.ranking},
        )
        for label, p, r in zip(names, profiles, results, strict=True)
    ]
    if anonymise:  # in file order, the columns would follow the (often named) files
        members.sort(key=lambda m: m.label)
    counts = Counter(m.best_role for m in members)
    if target:
        target_id = catalog.role(target).id
    else:
        wanted = Counter(p.person.target_role for p in profiles if p.person.target_role)
        target_id = min(wanted, key=lambda r: (-wanted[r], r)) if wanted else None
    enough = len(profiles) >= MIN_GROUP_FOR_AVERAGES
    note = (
        None
        if enough
        else f"Averages are not shown: the group has {len(profiles)} people, fewer than "
        f"{MIN_GROUP_FOR_AVERAGES}, and an average of so few could identify someone."
    )
    gaps: list[GapCount] = []
    if target_id:
        role = catalog.roles[target_id]
        per_skill: dict[str, list[float]] = {}
        for p in profiles:
            for g in role_gaps(p, catalog, target_id):
                per_skill.setdefault(g.skill, []).append(
                    g.weighted_gap
                    if g.weighted_gap is not None
                    else role.skills[g.skill].importance * role.skills[g.skill].level
                )
        for skill_id, values in per_skill.items():
            gaps.append(
                GapCount(
                    skill=skill_id,
                    name=catalog.skills[skill_id].name,
                    people=len(values),
                    essential=role.skills[skill_id].essential,
                    mean_gap=round(sum(values) / len(profiles), 2) if enough else None,
                )
            )
        gaps.sort(key=lambda g: (-g.people, -g.essential, g.skill))
    closest = []
    for role_id, role in catalog.roles.items():
        best = max(members, key=lambda m: (m.scores[role_id], m.label))
        closest.append(
            Closest(
                role=role_id,
                name=role.name,
                family=role.family,
                label=best.label,
                score=best.scores[role_id],
            )
        )
    means = None
    if enough:
        means = {}
        for skill_id in catalog.skills:
            values = [p.levels[skill_id] for p in profiles if skill_id in p.levels]
            if len(values) >= MIN_GROUP_FOR_AVERAGES:
                means[skill_id] = round(sum(values) / len(values), 2)
    return Cohort(
        catalog_version=catalog.version,
        anonymised=anonymise,
        people=len(profiles),
        skipped=skipped or [],
        members=members,
        best_role_counts={r: counts[r] for r in sorted(counts, key=lambda r: (-counts[r], r))},
        target=target_id,
        common_gaps=gaps[:15],
        closest=closest,
        skill_means=means,
        averages_note=note,
    )


# --- team coverage -------------------------------------------------------------------------


def team(
    profiles: list[Profile],
    catalog: Catalog,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    skipped: list[Skipped] | None = None,
    anonymise: bool = False,
) -> Team:
    """Which roles the team covers (someone at or above ``threshold``), and for each missing
    role, the closest member and their top gaps: upskill when close, hire when far."""
    names = labels(profiles, anonymise)
    results = [assess(p, catalog) for p in profiles]
    family_order = {"business": 0, "technical": 1, "cross-section": 2}
    roles = []
    for role_id, role in sorted(
        catalog.roles.items(), key=lambda kv: (family_order.get(kv[1].family, 9), kv[0])
    ):
        scored = sorted(
            (
                (r.match(role_id).score, name, p)
                for name, p, r in zip(names, profiles, results, strict=True)
            ),
            key=lambda t: (-t[0], t[1]),
        )
        # Covering a role takes a high score on enough of it: a score over a few answered
        # skills says little (see the "answered" column of `careerpath assess`).
        answered = {
            name: r.match(role_id).answered_weight for name, r in zip(names, results, strict=True)
        }
        covered = [
            name
            for score, name, _ in scored
            if score >= threshold and answered[name] >= MIN_ANSWERED_TO_COVER
        ]
        top_score, top_name, top_profile = scored[0]
        gaps = (
            []
            if covered
            else [g.name for g in role_gaps(top_profile, catalog, role_id) if g.weighted_gap][:3]
        )
        advice = "covered" if covered else "upskill" if top_score >= threshold - 0.15 else "hire"
        roles.append(
            RoleCoverage(
                role=role_id,
                name=role.name,
                family=role.family,
                covered_by=covered,
                closest=None if covered else top_name,
                closest_score=top_score,
                top_gaps=gaps,
                advice=advice,
            )
        )
    return Team(
        catalog_version=catalog.version,
        people=len(profiles),
        threshold=threshold,
        skipped=skipped or [],
        roles=roles,
    )
