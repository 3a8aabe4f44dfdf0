"""The development set benchmarks/extraction-dev/ (issue 16) loads and is complete.

Extraction is tuned on this set, never on the held-out benchmarks/extraction/, so the held-out
figures stay honest; benchmarks/extraction-dev/README.md says why. No floors here: only that
every label file is well formed, names catalogue skills and an existing document, and that the
set covers every role (at least two postings each) and every format.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

DEV = ROOT / "benchmarks" / "extraction-dev"
FIELDS = {"document", "kind", "role", "person", "skills", "notes"}


def load_script(name: str, path: Path):
    """A benchmark script as a module (benchmarks/ is no package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def labels() -> list[dict]:
    return [
        yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("labels/*.yaml"))
    ]


def test_the_dev_set_covers_every_role_and_format(catalog, labels):
    postings = [x for x in labels if x["kind"] == "posting"]
    cvs = [x for x in labels if x["kind"] == "cv"]
    per_role = Counter(x["role"] for x in postings)
    assert set(per_role) == set(catalog.roles), per_role
    assert min(per_role.values()) >= 2, per_role
    assert len(postings) >= 18 and len(cvs) >= 10
    for group in (postings, cvs):
        formats = {Path(x["document"]).suffix for x in group}
        assert {".pdf", ".docx", ".md", ".txt"} <= formats, formats
    assert ".html" in {Path(x["document"]).suffix for x in postings}


def test_dev_labels_are_well_formed(catalog, labels):
    names = [x["document"] for x in labels]
    assert len(set(names)) == len(names)
    for x in labels:
        assert set(x) <= FIELDS, (x["document"], set(x) - FIELDS)
        assert (DEV / x["document"]).is_file(), x["document"]
        assert x["kind"] in ("cv", "posting"), x["document"]
        assert (x["kind"] == "posting") == (x.get("role") in catalog.roles), x["document"]
        assert x["skills"] and set(x["skills"]) <= set(catalog.skills), (
            x["document"],
            set(x["skills"]) - set(catalog.skills),
        )
        assert all(level in (1, 2, 3, 4) for level in x["skills"].values()), x["document"]


def test_dev_documents_match_their_sources():
    build = load_script("extraction_build", ROOT / "benchmarks" / "extraction" / "build.py")
    assert build.main(["--check", "--folder", str(DEV)]) == 0
