"""Batch throughput: render N PDF reports with `careerpath report --batch`, with 1 and with 2
worker processes, and print seconds and reports/second as a small table.

    python benchmarks/batch.py            # 100 reports, --jobs 1 and 2
    python benchmarks/batch.py --count 20 --jobs 1,2,4

The answers files are made in a temporary folder by copying the examples (examples/answers
and examples/cohort) and perturbing them: every person gets a new name and about a third of
their levels move one step up or down (seeded, so every run renders the same files). Each
measurement is one run of the real command in a fresh process, start-up included.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
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


def render(folder: Path, out: Path, jobs: int) -> float:
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
    ]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"--jobs {jobs} failed ({done.returncode}):\n{done.stderr}{done.stdout}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100, help="reports to render [100]")
    parser.add_argument("--jobs", default="1,2", help="comma-separated process counts [1,2]")
    args = parser.parse_args()
    jobs_list = [int(j) for j in args.jobs.split(",")]
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()

    # Other work on the machine skews the numbers: say how busy it was.
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="careerpath-bench-") as tmp:
        folder = Path(tmp) / "answers"
        folder.mkdir()
        paths = make_answers(folder, args.count)
        check_answers(paths)
        rows = []
        for jobs in jobs_list:
            out = Path(tmp) / f"out-{jobs}"
            seconds = render(folder, out, jobs)
            pdfs = list(out.glob("*.pdf"))
            if len(pdfs) != args.count:
                sys.exit(f"--jobs {jobs}: expected {args.count} PDFs, found {len(pdfs)}")
            rows.append((jobs, seconds, args.count / seconds))

    load = "" if load_before is None else f" · load average {load_before:.1f} before the runs"
    print(
        f"careerpath batch: {args.count} PDF reports · Python {platform.python_version()} · "
        f"{cores} cores available{load}"
    )
    print(f"{'processes':>9}  {'seconds':>8}  {'reports/s':>9}  {'speed-up':>8}")
    for jobs, seconds, rate in rows:
        print(f"{jobs:>9}  {seconds:>8.1f}  {rate:>9.2f}  {rows[0][1] / seconds:>7.2f}x")


if __name__ == "__main__":
    main()
