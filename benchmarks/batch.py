"""Batch throughput: render N PDF reports with `careerpath report --batch` on the process pool
with 1 and with 2 workers and on a Dask LocalCluster of 2 workers, and the cost of one PDF in a
warm worker; print medians, ratios and their spread.

    python benchmarks/batch.py                 # 60 reports, 3 rounds
    python benchmarks/batch.py --count 20 --rounds 5 --no-dask

The answers files are made in a temporary folder by copying the examples (examples/answers
and examples/cohort) and perturbing them: every person gets a new name and about a third of
their levels move one step up or down (seeded, so every run renders the same files). Each
measurement is one run of the real command in a fresh process, start-up included. The
variants run as interleaved rounds (the order reversed every other round), and each ratio is
the median of the per-round ratios, with their range: drift in the machine's load hits both
sides of a ratio alike. The outputs of the variants are compared byte for byte. The warm
worker's time is also given per page (pages counted by poppler's pdfinfo): WeasyPrint spends
it laying out and painting text, so it follows the length of the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples" / "answers").glob("*.yaml")) + sorted(
    (ROOT / "examples" / "cohort").glob("*.yaml")
)
DAY = "2026-11-22"


def perturb(data: dict, i: int) -> dict:
    rng = random.Random(i)
    data = dict(data)
    data["person"] = {**data.get("person", {}), "name": f"Bench Person {i:03d}"}
    skills = {}
    for key, value in data.get("skills", {}).items():
        if rng.random() < 0.33 and value is not None:
            level = value if isinstance(value, int) else value["level"]
            level = min(4, max(0, level + rng.choice((-1, 1))))
            value = level if isinstance(value, int) else {**value, "level": level}
        skills[key] = value
    data["skills"] = skills
    return data


def make_answers(folder: Path, count: int) -> list[Path]:
    bases = [yaml.safe_load(p.read_text()) for p in EXAMPLES]
    paths = []
    for i in range(count):
        path = folder / f"person-{i:03d}.yaml"
        path.write_text(yaml.safe_dump(perturb(bases[i % len(bases)], i), sort_keys=False))
        paths.append(path)
    return paths


def check_answers(paths: list[Path]) -> None:
    """Fail before timing anything if a generated file is not a valid answers file."""
    from careerpath.answers import load_answers
    from careerpath.catalog import load_catalog

    catalog = load_catalog()
    for path in paths:
        load_answers(path, catalog)


def render(folder: Path, out: Path, jobs: int, executor: str = "process") -> float:
    command = [
        sys.executable,
        "-m",
        "careerpath",
        "report",
        "--batch",
        str(folder),
        "--out-dir",
        str(out),
        "--format",
        "pdf",
        "--jobs",
        str(jobs),
        "--date",
        DAY,
        "--executor",
        executor,
        "--force",
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(
            f"{executor} --jobs {jobs} failed ({done.returncode}):\n{done.stderr}{done.stdout}"
        )
    return seconds


def warm_worker(paths: list[Path], out: Path) -> list[tuple[float, float, int]]:
    """(wall, CPU) seconds and pages per PDF in this process after the worker's warm-up, as a
    pool worker renders them: the templates compiled once, WeasyPrint loaded once."""
    from careerpath import batch

    batch.warm(True)
    out.mkdir()
    times = []
    for path in paths:
        output, when = out / f"{path.stem}.pdf", dt.date.fromisoformat(DAY)
        job = batch.Job(path, output, "pdf", None, when, "a4", False, True, inputs=(path,))
        wall, cpu = time.perf_counter(), time.process_time()
        outcome = batch.render_one(job)
        times.append((time.perf_counter() - wall, time.process_time() - cpu, pages(output)))
        if outcome.error:
            sys.exit(f"{path}: {outcome.error}")
    return times


def pages(pdf: Path) -> int:
    """Pages in a PDF, as poppler's pdfinfo counts them (WeasyPrint compresses its objects)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(int(line.split()[1]) for line in info.stdout.splitlines() if line[:6] == "Pages:")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60, help="reports to render [60]")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds [3]")
    parser.add_argument("--warm", type=int, default=10, help="PDFs timed in a warm worker [10]")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask LocalCluster")
    args = parser.parse_args()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    variants = [("process", 1), ("process", 2)] + ([] if args.no_dask else [("dask", 2)])

    print(
        f"careerpath {version('careerpath')} batch benchmark · {platform.platform()} · "
        f"{platform.processor() or platform.machine()} · {cores} cores available · "
        f"Python {platform.python_version()} · WeasyPrint {version('weasyprint')} · "
        f"Jinja2 {version('jinja2')} · pydantic {version('pydantic')} · "
        f"distributed {version('distributed')}"
    )
    print(f"load average (1, 5, 15 min) before: {load()}")
    seconds: dict[tuple[str, int], list[float]] = {v: [] for v in variants}
    with tempfile.TemporaryDirectory(prefix="careerpath-bench-") as tmp:
        folder = Path(tmp) / "answers"
        folder.mkdir()
        paths = make_answers(folder, args.count)
        check_answers(paths)
        loads = []
        for r in range(args.rounds):
            order = variants if r % 2 == 0 else variants[::-1]
            for executor, jobs in order:
                out = Path(tmp) / f"out-{executor}-{jobs}"
                seconds[(executor, jobs)].append(render(folder, out, jobs, executor))
                loads.append(os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0)
        reference = Path(tmp) / "out-process-1"
        for executor, jobs in variants:
            out = Path(tmp) / f"out-{executor}-{jobs}"
            pdfs = sorted(p.name for p in out.glob("*.pdf"))
            if len(pdfs) != args.count:
                sys.exit(f"{executor} --jobs {jobs}: expected {args.count} PDFs, found {len(pdfs)}")
            for name in pdfs:
                if (out / name).read_bytes() != (reference / name).read_bytes():
                    sys.exit(f"{executor} --jobs {jobs}: {name} differs from --jobs 1's")
        warm = warm_worker(paths[: args.warm], Path(tmp) / "warm")

    same = "every variant wrote the same bytes"
    print(f"{args.count} PDF reports, {args.rounds} interleaved rounds; {same}")
    print(f"1-minute load average after each run: {', '.join(f'{x:.1f}' for x in loads)}")
    print(f"{'engine':>8} {'workers':>7}  {'median s':>8}  {'reports/s':>9}  speed-up vs 1 (range)")
    base = seconds[variants[0]]
    for executor, jobs in variants:
        runs = seconds[(executor, jobs)]
        ratios = [b / t for b, t in zip(base, runs, strict=True)]
        med = statistics.median(runs)
        print(f"{executor:>8} {jobs:>7}  {med:>8.1f}  {args.count / med:>9.2f}  {spread(ratios)}")
    walls, cpus = [w for w, _, _ in warm], [c for _, c, _ in warm]
    per_page, counts = [c / n for _, c, n in warm], [n for *_, n in warm]
    print(
        f"warm worker, {len(warm)} PDFs one after another: {spread(walls)} s wall and "
        f"{spread(cpus)} s CPU per PDF (median, range); {statistics.median(counts):.0f} "
        f"({min(counts)}-{max(counts)}) pages, "
        f"{spread(per_page)} s CPU per page: the time follows the pages"
    )
    print(f"load average (1, 5, 15 min) after: {load()}")


if __name__ == "__main__":
    main()
