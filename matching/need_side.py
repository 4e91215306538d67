"""Every open need, analysed and held by the worker, to re-match a saved offering in one pass
(`matching.core.need_index`; `matching.services.rematch_offering` uses it).

Stored like the offering index (docs/matching.md): a snapshot build (`build_match_index`)
writes the needs it holds, as memory-mapped arrays (`matching.core.stored_needs`), into
``needs-<version>/`` beside ``offerings-<version>/`` under ``MATCH_INDEX_DIR``, with each
need's version and the vocabulary and rate they were analysed with. A process holding no
need side, or one analysed with another vocabulary or rate, starts from the newest stored one
made with the same, so it analyses only the needs changed since; past ``ADOPT_AFTER``
changes kept beside it, it takes a newer stored one when there is one.

Before each use the process brings what it holds up to date with the database, as
`IndexCache` does for the offerings: one query reads the matchable needs whose times (its
own, its organisation's, whose systems in use count, and its embedding's) are newer than its
last sync (`matching.watermark`; a build storing the need side reads every need's); only
needs whose times moved are loaded and analysed again (kept beside the stored arrays), needs
gone are dropped. A new vocabulary or exchange rate with nothing stored for it
analyses them all again.
"""

import json
import logging
import pickle
import threading
from collections.abc import Iterable
from pathlib import Path

from django.db.models import TextField
from django.db.models.functions import Cast

from directory.listings.models import Need

from . import snapshots
from .core import OfferingIndex, Vocabulary, stored, stored_needs
from .core.need_index import NeedIndex
from .models import ListingEmbedding, Match
from .profiles import IDS_PER_QUERY, current_rate, need_profiles, needs_for_matching
from .watermark import Watermark, read_versions

PREFIX = "needs-"
ABOUT = "about.pickle"
FORMAT = 4  # of the stored files (matching.core.stored_needs); another is not read
# Its organisation's time too: the organisation's systems in use count.
TIMES = ("updated_at", "organisation__updated_at")

log = logging.getLogger(__name__)


