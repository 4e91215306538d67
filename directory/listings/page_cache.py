"""The list pages as anonymous visitors see them, kept for a short time in the shared cache.

This comes on top of making the pages themselves fast, not instead of it: every cache miss
renders the whole page, and bench/web.py measures both.

Who gets a cached page: GET requests that carry no session and no messages cookie. Such a
visitor is signed out and has nothing of their own on the page (no organisation, no
providers-only needs, no messages), so everyone in that position is shown the same page. A
page is not stored if rendering it set a cookie, started a session or used a CSRF token.

How fresh: a page is stored with the listings change stamp read before it was rendered
(directory/listings/changes.py), so any save of a listing, organisation or taxonomy retires every
stored page at once. What the stamp cannot see (a listing going stale with age, a bulk update
that sends no signals) shows within ``LIST_PAGE_CACHE_SECONDS`` (60 s; 0 turns this off).

Every distinct address stores a page (20–60 kB) for that long, so give Redis a memory limit
with ``maxmemory-policy volatile-lru``: it then drops expiring keys such as these pages, never
the broker's queues or the change stamps, which have no expiry. Without Redis (the embedded
set-up) each process keeps its own pages and stamps, and the time limit still holds.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse

from directory.listings import changes


def is_shared_view(request) -> bool:
    """Whether this visitor sees what every other cookie-less visitor sees."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


def page_key(request) -> str:
    partial = bool(request.htmx) and not request.htmx.boosted  # htmx gets the results only
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"page:{int(partial)}:{address}"


def is_storable(request, response) -> bool:
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    )


def shared_for_anonymous(view):
    """Serve ``view``'s page from the cache to visitors for whom it is the same page."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        seconds = settings.LIST_PAGE_CACHE_SECONDS
        if not seconds or not is_shared_view(request):
            return view(request, *args, **kwargs)
        key = page_key(request)
        stamp_key = changes.cache_key(changes.LISTINGS)
        found = cache.get_many([stamp_key, key])  # one round trip for the usual case
        stamp = found.get(stamp_key) or changes.current(changes.LISTINGS)
        stored = found.get(key)
        if stamp is not None and stored is not None and stored[0] == stamp:
            response = HttpResponse(stored[1], content_type=stored[2])
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if stamp is not None and is_storable(request, response):
            entry = (stamp, response.content, response["Content-Type"])
            cache.set(key, entry, timeout=seconds)
            response["X-Page-Cache"] = "miss"
        return response

    return cached_view
