"""Amounts read the same on every page: the currency, thousands grouped, cents only if any."""

import pytest
from django.template import Context, Template

from directory.common.money import money


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
