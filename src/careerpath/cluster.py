"""The same per-file jobs on a Dask cluster (``--executor dask``), for runs too big for one
machine: a scheduler named by address, or a ``LocalCluster`` started here without one.

Workers read the answers files and write the reports themselves, atomically, exactly as the
process pool's workers do; on a real cluster they must therefore see the same files at the
same absolute paths (a shared filesystem) and have careerpath installed. Dask is the optional
extra ``careerpath[dask]`` and is imported only here, only when asked for.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from careerpath.errors import CareerPathError, Option, UsageError, sentence
from careerpath.i18n import _

try:
    import distributed
except ImportError:  # imported only for --executor dask: that option gets the message
    raise UsageError(
        *sentence(
            _(
                "{option} dask needs Dask's distributed scheduler, which is not installed: "
                "pip install 'careerpath[dask]'"
            ),
            option=Option("executor"),
        )
    ) from None

if TYPE_CHECKING:
    from careerpath.batch import Job, Outcome
    from careerpath.catalog import Catalog
    from careerpath.profile import Profile

T = TypeVar("T")
R = TypeVar("R")
CONNECT_TIMEOUT = 30  # seconds to reach a named scheduler before giving up


def _on_cluster(exc: BaseException) -> str:
    return _("on the Dask cluster: {kind}: {reason}").format(kind=type(exc).__name__, reason=exc)


class _Warm(distributed.WorkerPlugin):
    """Worker plugin: each worker warms WeasyPrint and compiles the templates once, when it
    joins, rather than in its first job (a class of this importable module, so that workers
    unpickle it by name)."""

    name = "careerpath-warm"

    def __init__(self, pdf: bool) -> None:
        self.pdf = pdf

    def setup(self, worker: Any) -> None:
        from careerpath import batch

        batch.warm(self.pdf)


@contextmanager
def client(scheduler: str | None, workers: int) -> Iterator[distributed.Client]:
    """A client of the scheduler at ``scheduler``, or of a new ``LocalCluster`` of ``workers``
    single-threaded worker processes (WeasyPrint holds the GIL: threads would not help),
    closed again on the way out, Ctrl-C included."""
    # Dask logs each worker's start and stop, and a closed connection at the end, as warnings:
    # noise on the terminal of someone rendering reports. Errors still show.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    if scheduler:
        try:
            c = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise CareerPathError(
                _("cannot reach the Dask scheduler at {address}: {reason}").format(
                    address=scheduler, reason=exc
                )
            ) from None
        try:
            yield c
        finally:
            c.close()
        return
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,  # no web server nobody asked for
        silence_logs=logging.ERROR,
    )
    try:
        with distributed.Client(cluster) as c:
            yield c
    finally:
        cluster.close()


def ordered(
    c: distributed.Client,
    fn: Callable[..., R],  # called as fn(item, **shared)
    items: Iterable[T],
    failed: Callable[[T, BaseException], R],
    **shared: Any,
) -> Iterator[R]:
    """``fn`` over ``items`` on the cluster, results in the items' order. An item whose task
    itself failed on the cluster (a worker that died, careerpath missing there) gives
    ``failed(item, error)``; Ctrl-C cancels everything not done yet. ``shared`` are keyword
    arguments of every call (futures from ``scatter`` are resolved on the workers)."""
    items = list(items)
    # pure=False: two identical jobs are still two jobs (each writes its own file).
    futures = c.map(fn, items, pure=False, **shared)
    try:
        for item, future in zip(items, futures, strict=True):
            try:
                yield future.result()
            except Exception as exc:
                yield failed(item, exc)
    except BaseException as exc:
        # Ctrl-C or SIGTERM while waiting: nothing more is to run. (GeneratorExit: left
        # unfinished by its reader; closing the client releases what is left.)
        if not isinstance(exc, GeneratorExit):
            c.cancel(futures)
        raise


def _absolute(job: Job) -> Job:
    # A remote worker's working folder is not ours: it gets the paths in full.
    return dataclasses.replace(
        job,
        answers=job.answers.absolute(),
        output=job.output.absolute(),
        data_dir=str(Path(job.data_dir).absolute()) if job.data_dir else None,
        inputs=tuple(p.absolute() for p in job.inputs),
    )


def render_on_dask(
    jobs: list[Job], workers: int, on_done: Callable[[Outcome], None], scheduler: str | None
) -> list[Outcome]:
    """:func:`careerpath.batch.render_all` on Dask: the same jobs, outcomes and order."""
    from careerpath import batch

    def lost(job: Job, exc: BaseException) -> Outcome:
        return batch.Outcome(job.answers, None, _on_cluster(exc), line=job.line)

    sent = [_absolute(j) for j in jobs] if scheduler else jobs
    outcomes = []
    if not jobs:  # everything skipped (--skip-existing): no cluster to start
        return []
    with client(scheduler, workers) as c:
        try:
            c.register_plugin(_Warm(any(j.fmt == "pdf" for j in jobs)), name=_Warm.name)
        except Exception as exc:  # the workers cannot even load careerpath
            why = f"{type(exc).__name__}: {exc}"
            raise CareerPathError(
                _("the Dask workers cannot run careerpath ({reason})").format(reason=why)
            ) from None
        results = ordered(c, batch.render_one, sent, lost)
        for job, outcome in zip(jobs, results, strict=True):
            # Reported under the names the user gave, as the process pool reports them.
            outcome = dataclasses.replace(
                outcome, answers=job.answers, output=job.output if outcome.output else None
            )
            on_done(outcome)
            outcomes.append(outcome)
    return outcomes


def _read(path: Path, catalog: Catalog, strict: bool) -> Profile | CareerPathError:
    # Runs on a worker: the error is returned, not raised, so that it reaches load_group as
    # the same error a local read gives (and a task that truly failed stays apart).
    from careerpath.answers import load_answers

    try:
        return load_answers(path, catalog, strict=strict)
    except CareerPathError as exc:
        return exc


def read_all(
    c: distributed.Client, catalog: Catalog, strict: bool, scheduler: str | None
) -> Callable[[list[Path]], Iterator[Profile | CareerPathError]]:
    """For ``cohort.load_group``: read the answers files on the cluster, each file's profile
    or its error in the files' order. The catalogue goes to each worker once, not per file."""

    def lost(path: Path, exc: BaseException) -> CareerPathError:
        return CareerPathError(_on_cluster(exc))

    def read(files: list[Path]) -> Iterator[Profile | CareerPathError]:
        shared = c.scatter(catalog, broadcast=True)
        sent = [p.absolute() for p in files] if scheduler else files
        results = ordered(c, _read, sent, lost, catalog=shared, strict=strict)
        for path, got in zip(files, results, strict=True):
            # Named as the user named it, as a local read names it (in labels and output).
            yield (
                got
                if isinstance(got, CareerPathError)
                else dataclasses.replace(got, source=str(path))
            )

    return read
