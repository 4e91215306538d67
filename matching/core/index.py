"""Vectorised matching: the rules of `matching.core.scoring`, for many pairs at once.

The index keeps every offering's analysis (terms, spotted categories, system credits) in
memory. Keeping it current:

- `upsert` and `remove` cost only the one offering's text analysis (well under a
  millisecond) and mark the arrays stale.
- The first query after any change rebuilds the arrays from the stored analyses: document
  frequencies and IDF over the offerings indexed *now*, the L2-normalised TF-IDF matrix,
  and the dense per-offering feature rows. That is linear in the index size (about a
  third of a second per 10,000 offerings) and is paid once per batch of changes, so
  loading many offerings then querying costs one rebuild.
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
once; the first `upsert` or `remove` reads every analysis back first.
"""

import pickle
from collections.abc import Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .arrays import IndexArrays, NeedBatch, OfferingEntry
from .blocks import best_rows, score_blocks
from .profiles import DEFAULT_WEIGHTS, MatchScore, NeedProfile, OfferingProfile, Vocabulary, Weights
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
        self._stored = None  # the entries of a stored index, until it changes
        for offering in offerings:
            self.upsert(offering)

    @classmethod
    def stored(cls, vocabulary: Vocabulary, currency: str, arrays: IndexArrays, entries):
        """An index from stored arrays; ``entries``: each row's `OfferingEntry` on demand
        (``entries[row]``) and pickled (``entries.pickled(row)``)."""
        index = cls(vocabulary, currency=currency)
        index._term_columns = dict(arrays.term_columns)
        index._arrays, index._stored, index._entries = arrays, entries, None
        return index

    def arrays(self) -> IndexArrays:
        """The arrays as of now (built if any change came since)."""
        return self._current()

    def entry_pickles(self):
        """Each offering's analysis pickled, in id order (as the arrays' rows)."""
        if self._entries is None:
            return (self._stored.pickled(row) for row in range(len(self._stored)))
        return (
            pickle.dumps(self._entries[offering_id], protocol=pickle.HIGHEST_PROTOCOL)
            for offering_id in sorted(self._entries)
        )

    def upsert(self, offering: OfferingProfile) -> None:
        self._read_back()
        features = describe_offering(offering, self.vocabulary, self._analyser)
        columns = [self._term_column(term) for term in features.terms]
        self._entries[offering.id] = OfferingEntry(
            features,
            np.array(columns, dtype=np.int32),
            np.fromiter(features.terms.values(), dtype=np.float64, count=len(columns)),
        )
        self._arrays = None

    def remove(self, offering_id: int) -> None:
        """Forget an offering; unknown ids are ignored, so removing twice is harmless."""
        self._read_back()
        if self._entries.pop(offering_id, None) is not None:
            self._arrays = None

    def __len__(self) -> int:
        if self._entries is None:
            return len(self._stored)
        return len(self._entries)

    def __getstate__(self) -> dict:
        """Pickled without the remembered needs: they are the
        pickling process's, and rebuilt on demand."""
        return {**self.__dict__, "_need_features": {}}

    def __contains__(self, offering_id: int) -> bool:
        if self._entries is None:
            return len(self._arrays.rows_of([offering_id])) == 1
        return offering_id in self._entries

    def corpus_stats(self) -> CorpusStats:
        return self._current().stats

    def match_need(
        self,
        need: NeedProfile,
        weights: Weights = DEFAULT_WEIGHTS,
        threshold: float = 40,
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
        threshold: float = 40,
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

    def _read_back(self) -> None:
        """A stored index about to change: every offering's analysis, back in memory."""
        if self._entries is None:
            ids = self._arrays.offerings.ids.tolist()
            self._entries = {ids[row]: self._stored[row] for row in range(len(ids))}
            self._stored = None

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
        arrays = self._current()
        offerings = arrays.offerings
        if offering_ids is not None:
            offerings = offerings.take(arrays.rows_of(offering_ids))
        chunk_size = max(1, min(chunk_size, MAX_BLOCK_CELLS // max(1, len(offerings))))
        chunks = [needs[start : start + chunk_size] for start in range(0, len(needs), chunk_size)]
        cost_rows: dict[tuple[float, float], np.ndarray] = {}

        def match_chunk(chunk: Sequence[NeedProfile]) -> list[list[MatchScore]]:
            batch = NeedBatch.build(chunk, arrays, self._describe_need)
            blocks = score_blocks(batch, offerings, weights, cost_rows)
            best = best_rows(blocks.score, threshold, top_k)
            return [
                self._matches(batch.features[i], rows, blocks, i, offerings, weights, arrays.stats)
                for i, rows in enumerate(best)
            ]

        if len(chunks) < 2:
            return [found for chunk in chunks for found in match_chunk(chunk)]
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
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

    def _matches(self, need, rows, blocks, i, offerings, weights, stats) -> list[MatchScore]:
        explainer = Explainer(need, stats, weights, self.currency)
        matches = []
        for row, score, need_fit, interop, cost in zip(
            rows.tolist(),
            blocks.score[i, rows].tolist(),
            blocks.need_fit[i, rows].tolist(),
            blocks.interop[i, rows].tolist(),
            blocks.cost[i, rows].tolist(),
            strict=True,
        ):
            offering = offerings.features[row]
            compatibility = check_compatibility(need.need, offering.offering)
            reasons = explainer.reasons(offering, compatibility)
            matches.append(
                MatchScore(offering.offering.id, score, need_fit, interop, cost, reasons)
            )
        return matches
