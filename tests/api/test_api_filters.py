"""The API's lists filter exactly like the site's lists: same query string, same listings."""

import pytest
from django.urls import reverse

from directory.listings.models import Need
from tests.factories import NeedFactory, OfferingFactory, ProviderFactory, category, system

pytestmark = pytest.mark.django_db


@pytest.fixture
def offerings():
    crm, forms = category("supporter-crm"), category("data-collection")
    sheets = system("google-sheets")
    verified = ProviderFactory(is_verified=True)
    OfferingFactory(
        name="Donor Book",
        categories=[crm],
        pricing_model="paid",
        list_price_monthly=50,
        nonprofit_price_monthly=20,
        regions=["KE"],
    )
    kit = OfferingFactory(
        name="SurveyKit",
        categories=[forms],
        organisation=verified,
        offline_mobile=True,
        regions=["UG"],
    )
    kit.systems.add(sheets)
    OfferingFactory(
        name="Survey Cloud", categories=[forms], pricing_model="freemium", nonprofit_price_monthly=5
    )


@pytest.fixture
def needs():
    messaging, forms = category("messaging"), category("data-collection")
    NeedFactory(title="Text parents", category=messaging, monthly_budget=30, country="KE")
    need = NeedFactory(
        title="Household surveys",
        category=forms,
        monthly_budget=100,
        deployment="offline_mobile",
        country="UG",
    )
    need.systems.add(system("google-sheets"))
    NeedFactory(title="Old survey", category=forms, state=Need.State.FULFILLED)


def html_names(client, url_name, query) -> list[str]:
    page = client.get(reverse(url_name), query)
    return [str(listing) for listing in page.context["object_list"]]


def api_names(client, path, query, field) -> list[str]:
    return [item[field] for item in client.get(path, query).json()["results"]]


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"category": "data-collection"},
        {"q": "survey"},
        {"integrates_with": "google-sheets"},
        {"deployment": "offline_mobile"},
        {"pricing": "paid"},
        {"max_price": "10"},
        {"region": "KE"},
        {"verified": "true"},
        {"sort": "name"},
        {"sort": "price", "category": "data-collection"},
    ],
)
def test_offering_filters_find_what_the_offerings_page_finds(client, offerings, query):
    assert api_names(client, "/api/offerings/", query, "name") == html_names(
        client, "offering_list", query
    )


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"category": "messaging"},
        {"q": "survey"},
        {"country": "UG"},
        {"min_budget": "50"},
        {"max_budget": "50"},
        {"integrates_with": "google-sheets"},
        {"deployment": "offline_mobile"},
        {"status": "fulfilled"},
        {"posted_within": "7"},
        {"sort": "budget"},
    ],
)
def test_need_filters_find_what_the_needs_page_finds(client, needs, query):
    assert api_names(client, "/api/needs/", query, "title") == html_names(
        client, "need_list", query
    )


def test_an_unknown_filter_value_is_a_400_naming_the_filter(client):
    answer = client.get("/api/offerings/", {"category": "no-such-category"})
    assert answer.status_code == 400 and "category" in answer.json()
