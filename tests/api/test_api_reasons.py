"""The API answers a match's reasons twice: in words for the reader (`reasons`) and as the
stored codes with values (`reason_codes`)."""

import pytest
import yaml
from rest_framework.test import APIClient

from matching.core.reasons import CODES
from matching.models import Match
from matching.reasons import NONPROFIT, PROVIDER, render_all
from tests.api.conftest import signed_in
from tests.factories import MembershipFactory, NeedFactory, OfferingFactory, member_of

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/api/match-preview/"
SURVEY_NEED = {
    "title": "Collect household surveys offline",
    "description": "Volunteers fill in survey forms on phones in villages with no signal.",
}
READER_DEPENDENT = [
    {"code": "works_with_in_use", "systems": ["Google Sheets"], "missing": ["Tally"]},
    {"code": "free_for_nonprofits", "budget": 600},
]


@pytest.fixture
def match(nonprofit, provider, django_capture_on_commit_callbacks) -> Match:
    offering = OfferingFactory(organisation=provider, name="FieldForms")
    with django_capture_on_commit_callbacks(execute=True):
        need = NeedFactory(organisation=nonprofit, **SURVEY_NEED)
    return Match.objects.get(need=need, offering=offering)


def matches_of(client: APIClient, match: Match) -> dict:
    answer = client.get(f"/api/needs/{match.need_id}/matches/")
    assert answer.status_code == 200
    [result] = answer.json()["results"]
    return result


def test_matches_come_in_words_for_the_nonprofit_and_as_codes(nonprofit_member, match):
    result = matches_of(nonprofit_member, match)
    assert result["reason_codes"] == match.reasons
    assert all(isinstance(reason, dict) and reason["code"] in CODES for reason in match.reasons)
    assert result["reasons"] == render_all(match.reasons, NONPROFIT)
    assert all(isinstance(reason, str) and reason for reason in result["reasons"])


def test_a_member_of_the_offerings_provider_reads_the_providers_words(nonprofit, match):
    Match.objects.filter(pk=match.pk).update(reasons=READER_DEPENDENT)
    both = member_of(nonprofit)
    MembershipFactory(user=both, organisation=match.offering.organisation)
    result = matches_of(signed_in(both), match)
    assert result["reason_codes"] == READER_DEPENDENT
    assert result["reasons"] == [
        "Works with Google Sheets, which they already use; Tally not listed",
        "Free for nonprofits — within their budget",
    ]
    nonprofit_only = matches_of(signed_in(member_of(nonprofit)), match)
    assert nonprofit_only["reasons"] == [
        "Works with Google Sheets, which you already use; Tally not listed",
        "Free for nonprofits — within your budget",
    ]


def test_the_preview_answers_the_providers_words_for_its_own_offerings(provider):
    own = OfferingFactory(organisation=provider, name="FieldForms")
    other = OfferingFactory(name="Other Forms")
    answer = signed_in(member_of(provider)).post(PREVIEW_URL, SURVEY_NEED, format="json")
    results = {result["offering"]["id"]: result for result in answer.json()["results"]}
    for offering, reader in ((own, PROVIDER), (other, NONPROFIT)):
        result = results[offering.pk]
        assert result["reasons"] == render_all(result["reason_codes"], reader)
    assert "No way to take their data out is listed" in results[own.pk]["reasons"]
    assert "No way to take your data out is listed" in results[other.pk]["reasons"]


def test_visitors_preview_in_the_nonprofits_words(visitor):
    OfferingFactory(name="FieldForms")
    [result] = visitor.post(PREVIEW_URL, SURVEY_NEED, format="json").json()["results"]
    assert result["reasons"] == render_all(result["reason_codes"], NONPROFIT)
    assert "No way to take your data out is listed" in result["reasons"]


def test_the_schema_documents_both_forms(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)["components"]["schemas"]
    for name in ("Match", "PreviewedMatch"):
        properties = schema[name]["properties"]
        assert properties["reasons"]["items"]["type"] == "string"
        codes = properties["reason_codes"]["items"]
        assert codes["required"] == ["code"]
        assert set(codes["properties"]["code"]["enum"]) == set(CODES)
