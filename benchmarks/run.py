"""careerpath's cost against its floor: start-up, assess, PDF report and scoring throughput.

    python benchmarks/run.py [--runs 7] [--profiles 100000]

Every ratio is measured as interleaved pairs in one run: the tool once, its floor once, the
order alternating pair by pair (after one untimed warm-up of each, so "cold start" means a fresh
Python process, not a cold disk), and the figure is the median of the per-pair ratios, so drift
and other load hit both sides alike. Processes are timed in CPU seconds (user + system of the
child), calls in wall seconds. Each tool figure stands beside a floor, the least any tool built
on the same libraries could cost:

- start-up:  `careerpath --help`               vs  `python -c "import click"`
- assess:    `careerpath assess --answers F`   vs  `python -c "import click, pydantic"` (the
             goal's floor), vs click and one pydantic model class defined and validated (the
             least any pydantic-validating tool pays: `import pydantic` alone is lazy) and vs
             `python -c "import click, pydantic, numpy"`
- PDF:       `careerpath report -o x.pdf`      vs  WeasyPrint alone rendering the same HTML
             (written by `careerpath report -o x.html`) in a fresh process
- scoring:   scoring.measures (fit and readiness) on N complete random profiles  vs  the
             single matrix product of the right shape: the four level steps of every skill
             (N x 4S) times the kernel's four outputs per role (4S x 4R)

Every ratio is tool / floor (for throughput, floor rate / tool rate): 1.0x is the floor
itself, larger is slower. "spread" is half the interquartile range of the per-pair ratios:
how far to trust the ratio. The header names the machine, Python and library versions.
Nothing here touches the network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import resource
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
# As careerpath's console script does: one BLAS thread (numpy's import is cheaper so).
NUMPY_FLOOR = (
    "import os; os.environ.setdefault('OPENBLAS_NUM_THREADS', '1'); import click, pydantic, numpy"
)
PYDANTIC_IN_USE = (
    "import click\nfrom pydantic import BaseModel\n"
    "class A(BaseModel):\n    x: int\nA.model_validate({'x': 1})"
)


def careerpath() -> list[str]:
    """The installed console script (what a user runs), else the module."""
    script = shutil.which("careerpath")
    return [script] if script else [PY, "-m", "careerpath"]


def run_once(argv: list[str], cwd: Path) -> float:
    """CPU seconds (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(
            f"benchmark command failed ({done.returncode}): {' '.join(argv)}\n"
            f"{done.stderr.decode(errors='replace')}"
        )
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def call_once(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(
    tool: Callable[[], float], floor: Callable[[], float], pairs: int
) -> tuple[list[float], list[float], list[float]]:
    """(tool times, floor times, per-pair ratios), the order alternating pair by pair."""
    tool(), floor()  # warm-up, not counted
    tools, floors = [], []
    for i in range(pairs):
        if i % 2 == 0:
            t = tool()
            f = floor()
        else:
            f = floor()
            t = tool()
        tools.append(t)
        floors.append(f)
    return tools, floors, [t / f for t, f in zip(tools, floors, strict=True)]


def cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def spread(ratios: list[float]) -> str:
    """Half the interquartile range of the per-pair ratios."""
    if len(ratios) < 2:
        return "n/a"
    q1, _, q3 = statistics.quantiles(ratios, n=4)
    return f"±{(q3 - q1) / 2:.2f}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s"


def scoring(n: int, pairs: int) -> tuple[list[float], list[float], list[float], tuple[int, int]]:
    import numpy as np

    from careerpath.catalog import load_catalog
    from careerpath.matrices import flat_steps
    from careerpath.scoring import measures

    catalog = load_catalog()
    skills, roles = len(catalog.skills), len(catalog.roles)
    rng = np.random.default_rng(2027)
    # Complete profiles (unknown levels are estimated one profile at a time, before this).
    levels = rng.integers(0, 5, size=(n, skills)).astype(float)
    steps = flat_steps(levels)
    weights = rng.random((4 * skills, 4 * roles))
    tool, floor, ratios = interleaved(
        lambda: call_once(lambda: measures(levels, catalog)),
        lambda: call_once(lambda: steps @ weights),
        pairs,
    )
    return tool, floor, ratios, (skills, roles)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="interleaved pairs per figure")
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
            tool, floor, ratios = interleaved(
                lambda: run_once(tool_argv, work), lambda: run_once(floor_argv, work), runs
            )
            t, f, r = statistics.median(tool), statistics.median(floor), statistics.median(ratios)
            rows.append((what, ms(t), ms(f), floor_name, f"{r:.2f}x", spread(ratios)))
            print(f"  {what}: {ms(t)} vs {ms(f)}", file=sys.stderr)

        print(f"timing {runs} interleaved pairs of each (plus one warm-up)...", file=sys.stderr)
        pair(
            "start-up: careerpath --help",
            [*cp, "--help"],
            [PY, "-c", "import click"],
            "import click",
        )
        # Both floors: issue 15's goal is against the first; scoring needs numpy, the second.
        pair(
            "assess --answers (example file)",
            [*cp, "assess", "--answers", str(ANSWERS)],
            [PY, "-c", "import click, pydantic"],
            "import click, pydantic",
        )
        # What limits the goal: `import pydantic` alone is lazy; the first model class loads
        # pydantic-core and its schema machinery, which any tool validating with pydantic pays.
        pair(
            "assess --answers (example file)",
            [*cp, "assess", "--answers", str(ANSWERS)],
            [PY, "-c", PYDANTIC_IN_USE],
            "click + one pydantic model validated",
        )
        pair(
            "assess --answers (example file)",
            [*cp, "assess", "--answers", str(ANSWERS)],
            [PY, "-c", NUMPY_FLOOR],
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

    print(f"scoring {args.profiles:,} profiles, {runs} pairs...", file=sys.stderr)
    tool, floor, ratios, (skills, roles) = scoring(args.profiles, runs)
    t, f = statistics.median(tool), statistics.median(floor)
    rows.append(
        (
            f"scoring {args.profiles:,} profiles",
            per_second(args.profiles, t),
            per_second(args.profiles, f),
            f"numpy ({args.profiles:,}x{4 * skills}) @ ({4 * skills}x{4 * roles})",
            f"{statistics.median(ratios):.2f}x",
            spread(ratios),
        )
    )

    from importlib.metadata import version

    from careerpath import __version__

    libs = " · ".join(
        f"{name} {version(name)}" for name in ("click", "pydantic", "numpy", "jinja2", "weasyprint")
    )
    when = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    print(
        f"careerpath {__version__} benchmarks · {when} · Python {platform.python_version()} · "
        f"{libs} · {cpu()} · {os.cpu_count()} CPUs · "
        f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}"
    )
    print(
        f"{runs} interleaved pairs per figure; ratio = median of tool / floor per pair "
        "(1.0x = the floor itself); times are medians (CPU seconds for processes)\n"
    )
    headers = ("measure", "careerpath", "floor", "floor is", "ratio", "spread")
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    right = {1, 2, 4, 5}

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
