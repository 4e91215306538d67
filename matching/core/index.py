"""Vectorised matching: the rules of `matching.core.scoring`, for many pairs at once.

The index keeps every offering's analysis (terms, spotted categories, system credits) in
memory. Keeping it current:

- `upsert` and `remove` cost only the one offering's text analysis (well under a
  millisecond) and mark the arrays stale.
- In an index built in memory, the first query after any change rebuilds the arrays from
  the analyses: document frequencies and IDF over the offerings indexed *now*, the
  L2-normalised TF-IDF matrix, and the dense per-offering feature rows. That is linear
  in the index size (about a third of a second per 10,000 offerings) and is paid once per
  batch of changes, so loading many offerings then querying costs one rebuild.
- IDF is therefore always exact for the current set of offerings: after any upserts or
  removals, `match_need` agrees with `score_pair(need, offering, index)` to 1e-9.

Scores are computed a chunk of needs at a time as dense (needs × offerings) blocks of
float64, step by step as the reference computes them (they agree to about 1e-14); the
best `top_k` per need are picked per chunk with `np.argpartition`, so the whole
needs × offerings matrix never exists. Ties go to the lower offering id (rows are kept
in id order). Reasons are written only for the matches returned. Two threads work on
chunks side by side: NumPy and SciPy release the GIL, so one chunk's arithmetic runs
while the other's Python (text analysis, reasons) does. A need's text analysis does not
depend on the offerings, so the index remembers it for the next match of the same need.

The arrays and the needs encoded against them are built in `matching.core.arrays`; the
block arithmetic and the pick of the best rows are in `matching.core.blocks`.

An index can also come from files (`matching.core.stored`): its arrays memory-mapped, its
offerings' analyses read only for the matches returned. Such an index answers queries at
once, and changes without rebuilding them (`matching.core.changes`): an `upsert` or
`remove` reads at most the one offering's stored analysis, the next query builds arrays
for the changed offerings only and scores them beside the stored ones, with the same
scores as an index built from scratch (to about 1e-15). Past `MAX_CHANGES` changed rows
(or on `arrays()`, to store it) every analysis is read back and the arrays rebuilt whole.
"""

import pickle
from collections.abc import Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import numpy as np
from scipy import sparse

from .arrays import IndexArrays, NeedBatch, OfferingArrays, OfferingEntry
from .blocks import best_rows, score_blocks
from .changes import Changes, Part
from .collector import collection_paused
from .profiles import (
    DEFAULT_THRESHOLD,
    DEFAULT_WEIGHTS,
    MatchScore,
    NeedProfile,
    OfferingProfile,
    Vocabulary,
    Weights,
)
from .reasons import Explainer
from .scoring import (
    CorpusStats,
    NeedFeatures,
    check_compatibility,
    describe_need,
    describe_offering,
)

DEFAULT_CHUNK_SIZE = 64
MAX_BLOCK_CELLS = 1_000_000  # a chunk's dense float64 blocks stay around 8 MB each
THREADS = 2
REMEMBERED_NEEDS = 20_000
MAX_CHANGES = 2_000  # changed rows of a stored index kept beside its arrays


