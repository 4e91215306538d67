"""Every open need, analysed and held by the worker, to re-match a saved offering in one pass
(`matching.core.need_index`; `matching.services.rematch_offering` uses it).

Before each use the process brings what it holds up to date with the database, as
`IndexCache` does for the offerings: one query reads every matchable need's id with the
times it, its organisation (whose systems in use count) and its embedding last changed;
only needs whose times moved are loaded and analysed again, needs gone are dropped. A new
vocabulary (the offering index rebuilt after a taxonomy edit) or a new exchange rate
analyses them all again.
"""

import threading
from collections.abc import Iterable

from django.db import connection
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast

from directory.listings.models import Need

from .core import Vocabulary
from .core.need_index import NeedIndex
from .models import ListingEmbedding, Match
from .profiles import IDS_PER_QUERY, current_rate, need_profiles, needs_for_matching


class NeedSide:
    def __init__(self):
        self.lock = threading.Lock()
        self.index: NeedIndex | None = None
        self.versions: dict[int, tuple] = {}
        self.rate: float | None = None

    def current(self, vocabulary: Vocabulary) -> NeedIndex:
        with self.lock:
            self._sync(vocabulary)
            return self.index

    def _sync(self, vocabulary: Vocabulary) -> None:
        embedded = ListingEmbedding.objects.filter(
            kind=ListingEmbedding.Kind.NEED, listing_id=OuterRef("pk")
        ).values("updated_at")
        # The times as text: only compared for equality, and converting 150,000 of them to
        # datetimes (SQLite) would take longer than the rest of an offering's re-match.
        stamps = {
            name: Cast(field, CharField())
            for name, field in (
                ("need_at", "updated_at"),
                ("organisation_at", "organisation__updated_at"),
                ("embedded_at", Subquery(embedded[:1])),
            )
        }
        rows = Need.objects.matchable().annotate(**stamps).values_list("id", *stamps)
        sql, params = rows.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            versions = {pk: tuple(times) for pk, *times in cursor.fetchall()}
        rate = current_rate()
        if self.index is None or self.index.vocabulary is not vocabulary or rate != self.rate:
            self.index, self.versions, self.rate = NeedIndex(vocabulary), {}, rate
        for pk in self.versions.keys() - versions.keys():
            self.index.remove(pk)
        changed = [pk for pk, stamps in versions.items() if self.versions.get(pk) != stamps]
        for start in range(0, len(changed), IDS_PER_QUERY):
            batch = Need.objects.filter(pk__in=changed[start : start + IDS_PER_QUERY])
            for profile in need_profiles(needs_for_matching(batch)):
                self.index.upsert(profile)
        self.versions = versions

    def clear(self) -> None:
        with self.lock:
            self.index, self.versions, self.rate = None, {}, None


need_side = NeedSide()


VALUES = ("score", "need_fit", "interoperability", "cost_fit", "reasons")


class Stored:
    """What `matching.core.need_index.plan` reads of the stored matches: ``rows``, need id ->
    its (offering id, score) rows, for the needs in ``scored`` and those holding a row of the
    offering; with each row's pk (to delete it) and the offering's own rows' values (to skip
    writing one unchanged)."""

    def __init__(self, offering_id: int, scored: Iterable[int]):
        own = Match.objects.filter(offering_id=offering_id).values_list("need_id", *VALUES)
        self.own = {need_id: tuple(values) for need_id, *values in own}
        need_ids = sorted(set(scored) | self.own.keys())
        self.rows: dict[int, list[tuple[int, float]]] = {need_id: [] for need_id in need_ids}
        self.pks: dict[tuple[int, int], int] = {}
        for start in range(0, len(need_ids), IDS_PER_QUERY):
            matches = Match.objects.filter(need_id__in=need_ids[start : start + IDS_PER_QUERY])
            for pk, need_id, other, score in matches.values_list(
                "pk", "need_id", "offering_id", "score"
            ):
                self.rows[need_id].append((other, score))
                self.pks[need_id, other] = pk
