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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from itertools import islice

import numpy as np

from .arrays import IndexArrays, NeedBatch, OfferingArrays, laid_out, rows_for
from .blocks import ScoreBlocks, score_blocks
from .index import OfferingIndex
from .profiles import MatchScore, NeedProfile, Vocabulary, Weights
from .quoted import shared_terms
from .reasons import Explainer
from .scoring import (
    CorpusStats,
    NeedFeatures,
    OfferingFeatures,
    check_compatibility,
    describe_need,
)
from .text import idf

NEEDS_PER_PASS = 4096  # needs whose TF-IDF cosines are worked out at once


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
    starts: np.ndarray  # need i's first entry, and the entry count last (n + 1 values)

    @classmethod
    def build(cls, features_by_id: Mapping[int, NeedFeatures]) -> "NeedTerms":
        ids = np.array(sorted(features_by_id), dtype=np.int64)
        features = [features_by_id[int(need_id)] for need_id in ids]
        term_ids: dict[str, int] = {}
        terms = [term_ids.setdefault(term, len(term_ids)) for f in features for term in f.terms]
        weights = [weight for f in features for weight in f.terms.values()]
        lengths = np.array([len(f.terms) for f in features], dtype=np.intp)
        return cls(
            ids=ids,
            features=features,
            term_ids=term_ids,
            term_names=list(term_ids),
            terms=np.array(terms, dtype=np.int32),
            weights=np.array(weights, dtype=np.float64),
            starts=np.concatenate(([0], np.cumsum(lengths))).astype(np.intp),
        )

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
        ``term_columns``: what `columns` returns. ``NEEDS_PER_PASS`` needs at a time, so the
        per-entry arrays stay small whatever the number of needs."""
        # Index -1 reads the value appended last: the unseen IDF, the offering's zero.
        idf_now = np.append(arrays.idf, idf(0, arrays.stats.n_offerings))
        offering_text = np.append(offering.text_by_term.toarray()[:, 0], 0.0)
        found = np.empty(len(self.ids))
        for first in range(0, len(self.ids), NEEDS_PER_PASS):
            bounds = self.starts[first : first + NEEDS_PER_PASS + 1]
            entries = slice(int(bounds[0]), int(bounds[-1]))
            lengths = np.diff(bounds)
            columns = term_columns[self.terms[entries]]
            weighted = idf_now[columns]
            weighted *= self.weights[entries]
            scratch = np.multiply(weighted, weighted)
            norms = np.sqrt(_sums_in_order(scratch, lengths))
            weighted /= np.repeat(norms, lengths)
            np.take(offering_text, columns, out=scratch)
            scratch *= weighted
            found[first : first + len(lengths)] = _sums_in_order(scratch, lengths)
        return found


def _sums_in_order(values: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Per need (``lengths[i]`` entries each, back to back), 0.0 + its first entry's value +
    its second's + …, as a loop would add."""
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.intp)
    by_length = np.argsort(-lengths, kind="stable")
    longest = int(lengths.max()) if len(lengths) else 0
    sums = np.zeros(len(lengths))
    for position in range(longest):
        rows = by_length[: np.count_nonzero(lengths > position)]
        sums[rows] += values[starts[rows] + position]
    return sums


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

    def covers(self, offering: OfferingFeatures) -> bool:
        """Whether every category, system, deployment, language and country the offering
        lists has its row here."""
        return all(set(values) <= getattr(self, name).keys() for name, values in _listed(offering))

    def widened(self, offering: OfferingFeatures) -> "Lookups":
        """These lookups with the offering's values too."""
        wider = {
            name: rows_for([*getattr(self, name), *values]) for name, values in _listed(offering)
        }
        return replace(self, **wider)


def _listed(offering: OfferingFeatures) -> list[tuple[str, Iterable[str]]]:
    """The offering's values, by the `Lookups` field holding their rows."""
    profile = offering.offering
    return [
        ("category_rows", offering.category_strength),
        ("system_rows", offering.system_credits),
        ("deployment_rows", profile.deployments),
        ("language_rows", profile.languages),
        ("country_rows", profile.regions),
    ]


