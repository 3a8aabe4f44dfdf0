"""Shared fixtures. The whole suite runs with network access disabled (pytest-socket, see
pyproject addopts): nothing in careerpath may phone home."""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from careerpath.catalog import load_catalog

# The catalogue cache (catalog_cache.py) of the suite lives in a folder of its own, never the
# user's, shared by every test and subprocess, so most tests run through the cached path.
_CACHE_HOME = tempfile.mkdtemp(prefix="careerpath-test-cache-")
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME
os.environ.pop("CAREERPATH_NO_CACHE", None)

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
PERSONAS = ROOT / "tests" / "fixtures" / "personas"
DATA = ROOT / "data"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# In CI every property test runs the same examples every time (a find must not block whichever
# unrelated change runs next); locally Hypothesis keeps exploring and saves what it finds.
# Each find is then kept as an explicit @example beside its test.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if IN_CI else "dev")


def load_script(name: str, path: Path):
    """A benchmark script as a module (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def catalog():
    return load_catalog(DATA)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled catalogue, to break on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def require_tool(name: str) -> str:
    """Path of an external tool; missing is a failure in CI and a skip elsewhere."""
    path = shutil.which(name)
    if path:
        return path
    if IN_CI:
        pytest.fail(f"{name} is required in CI (CI=true) but is not installed")
    pytest.skip(f"{name} not installed")


def default_sigint() -> None:
    """``preexec_fn`` for a child that a test will interrupt with Ctrl-C (SIGINT): a suite
    started in the background (nohup, some CI runners) ignores SIGINT, children inherit that,
    and Python then installs no KeyboardInterrupt handler at all. Ignored stays ignored
    across exec, the default does not, so the default is restored here."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def long_catalog(catalog, steps: int, hours: float):
    """``catalog`` plus a one-phase Data Engineer -> Data Analyst roadmap of ``steps`` chained
    steps of ``hours`` each (built in memory: no YAML to load), for plans that run for
    decades."""
    import dataclasses

    from careerpath.models import Roadmap

    chain = [
        {
            "id": f"s{i}",
            "title": f"S{i}",
            "teaches": {"r": 2},
            "hours": {"low": hours, "high": hours},
            "prerequisites": [f"s{i - 1}"] if i else [],
        }
        for i in range(steps)
    ]
    roadmap = Roadmap.model_validate(
        {
            "id": "data-engineer-to-data-analyst",
            "title": "A long way",
            "from_role": "data-engineer",
            "to_role": "data-analyst",
            "phases": [
                {
                    "id": "all",
                    "kind": "fundamentals",
                    "title": "All",
                    "goal": "All.",
                    "steps": chain,
                }
            ],
        }
    )
    return dataclasses.replace(catalog, roadmaps={**catalog.roadmaps, roadmap.id: roadmap})


def reference_fit(catalog, levels, role_id: str) -> float:
    """Fit as scoring.py's docstring defines it, by a plain route independent of scoring.py and
    matrices.py: the best of min(z, lambda v) over every candidate lambda (each skill's
    breakpoint z / v, and each bound set's stationary point), checked one by one.

    ``levels``: skill id -> level (every catalogue skill; fractional levels allowed)."""
    import math

    roles = list(catalog.roles.values())
    n_roles = len(roles)

    def distinct(s: str) -> float:
        spread = sum(r.skills[s].importance for r in roles if s in r.skills) / 5
        return 1 + math.log((1 + n_roles) / (1 + spread))

    need = catalog.roles[role_id].skills
    d = {s: distinct(s) for s in catalog.skills}
    v = {s: d[s] * rs.importance * rs.level for s, rs in need.items()}
    z = {s: d[s] * levels[s] for s in catalog.skills}
    off = sum(z[s] ** 2 for s in catalog.skills if s not in need)
    norm_v = math.sqrt(sum(x * x for x in v.values()))

    def cosine(lam: float) -> float:
        y = {s: min(z[s], lam * v[s]) for s in v}
        n = math.sqrt(sum(x * x for x in y.values()) + off)
        return sum(v[s] * y[s] for s in v) / (n * norm_v) if n > 0 else 0.0

    breaks = sorted({z[s] / v[s] for s in v})
    candidates = set(breaks)
    for b in breaks:
        held = [s for s in v if z[s] / v[s] <= b]
        q = sum(v[s] * z[s] for s in held)
        if q > 0:
            candidates.add((sum(z[s] ** 2 for s in held) + off) / q)
    candidates.add(max(breaks, default=0.0) + 1.0)  # every needed skill at the person's level
    candidates.discard(0.0)
    return max((cosine(lam) for lam in candidates), default=0.0)
