"""Each row's version (`matching.profiles.versions_of`) kept current by reading only the rows
changed since the last read: the offering index (`matching.services.IndexCache`) and the need
side (`matching.need_side`) sync with it before every re-match.

Reading every row's version took over a second a save at 100,000 offerings and 50,000 needs
(docs/benchmarks.md). Instead, one query reads the rows whose times (the row's, and its stored
embedding's) are newer than the last read began, less ``OVERLAP``: a transaction that stamped
its rows before that read and committed after it (on PostgreSQL, less still while an older
transaction on the database is open). One aggregate, the rows' count and the sum of their
ids, then checks that no row left (deleted, unpublished, gone stale) or came in with its times
unchanged (a queryset ``update()``); if one did, every row is read, as it is when nothing was
read before, after ``FULL_EVERY``, and when a snapshot build asks for it (``full``).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from .models import ListingEmbedding
from .profiles import versions_of

OVERLAP = timedelta(minutes=2)
FULL_EVERY = timedelta(minutes=10)


@dataclass(frozen=True)
class Watermark:
    read_at: datetime | None = None  # when the last read began
    full_at: datetime | None = None  # when the last read of every row began

    @classmethod
    def at(cls, version: int) -> "Watermark":
        """Of versions read in full at ``version`` (time.time_ns(), a stored snapshot's)."""
        when = datetime.fromtimestamp(version / 1e9, tz=UTC)
        return cls(when, when)


@dataclass
class Read:
    versions: dict[int, tuple]  # every row's, as ``versions_of`` reads them
    changed: list[int]  # rows new, or whose version differs from the one held
    removed: list[int]  # rows held that are no longer there
    watermark: Watermark  # to keep once what was read is applied


def read_versions(
    rows: QuerySet,
    kind: str,
    fields: tuple[str, ...],
    held: dict[int, tuple],
    watermark: Watermark,
    full: bool = False,
) -> Read:
    """The versions of ``rows`` (of listings of ``kind``, times in ``fields``) against
    ``held``, read at ``watermark``; ``held`` is not changed."""
    began = timezone.now()
    fresh = watermark.full_at is not None and began - watermark.full_at < FULL_EVERY
    if not full and fresh and watermark.read_at is not None:
        since = _since(watermark.read_at)
        changed_since = _changed_since(since, rows.model, kind, fields)
        recent = versions_of(rows.filter(changed_since), kind, *fields)
        if _same_rows(rows, held, recent):
            changed = [pk for pk, version in recent.items() if held.get(pk) != version]
            versions = {**held, **{pk: recent[pk] for pk in changed}} if changed else held
            return Read(versions, changed, [], Watermark(began, watermark.full_at))
    versions = versions_of(rows, kind, *fields)
    changed = [pk for pk, version in versions.items() if held.get(pk) != version]
    removed = [pk for pk in held if pk not in versions]
    return Read(versions, changed, removed, Watermark(began, began))


def _since(read_at: datetime) -> datetime:
    since = read_at - OVERLAP
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT min(xact_start) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                "AND backend_type = 'client backend'"
            )
            [oldest] = cursor.fetchone()
        if oldest is not None:
            since = min(since, oldest - OVERLAP)
    return since


def _changed_since(since: datetime, model, kind: str, fields: tuple[str, ...]) -> Q:
    """The rows with a time after ``since``: their ids found through the indexes on those
    times (``need_changed``, ``offering_changed``, ``embedding_changed``), one union that
    the database then joins by primary key, rather than a test of every row."""
    embedded = ListingEmbedding.objects.filter(kind=kind, updated_at__gt=since)
    stamped = [
        model._base_manager.filter(**{f"{field}__gt": since}).order_by().values("pk")
        for field in fields
    ]
    return Q(pk__in=embedded.order_by().values("listing_id").union(*stamped, all=True))


def _same_rows(rows: QuerySet, held: dict[int, tuple], recent: dict[int, tuple]) -> bool:
    """Whether ``rows`` are those held and the recent ones new among them, by count and id
    sum (rows that left and others that came in unseen would need ids of the same sum)."""
    now = rows.order_by().aggregate(count=Count("pk"), total=Sum("pk"))
    new = [pk for pk in recent if pk not in held]
    return now["count"] == len(held) + len(new) and (now["total"] or 0) == sum(held) + sum(new)