@dataclass(frozen=True)
class OfferingColumn:
    """One offering scored against every need (blocks of needs × 1)."""

    need_ids: np.ndarray
    features: "Picked"
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
        [found] = self.matches([need_id])
        return found

    def matches(self, need_ids: Sequence[int]) -> list[MatchScore]:
        """`match` of each need, the words their reasons quote found for all at once."""
        rows = np.searchsorted(self.need_ids, np.asarray(need_ids, dtype=np.int64))
        offering = self.offering.features[0]
        quoted = self.features.shared_terms(rows, self.stats, offering.terms)
        parts = (self.blocks.score, self.blocks.need_fit, self.blocks.interop, self.blocks.cost)
        numbers = np.column_stack([part[rows, 0] for part in parts]).tolist()
        found = []
        for need, ranked, (score, need_fit, interop, cost) in zip(
            self.features.pick(rows), quoted, numbers, strict=True
        ):
            explainer = Explainer(need, self.stats, self.weights, self.currency, ranked)
            compatibility = check_compatibility(need.need, offering.offering)
            reasons = explainer.reasons(offering, compatibility)
            found.append(MatchScore(offering.offering.id, score, need_fit, interop, cost, reasons))
        return found


class EncodedNeeds:
    """Needs' `NeedTerms`, with what scoring one offering against them reuses from one
    offering to the next: the `NeedBatch` encoded against `Lookups` (the rows of the
    categories, systems, deployments, languages and countries; each offering scored is laid
    out against them, `matching.core.arrays.laid_out`, so they are encoded again only when
    an offering lists a value they lack), and each term's column in the index (looked up
    again only for the columns added since)."""

    def __init__(self, terms: NeedTerms, batch: "tuple[Lookups, NeedBatch] | None" = None):
        self.terms = terms
        self.batch = batch
        self._columns: tuple = (lambda: None, 0, None)

    def blocks(self, index: OfferingIndex, arrays: IndexArrays, weights: Weights) -> ScoreBlocks:
        offering = arrays.offerings
        columns = self._term_columns(index, arrays)
        cosines = self.terms.cosines(arrays, offering, columns)[:, None]
        lookups, batch = self.encoded(arrays)
        return score_blocks(batch, laid_out(offering, lookups), weights, {}, cosines)

    def encoded(self, arrays: IndexArrays) -> "tuple[Lookups, NeedBatch]":
        """The needs encoded against lookups holding every value of ``arrays``' offerings."""
        lookups = Lookups.of(arrays) if self.batch is None else self.batch[0]
        for features in arrays.offerings.features:
            if not lookups.covers(features):
                lookups = lookups.widened(features)
        if self.batch is None or lookups is not self.batch[0]:
            features = list(self.terms.features)  # a stored part reads every analysis
            by_id = {f.need.id: f for f in features}
            profiles = [f.need for f in features]
            batch = NeedBatch.build(profiles, lookups, lambda need: by_id[need.id])
            self.batch = (lookups, batch)
        return self.batch

    def _term_columns(self, index: OfferingIndex, arrays: IndexArrays) -> np.ndarray:
        """`NeedTerms.columns`, kept for the next offering scored with the same index."""
        held_index, seen, known = self._columns
        if held_index() is not index:
            seen, known = 0, np.full(len(self.terms.term_names), -1, dtype=np.intp)
        known = self.terms.columns(arrays.term_columns, seen, known)
        self._columns = (weakref.ref(index), len(arrays.term_columns), known)
        return known


