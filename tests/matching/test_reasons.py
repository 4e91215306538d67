"""A match's reasons: the codes the core writes (no database), and the one renderer that
puts them into each reader's words."""

import importlib
import io
import json
import random
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from directory.listings.models import Language
from matching.core import CorpusStats, OfferingIndex, score_pair
from matching.core.reasons import CODES, SORTING_CODES
from matching.models import Match
from matching.reasons import NONPROFIT, PROVIDER, SENTENCES, render, render_all
from tests.factories import SURVEY_NEED, NeedFactory, OfferingFactory, category, system
from tests.matching.core_data import (
    VOCABULARY,
    need,
    offering,
    random_need,
    random_offering,
    score,
)

NAMES = SimpleNamespace(
    categories={"surveys": "Data collection & surveys", "learning": "Learning"},
    languages={"sw": "Swahili", "fr": "French"},
    standards={},
    spellings={"dhis2": "DHIS2", "csv": "CSV"},
)


def words(reason, reader=NONPROFIT) -> str:
    return render(reason, reader, names=lambda: NAMES)


def codes(*pairs) -> list[dict]:
    return [reason for pair in pairs for reason in score(*pair).reasons]


# --- The codes (no database) -------------------------------------------------------------


def test_every_code_the_core_writes_has_a_sentence():
    assert set(SENTENCES) == set(CODES) | set(SORTING_CODES)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reasons_are_known_codes_with_json_values_that_read_the_same_when_stored(seed):
    rng = random.Random(seed)
    offerings = [random_offering(rng, i) for i in range(1, 31)]
    index = OfferingIndex(VOCABULARY, offerings)
    found = index.match_needs([random_need(rng, i) for i in range(1, 11)], threshold=0)
    for matches in found.values():
        for match in matches:
            for reason in match.reasons:
                assert reason["code"] in CODES
                assert set(reason) - {"code"} <= set(CODES[reason["code"]])
                assert json.loads(json.dumps(reason)) == reason, "lists, never tuples"
                for reader in (NONPROFIT, PROVIDER):
                    assert words(reason, reader), reason


def test_the_cost_codes_carry_the_amounts_the_budget_and_a_verdict():
    paid = offering(pricing_model="paid", nonprofit_monthly_price=200.0, setup_cost=300.0)
    assert codes((need(monthly_budget=100.0), paid))[-1] == {
        "code": "cost_first_year",
        "amount": 2700,
        "setup": 300,
        "currency": "USD",
        "budget": 1200,
        "verdict": "over",
    }
    with_one_off = need(monthly_budget=100.0, one_off_budget=200.0)
    assert codes((with_one_off, paid))[-1] == {
        "code": "cost_yearly",
        "amount": 2400,
        "currency": "USD",
        "budget": 1200,
        "verdict": "over",
        "one_off": {"setup": 300, "budget": 200, "verdict": "over"},
    }
    free = offering(pricing_model="freemium", nonprofit_monthly_price=0.0)
    assert codes((need(free_only=True), free))[-1] == {"code": "free_for_nonprofits", "budget": 0}
    assert codes((need(), free))[-2:] == [
        {"code": "free_for_nonprofits", "budget": None},
        {"code": "no_budget"},  # and cost is not part of the score
    ]


def test_a_need_asking_for_it_online_is_told_a_free_tool_needs_its_own_server():
    server = offering(pricing_model="free_open_source", needs_server=True, hosting_monthly=15.0)
    online = codes((need(monthly_budget=150.0, deployment="cloud"), server))[-1]
    assert online["code"] == "free_needs_server" and online["asked_online"] is True
    anywhere = codes((need(monthly_budget=150.0), server))[-1]
    assert anywhere["code"] == "free_needs_server" and "asked_online" not in anywhere


def test_compatibility_codes_keep_codes_for_the_renderer_to_name():
    listed = offering(deployments=frozenset({"cloud"}), regions=frozenset({"UG"}))
    reasons = codes((need(deployment="self_hosted", country="KE"), listed))
    assert {"code": "not_offered_deployment", "deployment": "self_hosted"} in reasons
    assert {"code": "not_offered_region", "country": "KE"} in reasons


def test_explaining_many_offerings_shares_the_reasons_it_made_once():
    wanting = need(category="learning", systems=frozenset({"tally"}))
    listed = [offering(i, categories=frozenset({"learning"})) for i in range(1, 4)]
    stats = CorpusStats.from_offerings(VOCABULARY, listed)
    index = OfferingIndex(VOCABULARY, listed)
    found = index.match_need(wanting, threshold=0)
    assert len({id(match.reasons[0]) for match in found}) == 1
    assert found[0].reasons == score_pair(wanting, listed[0], stats).reasons


