"""Many reports at once: one per answers file, in parallel processes, optionally sharded so
that several machines can split the work with any scheduler."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Literal

from careerpath import commands, i18n, signals
from careerpath.errors import (
    CareerPathError,
    EmptyDocument,
    Option,
    OutputError,
    Problem,
    UsageError,
    printable,
    sentence,
)
from careerpath.i18n import N_, _
from careerpath.models.outputs import BatchFile, BatchSummary
from careerpath.signals import EXIT_TERMINATED, Terminated

if TYPE_CHECKING:
    from careerpath.catalog import Catalog
    from careerpath.pipeline import PlanRequest
    from careerpath.profile import Profile
    from careerpath.render.document import Format


@dataclass(frozen=True)
class Job:
    answers: Path
    output: Path
    fmt: Format
    data_dir: str | None
    when: dt.date
    paper: str
    redact: bool
    force: bool
    inputs: tuple[Path, ...] = ()  # files the batch reads: no report may overwrite one
    strict: bool = False  # refuse a file naming a skill the catalogue does not know
    # The batch's language: a Dask worker starts in English and has no initializer to tell it.
    lang: str | None = None  # None: the language of the process that renders it
    # The plan's settings, as `report` takes them; the target None: each file's own.
    target: str | None = None
    from_role: str | None = None
    hours_per_week: float | None = None
    start: dt.date | None = None
    mentor_notes: str | None = None  # the text, read once: a remote worker need not see it
    # A person a line of a JSON Lines file ``answers``: the line, and where it starts.
    line: int | None = None
    offset: int = 0
    # The --data-dir and --lang of the command line, repeated by every command a report
    # suggests (careerpath.commands): a worker process does not inherit them.
    repeat: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """The answers file, or FILE:LINE for a line of a JSON Lines file."""
        return _source(self.answers, self.line)


def _source(answers: Path, line: int | None) -> str:
    return f"{answers}:{line}" if line is not None else str(answers)


@dataclass(frozen=True)
class Outcome:
    answers: Path
    output: Path | None
    error: str | None
    # The file's name notices (skill names the catalogue does not know, ignored, and the rest
    # of the file reported; the report lists them too): said for the whole batch by
    # ``notices``, a notice many files share once.
    notices: tuple[Problem, ...] = ()
    skipped: str | None = None  # why no report was made, though nothing failed
    line: int | None = None  # the person is this line of the JSON Lines file ``answers``

    @property
    def source(self) -> str:
        """The answers file, or FILE:LINE for a line of a JSON Lines file."""
        return _source(self.answers, self.line)

    def failure(self) -> str:
        """The error, about the answers file, its path said once: a problem in the file
        already starts with it ("a.yaml:2: ..."), an error about anything else (the report)
        does not."""
        name, error = printable(self.source), self.error or ""
        return error if error.startswith(f"{name}:") else f"{name}: {error}"


def summary(
    out_dir: Path, jobs: list[Job], outcomes: list[Outcome], kept: list[Job]
) -> BatchSummary:
    """The batch's result; ``outcomes`` are ``jobs``' in order (as ``render_all`` gives them)."""

    def entry(job: Job, error: str | None = None, reason: str | None = None) -> BatchFile:
        return BatchFile(answers=job.source, report=str(job.output), error=error, reason=reason)

    done = list(zip(jobs, outcomes, strict=True))
    return BatchSummary(
        out_dir=str(out_dir),
        written=[entry(j) for j, o in done if o.output],
        skipped=[entry(j, reason=_(ALREADY_THERE)) for j in kept]
        + [entry(j, reason=o.skipped) for j, o in done if o.skipped],
        failed=[entry(j, o.error) for j, o in done if o.error],
        warnings=notices(outcomes),
    )


def notices(outcomes: Iterable[Outcome]) -> list[str]:
    """What the batch's files' names call for, as ``cohort`` says a group's
    (``profile.group_notices``): a notice many files share said once, with how many; each
    file's own, the first NOTICES_SHOWN, then how many more (as for one file)."""
    from careerpath.profile import NOTICES_SHOWN, group_notices

    return group_notices((p for o in outcomes for p in o.notices), shown=NOTICES_SHOWN)


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' -> (K, N) with 1 <= K <= N."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(
            *sentence(
                _("{option} {value}: write it as K/N, e.g. 2/4"),
                option=Option("shard"),
                value=repr(text),
            )
        ) from None
    if not 1 <= k <= n:
        raise UsageError(
            *sentence(
                _("{option} {value}: K must be between 1 and N"),
                option=Option("shard"),
                value=repr(text),
            )
        )
    return k, n


