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

Everyone else (signed in, or with a session) gets a page rendered for them, but its costly
middle, the filter form and the results, is the same for everyone who may see the same
listings: ``shared_fragment`` keeps that part under the same stamp and time limit, per
address and audience (for the need list: whether the reader sees providers-only needs), and
the page around it (header, messages, the person's own links) is the reader's own
(listings/page_frame.py keeps it per reader in each process).
What on the cards is the reader's own, a "Your organisation" badge on their organisation's
listings, is not in the shared HTML: the cards carry a marker with the organisation's id
(``<!--own-organisation:7-->``) and ``mark_own`` turns the reader's markers into badges on
the way out. Compare ticks are plain unticked checkboxes, the same for
everyone (the browser keeps a reader's ticks), so the shared HTML holds them as they are.
"""

import hashlib
import math
import time
from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache, wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache, caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from directory.accounts.currency import reader_currency
from directory.listings import changes


def is_shared_view(request) -> bool:
    """Whether this visitor sees what every other cookie-less visitor sees."""
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and not request.user.is_authenticated
    )


def is_partial(request) -> bool:
    """An htmx request for the results only (not a boosted link, which wants the page)."""
    return bool(request.htmx) and not request.htmx.boosted


def address_key(request) -> str:
    """The address, and the language, time zone and currency the page is written in (the
    reader's currency when the address names none, `with_reader_currency`)."""
    zone = timezone.get_current_timezone_name()
    currency = reader_currency(request)
    address = f"{translation.get_language()}:{zone}:{currency}:{request.get_full_path()}"
    return hashlib.sha256(address.encode()).hexdigest()


def page_key(request) -> str:
    return f"list-page:{int(is_partial(request))}:{address_key(request)}"


def stored_under_stamp(key: str, kinds=(changes.LISTINGS,)) -> tuple[str | None, object]:
    """The stamp of these kinds of data (their tokens together) and what ``key`` holds if it
    was stored under that stamp (else None): one round trip for the usual case."""
    return under_stamp(cache.get_many(keys_under_stamp(key, kinds)), key, kinds)


def stamp_of(tokens: list[str | None]) -> str | None:
    """The kinds' tokens together, or None when one is not known."""
    return None if None in tokens else ":".join(tokens)


def keys_under_stamp(key: str, kinds) -> list[str]:
    """What ``under_stamp`` reads: the kinds' tokens and ``key``."""
    return [*(changes.cache_key(kind) for kind in kinds), key]


def under_stamp(found: dict, key: str, kinds) -> tuple[str | None, object]:
    """``stored_under_stamp`` from ``found``, the cache's answer for ``keys_under_stamp``."""
    stamp_keys = [changes.cache_key(kind) for kind in kinds]
    tokens = [
        found.get(stamp_key) or changes.current(kind)
        for stamp_key, kind in zip(stamp_keys, kinds, strict=True)
    ]
    stamp = stamp_of(tokens)
    stored = found.get(key)
    if stamp is not None and stored is not None and stored[0] == stamp:
        return stamp, stored[1]
    return stamp, None


# The stamp a shared fragment is being rendered under, while it is: what goes into it may be
# taken from this process's copies made under the same stamp (``kept_under_stamp``).
rendering_under: ContextVar[str | None] = ContextVar("rendering_under", default=None)


def kept_under_stamp(key: str, make: Callable[[], object]) -> object:
    """``make()``, or this process's copy of it made while rendering under the same stamp.
    Outside a shared fragment's rendering (no stamp known) it is simply ``make()``."""
    return kept_under(rendering_under.get(), key, make)


def kept_under(stamp: str | None, key: str, make: Callable[[], object]) -> object:
    """``make()``, or this process's copy of it made under ``stamp`` (``make()`` when the
    stamp is not known)."""
    if stamp is None:
        return make()
    key = f"under-stamp:{key}"
    value = nearby_copy("process_pieces", key, stamp)
    if value is None:
        value = make()
        caches["process_pieces"].set(key, (stamp, value), timeout=settings.LIST_PAGE_CACHE_SECONDS)
    return value


def nearby_copy(cache_name: str, key: str, stamp: str | None) -> object:
    """This process's copy of ``key`` in ``cache_name`` if it was kept under ``stamp``."""
    kept = caches[cache_name].get(key) if stamp is not None else None
    return kept[1] if kept is not None and kept[0] == stamp else None


def render_under(stamp: str | None, make: Callable[[], object]) -> object:
    token = rendering_under.set(stamp)
    try:
        return make()
    finally:
        rendering_under.reset(token)


def stamp_read_along(request, kinds) -> str | None:
    """The stamp of ``kinds`` when this request has read their tokens already (the session
    store of accounts/sessions.py reads them along with the session), else None."""
    found = getattr(getattr(request, "session", None), "read_along", None) or {}
    return stamp_of([found.get(changes.cache_key(kind)) for kind in kinds])


def shared_value(request, part: str, audience: str, make: Callable[[], object], kinds):
    """``make()``'s value for this address and audience, from the cache when it was stored
    under the current stamp of ``kinds``; returns (value, "hit" | "miss" | "").

    The value is anything picklable; ``None`` means "not to be shared" (nothing is stored). A
    value with a ``shared_until`` (a time.time()) is kept no longer than that. This process
    keeps a copy of what it drew or what a request that has read the stamp already used (the
    ``process_fragments`` cache, until the shared copy's time is up): such a request takes it
    from there, without a round trip to the shared cache."""
    seconds = settings.LIST_PAGE_CACHE_SECONDS
    if not seconds:
        return make(), ""
    key = f"shared-fragment:{part}:{audience}:{address_key(request)}"
    along = stamp_read_along(request, kinds)
    kept = nearby_copy("process_fragments", key, along)
    if kept is not None:
        return kept, "hit"
    stamp, stored = stored_under_stamp(key, kinds)
    if stored is not None and stored[1] > time.time():  # the cache's own expiry may lag
        value, until = stored
        state = "hit"
    else:
        value = render_under(stamp, make)
        if value is None or stamp is None:
            return value, ""
        until = min(time.time() + seconds, getattr(value, "shared_until", math.inf))
        cache.set(key, (stamp, (value, until)), timeout=max(until - time.time(), 0.001))
        state = "miss"
    if along is not None or state == "miss":  # a reader without the stamp read cannot use it
        timeout = max(until - time.time(), 0.001)
        caches["process_fragments"].set(key, (stamp, value), timeout=timeout)
    return value, state


def shared_fragment(
    request, part: str, audience: str, render: Callable[[], str], kinds=(changes.LISTINGS,)
):
    """``render()``'s HTML for this address and audience, shared as ``shared_value`` shares."""
    html, state = shared_value(request, part, audience, lambda: str(render()), kinds)
    return mark_safe(html), state  # noqa: S308 - HTML this module rendered and stored


def mark_own(html: str, organisation_id: int | None) -> str:
    """The shared ``html`` for one reader: their organisation's markers become a badge. The
    other markers stay, as the HTML comments they are: nothing of anyone's."""
    marker = f"<!--own-organisation:{organisation_id}-->"
    if organisation_id is None or marker not in html:
        return html
    badge = own_badge(translation.get_language())
    return mark_safe(html.replace(marker, badge))  # noqa: S308 - the shared HTML and our badge


@lru_cache(maxsize=8)
def own_badge(language: str) -> str:
    """The "Your organisation" badge in ``language`` (the active one), drawn once a process."""
    return render_to_string("includes/own_badge.html")


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
        stamp, stored = stored_under_stamp(key)
        if stored is not None:
            response = HttpResponse(stored[0], content_type=stored[1])
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if stamp is not None and is_storable(request, response):
            entry = (stamp, (response.content, response["Content-Type"]))
            cache.set(key, entry, timeout=seconds)
            response["X-Page-Cache"] = "miss"
        return response

    return cached_view
