"""The matching core: the rules by hand-worked examples, their properties, and the
vectorised index agreeing with the plain per-pair reference. No database involved."""

import math
import random
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.core import (
    CorpusStats,
    NeedProfile,
    OfferingIndex,
    OfferingProfile,
    PhraseSpotter,
    Vocabulary,
    Weights,
    cost_fit,
    score_pair,
    stem,
    stems,
)

VOCABULARY = Vocabulary(
    category_names={
        "health-records": "Health records",
        "messaging": "Messaging",
        "surveys": "Data collection & surveys",
        "learning": "Learning",
    },
    category_terms={
        "health-records": ["ehr", "emr", "patient records", "medical records"],
        "messaging": ["sms", "whatsapp", "two-way messaging", "text messages", "reminders"],
        "surveys": ["survey", "questionnaire", "paper forms"],
        "learning": ["school", "lessons", "parent portal"],
    },
    system_names={
        "google-sheets": "Google Sheets",
        "whatsapp-business": "WhatsApp Business",
        "kobotoolbox": "KoboToolbox",
        "tally": "Tally",
    },
    system_terms={
        "google-sheets": ["google sheets"],
        "whatsapp-business": ["whatsapp"],
        "kobotoolbox": ["kobo", "kobotoolbox"],
        "tally": ["tally"],
    },
    system_standards={
        "google-sheets": frozenset({"csv", "rest-api"}),
        "whatsapp-business": frozenset({"rest-api"}),
        "kobotoolbox": frozenset({"xforms", "csv"}),
        "tally": frozenset(),
    },
    standard_names={"csv": "CSV", "rest-api": "REST API", "xforms": "XForms", "fhir": "FHIR"},
    data_export_standards=frozenset({"csv", "rest-api"}),
    language_names={"en": "English", "sw": "Swahili", "fr": "French"},
    country_names={"KE": "Kenya", "UG": "Uganda"},
)


def offering(offering_id: int = 1, **fields) -> OfferingProfile:
    defaults = {"name": f"Tool {offering_id}", "text": "", "pricing_model": "free_open_source"}
    return OfferingProfile(id=offering_id, **{**defaults, **fields})


def need(**fields) -> NeedProfile:
    return NeedProfile(**{"id": 1, "title": "", "description": "", **fields})


def score(need_profile: NeedProfile, offering_profile: OfferingProfile, *corpus, **options):
    """The reference score of a pair, with IDF over the pair's offering and `corpus`."""
    stats = CorpusStats.from_offerings(VOCABULARY, [offering_profile, *corpus])
    return score_pair(need_profile, offering_profile, stats, **options)


# --- Text ------------------------------------------------------------------------------


def test_stemming_joins_forms_of_one_word():
    assert stem("messages") == stem("messaging") == stem("message")
    assert stem("donation") == stem("donate") == stem("donations")
    assert stem("organisation") == stem("organizing")
    assert stem("mapping") == stem("maps")


def test_phrases_are_found_on_whole_words_in_any_inflection():
    spotter = PhraseSpotter({"messaging": ["sms", "text messages"]})
    assert spotter.spot(stems("We send SMS and text-messaging alerts")) == {"messaging": 2}
    assert spotter.spot(stems("our SMSC gateway")) == {}


# --- need_fit ------------------------------------------------------------------------


def test_text_relevance_saturates_the_cosine():
    # Need: "alpha" (title, counted twice). Offering: "alpha beta"; both words have the
    # same IDF, so the cosine is 1/√2 and relevance = ½ / (½ + 0.15²).
    result = score(need(title="alpha"), offering(name="alpha", text="beta"), offering(2))
    assert result.need_fit == pytest.approx(0.5 / (0.5 + 0.15**2), abs=1e-12)


# A need that chose "learning" and an offering listed in it, sharing nothing else: the
# concept term is half of the offering's two-term vector (N = 1, every IDF is 1), so the
# cosine is 1/√2, and need_fit = 0.4 × 1 + 0.6 × relevance(1/√2).
SHARED_CATEGORY_ONLY = 0.4 + 0.6 * 0.5 / (0.5 + 0.15**2)


def test_a_shared_category_counts_for_forty_percent_and_as_a_shared_concept():
    result = score(need(category="learning"), offering(categories=frozenset({"learning"})))
    assert result.need_fit == pytest.approx(SHARED_CATEGORY_ONLY)


def test_a_category_only_spotted_in_the_offering_counts_half():
    # "questionnaire" spots the surveys category: strength 0.5; the offering's vector is
    # pad, questionnaire and the concept, so the cosine is 1/√3.
    result = score(need(category="surveys"), offering(name="Pad", text="questionnaire"))
    assert result.need_fit == pytest.approx(0.4 * 0.5 + 0.6 * (1 / 3) / (1 / 3 + 0.15**2))


