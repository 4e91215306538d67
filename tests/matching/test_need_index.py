"""One offering against every need (matching.core.need_index): the very scores and reasons
the offering index gives the same pairs, and the stored best K kept as a full re-match."""

import random

import pytest

from matching.core import OfferingIndex, Weights
from matching.core.need_index import NeedIndex, plan
from tests.matching.core_data import VOCABULARY, random_need, random_offering


def assert_same_as_the_offering_index(index, needs, profiles, offering_id, weights):
    column = needs.score_offering(index, offering_id, weights)
    full = index.match_needs(profiles, weights, threshold=0, top_k=len(index))
    found = column.qualifying(0)
    every = {}
    for need_id, matches in full.items():
        expected = next((m for m in matches if m.offering_id == offering_id), None)
        if expected is None:  # a strict need excludes it
            assert need_id not in found
            continue
        assert found[need_id] == expected.score  # equal, not merely close
        assert column.match(need_id) == expected
        every[need_id] = expected
    # Many at once, in any order: the words quoted are found for all of them together.
    backwards = sorted(every, reverse=True)
    assert column.matches(backwards) == [every[need_id] for need_id in backwards]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_one_offering_scores_every_need_exactly_as_the_offering_index(seed):
    rng = random.Random(seed)
    offerings = {i: random_offering(rng, i) for i in range(1, 41)}
    index = OfferingIndex(VOCABULARY, offerings.values())
    needs = NeedIndex(VOCABULARY)
    needs_by_id = {}
    for i in range(1, 61):
        needs_by_id[i] = random_need(rng, i)
        needs.upsert(needs_by_id[i])
    weights = Weights(0.6, 0.25, 0.15)
    for offering_id in (1, 17, 40):
        assert_same_as_the_offering_index(
            index, needs, list(needs_by_id.values()), offering_id, weights
        )
    # After offerings and needs change (IDF moves, the needs are encoded again):
    index.upsert(random_offering(rng, 41))
    index.remove(17)
    needs.remove(5)
    del needs_by_id[5]
    needs_by_id[61] = random_need(rng, 61)
    needs.upsert(needs_by_id[61])
    for offering_id in (1, 41):
        assert_same_as_the_offering_index(
            index, needs, list(needs_by_id.values()), offering_id, weights
        )
    assert needs.score_offering(index, 17, weights) is None


def test_a_new_best_match_pushes_the_kth_out():
    stored = {1: [(10, 80.0), (11, 60.0)], 2: [(10, 90.0), (11, 85.0)], 3: [(10, 70.0)]}
    result = plan(12, {1: 70.0, 2: 50.0, 3: 50.0}, stored, top_k=2)
    assert result.write == [1, 3]  # need 2's best two beat it
    assert result.delete == [(1, 11)]
    assert result.rematch == []


def test_a_tie_goes_to_the_lower_offering_id():
    result = plan(9, {1: 60.0}, {1: [(10, 80.0), (11, 60.0)]}, top_k=2)
    assert result.write == [1] and result.delete == [(1, 11)]
    result = plan(12, {1: 60.0}, {1: [(10, 80.0), (11, 60.0)]}, top_k=2)
    assert result.write == [] and result.delete == []


def test_leaving_a_full_best_k_lets_a_cut_match_back_through_a_full_rematch():
    stored = {1: [(10, 80.0), (11, 60.0)], 2: [(10, 80.0)]}
    result = plan(10, {}, stored, top_k=2)
    assert result.rematch == [1]  # a match cut below 60 may come back
    assert result.delete == [(2, 10)]  # need 2 had room: nothing was cut
    assert result.write == []


def test_falling_below_the_worst_kept_match_of_a_full_need_rematches_it():
    stored = {1: [(10, 80.0), (11, 60.0)]}
    assert plan(10, {1: 59.0}, stored, top_k=2).rematch == [1]
    assert plan(10, {1: 61.0}, stored, top_k=2).write == [1]  # still above every cut one
    assert plan(11, {1: 55.0}, stored, top_k=3).write == [1]  # not full: nothing was cut


def test_one_offering_against_every_need_from_a_stored_index_that_has_changed(tmp_path):
    """A worker's index loaded from a snapshot keeps changes beside its stored arrays: the
    need side scores a stored, a changed and an added offering as a fresh index would."""
    from matching.core import stored

    rng = random.Random(7)
    offerings = {i: random_offering(rng, i) for i in range(1, 31)}
    stored.save(OfferingIndex(VOCABULARY, offerings.values()), tmp_path)
    loaded = stored.load(tmp_path)
    offerings[12] = random_offering(rng, 12)
    offerings[31] = random_offering(rng, 31)
    for offering_id in (12, 31):
        loaded.upsert(offerings[offering_id])
    assert loaded.changes_kept()  # kept beside the stored arrays, not rebuilt
    fresh = OfferingIndex(VOCABULARY, offerings.values())
    needs = NeedIndex(VOCABULARY)
    profiles = [random_need(rng, i) for i in range(1, 41)]
    for profile in profiles:
        needs.upsert(profile)
    weights = Weights(0.6, 0.25, 0.15)
    for offering_id in (3, 12, 31):
        got = needs.score_offering(loaded, offering_id, weights).qualifying(0)
        want = NeedIndex(VOCABULARY)
        for profile in profiles:
            want.upsert(profile)
        expected = want.score_offering(fresh, offering_id, weights).qualifying(0)
        assert got.keys() == expected.keys()
        for need_id, score in expected.items():
            assert got[need_id] == pytest.approx(score, abs=1e-9)
