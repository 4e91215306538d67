"""The matching core's rules by hand-worked examples, and their properties. No database
involved; the index's agreement with these rules is in test_index_agrees.py."""

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.core import (
    OfferingIndex,
    PhraseSpotter,
    Weights,
    cost_fit,
    stem,
)
from matching.core.chance import chance
from tests.matching.core_data import STANDARDS, SYSTEMS, VOCABULARY, base, need, offering, score

# --- Text ------------------------------------------------------------------------------


def test_stemming_joins_forms_of_one_word():
    assert stem("messages") == stem("messaging") == stem("message")
    assert stem("donation") == stem("donate") == stem("donations")
    assert stem("organisation") == stem("organizing")
    assert stem("mapping") == stem("maps")


def test_phrases_are_found_on_whole_words_in_any_inflection():
    spotter = PhraseSpotter({"messaging": ["sms", "text messages"]})
    assert spotter.spot_text("We send SMS and text-messaging alerts") == {"messaging": 2}
    assert spotter.spot_text("our SMSC gateway") == {}


# --- need_fit ------------------------------------------------------------------------


def test_need_fit_is_a_chance_that_rises_with_the_base_fit_from_nothing():
    bases = [0.0, 0.2, 0.4, 0.5, 0.6, 0.8, 1.0]
    chances = [float(chance(base)) for base in bases]
    assert chances[0] == 0.0
    assert chances == sorted(chances) and len(set(chances)) == len(chances)
    # Steep where people's judgements change: a base of 0.4 is seldom relevant, 0.8 mostly.
    assert chances[2] < 0.2 < 0.7 < chances[5] <= chances[6] < 1.0


def test_the_index_and_the_reference_read_the_same_chance():
    bases = np.linspace(0.0, 1.0, 101)
    one_by_one = [chance(float(base)) for base in bases]
    assert chance(bases.copy()).tolist() == one_by_one
    assert one_by_one[0] == 0.0


def test_text_relevance_saturates_the_cosine():
    # Need: "alpha" (title, counted twice). Offering: "alpha beta"; both words have the
    # same IDF, so the cosine is 1/√2, relevance = ½ / (½ + 0.15²) and need fit is the
    # chance at that base.
    result = score(need(title="alpha"), offering(name="alpha", text="beta"), offering(2))
    assert result.need_fit == pytest.approx(chance(0.5 / (0.5 + 0.15**2)), abs=1e-12)


# A need that chose "learning" and an offering listed in it, sharing nothing else: the
# concept term is half of the offering's two-term vector (N = 1, every IDF is 1), so the
# cosine is 1/√2, and need_fit = chance(0.4 × 1 + 0.6 × relevance(1/√2)).
SHARED_CATEGORY_ONLY = chance(0.4 + 0.6 * 0.5 / (0.5 + 0.15**2))


def test_a_shared_category_counts_for_forty_percent_and_as_a_shared_concept():
    result = score(need(category="learning"), offering(categories=frozenset({"learning"})))
    assert result.need_fit == pytest.approx(SHARED_CATEGORY_ONLY)


def test_a_category_only_spotted_in_the_offering_counts_half():
    # "questionnaire" spots the surveys category: strength 0.5; the offering's vector is
    # pad, questionnaire and the concept, so the cosine is 1/√3.
    result = score(need(category="surveys"), offering(name="Pad", text="questionnaire"))
    assert result.need_fit == pytest.approx(chance(0.4 * 0.5 + 0.6 * (1 / 3) / (1 / 3 + 0.15**2)))


def test_unrelated_texts_fit_close_to_nothing():
    pair = (
        need(title="Track rainfall", description="Weather station readings for farmers"),
        offering(name="Ledger", text="Double entry bookkeeping and invoices for shops"),
        offering(2, name="Rain gauge", text="rainfall weather station farmers"),
    )
    assert base(*pair) < 0.1
    assert score(*pair).need_fit < 0.02


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
    # Google Sheets directly (1), KoboToolbox through XForms (0.7), Tally not at all (0).
    listed = offering(systems=frozenset({"google-sheets"}), standards=frozenset({"xforms"}))
    wanting = need(systems=frozenset({"google-sheets", "kobotoolbox", "tally"}))
    assert score(wanting, listed).interoperability == pytest.approx(1.7 / 3)