def test_unrelated_texts_fit_close_to_nothing():
    result = score(
        need(title="Track rainfall", description="Weather station readings for farmers"),
        offering(name="Ledger", text="Double entry bookkeeping and invoices for shops"),
        offering(2, name="Rain gauge", text="rainfall weather station farmers"),
    )
    assert result.need_fit < 0.1


def test_deployment_language_and_region_mismatches_each_lower_need_fit():
    listed = offering(
        categories=frozenset({"learning"}),
        deployments=frozenset({"cloud"}),
        languages=frozenset({"en"}),
        regions=frozenset({"UG"}),
    )
    wanting = need(
        category="learning",
        deployment="offline_mobile",
        languages=frozenset({"en", "sw"}),
        country="KE",
    )
    # × 0.6 (deployment) × (1 − 0.4 × ½ of the languages missing) × 0.6 (region)
    assert score(wanting, listed).need_fit == pytest.approx(SHARED_CATEGORY_ONLY * 0.6 * 0.8 * 0.6)


def test_unknown_deployments_languages_and_worldwide_regions_never_lower_need_fit():
    wanting = need(
        category="learning", deployment="self_hosted", languages=frozenset({"sw"}), country="KE"
    )
    listed = offering(categories=frozenset({"learning"}))
    assert score(wanting, listed).need_fit == pytest.approx(SHARED_CATEGORY_ONLY)


def test_a_strict_need_excludes_a_mismatch_instead():
    wanting = need(category="learning", country="KE", strict=True)
    result = score(wanting, offering(categories=frozenset({"learning"}), regions=frozenset({"UG"})))
    assert (result.score, result.need_fit) == (0.0, 0.0)
    assert {"code": "not_offered_region", "country": "KE"} in result.reasons


# --- interoperability ------------------------------------------------------------------


def test_interoperability_counts_direct_and_standard_bridged_systems():
    # Google Sheets directly (1), KoboToolbox through XForms (0.7), Tally not at all (0);
    # no data-export standard: 0.9 × 1.7 / 3.
    listed = offering(systems=frozenset({"google-sheets"}), standards=frozenset({"xforms"}))
    wanting = need(systems=frozenset({"google-sheets", "kobotoolbox", "tally"}))
    assert score(wanting, listed).interoperability == pytest.approx(0.9 * 1.7 / 3)


def test_open_data_export_earns_a_small_credit():
    wanting = need(systems=frozenset({"tally"}))
    assert score(wanting, offering(standards=frozenset({"csv"}))).interoperability == 0.1


def test_organisation_systems_count_at_lower_weight_when_none_are_required():
    listed = offering(systems=frozenset({"google-sheets"}))
    wanting = need(org_systems=frozenset({"google-sheets", "tally"}))
    assert score(wanting, listed).interoperability == pytest.approx(0.5 + 0.4 * 0.5)


def test_without_any_systems_interoperability_is_neutral_plus_export():
    assert score(need(), offering()).interoperability == 0.5
    export = score(need(), offering(standards=frozenset({"rest-api"})))
    assert export.interoperability == pytest.approx(0.6)


# --- cost_fit --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pricing", "monthly", "setup", "budget", "expected"),
    [
        ("free_open_source", None, 5000.0, {"free_only": True}, 1.0),
        ("paid", None, None, {"monthly_budget": 100.0}, 0.3),
        ("paid", 100.0, None, {"monthly_budget": 125.0}, 1.0),  # 1,200 within 1,500
        ("paid", 150.0, None, {"monthly_budget": 125.0}, 0.8),  # 1,800 is 1.2 × 1,500
        ("paid", 100.0, 600.0, {"monthly_budget": 125.0}, 0.8),  # setup counts in the year
        ("paid", 300.0, None, {"monthly_budget": 125.0}, 0.0),  # over twice the budget
        ("freemium", 0.0, None, {"free_only": True}, 1.0),
        ("freemium", 10.0, None, {"free_only": True}, 0.0),
        ("paid", 100.0, 1500.0, {"monthly_budget": 125.0, "one_off_budget": 1000.0}, 0.5),
        ("paid", 100.0, 500.0, {"monthly_budget": 125.0, "one_off_budget": 1000.0}, 1.0),
        ("paid", 100.0, None, {}, 0.8),  # no budget given: a gentle default
        ("nonprofit_discount", 0.0, None, {}, 1.0),
    ],
)
def test_cost_fit_compares_the_yearly_cost_with_the_budget(
    pricing, monthly, setup, budget, expected
):
    listed = offering(pricing_model=pricing, nonprofit_monthly_price=monthly, setup_cost=setup)
    assert cost_fit(need(**budget), listed) == pytest.approx(expected)


# --- Reasons ---------------------------------------------------------------------------


