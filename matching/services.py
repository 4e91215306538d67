"""Keep stored matches current: score with the in-memory index, write the best K per need.

Each process (web or worker) keeps one `OfferingIndex`. Before use it is brought up to date
with the database: offerings whose ``updated_at`` or stored embedding changed are re-indexed,
vanished ones are dropped, and an edited taxonomy (or hosting estimate) rebuilds the whole
index. Previews never build a large index: they load the stored snapshot the workers
build (matching/snapshots.py; see ``IndexCache``).
Writes overwrite rather than append (one row per need and offering), so running any of this
twice is harmless.
"""

import json
import logging
import threading
import time
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Min, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from directory.listings import changes
from directory.listings.models import STALE_AFTER, Category, Need, Offering

from . import snapshots
from .core import SHOWN_SCORE, MatchScore, NeedProfile, OfferingIndex
from .core.need_index import plan
from .models import ListingEmbedding, Match, MatchingSettings
from .need_side import Stored, need_side
from .profiles import (
    current_rate,
    load_vocabulary,
    need_profiles,
    needs_for_matching,
    offering_profiles,
    offerings_for_matching,
)
from .watermark import Watermark, read_versions

WRITE_BATCH = 2000

log = logging.getLogger(__name__)


class IndexCache:
    """The process's offering index and what it was built from.

    Background work (``current(verify=True)``: the re-matches and the snapshot builds) always
    syncs with the database first: it reads the browsable offerings' versions changed since
    its last sync (matching/watermark.py; a snapshot build reads every one) and the whole
    vocabulary, and re-analyses only what changed since the index it holds (a worker holding
    none starts from the newest stored snapshot, matching/snapshots.py).

    Previews (``current()``) depend on the size of the directory (docs/matching.md):

    - Up to ``settings.MATCH_INDEX_IN_PROCESS_MAX`` offerings (the index it holds, or a count
      of at most that many rows when it holds none) the process syncs itself, as that is
      quick: but only when the offerings change stamp (directory/listings/changes.py)
      differs from the one of its last sync, when the stamp is unknown, when the oldest
      indexed offering is due to go stale with age, or ``VERIFY_EVERY`` seconds after the
      last sync (changes made behind the signals' back, a queryset ``update()``).
    - Above that, a request never builds: it loads the newest stored snapshot if it is newer
      than what the process holds, and otherwise uses what it holds. When the stamp says
      the offerings changed since, or what it holds is older than
      ``settings.MATCH_INDEX_MAX_AGE``, it asks for a rebuild, at most one every
      ``settings.MATCH_INDEX_DEBOUNCE`` seconds. With nothing stored yet it asks for a build
      at once and answers None: matching is warming up.
    """

    VERIFY_EVERY = 60.0
    # Changes kept beside the stored arrays (matching.core.changes) past which a newer
    # stored snapshot, which holds them in its arrays, replaces what the process holds.
    ADOPT_AFTER = 200

    def __init__(self):
        self.lock = threading.Lock()  # held while syncing
        self.index: OfferingIndex | None = None
        self.vocabulary_key = ""
        self.versions: dict[int, object] = {}
        self.watermark = Watermark()  # when self.versions were read (matching/watermark.py)
        self.stamp: str | None = None
        self.synced_at = 0.0
        self.stale_from: datetime | None = None
        self.version: int | None = None  # time.time_ns() when what it holds was read
        self.adopted: int | None = None  # the version of the snapshot it started from
        # Previews of a large directory use the stored snapshot: loaded whole, never
        # changed, so a sync in this process (an eager task) never blocks them.
        self.load_lock = threading.Lock()
        self.loaded: snapshots.Snapshot | None = None

    def current(self, verify: bool = False) -> OfferingIndex | None:
        if not verify and not self._small():
            return self._stored()
        with self.lock:
            # Read before syncing: a change committed meanwhile then leaves a newer stamp.
            stamp = changes.current(changes.OFFERINGS)
            if verify or not self._up_to_date(stamp):
                self.sync(stamp)
            return self.index

    def sync(self, stamp: str | None, full: bool = False) -> None:
        """Bring the index up to date with the database (the caller holds the lock); ``full``
        reads every offering's version, not only those changed since the last sync."""
        version = time.time_ns()
        if self.index is None or self._behind():
            self._adopt(snapshots.newest_version())  # then only what changed since is read
        self._sync(full)
        self.stamp, self.synced_at, self.version = stamp, time.monotonic(), version

    def snapshot(self) -> snapshots.Snapshot:
        """What it holds, arrays built, to store (the caller holds the lock)."""
        self.index.corpus_stats()
        return snapshots.Snapshot(
            version=self.version,
            stamp=self.stamp,
            built_at=timezone.now(),
            index=self.index,
            versions=self.versions,
            vocabulary_key=self.vocabulary_key,
            stale_from=self.stale_from,
        )

    def hold_stored(self, version: int) -> None:
        """Hold the snapshot just written, memory-mapped, in place of the index it was
        written from: later changes are kept beside its arrays (matching.core.changes)
        rather than rebuilding them whole (the caller holds the lock)."""
        loaded = snapshots.load(version)
        if loaded is not None:
            self.index, self.adopted = loaded.index, version

    def _small(self) -> bool:
        limit = settings.MATCH_INDEX_IN_PROCESS_MAX
        if self.loaded is not None:
            return False
        if self.index is not None:
            return len(self.index) <= limit
        return offerings_to_index()[: limit + 1].count() <= limit

    def _stored(self) -> OfferingIndex | None:
        """The newest stored snapshot's index; asks for a build when it is out of date."""
        stamp = changes.current(changes.OFFERINGS)
        with self.load_lock:
            newest = snapshots.newest_version()
            if newest is not None and (self.loaded is None or newest > self.loaded.version):
                self.loaded = snapshots.load(newest) or self.loaded
            loaded = self.loaded
        if loaded is None:
            request_build()
            return None
        changed = stamp is not None and stamp != loaded.stamp
        if changed or too_old(loaded):
            request_build(settings.MATCH_INDEX_DEBOUNCE)
        return loaded.index

    def _behind(self) -> bool:
        if self.index.changes_kept() < self.ADOPT_AFTER:
            return False
        newest = snapshots.newest_version()
        return newest is not None and (self.adopted is None or newest > self.adopted)

    def _adopt(self, version: int | None) -> None:
        snapshot = None if version is None else snapshots.load(version, versions=True)
        if snapshot is None:
            return
        self.index, self.versions = snapshot.index, snapshot.versions
        self.vocabulary_key, self.stale_from = snapshot.vocabulary_key, snapshot.stale_from
        self.stamp, self.version = snapshot.stamp, snapshot.version
        self.adopted, self.watermark = snapshot.version, Watermark.at(snapshot.version)
        self.synced_at = time.monotonic() - (time.time_ns() - snapshot.version) / 1e9

    def _up_to_date(self, stamp: str | None) -> bool:
        return (
            self.index is not None
            and stamp is not None
            and stamp == self.stamp
            and time.monotonic() - self.synced_at < self.VERIFY_EVERY
            and (self.stale_from is None or timezone.now() < self.stale_from)
        )

    def _sync(self, full: bool) -> None:
        vocabulary = load_vocabulary()
        # A category's hosting estimate is part of its offerings' profiles, not of the
        # vocabulary: a change to one rebuilds the index too.
        estimates = Category.objects.order_by("slug").values_list(
            "slug", "hosting_monthly_estimate"
        )
        # So does the rate between rupees and dollars: profiles hold amounts converted at it.
        # By content (Vocabulary.fingerprint): a snapshot stored by another process matches.
        key = vocabulary.fingerprint() + repr(list(estimates)) + repr(current_rate())
        kind = ListingEmbedding.Kind.OFFERING
        read = read_versions(
            offerings_to_index(), kind, ("updated_at",), self.versions, self.watermark, full
        )
        changed, removed = read.changed, read.removed
        if self.index is None or key != self.vocabulary_key:
            self.index = OfferingIndex(vocabulary, currency=settings.SITE_CURRENCY)
            self.vocabulary_key, changed, removed = key, list(read.versions), []
        for pk in removed:
            self.index.remove(pk)
        for start in range(0, len(changed), WRITE_BATCH):
            batch = Offering.objects.filter(pk__in=changed[start : start + WRITE_BATCH])
            for profile in offering_profiles(offerings_for_matching(batch)):
                self.index.upsert(profile)
        self.versions, self.watermark = read.versions, read.watermark
        oldest = offerings_to_index().aggregate(oldest=Min("confirmed_at"))["oldest"]
        self.stale_from = oldest + STALE_AFTER if oldest else None

    def clear(self):
        with self.lock:
            self.index, self.vocabulary_key, self.versions = None, "", {}
            self.watermark = Watermark()
            self.stamp, self.synced_at, self.stale_from, self.version = None, 0.0, None, None
            self.adopted = None
        with self.load_lock:
            self.loaded = None


