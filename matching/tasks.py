"""Celery tasks that keep matches current. Each takes ids, loads fresh rows and overwrites.

Tasks are idempotent (see services.py), so a redelivered or retried task does no harm:
``acks_late`` with ``task_reject_on_worker_lost`` (settings) redelivers a task whose worker
died, and database hiccups are retried with a backoff capped well below Redis's visibility
timeout.
"""

import contextlib

from celery import group, shared_task
from django.conf import settings
from django.db import DatabaseError

from directory.listings.models import Need

from . import semantic, services
from .core.collector import collection_paused
from .embeddings import ModelUnavailable

NEEDS_PER_CHUNK = 500
retrying = {
    "acks_late": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": True,
    "retry_backoff_max": 600,
    "max_retries": 5,
}


@shared_task(**retrying)
def rematch_need(need_id: int) -> int:
    return services.rematch_needs([need_id])


@shared_task(**retrying)
def rematch_offering(offering_id: int) -> int:
    with collection_paused():
        return services.rematch_offering(offering_id)


@shared_task(**retrying)
def rematch_need_chunk(need_ids: list[int]) -> int:
    return services.rematch_needs(need_ids)


@shared_task(**retrying)
def rematch_all() -> int:
    """Nightly and after a settings change: drop dead matches, then re-score in chunks that
    several workers share."""
    services.remove_matches_of_unmatchable()
    need_ids = list(Need.objects.matchable().order_by("pk").values_list("pk", flat=True))
    chunks = [need_ids[i : i + NEEDS_PER_CHUNK] for i in range(0, len(need_ids), NEEDS_PER_CHUNK)]
    group(rematch_need_chunk.s(chunk) for chunk in chunks).apply_async()
    return len(chunks)


@shared_task(**retrying)
def refresh_listing(kind: str, listing_id: int) -> int:
    """After a need or an offering is saved: embed its text if that changed (and the model
    is there), then re-match it, so its new matches use its new embedding."""
    # Without the model it is matched on words alone; the system check matching.E001 says why.
    with contextlib.suppress(ModelUnavailable):
        semantic.embed_listings(kind, [listing_id])
    if kind == semantic.Kind.NEED:
        return services.rematch_needs([listing_id])
    with collection_paused():
        stored = services.rematch_offering(listing_id)
    if services.wants_snapshots():
        services.request_build(settings.MATCH_INDEX_DEBOUNCE)
    return stored


@shared_task(**retrying)
def build_match_index() -> str:
    """Store the offering index for the previews (matching/snapshots.py): asked for after
    offerings change (debounced), by previews that find it missing or out of date, hourly."""
    path = services.build_snapshot()
    return str(path) if path else ""


@shared_task(**retrying)
def refresh_all() -> int:
    """After a bulk import (which pauses the per-save tasks): embed whatever changed, then
    re-match everything with the new embeddings."""
    with contextlib.suppress(ModelUnavailable):
        semantic.embed_everything()
    return rematch_all()
