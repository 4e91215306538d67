"""A match's reasons in Hindi: the same codes, rendered in the language active when they
are read, with amounts, systems, categories, languages and countries in place."""

import pytest
from django.utils import translation

from matching.core import STRONG_SCORE
from matching.models import Match
from matching.reasons import PROVIDER, render_all

pytestmark = pytest.mark.django_db

REASONS = [
    {"code": "same_kind", "categories": ["data-collection"], "words": ["survey", "offline"]},
    {"code": "integrates", "systems": ["Google Sheets"], "through": [], "missing": ["Tally"]},
    {"code": "exports", "standards": ["CSV", "JSON"]},
    {
        "code": "cost_yearly",
        "amount": 1200,
        "currency": "INR",
        "budget": 1000,
        "verdict": "over",
        "one_off": None,
    },
    {"code": "not_offered_language", "languages": ["sw"]},
    {"code": "not_offered_region", "country": "IN"},
    {"code": "price_not_listed"},
]


def match() -> Match:
    return Match(
        score=STRONG_SCORE, need_fit=0.8, interoperability=0.5, cost_fit=0.4, reasons=REASONS
    )


def test_fits_and_watch_outs_in_hindi_with_names_and_amounts_in_place():
    with translation.override("hi"):
        fits, checks = match().fits_and_checks_for()
        label = match().band_label
        parts = [str(name) for name, _ in match().parts]
    assert label == "अच्छा मेल"
    assert parts == ["ज़रूरत से मेल", "आपके सिस्टम से जुड़ता है", "बजट से मेल"]
    assert "एक ही तरह का टूल: डेटा संग्रह और सर्वे; दोनों में survey, offline की बात है" in fits
    assert "आप अपना डेटा बाहर निकाल सकते हैं (CSV, JSON)" in fits
    assert "Google Sheets से जुड़ता है" in fits
    not_listed = "जिन सिस्टम से यह जुड़ता है, उनमें Tally का ज़िक्र नहीं"
    assert not_listed in checks, "a system not listed is a watch-out"
    assert "सालाना लगभग ₹1,200 — आपके सालाना ₹1,000 के बजट से ज़्यादा" in checks
    assert "स्वाहिली में उपलब्ध नहीं" in checks
    assert "भारत में उपलब्ध नहीं" in checks
    assert "कीमत नहीं बताई गई" in checks


def test_the_provider_reads_of_them_in_hindi():
    with translation.override("hi"):
        sentences = render_all(REASONS, PROVIDER)
    assert "सालाना लगभग ₹1,200 — उनके सालाना ₹1,000 के बजट से ज़्यादा" in sentences
    assert "वे अपना डेटा बाहर निकाल सकते हैं (CSV, JSON)" in sentences


def test_the_same_match_reads_in_english_outside_hindi():
    fits, checks = match().fits_and_checks_for()
    assert "Same kind of tool: Data collection & surveys; both mention survey, offline" in fits
    assert "Not offered in Swahili" in checks and "Not offered in India" in checks
    assert match().band_label == "Strong match"


def test_a_standard_a_system_is_reached_through_is_named_in_hindi():
    through = {
        "code": "integrates",
        "systems": [],
        "through": [["DHIS2", "ADX / SDMX aggregate data"]],
        "missing": [],
    }
    with translation.override("hi"):
        [sentence] = render_all([through])
    assert "ADX / SDMX कुल आँकड़े के ज़रिए DHIS2" in sentence
    assert "aggregate data" not in sentence
