"""The signed-in person of a request and the organisation they act for, read from the shared
cache: a signed-in page then costs one cache round trip for them instead of three queries.

What is kept, under ``person:<user id>``: the user row, their acting organisation
(accounts/acting.py) and whether they see providers-only needs (listings/models), stored with
the change stamps of listings (organisations) and engagement (memberships) read before the
queries ran (listings/changes.py). An entry is used only while those stamps are current, so a
renamed organisation, a new membership or one ended shows on the next request. Each entry
gets a new token, which names the person's page frame (listings/page_frame.py). Any save or
delete of the user (a new password, a deactivation, a new e-mail address) drops the entry, as
does ``forget`` for changes made with ``update()``; ``PERSON_SECONDS`` bounds what neither can see.

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
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from directory.accounts.acting import ACTING, organisation_for
from directory.accounts.models import User
from directory.listings import changes
from directory.listings.models import SEES_PROVIDERS_ONLY, sees_providers_only_needs
from directory.listings.page_cache import stored_under_stamp
from directory.listings.page_frame import PERSON_TOKEN

PERSON_SECONDS = 300
# What the acting organisation depends on: organisations (listings) and memberships.
KINDS = (changes.LISTINGS, changes.ENGAGEMENT)


def person_key(user_id) -> str:
    return f"person:{user_id}"


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
    user_id = request.session.get(SESSION_KEY)
    if user_id is None:
        return auth.get_user(request)
    key = person_key(user_id)
    stamp, stored = stored_under_stamp(key, KINDS)
    if stored is not None and vouched_for(request, stored[0]):
        user, organisation, token = stored
    else:
        user = auth.get_user(request)
        if not user.is_authenticated:
            return user
        organisation = organisation_for(user)
        setattr(user, SEES_PROVIDERS_ONLY, sees_providers_only_needs(user))
        token = None if stamp is None else uuid.uuid4().hex
        if token is not None:
            cache.set(key, (stamp, (user, organisation, token)), timeout=PERSON_SECONDS)
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


def forget(user_id) -> None:
    """Drop the stored person now and, inside a transaction, again once it commits (a request
    in between may have stored the row as it was before)."""
    key = person_key(user_id)
    cache.delete(key)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(key))


def forget_saved_user(sender, instance, **kwargs) -> None:
    forget(instance.pk)


def connect() -> None:
    post_save.connect(forget_saved_user, sender=User, dispatch_uid="forget_saved_user")
    post_delete.connect(forget_saved_user, sender=User, dispatch_uid="forget_deleted_user")
