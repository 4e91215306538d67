"""``{% load freshness %}``: who vouches for the date a listing was last confirmed."""

from django import template

from directory.listings.models import Source

register = template.Library()


@register.filter
def confirmed_by_nobody(listing, responsiveness) -> bool:
    """A registry entry whose provider has no member here (``responsiveness.joined``): the
    date it was last confirmed is its import's, not anyone's word."""
    return listing.source == Source.DPG and responsiveness is not None and not responsiveness.joined
