"""``{% load money %}`` … ``{{ offering.setup_cost|money }}``: amounts through
``directory.common.money``, so every page writes them the same way."""

from django import template

from directory.common.money import money as format_money

register = template.Library()


@register.filter
def money(amount, rounding: str = ""):
    """``|money`` with cents when there are any, ``|money:"whole"`` rounded to whole units."""
    return "" if amount is None else format_money(amount, whole=rounding == "whole")
