"""The index stored as files of arrays (matching.core.stored): mapped back, it scores every
need exactly as the index it was saved from, and it can still change like any index."""

import random
from dataclasses import replace

import numpy as np

from matching.core import OfferingIndex, semantic, stored
from tests.matching.core_data import VOCABULARY, random_need, random_offering
from tests.matching.test_stored_changes import agree

rng = np.random.default_rng(3)


def embedded(item, every: int):
    """Some listings with an embedding, the others without."""
    if item.id % every:
        return item
    return replace(item, embedding=semantic.quantize(rng.standard_normal(semantic.DIMENSIONS)))


def listings(seed: int):
    draw = random.Random(seed)
    offerings = [embedded(random_offering(draw, i), 2) for i in range(1, 41)]
    needs = [embedded(random_need(draw, i), 3) for i in range(1, 16)]
    return offerings, needs


def same_matches(got, expected):
    assert got.keys() == expected.keys()
    for need_id, matches in expected.items():
        assert got[need_id] == matches  # scores to the last bit, reasons, order


def test_a_stored_index_scores_exactly_as_the_one_it_was_saved_from(tmp_path):
    offerings, needs = listings(5)
    index = OfferingIndex(VOCABULARY, offerings)
    stored.save(index, tmp_path)
    loaded = stored.load(tmp_path)
    assert len(loaded) == 40 and 7 in loaded and 99 not in loaded
    assert isinstance(loaded.arrays().offerings.text_by_term.data, np.memmap | np.ndarray)
    same_matches(
        loaded.match_needs(needs, threshold=0, top_k=40),
        index.match_needs(needs, threshold=0, top_k=40),
    )
    subset = {3, 8, 40, 77}
    same_matches(
        loaded.match_needs(needs, threshold=0, offering_ids=subset),
        index.match_needs(needs, threshold=0, offering_ids=subset),
    )


def test_a_stored_index_changes_like_any_other_and_can_be_stored_again(tmp_path):
    offerings, needs = listings(6)
    index = OfferingIndex(VOCABULARY, offerings)
    (tmp_path / "first").mkdir()
    stored.save(index, tmp_path / "first")
    (tmp_path / "again").mkdir()
    stored.save(stored.load(tmp_path / "first"), tmp_path / "again")  # unchanged, as stored
    loaded = stored.load(tmp_path / "again")
    draw = random.Random(9)
    for changing in (index, loaded):
        changing.remove(4)
        changing.upsert(random_offering(draw, 41))
        draw.seed(9)
    assert len(loaded) == len(index) == 40
    # changed, a stored index scores its stored rows with the statistics of now, to 1e-9
    agree(
        loaded.match_needs(needs, threshold=0, top_k=40),
        index.match_needs(needs, threshold=0, top_k=40),
    )
