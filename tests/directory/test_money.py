"""Amounts read the same on every page: the currency, thousands grouped, cents only if any."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from directory.common.money import money, short_money


@pytest.mark.parametrize(
    ("amount", "whole", "shown"),
    [(1200, False, "USD 1,200"), (12.5, False, "USD 12.50"), (1234.56, True, "USD 1,235")],
)
def test_amounts_are_written_one_way(amount, whole, shown, settings):
    settings.SITE_CURRENCY = "USD"
    assert money(amount, whole=whole) == shown


def test_the_template_filter_writes_the_same_and_nothing_for_no_amount(settings):
    settings.SITE_CURRENCY = "USD"
    page = Template('{% load money %}{{ a|money }}|{{ b|money:"whole" }}|{{ c|money }}')
    assert page.render(Context({"a": 1200, "b": 99.6, "c": None})) == "USD 1,200|USD 100|"


@pytest.mark.parametrize(
    ("amount", "whole", "shown"),
    [
        (150000, False, "₹1,50,000"),
        (25000000, False, "₹2,50,00,000"),
        (1234.5, False, "₹1,234.50"),
        (1234.5, True, "₹1,235"),
        (999, False, "₹999"),
    ],
)
def test_rupees_are_grouped_in_lakhs(amount, whole, shown):
    assert money(amount, "INR", whole=whole) == shown


@pytest.mark.parametrize(
    ("amount", "shown"),
    [(150000, "₹1.5 lakh"), (100000, "₹1 lakh"), (25000000, "₹2.5 crore"), (45000, "₹45,000")],
)
def test_short_rupees_read_in_lakh_and_crore(amount, shown):
    assert short_money(amount, "INR") == shown


def test_short_rupees_in_hindi_say_lakh_in_hindi(settings):
    settings.SITE_CURRENCY = "INR"
    page = Template('{% load money %}{{ a|money:"short" }}|{{ a|money }}')
    with translation.override("hi"):
        assert page.render(Context({"a": 150000})) == "₹1.5 लाख|₹1,50,000"


def test_each_listing_s_amounts_read_in_its_own_currency(settings):
    settings.SITE_CURRENCY = "USD"
    page = Template(
        '{% load money %}{{ a|in_currency:rupees|money }}|{{ a|in_currency:dollars|money:"whole" }}'
        "|{{ none|in_currency:rupees|money }}"
    )
    rupees, dollars = SimpleNamespace(currency="INR"), SimpleNamespace(currency="USD")
    shown = page.render(Context({"a": 150000, "none": None, "rupees": rupees, "dollars": dollars}))
    assert shown == "₹1,50,000|USD 150,000|"
