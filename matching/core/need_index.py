"""One offering against every need at once: the transpose of `OfferingIndex.match_needs`.

`OfferingIndex` (`matching.core.index`) scores needs a chunk at a time against all
offerings. Saving an offering asks the other way round: this one offering against every open
need. `NeedIndex` keeps every need's analysis (`describe_need`, done once per need) and,
built from those on the first query after any change:

- the needs encoded once against the offering index's lookups (a `NeedBatch` of every need,
  built again only when the categories, systems, deployments, languages or countries the
  offerings list change, or the needs do);
- every need's terms as flat arrays (a term id and a weight before IDF per entry).

`score_offering` then scores one indexed offering against all of them in one vectorised
pass: the TF-IDF cosines from the flat arrays with the offering index's IDF of *now* (which
moves with every offering indexed), and the rest through `matching.core.blocks.score_blocks`
on a needs × 1 block. The numbers are those a full re-match computes for the same pair, not
merely close ones: every step follows the same order of operations, the cosine summing each
need's terms in the need's order from zero as `blocks._cosines` does (a term the offering
lacks adds an exact zero).

`plan` turns the offering's new scores and the needs' stored matches into what to write and
delete so that each need keeps the best K a full re-match would keep.
"""

import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice

import numpy as np

from .arrays import IndexArrays, NeedBatch, OfferingArrays
from .blocks import ScoreBlocks, score_blocks
from .index import OfferingIndex
from .profiles import MatchScore, NeedProfile, Vocabulary, Weights
from .reasons import Explainer
from .scoring import CorpusStats, NeedFeatures, check_compatibility, describe_need
from .text import idf


@dataclass(frozen=True, eq=False)
class NeedTerms:
    """Every need's terms, flat: need ``i``'s entries are ``starts[i]`` onwards, in the order
    of its ``terms`` dict."""

    ids: np.ndarray  # need ids, ascending
    features: list[NeedFeatures]
    term_ids: dict[str, int]  # term -> term id
    term_names: list[str]  # term id -> term
    terms: np.ndarray  # term id per entry
    weights: np.ndarray  # weight before IDF per entry
    starts: np.ndarray
    by_length: np.ndarray  # need positions, most terms first
    longer_than: np.ndarray  # [p]: how many needs have more than p terms

    @classmethod
    def build(cls, features_by_id: Mapping[int, NeedFeatures]) -> "NeedTerms":
        ids = np.array(sorted(features_by_id), dtype=np.int64)
        features = [features_by_id[int(need_id)] for need_id in ids]
        term_ids: dict[str, int] = {}
        terms = [term_ids.setdefault(term, len(term_ids)) for f in features for term in f.terms]
        weights = [weight for f in features for weight in f.terms.values()]
        lengths = np.array([len(f.terms) for f in features], dtype=np.intp)
        by_length = np.argsort(-lengths, kind="stable")
        longest = int(lengths.max()) if len(lengths) else 0
        return cls(
            ids=ids,
            features=features,
            term_ids=term_ids,
            term_names=list(term_ids),
            terms=np.array(terms, dtype=np.int32),
            weights=np.array(weights, dtype=np.float64),
            starts=np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.intp),
            by_length=by_length,
            longer_than=(lengths[:, None] > np.arange(longest)).sum(axis=0),
        )

    def sums_in_order(self, values: np.ndarray) -> np.ndarray:
        """Per need, 0.0 + its first entry's value + its second's + …, as a loop would add."""
        sums = np.zeros(len(self.ids))
        for position, count in enumerate(self.longer_than.tolist()):
            rows = self.by_length[:count]
            sums[rows] += values[self.starts[rows] + position]
        return sums

    def columns(self, term_columns: dict[str, int], seen: int, known: np.ndarray) -> np.ndarray:
        """Each term's column in the offering index (-1: no offering uses it). An index only
        ever adds columns, in order: given ``known``, what this returned when the same index
        had ``seen`` columns (0, and all -1, the first time), only the terms added since are
        looked up."""
        found = [
            (self.term_ids[term], column)
            for term, column in islice(term_columns.items(), seen, None)
            if term in self.term_ids
        ]
        if found:
            known = known.copy()
            known[[term for term, _ in found]] = [column for _, column in found]
        return known

    def cosines(
        self, arrays: IndexArrays, offering: OfferingArrays, term_columns: np.ndarray
    ) -> np.ndarray:
        """Each need's TF-IDF cosine with the one offering, as `NeedBatch` and `_cosines`
        compute it: terms no offering uses count in the need's length at the unseen IDF.
        ``term_columns``: what `columns` returns."""
        # Index -1 reads the value appended last: the unseen IDF, the offering's zero. Per
        # entry arrays are reused in place, the same operations, so memory stays at two.
        columns = term_columns[self.terms]
        unseen = idf(0, arrays.stats.n_offerings)
        weighted = np.append(arrays.idf, unseen)[columns]
        weighted *= self.weights
        scratch = np.multiply(weighted, weighted)
        norms = np.sqrt(self.sums_in_order(scratch))
        lengths = np.diff(np.append(self.starts, len(self.terms)))
        weighted /= np.repeat(norms, lengths)
        offering_text = offering.text_by_term.toarray()[:, 0]
        np.take(np.append(offering_text, 0.0), columns, out=scratch)
        scratch *= weighted
        return self.sums_in_order(scratch)


