"""Keep stored matches current: score with the in-memory index, write the best K per need.

Each process (web or worker) keeps one `OfferingIndex`. Before use it is brought up to date
with the database: offerings whose ``updated_at`` or stored embedding changed are re-indexed,
vanished ones are dropped, and an edited taxonomy (or hosting estimate) rebuilds the whole
index (previews skip this while a change stamp says nothing changed: see ``IndexCache``).
Writes overwrite rather than append (one row per need and offering), so running any of this
twice is harmless.
"""

import json
import threading
import time
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from directory.listings import changes
from directory.listings.models import STALE_AFTER, Category, Need, Offering

from .core import MatchScore, NeedProfile, OfferingIndex
from .models import ListingEmbedding, Match, MatchingSettings
from .profiles import (
    current_rate,
    load_vocabulary,
    need_profiles,
    needs_for_matching,
    offering_profiles,
    offerings_for_matching,
)

WRITE_BATCH = 2000


class IndexCache:
    """The process's offering index and what it was built from.

    Syncing it with the database reads every browsable offering's id and ``updated_at`` and
    the whole vocabulary: ~60 ms at 10,000 offerings, too much for every preview. So by
    default ``current()`` first compares the offerings change stamp (directory/listings/changes.py,
    replaced on every save of an offering or a taxonomy) with the stamp of its last sync, and
    skips the sync when they are equal. It syncs anyway when the stamp is unknown (the cache is
    unreachable or was emptied), when the oldest indexed offering is due to go stale with age
    (no signal says so), and at least every ``VERIFY_EVERY`` seconds, which bounds changes made
    behind the signals' back (a queryset ``update()``). ``current(verify=True)`` always syncs:
    the background re-matches use it, so stored matches never wait for any of that.
    """

    VERIFY_EVERY = 60.0

    def __init__(self):
        self.lock = threading.Lock()
        self.index: OfferingIndex | None = None
        self.vocabulary_key = ""
        self.versions: dict[int, object] = {}
        self.stamp: str | None = None
        self.synced_at = 0.0
        self.stale_from: datetime | None = None

    def current(self, verify: bool = False) -> OfferingIndex:
        with self.lock:
            # Read before syncing: a change committed meanwhile then leaves a newer stamp.
            stamp = changes.current(changes.OFFERINGS)
            if verify or not self._up_to_date(stamp):
                self._sync()
                self.stamp, self.synced_at = stamp, time.monotonic()
            return self.index

    def _up_to_date(self, stamp: str | None) -> bool:
        return (
            self.index is not None
            and stamp is not None
            and stamp == self.stamp
            and time.monotonic() - self.synced_at < self.VERIFY_EVERY
            and (self.stale_from is None or timezone.now() < self.stale_from)
        )

    def _sync(self) -> None:
        vocabulary = load_vocabulary()
        # A category's hosting estimate is part of its offerings' profiles, not of the
        # vocabulary: a change to one rebuilds the index too.
        estimates = Category.objects.order_by("slug").values_list(
            "slug", "hosting_monthly_estimate"
        )
        # So does the rate between rupees and dollars: profiles hold amounts converted at it.
        key = repr(vocabulary) + repr(list(estimates)) + repr(current_rate())
        # Variants (directory/imports/duplicates.py) are matched through their primary only.
        embedded = ListingEmbedding.objects.filter(
            kind=ListingEmbedding.Kind.OFFERING, listing_id=OuterRef("pk")
        ).values("updated_at")
        rows = (
            Offering.objects.browsable()
            .filter(variant_of=None)
            .annotate(embedded_at=Subquery(embedded[:1]))
            .values_list("id", "updated_at", "embedded_at", "confirmed_at")
        )
        versions, confirmed = {}, []
        for pk, updated_at, embedded_at, confirmed_at in rows:
            versions[pk] = (updated_at, embedded_at)
            confirmed.append(confirmed_at)
        if self.index is None or key != self.vocabulary_key:
            self.index = OfferingIndex(vocabulary, currency=settings.SITE_CURRENCY)
            self.vocabulary_key, self.versions = key, {}
        changed = [pk for pk, stamp in versions.items() if self.versions.get(pk) != stamp]
        for pk in self.versions.keys() - versions.keys():
            self.index.remove(pk)
        for start in range(0, len(changed), WRITE_BATCH):
            batch = Offering.objects.filter(pk__in=changed[start : start + WRITE_BATCH])
            for profile in offering_profiles(offerings_for_matching(batch)):
                self.index.upsert(profile)
        self.versions = versions
        self.stale_from = min(confirmed) + STALE_AFTER if confirmed else None

    def clear(self):
        with self.lock:
            self.index, self.vocabulary_key, self.versions = None, "", {}
            self.stamp, self.synced_at, self.stale_from = None, 0.0, None


index_cache = IndexCache()


def preview_matches(need: NeedProfile) -> list[MatchScore]:
    """Score a need that is not saved (the "try before posting" preview)."""
    config = MatchingSettings.current()
    return index_cache.current().match_need(
        need, config.weights, threshold=config.threshold, top_k=config.top_k
    )


