"""What the catalogue cache saves: `careerpath assess --answers F`, warm cache vs --no-cache.

    python benchmarks/cache.py [--pairs 15]

Measured as interleaved pairs in one run (one cached run, one uncached run, alternating which
goes first), so drift hits both alike; prints the median of the per-pair ratios and their
spread (half the interquartile range), with the machine and versions. The cache lives in a
temporary XDG_CACHE_HOME, warmed by one untimed run.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ANSWERS = ROOT / "examples" / "answers" / "data-engineer-to-ml.yaml"


def cpu_seconds(argv: list[str], env: dict[str, str]) -> float:
    """CPU time (user + system) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=15)
    args = parser.parse_args()
    import pydantic

    from careerpath import __version__

    print(
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"careerpath {__version__}, pydantic {pydantic.VERSION}"
    )
    base = [sys.executable, "-m", "careerpath"]
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "XDG_CACHE_HOME": home}
        env.pop("CAREERPATH_NO_CACHE", None)
        cached = [*base, "assess", "--answers", str(ANSWERS)]
        uncached = [*base, "--no-cache", "assess", "--answers", str(ANSWERS)]
        cpu_seconds(cached, env)  # warm the cache (and the disk)
        ratios, hot, cold = [], [], []
        for i in range(args.pairs):
            order = (cached, uncached) if i % 2 == 0 else (uncached, cached)
            times = {id(argv): cpu_seconds(argv, env) for argv in order}
            hot.append(times[id(cached)])
            cold.append(times[id(uncached)])
            ratios.append(hot[-1] / cold[-1])
    q1, _, q3 = statistics.quantiles(ratios, n=4)
    print(f"assess --answers, {args.pairs} interleaved pairs (CPU seconds, medians):")
    print(f"  cached   {statistics.median(hot):.3f} s")
    print(f"  uncached {statistics.median(cold):.3f} s")
    print(f"  ratio cached/uncached {statistics.median(ratios):.2f} (spread +-{(q3 - q1) / 2:.2f})")


if __name__ == "__main__":
    main()
