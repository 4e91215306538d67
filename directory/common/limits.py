"""Rate limits (django-ratelimit), counted per person and per address; the address is
``impact_socials.security.client_ip`` (RATELIMIT_IP_META_KEY). Past them a clear 429 page
(``RATELIMIT_VIEW``); the API answers 429 JSON instead (``past_limit``)."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from django_ratelimit.decorators import ratelimit
from django_ratelimit.exceptions import Ratelimited

from impact_socials.security import client_ip

# One counter for each expensive answer, whichever address serves it: the site's CSV links
# and the API's ``?format=csv`` share EXPORT.
PREVIEW = "preview"
EXPORT = "export"


def listing_post_rate(group, request) -> str:
    return settings.LISTING_POST_RATE


def limited_posting(view, block: bool = True):
    """Posting listings is rate-limited per person and per address (a 429 page past it).
    With ``block=False`` the view runs past the rate with ``request.limited`` set instead: a
    form then shows what was typed with a word to wait (``TOO_MANY_POSTS``), nothing saved,
    rather than losing it (``counted_posting``)."""
    view = ratelimit(key="ip", rate=listing_post_rate, method="POST", block=block)(view)
    return ratelimit(key="user", rate=listing_post_rate, method="POST", block=block)(view)


def counted_posting(view):
    return limited_posting(view, block=False)


TOO_MANY_POSTS = gettext_lazy(
    "You have sent many forms in the last hour. Wait a few minutes, then send this again: "
    "what you wrote is kept below."
)


def signed_in_post(view):
    """An action a signed-in person takes by POST (accept, decline, withdraw…): sign-in
    asked for first, anything but POST refused, rate-limited as ``limited_posting``."""
    return login_required(require_POST(limited_posting(view)))


RATES = {PREVIEW: lambda: settings.PREVIEW_RATE, EXPORT: lambda: settings.EXPORT_RATE}


def no_address(group, request) -> str:
    return "no-address"


def past_limit(request, group: str) -> bool:
    """Counts this request against the group's rate for its address and, when signed in, for
    its person; True once either is past the rate. Requests that carry no address (no
    REMOTE_ADDR) share one counter."""
    rate = RATES[group]()
    # django-ratelimit's "ip" key reads client_ip (RATELIMIT_IP_META_KEY), IPv6 by its /64.
    by_address = "ip" if client_ip(request) else no_address
    limited = is_ratelimited(request, group=group, key=by_address, rate=rate, increment=True)
    if request.user.is_authenticated:
        by_person = is_ratelimited(request, group=group, key="user", rate=rate, increment=True)
        limited = limited or by_person
    return limited


def limited(group: str):
    """A view counted by ``past_limit``; past the rate, the 429 page (RatelimitMiddleware
    turns ``Ratelimited`` into RATELIMIT_VIEW)."""

    def decorate(view):
        @wraps(view)
        def counted(request, *args, **kwargs):
            if past_limit(request, group):
                raise Ratelimited()
            return view(request, *args, **kwargs)

        return counted

    return decorate
