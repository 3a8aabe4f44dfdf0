"""Many reports at once: one per answers file, in parallel processes, optionally sharded so
that several machines can split the work with any scheduler."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from careerpath.errors import CareerPathError, UsageError


@dataclass(frozen=True)
class Job:
    answers: Path
    output: Path
    fmt: str
    data_dir: str | None
    when: dt.date
    paper: str
    redact: bool
    force: bool


@dataclass(frozen=True)
class Outcome:
    answers: Path
    output: Path | None
    error: str | None


def parse_shard(text: str) -> tuple[int, int]:
    """'K/N' -> (K, N) with 1 <= K <= N."""
    try:
        k, n = (int(part) for part in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard {text!r}: write it as K/N, e.g. 2/4") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard {text!r}: K must be between 1 and N")
    return k, n


def shard(files: list[Path], k: int, n: int) -> list[Path]:
    """Every file lands in exactly one of the N shards (round robin over the sorted list)."""
    return [f for i, f in enumerate(sorted(files)) if i % n == k - 1]


def render_one(job: Job) -> Outcome:
    """Render one report; runs in a worker process, so it loads what it needs itself."""
    from careerpath import report as rep
    from careerpath.answers import load_answers
    from careerpath.catalog import load_catalog

    try:
        catalog = load_catalog(job.data_dir)
        profile = load_answers(job.answers, catalog)
        written = rep.write_report(
            profile,
            catalog,
            job.output,
            job.fmt,  # type: ignore[arg-type]
            when=job.when,
            target=profile.person.target_role,
            paper=job.paper,
            redact=job.redact,
            force=job.force,
        )
        return Outcome(job.answers, written, None)
    except CareerPathError as exc:
        return Outcome(job.answers, None, str(exc))
    except Exception as exc:  # one bad file must not stop the batch
        return Outcome(job.answers, None, f"{type(exc).__name__}: {exc}")


def run(jobs: list[Job], workers: int, on_done: Callable[[Outcome], None]) -> list[Outcome]:
    outcomes = []
    if workers <= 1 or len(jobs) <= 1:
        results: Iterator[Outcome] = map(render_one, jobs)
        for outcome in results:
            on_done(outcome)
            outcomes.append(outcome)
        return outcomes
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(render_one, jobs, chunksize=1):
            on_done(outcome)
            outcomes.append(outcome)
    return outcomes


def worker_count(requested: int | None, files: int) -> int:
    """Processes for ``files`` reports: ``requested`` (default: one per CPU), but never more
    than one per file or per CPU, which would only cost start-up time and memory."""
    return max(1, min(requested or default_jobs(), files, default_jobs()))


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