def test_words_most_offerings_use_are_not_quoted_as_shared():
    # "month" is in every listing's price; "clinic" in this one alone.
    listed = offering(name="Clinic records", text="Patient files for a clinic, 5 USD a month")
    others = [offering(i, name=f"Tool {i}", text="Pay per month") for i in range(2, 31)]
    wanting = need(title="Clinic files", description="Every month our clinic loses files")
    [reason] = [r for r in score(wanting, listed, *others).reasons if "words" in r]
    assert "month" not in reason["words"] and "clinic" in reason["words"]
    assert words(reason) == "Both mention clinic, files"


def test_in_a_handful_of_offerings_no_word_is_too_common_to_quote():
    listed = offering(name="Clinic records", text="Patient files for a clinic")
    wanting = need(title="Clinic files", description="Our clinic loses files")
    [reason] = [
        r for r in score(wanting, listed, offering(2, text="files")).reasons if "words" in r
    ]
    assert "files" in reason["words"]


def test_words_of_time_and_amount_are_not_quoted_as_shared_even_when_rare():
    listed = offering(name="Clinic records", text="Monthly totals of patient files per clinic")
    wanting = need(
        title="Clinic totals", description="Every month our clinic counts its patient files"
    )
    [reason] = [r for r in score(wanting, listed, offering(2, text="maps")).reasons if "words" in r]
    assert not {"month", "totals", "every"} & set(reason["words"])
    assert {"clinic", "patient"} <= set(reason["words"])


def test_words_of_when_are_not_quoted_as_shared():
    listed = offering(name="Field forms", text="Fill survey forms offline and sync them later")
    wanting = need(title="Survey forms", description="Fill survey forms now and sync later")
    [reason] = [r for r in score(wanting, listed, offering(2, text="maps")).reasons if "words" in r]
    assert "later" not in reason["words"] and "now" not in reason["words"]
    assert "survey" in " ".join(reason["words"])


# --- The words (no database: names passed in) --------------------------------------------