def shard(files: list[Path], k: int, n: int) -> list[Path]:
    """Every file lands in exactly one of the N shards (round robin over the sorted list)."""
    return [f for i, f in enumerate(sorted(files)) if i % n == k - 1]


@dataclass(frozen=True)
class Entry:
    """One report's input: an answers file, or one line of a JSON Lines file."""

    file: Path
    line: int | None = None
    offset: int = 0  # where the line starts

    def named(self) -> Path:
        """What the report is named after: the file, or for a line FILE-LINE
        (export.jsonl's line 3 gives export-3). No two entries of a folder share it: a line's
        keeps the JSON Lines suffix, which no answers file has, and a line number no dash."""
        if self.line is None:
            return self.file
        return self.file.with_name(f"{self.file.stem}-{self.line}{self.file.suffix}")


def entries(files: list[Path]) -> list[Entry]:
    """An entry per answers file, and per line holding a person in each JSON Lines file.
    A JSON Lines file that cannot be read is one entry, whose report fails saying why."""
    from careerpath.documents import is_json_lines, line_starts

    out: list[Entry] = []
    for f in files:
        if not is_json_lines(f):
            out.append(Entry(f))
            continue
        try:
            out += [Entry(f, line, offset) for offset, line in line_starts(f)]
        except CareerPathError:
            out.append(Entry(f))
    return out


def batch_inputs(path: Path) -> list[Path]:
    """The files ``--batch PATH`` reads: the answers files and JSON Lines files in a folder,
    or a JSON Lines file itself; another file is refused (it is one person: --answers)."""
    from careerpath.cohort import answer_files
    from careerpath.documents import is_json_lines

    if path.is_dir():
        return answer_files([path], many=True)
    if is_json_lines(path):
        return [path]
    raise UsageError(
        *sentence(
            _(
                "{option} {path}: give a folder of answers files (one per person) or a JSON "
                "Lines file (.jsonl, .ndjson: one person a line); for a single answers file "
                "use {answers}"
            ),
            option=Option("batch"),
            path=path,
            answers=Option("answers"),
        )
    )


