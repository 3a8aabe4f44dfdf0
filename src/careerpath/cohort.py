"""Groups of people: a mentor's cohort and a team's role coverage.

Privacy by construction: evidence and notes never enter these models, names can be replaced
by stable pseudonyms (an HMAC whose key stays out of the output, and then no file name is
shown either), and averages over fewer than five distinct people are withheld.

The two measures of ``scoring`` each answer their own question here: a member's best role and
the member closest to each role go by *fit* (whom does the profile resemble?); team coverage
goes by *readiness* (does someone meet the role's requirements?).

Scale: a group keeps a small Record a person (not the Profile, nor an Assessment), and
everyone is scored in one pass (:func:`scores`) that gives what ``scoring.assess`` gives each
person; files are read on the batch's process pool. JSON Lines files hold a person a line.
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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from careerpath import i18n, signals
from careerpath.answers import load_answers, parse_answers
from careerpath.catalog import Catalog
from careerpath.documents import JSON_LINES, Document, is_json_lines, json_lines, line_chunks
from careerpath.errors import CareerPathError, EmptyDocument, InputError, Problem, UsageError
from careerpath.i18n import N_, _, format_list, ngettext
from careerpath.models.outputs import (
    Closest,
    Cohort,
    GapCount,
    Ignored,
    Member,
    RoleCoverage,
    Skipped,
    Team,
)
from careerpath.output import make_folder
from careerpath.profile import Profile
from careerpath.scoring import as_published, role_gaps
from careerpath.settings import PSEUDONYM_KEY_ENV, Settings

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray
    from typing_extensions import TypeIs  # typing's own from Python 3.13

MIN_GROUP_FOR_AVERAGES = 5
ANSWERS_SUFFIXES = (".yaml", ".yml", ".json")
KEY_ENV = PSEUDONYM_KEY_ENV
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
COMMON_GAPS = 15  # the gaps a cohort lists toward its target


# --- gathering files -----------------------------------------------------------------------


def _identity(path: Path) -> object:
    """What makes two paths one file: device and inode (a second spelling, a `..`, a symbolic
    or hard link), else the resolved path (a missing file, reported when it is read)."""
    try:
        info = path.stat()
    except OSError:
        return os.path.realpath(path)
    return (info.st_dev, info.st_ino)


def answer_files(paths: list[Path], *, many: bool = False) -> list[Path]:
    """Files named directly, plus *.yaml/*.yml/*.json directly inside named folders (and,
    with ``many``, JSON Lines files of many people: *.jsonl, *.ndjson); sorted, and each
    file once however often and by whatever path it was named."""
    suffixes = (*ANSWERS_SUFFIXES, *JSON_LINES) if many else ANSWERS_SUFFIXES
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in path.iterdir() if p.suffix.lower() in suffixes]
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
    where = [_("line {line}").format(line=first.line)] if first.line else []
    where += [first.field] if first.field else []
    reason = ": ".join([*where, first.message])
    if len(problems) > 1:
        more = len(problems) - 1
        reason = ngettext(
            "{reason} (and {n} more problem)", "{reason} (and {n} more problems)", more
        ).format(reason=reason, n=more)
    return reason


def _at_line(line: int | None, reason: str) -> str:
    """``reason`` where it happened: after its line of a JSON Lines file, if any."""
    return _("line {line}: {reason}").format(line=line, reason=reason) if line else reason


@dataclass(frozen=True)
class Record:
    """What a cohort or a team keeps of one person: a few hundred bytes, where a Profile
    holds the whole validated file (about 40 KB), so that 100,000 people fit in memory and
    travel cheaply from the processes that read them."""

    source: str  # the file, or FILE:LINE for a line of a JSON Lines file
    name: str | None
    target: str | None
    # (skill column: 2 bytes little-endian, level: 1 byte) in the file's order, which
    # Member.levels keeps: 3 bytes a skill, where a dict of them takes about 50.
    levels: bytes
    fingerprint: str
    where: str  # besides the name, what the pseudonym is keyed on (see ``pseudonym``)
    ignored: tuple[Problem, ...] = ()
    merged: tuple[Problem, ...] = ()
    line: int | None = None  # the line of a JSON Lines file
    assessed_on: str | None = None  # YYYY-MM-DD, when the file says
    unknown_role: tuple[Problem, ...] = ()  # a current role outside the catalogue

    @property
    def file(self) -> str:
        return self.source.removesuffix(f":{self.line}") if self.line else self.source

    @property
    def notices(self) -> tuple[Problem, ...]:
        """Every warning about the names in the person's answers, in line order."""
        found = (*self.unknown_role, *self.ignored, *self.merged)
        return tuple(sorted(found, key=lambda p: p.line or 0))

    def level_dict(self, skill_ids: list[str]) -> dict[str, int]:
        b = self.levels
        return {skill_ids[b[i] | b[i + 1] << 8]: b[i + 2] for i in range(0, len(b), 3)}


def record(profile: Profile, catalog: Catalog, line: int | None = None) -> Record:
    """The part of ``profile`` that cohort and team use. ``line``: the profile is that line
    of a JSON Lines file."""
    column = _columns(catalog)
    return Record(
        source=profile.source if line is None else f"{profile.source}:{line}",
        name=profile.person.name,
        target=profile.person.target_role,
        levels=bytes(b for s, v in profile.levels.items() for b in _entry(column[s], v)),
        fingerprint=profile.fingerprint,
        where=_where(profile),
        ignored=profile.ignored,
        merged=profile.merged,
        line=line,
        assessed_on=profile.answers.assessed_on.isoformat()
        if profile.answers.assessed_on
        else None,
        unknown_role=profile.unknown_role,
    )


def _entry(column: int, level: int) -> tuple[int, int, int]:
    return column & 0xFF, column >> 8, level


@cache
def _columns(catalog: Catalog) -> dict[str, int]:
    return {s: i for i, s in enumerate(catalog.skills)}


@dataclass(frozen=True)
class _Unusable:
    """A file (or a line of one) that is nobody's usable answers, as a worker reports it."""

    file: str
    kind: Literal["invalid", "empty"]
    reason: str
    problems: tuple[Problem, ...]
    error: str  # the error as --fail-fast shows it, when it is not the problems'


_Read = Record | _Unusable
_EMPTY = N_("no skill is answered (a blank template?): not counted as a person")


def _read_one(
    profile_of: Callable[[], Profile], file: str, line: int | None, catalog: Catalog
) -> _Read:
    try:
        profile = profile_of()
    except EmptyDocument:  # an empty file answers no skill either: one more blank template
        return _blank(file, line, "")
    except CareerPathError as exc:
        own = tuple(exc.problems) if isinstance(exc, InputError) else ()
        reason = _reason(list(own)) if own else str(exc)
        error = "" if own else str(exc)
        return _Unusable(file, "invalid", reason, own or (Problem(file, None, "", error),), error)
    if not profile.rated:
        # A blank template (every level left empty) or a file listing no skill: every
        # level would be a guess or a 0 nobody gave, yet the "person" would be closest to
        # some role and count toward the five that averages need.
        return _blank(file, line, "skills")
    return record(profile, catalog, line)


def _blank(file: str, line: int | None, field: str) -> _Unusable:
    """A file (or a JSON Lines line) that answers no skill: left out, and said so."""
    problem = Problem(file, line, field, _(_EMPTY))
    return _Unusable(file, "empty", _at_line(line, _(_EMPTY)), (problem,), "")


# What one worker reads at a time: a run of answers files, or a piece of a JSON Lines file as
# (file, byte offset, first line number, lines).
_FilesTask = tuple[str, ...]
_LinesTask = tuple[str, int, int, int]
_Task = _FilesTask | _LinesTask


def _read_files(task: _FilesTask, catalog: Catalog, strict: bool) -> list[_Read]:
    return [
        _read_one(partial(load_answers, f, catalog, strict=strict), f, None, catalog) for f in task
    ]


def _read_lines(task: _LinesTask, catalog: Catalog, strict: bool) -> list[_Read]:
    """One piece of a JSON Lines file (see ``documents.line_chunks``): a person a line."""
    file, offset, first, count = task
    out: list[_Read] = []
    try:
        for number, doc in json_lines(file, offset=offset, first_line=first, lines=count):

            def parse(doc: Document | InputError = doc) -> Profile:
                if isinstance(doc, InputError):
                    raise doc
                return parse_answers(doc, catalog, strict=strict)

            out.append(_read_one(parse, file, number, catalog))
    except InputError as exc:  # the file itself (gone since, or not a regular file)
        out.append(_read_one(partial(_throw, exc), file, None, catalog))
    return out


def _throw(exc: Exception) -> Profile:
    raise exc


def _given(read: Profile | CareerPathError) -> Profile:
    if isinstance(read, CareerPathError):
        raise read
    return read


# Reads answers files elsewhere (``cluster.read_all``): each file's profile or its error.
ReadAll = Callable[[list[Path]], Iterable[Profile | CareerPathError]]


# A worker reads this many files, or lines of a JSON Lines file, at a time: enough to make
# the cost of handing work out small, few enough to keep both processes busy to the end.
FILES_PER_TASK = 200
LINES_PER_TASK = 1000
_worker_catalog: Catalog | None = None


def _reader_init(catalog: Catalog, lang: str = i18n.DEFAULT) -> None:
    from careerpath import batch

    global _worker_catalog
    batch._worker_init(lang=lang)  # the batch's own workers' signal handling and language
    _worker_catalog = catalog


def _is_lines_task(task: _Task) -> TypeIs[_LinesTask]:
    return len(task) == 4 and isinstance(task[1], int)


def _read_task(task: _Task, strict: bool) -> list[_Read]:
    assert _worker_catalog is not None
    if _is_lines_task(task):
        return _read_lines(task, _worker_catalog, strict)
    return _read_files(task, _worker_catalog, strict)


def _tasks(files: list[Path], files_per_task: int, lines_per_task: int) -> list[_Task]:
    """The reading work in file order: runs of answers files, and pieces of each JSON Lines
    file (a file that cannot even be opened is one task, which reports it)."""
    tasks: list[_Task] = []
    run: list[str] = []
    for path in files:
        if not is_json_lines(path):
            run.append(str(path))
            if len(run) == files_per_task:
                tasks.append(tuple(run))
                run = []
            continue
        if run:
            tasks.append(tuple(run))
            run = []
        try:
            pieces = line_chunks(path, lines_per_task)
        except InputError:
            pieces = [(0, 1, 0)]  # reading it again reports the problem
        tasks += [(str(path), *piece) for piece in pieces or [(0, 1, 0)]]
    if run:
        tasks.append(tuple(run))
    return tasks


def _read_all(
    files: list[Path],
    catalog: Catalog,
    strict: bool,
    jobs: int | None,
    files_per_task: int,
    lines_per_task: int,
    read_all: ReadAll | None = None,
) -> Iterator[tuple[_Task, list[_Read]]]:
    """Every task with what it read, in file order; on the batch's process pool when there is
    more than one task and more than one CPU (or ``jobs``) to run them, or the answers files
    through ``read_all`` (a Dask cluster) and JSON Lines files here."""
    from careerpath import batch

    tasks = _tasks(files, files_per_task, lines_per_task)
    if read_all is not None:
        got = iter(read_all([Path(f) for t in tasks if not _is_lines_task(t) for f in t]))
        for task in tasks:
            if _is_lines_task(task):
                yield task, _read_lines(task, catalog, strict)
            else:
                yield task, [_read_one(partial(_given, next(got)), f, None, catalog) for f in task]
        return
    workers = batch.worker_count(jobs, len(tasks))
    if workers <= 1:
        for task in tasks:
            if _is_lines_task(task):
                yield task, _read_lines(task, catalog, strict)
            else:
                yield task, _read_files(task, catalog, strict)
        return
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_reader_init, initargs=(catalog, i18n.current())
    )
    try:
        yield from zip(tasks, pool.map(partial(_read_task, strict=strict), tasks), strict=True)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        batch._end_workers()
        raise
    pool.shutdown()


def load_group(
    paths: list[Path],
    catalog: Catalog,
    *,
    strict: bool = False,
    keep_going: bool = True,
    jobs: int | None = None,
    files_per_task: int = FILES_PER_TASK,
    lines_per_task: int = LINES_PER_TASK,
    read_all: ReadAll | None = None,
) -> tuple[list[Record], list[Skipped]]:
    """Every person in the answers files (and in each line of a JSON Lines file), once per
    file and once per document: a copy is skipped (and said so), or one person would count
    twice toward the five-person rule. Files are read on ``jobs`` processes (default: one
    per CPU) when there are many; the result is the same, in the same order.

    A skill name the catalogue does not know is ignored (``Record.ignored``; refused with
    ``strict``), but a file in which every skill name is unknown is skipped: it rates nothing,
    and counted it would be a person at level 0 in everything, with a "best role" picked by the
    tie-break and a place in the five people that averages need. So is a file in which no
    skill is answered (a blank template sent and not yet filled in): it is nobody's assessment.

    ``keep_going=False`` raises on the first invalid file instead of skipping it.
    ``read_all`` reads the answers files elsewhere (on a Dask cluster: ``cluster.read_all``),
    giving each file's profile or the error reading it raised, in the files' order."""
    people: list[Record] = []
    skipped: list[Skipped] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}  # fingerprint -> the file (or line) first read with it
    occurrences: Counter[tuple[str, str]] = Counter()
    read_from: dict[str, int] = {}  # JSON Lines file -> the people and problems it gave
    files = answer_files(paths, many=True)
    reading = _read_all(files, catalog, strict, jobs, files_per_task, lines_per_task, read_all)
    for task, items in reading:
        if _is_lines_task(task):
            read_from[task[0]] = read_from.get(task[0], 0) + len(items)
        for item in items:
            if isinstance(item, _Unusable):
                if item.kind == "invalid" and not keep_going:
                    raise (
                        CareerPathError(item.error)
                        if item.error
                        else InputError(list(item.problems))
                    )
                skipped.append(_skipped(item.file, item.reason, item.kind))
                problems += item.problems
                continue
            if item.fingerprint in seen:
                same = _("the same answers as {other}; counted once")
                reason = _at_line(item.line, same.format(other=seen[item.fingerprint]))
                skipped.append(_skipped(item.file, reason, "duplicate"))
                continue
            seen[item.fingerprint] = item.source
            if item.line is not None:
                # Two people of one name in one export stay two pseudonyms: the first, the
                # second... of that name in the file, which no other line's moving changes.
                name = (item.name or "").casefold()
                occurrences[(item.where, name)] += 1
                item = replace(item, where=f"{item.where}\0{occurrences[(item.where, name)]}")
            people.append(item)
        signals.check()
    people, older = _latest_of_each(people)
    skipped += older
    for file in (f for f, count in read_from.items() if not count):
        reason = _("holds no answers (every line is blank): not counted as a person")
        skipped.append(_skipped(file, reason, "empty"))
        problems.append(Problem(file, None, "", reason))
    if not people:
        if problems:
            # Files were there but none could be used: bad input, reported as every other
            # command reports it (exit 1, every problem with file and line, in line order).
            raise InputError(problems)
        why = "; ".join(f"{s.file}: {s.reason}" for s in skipped) or _("no .yaml/.yml/.json files")
        among = ", ".join(map(str, paths))
        raise UsageError(
            _("no usable answers files among {paths} ({why})").format(paths=among, why=why)
        )
    return people, skipped


def _skipped(
    file: str, reason: str, kind: Literal["invalid", "empty", "duplicate", "older"]
) -> Skipped:
    return Skipped(file=file, reason=reason, kind=kind, json_lines=is_json_lines(file))


def _latest_of_each(people: list[Record]) -> tuple[list[Record], list[Skipped]]:
    """Files that give one name and different ``assessed_on`` dates are one person's
    assessments over time (this year's and last year's): only the latest counts, so that
    nobody is two people in a cohort or takes two roles in a team. Same name and no dates,
    or the same date, may be two people of one name: both stay."""
    by_name: dict[str, list[Record]] = {}
    for p in people:
        if p.name and p.assessed_on:
            by_name.setdefault(_name_key(p.name) or "", []).append(p)
    dropped: dict[str, Record] = {}  # source -> the later record that replaces it
    for same in by_name.values():
        latest = max(same, key=lambda p: p.assessed_on or "")
        if sum(p.assessed_on == latest.assessed_on for p in same) > 1:
            continue  # no single latest: perhaps namesakes, so nothing is dropped
        for p in same:
            if p is not latest:
                dropped[p.source] = latest
    older = []
    for p in people:
        if p.source in dropped:
            newer = dropped[p.source]
            reason = _(
                "an earlier assessment ({date}) of the same person as {other} (same name, "
                "assessed {newer}): only the latest counts"
            ).format(date=p.assessed_on, other=newer.source, newer=newer.assessed_on)
            older.append(_skipped(p.file, _at_line(p.line, reason), "older"))
    return [p for p in people if p.source not in dropped], older


def _line_prefix() -> re.Pattern[str]:
    """What ``_at_line`` puts before a reason, in the current language."""
    head, _line, tail = _("line {line}: {reason}").partition("{line}")
    return re.compile("^" + re.escape(head) + r"\d+" + re.escape(tail.partition("{reason}")[0]))


def withheld(skipped: list[Skipped], people: list[Record]) -> list[Skipped]:
    """``skipped`` for anonymised output: no file, and no file name in a reason either; nor
    the line of a JSON Lines file, which points at one person's row of the export."""
    names = {s.file for s in skipped if s.file} | {p.source for p in people}
    out = []
    for s in skipped:
        reason = s.reason
        if s.file and is_json_lines(s.file):
            reason = _line_prefix().sub("", reason)
        for name in sorted((n for n in names if n in reason), key=len, reverse=True):
            # a/b.yaml before b.yaml; whole names only: a file called "e" must not rewrite
            # every "e" of the reason.
            whole = re.compile(rf"(?<![\w./-]){re.escape(name)}(?![\w./-])")
            other = _("another line") if re.search(r":\d+$", name) else _("another file")
            reason = whole.sub(other if name != s.file else _("the file"), reason)
        out.append(Skipped(file=None, reason=reason, kind=s.kind, json_lines=s.json_lines))
    return out


def ignored_names(people: list[Record], anonymise: bool) -> list[Ignored]:
    """Every skill name the used files name but the catalogue does not know. Anonymised: no
    file, no name (a name is typed by a person) and no line (with the file's order it points
    at the person; the warnings on standard error keep both, for whoever fixes the file),
    sorted by message, not in file order."""
    out = [
        Ignored(
            file=None if anonymise else p.file,
            line=None if anonymise else problem.line,
            name=None if anonymise else problem.field.removeprefix("skills."),
            message=problem.message,
        )
        for p in people
        for problem in p.ignored
    ]
    if anonymise:
        out.sort(key=lambda i: i.message)
    return out


def _name_key(name: str | None) -> str | None:
    return " ".join(name.split()).casefold() if name else None


def distinct_people(people: list[Record]) -> int:
    """How many people ``people`` are at least: files that give the same name may be one
    person's (this year's and last year's), so for the five-person rule they count once."""
    named = {_name_key(p.name) for p in people if p.name}
    return len(named) + sum(1 for p in people if not p.name)


# --- pseudonyms ----------------------------------------------------------------------------


def key_path() -> Path:
    return Settings.read().pseudonym_key_file


def pseudonym_key() -> bytes:
    """``$CAREERPATH_PSEUDONYM_KEY``, else a random key kept in the user's config folder
    (made on first use). A key that is short, or a key file others can read, is refused:
    with a known key anyone could map a list of names to their pseudonyms."""
    key = Settings.read().pseudonym_key
    if key is not None:
        if len(key) < MIN_KEY_BYTES:
            raise UsageError(
                _(
                    "${variable} is {size} bytes long; a pseudonym key needs at least {least}: "
                    "make one with `python3 -c 'import secrets; print(secrets.token_hex(32))'`, "
                    "or unset it to use {file}"
                ).format(variable=KEY_ENV, size=len(key), least=MIN_KEY_BYTES, file=key_path())
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
        message = _("cannot read the pseudonym key: {reason}").format(reason=exc.strerror)
        raise _key_error(path, message) from None
    # Checked on the bare descriptor: os.fdopen itself fails on a folder (IsADirectoryError).
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise _key_error(path, _("the pseudonym key is not a regular file; remove it"))
    with os.fdopen(fd, "rb") as fh:
        mode = stat.S_IMODE(info.st_mode)
        if mode & 0o066:
            message = _(
                "the pseudonym key can be read or changed by other users (mode {mode}); "
                "make it private with `chmod 600 {file}`"
            )
            raise _key_error(path, message.format(mode=f"{mode:04o}", file=path))
        if info.st_size > MAX_KEY_BYTES:
            raise _key_error(path, _("is too large to be a pseudonym key; remove it"))
        key = fh.read(MAX_KEY_BYTES).strip()
    if len(key) < MIN_KEY_BYTES:
        message = _(
            "the pseudonym key is {size} bytes, fewer than {least} (a write that failed?); "
            "restore it from a backup, or remove it to have a new one made (pseudonyms then "
            "change)"
        )
        raise _key_error(path, message.format(size=len(key), least=MIN_KEY_BYTES))
    return key


def _create_key(path: Path) -> bytes:
    """A new random key, made atomically: written to a private temporary file in the same
    folder and synced, then linked into place, so the key file appears whole or not at all
    (a full disk leaves none) and, if another process made one first, theirs is used."""
    folder = path.parent
    temp: str | None = None
    try:
        where = Settings.read().config_home_name
        make_folder(folder, _("the pseudonym key's folder (in {where})").format(where=where), 0o700)
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
        message = _("cannot create the pseudonym key: {reason}").format(reason=exc.strerror)
        raise _key_error(path, message) from None
    finally:
        if temp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
    key = _read_key(path)
    if key is None:  # removed between our link and our read: nothing sane to do but say so
        message = _("the pseudonym key vanished while it was being made; run again")
        raise _key_error(path, message)
    return key


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system syncs a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def pseudonym(key: bytes, person: Profile | Record) -> str:
    """A label no one without ``key`` can link to a name: an HMAC of the name and the file
    it came from (two people called the same stay two labels; in a JSON Lines file, also
    which of that name's lines it is), stable while the file stays where it is,
    PSEUDONYM_BITS long (base32 in groups of four)."""
    if isinstance(person, Record):
        name, where = person.name, person.where
    else:
        name, where = person.person.name, _where(person)
    basis = "\0".join(("careerpath pseudonym 2", (name or "").casefold(), where))
    digest = hmac.new(key, basis.encode("utf-8", "surrogatepass"), hashlib.sha256).digest()
    code = base64.b32encode(digest[: PSEUDONYM_BITS // 8]).decode()
    return "Person " + "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def _where(profile: Profile) -> str:
    return os.path.realpath(profile.source)


def labels(people: list[Record], anonymise: bool) -> list[str]:
    if anonymise:
        key = pseudonym_key()
        return [pseudonym(key, p) for p in people]
    names = [
        p.name
        or (
            _("{file} line {line}").format(file=Path(p.file).stem, line=p.line)
            if p.line
            else Path(p.source).stem
        )
        for p in people
    ]
    repeated = {n for n, count in Counter(names).items() if count > 1}
    # Two people of one name are told apart by their file (this output names files anyway).
    return [f"{n} ({p.source})" if n in repeated else n for n, p in zip(names, people, strict=True)]


# --- cohort --------------------------------------------------------------------------------


class Scores(NamedTuple):
    """Everyone's two measures, as ``assess`` publishes them (rounded), per person and role
    in catalogue order, and each person's roles best first (``scoring.rank_orders``)."""

    fit: list[list[float]]
    readiness: list[list[float]]
    answered: list[list[float]]  # the share of each role's weight resting on known levels
    order: list[list[int]]
    levels: NDArray[np.float64]  # (people, skills): the known levels, NaN where unknown


SCORED_AT_ONCE = 4096  # people per product: bounds the (people, 4 x skills) intermediates


def scores(people: list[Record], catalog: Catalog) -> Scores:
    """What ``scoring.assess`` says of each person's fit and readiness, for everyone in one
    pass: the same kernel (``scoring.measures``) over all profiles at once, and the unknown
    levels estimated as ``assess`` estimates them (``estimates.expected_levels``: one
    regression for everyone who left the same skills unknown, none for complete profiles)."""
    import numpy as np

    from careerpath.estimates import expected_levels
    from careerpath.matrices import role_arrays
    from careerpath.scoring import known_weight, measures, rank_orders

    a = role_arrays(catalog)
    given = np.full((len(people), len(a.skill_ids)), np.nan)
    entries = np.frombuffer(b"".join(p.levels for p in people), dtype=np.uint8).reshape(-1, 3)
    rows = np.repeat(np.arange(len(people)), [len(p.levels) // 3 for p in people])
    given[rows, entries[:, 0] | entries[:, 1].astype(int) << 8] = entries[:, 2]
    expected, floor = expected_levels(given, catalog)
    fit, ready, answered, order = [], [], [], []
    for start in range(0, len(people), SCORED_AT_ONCE):
        part = slice(start, start + SCORED_AT_ONCE)
        charged = np.nan_to_num(given[part], nan=0.0)
        values = measures(expected[part], catalog, charged, floor[part])
        f, r = values["fit"], values["readiness"]
        ranked = rank_orders(f, r, a.role_ids)
        fit += [[as_published(x) for x in row] for row in f.tolist()]
        ready += [[as_published(x) for x in row] for row in r.tolist()]
        answered += [
            [as_published(x) for x in row] for row in known_weight(given[part], catalog).tolist()
        ]
        order += ranked.tolist()
    return Scores(fit, ready, answered, order, given)


def cohort(
    people: list[Record],
    catalog: Catalog,
    *,
    skipped: list[Skipped] | None = None,
    anonymise: bool = False,
    target: str | None = None,
) -> Cohort:
    import numpy as np

    names = labels(people, anonymise)
    scored = scores(people, catalog)
    skill_ids, role_ids = list(catalog.skills), list(catalog.roles)
    members = [
        Member(
            label=label,
            best_role=role_ids[ranked[0]],
            best_fit=fit[ranked[0]],
            target=p.target,
            levels=p.level_dict(skill_ids),
            fit={role_ids[r]: fit[r] for r in ranked},
            readiness={role_ids[r]: ready[r] for r in ranked},
        )
        for label, p, fit, ready, ranked in zip(
            names, people, scored.fit, scored.readiness, scored.order, strict=True
        )
    ]
    if anonymise:  # in file order, the columns would follow the (often named) files
        members.sort(key=lambda m: m.label)
    counts = Counter(m.best_role for m in members)
    target_id: str | None
    target_note = None
    if target:
        target_id = catalog.role(target).id
    else:
        target_id, target_note = common_target([p.target for p in people], catalog)
    distinct = distinct_people(people)
    enough = distinct >= MIN_GROUP_FOR_AVERAGES
    note = None if enough else _averages_withheld(distinct, len(people))
    levels = scored.levels
    known = ~np.isnan(levels)
    column = {s: j for j, s in enumerate(skill_ids)}
    gaps: list[GapCount] = []
    if target_id:
        for skill_id, rs in catalog.roles[target_id].skills.items():
            # As role_gaps has it: a level below the role's, or unknown, is a gap; its cost
            # is importance x the levels missing (all of them when the level is unknown).
            u = levels[:, column[skill_id]]
            lacking = ~known[:, column[skill_id]] | (np.nan_to_num(u, nan=0.0) < rs.level)
            if not lacking.any():
                continue
            missing = np.where(np.isnan(u), rs.level, rs.level - np.nan_to_num(u))[lacking]
            total = float((rs.importance * missing).sum())  # whole numbers: exact in any order
            gaps.append(
                GapCount(
                    skill=skill_id,
                    name=catalog.skills[skill_id].name,
                    people=int(lacking.sum()),
                    essential=rs.essential,
                    mean_gap=round(total / len(people), 2) if enough else None,
                )
            )
        # What the role requires first: its essentials (readiness needs them), then the most
        # people lacking, then importance; by id last, so that ties are stable. By commonness
        # alone, the 15 shown could be skills of importance 1 lacked by everyone while an
        # essential one lacked by all but one was left out.
        importance = {s: rs.importance for s, rs in catalog.roles[target_id].skills.items()}
        gaps.sort(key=lambda g: (not g.essential, -g.people, -importance[g.skill], g.skill))
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
        # Who is who for the five-person rule: one number per distinct name, and each
        # nameless file a person of its own (negative numbers).
        keys: dict[str | None, int] = {}
        ids = np.array(
            [
                keys.setdefault(_name_key(p.name), len(keys)) if p.name else -1 - i
                for i, p in enumerate(people)
            ]
        )
        for skill_id, j in column.items():
            # Over the known levels: a skill a file leaves out counts as its 0.
            answered = known[:, j]
            if np.unique(ids[answered]).size >= MIN_GROUP_FOR_AVERAGES:
                values = levels[answered, j]
                means[skill_id] = round(float(values.sum()) / len(values), 2)
    return Cohort(
        catalog_version=catalog.version,
        anonymised=anonymise,
        people=len(people),
        skipped=withheld(skipped or [], people) if anonymise else skipped or [],
        ignored=ignored_names(people, anonymise),
        members=members,
        best_role_counts={r: counts[r] for r in sorted(counts, key=lambda r: (-counts[r], r))},
        target=target_id,
        target_note=target_note,
        common_gaps=gaps[:COMMON_GAPS],
        closest=closest,
        skill_means=means,
        averages_note=note,
    )


def common_target(targets: list[str | None], catalog: Catalog) -> tuple[str | None, str | None]:
    """The target role most of ``targets`` (each member's, None for none) name, and when
    several tie for most, a note that says which tied, which is taken and why: the first by
    id, so that the same group always gets the same gaps. (None, None) when none is named."""
    wanted = Counter(t for t in targets if t)
    if not wanted:
        return None, None
    most = max(wanted.values())
    tied = sorted(r for r, n in wanted.items() if n == most)
    if len(tied) == 1:
        return tied[0], None
    names = [f"{catalog.roles[r].name} ({r})" for r in tied]
    note = ngettext(
        "{roles} tie as the most common target ({n} person each): the gaps are toward "
        "{role}, the first of them by id (choose another with --target).",
        "{roles} tie as the most common target ({n} people each): the gaps are toward "
        "{role}, the first of them by id (choose another with --target).",
        most,
    )
    return tied[0], note.format(roles=format_list(names), n=most, role=catalog.roles[tied[0]].name)


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


def _averages_withheld(distinct: int, files: int) -> str:
    """Why a group of fewer than MIN_GROUP_FOR_AVERAGES people has no averages."""
    least = MIN_GROUP_FOR_AVERAGES
    if distinct == files:
        return ngettext(
            "Averages are not shown: the group has {n} person, fewer than {least}, and an "
            "average of so few could identify someone.",
            "Averages are not shown: the group has {n} people, fewer than {least}, and an "
            "average of so few could identify someone.",
            distinct,
        ).format(n=distinct, least=least)
    return ngettext(
        "Averages are not shown: the group has {files} files but at most {n} distinct person "
        "(files that give the same name count once), fewer than {least}, and an average of "
        "so few could identify someone.",
        "Averages are not shown: the group has {files} files but at most {n} distinct people "
        "(files that give the same name count once), fewer than {least}, and an average of "
        "so few could identify someone.",
        distinct,
    ).format(files=files, n=distinct, least=least)


# --- team coverage -------------------------------------------------------------------------


ASSIGNMENT_METHOD = N_(
    "each member takes at most one role and each role at most one member; of all such "
    "assignments, the one that covers the most roles, then leaves the most of the others "
    "within reach of upskilling its member, then has the highest total readiness over those "
    "roles (the Hungarian algorithm, scipy.optimize.linear_sum_assignment)"
)


def assign(
    readiness: list[list[float]], covers: list[list[bool]], near: list[list[bool]]
) -> dict[int, int]:
    """Role index -> member index: each member on at most one role and each role with at
    most one member, covering the most roles, then with the most pairs ``near`` (worth
    upskilling), then with the highest total readiness of those pairs (a pair not near is
    advised "hire" and its member left free: their readiness there counts for nothing, or
    they could hold a role at 73% that a 90% of theirs was given up for). ``[i][j]`` is
    member i and role j; a pair that covers is near.

    One linear assignment solves the three at once: each tier is worth more than the whole
    of the tiers below could add up to (readiness is at most 1 a role, so a near pair is
    worth roles + 1 and a covering pair (roles + 1) squared), so no assignment trades a
    covered role for anything below it."""
    if not readiness or not readiness[0]:
        return {}
    import numpy as np  # both lazily: `careerpath --help` must stay light
    from scipy.optimize import linear_sum_assignment

    step = len(readiness[0]) + 1
    close = np.array(near, dtype=float)
    ready = np.array(readiness, dtype=float)
    worth = close * (ready + step) + step**2 * np.array(covers, dtype=float)
    members, roles = linear_sum_assignment(worth, maximize=True)
    return {int(j): int(i) for i, j in zip(members, roles, strict=True)}


def team(
    people: list[Record],
    catalog: Catalog,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    skipped: list[Skipped] | None = None,
    anonymise: bool = False,
) -> Team:
    """Which roles the team covers, and what to do about the rest.

    A member *could cover* a role when their readiness for it is at or above ``threshold``
    with levels known for at least MIN_ANSWERED_TO_COVER of its weight, and they meet every
    one of its essential skills at its required level (a known level: an unknown one is not
    met, as ``assess`` counts essentials met). One person cannot
    hold six roles at once, so the advice comes from an assignment (see :func:`assign`): each
    member at most one role. A role the assignment covers is "covered"; for any other, the
    member it is given is the one to upskill when within UPSKILL_MARGIN of the threshold,
    else the role is "hire". Readiness, not fit: coverage asks who meets the role's
    requirements, not whom it resembles."""
    names = labels(people, anonymise)
    scored = scores(people, catalog)
    column = {role_id: j for j, role_id in enumerate(catalog.roles)}
    family_order = {"business": 0, "technical": 1, "cross-section": 2}
    ordered = sorted(
        catalog.roles.items(), key=lambda kv: (family_order.get(kv[1].family, 9), kv[0])
    )
    places = [column[role_id] for role_id, _ in ordered]
    # Readiness resting mostly on estimated levels says little (see the "known" column of
    # `careerpath assess`): it neither covers a role nor makes its owner the one to upskill.
    known = [[row[j] >= MIN_ANSWERED_TO_COVER for j in places] for row in scored.answered]
    ready = [[row[j] for j in places] for row in scored.readiness]
    everyone, columns = range(len(people)), range(len(ordered))
    # Readiness weighs essentials at only 0.3 and estimates unknown levels: 83% ready with
    # 1 of 6 essentials met is possible, and is no cover for the role.
    essentials = _essentials_met(scored.levels, catalog, [role_id for role_id, _ in ordered])
    usable = [[ready[i][j] if known[i][j] else 0.0 for j in columns] for i in everyone]
    covers = [
        [known[i][j] and essentials[i][j] and ready[i][j] >= threshold for j in columns]
        for i in everyone
    ]
    near = [[usable[i][j] >= threshold - UPSKILL_MARGIN for j in columns] for i in everyone]
    chosen = assign(usable, covers, near)
    skill_ids = list(catalog.skills)
    roles, taken = [], set()
    for j, (role_id, role) in enumerate(ordered):
        # By position, not by name: two members may share one.
        able = sorted((k for k in everyone if covers[k][j]), key=lambda k: (-ready[k][j], names[k]))
        i = chosen.get(j)
        advice: Literal["covered", "upskill", "hire"]
        if i is not None and covers[i][j]:
            advice = "covered"
        elif i is not None and near[i][j]:
            advice = "upskill"
        else:
            advice = "hire"
            i = None  # nobody the assignment gives it is near: they stay free
        if i is not None:
            taken.add(i)
        gaps = []
        if i is not None and advice == "upskill":
            lacking = role_gaps(_Levels(people[i].level_dict(skill_ids)), catalog, role_id)
            # An essential not met first, known or not (it alone can keep a member at 97%
            # readiness from covering the role), then the costliest known gaps.
            gaps = [g.name for g in lacking if g.essential]
            gaps += [g.name for g in lacking if g.weighted_gap and not g.essential]
            gaps = gaps[:3]
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
        people=len(people),
        threshold=threshold,
        method=_(ASSIGNMENT_METHOD),
        covered=sum(r.advice == "covered" for r in roles),
        skipped=withheld(skipped or [], people) if anonymise else skipped or [],
        ignored=ignored_names(people, anonymise),
        roles=roles,
        unassigned=sorted(n for k, n in enumerate(names) if k not in taken),
    )


def _essentials_met(
    levels: NDArray[np.float64], catalog: Catalog, role_ids: list[str]
) -> list[list[bool]]:
    """[i][j]: member i's known levels meet every essential skill of role ``role_ids[j]``."""
    import numpy as np

    column = {s: j for j, s in enumerate(catalog.skills)}
    met = np.ones((len(levels), len(role_ids)), dtype=bool)
    for j, role_id in enumerate(role_ids):
        for skill_id, rs in catalog.roles[role_id].skills.items():
            if rs.essential:
                met[:, j] &= levels[:, column[skill_id]] >= rs.level  # NaN (unknown): not met
    result: list[list[bool]] = met.tolist()
    return result


@dataclass(frozen=True)
class _Levels:
    """The one part of a Profile that ``scoring.role_gaps`` reads."""

    levels: dict[str, int]
