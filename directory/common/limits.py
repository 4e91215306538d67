"""Rate limits on what people post (django-ratelimit); past them a clear 429 page
(``RATELIMIT_VIEW``)."""

from django.conf import settings
from django_ratelimit.decorators import ratelimit


def listing_post_rate(group, request) -> str:
    return settings.LISTING_POST_RATE


def limited_posting(view):
    """Posting listings is rate-limited per person and per address (a 429 page past it)."""
    view = ratelimit(key="ip", rate=listing_post_rate, method="POST")(view)
    return ratelimit(key="user", rate=listing_post_rate, method="POST")(view)
