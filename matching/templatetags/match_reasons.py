"""``{% load match_reasons %}``: a match's reasons in words for the reader of the page."""

from django import template

from matching.reasons import NONPROFIT, PROVIDER

register = template.Library()


@register.filter
def reasons_for(match, reader: str = NONPROFIT) -> list[str]:
    """``{% for reason in match|reasons_for:"provider" %}``: the provider's wording, or the
    nonprofit's for any other (or no) reader."""
    return match.reasons_for(PROVIDER if reader == PROVIDER else NONPROFIT)


@register.filter
def fits_and_checks_for(match, reader: str = NONPROFIT) -> tuple[list[str], list[str]]:
    """``{% with split=match|fits_and_checks_for:"provider" %}``: (why it fits, what to
    check) for the reader."""
    return match.fits_and_checks_for(PROVIDER if reader == PROVIDER else NONPROFIT)
