"""Amounts of money as people read them: the one place that writes a price or a budget.

Rupees are written as Indians write them: the ₹ sign and lakh grouping (₹1,50,000), or in
lakh and crore where space is short ("₹1.5 lakh"). Other currencies read "USD 1,200".
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from django.conf import settings
from django.db.models import Case, DecimalField, F, Q, Value, When
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


@dataclass(frozen=True)
class ReaderCurrency:
    """The currency a page's reader counts in (a need's), and the curators' rate: a need's
    page gives a listing's amounts in it too, beside the reasons that already do."""

    currency: str
    rupees_per_dollar: float


def in_site_currency_sql(field: str, rupees_per_dollar: float) -> Case:
    """``field``, an amount in its row's ``currency``, in the site's currency (a database
    expression): lists filter and sort prices and budgets written in rupees and in dollars
    on one scale, at the curators' rate, as matching compares them."""
    site = settings.SITE_CURRENCY
    others = [code for code, _ in CURRENCIES if code != site]
    return Case(
        *(
            When(
                currency=code,
                then=F(field) * Value(Decimal(str(convert(1.0, code, site, rupees_per_dollar)))),
            )
            for code in others
        ),
        default=F(field),
        output_field=DecimalField(max_digits=24, decimal_places=8),
    )


def in_site_currency_q(
    field: str, lookup: str, value, rupees_per_dollar: float, written_in: str | None = None
) -> Q:
    """Rows whose ``field`` (in the row's ``currency``) compares by ``lookup`` ("lte", "gte")
    with ``value``, written in ``written_in`` (the site's currency unless named), at the
    curators' rate: one condition per currency on the stored amount, so that an index on
    ``field`` still serves (`in_site_currency_sql` sorts)."""
    written_in = written_in or settings.SITE_CURRENCY
    condition = Q()
    for code, _ in CURRENCIES:
        limit = Decimal(str(convert(float(value), written_in, code, rupees_per_dollar)))
        condition |= Q(currency=code, **{f"{field}__{lookup}": limit})
    return condition


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


def too_large(ceiling: int, currency: str | None = None) -> str:
    """What an amount field says of an amount at or above ``ceiling``, in ``currency``."""
    limit = money(ceiling, currency, whole=True)
    return gettext("That amount is too large: enter less than %(limit)s.") % {"limit": limit}
