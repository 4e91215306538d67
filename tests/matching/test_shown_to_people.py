"""What owners see of their matches, and the preview before posting."""

import pytest
from django.urls import reverse

from directory.listings.models import Need
from matching.core import POSSIBLE_SCORE, STRONG_SCORE
from matching.models import Match
from tests import factories

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/api/match-preview/"


@pytest.fixture
def survey_offering():
    offering = factories.OfferingFactory(**factories.SURVEY_TOOL)
    offering.systems.add(factories.system("google-sheets"))
    return offering


@pytest.fixture
def matched_need(survey_offering, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        need = factories.NeedFactory(**factories.SURVEY_NEED)
        need.systems.add(factories.system("google-sheets"))
        need.save()
    return need


def test_need_owner_sees_ranked_matches_with_bars_and_reasons(client, matched_need):
    client.force_login(factories.member_of(matched_need.organisation))
    page = client.get(matched_need.get_absolute_url())
    assert "Offerings that match this need" in page.text
    assert "FieldForms" in page.text
    assert page.text.count("<meter") == 2  # need fit and systems; it gives no budget
    match = Match.objects.get(need=matched_need)
    assert match.band_label in page.text
    fits = page.text.split("Why it fits", 1)[1].split("</ul>", 1)[0]
    assert "Integrates with Google Sheets" in fits


def test_other_people_do_not_see_a_needs_matches(client, matched_need):
    client.force_login(factories.member_of(factories.OrganisationFactory()))
    page = client.get(matched_need.get_absolute_url())
    assert page.status_code == 200 and "Offerings that match this need" not in page.text


def test_offering_owner_sees_matching_needs(client, matched_need, survey_offering):
    client.force_login(factories.member_of(survey_offering.organisation))
    page = client.get(survey_offering.get_absolute_url())
    assert "Needs this offering matches" in page.text and matched_need.title in page.text


READ_BY_BOTH = [
    {"code": "works_with_in_use", "systems": ["Google Sheets"], "missing": []},
    {"code": "exports", "standards": ["CSV"]},
    {"code": "free_for_nonprofits", "budget": 240},
]


def test_a_provider_reads_a_match_in_its_own_words(client, matched_need, survey_offering):
    Match.objects.filter(need=matched_need).update(reasons=READ_BY_BOTH)
    client.force_login(factories.member_of(survey_offering.organisation))
    page = client.get(survey_offering.get_absolute_url())
    assert "Works with their systems" in page.text and "Works with your systems" not in page.text
    assert "Works with Google Sheets, which they already use" in page.text
    assert "Free for nonprofits — within their budget" in page.text
    assert "They can take their data out (CSV)" in page.text
    assert "which you already use" not in page.text and "within your budget" not in page.text


def test_the_nonprofit_reads_the_same_match_in_its_own_words(client, matched_need):
    Match.objects.filter(need=matched_need).update(reasons=READ_BY_BOTH)
    client.force_login(factories.member_of(matched_need.organisation))
    page = client.get(matched_need.get_absolute_url())
    assert "Works with Google Sheets, which you already use" in page.text
    assert "Free for nonprofits — within your budget" in page.text
    assert "You can take your data out (CSV)" in page.text
    assert "which they already use" not in page.text and "within their budget" not in page.text


def test_reasons_stored_as_sentences_are_skipped_not_shown(client, matched_need):
    Match.objects.filter(need=matched_need).update(
        reasons=["An old sentence", {"code": "free_open_source"}, {"code": "from-the-future"}]
    )
    client.force_login(factories.member_of(matched_need.organisation))
    page = client.get(matched_need.get_absolute_url())
    assert page.status_code == 200
    assert "Free and open source" in page.text and "An old sentence" not in page.text


def test_providers_see_needs_for_them_on_the_dashboard(client, matched_need, survey_offering):
    client.force_login(factories.member_of(survey_offering.organisation))
    page = client.get(reverse("dashboard"))
    assert "Needs for you" in page.text and matched_need.title in page.text


def test_needs_for_you_leave_out_needs_the_provider_may_not_see(
    client, matched_need, survey_offering
):
    Need.objects.filter(pk=matched_need.pk).update(state=Need.State.PAUSED)
    client.force_login(factories.member_of(survey_offering.organisation))
    assert matched_need.title not in client.get(reverse("dashboard")).text


def test_the_need_form_preview_shows_offerings_that_would_match(client, survey_offering):
    client.force_login(factories.member_of(factories.OrganisationFactory()))
    page = client.post(
        reverse("need_preview"),
        {"title": "Household surveys offline", "description": "Survey forms on phones"},
        headers={"HX-Request": "true"},
    )
    assert "FieldForms" in page.text and "<html" not in page.text
    assert page.text.count("<meter") == 1, "need fit as a bar; no system or budget asked"
    assert not Need.objects.exists()


def test_preview_api_returns_matches_best_first_without_saving(client, survey_offering):
    factories.OfferingFactory(name="Other survey tool", summary="Surveys.", description="Forms.")
    page = client.post(
        PREVIEW_URL,
        {
            "title": "Household surveys offline",
            "description": "Volunteers fill in survey forms on phones with no signal.",
            "systems": ["Google Sheets", "Abacus 3000"],
            "monthly_budget": "20",
        },
        content_type="application/json",
    )
    assert page.status_code == 200
    body = page.json()
    first = body["results"][0]
    assert first["offering"]["name"] == "FieldForms"
    assert first["offering"]["url"].endswith(survey_offering.get_absolute_url())
    assert set(first) == {
        "offering",
        "score",
        "need_fit",
        "interoperability",
        "cost_fit",
        "band",
        "reasons",
        "fits",
        "checks",
        "reason_codes",
    }
    assert first["band"] in {"strong", "possible", "weak"}
    assert all(isinstance(reason, str) for reason in first["reasons"])
    assert "Integrates with Google Sheets" in first["fits"]
    assert set(first["fits"]) | set(first["checks"]) == set(first["reasons"])
    assert [reason["code"] for reason in first["reason_codes"]][0] == "same_kind"
    assert "Works with Google Sheets, which you already use" not in first["reasons"]
    assert "Integrates with Google Sheets" in first["reasons"]
    scores = [result["score"] for result in body["results"]]
    assert scores == sorted(scores, reverse=True)
    assert body["unknown_systems"] == ["Abacus 3000"]
    assert not Need.objects.exists() and not Match.objects.exists()


def test_preview_api_knows_systems_by_the_names_people_use(client, survey_offering):
    for slug in ("salesforce-npsp", "microsoft-excel", "upi"):
        survey_offering.systems.add(factories.system(slug))
    page = client.post(
        PREVIEW_URL,
        {
            "title": "Household surveys offline",
            "description": "Volunteers fill in survey forms on phones with no signal.",
            "systems": ["Salesforce", "excel", "GPay", "Abacus 3000"],
        },
        content_type="application/json",
    )
    assert page.status_code == 200
    body = page.json()
    assert body["unknown_systems"] == ["Abacus 3000"]
    fits = " ".join(body["results"][0]["fits"])
    for name in ("Salesforce Nonprofit (NPSP)", "Microsoft Excel", "UPI payments"):
        assert name in fits


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"description": "no title"}, "title"),
        ({"title": "t", "description": "d", "monthly_budget": "-3"}, "monthly_budget"),
        ({"title": "t", "description": "d", "category": "no-such-category"}, "category"),
        ({"title": "t", "description": "d", "systems": ["x"] * 16}, "systems"),
        ({"title": "t", "description": "d", "deployment": "on the moon"}, "deployment"),
        ({"title": "t", "description": "d", "languages": ["Klingon"]}, "languages"),
        ({"title": "t" * 141, "description": "d"}, "title"),
    ],
)
def test_bad_preview_input_gets_a_400_with_field_errors(client, payload, field):
    page = client.post(PREVIEW_URL, payload, content_type="application/json")
    assert page.status_code == 400
    assert field in page.json()


