"""``{% load money %}`` … ``{{ offering.setup_cost|money }}``: amounts through
``directory.common.money``, so every page writes them the same way."""

from django import template

from directory.common.money import money as format_money
from directory.common.money import short_money

register = template.Library()


@register.filter
def money(amount, rounding: str = ""):
    """``|money`` with cents when there are any, ``|money:"whole"`` rounded to whole units,
    ``|money:"short"`` in lakh and crore for rupees where space is tight."""
    if amount is None:
        return ""
    if rounding == "short":
        return short_money(amount)
    return format_money(amount, whole=rounding == "whole")