def rematch_needs(need_ids: Sequence[int]) -> int:
    """Re-score these needs against every offering; returns how many matches were stored."""
    config = MatchingSettings.current()
    needs = list(needs_for_matching(Need.objects.matchable().filter(pk__in=need_ids)))
    results = {}
    if needs:
        results = index_cache.current(verify=True).match_needs(
            need_profiles(needs), config.weights, threshold=config.threshold, top_k=config.top_k
        )
    keep = {(need_id, score.offering_id) for need_id, scores in results.items() for score in scores}
    with transaction.atomic():
        existing = Match.objects.filter(need_id__in=need_ids).values_list(
            "pk", "need_id", "offering_id"
        )
        delete_by_pk(
            [pk for pk, need_id, offering_id in existing if (need_id, offering_id) not in keep]
        )
        return write_matches(
            (need_id, score) for need_id, scores in results.items() for score in scores
        )


def rematch_offering(offering_id: int) -> int:
    """Re-score one offering against every open need, keeping each need's best K."""
    if not Offering.objects.browsable().filter(pk=offering_id).exists():
        Match.objects.filter(offering_id=offering_id).delete()
        return 0
    config = MatchingSettings.current()
    index = index_cache.current(verify=True)
    needs = list(needs_for_matching(Need.objects.matchable()))
    results = index.match_needs(
        need_profiles(needs),
        config.weights,
        threshold=config.threshold,
        top_k=1,
        offering_ids=[offering_id],
    )
    qualifying = {need_id: scores[0] for need_id, scores in results.items() if scores}
    with transaction.atomic():
        Match.objects.filter(offering_id=offering_id).exclude(need_id__in=qualifying).delete()
        stored = write_matches(qualifying.items())
        trim_to_top_k(qualifying, config.top_k)
    return stored


def remove_matches_of_unmatchable() -> int:
    """Drop matches whose need closed or went stale, or whose offering left browsing."""
    deleted, _ = Match.objects.filter(
        ~Q(need__in=Need.objects.matchable()) | ~Q(offering__in=Offering.objects.browsable())
    ).delete()
    return deleted


MATCH_FIELDS = ["score", "need_fit", "interoperability", "cost_fit", "reasons"]


def write_matches(rows: Iterable[tuple[int, MatchScore]]) -> int:
    """Insert or overwrite (need, offering) rows; created_at stays as first stored."""
    rows = list(rows)
    if connection.vendor == "postgresql":
        copy_upsert(rows)
    else:
        Match.objects.bulk_create(
            [
                Match(need_id=need_id, offering_id=score.offering_id, **match_values(score))
                for need_id, score in rows
            ],
            batch_size=WRITE_BATCH,
            update_conflicts=True,
            unique_fields=["need", "offering"],
            update_fields=[*MATCH_FIELDS, "updated_at"],
        )
    return len(rows)


def match_values(score: MatchScore) -> dict:
    return {
        "score": score.score,
        "need_fit": score.need_fit,
        "interoperability": score.interoperability,
        "cost_fit": score.cost_fit,
        "reasons": list(score.reasons),
    }


def copy_upsert(rows: list[tuple[int, MatchScore]]) -> None:
    """PostgreSQL: COPY into a temporary table, then one INSERT … ON CONFLICT DO UPDATE.

    A full re-match writes 250,000 rows: Django's bulk upsert takes ~45 s for that, this a
    few seconds.
    """
    table = Match._meta.db_table
    columns = ", ".join(MATCH_FIELDS)
    updates = ", ".join(f"{field} = EXCLUDED.{field}" for field in [*MATCH_FIELDS, "updated_at"])
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE incoming_match (need_id bigint, offering_id bigint, "
            "score float8, need_fit float8, interoperability float8, cost_fit float8, "
            "reasons jsonb) ON COMMIT DROP"
        )
        with cursor.copy(
            f"COPY incoming_match (need_id, offering_id, {columns}) FROM STDIN"
        ) as copy:
            for need_id, score in rows:
                values = match_values(score)
                values["reasons"] = json.dumps(values["reasons"])
                copy.write_row([need_id, score.offering_id, *values.values()])
        cursor.execute(
            f"INSERT INTO {table} (need_id, offering_id, {columns}, created_at, updated_at) "
            f"SELECT need_id, offering_id, {columns}, now(), now() FROM incoming_match "
            f"ON CONFLICT (need_id, offering_id) DO UPDATE SET {updates} "
            # Most rows of a nightly re-match are unchanged: skipping them saves most writes.
            f"WHERE ({table}.score, {table}.reasons) "
            "IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.reasons)"
        )
        # Dropped now, not only on commit: an enclosing transaction may write again.
        cursor.execute("DROP TABLE incoming_match")


def trim_to_top_k(need_ids: Iterable[int], top_k: int) -> None:
    ranked = Match.objects.filter(need_id__in=list(need_ids)).annotate(
        rank=Window(
            RowNumber(), partition_by=[F("need_id")], order_by=[F("score").desc(), F("offering_id")]
        )
    )
    delete_by_pk(list(ranked.filter(rank__gt=top_k).values_list("pk", flat=True)))


def delete_by_pk(pks: list[int]) -> None:
    for start in range(0, len(pks), WRITE_BATCH):
        Match.objects.filter(pk__in=pks[start : start + WRITE_BATCH]).delete()
