"""Cohort and team at scale: `careerpath cohort` and `careerpath team` on N generated people,
as N answers files in a folder and as one JSON Lines file, with wall time, CPU time and peak
memory of each run.

    python benchmarks/cohort.py                      # 1,000 and 10,000 people
    python benchmarks/cohort.py --count 100000       # the goal: under 3 minutes and 2 GB
    python benchmarks/cohort.py --count 1000 --jobs 1

The people are drawn from the catalogue's roles (seeded, so every run reads the same files):
most list every skill they know (the rest count as 0, the default), one in five also lists a
few skills with no level (unknown), one in ten writes `unlisted: unknown` and rates only part
of the catalogue. Each measurement is one run of the real command in a fresh process,
start-up included, its output sent to /dev/null. Peak memory is given twice: the largest
single process (the kernel's ru_maxrss of the command and the reader processes it waited
for), and the whole process tree sampled every 50 ms (the command plus its readers at once).
The machine is shared: the load average before and after each run is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def people(count: int, seed: int = 20261201) -> list[dict]:
    """``count`` answers documents, drawn from the role profiles with noise."""
    from careerpath.catalog import load_catalog

    catalog = load_catalog()
    rng = random.Random(seed)
    roles = list(catalog.roles.values())
    skills = list(catalog.skills)
    out = []
    for i in range(count):
        role = rng.choice(roles)
        seniority = rng.uniform(0.6, 1.15)
        levels = {}
        for skill_id in skills:
            need = role.skills[skill_id].level * seniority if skill_id in role.skills else 0.0
            level = round(need + rng.gauss(0, 0.8) + (rng.random() < 0.3))
            if level > 0:
                levels[skill_id] = min(4, level)
        doc: dict = {
            "schema_version": 1,
            "person": {"name": f"Bench Person {i:06d}", "target_role": rng.choice(roles).id},
        }
        kind = rng.random()
        if kind < 0.1:  # rated part of the catalogue; the rest is unknown, not 0
            doc["unlisted"] = "unknown"
            listed = rng.sample(skills, rng.randint(20, 70))
            doc["skills"] = {s: levels.get(s, 0) for s in listed}
        else:
            doc["skills"] = dict(levels)
            if kind < 0.3:  # a few skills listed with no level: unknown
                for s in rng.sample(skills, rng.randint(1, 6)):
                    doc["skills"][s] = None
        out.append(doc)
    return out


def yaml_text(doc: dict) -> str:
    """An answers file as a person would write it (faster than yaml.dump for 100,000)."""
    lines = ["schema_version: 1", "person:"]
    lines += [f"  {k}: {v}" for k, v in doc["person"].items()]
    if "unlisted" in doc:
        lines.append(f"unlisted: {doc['unlisted']}")
    lines.append("skills:")
    lines += [f"  {k}:{'' if v is None else f' {v}'}" for k, v in doc["skills"].items()]
    return "\n".join(lines) + "\n"


def write_inputs(folder: Path, count: int) -> tuple[Path, Path]:
    docs = people(count)
    files = folder / "files"
    files.mkdir()
    for i, doc in enumerate(docs):
        (files / f"person-{i:06d}.yaml").write_text(yaml_text(doc))
    lines = folder / "people.jsonl"
    with lines.open("w") as fh:
        for doc in docs:
            fh.write(json.dumps(doc) + "\n")
    return files, lines


def _tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its children (one level: the reader processes)."""
    total = 0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0
    for p in [str(pid), *children]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def measure(args: list[str]) -> dict:
    """One run of ``careerpath ARGS``: wall and CPU seconds, peak memory, exit status."""
    command = [sys.executable, "-m", "careerpath", *args]
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss(child.pid))

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    err = child.stderr.read() if child.stderr else b""
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    watcher.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"careerpath {' '.join(args)} failed ({child.returncode}):\n{err.decode()}")
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "largest": usage.ru_maxrss * 1024,  # KiB on Linux
        "tree": peak[0],
        "load": (load_before, os.getloadavg()[0]),
    }


def header() -> str:
    from careerpath import __version__

    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        model = platform.processor() or platform.machine()
    libs = " · ".join(
        f"{name} {version(name)}" for name in ("numpy", "scipy", "pydantic", "click", "PyYAML")
    )
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"careerpath {__version__} cohort benchmark · {platform.system()} {platform.machine()}, "
        f"{model}, {cpus} CPUs · Python {platform.python_version()} · {libs}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", default="1000,10000", help="people, comma-separated")
    parser.add_argument("--jobs", type=int, help="reader processes [default: one per CPU]")
    parser.add_argument("--json", action="store_true", help="also time cohort --json")
    args = parser.parse_args()
    counts = [int(c) for c in args.count.split(",")]
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    print(header())
    print()
    print("| people | input | command | wall s | CPU s | largest process MB | tree MB | load |")
    print("|---:|---|---|---:|---:|---:|---:|---|")
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="careerpath-cohort-") as tmp:
            made = time.perf_counter()
            files, lines = write_inputs(Path(tmp), count)
            print(f"<!-- {count:,} people written in {time.perf_counter() - made:.0f} s -->")
            runs = [("cohort", []), ("team", [])]
            if args.json:
                runs.insert(1, ("cohort", ["--json"]))
            for source, label in ((files, "files"), (lines, "jsonl")):
                for command, extra in runs:
                    m = measure([command, str(source), *extra, *jobs])
                    shown = " ".join([command, *extra])
                    print(
                        f"| {count:,} | {label} | {shown} | {m['wall']:.1f} | {m['cpu']:.1f} | "
                        f"{m['largest'] / 1e6:.0f} | {m['tree'] / 1e6:.0f} | "
                        f"{m['load'][0]:.1f} → {m['load'][1]:.1f} |",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
