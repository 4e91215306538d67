"""Budgets and prices in rupees and in dollars: matching compares them in the site's currency
at the rate curators set (MatchingSettings.rupees_per_dollar), never fetched."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from directory.accounts.acting import organisation_for
from directory.listings.models import Moderation, Need, Offering
from matching.models import MatchingSettings
from matching.profiles import need_profile, offering_profile
from tests.directory.introduction_data import ask, sent_to
from tests.factories import NeedFactory, OfferingFactory, need_form, offering_form

pytestmark = pytest.mark.django_db


def set_rate(rupees: str) -> None:
    MatchingSettings.objects.update_or_create(pk=1, defaults={"rupees_per_dollar": Decimal(rupees)})


def clinic_records(name: str, **fields) -> Offering:
    """A clinic-records tool priced in dollars, as ``fields`` say."""
    return OfferingFactory(
        name=name,
        summary="Electronic health records for small clinics.",
        description="Patient records, lab results and visits, on any phone.",
        currency="USD",
        **fields,
    )


def test_a_rupee_budget_reads_in_dollars_at_the_curators_rate(settings):
    settings.SITE_CURRENCY = "USD"
    set_rate("80")
    need = NeedFactory(currency="INR", monthly_budget=Decimal("8000"), one_off_budget=None)
    assert need_profile(need).monthly_budget == pytest.approx(100)
    set_rate("100")
    assert need_profile(need).monthly_budget == pytest.approx(80)


def test_a_dollar_price_reads_in_rupees_on_a_rupee_site(settings):
    settings.SITE_CURRENCY = "INR"
    set_rate("85")
    offering = OfferingFactory(
        currency="USD", nonprofit_price_monthly=Decimal("10"), setup_cost=Decimal("100")
    )
    profile = offering_profile(offering)
    assert profile.nonprofit_monthly_price == pytest.approx(850)
    assert profile.setup_cost == pytest.approx(8500)


def test_amounts_in_the_sites_currency_are_left_alone(settings):
    settings.SITE_CURRENCY = "USD"
    need = NeedFactory(currency="USD", monthly_budget=Decimal("120"))
    assert need_profile(need).monthly_budget == 120


def test_a_rupee_need_and_a_dollar_offering_match_within_budget_at_one_rate_and_not_another(
    client, settings, nonprofit_member
):
    """Through the need form's preview: the same two amounts, two rates, two verdicts."""
    settings.SITE_CURRENCY = "USD"
    clinic_records(
        "Clinic Records",
        pricing_model=Offering.Pricing.PAID,
        nonprofit_price_monthly=Decimal("20"),
        list_price_monthly=Decimal("20"),
        setup_cost=None,
    )
    client.force_login(nonprofit_member)
    asked = need_form(
        title="Patient records for our clinic",
        description="We keep patient records and lab results on paper and want them on phones.",
        currency="INR",
        monthly_budget="2000",
    )

    set_rate("80")  # USD 20 a month = ₹1,600: within ₹2,000
    within = client.post(reverse("need_preview"), asked).text
    set_rate("120")  # USD 20 a month = ₹2,400: over ₹2,000
    over = client.post(reverse("need_preview"), asked).text

    assert "Clinic Records" in within and "within your" in within
    assert "Clinic Records" in over and "over your" in over


def test_the_forms_keep_the_currency_chosen(client, nonprofit_member, provider_member):
    client.force_login(nonprofit_member)
    client.post(reverse("need_create"), need_form(currency="INR", monthly_budget="5000"))
    need = Need.objects.get()
    assert need.currency == "INR"
    edit = client.get(reverse("need_edit", args=[need.pk])).text
    assert "Monthly budget (₹)" in edit

    client.force_login(provider_member)
    client.post(reverse("offering_create"), offering_form(currency="INR"))
    assert Offering.objects.get().currency == "INR"


def test_a_form_sent_without_a_currency_keeps_the_sites(client, settings, provider_member):
    settings.SITE_CURRENCY = "USD"
    client.force_login(provider_member)
    client.post(reverse("offering_create"), offering_form())
    offering = Offering.objects.get()
    assert offering.currency == "USD"
    assert organisation_for(provider_member) == offering.organisation


def test_a_new_rate_reaches_the_next_preview_at_once(settings):
    """The index holds offering prices converted at the rate: saving a new one rebuilds it."""
    from matching.services import index_cache

    settings.SITE_CURRENCY = "INR"
    set_rate("80")
    offering = OfferingFactory(currency="USD", nonprofit_price_monthly=Decimal("10"))
    index_cache.clear()
    before = index_cache.current()
    MatchingSettings.current().__class__.objects.get(pk=1).save()  # a curator saves it
    config = MatchingSettings.current()
    config.rupees_per_dollar = Decimal("100")
    config.save()
    after = index_cache.current()
    assert offering.pk in after
    assert after is not before or index_cache.vocabulary_key.endswith("100.0")


# --- As pages and e-mails write them -----------------------------------------------------


def test_each_listing_shows_its_own_currency_with_rupees_in_lakhs(client, settings):
    settings.SITE_CURRENCY = "USD"
    offering = OfferingFactory(
        currency="INR",
        pricing_model=Offering.Pricing.DISCOUNT,
        list_price_monthly=Decimal("200000"),
        nonprofit_price_monthly=Decimal("150000"),
    )
    need = NeedFactory(currency="INR", monthly_budget=Decimal("5000"), one_off_budget=None)
    dollars = NeedFactory(currency="USD", monthly_budget=Decimal("1200"), one_off_budget=None)

    assert "₹1,50,000 a month for nonprofits" in client.get(offering.get_absolute_url()).text
    assert "(usually ₹2,00,000, about USD " in client.get(offering.get_absolute_url()).text
    assert "₹5,000 a month" in client.get(need.get_absolute_url()).text
    assert "USD 1,200 a month" in client.get(dollars.get_absolute_url()).text


