"""A search on the offerings list reads what its words mean, as the matching engine reads a
need: the tools for the words come before those that only mention them, a search in Hindi
finds tools written up in English, and the API lists them in the same order."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.api.conftest import signed_in
from tests.directory.conftest import page_text as page
from tests.factories import OfferingFactory, ProviderFactory, category, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def tools(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # their embeddings, as saved
        make_tools()


def make_tools():
    OfferingFactory(
        name="Field Forms",
        summary="Build survey forms and collect answers on phones, even offline.",
        uses="collect survey answers in villages\nexport survey data to Excel",
        categories=[category("data-collection")],
    )
    OfferingFactory(
        name="Annual Survey Yearbook",
        summary="Tables of a national statistics office, by year.",
        kind="data",
        categories=[category("data-platforms")],
    )
    OfferingFactory(
        name="Clinic Notes",
        summary="Electronic patient records for small clinics: visits, prescriptions, lab tests.",
        categories=[category("case-management")],  # not the category the Hindi words name
    )
    OfferingFactory(
        name="Payroll Pro",
        summary="Salaries, payslips and staff leave.",
        categories=[category("finance-accounting")],
    )


def listed(text: str, *names: str) -> list[str]:
    """These names in the order the page lists them (those it lists)."""
    return sorted((name for name in names if f">{name}<" in text), key=lambda n: text.index(n))


def test_a_search_lists_the_tool_for_its_words_before_one_that_only_names_them(client, tools):
    found = page(client, reverse("offering_list") + "?q=survey")
    # By the words alone the yearbook came first: "survey" is in its name, only in the
    # summary of the form tool.
    assert listed(found, "Field Forms", "Annual Survey Yearbook") == [
        "Field Forms",
        "Annual Survey Yearbook",
    ]
    assert "Payroll Pro" not in found


def test_a_search_in_hindi_finds_a_tool_written_up_only_in_english(tools):
    hindi = Client(HTTP_ACCEPT_LANGUAGE="hi")
    found = page(hindi, reverse("offering_list") + "?q=मरीज़ों का रिकॉर्ड")
    assert listed(found, "Clinic Notes", "Payroll Pro") == ["Clinic Notes"]


def test_a_search_that_means_nothing_here_finds_nothing_by_meaning(client, tools):
    found = page(client, reverse("offering_list") + "?q=bicycle repairs")
    names = ("Field Forms", "Annual Survey Yearbook", "Clinic Notes", "Payroll Pro")
    assert listed(found, *names) == []


def test_the_api_lists_a_search_in_the_same_order_as_the_page(client, tools):
    api = signed_in(member_of(ProviderFactory()))
    names = [row["name"] for row in api.get("/api/offerings/", {"q": "survey"}).json()["results"]]
    assert names[:2] == ["Field Forms", "Annual Survey Yearbook"]
    assert "Payroll Pro" not in names