@dataclass(frozen=True)
class Lookups:
    """What `NeedBatch.build` reads of `IndexArrays` besides the text: the text rows are left
    empty (`NeedTerms.cosines` works the cosines out)."""

    category_rows: dict[str, int]
    system_rows: dict[str, int]
    deployment_rows: dict[str, int]
    language_rows: dict[str, int]
    country_rows: dict[str, int]
    stats: CorpusStats
    term_columns: dict[str, int] = field(default_factory=dict)
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0))

    @classmethod
    def of(cls, arrays: IndexArrays) -> "Lookups":
        stats = arrays.stats
        return cls(
            arrays.category_rows,
            arrays.system_rows,
            arrays.deployment_rows,
            arrays.language_rows,
            arrays.country_rows,
            CorpusStats(stats.vocabulary, stats.analyser, 0, {}),
        )

    def key(self) -> tuple:
        return (
            self.category_rows,
            self.system_rows,
            self.deployment_rows,
            self.language_rows,
            self.country_rows,
        )


@dataclass(frozen=True)
class OfferingColumn:
    """One offering scored against every need (blocks of needs × 1)."""

    need_ids: np.ndarray
    features: list[NeedFeatures]
    blocks: ScoreBlocks
    offering: OfferingArrays
    stats: CorpusStats
    weights: Weights
    currency: str

    def qualifying(self, threshold: float) -> dict[int, float]:
        """Need id -> score, for the needs where the offering scores at least ``threshold``."""
        rows = np.flatnonzero(self.blocks.score[:, 0] >= threshold)
        return dict(
            zip(self.need_ids[rows].tolist(), self.blocks.score[rows, 0].tolist(), strict=True)
        )

    def match(self, need_id: int) -> MatchScore:
        """The match with its reasons, as `OfferingIndex` writes it."""
        row = int(np.searchsorted(self.need_ids, need_id))
        need, offering = self.features[row], self.offering.features[0]
        explainer = Explainer(need, self.stats, self.weights, self.currency)
        reasons = explainer.reasons(offering, check_compatibility(need.need, offering.offering))
        score, need_fit, interop, cost = (
            float(part[row, 0])
            for part in (
                self.blocks.score,
                self.blocks.need_fit,
                self.blocks.interop,
                self.blocks.cost,
            )
        )
        return MatchScore(offering.offering.id, score, need_fit, interop, cost, reasons)


