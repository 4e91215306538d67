"""Saving a need or an offering re-embeds and then re-matches it in the background after
the commit, in one task so the new matches use the new embedding, queued through the outbox
(directory/outbox/delivery.py) so a broker outage only delays it; deleting one deletes its
embedding."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from directory.listings import changes
from directory.listings.models import Need, Offering
from directory.outbox.delivery import enqueue

from .models import ListingEmbedding, MatchingSettings
from .semantic import forget
from .tasks import refresh_listing

_rematch_on_save = ContextVar("rematch_on_save", default=True)


@contextmanager
def rematch_on_save_paused() -> Iterator[None]:
    """Save listings without re-matching or re-embedding each one: for bulk writes (the DPG
    import) that re-match and re-embed everything once afterwards instead of hundreds of
    times."""
    token = _rematch_on_save.set(False)
    try:
        yield
    finally:
        _rematch_on_save.reset(token)


@receiver(post_save, sender=Need, dispatch_uid="rematch_saved_need")
def rematch_saved_need(sender, instance, raw=False, **kwargs):
    if not raw and _rematch_on_save.get():
        enqueue(refresh_listing, ListingEmbedding.Kind.NEED.value, instance.pk)


@receiver(post_save, sender=Offering, dispatch_uid="rematch_saved_offering")
def rematch_saved_offering(sender, instance, raw=False, **kwargs):
    if not raw and _rematch_on_save.get():
        enqueue(refresh_listing, ListingEmbedding.Kind.OFFERING.value, instance.pk)


@receiver(post_delete, sender=Need, dispatch_uid="forget_deleted_need")
def forget_deleted_need(sender, instance, **kwargs):
    forget(ListingEmbedding.Kind.NEED, instance.pk)


@receiver(post_delete, sender=Offering, dispatch_uid="forget_deleted_offering")
def forget_deleted_offering(sender, instance, **kwargs):
    forget(ListingEmbedding.Kind.OFFERING, instance.pk)


@receiver(post_save, sender=MatchingSettings, dispatch_uid="reindex_after_settings")
def reindex_after_settings(sender, created, **kwargs):
    """The index holds prices converted at the curators' rate: a new rate is a new index. (The
    row made on first use holds the default rate, which profiles read already.)"""
    if not created:
        changes.touch(changes.OFFERINGS)
