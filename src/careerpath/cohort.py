"""Groups of people: a mentor's cohort and a team's role coverage.

Privacy by construction: evidence and notes never enter these models, names can be replaced
by stable pseudonyms (an HMAC whose key stays out of the output, and then no file name is
shown either), and averages over fewer than five distinct people are withheld.

The two measures of ``scoring`` each answer their own question here: a member's best role and
the member closest to each role go by *fit* (whom does the profile resemble?); team coverage
goes by *readiness* (does someone meet the role's requirements?).
"""

from __future__ import annotations

import base64
import contextlib
import errno
import hashlib
import hmac
import os
import re
import secrets
import stat
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Literal, NamedTuple

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
UPSKILL_MARGIN = 0.15  # a missing role is "upskill" when someone's readiness is this close
MIN_KEY_BYTES = 32  # 256 bits: guessing the key is no easier than guessing the HMAC
MAX_KEY_BYTES = 64 * 1024
PSEUDONYM_BITS = 80  # among 100,000 people a label repeats with odds of about 1 in 2.4e14
# Skill columns per heatmap table: beside the column of names or pseudonyms (kept on one line,
# so that a mentor can search for them), what an A4 or Letter page holds with skill names
# still readable. report.css sizes tables of 1 to HEATMAP_COLUMNS columns.
HEATMAP_COLUMNS = 7


class Skipped(Output):
    file: str | None  # None in anonymised output: the files are often named after people
    reason: str
    # invalid: could not be read or used (the command then exits 1, after the others); empty:
    # no skill answered (a blank template), so not a person; duplicate: a copy, counted once.
    kind: Literal["invalid", "empty", "duplicate"]


class Ignored(Output):
    """A skill name in a used file that the catalogue does not know: ignored, the rest of the
    file assessed (``unlisted`` decides what the skill's level is taken to be)."""

    file: str | None  # None in anonymised output
    line: int | None
    name: str | None  # None in anonymised output: a name a person typed
    message: str  # 'unknown skill; did you mean "python"?'


class Member(Output):
    label: str  # the name, a pseudonym, or "Person N"
    best_role: str  # the closest role, by fit
    best_fit: float
    target: str | None
    levels: dict[str, int]
    fit: dict[str, float]
    readiness: dict[str, float]


class GapCount(Output):
    skill: str
    name: str
    people: int  # how many lack it (a level below the role's, or unknown)
    essential: bool
    mean_gap: float | None  # None when the group is too small to show averages


class Closest(Output):
    role: str
    name: str
    family: str
    label: str
    fit: float


class Cohort(Output):
    schema_version: Literal[1] = 1
    tool_version: str = __version__
    catalog_version: str
    anonymised: bool
    people: int
    skipped: list[Skipped]
    ignored: list[Ignored]
    members: list[Member]
    best_role_counts: dict[str, int]
    target: str | None
    common_gaps: list[GapCount]
    closest: list[Closest]
    skill_means: dict[str, float] | None
    averages_note: str | None

    def heatmap_tables(self, catalog: Catalog) -> list[list[HeatmapGroup]]:
        """The heatmap's tables (``heatmap_tables``): here so that the template reaches the
        layout through the result it is given."""
        return heatmap_tables(catalog)


class RoleCoverage(Output):
    role: str
    name: str
    family: str
    could_cover: list[str]  # every member who could cover it on their own (not at once)
    assigned: str | None  # the member the assignment gives it (None: nobody to upskill)
    assigned_readiness: float | None
    advice: Literal["covered", "upskill", "hire"]  # from the assignment
    top_gaps: list[str]  # the assigned member's costliest gaps, when they do not cover it


class Team(Output):
    # 2: advice from a one-role-a-person assignment (covered_by and closest are gone).
    schema_version: Literal[2] = 2
    tool_version: str = __version__
    catalog_version: str
    people: int
    threshold: float
    method: str  # how the assignment is chosen, in words
    covered: int  # roles the assignment covers: what the team can do at once
    skipped: list[Skipped]
    ignored: list[Ignored]
    roles: list[RoleCoverage]
    unassigned: list[str]  # members the assignment leaves free (more people than roles)


# --- gathering files -----------------------------------------------------------------------


def _identity(path: Path) -> object:
    """What makes two paths one file: device and inode (a second spelling, a `..`, a symbolic
    or hard link), else the resolved path (a missing file, reported when it is read)."""
    try:
        info = path.stat()
    except OSError:
        return os.path.realpath(path)
    return (info.st_dev, info.st_ino)


