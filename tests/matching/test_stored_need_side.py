"""The need side stored as memory-mapped arrays (matching.core.stored_needs): a process that
loads it scores an offering against every need as the index that stored it does, and needs
changed since are seen."""

import random

import pytest

from matching.core import OfferingIndex, Weights, need_index, stored_needs
from matching.core.need_index import NeedIndex
from tests.matching.core_data import VOCABULARY, random_need, random_offering
from tests.matching.test_need_index import assert_same_as_the_offering_index

WEIGHTS = Weights(0.6, 0.25, 0.15)


def needs_and_offerings(seed):
    rng = random.Random(seed)
    index = OfferingIndex(VOCABULARY, [random_offering(rng, i) for i in range(1, 31)])
    profiles = {i: random_need(rng, i) for i in range(1, 51)}
    needs = NeedIndex(VOCABULARY)
    for profile in profiles.values():
        needs.upsert(profile)
    return rng, index, needs, profiles


@pytest.mark.parametrize("seed", [1, 2])
def test_a_loaded_need_side_scores_as_the_one_that_stored_it(seed, tmp_path):
    rng, index, needs, profiles = needs_and_offerings(seed)
    stored_needs.save(needs, index.arrays(), tmp_path)
    loaded = stored_needs.load(tmp_path, VOCABULARY)
    assert loaded.changes_kept() == 0
    for offering_id in (1, 12, 30):
        column = loaded.score_offering(index, offering_id, WEIGHTS)
        expected = needs.score_offering(index, offering_id, WEIGHTS)
        assert column.qualifying(0) == expected.qualifying(0)
        assert_same_as_the_offering_index(
            index, loaded, list(profiles.values()), offering_id, WEIGHTS
        )


def test_needs_changed_after_storing_are_seen(tmp_path):
    rng, index, needs, profiles = needs_and_offerings(3)
    stored_needs.save(needs, index.arrays(), tmp_path)
    loaded = stored_needs.load(tmp_path, VOCABULARY)
    profiles[7] = random_need(rng, 7)  # edited
    profiles[60] = random_need(rng, 60)  # new
    del profiles[9]  # closed
    for need_id in (7, 60):
        loaded.upsert(profiles[need_id])
    loaded.remove(9)
    index.upsert(random_offering(rng, 31))  # and an offering added since
    assert loaded.changes_kept() == 4  # two stored rows retired, two needs held beside
    assert len(loaded) == len(profiles)
    for offering_id in (2, 31):
        column = loaded.score_offering(index, offering_id, WEIGHTS)
        assert 9 not in column.qualifying(0)
        assert_same_as_the_offering_index(
            index, loaded, list(profiles.values()), offering_id, WEIGHTS
        )


def test_a_need_side_loaded_against_other_lookups_encodes_its_needs_again(tmp_path):
    rng, index, needs, profiles = needs_and_offerings(4)
    stored_needs.save(needs, OfferingIndex(VOCABULARY, []).arrays(), tmp_path)
    loaded = stored_needs.load(tmp_path, VOCABULARY)
    assert_same_as_the_offering_index(index, loaded, list(profiles.values()), 5, WEIGHTS)


def test_needs_scored_a_few_at_a_time_score_as_all_at_once(monkeypatch):
    _, index, needs, profiles = needs_and_offerings(5)
    monkeypatch.setattr(need_index, "NEEDS_PER_PASS", 7)
    assert_same_as_the_offering_index(index, needs, list(profiles.values()), 3, WEIGHTS)
