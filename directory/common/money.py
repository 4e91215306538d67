"""Amounts of money as people read them: the one place that writes a price or a budget."""

from decimal import Decimal

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext


def money(
    amount: Decimal | float | int, currency: str | None = None, *, whole: bool = False
) -> str:
    """E.g. "USD 1,200" or "USD 12.50": the currency, then the amount grouped in thousands,
    with cents only when there are any (none at all with ``whole``)."""
    figure = floatformat(amount, "0g" if whole else "-2g")
    # Translators: an amount of money, e.g. "USD 1,200".
    return gettext("%(currency)s %(amount)s") % {
        "currency": currency or settings.SITE_CURRENCY,
        "amount": figure,
    }
