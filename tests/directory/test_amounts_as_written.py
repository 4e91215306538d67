"""Amounts typed as people write them, and as the site shows them: "1,50,000", "₹5,000"."""

from decimal import Decimal

import pytest
from django.urls import reverse

from directory.common.forms import AmountField
from directory.listings.models import Need, Offering
from tests.factories import NeedFactory, need_form, offering_form

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "written, amount",
    [
        ("1,50,000", "150000"),
        ("150,000", "150000"),
        ("₹5,000", "5000"),
        ("Rs. 5,000", "5000"),
        ("INR 1 50 000", "150000"),
        ("1500.50", "1500.50"),
        ("१,५०,०००", "150000"),
        ("1.5 lakh", "150000"),
        ("₹2.5 lakh", "250000"),
        ("5 hazaar", "5000"),
        ("2 लाख", "200000"),
        ("5k", "5000"),
        ("1.23456 lakh", "123456"),
    ],
)
def test_an_amount_reads_in_lakhs_thousands_with_a_sign_or_in_hindi_digits(written, amount):
    assert AmountField().clean(written) == Decimal(amount)


def test_a_need_posted_with_an_indian_grouped_budget_saves_that_budget(client, nonprofit_member):
    client.force_login(nonprofit_member)
    page = client.post(
        reverse("need_create"),
        need_form(monthly_budget="1,50,000", one_off_budget="₹25,000", currency="INR"),
    )
    need = Need.objects.get()
    assert page.status_code == 302
    assert (need.monthly_budget, need.one_off_budget) == (Decimal(150000), Decimal(25000))


@pytest.mark.parametrize("written", ["abc", "1,50,000 a month", "-5"])
def test_an_amount_that_is_not_one_is_refused_and_nothing_saved(client, nonprofit_member, written):
    client.force_login(nonprofit_member)
    page = client.post(reverse("need_create"), need_form(monthly_budget=written))
    assert page.status_code == 200 and not Need.objects.exists()
    said = ("Write the amount in figures, such as 5000 or 1,50,000.", "Write 0 or more.")
    assert any(words in page.text for words in said)


def test_an_offering_priced_with_commas_saves_its_prices(client, provider_member):
    client.force_login(provider_member)
    client.post(
        reverse("offering_create"),
        offering_form(
            list_price_monthly="2,500", nonprofit_price_monthly="1,200", setup_cost="10,000"
        ),
    )
    offering = Offering.objects.get()
    assert offering.nonprofit_price_monthly == 1200 and offering.setup_cost == 10000


def test_the_budget_filter_takes_a_grouped_amount(client):
    NeedFactory(title="Small need", monthly_budget=50_000)
    NeedFactory(title="Big need", monthly_budget=2_00_000)
    page = client.get(reverse("need_list"), {"min_budget": "1,00,000"}).text
    assert "Big need" in page and "Small need" not in page


def test_the_amount_box_opens_the_number_keyboard_and_takes_commas(client, nonprofit_member):
    client.force_login(nonprofit_member)
    page = client.get(reverse("need_create")).text
    assert 'name="monthly_budget"' in page
    box = page[
        page.index('name="monthly_budget"') - 200 : page.index('name="monthly_budget"') + 200
    ]
    assert 'inputmode="decimal"' in box and 'type="text"' in box