class NeedSide:
    # Changes kept beside a stored need side past which a newer stored one replaces it.
    ADOPT_AFTER = 500

    def __init__(self):
        self.lock = threading.Lock()
        self.index: NeedIndex | None = None
        self.versions: dict[int, tuple] = {}
        self.watermark = Watermark()  # when self.versions were read
        self.key: tuple | None = None  # (the vocabulary's fingerprint, the rate) analysed with
        self.adopted: int | None = None  # the version of the stored need side it started from
        self._seen: tuple = (None, "")  # a vocabulary and its fingerprint, worked out once

    def current(self, vocabulary: Vocabulary) -> NeedIndex:
        with self.lock:
            self._sync(vocabulary)
            return self.index

    def store(self, offerings: OfferingIndex, version: int) -> Path:
        """Write what it holds, synced, as ``needs-<version>/``, encoded against the lookups
        of ``offerings`` (the index stored as ``offerings-<version>/``), then hold that,
        memory-mapped; drop old ones. When no need changed since the stored need side it
        holds, that one stays the newest and nothing is written."""
        with self.lock:
            self._sync(offerings.vocabulary, full=True)
            if self.adopted is not None and not self.index.changes_kept():
                return snapshots.path_of(self.adopted, PREFIX)  # stored as it is already
            about = {"format": FORMAT, "key": self.key, "versions": self.versions}
            about["watermark"] = self.watermark

            def fill(folder: Path) -> None:
                stored_needs.save(self.index, offerings.arrays(), folder)
                stored.write_pickle(about, folder / ABOUT)

            path = snapshots.write_folder(snapshots.path_of(version, PREFIX), fill)
            self.index, self.adopted = stored_needs.load(path, offerings.vocabulary), version
        snapshots.clean(prefix=PREFIX)
        return path

    def _sync(self, vocabulary: Vocabulary, full: bool = False) -> None:
        key = self._key(vocabulary)
        if self.index is None or key != self.key or self._behind():
            self._adopt(key, vocabulary)
        if self.index is None or key != self.key:
            self.index, self.versions, self.key, self.adopted = NeedIndex(vocabulary), {}, key, None
            self.watermark = Watermark()
        kind = ListingEmbedding.Kind.NEED
        read = read_versions(
            Need.objects.matchable(), kind, TIMES, self.versions, self.watermark, full
        )
        for pk in read.removed:
            self.index.remove(pk)
        changed = read.changed
        for start in range(0, len(changed), IDS_PER_QUERY):
            batch = Need.objects.filter(pk__in=changed[start : start + IDS_PER_QUERY])
            for profile in need_profiles(needs_for_matching(batch)):
                self.index.upsert(profile)
        self.versions, self.watermark = read.versions, read.watermark

    def _key(self, vocabulary: Vocabulary) -> tuple:
        # By content: a stored offering index brings its own copy of the same vocabulary.
        seen, fingerprint = self._seen
        if seen is not vocabulary:
            fingerprint = vocabulary.fingerprint()
            self._seen = (vocabulary, fingerprint)
        return (fingerprint, current_rate())

    def _behind(self) -> bool:
        if self.index.changes_kept() < self.ADOPT_AFTER:
            return False
        newest = snapshots.newest_version(PREFIX)
        return newest is not None and (self.adopted is None or newest > self.adopted)

    def _adopt(self, key: tuple, vocabulary: Vocabulary) -> None:
        """Start from the newest stored need side analysed with the same vocabulary and
        rate, if there is one that can be read."""
        version = snapshots.newest_version(PREFIX)
        if version is None or version == self.adopted:
            return
        folder = snapshots.path_of(version, PREFIX)
        try:
            with open(folder / ABOUT, "rb") as handle:
                about = pickle.load(handle)
            if about.get("format") != FORMAT or about["key"] != key:
                return
            index = stored_needs.load(folder, vocabulary)
        except FileNotFoundError:  # removed by a newer build meanwhile
            return
        except Exception:  # from another code version, or damaged: analyse them here
            log.exception("Cannot read the stored need side %s", folder)
            return
        self.index, self.versions, self.key, self.adopted = index, about["versions"], key, version
        # Stored before there was one: every need's version is read at the next sync.
        self.watermark = about.get("watermark", Watermark())

    def clear(self) -> None:
        with self.lock:
            self.index, self.versions, self.key, self.adopted = None, {}, None, None
            self.watermark = Watermark()
            self._seen = (None, "")


need_side = NeedSide()


NUMBERS = ("score", "need_fit", "interoperability", "cost_fit")


class Stored:
    """What `matching.core.need_index.plan` reads of the stored matches: ``rows``, need id ->
    its (offering id, score) rows, for the needs in ``scored`` and those holding a row of the
    offering; with each row's pk (to delete it) and the offering's own rows' values (to skip
    writing one unchanged)."""

    def __init__(self, offering_id: int, scored: Iterable[int]):
        # The reasons as text, read as JSON only for a row whose numbers are unchanged:
        # decoding every row's took a third of this read at 50,000 needs.
        own = (
            Match.objects.filter(offering_id=offering_id)
            .annotate(reasons_text=Cast("reasons", TextField()))
            .values_list("need_id", *NUMBERS, "reasons_text")
        )
        self.own = {need_id: (tuple(numbers), text) for need_id, *numbers, text in own}
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

    def unchanged(self, need_id: int, values: dict) -> bool:
        """Whether the offering's stored row for this need holds ``values``
        (`matching.services.match_values`)."""
        held = self.own.get(need_id)
        if held is None:
            return False
        numbers, text = held
        if numbers != tuple(values[name] for name in NUMBERS) or text is None:
            return False
        return json.loads(text) == values["reasons"]