SENTENCES_FOR_BOTH = [
    (
        {"code": "same_kind", "categories": ["surveys"], "words": ["survey", "offline"]},
        "Same kind of tool: Data collection & surveys; both mention survey, offline",
        None,
    ),
    (
        {"code": "same_kind", "categories": ["learning"], "words": []},
        "Same kind of tool: Learning",
        None,
    ),
    (
        {"code": "both_mention", "words": ["clinic", "patients"]},
        "Both mention clinic, patients",
        None,
    ),
    (
        {"code": "little_in_common"},
        "Little in common with your description",
        "Little in common with their description",
    ),
    (
        {"code": "not_offered_deployment", "deployment": "cloud"},
        "Not offered as an online (cloud) service",
        None,
    ),
    (
        {"code": "not_offered_deployment", "deployment": "self_hosted"},
        "Not offered to run on your own server",
        "Not offered to run on their own server",
    ),
    (
        {"code": "not_offered_deployment", "deployment": "offline_mobile"},
        "Not offered for offline use on phones",
        None,
    ),
    (
        {"code": "not_offered_language", "languages": ["sw", "fr"]},
        "Not offered in Swahili or French",
        None,
    ),
    ({"code": "not_offered_region", "country": "KE"}, "Not offered in Kenya", None),
    (
        {
            "code": "integrates",
            "systems": ["Google Sheets"],
            "through": [["KoboToolbox", "XForms"]],
            "missing": ["Tally"],
        },
        "Integrates with Google Sheets; works with KoboToolbox through XForms; Tally not listed",
        None,
    ),
    (
        {"code": "integrates", "systems": [], "through": [], "missing": ["Tally", "DHIS2"]},
        "Does not list Tally or DHIS2 among the systems it works with",
        None,
    ),
    (
        {"code": "integrates", "systems": [], "through": [["DHIS2", "FHIR"]], "missing": []},
        "Works with DHIS2 through FHIR",
        None,
    ),
    (
        {
            "code": "works_with_in_use",
            "systems": ["KoboToolbox", "Tally"],
            "missing": ["Google Sheets"],
        },
        "Works with KoboToolbox and Tally, which you already use; Google Sheets not listed",
        "Works with KoboToolbox and Tally, which they already use; Google Sheets not listed",
    ),
    (
        {"code": "works_with_in_use", "systems": ["Google Sheets"], "missing": []},
        "Works with Google Sheets, which you already use",
        "Works with Google Sheets, which they already use",
    ),
    (
        {"code": "none_in_use", "missing": ["Tally"]},
        "Lists none of the systems you already use",
        "Lists none of the systems they already use",
    ),
    (
        {"code": "exports", "standards": ["CSV", "JSON"]},
        "You can take your data out (CSV, JSON)",
        "They can take their data out (CSV, JSON)",
    ),
    (
        {"code": "no_export"},
        "No way to take your data out is listed",
        "No way to take their data out is listed",
    ),
    ({"code": "free_open_source"}, "Free and open source", None),
    (
        {
            "code": "free_needs_server",
            "amount": 480,
            "currency": "USD",
            "budget": 600,
            "verdict": "within",
        },
        "Free if you run it on your own server: about USD 480 a year — within your "
        "budget of USD 600 a year",
        "Free if they run it on their own server: about USD 480 a year — within "
        "their budget of USD 600 a year",
    ),
    (
        {"code": "free_needs_server", "amount": None, "currency": "USD", "budget": None},
        "Free if you run it on your own server; no hosting cost is given",
        "Free if they run it on their own server; no hosting cost is given",
    ),
    (
        {
            "code": "free_needs_server",
            "amount": 180,
            "currency": "USD",
            "budget": 1800,
            "verdict": "within",
            "asked_online": True,
        },
        "You asked for it online, but this one you run on your own server: about USD 180 a "
        "year — within your budget of USD 1,800 a year",
        "They asked for it online, but this one they run on their own server: about USD 180 "
        "a year — within their budget of USD 1,800 a year",
    ),
    (
        {"code": "free_needs_server", "amount": None, "currency": "USD", "asked_online": True},
        "You asked for it online, but this one you run on your own server; no hosting cost is "
        "given",
        "They asked for it online, but this one they run on their own server; no hosting cost "
        "is given",
    ),
    ({"code": "price_not_listed"}, "Price not listed", None),
    (
        {"code": "no_budget"},
        "You gave no budget, so cost does not count in the score",
        "They gave no budget, so cost does not count in the score",
    ),
    ({"code": "free_for_nonprofits", "budget": None}, "Free for nonprofits", None),
    (
        {"code": "free_for_nonprofits", "budget": 1200},
        "Free for nonprofits — within your budget",
        "Free for nonprofits — within their budget",
    ),
    (
        {
            "code": "cost_yearly",
            "amount": 1200,
            "currency": "USD",
            "budget": 1500,
            "verdict": "within",
        },
        "About USD 1,200 a year — within your budget of USD 1,500 a year",
        "About USD 1,200 a year — within their budget of USD 1,500 a year",
    ),
    (
        {"code": "cost_yearly", "amount": 1800, "currency": "USD", "budget": None, "verdict": None},
        "About USD 1,800 a year",
        None,
    ),
    (
        {
            "code": "cost_yearly",
            "amount": 120,
            "currency": "USD",
            "budget": 0,
            "verdict": "free_only",
        },
        "About USD 120 a year — you asked for free tools only",
        "About USD 120 a year — they asked for free tools only",
    ),
    (
        {
            "code": "cost_first_year",
            "amount": 800,
            "setup": 200,
            "currency": "USD",
            "budget": 600,
            "verdict": "over",
        },
        "About USD 800 in the first year (including USD 200 setup) — "
        "over your budget of USD 600 a year",
        "About USD 800 in the first year (including USD 200 setup) — "
        "over their budget of USD 600 a year",
    ),
    (
        {
            "code": "cost_yearly",
            "amount": 1200,
            "currency": "USD",
            "budget": 1500,
            "verdict": "within",
            "one_off": {"setup": 500, "budget": 1000, "verdict": "within"},
        },
        "About USD 1,200 a year — within your budget of USD 1,500 a year; "
        "setup about USD 500 — within your USD 1,000 one-off budget",
        "About USD 1,200 a year — within their budget of USD 1,500 a year; "
        "setup about USD 500 — within their USD 1,000 one-off budget",
    ),
    (
        {
            "code": "free_to_use",
            "currency": "USD",
            "one_off": {"setup": 900, "budget": 300, "verdict": "over"},
        },
        "Free to use; setup about USD 900 — over your USD 300 one-off budget",
        "Free to use; setup about USD 900 — over their USD 300 one-off budget",
    ),
    ({"code": "free_to_use", "currency": "USD"}, "Free to use", None),
    ({"code": "not_software", "kind": "data"}, "A data set, not software to use", None),
]


