"""The ranking against personas built from real job postings (issue 12, point 6).

The validation set (benchmarks/validation/) is made by hand from public sources and never from
the role files; benchmarks/validity.py prints the full figures. This file holds the floors, so
that a catalogue or scoring change that breaks matching fails CI.

The issue's goal is top-1 >= 90% and top-2 >= 98%. It is NOT met. Measured with catalogue
2026.12.8 and the shape fit, as written: 79.7% / 96.9% on all 256 personas; 68.3% / 95.2% on
the first collection (13 frameworks, 50 postings); 87.2% / 98.7% on the 156 postings
collected on 2026-12-02 and 67.6% / 91.9% on the 37 collected on 2026-12-04, both after the
role files were fixed (held out by construction). The floors are those figures less about
one persona, so they guard against regressions without claiming the goal. What limits it is
the data: employers' titles and texts overlap (analytics-flavoured "Data Scientist"
postings, MLOps postings that read as ML engineering), and a classifier trained on the
training postings only to tell the roles apart stays below the goal too (85.2% / 96.5% on
the 256; benchmarks/validity.py prints it).
"""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import validity

FLOOR_TOP1 = 0.79  # all 256: 204 first, 248 in the first two
FLOOR_TOP2 = 0.965
FIRST_COLLECTION_TOP1 = 0.66  # its 63: 43 first, 60 in the first two
FIRST_COLLECTION_TOP2 = 0.93
# 5-fold cross-validation on the 138 training postings: 81.9% / 92.8% measured.
FLOOR_CV_TOP1 = 0.80
FLOOR_CV_TOP2 = 0.91
# Other level rules (validity.LEVEL_RULES): 77.0-81.6% / 94.5-96.9% measured.
FLOOR_RELEVELLED_TOP1 = 0.76
FLOOR_RELEVELLED_TOP2 = 0.94


@pytest.fixture(scope="module")
def personas(catalog):
    return validity.load_personas()


@pytest.fixture(scope="module")
def results(catalog, personas):
    return {r.name: r for r in validity.results(catalog, personas)}


def test_the_validation_set_is_big_enough_and_traceable(catalog, personas):
    assert len(personas) >= 54
    per_role = Counter(p.role for p in personas)
    assert set(per_role) == set(catalog.roles)
    assert min(per_role.values()) >= 6, per_role
    urls = [p.source.url for p in personas]
    assert len(set(urls)) == len(urls)  # one source, one persona
    for p in personas:
        assert set(p.skills) <= set(catalog.skills), p.id
        assert all(0 <= v <= 4 for v in p.skills.values()), p.id


@pytest.mark.parametrize("variant", validity.FLOORED)
def test_ranking_holds_its_floor_on_real_postings(results, variant):
    r = results[variant]
    assert r.top1 >= FLOOR_TOP1, (r.top1, r.misses)
    assert r.top2 >= FLOOR_TOP2, (r.top2, r.misses)


@pytest.mark.parametrize("variant", validity.FLOORED)
def test_ranking_holds_its_floor_on_the_first_collection(results, personas, variant):
    """The harder first collection (frameworks among them) must not be traded for the rest."""
    r = results[variant]
    first = [p for p in personas if not p.collected]
    assert len(first) == 63
    missed = {m[0] for m in r.misses}
    top1 = sum(p.id not in missed for p in first) / len(first)
    top2 = sum(p.id not in r.outside_two for p in first) / len(first)
    assert top1 >= FIRST_COLLECTION_TOP1, top1
    assert top2 >= FIRST_COLLECTION_TOP2, top2


def test_the_later_collections_were_written_after_the_role_files_were_fixed(personas):
    """Held out by construction: each says when it was written, and only postings."""
    later = Counter(p.collected for p in personas if p.collected)
    assert later == {"2026-12-02": 156, "2026-12-04": 37}
    assert {p.source.kind for p in personas if p.collected} == {"posting"}


def test_ranking_holds_its_floor_in_cross_validation_on_the_training_postings(catalog):
    # Profiles calibrated on four folds rank the fifth: the method, not one set of role files.
    import calibrate

    training = validity.load_personas(calibrate.TRAINING)
    seeds = calibrate.seed_profiles()
    top1, top2 = calibrate.cross_validate(catalog, training, seeds, calibrate.ALPHA, 5)
    assert top1 >= FLOOR_CV_TOP1, top1
    assert top2 >= FLOOR_CV_TOP2, top2


@pytest.mark.parametrize("rule", list(validity.LEVEL_RULES))
def test_ranking_does_not_lean_on_our_level_rule(catalog, personas, rule):
    """Whoever builds personas from postings sets levels by a rule of their own: the ranking
    must hold when every named skill sits a level higher, lower, or all at one level."""
    moved = validity.relevelled(personas, validity.LEVEL_RULES[rule])
    assert any(m.skills != p.skills for m, p in zip(moved, personas, strict=True))
    r = validity.evaluate(moved, catalog, rule, lambda p: validity.ranked(p, catalog, "as written"))
    assert r.top1 >= FLOOR_RELEVELLED_TOP1, r.top1
    assert r.top2 >= FLOOR_RELEVELLED_TOP2, r.top2


def test_unlisted_skills_mean_zero_so_both_variants_agree(catalog, personas):
    for p in personas:
        assert validity.ranked(p, catalog, "as written") == validity.ranked(
            p, catalog, "explicit zeros"
        ), p.id


def test_role_profiles_are_distinct(catalog):
    ids, cos = validity.role_cosines(catalog)
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            if i < j:
                assert cos[i, j] <= 0.65, (a, b, round(float(cos[i, j]), 3))


def test_every_catalogue_skill_is_used_by_some_role(catalog):
    used = {s for role in catalog.roles.values() for s in role.skills}
    assert set(catalog.skills) - used == set()


@pytest.fixture(scope="module")
def training():
    import calibrate

    return calibrate.load_personas(calibrate.TRAINING)


def test_the_role_files_are_what_calibrate_makes_of_the_seeds_and_the_training_postings(
    catalog, training
):
    """A training posting added without a calibration run, or a role file edited by hand, would
    leave the profiles out of step with what benchmarks/calibrate.py documents."""
    import calibrate

    profiles = calibrate.calibrated(catalog, training, calibrate.seed_profiles())
    for role_id, role in catalog.roles.items():
        have = {s: (rs.importance, rs.level, rs.essential) for s, rs in role.skills.items()}
        assert have == profiles[role_id], role_id


def test_training_and_validation_share_no_posting(personas, training):
    assert len(training) >= 130
    assert {p.source.url for p in training}.isdisjoint(p.source.url for p in personas)
    assert len({p.source.url for p in training}) == len(training)
