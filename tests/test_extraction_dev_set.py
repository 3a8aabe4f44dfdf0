"""The development set benchmarks/extraction-dev/ (issue 16) loads and is complete.

Extraction is tuned on this set, never on the held-out benchmarks/extraction/, so the held-out
figures stay honest; benchmarks/extraction-dev/README.md says why. No floors here: only that
the label files load with the benchmark's own model (``Labels`` of benchmarks/extraction.py),
name catalogue skills and existing documents, cover every role (two postings or more each) and
every format, that the generated documents match their sources, and that the benchmark reads
every document of the set.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT, load_script

DEV = ROOT / "benchmarks" / "extraction-dev"
bench = load_script("extraction_benchmark_dev", ROOT / "benchmarks" / "extraction.py")


@pytest.fixture(scope="module")
def labels():
    return bench.load_labels(DEV / "labels")


def test_the_dev_set_covers_every_role_and_format(catalog, labels):
    postings = [x for x in labels if x.kind == "posting"]
    cvs = [x for x in labels if x.kind == "cv"]
    per_role = Counter(x.role for x in postings)
    assert set(per_role) == set(catalog.roles), per_role
    assert min(per_role.values()) >= 2, per_role
    assert len(postings) >= 18 and len(cvs) >= 10
    for group in (postings, cvs):
        formats = {Path(x.document).suffix for x in group}
        assert {".pdf", ".docx", ".md", ".txt"} <= formats, formats
    assert ".html" in {Path(x.document).suffix for x in postings}


def test_dev_labels_name_catalogue_skills_and_documents_of_the_dev_set(catalog, labels):
    names = [x.document for x in labels]
    assert len(set(names)) == len(names)
    for x in labels:
        assert x.path == DEV / x.document and x.path.is_file(), x.document
        assert set(x.skills) <= set(catalog.skills), (
            x.document,
            set(x.skills) - set(catalog.skills),
        )
        assert x.role is None or x.role in catalog.roles, x.document


def test_dev_documents_match_their_sources():
    build = load_script("extraction_build", ROOT / "benchmarks" / "extraction" / "build.py")
    assert build.main(["--check", "--folder", str(DEV)]) == 0


def test_the_benchmark_scores_the_dev_set(catalog, labels):
    # Every document reads (a PDF with a text layer, a DOCX, a saved page) and is counted.
    by_kind = bench.by_kind(bench.evaluate(catalog, labels))
    assert by_kind["CVs"].documents == sum(x.kind == "cv" for x in labels)
    assert by_kind["postings"].documents == sum(x.kind == "posting" for x in labels)
    labelled = sum(len(x.skills) for x in labels)
    f = by_kind["all"]
    assert f.true_positives + f.false_negatives == labelled