class NeedIndex:
    """Every open need's analysis, kept current as needs change, to score one offering
    against all of them (see the module's docstring).

    Built in memory (every need analysed by `upsert`), or from a stored ``base``
    (`matching.core.stored_needs`): its arrays stay as stored, and needs changed since are
    kept beside them, as `matching.core.changes` does for offerings: a need upserted or
    removed marks its stored row dead, an upserted one is analysed and held in memory, and
    an offering is scored against both parts (the scores of one need depend on no other
    need, so the two parts give the numbers one index would)."""

    def __init__(self, vocabulary: Vocabulary, base: EncodedNeeds | None = None):
        self.vocabulary = vocabulary
        self._analyser = vocabulary.analyser()
        self._features: dict[int, NeedFeatures] = {}
        self._changed: EncodedNeeds | None = None
        self._base = base
        self._dead = np.zeros(0 if base is None else len(base.terms.ids), dtype=bool)

    def upsert(self, need: NeedProfile) -> None:
        self._features[need.id] = describe_need(need, self.vocabulary, self._analyser)
        self._kill(need.id)
        self._changed = None

    def remove(self, need_id: int) -> None:
        self._kill(need_id)
        if self._features.pop(need_id, None) is not None:
            self._changed = None

    def __len__(self) -> int:
        return len(self._features) + len(self._dead) - int(self._dead.sum())

    def changes_kept(self) -> int:
        """Stored rows retired plus needs held beside them since the stored base was loaded
        (0 for an index built in memory)."""
        return 0 if self._base is None else len(self._features) + int(self._dead.sum())

    def features(self) -> dict[int, NeedFeatures]:
        """Every need's analysis by id (a stored base's read back)."""
        found = {}
        if self._base is not None:
            terms = self._base.terms
            for row in np.flatnonzero(~self._dead).tolist():
                found[int(terms.ids[row])] = terms.features[row]
        found.update(self._features)
        return found

    def score_offering(
        self, index: OfferingIndex, offering_id: int, weights: Weights
    ) -> OfferingColumn | None:
        """The offering against every need; None when the index does not hold it."""
        arrays = index.offering_arrays(offering_id)
        if arrays is None or not len(self):
            return None
        parts = []
        if self._base is not None and not self._dead.all():
            alive = np.flatnonzero(~self._dead)
            parts.append((self._base, alive))
        if self._features:
            if self._changed is None:
                self._changed = EncodedNeeds(NeedTerms.build(self._features))
            parts.append((self._changed, None))
        ids, features, blocks = [], [], []
        for encoded, alive in parts:
            scored = encoded.blocks(index, arrays, weights)
            rows = np.arange(len(encoded.terms.ids)) if alive is None else alive
            ids.append(encoded.terms.ids[rows])
            features.append((encoded.terms, rows))
            blocks.append(ScoreBlocks(*(part[rows] for part in _columns_of(scored))))
        need_ids = np.concatenate(ids)
        order = np.argsort(need_ids, kind="stable")
        joined = ScoreBlocks(
            *(
                np.concatenate(columns)[order]
                for columns in zip(*map(_columns_of, blocks), strict=True)
            )
        )
        return OfferingColumn(
            need_ids[order],
            Picked(features, order),
            joined,
            arrays.offerings,
            arrays.stats,
            weights,
            index.currency,
        )

    def _kill(self, need_id: int) -> None:
        if self._base is None:
            return
        ids = self._base.terms.ids
        row = int(np.searchsorted(ids, need_id))
        if row < len(ids) and ids[row] == need_id:
            self._dead[row] = True


def _columns_of(blocks: ScoreBlocks) -> list[np.ndarray]:
    return [getattr(blocks, name.name) for name in fields(ScoreBlocks)]


class Picked(Sequence[NeedFeatures]):
    """The analyses of rows picked from several parts' `NeedTerms`, in ``order`` of their
    concatenation; each read only when asked for (a stored part unpickles it then)."""

    def __init__(self, parts: list[tuple[NeedTerms, np.ndarray]], order):
        self.parts, self.order = parts, order
        self.ends = np.cumsum([len(rows) for _, rows in parts])

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, position):
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        [found] = self.pick(np.array([position]))
        return found

    def pick(self, positions: np.ndarray) -> Iterator[NeedFeatures]:
        """The analyses of these rows, each read as the one before is let go (a stored
        part's take some 15 KB each once unpickled)."""
        parts, rows = self._locate(positions)
        for part, row in zip(parts.tolist(), rows.tolist(), strict=True):
            yield self.parts[part][0].features[row]

    def shared_terms(self, positions: np.ndarray, stats: CorpusStats, offering_terms):
        """`matching.core.quoted.shared_terms` of these rows, from their parts' arrays."""
        found: list[list[str]] = [[] for _ in range(len(positions))]
        parts, rows = self._locate(positions)
        for n, (terms, _) in enumerate(self.parts):
            mine = np.flatnonzero(parts == n)
            quoted = shared_terms(
                terms.terms,
                terms.weights,
                terms.starts,
                terms.term_names,
                rows[mine],
                stats,
                offering_terms,
            )
            for position, words in zip(mine.tolist(), quoted, strict=True):
                found[position] = words
        return found

    def _locate(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each position's part, and its row in that part's `NeedTerms`."""
        joined = self.order[positions]
        parts = np.searchsorted(self.ends, joined, side="right")
        starts = np.concatenate(([0], self.ends))[parts]
        rows = np.empty(len(positions), dtype=np.intp)
        for n, (_, picked) in enumerate(self.parts):
            mine = parts == n
            rows[mine] = np.asarray(picked)[joined[mine] - starts[mine]]
        return parts, rows


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
