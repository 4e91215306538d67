"""A stored index that changes (matching.core.changes): after any series of upserts and
removals it scores, ranks and explains every match as an index built from scratch over the
same offerings, and it reads only the stored analyses a change or an answer needs."""

import random
from dataclasses import replace

import pytest

import matching.core.index as index_module
from matching.core import CorpusStats, OfferingIndex, stored
from tests.matching.core_data import VOCABULARY, random_need, random_offering


def agree(got: dict, expected: dict) -> None:
    """Same matches, same reasons, scores within 1e-9, best first; offerings whose scores
    are within 1e-9 of each other may come in either order."""
    assert got.keys() == expected.keys()
    for need_id, matches in expected.items():
        found = got[need_id]
        ids = [m.offering_id for m in matches]
        assert [m.offering_id for m in found] == ids or _tied(found, matches)
        by_id = {m.offering_id: m for m in found}
        for match in matches:
            mine = by_id[match.offering_id]
            for part in ("score", "need_fit", "interoperability", "cost_fit"):
                assert getattr(mine, part) == pytest.approx(getattr(match, part), abs=1e-9)
            assert mine.reasons == match.reasons


def _tied(found, matches) -> bool:
    for mine, theirs in zip(found, matches, strict=True):
        if mine.offering_id != theirs.offering_id and abs(mine.score - theirs.score) > 1e-9:
            return False
    return {m.offering_id for m in found} == {m.offering_id for m in matches}


def loaded_copy(offerings, folder) -> OfferingIndex:
    stored.save(OfferingIndex(VOCABULARY, offerings), folder)
    return stored.load(folder)


def check(changing: OfferingIndex, offerings: dict, needs) -> None:
    fresh = OfferingIndex(VOCABULARY, offerings.values())
    assert len(changing) == len(offerings)
    for top_k in (len(offerings) + 5, 3):
        agree(
            changing.match_needs(needs, threshold=0, top_k=top_k, chunk_size=4),
            fresh.match_needs(needs, threshold=0, top_k=top_k),
        )
    subset = set(list(offerings)[::4]) | {1, 2, 999}
    agree(
        changing.match_needs(needs, threshold=0, offering_ids=subset),
        fresh.match_needs(needs, threshold=0, offering_ids=subset),
    )
    stats = changing.corpus_stats()
    independent = CorpusStats.from_offerings(VOCABULARY, offerings.values())
    assert stats.n_offerings == independent.n_offerings
    assert dict(stats.document_frequency) == independent.document_frequency


def new_kind_of_offering(rng, offering_id):
    """Words, a language and a country no stored offering has."""
    offering = random_offering(rng, offering_id)
    return replace(
        offering,
        text=offering.text + " quokka zephyr wombat",
        languages=frozenset({"hi"}),
        regions=frozenset({"IN"}),
    )


@pytest.mark.parametrize("seed", [1, 2])
def test_a_stored_index_agrees_with_a_fresh_one_after_every_change(tmp_path, seed):
    rng = random.Random(seed)
    offerings = {i: random_offering(rng, i) for i in range(1, 41)}
    needs = [random_need(rng, i) for i in range(1, 13)]
    needs.append(replace(needs[0], id=13, description="quokka wombat", country="IN"))
    index = loaded_copy(offerings.values(), tmp_path)
    steps = [
        ("remove", 5),
        ("upsert", random_offering(rng, 7)),  # a stored offering changed
        ("upsert", new_kind_of_offering(rng, 41)),
        ("upsert", random_offering(rng, 42)),
        ("upsert", new_kind_of_offering(rng, 42)),  # an added one changed again
        ("remove", 41),  # an added one removed
        ("upsert", random_offering(rng, 5)),  # a removed stored one back
        ("remove", 7),
        ("remove", 999),  # unknown: ignored
    ]
    for action, argument in steps:
        if action == "remove":
            index.remove(argument)
            offerings.pop(argument, None)
        else:
            index.upsert(argument)
            offerings[argument.id] = argument
        check(index, offerings, needs)
        assert 7 not in index or 7 in offerings