class OfferingIndex:
    """In-memory index of offerings, kept current as they change."""

    def __init__(
        self,
        vocabulary: Vocabulary,
        offerings: Iterable[OfferingProfile] = (),
        currency: str = "USD",
    ):
        self.vocabulary = vocabulary
        self.currency = currency
        self._analyser = vocabulary.analyser()
        self._term_columns: dict[str, int] = {}
        self._entries: dict[int, OfferingEntry] = {}
        self._need_features: dict[NeedProfile, NeedFeatures] = {}
        self._arrays: IndexArrays | None = None
        self._changes: Changes | None = None  # a stored index's arrays and what changed since
        self._parts: list[Part] | None = None
        for offering in offerings:
            self.upsert(offering)

    @classmethod
    def stored(cls, vocabulary: Vocabulary, currency: str, arrays: IndexArrays, entries):
        """An index from stored arrays; ``entries``: each row's `OfferingEntry` on demand
        (``entries[row]``) and pickled (``entries.pickled(row)``)."""
        index = cls(vocabulary, currency=currency)
        index._term_columns = dict(arrays.term_columns)
        index._arrays, index._entries = arrays, None
        index._changes = Changes(arrays, entries)
        return index

    def arrays(self) -> IndexArrays:
        """The arrays as of now (built whole if any change came since)."""
        if self._entries is None and self._changes.size():
            self._read_back()
        return self._current()

    def entry_pickles(self):
        """Each offering's analysis pickled, in id order (as the arrays' rows)."""
        if self._entries is None and not self._changes.size():
            stored = self._changes.entries
            return (stored.pickled(row) for row in range(len(stored)))
        self._read_back()
        return (
            pickle.dumps(self._entries[offering_id], protocol=pickle.HIGHEST_PROTOCOL)
            for offering_id in sorted(self._entries)
        )

    def upsert(self, offering: OfferingProfile) -> None:
        features = describe_offering(offering, self.vocabulary, self._analyser)
        columns = [self._term_column(term) for term in features.terms]
        entry = OfferingEntry(
            features,
            np.array(columns, dtype=np.int32),
            np.fromiter(features.terms.values(), dtype=np.float64, count=len(columns)),
        )
        if self._entries is None:
            self._changes.upsert(offering.id, entry, len(self._term_columns))
            self._changed()
        else:
            self._entries[offering.id] = entry
            self._arrays = None

    def remove(self, offering_id: int) -> None:
        """Forget an offering; unknown ids are ignored, so removing twice is harmless."""
        if self._entries is None:
            if self._changes.remove(offering_id, len(self._term_columns)):
                self._changed()
        elif self._entries.pop(offering_id, None) is not None:
            self._arrays = None

    def offering_arrays(self, offering_id: int) -> IndexArrays | None:
        """The arrays of that one offering, with the statistics of now (idf, term columns),
        its TF-IDF as an index built from scratch holds it; None if it is not indexed."""
        for part in self._current_parts():
            arrays = _limited(part, [offering_id]).arrays
            if len(arrays.offerings):
                return replace(arrays, offerings=_scaled(arrays.offerings, len(arrays.idf)))
        return None

    def changes_kept(self) -> int:
        """Offerings changed since the index was loaded from files and kept beside its
        stored arrays (0 for an index built in memory)."""
        return 0 if self._entries is not None else self._changes.size()

    def __len__(self) -> int:
        if self._entries is None:
            return len(self._changes)
        return len(self._entries)

    def __getstate__(self) -> dict:
        """Pickled without the remembered needs: they are the
        pickling process's, and rebuilt on demand."""
        return {**self.__dict__, "_need_features": {}}

    def __contains__(self, offering_id: int) -> bool:
        if self._entries is None:
            return offering_id in self._changes
        return offering_id in self._entries

    def corpus_stats(self) -> CorpusStats:
        return self._current_parts()[0].arrays.stats

    def match_need(
        self,
        need: NeedProfile,
        weights: Weights = DEFAULT_WEIGHTS,
        threshold: float = DEFAULT_THRESHOLD,
        top_k: int = 25,
        offering_ids: Collection[int] | None = None,
    ) -> list[MatchScore]:
        """The need's best matches, best first, scoring at least `threshold`, at most `top_k`.

        `offering_ids` limits scoring to those offerings (say, the one just saved), still
        with IDF over all of them, so the scores equal those of a full match.
        """
        return self._match([need], weights, threshold, top_k, offering_ids, DEFAULT_CHUNK_SIZE)[0]

    def match_needs(
        self,
        needs: Sequence[NeedProfile],
        weights: Weights = DEFAULT_WEIGHTS,
        threshold: float = DEFAULT_THRESHOLD,
        top_k: int = 25,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        offering_ids: Collection[int] | None = None,
    ) -> dict[int, list[MatchScore]]:
        """`match_need` for many needs (each with an id), a chunk of needs at a time."""
        if any(need.id is None for need in needs):
            raise ValueError("match_needs needs saved needs: every need must have an id.")
        matches = self._match(needs, weights, threshold, top_k, offering_ids, chunk_size)
        return {need.id: found for need, found in zip(needs, matches, strict=True)}

    # --- internals -------------------------------------------------------------------

    def _changed(self) -> None:
        self._arrays = self._parts = None
        if self._changes.size() > MAX_CHANGES or not len(self._changes):
            self._read_back()

    def _read_back(self) -> None:
        """A stored index to rebuild whole: every offering's analysis, back in memory."""
        if self._entries is None:
            unchanged = not self._changes.size()
            self._entries = dict(self._changes.entries_by_id())
            self._changes = self._parts = None
            if not unchanged:
                self._arrays = None

    def _current_parts(self) -> list[Part]:
        """What a query scores: the arrays, or a stored index's arrays and its changes."""
        if self._entries is not None or not self._changes.size():
            return [Part(self._current(), None)]
        if self._parts is None:
            self._parts = self._changes.parts(self._term_columns, self.vocabulary, self._analyser)
        return self._parts

    def _term_column(self, term: str) -> int:
        return self._term_columns.setdefault(term, len(self._term_columns))

    def _current(self) -> "IndexArrays":
        if self._arrays is None:
            self._arrays = IndexArrays.build(
                self._entries, self._term_columns, self.vocabulary, self._analyser
            )
        return self._arrays

    def _match(self, needs, weights, threshold, top_k, offering_ids, chunk_size):
        if threshold < 0 or top_k < 0 or chunk_size < 1:
            raise ValueError("threshold and top_k must be zero or more, chunk_size positive.")
        parts = [_limited(part, offering_ids) for part in self._current_parts()]
        parts = [part for part in parts if len(part.arrays.offerings)]
        n_offerings = sum(len(part.arrays.offerings) for part in parts)
        chunk_size = max(1, min(chunk_size, MAX_BLOCK_CELLS // max(1, n_offerings)))
        chunks = [needs[start : start + chunk_size] for start in range(0, len(needs), chunk_size)]
        cost_rows = [{} for _part in parts]  # per part: its rows are its offerings'

        def match_chunk(chunk: Sequence[NeedProfile]) -> list[list[MatchScore]]:
            found = [[] for _need in chunk]
            for part, costs in zip(parts, cost_rows, strict=True):
                arrays, offerings = part.arrays, part.arrays.offerings
                batch = NeedBatch.build(chunk, arrays, self._describe_need)
                blocks = score_blocks(batch, offerings, weights, costs)
                if part.dead is not None:
                    blocks.score[:, part.dead] = -np.inf
                for i, rows in enumerate(best_rows(blocks.score, threshold, top_k)):
                    found[i].extend(
                        (-blocks.score[i, row], offerings.ids[row], row, blocks, batch, arrays)
                        for row in rows.tolist()
                    )
            return [self._matches(best, i, weights, top_k) for i, best in enumerate(found)]

        if len(chunks) < 2:
            return [found for chunk in chunks for found in match_chunk(chunk)]
        with ThreadPoolExecutor(max_workers=THREADS) as pool, collection_paused():
            return [found for matches in pool.map(match_chunk, chunks) for found in matches]

    def _describe_need(self, need: NeedProfile) -> NeedFeatures:
        """Needs are analysed once and remembered: the analysis ignores the offerings."""
        features = self._need_features.get(need)
        if features is None:
            if len(self._need_features) >= REMEMBERED_NEEDS:
                self._need_features.clear()
            features = describe_need(need, self.vocabulary, self._analyser)
            self._need_features[need] = features
        return features

    def _matches(self, found, i, weights, top_k) -> list[MatchScore]:
        """A need's best of every part's best, ties to the lower offering id."""
        found.sort(key=lambda candidate: candidate[:2])
        matches, explainer = [], None
        for _key, _id, row, blocks, batch, arrays in found[:top_k]:
            need = batch.features[i]
            if explainer is None:  # every part holds the same statistics
                explainer = Explainer(need, arrays.stats, weights, self.currency)
            offering = arrays.offerings.features[row]
            compatibility = check_compatibility(need.need, offering.offering)
            reasons = explainer.reasons(offering, compatibility)
            matches.append(
                MatchScore(
                    offering.offering.id,
                    float(blocks.score[i, row]),
                    float(blocks.need_fit[i, row]),
                    float(blocks.interop[i, row]),
                    float(blocks.cost[i, row]),
                    reasons,
                )
            )
        return matches


def _scaled(offerings: OfferingArrays, n_terms: int) -> OfferingArrays:
    """Stored rows with their scales applied (`OfferingArrays.term_scale`), ``n_terms`` rows
    of terms."""
    text = offerings.text_by_term
    if offerings.term_scale is not None:
        terms = np.repeat(np.arange(text.shape[0]), np.diff(text.indptr))
        data = text.data * offerings.term_scale[terms] * offerings.column_scale[text.indices]
        text = sparse.csr_matrix((data, text.indices, text.indptr), shape=text.shape)
    if text.shape[0] < n_terms:
        indptr = np.concatenate([text.indptr, np.full(n_terms - text.shape[0], text.indptr[-1])])
        text = sparse.csr_matrix((text.data, text.indices, indptr), shape=(n_terms, text.shape[1]))
    return replace(offerings, text_by_term=text, term_scale=None, column_scale=None)


def _limited(part: Part, offering_ids: Collection[int] | None) -> Part:
    """The part with only those offerings (all with None), none of its dead rows."""
    if offering_ids is None:
        return part
    rows = part.arrays.rows_of(offering_ids)
    if part.dead is not None:
        rows = rows[~np.isin(rows, part.dead)]
    return Part(replace(part.arrays, offerings=part.arrays.offerings.take(rows)), None)
