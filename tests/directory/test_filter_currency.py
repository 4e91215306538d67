"""The price and budget filters take amounts in the reader's currency: a reader in India types
rupees (the labels say ₹), anyone may choose another currency, and the API keeps the site's
unless asked. Lists compare every amount in the site's currency whatever it was typed in."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from directory.listings.models import Offering
from tests.api.conftest import signed_in
from tests.directory.test_currencies import set_rate
from tests.factories import NeedFactory, OfferingFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def priced(settings):
    settings.SITE_CURRENCY = "USD"
    set_rate("80")
    for name, currency, price in (("Rupee Tool", "INR", "4000"), ("Dollar Tool", "USD", "140")):
        OfferingFactory(
            name=name,
            currency=currency,
            pricing_model=Offering.Pricing.DISCOUNT,
            nonprofit_price_monthly=Decimal(price),  # USD 50 and USD 140
        )


def reader_in(country: str) -> Client:
    client = Client()
    client.force_login(member_of(OrganisationFactory(country=country)))
    return client


def test_a_reader_in_india_types_the_highest_price_in_rupees(priced):
    page = reader_in("IN").get(reverse("offering_list"), {"max_price": "5000"}).text
    assert "Rupee Tool" in page and "Dollar Tool" not in page  # ₹5,000 is USD 62.50
    assert "Max. monthly price (₹)" in page
    assert '<option value="INR" selected>' in page


def test_anyone_may_type_the_amounts_in_another_currency(priced):
    page = reader_in("IN").get(reverse("offering_list"), {"max_price": "150", "currency": "USD"})
    assert "Rupee Tool" in page.text and "Dollar Tool" in page.text
    assert "Max. monthly price (USD)" in page.text
    kenya = reader_in("KE").get(reverse("offering_list"), {"max_price": "100"}).text
    assert "Rupee Tool" in kenya and "Dollar Tool" not in kenya, "the site's currency"


def test_a_visitor_reading_hindi_types_rupees(priced):
    hindi = Client(HTTP_ACCEPT_LANGUAGE="hi")
    page = hindi.get(reverse("offering_list"), {"max_price": "5000"}).text
    assert "Rupee Tool" in page and "Dollar Tool" not in page
    assert "रकम किस मुद्रा में" in page


def test_a_provider_in_india_finds_needs_by_a_budget_in_rupees(priced):
    NeedFactory(title="Rupee budget", currency="INR", monthly_budget=Decimal("8000"))  # USD 100
    NeedFactory(title="Dollar budget", currency="USD", monthly_budget=Decimal("500"))
    page = reader_in("IN").get(reverse("need_list"), {"min_budget": "20000"}).text
    assert "Dollar budget" in page and "Rupee budget" not in page  # ₹20,000 is USD 250
    assert "Monthly budget from (₹)" in page


def test_two_readers_of_the_same_address_each_read_their_own_currency(priced):
    """The list's shared filter form is kept per currency as per language and time zone."""
    assert "Max. monthly price (₹)" in reader_in("IN").get(reverse("offering_list")).text
    assert "Max. monthly price (USD)" in reader_in("KE").get(reverse("offering_list")).text


def test_the_api_takes_amounts_in_the_sites_currency_unless_it_names_another(priced):
    api = signed_in(member_of(OrganisationFactory(country="IN")))

    def names(**query):
        return {row["name"] for row in api.get("/api/offerings/", query).json()["results"]}

    assert names(max_price="100") == {"Rupee Tool"}
    assert names(max_price="100", currency="INR") == set()
    assert names(max_price="12000", currency="INR") == {"Rupee Tool", "Dollar Tool"}
    refused = api.get("/api/offerings/", {"currency": "EUR"})
    assert refused.status_code == 400 and "currency" in refused.json()