def prepare(
    folder: Path,
    out_dir: Path,
    fmt: Format,
    *,
    when: dt.date | None = None,
    shard_of: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    paper: str = "a4",
    redact: bool = False,
    force: bool = False,
    skip_existing: bool = False,
    strict: bool = False,
    request: PlanRequest | None = None,
    mentor_notes: Path | None = None,
) -> tuple[list[Job], list[Job]]:
    """The batch's jobs for the answers files in ``folder``, decided and checked before any
    work: those to render and those left alone (with ``skip_existing``, the reports already
    there). ``shard_of`` ("K/N") keeps the K-th of N shares of the files. Makes ``out_dir``.
    Without ``force`` or ``skip_existing``, existing reports are refused once for all. The
    reports are dated ``when``, else as a single report is (``report_date``). ``request``
    (its target, start role, pace and start date; a posting is a ValueError) and
    ``mentor_notes`` apply to every report, as to a single one; a role it names that the
    catalogue does not know is refused here, once, not as one failure per file."""
    from careerpath.catalog import load_catalog
    from careerpath.documents import read_text
    from careerpath.output import check_not_input, identities, make_folder
    from careerpath.pipeline import PlanRequest
    from careerpath.report import report_date

    day = report_date(when)
    folder_of_data = os.fspath(data_dir) if data_dir else None  # a str: workers unpickle it

    every = batch_inputs(folder)
    people = entries(every)
    if not people:  # refused as cohort and team refuse it, before the out folder is made
        why = (
            _("no .yaml/.yml/.json/.jsonl/.ndjson files")
            if not every
            else _("no line holds a person")
        )
        raise UsageError(
            _("no usable answers files among {paths} ({why})").format(paths=folder, why=why)
        )
    # One distinct name per input, chosen from the whole folder before sharding, so that
    # every machine names a file's report alike and no report replaces another.
    by_name = {e.named(): e for e in people}
    names = {by_name[f]: name for f, name in output_names(list(by_name), fmt).items()}
    chosen = shard(list(by_name), *parse_shard(shard_of)) if shard_of else list(by_name)
    files = [by_name[f] for f in chosen]
    asked = request or PlanRequest()
    if asked.posting is not None:  # the CLI refuses it first, naming its options
        raise ValueError("a batch plans toward roles: a posting goes with a single report")
    asked.check_roles(load_catalog(folder_of_data))
    text = read_text(mentor_notes) if mentor_notes else None
    notes = (mentor_notes,) if mentor_notes else ()
    make_folder(out_dir, Option("out_dir"))
    # Refused before any work: a report over an answers file (a link to one, say) or over
    # the mentor notes.
    read = identities([*every, *notes])
    for f in files:
        check_not_input(out_dir / names[f], read)
    work = [
        Job(
            f.file,
            out_dir / names[f],
            fmt,
            folder_of_data,
            day,
            paper,
            redact,
            force,
            (f.file, *notes),
            strict,
            i18n.current(),
            asked.target,
            asked.from_role,
            asked.hours_per_week,
            asked.start,
            text,
            f.line,
            f.offset,
            commands.repeated(),
        )
        for f in files
    ]
    if skip_existing:
        return split_existing(work)
    there = [] if force else split_existing(work)[1]
    if there:  # said once, with both ways on: not one "use --force" per report
        raise OutputError(
            *sentence(
                _(
                    "{n} of {total} reports are already in {folder} (such as {example}): add "
                    "{skip} to render only the missing ones (an interrupted batch resumes), or "
                    "{force} to replace them"
                ),
                n=len(there),
                total=len(work),
                folder=out_dir,
                example=there[0].output.name,
                skip=Option("skip_existing"),
                force=Option("force"),
            )
        )
    return work, []


ALREADY_THERE = N_("already there")
# As for cohort and team (cohort.load_group), a blank template is nobody's assessment: its
# report would rank roles from guesses and zeros nobody gave.
BLANK = N_("no skill is answered (a blank template?): no report, as it assesses nobody yet")


def render_one(job: Job) -> Outcome:
    """Render one report; runs in a worker process, so it loads what it needs itself."""
    if job.lang:  # before the catalogue is loaded: its names are in this language too
        i18n.use(job.lang)
    with commands.repeating(job.repeat):
        return _render(job)


def _render(job: Job) -> Outcome:
    from careerpath import pipeline
    from careerpath.catalog import load_catalog

    try:
        catalog = load_catalog(job.data_dir)
        profile = _profile(job, catalog).starting_from(job.from_role)
        if not profile.rated:
            return Outcome(job.answers, None, None, profile.notices, _(BLANK), job.line)
        written = pipeline.write_report(
            profile,
            catalog,
            job.output,
            job.fmt,
            when=job.when,
            target=job.target or profile.person.target_role,
            from_role=job.from_role,
            hours_per_week=job.hours_per_week,
            start=job.start,
            paper=job.paper,
            mentor_notes=job.mentor_notes,
            redact=job.redact,
            force=job.force,
            inputs=job.inputs,
        )
        return Outcome(job.answers, written, None, profile.notices, line=job.line)
    except EmptyDocument:  # an empty file is a blank template too
        return Outcome(job.answers, None, None, (), _(BLANK), job.line)
    except CareerPathError as exc:
        return Outcome(job.answers, None, str(exc), line=job.line)
    except Exception as exc:  # one bad file must not stop the batch
        return Outcome(job.answers, None, f"{type(exc).__name__}: {exc}", line=job.line)


