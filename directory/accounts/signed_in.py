"""The signed-in person of a request and the organisation they act for, read from the shared
cache: a signed-in page then costs no query for them (two on a miss), and with the session
store of accounts/sessions.py not even a round trip of its own.

What is kept, under ``person:<session key>``: the user row, their acting organisation
(accounts/acting.py), whether they see providers-only needs and the ids of the organisations
they belong to (listings/models), stored with the change stamps of listings (organisations),
engagement (memberships) and users read before the queries ran (listings/changes.py). An
entry is used only while those stamps are current, so a renamed organisation, a new
membership or one ended, and any save of any user (a new password, a deactivation, a
sign-in) show on the next request; ``update()`` of users calls
``changes.touch(changes.USERS)``, and ``PERSON_SECONDS`` bounds what none of these can see.
Each entry gets a new token, which names the person's page frame (listings/page_frame.py).

The cache never vouches for anyone: the session does, as in Django's own ``get_user``. A stored
user is accepted only when the session names that user, through a backend still in
``AUTHENTICATION_BACKENDS``, with the session hash of the user's current password; anything
else (no entry, a stale one, a hash that only a fallback secret verifies, a bad one) goes
through ``django.contrib.auth.get_user`` unchanged, which flushes a session it refuses.
"""

import uuid

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import middleware as auth_middleware
from django.core.cache import cache
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from directory.accounts.acting import ACTING, organisations_of
from directory.listings import changes
from directory.listings.models import MEMBER_OF, SEES_PROVIDERS_ONLY
from directory.listings.page_cache import keys_under_stamp, stored_under_stamp, under_stamp
from directory.listings.page_frame import PERSON_TOKEN

PERSON_SECONDS = 300
# What a stored person depends on: organisations (listings), memberships (engagement), users.
KINDS = (changes.LISTINGS, changes.ENGAGEMENT, changes.USERS)


def person_key(session_key: str) -> str:
    return f"person:{session_key}"


def person_keys(session_key: str) -> list[str]:
    """What the cache is asked for the person of this session (accounts/sessions.py asks it
    along with the session)."""
    return keys_under_stamp(person_key(session_key), KINDS)


def stored_person(session) -> tuple[str | None, object]:
    """The stamp and the stored (user, organisation, token) of this session, if current."""
    key = person_key(session.session_key)
    found = getattr(session, "read_along", None)
    if found is None:
        return stored_under_stamp(key, KINDS)
    return under_stamp(found, key, KINDS)


def vouched_for(request, user) -> bool:
    """Whether the session signs in ``user`` as Django's ``get_user`` would, without a query."""
    session = request.session
    session_hash = session.get(HASH_SESSION_KEY)
    return (
        str(user.pk) == str(session.get(SESSION_KEY))
        and session.get(BACKEND_SESSION_KEY) in settings.AUTHENTICATION_BACKENDS
        and user.is_active
        and bool(session_hash)
        and constant_time_compare(session_hash, user.get_session_auth_hash())
    )


def signed_in_user(request):
    """``request.user``: from the cache when stored under the current stamps and vouched for by
    the session, else Django's ``get_user`` (then kept, with the organisation, for next time).
    Either way the request also knows the acting organisation."""
    if request.session.get(SESSION_KEY) is None:
        return auth.get_user(request)
    stamp, stored = stored_person(request.session)
    if stored is not None and vouched_for(request, stored[0]):
        user, organisation, token = stored
    else:
        user = auth.get_user(request)
        if not user.is_authenticated:
            return user
        organisations = list(organisations_of(user))  # one query for both answers
        organisation = organisations[0] if organisations else None
        setattr(user, SEES_PROVIDERS_ONLY, any(each.is_provider for each in organisations))
        setattr(user, MEMBER_OF, frozenset(each.pk for each in organisations))
        token = None if stamp is None else uuid.uuid4().hex
        if token is not None:
            entry = (stamp, (user, organisation, token))
            cache.set(person_key(request.session.session_key), entry, timeout=PERSON_SECONDS)
    setattr(request, ACTING, (user.pk, organisation))
    if token is not None:
        setattr(request, PERSON_TOKEN, (user.pk, token))
    return user


def cached_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = signed_in_user(request)
    return request._cached_user


class AuthenticationMiddleware(auth_middleware.AuthenticationMiddleware):
    """Django's, with ``request.user`` read through the cache above."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: cached_user(request))