def test_a_reader_in_india_reads_each_price_in_rupees_beside_its_own(priced):
    page = reader_in("IN").get(reverse("offering_list")).text
    assert "USD 140 a month for nonprofits" in page and "(about ₹11,200)" in page
    assert "(about ₹4,000)" not in page, "a price in rupees already is given once"
    kenya = reader_in("KE").get(reverse("offering_list")).text
    assert "(about ₹11,200)" not in kenya and "(about USD 50)" in kenya


def test_the_label_follows_the_currency_each_address_names(priced):
    reader = reader_in("IN")
    for currency, label in (("INR", "(₹)"), ("USD", "(USD)"), ("INR", "(₹)")):
        page = reader.get(reverse("offering_list"), {"max_price": "2000", "currency": currency})
        assert f"Max. monthly price {label}" in page.text, currency


def test_an_offerings_page_gives_its_price_in_the_readers_currency_too(priced):
    dollars = Offering.objects.get(name="Dollar Tool")
    page = reader_in("IN").get(dollars.get_absolute_url()).text
    assert "USD 140 a month for nonprofits" in page and "(about ₹11,200)" in page
    assert "(about ₹" not in reader_in("KE").get(dollars.get_absolute_url()).text


def test_a_provider_in_india_reads_each_monthly_budget_in_rupees_beside_its_own(priced):
    NeedFactory(title="Dollar budget", currency="USD", monthly_budget=Decimal("500"))
    page = reader_in("IN").get(reverse("need_list")).text
    assert "USD 500 a month" in page and "(about ₹40,000)" in page
    assert "(about ₹" not in reader_in("KE").get(reverse("need_list")).text


def test_side_by_side_a_reader_in_india_reads_the_prices_in_rupees_too(priced):
    ids = list(Offering.objects.order_by("name").values_list("pk", flat=True))
    page = reader_in("IN").get(reverse("compare"), {"ids": ids}).text
    assert "USD 140 a month for nonprofits" in page and "(about ₹11,200)" in page


def test_an_amount_too_large_says_the_largest_in_the_currency_typed(priced):
    too_much = {"max_price": "9" * 30}
    page = reader_in("IN").get(reverse("offering_list"), too_much).text
    assert "That amount is too large: enter less than ₹10,00,00,000." in page
    page = reader_in("KE").get(reverse("offering_list"), too_much).text
    assert "That amount is too large: enter less than USD 100,000,000." in page
    assert "1e+50" not in page


def test_a_budget_up_to_below_the_budget_from_is_said_to_be_so(priced):
    NeedFactory(title="Big budget", currency="USD", monthly_budget=Decimal("900"))
    NeedFactory(title="Small budget", currency="USD", monthly_budget=Decimal("50"))
    page = reader_in("KE").get(reverse("need_list"), {"min_budget": "500", "max_budget": "100"})
    assert page.status_code == 200
    assert "Make this at least the lowest budget, USD 500." in page.text
    assert "Big budget" in page.text and "Small budget" not in page.text
    hindi = Client(HTTP_ACCEPT_LANGUAGE="hi").get(
        reverse("need_list"), {"min_budget": "500", "max_budget": "100", "currency": "USD"}
    )
    assert "यह रकम सबसे कम बजट (USD 500) से कम नहीं हो सकती।" in hindi.text
    api = signed_in(member_of(OrganisationFactory(country="KE")))
    refused = api.get("/api/needs/", {"min_budget": "500", "max_budget": "100"})
    assert refused.status_code == 400 and "max_budget" in refused.json()


def test_a_reader_in_india_reads_the_usual_price_in_rupees_too(priced):
    Offering.objects.filter(name="Dollar Tool").update(list_price_monthly=Decimal("200"))
    page = reader_in("IN").get(reverse("offering_list")).text
    assert "(usually USD 200, about ₹16,000)" in page
    hindi = reader_in("IN")
    hindi.cookies["django_language"] = "hi"
    assert "(आम तौर पर USD 200, लगभग ₹16,000)" in hindi.get(reverse("offering_list")).text
    kenya = reader_in("KE").get(reverse("offering_list")).text
    assert "(usually USD 200)" in kenya, "the site's currency is the reader's: said once"