def test_a_budget_reads_as_one_statement_with_or_without_a_monthly_part(client):
    one_off_only = NeedFactory(
        currency="INR", free_only=False, monthly_budget=None, one_off_budget=Decimal("30000")
    )
    both = NeedFactory(
        currency="INR", monthly_budget=Decimal("2000"), one_off_budget=Decimal("30000")
    )
    neither = NeedFactory(monthly_budget=None, one_off_budget=None, free_only=False)

    page = client.get(one_off_only.get_absolute_url()).text
    assert "₹30,000 one-off, no monthly budget given" in page
    assert "No budget given" not in page
    assert "₹2,000 a month + ₹30,000 one-off" in client.get(both.get_absolute_url()).text
    assert "No budget given" in client.get(neither.get_absolute_url()).text


def test_dates_read_day_first_dd_mm_yyyy_in_english_and_in_hindi(client):
    need = NeedFactory(deadline=date(2031, 12, 5))
    assert "05/12/2031" in client.get(need.get_absolute_url()).text
    hindi = client.get(need.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="hi").text
    assert "05/12/2031" in hindi
    assert "12/05/2031" not in hindi


def test_an_introduction_e_mail_gives_its_answer_by_date_day_first(
    client, world, django_capture_on_commit_callbacks
):
    ask(client, world, django_capture_on_commit_callbacks)
    [message] = sent_to(world.acceptor.email)
    assert re.search(r"by \d\d/\d\d/\d{4}", message.body), message.body


def test_the_price_and_budget_filters_compare_amounts_in_one_currency(client, settings):
    settings.SITE_CURRENCY = "USD"
    set_rate("80")
    rupees = OfferingFactory(
        name="Rupee Tool",
        currency="INR",
        pricing_model=Offering.Pricing.DISCOUNT,
        nonprofit_price_monthly=Decimal("4000"),  # USD 50
    )
    dollars = OfferingFactory(
        name="Dollar Tool",
        currency="USD",
        pricing_model=Offering.Pricing.DISCOUNT,
        nonprofit_price_monthly=Decimal("140"),
    )
    listed = client.get(reverse("offering_list"), {"max_price": "100"}).text
    assert rupees.name in listed and dollars.name not in listed
    assert "Max. monthly price (USD)" in listed
    free = OfferingFactory(
        name="Free Tool", pricing_model=Offering.Pricing.FREE, nonprofit_price_monthly=None
    )
    cheapest_first = client.get(reverse("offering_list"), {"sort": "price"}).text
    assert cheapest_first.index(free.name) < cheapest_first.index(rupees.name)
    assert cheapest_first.index(rupees.name) < cheapest_first.index(dollars.name)

    NeedFactory(title="Rupee budget", currency="INR", monthly_budget=Decimal("8000"))  # USD 100
    NeedFactory(title="Dollar budget", currency="USD", monthly_budget=Decimal("500"))
    needs = client.get(reverse("need_list"), {"max_budget": "200"}).text
    assert "Rupee budget" in needs and "Dollar budget" not in needs
    assert "Monthly budget up to (USD)" in needs
    biggest_first = client.get(reverse("need_list"), {"sort": "budget"}).text
    assert biggest_first.index("Dollar budget") < biggest_first.index("Rupee budget")


def rupee_clinic_need_page(client, member) -> str:
    """The page of a ₹5,000-a-month clinic-records need of ``member``'s nonprofit, as they
    read it (waiting for review: its matches are scored live)."""
    need = NeedFactory(
        organisation=organisation_for(member),
        title="Patient records for our clinic",
        description="We keep patient records and lab results on paper and want them on a computer.",
        currency="INR",
        monthly_budget=Decimal("5000"),
        status=Moderation.PENDING,
    )
    client.force_login(member)
    return client.get(need.get_absolute_url()).text


def test_a_rupee_needs_match_card_gives_a_dollar_server_estimate_in_rupees_too(
    client, settings, nonprofit_member
):
    settings.SITE_CURRENCY = "USD"
    set_rate("80")
    clinic_records(
        "Clinic Server",
        pricing_model=Offering.Pricing.FREE,
        licence="MIT",
        self_hosted=True,
        cloud=False,
        hosting_monthly_estimate=Decimal("40"),
    )
    page = rupee_clinic_need_page(client, nonprofit_member)
    assert "Clinic Server" in page
    assert "You run it on your own server: about ₹3,200 a month (USD 40)" in page


@pytest.mark.parametrize(
    "setup, said",
    [
        (Decimal("100"), "About ₹27,200 in the first year (USD 340, including USD 100 setup)"),
        (Decimal("0"), "About ₹19,200 a year (USD 240)"),
    ],
)
def test_a_rupee_needs_match_card_gives_a_dollar_tools_yearly_cost_in_rupees_too(
    client, settings, nonprofit_member, setup, said
):
    settings.SITE_CURRENCY = "USD"
    set_rate("80")
    clinic_records(
        "Clinic Cloud",
        pricing_model=Offering.Pricing.DISCOUNT,
        list_price_monthly=Decimal("30"),
        nonprofit_price_monthly=Decimal("20"),
        setup_cost=setup,
    )
    page = rupee_clinic_need_page(client, nonprofit_member)
    assert said in page
    assert "including USD 0" not in page