def test_preview_api_is_rate_limited_for_anonymous_use(client, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import AnonRateThrottle

    AnonRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "anon": "2/minute"}
    try:
        statuses = [
            client.post(
                PREVIEW_URL, {"title": "t", "description": "d"}, content_type="application/json"
            ).status_code
            for _ in range(3)
        ]
    finally:
        AnonRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES
    assert statuses == [200, 200, 429]


def test_provider_dashboard_without_matches_says_so(client):
    client.force_login(factories.member_of(factories.ProviderFactory()))
    assert "No matching needs right now" in client.get(reverse("dashboard")).text


def test_weak_matches_are_folded_away(client):
    need = factories.NeedFactory()
    close, weak = (
        factories.OfferingFactory(name="Close Fit"),
        factories.OfferingFactory(name="Only Cheap"),
    )
    for offering, score in ((close, STRONG_SCORE), (weak, POSSIBLE_SCORE - 4)):
        Match.objects.create(
            need=need,
            offering=offering,
            score=score,
            need_fit=score / 100,
            interoperability=1,
            cost_fit=1,
            reasons=[],
        )
    client.force_login(factories.member_of(need.organisation))

    page = client.get(need.get_absolute_url()).text

    folded = page.index("Show 1 weak match")
    assert page.index("Close Fit") < folded < page.index("Only Cheap")
    assert '<details class="weaker-matches">' in page, "closed while a close match is shown"