def test_reasons_name_integrations_bridges_and_gaps():
    listed = offering(systems=frozenset({"google-sheets"}), standards=frozenset({"xforms"}))
    wanting = need(systems=frozenset({"google-sheets", "kobotoolbox", "tally"}))
    assert {
        "code": "integrates",
        "systems": ["Google Sheets"],
        "through": [["KoboToolbox", "XForms"]],
        "missing": ["Tally"],
    } in score(wanting, listed).reasons


def test_reasons_name_which_systems_in_use_it_works_with():
    listed = offering(systems=frozenset({"tally"}), standards=frozenset({"xforms"}))
    wanting = need(org_systems=frozenset({"google-sheets", "kobotoolbox", "tally"}))
    assert {
        "code": "works_with_in_use",
        "systems": ["KoboToolbox", "Tally"],
        "missing": ["Google Sheets"],
    } in score(wanting, listed).reasons


def test_reasons_put_the_yearly_cost_against_the_budget():
    listed = offering(pricing_model="paid", nonprofit_monthly_price=100.0)
    reasons = score(need(monthly_budget=125.0), listed).reasons
    assert {
        "code": "cost_yearly",
        "amount": 1200,
        "currency": "USD",
        "budget": 1500,
        "verdict": "within",
    } in reasons
    unlisted = offering(pricing_model="paid", nonprofit_monthly_price=None)
    assert {"code": "price_not_listed"} in score(need(monthly_budget=125.0), unlisted).reasons


def test_reasons_show_the_category_and_the_shared_words_in_the_needs_own_words():
    wanting = need(title="Household survey", description="Volunteers work offline")
    listed = offering(name="FieldPad", text="Offline surveys on phones")
    first = score(wanting, listed, offering(2, text="unrelated words")).reasons[0]
    assert first == {"code": "same_kind", "categories": ["surveys"], "words": ["survey", "offline"]}


def test_reasons_name_missing_languages():
    listed = offering(languages=frozenset({"en"}))
    reasons = score(need(languages=frozenset({"sw"})), listed).reasons
    assert {"code": "not_offered_language", "languages": ["sw"]} in reasons


def test_reasons_come_heaviest_weighted_part_first():
    listed = offering(categories=frozenset({"learning"}))
    default = score(need(category="learning"), listed).reasons
    assert [reason["code"] for reason in default] == ["same_kind", "no_export", "free_open_source"]
    assert default[0] == {"code": "same_kind", "categories": ["learning"], "words": []}
    costly = score(need(category="learning"), listed, weights=Weights(0.2, 0.2, 0.6)).reasons
    assert costly[0] == {"code": "free_open_source"}


# --- Properties ------------------------------------------------------------------------

SYSTEMS = sorted(VOCABULARY.system_names)
STANDARDS = sorted(VOCABULARY.standard_names)
some_systems = st.frozensets(st.sampled_from(SYSTEMS))
some_standards = st.frozensets(st.sampled_from(STANDARDS))


@settings(max_examples=200, deadline=None)
@given(some_systems, some_systems, some_systems, some_standards, st.sampled_from(SYSTEMS))
def test_adding_a_supported_integration_never_lowers_interoperability(
    required, in_use, supported, standards, added
):
    wanting = need(systems=required, org_systems=in_use)
    before = offering(systems=supported, standards=standards)
    after = replace(before, systems=supported | {added})
    assert score(wanting, after).interoperability >= score(wanting, before).interoperability


@settings(max_examples=200, deadline=None)
@given(some_systems, some_systems, some_standards, st.sampled_from(STANDARDS))
def test_adding_an_open_standard_never_lowers_interoperability(
    required, supported, standards, added
):
    wanting = need(systems=required)
    before = offering(systems=supported, standards=standards)
    after = replace(before, standards=standards | {added})
    assert score(wanting, after).interoperability >= score(wanting, before).interoperability


