"""``{% load money %}`` … ``{{ offering.setup_cost|in_currency:offering|money }}``: amounts
through ``directory.common.money``, so every page writes them the same way, each in the
currency its listing is written in (``in_currency``; else the site's)."""

from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from directory.common.money import ReaderCurrency, convert, short_money
from directory.common.money import money as format_money

register = template.Library()


@dataclass(frozen=True)
class Amount:
    value: Decimal | float | int
    currency: str


@register.filter
def in_currency(amount, listing):
    """The amount as written in ``listing``'s currency (a need or an offering)."""
    if amount is None or amount == "":
        return None
    return Amount(amount, getattr(listing, "currency", None))


@register.filter
def hosting(offering):
    """What running the offering on a server costs a month, as an amount in the currency it
    is written in (``Offering.hosting_estimate``, ``hosting_currency``); None when nobody
    gives one."""
    estimate = offering.hosting_estimate
    return Amount(estimate, offering.hosting_currency) if estimate else None


@register.filter
def for_reader(amount: Amount | None, reader: ReaderCurrency | None):
    """``amount`` in the reader's currency, or None when there is no amount, no reader, or
    it is already in the reader's currency."""
    if amount is None or reader is None or amount.currency == reader.currency:
        return None
    rate = reader.rupees_per_dollar
    return Amount(
        convert(float(amount.value), amount.currency, reader.currency, rate), reader.currency
    )


@register.simple_tag
def about_for_reader(amount, listing, reader: ReaderCurrency | None) -> str:
    """`` (about ₹3,400)``: ``amount``, written in ``listing``'s currency, in the reader's
    (a list read in another currency); "" when there is no reader (none given, or a page that
    has none) or the amount is already in the reader's currency."""
    return about_amount_for_reader(in_currency(amount, listing), reader)


@register.simple_tag
def about_amount_for_reader(amount: Amount | None, reader: ReaderCurrency | None) -> str:
    """`about_for_reader` of an amount that already names its currency (a server's
    estimate, `hosting_yearly`)."""
    local = for_reader(amount, reader) if reader else None
    if local is None:
        return ""
    about = gettext("(about %(amount)s)") % {"amount": money(local, "whole")}
    return format_html(' <span class="local-price">{}</span>', about)


@register.simple_tag
def usually_for_reader(offering, reader: ReaderCurrency | None) -> str:
    """`` (usually USD 40, about ₹3,400)``: the offering's list price beside its price for
    nonprofits, in the reader's currency too as `about_for_reader` gives the price; "" when
    there is no list price or it is the nonprofit price."""
    listed = offering.list_price_monthly
    if not listed or listed == offering.nonprofit_price_monthly:
        return ""
    amount = in_currency(listed, offering)
    local = for_reader(amount, reader) if reader else None
    words = {"amount": money(amount)}
    if local is None:
        usually = gettext("(usually %(amount)s)") % words
    else:
        words["local"] = money(local, "whole")
        usually = gettext("(usually %(amount)s, about %(local)s)") % words
    return format_html(' <span class="list-price">{}</span>', usually)


@register.filter
def hosting_for(offering, reader: ReaderCurrency | None):
    """`hosting` in the reader's currency (`for_reader`)."""
    return for_reader(hosting(offering), reader)


@register.filter
def hosting_yearly(offering):
    """`hosting` for a year: twelve months of it, or None when nobody gives one."""
    monthly = hosting(offering)
    return Amount(monthly.value * 12, monthly.currency) if monthly else None


@register.filter
def money(amount, rounding: str = ""):
    """``|money`` with cents when there are any, ``|money:"whole"`` rounded to whole units,
    ``|money:"short"`` in lakh and crore for rupees where space is tight."""
    if amount is None or amount == "":
        return ""
    currency = None
    if isinstance(amount, Amount):
        amount, currency = amount.value, amount.currency
    if rounding == "short":
        return short_money(amount, currency)
    return format_money(amount, currency, whole=rounding == "whole")
