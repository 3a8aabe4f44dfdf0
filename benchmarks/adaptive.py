"""Benchmark: the adaptive questionnaire against the full questionnaire (issue 8).

Not a test: a script that prints figures. Run from the repository root:

    python benchmarks/adaptive.py                  # 1,000 profiles, adaptive.PLAUSIBLE_SD
    python benchmarks/adaptive.py --sweep          # also try PLAUSIBLE_SD 0.5, 0.6, 0.8, 1.0
    python benchmarks/adaptive.py --n 2000 --plausible-sd 0.8

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

- full questionnaire: every skill answered, ranked by ``scoring.score_matrix`` and
  ``scoring.rank_order`` (what ``careerpath assess --answers`` ranks);
- adaptive questionnaire: ``adaptive.run(catalog, oracle)``, the oracle answering each
  question with the profile's level (what ``careerpath assess --adaptive --answers``
  replays); its ``top`` is the top three it stopped with.

Printed: mean and 95th percentile of the questions asked (also as % of all questions),
top-1 agreement (same first role), top-3 set agreement (same three roles, any order), and
the goal check: top-1 >= 95%, top-3 >= 90%, mean questions <= 40% of all. Also printed, for
information: how often the ranking that ``assess`` prints after an adaptive session (the
answered skills scored as usual, unanswered ones unknown) agrees with the full one.

Single process, deterministic; about a minute per 1,000 profiles.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass

import numpy as np

from careerpath import adaptive
from careerpath.catalog import load_catalog
from careerpath.scoring import _arrays, rank_order, score_matrix

GOAL_TOP1 = 0.95
GOAL_TOP3 = 0.90
GOAL_SHARE = 0.40
SWEEP = (0.5, 0.6, 0.8, 1.0)


@dataclass
class Result:
    plausible_sd: float
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


def evaluate(catalog, levels: np.ndarray, plausible_sd: float, progress: bool) -> Result:
    """Run the adaptive questionnaire on every profile and compare with the full one."""
    a = _arrays(catalog)
    ids = a.skill_ids
    full = score_matrix(levels, catalog)
    saved = adaptive.PLAUSIBLE_SD
    adaptive.PLAUSIBLE_SD = plausible_sd
    asked, top1, top3, shown1, shown3 = [], 0, 0, 0, 0
    stopped = {"settled": 0, "max-questions": 0, "exhausted": 0}
    start = time.perf_counter()
    try:
        for i, row in enumerate(levels):
            oracle = {s: int(row[j]) for j, s in enumerate(ids)}
            run = adaptive.run(catalog, oracle)
            ranked = rank_order({k: v[i] for k, v in full.items()}, a.role_ids)
            truth = [a.role_ids[r] for r in ranked[: adaptive.TOP]]
            asked.append(run.asked)
            stopped[run.stopped] += 1
            top1 += run.top[0] == truth[0]
            top3 += set(run.top) == set(truth)
            # What `assess` prints after the session: the answered skills, scored as usual.
            part = np.array([[run.answered.get(s, np.nan) for s in ids]], dtype=float)
            shown = rank_order(
                {k: v[0] for k, v in score_matrix(part, catalog).items()}, a.role_ids
            )
            shown_top = [a.role_ids[r] for r in shown[: adaptive.TOP]]
            shown1 += shown_top[0] == truth[0]
            shown3 += set(shown_top) == set(truth)
            if progress and (i + 1) % 100 == 0:
                print(f"  sd {plausible_sd}: {i + 1}/{len(levels)}", file=sys.stderr, flush=True)
    finally:
        adaptive.PLAUSIBLE_SD = saved
    n = len(levels)
    return Result(
        plausible_sd=plausible_sd,
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
    print(f"PLAUSIBLE_SD {r.plausible_sd:g}: {r.n} profiles, {r.seconds:.0f} s")
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
    print("PLAUSIBLE_SD sweep")
    print(
        f"{'sd':>5} {'mean q':>7} {'mean %':>7} {'p95 q':>6} {'p95 %':>6} "
        f"{'top-1':>7} {'top-3':>7}  goal"
    )
    for r in results:
        pct = 100 / r.total
        print(
            f"{r.plausible_sd:>5g} {r.mean:>7.1f} {r.mean * pct:>6.1f}% {r.p95:>6.0f} "
            f"{r.p95 * pct:>5.1f}% {r.top1:>7.1%} {r.top3:>7.1%}  "
            f"{'met' if all(r.goal.values()) else 'not met'}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="profiles to simulate (1000)")
    parser.add_argument("--seed", type=int, default=7, help="simulation seed (7)")
    parser.add_argument("--noise", type=float, default=0.8, help="level noise sd (0.8)")
    parser.add_argument(
        "--plausible-sd",
        type=float,
        default=adaptive.PLAUSIBLE_SD,
        help=f"adaptive.PLAUSIBLE_SD to use ({adaptive.PLAUSIBLE_SD})",
    )
    parser.add_argument(
        "--sweep",
        nargs="?",
        const=",".join(map(str, SWEEP)),
        metavar="SD,SD,...",
        help="also run each PLAUSIBLE_SD (default 0.5,0.6,0.8,1.0) and print a table",
    )
    parser.add_argument("--data", help="catalogue directory (default: the bundled one)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
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
    main_result = evaluate(catalog, levels, args.plausible_sd, not args.quiet)
    report(main_result)
    if args.sweep:
        values = [float(v) for v in args.sweep.split(",") if v.strip()]
        results = []
        for sd in values:
            if sd == args.plausible_sd:
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
