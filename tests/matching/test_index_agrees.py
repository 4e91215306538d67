"""The vectorised index: it scores every pair as the plain reference does, keeps the
threshold, top-K and order, and bridges the words nonprofits and providers use."""

import gc
import math
import random
from dataclasses import replace

import pytest

from matching.core import (
    CorpusStats,
    OfferingIndex,
    score_pair,
)
from matching.core.reasons import Explainer
from tests.matching.core_data import VOCABULARY, need, offering, random_need, random_offering

# --- The index agrees with the reference ------------------------------------------------


def assert_index_matches_reference(index, offerings, needs, **options):
    stats = index.corpus_stats()
    found = index.match_needs(needs, threshold=0, top_k=len(offerings), **options)
    for wanting in needs:
        by_offering = {match.offering_id: match for match in found[wanting.id]}
        for listed in offerings:
            expected = score_pair(wanting, listed, stats)
            got = by_offering.get(listed.id)
            if got is None:  # only a strictly excluded pair may be missing
                assert wanting.strict and expected.score == 0.0
                continue
            for part in ("score", "need_fit", "interoperability", "cost_fit"):
                assert getattr(got, part) == pytest.approx(getattr(expected, part), abs=1e-9)
            assert got.reasons == expected.reasons


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_scores_every_pair_as_the_reference_does(seed):
    rng = random.Random(seed)
    offerings = [random_offering(rng, i) for i in range(1, 41)]
    needs = [random_need(rng, i) for i in range(1, 16)]
    index = OfferingIndex(VOCABULARY, offerings)
    assert_index_matches_reference(index, offerings, needs, chunk_size=4)


def test_embeddings_read_block_by_block_score_as_the_reference_does(monkeypatch):
    """Offerings' embeddings are widened a block of rows at a time, smaller blocks for a few
    needs (matching.core.blocks): with blocks of 7 and 16 rows over 40 offerings, a need
    alone and needs by the chunk both cross blocks, and both agree with the reference."""
    monkeypatch.setattr("matching.core.blocks.FEW_NEEDS_VECTOR_BLOCK", 7)
    monkeypatch.setattr("matching.core.blocks.VECTOR_BLOCK", 16)
    rng = random.Random(4)
    offerings = [random_offering(rng, i) for i in range(1, 41)]
    needs = [random_need(rng, i) for i in range(1, 13)]
    index = OfferingIndex(VOCABULARY, offerings)
    assert_index_matches_reference(index, offerings, needs, chunk_size=6)
    one_by_one = {n.id: index.match_need(n, threshold=0, top_k=40) for n in needs}
    assert index.match_needs(needs, threshold=0, top_k=40, chunk_size=6) == one_by_one


def test_the_index_still_agrees_after_upserts_and_removals():
    rng = random.Random(7)
    offerings = {i: random_offering(rng, i) for i in range(1, 31)}
    index = OfferingIndex(VOCABULARY, offerings.values())
    needs = [random_need(rng, i) for i in range(1, 11)]
    index.match_needs(needs)  # builds the arrays, so the changes below make them stale
    for offering_id in (3, 4, 5):
        index.remove(offering_id)
        del offerings[offering_id]
    for offering_id in (6, 31, 32):
        offerings[offering_id] = random_offering(rng, offering_id)
        index.upsert(offerings[offering_id])
    index.remove(999)  # unknown: ignored
    assert len(index) == len(offerings) == 29
    assert_index_matches_reference(index, list(offerings.values()), needs)
    independent = CorpusStats.from_offerings(VOCABULARY, offerings.values())
    assert index.corpus_stats().document_frequency == independent.document_frequency


def test_restricting_to_some_offerings_keeps_the_whole_corpus_idf():
    rng = random.Random(11)
    offerings = [random_offering(rng, i) for i in range(1, 21)]
    index = OfferingIndex(VOCABULARY, offerings)
    wanting = random_need(rng, 1)
    everything = {m.offering_id: m for m in index.match_need(wanting, threshold=0, top_k=20)}
    restricted = index.match_need(wanting, threshold=0, top_k=20, offering_ids=[4, 9, 77])
    assert {m.offering_id for m in restricted} <= {4, 9}
    for match in restricted:
        assert match == everything[match.offering_id]


