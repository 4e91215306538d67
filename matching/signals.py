"""Saving a need or an offering re-matches it in the background after the commit."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from directory.models import Need, Offering

from .tasks import enqueue_after_commit, rematch_need, rematch_offering


@receiver(post_save, sender=Need, dispatch_uid="rematch_saved_need")
def rematch_saved_need(sender, instance, raw=False, **kwargs):
    if not raw:
        enqueue_after_commit(rematch_need, instance.pk)


@receiver(post_save, sender=Offering, dispatch_uid="rematch_saved_offering")
def rematch_saved_offering(sender, instance, raw=False, **kwargs):
    if not raw:
        enqueue_after_commit(rematch_offering, instance.pk)
