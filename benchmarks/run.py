"""careerpath's cost against its floor: start-up, assess, PDF report and scoring throughput.

    python benchmarks/run.py [--runs 7] [--profiles 100000]

Every figure is the median of --runs runs (after one untimed warm-up run, so that the disk
cache is warm and "cold start" means a fresh Python process, not a cold disk). Each tool
figure stands beside a floor, the least any tool built on the same libraries could cost:

- start-up:  `careerpath --help`               vs  `python -c "import click"`
- assess:    `careerpath assess --answers F`   vs  `python -c "import click, pydantic, numpy"`
- PDF:       `careerpath report -o x.pdf`      vs  WeasyPrint alone rendering the same HTML
             (written by `careerpath report -o x.html`) in a fresh process
- scoring:   scoring.measures (fit and readiness) on N complete random profiles  vs  one numpy
             product of that shape

Every ratio is tool time / floor time (for throughput, floor rate / tool rate): 1.0x is the
floor itself, larger is slower. "spread" is half the range of the tool's runs around their
median: how far to trust one figure. Compare tables run to run on the same machine; across
machines only the ratios mean much. Nothing here touches the network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "examples" / "answers" / "data-engineer-to-ml.yaml"
PY = sys.executable


def careerpath() -> list[str]:
    """The installed console script (what a user runs), else the module."""
    script = shutil.which("careerpath")
    return [script] if script else [PY, "-m", "careerpath"]


def run_once(argv: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(
            f"benchmark command failed ({done.returncode}): {' '.join(argv)}\n"
            f"{done.stderr.decode(errors='replace')}"
        )
    return elapsed


def timed(fn: Callable[[], float], runs: int) -> list[float]:
    fn()  # warm-up, not counted
    return [fn() for _ in range(runs)]


def process_times(argv: list[str], cwd: Path, runs: int) -> list[float]:
    return timed(lambda: run_once(argv, cwd), runs)


def call_times(fn: Callable[[], object], runs: int) -> list[float]:
    def once() -> float:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start

    return timed(once, runs)


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def spread(samples: list[float]) -> str:
    """Half the range of the runs, in percent of their median."""
    mid = statistics.median(samples)
    return f"±{(max(samples) - min(samples)) / 2 / mid * 100:.0f}%"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s"


def scoring(n: int, runs: int) -> tuple[list[float], list[float], tuple[int, int]]:
    import numpy as np

    from careerpath.catalog import load_catalog
    from careerpath.scoring import measures

    catalog = load_catalog()
    skills, roles = len(catalog.skills), len(catalog.roles)
    rng = np.random.default_rng(2027)
    # Complete profiles (unknown levels are estimated one profile at a time, before this).
    levels = rng.integers(0, 5, size=(n, skills)).astype(float)
    tool = call_times(lambda: measures(levels, catalog), runs)
    dense = levels
    weights = rng.random((skills, roles))
    floor = call_times(lambda: dense @ weights, runs)
    return tool, floor, (skills, roles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per figure (median)")
    parser.add_argument("--profiles", type=int, default=100_000, help="profiles to score")
    args = parser.parse_args()
    if args.runs < 1 or args.profiles < 1:
        parser.error("--runs and --profiles must be at least 1")
    runs = args.runs
    cp = careerpath()

    rows: list[tuple[str, str, str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="careerpath-bench-") as tmp:
        work = Path(tmp)

        def pair(what: str, tool_argv: list[str], floor_argv: list[str], floor_name: str):
            tool = process_times(tool_argv, work, runs)
            floor = process_times(floor_argv, work, runs)
            t, f = statistics.median(tool), statistics.median(floor)
            rows.append((what, ms(t), spread(tool), ms(f), floor_name, f"{t / f:.1f}x"))
            print(f"  {what}: {ms(t)} vs {ms(f)}", file=sys.stderr)

        print(f"timing {runs} runs of each (plus one warm-up)...", file=sys.stderr)
        pair(
            "start-up: careerpath --help",
            [*cp, "--help"],
            [PY, "-c", "import click"],
            "import click",
        )
        pair(
            "assess --answers (example file)",
            [*cp, "assess", "--answers", str(ANSWERS)],
            [PY, "-c", "import click, pydantic, numpy"],
            "import click, pydantic, numpy",
        )
        report = [*cp, "report", "-a", str(ANSWERS), "--date", "2027-01-04", "--force"]
        subprocess.run([*report, "-o", "x.html"], cwd=work, check=True, capture_output=True)
        pair(
            "report -o x.pdf",
            [*report, "-o", "x.pdf"],
            [PY, "-c", "from weasyprint import HTML; HTML(filename='x.html').write_pdf('y.pdf')"],
            "WeasyPrint, same HTML",
        )

    print(f"scoring {args.profiles:,} profiles, {runs} runs...", file=sys.stderr)
    tool, floor, (skills, roles) = scoring(args.profiles, runs)
    t, f = statistics.median(tool), statistics.median(floor)
    rows.append(
        (
            f"scoring {args.profiles:,} profiles",
            per_second(args.profiles, t),
            spread(tool),
            per_second(args.profiles, f),
            f"numpy ({args.profiles:,}x{skills}) @ ({skills}x{roles})",
            f"{t / f:.1f}x",
        )
    )

    import numpy as np

    from careerpath import __version__

    when = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(
        f"careerpath {__version__} benchmarks · {when} · Python {platform.python_version()} · "
        f"numpy {np.__version__} · {cpu()} · {os.cpu_count()} CPUs · "
        f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}"
    )
    print(f"median of {runs} runs; ratio = tool / floor in time (1.0x = the floor itself)\n")
    headers = ("measure", "careerpath", "spread", "floor", "floor is", "ratio")
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    right = {1, 2, 3, 5}

    def line(cells) -> str:
        return "  ".join(
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


if __name__ == "__main__":
    main()