def answer_files(paths: list[Path]) -> list[Path]:
    """Files named directly, plus *.yaml/*.yml/*.json directly inside named folders; sorted,
    and each file once however often and by whatever path it was named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json")]
        else:
            found.append(path)
    unique: dict[object, Path] = {}
    for path in sorted(set(found)):
        unique.setdefault(_identity(path), path)
    return sorted(unique.values())


def _reason(problems: list[Problem]) -> str:
    """The first problem, where in the file (line, field) and what; the file is named beside
    it."""
    first = problems[0]
    where = [f"line {first.line}"] if first.line else []
    where += [first.field] if first.field else []
    reason = ": ".join([*where, first.message])
    if len(problems) > 1:
        more = len(problems) - 1
        reason += f" (and {more} more problem{'s' if more > 1 else ''})"
    return reason


def load_group(
    paths: list[Path],
    catalog: Catalog,
    *,
    strict: bool = False,
    keep_going: bool = True,
    read_all: Callable[[list[Path]], Iterable[Profile | CareerPathError]] | None = None,
) -> tuple[list[Profile], list[Skipped]]:
    """Every answers file's profile, once per file and once per document: a copy of a file is
    skipped (and said so), or one person would count twice toward the five-person rule.

    A skill name the catalogue does not know is ignored (``Profile.ignored``; refused with
    ``strict``), but a file in which every skill name is unknown is skipped: it rates nothing,
    and counted it would be a person at level 0 in everything, with a "best role" picked by the
    tie-break and a place in the five people that averages need. So is a file in which no
    skill is answered (a blank template sent and not yet filled in): it is nobody's assessment.

    ``keep_going=False`` raises on the first invalid file instead of skipping it.
    ``read_all`` reads the files elsewhere (on a Dask cluster: ``cluster.read_all``), giving
    each file's profile or the error reading it raised, in the files' order."""
    profiles, skipped = [], []
    problems: list[Problem] = []
    seen: dict[str, str] = {}  # fingerprint -> the file first read with it
    files = answer_files(paths)
    read = iter(read_all(files)) if read_all else None
    for path in files:
        try:
            profile = next(read) if read else load_answers(path, catalog, strict=strict)
            if isinstance(profile, CareerPathError):
                raise profile
        except CareerPathError as exc:
            if not keep_going:
                raise
            own = exc.problems if isinstance(exc, InputError) else []
            reason = _reason(own) if own else str(exc)
            skipped.append(Skipped(file=str(path), reason=reason, kind="invalid"))
            problems += own or [Problem(str(path), None, "", str(exc))]
            continue
        if not profile.rated:
            # A blank template (every level left empty) or a file listing no skill: every
            # level would be a guess or a 0 nobody gave, yet the "person" would be closest to
            # some role and count toward the five that averages need.
            reason = "no skill is answered (a blank template?): not counted as a person"
            skipped.append(Skipped(file=str(path), reason=reason, kind="empty"))
            problems.append(Problem(str(path), None, "skills", reason))
            continue
        if profile.fingerprint in seen:
            reason = f"the same answers as {seen[profile.fingerprint]}; counted once"
            skipped.append(Skipped(file=str(path), reason=reason, kind="duplicate"))
            continue
        seen[profile.fingerprint] = str(path)
        profiles.append(profile)
    if not profiles:
        if problems:
            # Files were there but none could be used: bad input, reported as every other
            # command reports it (exit 1, every problem with file and line, in line order).
            raise InputError(problems)
        why = "; ".join(f"{s.file}: {s.reason}" for s in skipped) or "no .yaml/.yml/.json files"
        raise UsageError(f"no usable answers files among {', '.join(map(str, paths))} ({why})")
    return profiles, skipped


def withheld(skipped: list[Skipped], profiles: list[Profile]) -> list[Skipped]:
    """``skipped`` for anonymised output: no file, and no file name in a reason either."""
    names = {s.file for s in skipped if s.file} | {p.source for p in profiles}
    out = []
    for s in skipped:
        reason = s.reason
        for name in sorted(names, key=len, reverse=True):  # a/b.yaml before b.yaml
            # Whole names only: a file called "e" must not rewrite every "e" of the reason.
            whole = re.compile(rf"(?<![\w./-]){re.escape(name)}(?![\w./-])")
            reason = whole.sub("another file" if name != s.file else "the file", reason)
        out.append(Skipped(file=None, reason=reason, kind=s.kind))
    return out


def ignored_names(profiles: list[Profile], anonymise: bool) -> list[Ignored]:
    """Every skill name the used files name but the catalogue does not know. Anonymised: no
    file and no name (a name is typed by a person), and in line order, not file order."""
    out = [
        Ignored(
            file=None if anonymise else p.source,
            line=problem.line,
            name=None if anonymise else problem.field.removeprefix("skills."),
            message=problem.message,
        )
        for p in profiles
        for problem in p.ignored
    ]
    if anonymise:
        out.sort(key=lambda i: (i.line or 0, i.message))
    return out


def distinct_people(profiles: list[Profile]) -> int:
    """How many people ``profiles`` are at least: files that give the same name may be one
    person's (this year's and last year's), so for the five-person rule they count once."""
    named = {" ".join(p.person.name.split()).casefold() for p in profiles if p.person.name}
    return len(named) + sum(1 for p in profiles if not p.person.name)


