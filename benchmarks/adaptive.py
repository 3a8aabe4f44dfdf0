"""Benchmark: the adaptive questionnaire against the full questionnaire (issues 8 and 12).

Not a test: a script that prints figures. Run from the repository root:

    python benchmarks/adaptive.py                  # 1,000 profiles, adaptive.STOP_Z
    python benchmarks/adaptive.py --sweep          # also try STOP_Z 1.0, 1.5, 2.0, 2.5
    python benchmarks/adaptive.py --n 2000 --stop-z 2.5
    python benchmarks/adaptive.py --validation     # the people of benchmarks/validation/ too

Profiles. The generator is :func:`careerpath.adaptive.simulate_profiles` (the one the model
is fitted with), called with a different seed (``--seed``, default 7; the model uses
``adaptive.SEED``), so the benchmark's people are not the model's training data:

- pick a role uniformly; with probability 0.3 blend in a second role (a person moving
  between roles);
- seniority s ~ U(0.6, 1.15) scales the levels the role requires; the blended role's
  levels are scaled by 0.7 s and win where they are higher;
- skills outside the role(s) start at a background level drawn from
  {0: 45%, 1: 35%, 2: 15%, 3: 5%};
- Gaussian noise (sd ``--noise``, default 0.8) is added, the result rounded and clipped
  to 0-4. Every skill gets a level: no simulated person skips a question.

For each profile:

- full questionnaire: every skill answered, ranked by ``scoring.measures`` and
  ``scoring.rank_order`` (fit, then readiness: what ``careerpath assess --answers`` ranks);
- adaptive questionnaire: ``adaptive.replay(catalog, oracle)``, the oracle answering each
  question with the profile's level (what ``careerpath assess --adaptive --answers``
  replays); its ``top`` is the top three it stopped with.

Printed: mean and 95th percentile of the questions asked (also as % of all questions),
top-1 agreement (same first role), top-3 set agreement (same three roles, any order), and
the goal check: top-1 >= 97%, top-3 >= 92%, mean questions <= 35% of all. Also printed, for
information: how often the ranking that ``assess`` prints after an adaptive session (the
answered skills scored as usual, the others unknown and estimated) agrees with the full one.

Simulated profiles are drawn from the role files, so they are easier than real people:
``--validation`` also runs the personas built from real job postings
(``benchmarks/validation/``, every unlisted skill answered 0, as ``assess`` reads them).

Single process, deterministic; about a minute per 1,000 profiles.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from careerpath import adaptive
from careerpath.catalog import load_catalog
from careerpath.matrices import role_arrays
from careerpath.models import Answers
from careerpath.profile import Profile
from careerpath.scoring import assess, measures, rank_order

GOAL_TOP1 = 0.97
GOAL_TOP3 = 0.92
GOAL_SHARE = 0.35
SWEEP = (1.0, 1.5, 2.0, 2.5)


@dataclass
class Result:
    stop_z: float
    n: int
    total: int
    asked: np.ndarray
    top1: float
    top3: float
    shown_top1: float
    shown_top3: float
    stopped: dict[str, int]
    seconds: float

    @property
    def mean(self) -> float:
        return float(self.asked.mean())

    @property
    def p95(self) -> float:
        return float(np.percentile(self.asked, 95))

    @property
    def goal(self) -> dict[str, bool]:
        return {
            f"top-1 >= {GOAL_TOP1:.0%}": self.top1 >= GOAL_TOP1,
            f"top-3 >= {GOAL_TOP3:.0%}": self.top3 >= GOAL_TOP3,
            f"mean <= {GOAL_SHARE:.0%} of questions": self.mean <= GOAL_SHARE * self.total,
        }


def evaluate(catalog, levels: np.ndarray, stop_z: float, progress: bool) -> Result:
    """Run the adaptive questionnaire on every profile and compare with the full one."""
    a = role_arrays(catalog)
    ids = a.skill_ids
    full = measures(levels, catalog)
    saved = adaptive.STOP_Z
    adaptive.STOP_Z = stop_z
    asked, top1, top3, shown1, shown3 = [], 0, 0, 0, 0
    stopped = {"settled": 0, "max-questions": 0, "exhausted": 0}
    start = time.perf_counter()
    try:
        for i, row in enumerate(levels):
            oracle = {s: int(row[j]) for j, s in enumerate(ids)}
            run = adaptive.replay(catalog, oracle)
            ranked = rank_order({k: v[i] for k, v in full.items()}, a.role_ids)
            truth = [a.role_ids[r] for r in ranked[: adaptive.TOP]]
            asked.append(run.asked)
            stopped[run.stopped] += 1
            top1 += run.top[0] == truth[0]
            top3 += set(run.top) == set(truth)
            # What `assess` prints after the session: the answered skills, the rest unknown.
            answered = {s: v for s, v in run.answered.items() if v is not None}
            session = Profile(Answers(unlisted="unknown"), answered, rated=frozenset(answered))
            shown_top = [m.role for m in assess(session, catalog).ranking[: adaptive.TOP]]
            shown1 += shown_top[0] == truth[0]
            shown3 += set(shown_top) == set(truth)
            if progress and (i + 1) % 100 == 0:
                print(f"  sd {stop_z}: {i + 1}/{len(levels)}", file=sys.stderr, flush=True)
    finally:
        adaptive.STOP_Z = saved
    n = len(levels)
    return Result(
        stop_z=stop_z,
        n=n,
        total=len(ids),
        asked=np.array(asked),
        top1=top1 / n,
        top3=top3 / n,
        shown_top1=shown1 / n,
        shown_top3=shown3 / n,
        stopped=stopped,
        seconds=time.perf_counter() - start,
    )


def report(r: Result) -> None:
    pct = 100 / r.total
    print(f"STOP_Z {r.stop_z:g}: {r.n} profiles, {r.seconds:.0f} s")
    print(
        f"  questions asked: mean {r.mean:.1f} of {r.total} ({r.mean * pct:.1f}%), "
        f"95th percentile {r.p95:.0f} ({r.p95 * pct:.1f}%), "
        f"min {r.asked.min()}, max {r.asked.max()}"
    )
    print("  stopped: " + ", ".join(f"{k} {v}" for k, v in r.stopped.items()))
    print(f"  top-1 agreement with the full questionnaire:     {r.top1:.1%}")
    print(f"  top-3 set agreement with the full questionnaire: {r.top3:.1%}")
    print(
        "  (for information) ranking `assess` prints after the session, answered skills "
        f"scored as usual: top-1 {r.shown_top1:.1%}, top-3 set {r.shown_top3:.1%}"
    )
    checks = r.goal
    print(
        "  goal: "
        + "; ".join(f"{k} {'met' if ok else 'NOT met'}" for k, ok in checks.items())
        + f" -> {'MET' if all(checks.values()) else 'NOT MET'}"
    )


def sweep_table(results: list[Result]) -> None:
    print()
    print("STOP_Z sweep")
    print(
        f"{'sd':>5} {'mean q':>7} {'mean %':>7} {'p95 q':>6} {'p95 %':>6} "
        f"{'top-1':>7} {'top-3':>7}  goal"
    )
    for r in results:
        pct = 100 / r.total
        print(
            f"{r.stop_z:>5g} {r.mean:>7.1f} {r.mean * pct:>6.1f}% {r.p95:>6.0f} "
            f"{r.p95 * pct:>5.1f}% {r.top1:>7.1%} {r.top3:>7.1%}  "
            f"{'met' if all(r.goal.values()) else 'not met'}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="profiles to simulate (1000)")
    parser.add_argument("--seed", type=int, default=7, help="simulation seed (7)")
    parser.add_argument("--noise", type=float, default=0.8, help="level noise sd (0.8)")
    parser.add_argument(
        "--stop-z",
        type=float,
        default=adaptive.STOP_Z,
        help=f"adaptive.STOP_Z to use ({adaptive.STOP_Z})",
    )
    parser.add_argument(
        "--sweep",
        nargs="?",
        const=",".join(map(str, SWEEP)),
        metavar="SD,SD,...",
        help="also run each STOP_Z (default 1.0,1.5,2.0,2.5) and print a table",
    )
    parser.add_argument("--data", help="catalogue directory (default: the bundled one)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.add_argument(
        "--validation",
        action="store_true",
        help="also run the personas of benchmarks/validation/ (real job postings)",
    )
    args = parser.parse_args(argv)
    if args.seed == adaptive.SEED:
        parser.error(f"--seed must differ from adaptive.SEED ({adaptive.SEED}): the model's data")
    if args.n < 1:
        parser.error("--n must be at least 1")

    catalog = load_catalog(args.data)
    levels, _ = adaptive.simulate_profiles(catalog, args.n, seed=args.seed, noise=args.noise)
    print(
        f"Adaptive vs full questionnaire: {args.n} simulated profiles "
        f"(adaptive.simulate_profiles, seed {args.seed}, noise {args.noise:g}); catalogue "
        f"{catalog.version}: {len(catalog.skills)} skills, {len(catalog.roles)} roles; "
        f"model fitted on {adaptive.SIMULATED} profiles (seed {adaptive.SEED}); "
        f"at least {adaptive.MIN_QUESTIONS} questions."
    )
    adaptive.fitted(catalog)  # fit once, outside the timings
    main_result = evaluate(catalog, levels, args.stop_z, not args.quiet)
    report(main_result)
    if args.validation:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from validity import load_personas

        personas = load_personas()
        real = np.array([[p.skills.get(s, 0) for s in catalog.skills] for p in personas], float)
        print(f"\nValidation personas (benchmarks/validation/, {len(personas)} from postings):")
        report(evaluate(catalog, real, args.stop_z, False))
    if args.sweep:
        values = [float(v) for v in args.sweep.split(",") if v.strip()]
        results = []
        for sd in values:
            if sd == args.stop_z:
                results.append(main_result)
                continue
            result = evaluate(catalog, levels, sd, not args.quiet)
            print()
            report(result)
            results.append(result)
        sweep_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