def test_speaking_a_format_most_systems_speak_earns_nothing():
    # CSV and REST API are spoken by two of the four systems: they bridge to none of them,
    # and open data export is a reason to read, not a credit.
    wanting = need(systems=frozenset({"google-sheets", "whatsapp-business"}))
    generic = offering(standards=frozenset({"csv", "rest-api"}))
    assert score(wanting, generic).interoperability == 0.0
    assert not any(
        r["code"] == "integrates" and r["through"] for r in score(wanting, generic).reasons
    )


def test_organisation_systems_count_at_lower_weight_when_none_are_required():
    listed = offering(name="alpha", systems=frozenset({"google-sheets"}))
    wanting = need(title="alpha", org_systems=frozenset({"google-sheets", "tally"}))
    result = score(wanting, listed)
    assert result.interoperability == 0.5  # works with one of the two it uses
    # weighed at 0.4 of its weight: (0.5 + 0.12 × 0.5) / (0.5 + 0.12) of the need fit
    assert result.score == pytest.approx(100 * result.need_fit * (0.5 + 0.06) / 0.62)


def test_working_with_none_of_the_systems_in_use_shows_none():
    wanting = need(title="alpha", org_systems=frozenset({"tally"}))
    assert score(wanting, offering(name="alpha")).interoperability == 0.0


def test_parts_not_asked_neither_lift_nor_lower_the_score():
    # No system named and no budget given: the score is the need fit alone, whatever the
    # offering speaks or costs.
    for listed in (
        offering(name="alpha"),
        offering(name="alpha", standards=frozenset({"rest-api"})),
        offering(name="alpha", pricing_model="paid", nonprofit_monthly_price=900.0),
    ):
        result = score(need(title="alpha"), listed)
        assert result.score == pytest.approx(100 * result.need_fit)


# --- the score: relevance first --------------------------------------------------------


def test_need_fit_caps_the_score_whatever_the_offering_speaks_or_costs():
    # A perfect interoperability and cost cannot lift a pair beyond its need fit.
    wanting = need(title="alpha", systems=frozenset({"google-sheets"}))
    listed = offering(name="gamma", text="beta", systems=frozenset({"google-sheets"}))
    result = score(wanting, listed, offering(2, name="alpha"))
    assert result.interoperability == 1.0 and result.cost_fit == 1.0
    assert result.score == pytest.approx(100 * result.need_fit)


def test_poor_interoperability_and_cost_take_at_most_their_weights_away():
    wanting = need(title="alpha", systems=frozenset({"tally"}), free_only=True)
    listed = offering(name="alpha", pricing_model="paid", nonprofit_monthly_price=50.0)
    result = score(wanting, listed)
    assert (result.interoperability, result.cost_fit) == (0.0, 0.0)
    assert result.score == pytest.approx(100 * 0.5 * result.need_fit)


@given(
    fit_text=st.sampled_from(["alpha", "alpha beta", "beta gamma delta"]),
    systems=st.sets(st.sampled_from(SYSTEMS)),
    standards=st.sets(st.sampled_from(STANDARDS)),
)
@settings(max_examples=60, deadline=None)
def test_a_need_fit_below_0_3_never_scores_above_40(fit_text, systems, standards):
    wanting = need(title="alpha", description="zeta eta theta iota", systems=frozenset(systems))
    listed = offering(
        name="Tool", text=fit_text, systems=frozenset(systems), standards=frozenset(standards)
    )
    result = score(wanting, listed, offering(2, name="alpha zeta"))
    if result.need_fit < 0.3:
        assert result.score <= 40


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
    assert [reason["code"] for reason in default] == [
        "same_kind",
        "no_export",
        "free_open_source",
        "no_budget",
    ]
    assert default[0] == {"code": "same_kind", "categories": ["learning"], "words": []}
    costly = score(need(category="learning"), listed, weights=Weights(0.2, 0.2, 0.6)).reasons
    assert costly[0] == {"code": "free_open_source"}


# --- Properties ------------------------------------------------------------------------

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