# --- pseudonyms ----------------------------------------------------------------------------


def key_path() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "careerpath" / "pseudonym.key"


def pseudonym_key() -> bytes:
    """``$CAREERPATH_PSEUDONYM_KEY``, else a random key kept in the user's config folder
    (made on first use). A key that is short, or a key file others can read, is refused:
    with a known key anyone could map a list of names to their pseudonyms."""
    env = os.environ.get(KEY_ENV)
    if env is not None:
        key = env.encode("utf-8", "surrogateescape")
        if len(key) < MIN_KEY_BYTES:
            raise UsageError(
                f"${KEY_ENV} is {len(key)} bytes long; a pseudonym key needs at least "
                f"{MIN_KEY_BYTES}: make one with `python3 -c 'import secrets; "
                f"print(secrets.token_hex(32))'`, or unset it to use {key_path()}"
            )
        return key
    path = key_path()
    return _read_key(path) or _create_key(path)


def _key_error(path: Path, message: str) -> CareerPathError:
    return CareerPathError(f"{path}: {message}")


def _read_key(path: Path) -> bytes | None:
    """The key in ``path``, None if there is no such file; refused unless it is a private,
    regular file holding at least MIN_KEY_BYTES."""
    try:
        # Non-blocking: a FIFO put where the key belongs must not hang the command.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (FileNotFoundError, NotADirectoryError):
        return None  # no key yet; making one says what is wrong with its folder
    except OSError as exc:
        raise _key_error(path, f"cannot read the pseudonym key: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _key_error(path, "the pseudonym key is not a regular file; remove it")
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o066:
            raise _key_error(
                path,
                f"the pseudonym key can be read or changed by other users (mode {mode:04o}); "
                f"make it private with `chmod 600 {path}`",
            )
        if info.st_size > MAX_KEY_BYTES:
            raise _key_error(path, "is too large to be a pseudonym key; remove it")
        key = fh.read(MAX_KEY_BYTES).strip()
    if len(key) < MIN_KEY_BYTES:
        raise _key_error(
            path,
            f"the pseudonym key is {len(key)} bytes, fewer than {MIN_KEY_BYTES} (a write "
            "that failed?); restore it from a backup, or remove it to have a new one made "
            "(pseudonyms then change)",
        )
    return key


def _create_key(path: Path) -> bytes:
    """A new random key, made atomically: written to a private temporary file in the same
    folder and synced, then linked into place, so the key file appears whole or not at all
    (a full disk leaves none) and, if another process made one first, theirs is used."""
    folder = path.parent
    temp: str | None = None
    try:
        where = "$XDG_CONFIG_HOME" if os.environ.get("XDG_CONFIG_HOME") else "~/.config"
        make_folder(folder, f"the pseudonym key's folder (in {where})", 0o700)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".pseudonym.key.")  # mode 0600
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_hex(32).encode())
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(temp, path)  # fails if the file exists: the first key made stays
        except FileExistsError:
            pass  # another process won; its key was synced before it was linked
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS):
                raise
            # No hard links here (FAT, some network shares): a rename is still atomic, but
            # two first uses at the same instant could each use their own key once.
            if not path.exists():
                os.replace(temp, path)
        _fsync_folder(folder)
    except OSError as exc:
        raise _key_error(path, f"cannot create the pseudonym key: {exc.strerror}") from None
    finally:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
    key = _read_key(path)
    if key is None:  # removed between our link and our read: nothing sane to do but say so
        raise _key_error(path, "the pseudonym key vanished while it was being made; run again")
    return key


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system syncs a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def pseudonym(key: bytes, profile: Profile) -> str:
    """A label no one without ``key`` can link to a name: an HMAC of the name and the file
    it came from (two people called the same stay two labels), stable while the file stays
    where it is, PSEUDONYM_BITS long (base32 in groups of four)."""
    basis = "\0".join(
        ("careerpath pseudonym 2", (profile.person.name or "").casefold(), _where(profile))
    )
    digest = hmac.new(key, basis.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
    code = base64.b32encode(digest[: PSEUDONYM_BITS // 8]).decode()
    return "Person " + "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _where(profile: Profile) -> str:
    return os.path.realpath(profile.source)


def labels(profiles: list[Profile], anonymise: bool) -> list[str]:
    if anonymise:
        key = pseudonym_key()
        return [pseudonym(key, p) for p in profiles]
    names = [p.person.name or Path(p.source).stem for p in profiles]
    repeated = {n for n, count in Counter(names).items() if count > 1}
    # Two people of one name are told apart by their file (this output names files anyway).
    return [
        f"{n} ({p.source})" if n in repeated else n for n, p in zip(names, profiles, strict=True)
    ]


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
            best_fit=r.ranking[0].fit,
            target=p.person.target_role,
            levels=dict(p.levels),
            fit={m.role: m.fit for m in r.ranking},
            readiness={m.role: m.readiness for m in r.ranking},
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
    people = distinct_people(profiles)
    enough = people >= MIN_GROUP_FOR_AVERAGES
    size = (
        f"{people} people"
        if people == len(profiles)
        else f"{len(profiles)} files but at most {people} distinct people (files that give "
        "the same name count once)"
    )
    note = (
        None
        if enough
        else f"Averages are not shown: the group has {size}, fewer than "
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
        best = max(members, key=lambda m: (m.fit[role_id], m.label))
        closest.append(
            Closest(
                role=role_id,
                name=role.name,
                family=role.family,
                label=best.label,
                fit=best.fit[role_id],
            )
        )
    means = None
    if enough:
        means = {}
        for skill_id in catalog.skills:
            # Over the known levels: a skill a file leaves out counts as its 0.
            answered = [p for p in profiles if skill_id in p.levels]
            if distinct_people(answered) >= MIN_GROUP_FOR_AVERAGES:
                values = [p.levels[skill_id] for p in answered]
                means[skill_id] = round(sum(values) / len(values), 2)
    return Cohort(
        catalog_version=catalog.version,
        anonymised=anonymise,
        people=len(profiles),
        skipped=withheld(skipped or [], profiles) if anonymise else skipped or [],
        ignored=ignored_names(profiles, anonymise),
        members=members,
        best_role_counts={r: counts[r] for r in sorted(counts, key=lambda r: (-counts[r], r))},
        target=target_id,
        common_gaps=gaps[:15],
        closest=closest,
        skill_means=means,
        averages_note=note,
    )


# --- rendering ----------------------------------------------------------------------------


class HeatmapGroup(NamedTuple):
    """Consecutive skills of one category in one heatmap table: part ``part`` of ``parts``
    when the category is too wide for one table."""

    category: str  # the category's name
    skills: list[str]
    part: int
    parts: int


def heatmap_tables(catalog: Catalog, columns: int = HEATMAP_COLUMNS) -> list[list[HeatmapGroup]]:
    """Every skill once, in catalogue order, in tables of at most ``columns`` skills: people
    are the rows (a cohort of any size then only makes a table longer, and tables split across
    pages with their header repeated), skills the columns, in groups by category. A category
    wider than ``columns`` is split into near-equal parts; small categories share a table."""
    by_category: dict[str, list[str]] = {}
    for skill_id, skill in catalog.skills.items():
        by_category.setdefault(skill.category, []).append(skill_id)
    pieces: list[HeatmapGroup] = []
    for category, skills in by_category.items():
        parts = -(-len(skills) // columns)
        size = -(-len(skills) // parts)
        name = catalog.categories[category].name if category in catalog.categories else category
        pieces += [
            HeatmapGroup(name, skills[i * size : (i + 1) * size], i + 1, parts)
            for i in range(parts)
        ]
    tables: list[list[HeatmapGroup]] = []
    for piece in pieces:
        if tables and sum(len(g.skills) for g in tables[-1]) + len(piece.skills) <= columns:
            tables[-1].append(piece)
        else:
            tables.append([piece])
    return tables


# --- team coverage -------------------------------------------------------------------------


ASSIGNMENT_METHOD = (
    "each member takes at most one role and each role at most one member; of all such "
    "assignments, the one that covers the most roles, then leaves the most of the others "
    "within reach of upskilling its member, then has the highest total readiness (the "
    "Hungarian algorithm, scipy.optimize.linear_sum_assignment)"
)


def assign(
    readiness: list[list[float]], covers: list[list[bool]], near: list[list[bool]]
) -> dict[int, int]:
    """Role index -> member index: each member on at most one role and each role with at
    most one member, covering the most roles, then with the most pairs ``near`` (worth
    upskilling), then with the highest total readiness. ``[i][j]`` is member i and role j.

    One linear assignment solves the three at once: each tier is worth more than the whole
    of the tiers below could add up to (readiness is at most 1 a role, so a near pair is
    worth roles + 1 and a covering pair (roles + 1) squared), so no assignment trades a
    covered role for anything below it."""
    if not readiness or not readiness[0]:
        return {}
    import numpy as np  # both lazily: `careerpath --help` must stay light
    from scipy.optimize import linear_sum_assignment

    step = len(readiness[0]) + 1
    worth = (
        np.array(readiness, dtype=float)
        + step * np.array(near, dtype=float)
        + step**2 * np.array(covers, dtype=float)
    )
    members, roles = linear_sum_assignment(worth, maximize=True)
    return {int(j): int(i) for i, j in zip(members, roles, strict=True)}


def team(
    profiles: list[Profile],
    catalog: Catalog,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    skipped: list[Skipped] | None = None,
    anonymise: bool = False,
) -> Team:
    """Which roles the team covers, and what to do about the rest.

    A member *could cover* a role when their readiness for it is at or above ``threshold``
    with levels known for at least MIN_ANSWERED_TO_COVER of its weight. One person cannot
    hold six roles at once, so the advice comes from an assignment (see :func:`assign`): each
    member at most one role. A role the assignment covers is "covered"; for any other, the
    member it is given is the one to upskill when within UPSKILL_MARGIN of the threshold,
    else the role is "hire". Readiness, not fit: coverage asks who meets the role's
    requirements, not whom it resembles."""
    names = labels(profiles, anonymise)
    results = [assess(p, catalog) for p in profiles]
    family_order = {"business": 0, "technical": 1, "cross-section": 2}
    ordered = sorted(
        catalog.roles.items(), key=lambda kv: (family_order.get(kv[1].family, 9), kv[0])
    )
    # Readiness resting mostly on estimated levels says little (see the "known" column of
    # `careerpath assess`): it neither covers a role nor makes its owner the one to upskill.
    known = [
        [r.match(role_id).answered_weight >= MIN_ANSWERED_TO_COVER for role_id, _ in ordered]
        for r in results
    ]
    ready = [[r.match(role_id).readiness for role_id, _ in ordered] for r in results]
    people, columns = range(len(profiles)), range(len(ordered))
    usable = [[ready[i][j] if known[i][j] else 0.0 for j in columns] for i in people]
    covers = [[known[i][j] and ready[i][j] >= threshold for j in columns] for i in people]
    near = [[usable[i][j] >= threshold - UPSKILL_MARGIN for j in columns] for i in people]
    chosen = assign(usable, covers, near)
    roles, taken = [], set()
    for j, (role_id, role) in enumerate(ordered):
        # By position, not by name: two members may share one.
        able = sorted((k for k in people if covers[k][j]), key=lambda k: (-ready[k][j], names[k]))
        i = chosen.get(j)
        if i is not None and covers[i][j]:
            advice = "covered"
        elif i is not None and near[i][j]:
            advice = "upskill"
        else:
            advice = "hire"
            i = None  # nobody the assignment gives it is near: they stay free
        if i is not None:
            taken.add(i)
        gaps = (
            [g.name for g in role_gaps(profiles[i], catalog, role_id) if g.weighted_gap][:3]
            if i is not None and advice == "upskill"
            else []
        )
        roles.append(
            RoleCoverage(
                role=role_id,
                name=role.name,
                family=role.family,
                could_cover=[names[k] for k in able],
                assigned=None if i is None else names[i],
                assigned_readiness=None if i is None else ready[i][j],
                advice=advice,
                top_gaps=gaps,
            )
        )
    return Team(
        catalog_version=catalog.version,
        people=len(profiles),
        threshold=threshold,
        method=ASSIGNMENT_METHOD,
        covered=sum(r.advice == "covered" for r in roles),
        skipped=withheld(skipped or [], profiles) if anonymise else skipped or [],
        ignored=ignored_names(profiles, anonymise),
        roles=roles,
        unassigned=sorted(n for k, n in enumerate(names) if k not in taken),
    )