def _profile(job: Job, catalog: Catalog) -> Profile:
    """The job's person: its answers file, or its line of a JSON Lines file."""
    from careerpath.answers import load_answers, parse_answers
    from careerpath.documents import is_json_lines, json_lines
    from careerpath.errors import InputError

    if not is_json_lines(job.answers):
        return load_answers(job.answers, catalog, strict=job.strict)
    # A line read alone, from where it starts; a file that could not be read when the batch
    # began (line None) is read again, to say why.
    read = json_lines(job.answers, offset=job.offset, first_line=job.line or 1, lines=1)
    for _number, doc in read:
        if isinstance(doc, InputError):
            raise doc
        return parse_answers(doc, catalog, strict=job.strict)
    raise InputError.single(
        str(job.answers),
        _("the line is gone: the file changed since the batch began"),
        line=job.line,
    )


def split_existing(jobs: list[Job]) -> tuple[list[Job], list[Job]]:
    """``jobs`` split into those still to do and those whose report is already there (for
    ``--skip-existing``: reports are written atomically, so one that exists is whole)."""
    there = {j.output for j in jobs if os.path.lexists(j.output)}  # a link counts: not ours
    return [j for j in jobs if j.output not in there], [j for j in jobs if j.output in there]


def output_names(files: list[Path], suffix: str) -> dict[Path, str]:
    """A report name per input, distinct for every input, decided before any work.

    ``ana.yaml`` gives ``ana.SUFFIX``. Inputs whose names would clash (``ana.yaml`` and
    ``ana.json``; or ``a.yaml``, ``a.json`` and ``a.yaml.yaml``, where the full name of one is
    the stem of another) keep their whole file name instead: ``ana.yaml.SUFFIX``. Names that
    still clash (files of the same name from different folders, or differing only in case,
    which one file on a case-insensitive disk) get ``-2``, ``-3``... in sorted order.
    Names are compared case-insensitively, so the result is the same on every disk.
    """
    ordered = sorted(set(files))
    full: set[Path] = set()

    def base(f: Path) -> str:
        return f.name if f in full else f.stem

    while True:  # each round only lengthens names, so this ends
        seen: dict[str, list[Path]] = {}
        for f in ordered:
            seen.setdefault(base(f).casefold(), []).append(f)
        clashing = {f for group in seen.values() if len(group) > 1 for f in group} - full
        if not clashing:
            break
        full |= clashing
    # Names before numbering are reserved: a "-2" must not take another input's own name.
    taken = {f"{base(f)}.{suffix}".casefold() for f in ordered}
    used: set[str] = set()
    names: dict[Path, str] = {}
    for f in ordered:
        name, n = f"{base(f)}.{suffix}", 1
        while name.casefold() in used or (n > 1 and name.casefold() in taken):
            n += 1
            name = f"{base(f)}-{n}.{suffix}"
        used.add(name.casefold())
        names[f] = name
    return names


# --- worker processes -----------------------------------------------------------------------

_busy = False  # a worker is rendering (and may hold a temporary file)
_stopping = False  # SIGTERM arrived: end after this job, even if its exception was swallowed
GRACE = 30  # seconds an orphaned worker may take to clean up before it simply exits


def _worker_sigterm(signum: int, frame: FrameType | None) -> None:
    global _stopping
    _stopping = True
    if _busy:
        raise Terminated  # unwinds through write_atomic, which removes its temporary file
    os._exit(EXIT_TERMINATED)


def _watch_parent(parent: int) -> None:
    # A parent killed outright (SIGKILL, a crash) cannot end us: end ourselves when it goes.
    while os.getppid() == parent:
        time.sleep(0.5)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(GRACE)
    os._exit(EXIT_TERMINATED)


