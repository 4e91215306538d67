"""A search in Hinglish or Hindi also finds listings written in English: each word is read as
the English words the glossary gives it ("mahila swasthya": women, health), on both lists and
through the API."""

import pytest
from django.urls import reverse

from directory.listings.models import Offering
from directory.listings.search import in_english
from tests.api.conftest import signed_in
from tests.directory.conftest import page_text as page
from tests.factories import NeedFactory, OfferingFactory, ProviderFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tools():
    OfferingFactory(name="Clinic Cards", summary="Health records for women's clinics.")
    OfferingFactory(name="Group Ledger", summary="Savings books for women's self-help groups.")
    OfferingFactory(name="Payroll Pro", summary="Salaries, payslips and staff leave.")


def test_a_hinglish_search_finds_a_tool_written_up_in_english(client, tools):
    found = page(client, reverse("offering_list") + "?q=mahila+swasthya")
    assert "Clinic Cards" in found
    # Every word must be met: a women's tool with nothing on health is not found.
    assert "Group Ledger" not in found
    assert "Payroll Pro" not in found


def test_a_hindi_search_finds_a_tool_written_up_in_english(client, tools):
    found = page(client, reverse("offering_list") + "?q=महिला बचत")
    assert "Group Ledger" in found
    assert "Clinic Cards" not in found


def test_the_needs_list_reads_a_hinglish_search_too(client):
    NeedFactory(title="Savings records for women farmers")
    NeedFactory(title="Payroll for our staff")
    found = page(client, reverse("need_list") + "?q=mahila+kisan")
    assert "Savings records for women farmers" in found
    assert "Payroll for our staff" not in found


def test_the_api_finds_the_same(tools):
    api = signed_in(member_of(ProviderFactory()))
    names = [
        r["name"] for r in api.get("/api/offerings/", {"q": "mahila swasthya"}).json()["results"]
    ]
    assert names == ["Clinic Cards"]


def test_an_english_search_is_searched_as_typed_only():
    assert in_english(Offering, "women's health records") is None
    assert in_english(Offering, "mahila swasthya") is not None