@pytest.mark.parametrize(("reason", "for_nonprofit", "for_provider"), SENTENCES_FOR_BOTH)
def test_each_reader_reads_a_sentence_written_for_them(reason, for_nonprofit, for_provider):
    assert words(reason, NONPROFIT) == for_nonprofit
    assert words(reason, PROVIDER) == (for_provider or for_nonprofit)


def test_every_code_has_an_example_sentence():
    assert {reason["code"] for reason, _, _ in SENTENCES_FOR_BOTH} == set(CODES)


@pytest.mark.parametrize(
    "reason",
    [
        "Integrates with Google Sheets",
        None,
        42,
        {},
        {"code": "not-a-code"},
        {"code": "cost_yearly"},  # missing its values
        {"code": "not_offered_deployment", "deployment": "on the moon"},
    ],
)
def test_anything_but_a_known_code_is_skipped(reason):
    assert words(reason) == ""
    assert render_all([reason, {"code": "free_open_source"}]) == ["Free and open source"]


def test_render_all_stops_at_the_limit():
    reasons = [
        {"code": "price_not_listed"},
        "old",
        {"code": "no_export"},
        {"code": "free_open_source"},
    ]
    assert render_all(reasons, PROVIDER, limit=2) == [
        "Price not listed",
        "No way to take their data out is listed",
    ]


# --- Names from the taxonomy, and stored matches -----------------------------------------


@pytest.mark.django_db
def test_categories_and_languages_are_named_from_the_taxonomy_as_it_is_now():
    surveys = category("data-collection")
    reason = {"code": "same_kind", "categories": ["data-collection", "gone"], "words": []}
    assert render(reason) == f"Same kind of tool: {surveys.name} and gone"
    surveys.name = "Surveys & forms"
    surveys.save()
    assert render(reason) == "Same kind of tool: Surveys & forms and gone"
    Language.objects.update_or_create(code="sw", defaults={"name": "Kiswahili"})
    assert render({"code": "not_offered_language", "languages": ["sw", "xx"]}) == (
        "Not offered in Kiswahili or xx"
    )


@pytest.mark.django_db
def test_after_a_rematch_no_stored_reason_is_a_sentence(django_capture_on_commit_callbacks):
    offering = OfferingFactory(name="FieldForms", summary="Offline survey forms on any phone.")
    offering.systems.add(system("google-sheets"))
    with django_capture_on_commit_callbacks(execute=True):
        need = NeedFactory(**SURVEY_NEED)
        need.systems.add(system("google-sheets"))
        need.save()
    Match.objects.update(reasons=["Integrates with Google Sheets", "Free and open source"])
    call_command("rematch", "--all", stdout=io.StringIO())
    stored = list(Match.objects.values_list("reasons", flat=True))
    assert stored
    for reasons in stored:
        assert reasons and all(isinstance(r, dict) and r["code"] in CODES for r in reasons)
    assert "Integrates with Google Sheets" in Match.objects.get(need=need).reasons_for(NONPROFIT)


@pytest.mark.django_db
def test_the_migration_keeps_every_match_and_empties_reasons_written_as_sentences():
    migration = importlib.import_module("matching.migrations.0002_reasons_as_codes")
    worded, coded, empty, mixed = (
        Match.objects.create(
            need=NeedFactory(),
            offering=OfferingFactory(),
            score=50,
            need_fit=0.5,
            interoperability=0.5,
            cost_fit=0.5,
            reasons=reasons,
        )
        for reasons in (
            ["Free and open source"],
            [{"code": "free_open_source"}],
            [],
            [{"code": "no_export"}, "Price not listed"],
        )
    )
    migration.clear_worded_reasons(apps, SimpleNamespace(connection=connection))
    assert set(Match.objects.all()) == {worded, coded, empty, mixed}
    reasons = dict(Match.objects.values_list("pk", "reasons"))
    assert reasons == {
        worded.pk: [],
        coded.pk: [{"code": "free_open_source"}],
        empty.pk: [],
        mixed.pk: [],
    }
    assert Match.objects.get(pk=worded.pk).score == 50


def test_verbs_any_use_says_are_not_quoted_as_shared():
    listed = offering(
        name="Stock keeper", text="See medicine stock.\nknow when to reorder medicines"
    )
    wanting = need(title="Medicines", description="We want to know when medicines run out")
    [reason] = [r for r in score(wanting, listed, offering(2, text="maps")).reasons if "words" in r]
    assert "know" not in reason["words"] and "medicines" in reason["words"]