def too_old(snapshot: snapshots.Snapshot) -> bool:
    """Older than MATCH_INDEX_MAX_AGE (changes behind the signals' back), or holding an
    offering due to go stale with age."""
    age = (time.time_ns() - snapshot.version) / 1e9
    stale = snapshot.stale_from is not None and timezone.now() >= snapshot.stale_from
    return stale or age > settings.MATCH_INDEX_MAX_AGE


def offerings_to_index():
    """Variants (directory/imports/duplicates.py) are matched through their primary only."""
    return Offering.objects.browsable().filter(variant_of=None)


index_cache = IndexCache()

SCHEDULED = "match-index:scheduled"
BUILDING = "match-index:building"
BUILD_TASK = "matching.tasks.build_match_index"


def request_build(countdown: float = 0) -> bool:
    """Queue a snapshot build in ``countdown`` seconds unless one is queued already (so many
    requests and saves ask for one build); returns whether this call queued it."""
    # The key outlives the countdown in case the task is lost; the build removes it first.
    if not cache.add(SCHEDULED, time.time(), timeout=2 * countdown + 120):
        return False
    # By name: matching.tasks imports this module.
    current_app.tasks[BUILD_TASK].apply_async(countdown=countdown)
    return True


def wants_snapshots() -> bool:
    """Whether previews load snapshots (see IndexCache), as far as this process knows from
    the index it holds: a saved offering asks for a rebuild only then."""
    index = index_cache.index
    return index is None or len(index) > settings.MATCH_INDEX_IN_PROCESS_MAX