amounts = st.none() | st.floats(min_value=0, max_value=10_000, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(
    amounts,
    amounts,
    st.booleans(),
    st.floats(min_value=0, max_value=1_000, allow_nan=False),
    st.floats(min_value=0, max_value=1_000, allow_nan=False),
    st.none() | st.floats(min_value=0, max_value=10_000, allow_nan=False),
    st.floats(min_value=0, max_value=1, allow_nan=False),
)
def test_a_lower_price_never_lowers_cost_fit(
    monthly_budget, one_off_budget, free_only, monthly, reduction, setup, setup_share
):
    wanting = need(
        monthly_budget=monthly_budget, one_off_budget=one_off_budget, free_only=free_only
    )
    dearer = offering(pricing_model="paid", nonprofit_monthly_price=monthly, setup_cost=setup)
    cheaper = replace(
        dearer,
        nonprofit_monthly_price=max(0.0, monthly - reduction),
        setup_cost=None if setup is None else setup * setup_share,
    )
    assert cost_fit(wanting, cheaper) >= cost_fit(wanting, dearer)


def test_weights_change_the_order_as_expected():
    fitting_but_dear = offering(
        1,
        categories=frozenset({"learning"}),
        text="school lessons",
        pricing_model="paid",
        nonprofit_monthly_price=400.0,
    )
    cheap_but_loose = offering(2, text="school")
    index = OfferingIndex(VOCABULARY, [fitting_but_dear, cheap_but_loose])
    wanting = need(title="Lessons for our school", category="learning", monthly_budget=100.0)

    def ranking(weights):
        return [m.offering_id for m in index.match_need(wanting, weights, threshold=0)]

    assert ranking(Weights(0.8, 0.1, 0.1)) == [1, 2]
    assert ranking(Weights(0.2, 0.1, 0.7)) == [2, 1]


def test_weights_must_be_zero_or_more_and_add_up_to_one():
    with pytest.raises(ValueError):
        Weights(0.5, 0.5, 0.5)
    with pytest.raises(ValueError):
        Weights(1.2, -0.1, -0.1)
    assert Weights(0.5, 0.3, 0.2 + 1e-7)


# --- The index agrees with the reference ------------------------------------------------

WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "survey",
    "offline",
    "clinic",
    "patient",
    "school",
    "whatsapp",
    "sms",
    "kobo",
]


def random_offering(rng: random.Random, offering_id: int) -> OfferingProfile:
    return OfferingProfile(
        id=offering_id,
        name=" ".join(rng.sample(WORDS, 2)),
        text=" ".join(rng.choices(WORDS, k=rng.randint(0, 12))),
        categories=frozenset(rng.sample(sorted(VOCABULARY.category_names), rng.randint(0, 2))),
        systems=frozenset(rng.sample(SYSTEMS, rng.randint(0, 3))),
        standards=frozenset(rng.sample(STANDARDS, rng.randint(0, 3))),
        deployments=frozenset(rng.sample(["cloud", "self_hosted", "offline_mobile"], 1))
        if rng.random() < 0.5
        else frozenset(),
        languages=frozenset(rng.sample(["en", "sw", "fr"], rng.randint(0, 2))),
        regions=frozenset(rng.sample(["KE", "UG"], rng.randint(0, 1))),
        pricing_model=rng.choice(["free_open_source", "freemium", "paid"]),
        nonprofit_monthly_price=rng.choice([None, 0.0, 20.0, 150.0]),
        setup_cost=rng.choice([None, 0.0, 500.0]),
    )


def random_need(rng: random.Random, need_id: int) -> NeedProfile:
    return NeedProfile(
        id=need_id,
        title=" ".join(rng.sample(WORDS, 2)),
        description=" ".join(rng.choices(WORDS + ["unseen", "words"], k=rng.randint(0, 10))),
        category=rng.choice([None, *sorted(VOCABULARY.category_names), "not-a-category"]),
        systems=frozenset(rng.sample(SYSTEMS, rng.choice([0, 0, 1, 2]))),
        org_systems=frozenset(rng.sample(SYSTEMS, rng.randint(0, 2))),
        monthly_budget=rng.choice([None, 0.0, 50.0, 200.0]),
        one_off_budget=rng.choice([None, 300.0]),
        free_only=rng.random() < 0.2,
        deployment=rng.choice([None, "cloud", "offline_mobile"]),
        languages=frozenset(rng.sample(["en", "sw", "de"], rng.choice([0, 0, 1, 2]))),
        country=rng.choice([None, "KE", "TZ"]),
        strict=rng.random() < 0.3,
    )


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


def test_patient_records_on_paper_finds_an_ehr():
    index = OfferingIndex(
        VOCABULARY,
        [
            offering(1, name="MedChart", text="EMR for outpatient practices"),
            offering(2, name="FormScan", text="Turn paper forms into spreadsheets"),
            offering(3, name="Bulk texter", text="SMS blasts for shops"),
        ],
    )
    wanting = need(
        title="Stop keeping patient files on paper",
        description="Our clinic still keeps patient records on paper.",
    )
    found = index.match_need(wanting, threshold=0)
    assert found[0].offering_id == 1
    assert found[0].reasons[0]["code"] == "same_kind"
    assert found[0].reasons[0]["categories"][0] == "health-records"


def test_whatsapp_messages_to_parents_finds_a_two_way_messaging_platform():
    index = OfferingIndex(
        VOCABULARY,
        [
            offering(1, name="ParentPortal", text="A parent portal for school fees and grades"),
            offering(2, name="Chatterbox", text="Two-way messaging platform for NGOs"),
            offering(3, name="Ledger", text="Bookkeeping for small charities"),
        ],
    )
    wanting = need(
        title="WhatsApp messages to parents",
        description="We want to remind parents about meetings and let them answer.",
    )
    assert index.match_need(wanting, threshold=0)[0].offering_id == 2