def test_a_changed_stored_index_stored_again_is_the_fresh_index(tmp_path):
    rng = random.Random(4)
    offerings = {i: random_offering(rng, i) for i in range(1, 31)}
    needs = [random_need(rng, i) for i in range(1, 9)]
    (tmp_path / "first").mkdir()
    index = loaded_copy(offerings.values(), tmp_path / "first")
    index.remove(3)
    del offerings[3]
    offerings[31] = new_kind_of_offering(rng, 31)
    index.upsert(offerings[31])
    index.match_needs(needs)
    (tmp_path / "again").mkdir()
    stored.save(index, tmp_path / "again")
    again = stored.load(tmp_path / "again")
    fresh = OfferingIndex(VOCABULARY, offerings.values())
    assert again.match_needs(needs, threshold=0) == fresh.match_needs(needs, threshold=0)


def test_past_the_limit_of_changes_the_index_is_rebuilt_and_still_agrees(tmp_path, monkeypatch):
    monkeypatch.setattr(index_module, "MAX_CHANGES", 3)
    rng = random.Random(5)
    offerings = {i: random_offering(rng, i) for i in range(1, 21)}
    needs = [random_need(rng, i) for i in range(1, 6)]
    index = loaded_copy(offerings.values(), tmp_path)
    for offering_id in (2, 4, 21, 22, 23):
        offerings[offering_id] = random_offering(rng, offering_id)
        index.upsert(offerings[offering_id])
    check(index, offerings, needs)
    index.remove(1)
    del offerings[1]
    check(index, offerings, needs)


def test_one_change_reads_one_stored_analysis_and_a_query_only_those_it_returns(
    tmp_path, monkeypatch
):
    rng = random.Random(6)
    offerings = [random_offering(rng, i) for i in range(1, 61)]
    needs = [random_need(rng, 1)]
    index = loaded_copy(offerings, tmp_path)
    reads = []
    unpickle = stored.StoredEntries.__getitem__

    def counted(entries, row):
        reads.append(row)
        return unpickle(entries, row)

    monkeypatch.setattr(stored.StoredEntries, "__getitem__", counted)
    index.upsert(random_offering(rng, 10))
    assert len(reads) == 1  # the analysis it replaces, for the document frequencies
    index.remove(11)
    index.upsert(random_offering(rng, 99))
    assert len(reads) == 2
    reads.clear()
    found = index.match_needs(needs, threshold=0, top_k=3)[1]
    assert len(found) == 3
    assert len(reads) <= 3


def test_one_offering_s_arrays_are_those_of_a_fresh_index(tmp_path):
    rng = random.Random(8)
    offerings = {i: random_offering(rng, i) for i in range(1, 31)}
    index = loaded_copy(offerings.values(), tmp_path)
    offerings[31] = new_kind_of_offering(rng, 31)
    index.upsert(offerings[31])
    index.remove(2)
    del offerings[2]
    fresh = OfferingIndex(VOCABULARY, offerings.values())
    assert index.offering_arrays(2) is None and index.offering_arrays(999) is None
    for offering_id in (1, 17, 31):  # stored and unchanged, stored, added
        mine, theirs = index.offering_arrays(offering_id), fresh.offering_arrays(offering_id)
        assert list(mine.offerings.ids) == [offering_id]
        got, expected = mine.offerings.text_by_term, theirs.offerings.text_by_term
        terms = list(theirs.term_columns)
        assert _values(got, list(mine.term_columns)) == pytest.approx(
            _values(expected, terms), abs=1e-12
        )
        assert list(mine.idf[[mine.term_columns[t] for t in terms]]) == pytest.approx(
            list(theirs.idf), abs=1e-12
        )


def _values(text, terms) -> dict:
    """A one-offering TF-IDF column by term."""
    rows, _columns = text.nonzero()
    return {terms[row]: text[row, 0] for row in rows}