def warm(pdf: bool) -> None:
    """Ready this process for its jobs before the first one: the templates compiled and, for
    PDFs, WeasyPrint loaded with its fonts. A failure here is left to the first job, which
    reports it against its file instead of breaking the whole pool."""
    from careerpath.render import html
    from careerpath.render import pdf as weasy

    with contextlib.suppress(Exception):  # the job that needs it fails, saying why
        weasy.warm() if pdf else html.environment()
    # What is loaded by now (modules, templates, fonts) lives as long as the process: frozen,
    # the collector's full passes no longer walk it again during every report (for a PDF of
    # 15 pages, a quarter of a second of the 0.7 s they took).
    gc.collect()
    gc.freeze()


def _worker_init(pdf: bool = False, lang: str = i18n.DEFAULT) -> None:
    # A worker started afresh (forkserver, spawn) speaks English until told: its messages
    # and the catalogue it loads are in the batch's language.
    i18n.use(lang)
    # Ctrl-C reaches the whole process group; the parent alone decides, and ends us with
    # SIGTERM, so that no worker carries on with queued jobs after the batch stopped.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_sigterm)
    signals.quiet_when_swallowed()
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    warm(pdf)


def _render_in_worker(job: Job) -> Outcome:
    global _busy
    _busy = True
    try:
        return render_one(job)
    except Terminated:
        os._exit(EXIT_TERMINATED)  # cleaned up on the way here; nothing is left to report
    finally:
        _busy = False
        if _stopping:  # Terminated was swallowed (raised in a __del__): the job is whole
            os._exit(EXIT_TERMINATED)


def _end_workers() -> None:
    # Already stopping: a second SIGTERM must not cut this short and leave workers running.
    try:
        previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    except ValueError:  # not the main thread: nothing was installed there either
        previous = None
    try:
        children = multiprocessing.active_children()
        for child in children:
            child.terminate()
        for child in children:
            child.join(timeout=GRACE)
            if child.is_alive():  # stuck in C code that never returns to Python
                child.kill()
                child.join()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


Executor = Literal["process", "dask"]
EXECUTORS: tuple[Executor, ...] = ("process", "dask")


def render_all(
    jobs: list[Job],
    workers: int,
    on_done: Callable[[Outcome], None],
    *,
    executor: Executor = "process",
    scheduler: str | None = None,
) -> list[Outcome]:
    """Render every job, ``workers`` at a time; ``on_done`` sees each outcome in job order.

    ``executor="dask"`` runs the same jobs on the Dask scheduler at ``scheduler``, or on a
    ``LocalCluster`` of ``workers`` processes without one (:mod:`careerpath.cluster`).

    Interrupted (Ctrl-C, or SIGTERM raising :class:`Terminated`), it ends every worker
    before it returns, each removing its temporary file, and re-raises."""
    if executor == "dask":
        from careerpath import cluster  # Dask only when asked for: it is an optional extra

        return cluster.render_on_dask(jobs, workers, on_done, scheduler)
    outcomes = []
    if workers <= 1 or len(jobs) <= 1:
        results: Iterator[Outcome] = map(render_one, jobs)
        for outcome in results:
            on_done(outcome)
            outcomes.append(outcome)
            signals.check()  # a SIGTERM swallowed during that render still stops the batch
        return outcomes
    pdf = any(j.fmt == "pdf" for j in jobs)
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_init, initargs=(pdf, i18n.current())
    )
    try:
        for outcome in pool.map(_render_in_worker, jobs, chunksize=1):
            on_done(outcome)
            outcomes.append(outcome)
            signals.check()
    except BaseException:
        # Hand out no more jobs, and end the running ones now rather than after they finish.
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        _end_workers()
        # Let the pool's own thread finish now that its workers are gone. Left running, it
        # races the interpreter's exit hook, which may write to the pipe the thread is
        # closing: "Exception ignored in: <module 'threading'> ... Bad file descriptor".
        if manager is not None:
            manager.join(timeout=GRACE)
        manager = None  # the traceback keeps this frame: do not keep the thread alive too
        raise
    pool.shutdown()
    return outcomes


def worker_count(requested: int | None, files: int) -> int:
    """Processes for ``files`` reports: ``requested`` (default: one per CPU), but never more
    than one per file or per CPU, which would only cost start-up time and memory."""
    return max(1, min(requested or default_jobs(), files, default_jobs()))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