# --- Threshold, top-K, order, exclusion --------------------------------------------------


def test_only_matches_at_or_above_the_threshold_are_returned_best_first():
    rng = random.Random(5)
    index = OfferingIndex(VOCABULARY, [random_offering(rng, i) for i in range(1, 61)])
    wanting = replace(random_need(rng, 1), strict=False)
    everything = index.match_need(wanting, threshold=0, top_k=60)
    threshold = everything[len(everything) // 2].score
    above = index.match_need(wanting, threshold=threshold, top_k=60)
    assert above == [m for m in everything if m.score >= threshold]
    assert [m.score for m in above] == sorted((m.score for m in above), reverse=True)
    assert index.match_need(wanting, threshold=0, top_k=5) == everything[:5]


def test_ties_go_to_the_lower_offering_id_even_at_the_top_k_boundary():
    twins = [offering(i, name="Same", text="identical words") for i in (9, 3, 7, 5, 1)]
    index = OfferingIndex(VOCABULARY, twins)
    found = index.match_need(need(title="identical"), threshold=0, top_k=3)
    assert [m.offering_id for m in found] == [1, 3, 5]


def test_strictly_excluded_offerings_are_never_returned():
    index = OfferingIndex(
        VOCABULARY, [offering(1, regions=frozenset({"UG"})), offering(2, regions=frozenset())]
    )
    found = index.match_need(need(country="KE", strict=True), threshold=0)
    assert [m.offering_id for m in found] == [2]


def test_many_needs_at_once_match_as_one_at_a_time_whatever_the_chunk_size():
    rng = random.Random(9)
    index = OfferingIndex(VOCABULARY, [random_offering(rng, i) for i in range(1, 51)])
    needs = [random_need(rng, i) for i in range(1, 21)]
    one_by_one = {n.id: index.match_need(n, threshold=20, top_k=7) for n in needs}
    assert index.match_needs(needs, threshold=20, top_k=7, chunk_size=3) == one_by_one
    assert index.match_needs(needs, threshold=20, top_k=7, chunk_size=64) == one_by_one


def test_a_bulk_match_runs_without_the_cycle_collector_and_leaves_it_as_it_was(monkeypatch):
    rng = random.Random(9)
    index = OfferingIndex(VOCABULARY, [random_offering(rng, i) for i in range(1, 51)])
    needs = [random_need(rng, i) for i in range(1, 21)]
    collector_on_while_explaining = set()

    class Watching(Explainer):
        def reasons(self, offering, compatibility):
            collector_on_while_explaining.add(gc.isenabled())
            return super().reasons(offering, compatibility)

    monkeypatch.setattr("matching.core.index.Explainer", Watching)
    found = index.match_needs(needs, threshold=0, top_k=7, chunk_size=3)
    assert all(len(matches) == 7 for matches in found.values())
    assert collector_on_while_explaining == {False}
    assert gc.isenabled()
    gc.disable()
    try:
        index.match_needs(needs, threshold=0, top_k=7, chunk_size=3)
        assert not gc.isenabled()  # whoever turned it off turns it back on
    finally:
        gc.enable()


def test_an_empty_index_matches_nothing():
    index = OfferingIndex(VOCABULARY)
    assert (len(index), index.match_need(need(title="anything"))) == (0, [])
    assert index.match_needs([]) == {}


def test_matching_many_needs_requires_saved_needs():
    with pytest.raises(ValueError):
        OfferingIndex(VOCABULARY, [offering()]).match_needs([need(id=None)])


def test_scores_and_parts_stay_in_range():
    rng = random.Random(3)
    index = OfferingIndex(VOCABULARY, [random_offering(rng, i) for i in range(1, 41)])
    for match in index.match_needs([random_need(rng, i) for i in range(1, 11)], threshold=0)[1]:
        assert 0 <= match.score <= 100
        assert all(0 <= part <= 1 for part in (match.need_fit, match.interoperability))
        assert 0 <= match.cost_fit <= 1 and not math.isnan(match.score)


# --- Bridging the vocabulary gap --------------------------------------------------------


def matches_among(offerings, **wanting):
    """What a need with the fields ``wanting`` finds among ``offerings``, best first."""
    return OfferingIndex(VOCABULARY, offerings).match_need(need(**wanting), threshold=0)


@pytest.mark.parametrize(
    ("offerings", "title", "description", "best"),
    [
        (
            {
                "MedChart": "EMR for outpatient practices",
                "FormScan": "Turn paper forms into spreadsheets",
                "Bulk texter": "SMS blasts for shops",
            },
            "Stop keeping patient files on paper",
            "Our clinic still keeps patient records on paper.",
            "MedChart",
        ),
        (
            {
                "ParentPortal": "A parent portal for school fees and grades",
                "Chatterbox": "Two-way messaging platform for NGOs",
                "Ledger": "Bookkeeping for small charities",
            },
            "WhatsApp messages to parents",
            "We want to remind parents about meetings and let them answer.",
            "Chatterbox",
        ),
    ],
    ids=["patient records on paper finds an EHR", "WhatsApp to parents finds two-way messaging"],
)
def test_a_need_in_its_own_words_finds_the_tool_of_another_vocabulary(
    offerings, title, description, best
):
    listed = [
        offering(n, name=name, text=text) for n, (name, text) in enumerate(offerings.items(), 1)
    ]
    found = matches_among(listed, title=title, description=description)
    assert list(offerings)[found[0].offering_id - 1] == best


def test_patient_records_on_paper_are_matched_as_the_same_kind_of_tool():
    found = matches_among(
        [offering(1, name="MedChart", text="EMR for outpatient practices")],
        title="Stop keeping patient files on paper",
        description="Our clinic still keeps patient records on paper.",
    )
    assert found[0].reasons[0]["code"] == "same_kind"
    assert found[0].reasons[0]["categories"][0] == "health-records"


def test_same_kind_names_only_the_categories_an_offering_is_in_not_those_its_uses_mention():
    # A survey tool one of whose uses sends reminders is not a messaging tool: a need for
    # surveys and reminders hears it is the same kind of tool as a survey tool only.
    text = "Collect survey answers offline on phones. Send reminders to field staff."
    surveys = offering(1, name="FieldForms", text=text, categories=frozenset({"surveys"}))
    wanting = {
        "title": "Household survey with reminders",
        "description": "We run a survey of 300 homes and send SMS reminders to the families.",
    }
    reason = matches_among([surveys], **wanting)[0].reasons[0]
    assert reason["code"] == "same_kind"
    assert reason["categories"] == ["surveys"]
    # A tool in no category is of the kinds its own text speaks of.
    unlisted = offering(1, name="FieldForms", text=text)
    reason = matches_among([unlisted], **wanting)[0].reasons[0]
    assert sorted(reason["categories"]) == ["messaging", "surveys"]


def test_what_both_mention_leaves_out_numbers_and_words_of_time():
    # "two-way" and "two schools" share a number, nothing of what the tool does; "stop
    # losing" is how problem-side uses begin ("stop losing patients' paper files").
    found = matches_among(
        [
            offering(
                1,
                name="Chatline",
                text="Two-way WhatsApp chat with parents, every week. "
                "Stop losing track of messages.",
            )
        ],
        title="WhatsApp to parents",
        description="Our two schools want to send WhatsApp messages to parents every week "
        "and stop losing notes.",
    )
    words = found[0].reasons[0]["words"]
    assert "whatsapp" in words
    assert "parents" in words
    assert not {"two", "week", "stop", "losing"} & set(words)