class NeedIndex:
    """Every open need's analysis, kept current as needs change, to score one offering
    against all of them (see the module's docstring)."""

    def __init__(self, vocabulary: Vocabulary):
        self.vocabulary = vocabulary
        self._analyser = vocabulary.analyser()
        self._features: dict[int, NeedFeatures] = {}
        self._terms: NeedTerms | None = None
        self._batch: tuple[NeedTerms, tuple, NeedBatch] | None = None
        self._columns: tuple = (lambda: None, None, 0, None)

    def upsert(self, need: NeedProfile) -> None:
        self._features[need.id] = describe_need(need, self.vocabulary, self._analyser)
        self._terms = None

    def remove(self, need_id: int) -> None:
        if self._features.pop(need_id, None) is not None:
            self._terms = None

    def score_offering(
        self, index: OfferingIndex, offering_id: int, weights: Weights
    ) -> OfferingColumn | None:
        """The offering against every need; None when the index does not hold it."""
        arrays = index.offering_arrays(offering_id)
        if arrays is None or not self._features:
            return None
        if self._terms is None:
            self._terms = NeedTerms.build(self._features)
        terms = self._terms
        offering = arrays.offerings
        cosines = terms.cosines(arrays, offering, self._term_columns(index, arrays))[:, None]
        blocks = score_blocks(self._needs_encoded(arrays), offering, weights, {}, cosines)
        return OfferingColumn(
            terms.ids, terms.features, blocks, offering, arrays.stats, weights, index.currency
        )

    def _term_columns(self, index: OfferingIndex, arrays: IndexArrays) -> np.ndarray:
        """`NeedTerms.columns`, kept for the next offering scored with the same index."""
        terms = self._terms
        held_index, held_terms, seen, known = self._columns
        if held_index() is not index or held_terms is not terms:
            seen, known = 0, np.full(len(terms.term_names), -1, dtype=np.intp)
        known = terms.columns(arrays.term_columns, seen, known)
        self._columns = (weakref.ref(index), terms, len(arrays.term_columns), known)
        return known

    def _needs_encoded(self, arrays: IndexArrays) -> NeedBatch:
        lookups = Lookups.of(arrays)
        built, key, _batch = self._batch or (None, None, None)
        if built is not self._terms or key != lookups.key():
            profiles = [features.need for features in self._terms.features]
            batch = NeedBatch.build(profiles, lookups, lambda need: self._features[need.id])
            self._batch = (self._terms, lookups.key(), batch)
        return self._batch[2]


@dataclass(frozen=True)
class Plan:
    """What one offering's new scores change in the stored best K of each need."""

    write: list[int]  # needs whose row for the offering is written (added or updated)
    delete: list[tuple[int, int]]  # (need id, offering id) rows to delete
    rematch: list[int]  # needs to re-match in full: a match cut before may come back


def plan(
    offering_id: int,
    scores: Mapping[int, float],
    stored: Mapping[int, Sequence[tuple[int, float]]],
    top_k: int,
) -> Plan:
    """Keep each need's best ``top_k`` as a full re-match would, given the offering's new
    ``scores`` (need id -> score, where it qualifies) and ``stored``: need id -> its stored
    (offering id, score) rows, for every need in ``scores`` or holding a row of the offering.

    Ranked by score, ties to the lower offering id, as `OfferingIndex` ranks. The stored rows
    are taken to be a full re-match's best K; a need holding fewer than K has no match cut
    below them. When the offering drops out of a full need's best K, or falls below its worst
    stored match, a match cut before may now belong there, and only a full re-match of that
    need knows: it is listed in ``rematch``.
    """
    write: list[int] = []
    delete: list[tuple[int, int]] = []
    rematch: list[int] = []
    for need_id, rows in stored.items():
        ranked = sorted((-score, other) for other, score in rows)
        held = any(other == offering_id for _, other in ranked)
        full = len(ranked) >= top_k
        score = scores.get(need_id)
        new = None if score is None or top_k == 0 else (-score, offering_id)
        if held and full and (new is None or new > ranked[-1]):
            rematch.append(need_id)
        elif held and new is None:
            delete.append((need_id, offering_id))
        elif held:
            write.append(need_id)
        elif new is not None:
            ranked = sorted([*ranked, new])
            if ranked.index(new) < top_k:
                write.append(need_id)
                delete.extend((need_id, other) for _, other in ranked[top_k:])
    return Plan(write, delete, rematch)
