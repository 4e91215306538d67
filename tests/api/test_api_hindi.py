"""A client that asks for Hindi (Accept-Language) reads the API's own messages in Hindi:
Django REST framework ships no Hindi catalogue, locale_third_party/rest_framework.hi.json
gives one (directory/management/commands/country_names_hi.py copies it in)."""

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
HINDI = {"HTTP_ACCEPT_LANGUAGE": "hi"}


def test_a_listing_that_is_not_there_reads_not_found_in_hindi(visitor):
    answer = visitor.get("/api/offerings/no-such-tool/", **HINDI)
    assert answer.status_code == 404
    assert answer.json() == {"detail": "नहीं मिला।"}
    english = visitor.get("/api/offerings/no-such-tool/")
    assert english.json() == {"detail": "Not found."}


def test_a_visitor_who_may_not_post_reads_why_in_hindi(visitor):
    answer = visitor.post("/api/needs/", {}, format="json", **HINDI)
    assert answer.status_code in (401, 403)
    assert answer.json()["detail"] == "साइन इन की जानकारी नहीं दी गई।"


def test_a_wrong_token_reads_in_hindi():
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    answer = client.get("/api/offerings/", **HINDI)
    assert answer.status_code == 401
    assert answer.json()["detail"] == "टोकन सही नहीं है।"


def test_a_wrong_kind_of_value_reads_in_hindi(nonprofit_member):
    answer = nonprofit_member.post(
        "/api/match-preview/",
        {"title": "Offline survey", "description": "Surveys in villages", "monthly_budget": "x"},
        format="json",
        **HINDI,
    )
    assert answer.status_code == 400
    assert answer.json()["monthly_budget"] == ["एक सही संख्या चाहिए।"]
