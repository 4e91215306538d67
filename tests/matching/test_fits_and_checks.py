"""Reasons sorted into why a match fits and what to check: a drawback is never a fit."""

from matching.core.reasons import fits_and_checks
from matching.reasons import NONPROFIT, PROVIDER, render_split


def codes(reasons):
    return [reason["code"] for reason in reasons]


def test_drawbacks_are_watch_outs_and_strengths_are_fits():
    fits, checks = fits_and_checks(
        [
            {"code": "same_kind", "categories": ["surveys"], "words": ["offline"]},
            {"code": "not_offered_language", "languages": ["hi"]},
            {"code": "exports", "standards": ["CSV"]},
            {"code": "price_not_listed"},
            {"code": "some_code_from_a_newer_version"},
        ]
    )
    assert codes(fits) == ["same_kind", "exports"]
    assert codes(checks) == ["not_offered_language", "price_not_listed"]


def test_a_systems_reason_splits_into_what_it_works_with_and_what_it_does_not():
    fits, checks = fits_and_checks(
        [
            {
                "code": "integrates",
                "systems": ["Google Sheets"],
                "through": [["KoboToolbox", "XForms"]],
                "missing": ["Tally"],
            },
            {"code": "works_with_in_use", "systems": ["Zoho CRM"], "missing": ["DHIS2"]},
        ]
    )
    assert fits == [
        {
            "code": "integrates",
            "systems": ["Google Sheets"],
            "through": [["KoboToolbox", "XForms"]],
            "missing": [],
        },
        {"code": "works_with_in_use", "systems": ["Zoho CRM"], "missing": []},
    ]
    assert checks == [
        {"code": "integrates", "systems": [], "through": [], "missing": ["Tally"]},
        {"code": "works_with_in_use", "systems": [], "missing": ["DHIS2"]},
    ]


def test_a_cost_is_a_fit_only_within_every_budget_it_is_held_against():
    within = {
        "code": "cost_yearly",
        "amount": 600,
        "currency": "USD",
        "budget": 1200,
        "verdict": "within",
    }
    over_setup = {**within, "one_off": {"setup": 900, "budget": 500, "verdict": "over"}}
    no_budget = {**within, "budget": None, "verdict": None}
    free = {"code": "free_to_use", "currency": "USD"}
    fits, checks = fits_and_checks([within, over_setup, no_budget, free])
    setup_over = {"code": "setup_cost", "currency": "USD", **over_setup["one_off"]}
    assert fits == [within, within, free], "the running cost within budget, split off"
    assert checks == [setup_over, no_budget]


def test_a_setup_within_the_one_off_budget_is_a_fit_beside_a_yearly_cost_to_check():
    reasons = [
        {
            "code": "cost_yearly",
            "amount": 24000,
            "currency": "INR",
            "budget": None,
            "verdict": None,
            "one_off": {"setup": 59500, "budget": 150000, "verdict": "within"},
        }
    ]
    assert render_split(reasons, NONPROFIT) == (
        ["Setup about ₹59,500 — within your ₹1,50,000 one-off budget"],
        ["About ₹24,000 a year"],
    )


def test_each_half_reads_as_what_it_is_for_each_reader():
    reasons = [{"code": "works_with_in_use", "systems": ["Zoho CRM"], "missing": ["DHIS2"]}]
    assert render_split(reasons, NONPROFIT) == (
        ["Works with Zoho CRM, which you already use"],
        ["Does not list DHIS2, which you already use"],
    )
    assert render_split(reasons, PROVIDER)[1] == ["Does not list DHIS2, which they already use"]
