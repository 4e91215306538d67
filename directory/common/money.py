"""Amounts of money as people read them: the one place that writes a price or a budget.

Rupees are written as Indians write them: the ₹ sign and lakh grouping (₹1,50,000), or in
lakh and crore where space is short ("₹1.5 lakh"). Other currencies read "USD 1,200".
"""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext, gettext_lazy

# The currencies a listing's amounts may be written in. Matching compares them in the site's
# currency (SITE_CURRENCY) at the rate curators set (matching.models.MatchingSettings).
CURRENCIES = [("INR", gettext_lazy("Indian rupees (₹)")), ("USD", gettext_lazy("US dollars (USD)"))]


def default_currency() -> str:
    return settings.SITE_CURRENCY


def local_currency(country) -> str:
    """The currency an organisation in ``country`` most likely writes its amounts in: rupees
    in India, else the site's."""
    return "INR" if str(country or "") == "IN" else settings.SITE_CURRENCY


def sign(currency: str | None = None) -> str:
    """How a label names the currency: "₹" for rupees, else its code ("USD")."""
    currency = currency or settings.SITE_CURRENCY
    return "₹" if currency == "INR" else currency


def convert(amount: float | None, source: str, target: str, rupees_per_dollar: float):
    """``amount`` written in ``source`` as ``target`` reads it; None stays None."""
    if amount is None or source == target:
        return amount
    if (source, target) == ("USD", "INR"):
        return amount * rupees_per_dollar
    if (source, target) == ("INR", "USD"):
        return amount / rupees_per_dollar
    raise ValueError(f"No rate from {source} to {target}.")


LAKH = Decimal(100_000)
CRORE = Decimal(10_000_000)


def money(
    amount: Decimal | float | int, currency: str | None = None, *, whole: bool = False
) -> str:
    """E.g. "USD 1,200", "USD 12.50" or "₹1,50,000": grouped, with paise or cents only when
    there are any (none at all with ``whole``)."""
    currency = currency or settings.SITE_CURRENCY
    if currency == "INR":
        return "₹" + rupees(amount, whole=whole)
    figure = floatformat(amount, "0g" if whole else "-2g")
    # Translators: an amount of money, e.g. "USD 1,200".
    return gettext("%(currency)s %(amount)s") % {"currency": currency, "amount": figure}


def rupees(amount: Decimal | float | int, *, whole: bool = False) -> str:
    """Grouped in lakhs (1,50,000); paise only when there are any."""
    value = Decimal(str(amount))
    if whole or value == value.to_integral_value():
        value = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
        return format_decimal(value, format="#,##,##0", locale="en_IN")
    return format_decimal(value, format="#,##,##0.00", locale="en_IN")


def short_money(amount: Decimal | float | int, currency: str | None = None) -> str:
    """For tight spaces: "₹1.5 lakh", "₹2 crore"; anything else as ``money(whole=True)``."""
    currency = currency or settings.SITE_CURRENCY
    value = Decimal(str(amount))
    if currency != "INR" or value < LAKH:
        return money(amount, currency, whole=True)
    if value >= CRORE:
        # Translators: an amount in crores (tens of millions) of rupees, e.g. "₹2 crore".
        unit, size = gettext("₹%(amount)s crore"), CRORE
    else:
        # Translators: an amount in lakhs (hundreds of thousands) of rupees, e.g. "₹1.5 lakh".
        unit, size = gettext("₹%(amount)s lakh"), LAKH
    return unit % {"amount": floatformat(value / size, -1)}
