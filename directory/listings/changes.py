"""Change stamps: a token in the shared cache per kind of data, replaced whenever a row of that
kind changes. Whatever is built from the data (a cached list page, a process's match index)
keeps the token it was built under and is out of date once the token differs: one cache read
instead of reading the data again.

The receivers below replace the tokens on saves, deletes and many-to-many edits of the models
in ``KINDS``. Queryset ``update()`` sends no signals, so code that changes these rows that way
calls ``touch()`` itself (the admin's bulk actions do), and every user of a stamp also bounds
how old what it built may get. A missing token (evicted, Redis restarted or unreachable) reads
as None: users treat that as "unknown" and rebuild.
"""

import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from directory.listings.models import TAXONOMIES, Membership, Need, Offering, Organisation

LISTINGS = "listings"  # what the list pages show
OFFERINGS = "offerings"  # what the match index is built from: offerings and the vocabulary
# What an offering's page shows besides listings: its introductions (how its provider answers
# them), reviews, and whether the provider has anyone who has joined. Named by label: those
# models belong to the engagement package, which builds on this one.
ENGAGEMENT = "engagement"
# The people signed in, as accounts/signed_in.py keeps them: any save of a user.
USERS = "users"

KINDS = {
    LISTINGS: (Need, Offering, Organisation, *TAXONOMIES),
    OFFERINGS: (Offering, *TAXONOMIES),
    ENGAGEMENT: ("directory.Introduction", "directory.Feedback", Membership),
    USERS: ("directory.User",),
}


def models_of(kind: str) -> list:
    return [apps.get_model(model) if isinstance(model, str) else model for model in KINDS[kind]]


def cache_key(kind: str) -> str:
    return f"changes:{kind}"


def current(kind: str) -> str | None:
    """The kind's token, creating one if there is none; None if the cache cannot keep one."""
    token = cache.get(cache_key(kind))
    if token is None:
        cache.add(cache_key(kind), uuid.uuid4().hex, timeout=None)
        token = cache.get(cache_key(kind))
    return token


def touch(*kinds: str) -> None:
    """Replace the kinds' tokens now and, inside a transaction, again once it commits: the
    first makes this process's next read see the change, the second makes sure nothing another
    process built meanwhile from the data as it was before the commit keeps the token. A
    transaction that saves many rows (an import) queues one replacement, not one per row."""
    replace(kinds)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return  # autocommit: the change is already committed
    # Django keeps the queued callbacks as (savepoint ids, callback, robust).
    queued = [func for _, func, _ in connection.run_on_commit if isinstance(func, Replacement)]
    if queued:
        queued[0].kinds.update(kinds)
    else:
        transaction.on_commit(Replacement(kinds))


def replace(kinds) -> None:
    cache.set_many({cache_key(kind): uuid.uuid4().hex for kind in kinds}, timeout=None)


class Replacement:
    """The tokens to replace once the transaction commits."""

    def __init__(self, kinds):
        self.kinds = set(kinds)

    def __call__(self):
        replace(self.kinds)


def kinds_of(model) -> list[str]:
    return [kind for kind in KINDS if model in models_of(kind)]


def row_changed(sender, **kwargs):
    touch(*kinds_of(sender))


def related_rows_changed(sender, instance, action, model, **kwargs):
    if action.startswith("post_"):
        touch(*{*kinds_of(type(instance)), *kinds_of(model)})


def connect() -> None:
    """Called once from DirectoryConfig.ready()."""
    for model in {model for kind in KINDS for model in models_of(kind)}:
        uid = f"changes_{model._meta.label_lower}"
        post_save.connect(row_changed, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(row_changed, sender=model, dispatch_uid=f"{uid}_deleted")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                related_rows_changed,
                sender=field.remote_field.through,
                dispatch_uid=f"{uid}_{field.name}_changed",
            )