def build_snapshot() -> Path | None:
    """Sync this process's index, store it as the newest snapshot and drop old ones; None
    when another build is running (previews then ask again if still out of date)."""
    cache.delete(SCHEDULED)  # a change from now on queues the next build
    if not cache.add(BUILDING, time.time(), timeout=settings.CELERY_TASK_TIME_LIMIT):
        return None
    try:
        with index_cache.lock:
            index_cache.sync(changes.current(changes.OFFERINGS), full=True)
            snapshot = index_cache.snapshot()
            path = snapshots.write(snapshot)
            # The need side too, encoded against the index as stored (its arrays built now).
            store_need_side(index_cache.index, snapshot.version)
            index_cache.hold_stored(snapshot.version)
        snapshots.clean()
        return path
    finally:
        cache.delete(BUILDING)


def store_need_side(index: OfferingIndex, version: int) -> None:
    """Store the need side beside the offering snapshot (matching/need_side.py); a failure
    leaves offering saves analysing the needs in the worker, as before, and is logged."""
    try:
        need_side.store(index, version)
    except Exception:
        log.exception("Cannot store the need side beside snapshot %s", version)


class PreviewScores(list):
    """Scores, best first; ``warming_up`` when no index is ready yet (see IndexCache)."""

    warming_up = False


def preview_matches(need: NeedProfile) -> PreviewScores:
    """Score a need that is not saved (the "try before posting" preview): the best K, from
    SHOWN_SCORE or the curators' threshold if lower, so that a need nothing fits well still
    shows its closest offerings, each in the weak band (`matching.core.band`)."""
    index = index_cache.current()
    if index is None:
        warming = PreviewScores()
        warming.warming_up = True
        return warming
    config = MatchingSettings.current()
    floor = min(config.threshold, SHOWN_SCORE)
    return PreviewScores(
        index.match_need(need, config.weights, threshold=floor, top_k=config.top_k)
    )


def rematch_needs(need_ids: Sequence[int]) -> int:
    """Re-score these needs against every offering; returns how many matches were stored."""
    results = best_matches(need_ids, MatchingSettings.current())
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


def best_matches(
    need_ids: Sequence[int], config: MatchingSettings, index: OfferingIndex | None = None
) -> dict[int, list[MatchScore]]:
    """The matchable ones of these needs scored against every offering: their best K each."""
    needs = list(needs_for_matching(Need.objects.matchable().filter(pk__in=need_ids)))
    if not needs:
        return {}
    index = index or index_cache.current(verify=True)
    return index.match_needs(
        need_profiles(needs), config.weights, threshold=config.threshold, top_k=config.top_k
    )


def rematch_offering(offering_id: int) -> int:
    """Re-score one offering against every open need in one pass (matching/need_side.py) and
    write only what changes in the needs' best K: the offering's rows that enter, change or
    leave, the rows it pushes out, and in a need it leaves with a match cut before that may
    come back, what a re-match of that need brings in (docs/matching.md). Returns how many
    rows were written."""
    config = MatchingSettings.current()
    index = index_cache.current(verify=True)
    column = None
    if offering_id in index:  # browsable, and not a variant (offerings_to_index)
        needs = need_side.current(index.vocabulary)
        column = needs.score_offering(index, offering_id, config.weights)
    scores = {} if column is None else column.qualifying(config.threshold)
    stored = Stored(offering_id, scores)
    changes = plan(offering_id, scores, stored.rows, config.top_k)
    written = column.matches(changes.write) if changes.write else []
    rows = list(zip(changes.write, written, strict=True))
    deleted = [stored.pks[pair] for pair in changes.delete]
    # A need the offering left with a match cut before: its best K again, of which only the
    # rows that come in or go are written (the others keep their stored scores).
    refilled = best_matches(changes.rematch, config, index)
    for need_id in changes.rematch:
        found = refilled.get(need_id, [])  # none: the need is no longer matchable
        kept = {score.offering_id for score in found}
        deleted += [
            stored.pks[need_id, other] for other, _ in stored.rows[need_id] if other not in kept
        ]
        rows += [
            (need_id, score)
            for score in found
            if score.offering_id == offering_id or (need_id, score.offering_id) not in stored.pks
        ]
    rows = [
        (need_id, score)
        for need_id, score in rows
        if score.offering_id != offering_id or not stored.unchanged(need_id, match_values(score))
    ]
    with transaction.atomic():
        delete_by_pk(deleted)
        return write_matches(rows)


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
