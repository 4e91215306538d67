"""Vectorised matching: the rules of `matching.scoring`, for many pairs at once.

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
"""

from collections.abc import Collection, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse._sparsetools import csc_matvec, csr_row_index

from matching.scoring import (
    DEFAULT_WEIGHTS,
    DEPLOYMENTS,
    EXPORT_CREDIT,
    FREE_OPEN_SOURCE,
    LANGUAGE_PENALTY,
    MISMATCH_FACTOR,
    NO_BUDGET_FIT,
    TEXT_SCALE_SQUARED,
    UNKNOWN_PRICE_FIT,
    CorpusStats,
    Explainer,
    MatchScore,
    NeedFeatures,
    NeedProfile,
    OfferingFeatures,
    OfferingProfile,
    Vocabulary,
    Weights,
    check_compatibility,
    describe_need,
    describe_offering,
    exports_data,
    interop_coefficients,
    need_fit_shares,
    yearly_budget,
)
from matching.text import TextAnalyser, idf

DEFAULT_CHUNK_SIZE = 64
MAX_COST_ROWS = 256
MAX_BLOCK_CELLS = 1_000_000  # a chunk's dense float64 blocks stay around 8 MB each
THREADS = 2
REMEMBERED_NEEDS = 20_000
MISMATCH_FACTORS = np.array([1.0, MISMATCH_FACTOR])  # indexed by a 0/1 mismatch


@dataclass(frozen=True)
class _Entry:
    features: OfferingFeatures
    term_columns: np.ndarray
    term_weights: np.ndarray  # before idf


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
        self._entries: dict[int, _Entry] = {}
        self._need_features: dict[NeedProfile, NeedFeatures] = {}
        self._arrays: _Arrays | None = None
        for offering in offerings:
            self.upsert(offering)

    def upsert(self, offering: OfferingProfile) -> None:
        features = describe_offering(offering, self.vocabulary, self._analyser)
        columns = [self._term_column(term) for term in features.terms]
        self._entries[offering.id] = _Entry(
            features,
            np.array(columns, dtype=np.int32),
            np.fromiter(features.terms.values(), dtype=np.float64, count=len(columns)),
        )
        self._arrays = None

    def remove(self, offering_id: int) -> None:
        """Forget an offering; unknown ids are ignored, so removing twice is harmless."""
        if self._entries.pop(offering_id, None) is not None:
            self._arrays = None

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, offering_id: int) -> bool:
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

    def _term_column(self, term: str) -> int:
        return self._term_columns.setdefault(term, len(self._term_columns))

    def _current(self) -> "_Arrays":
        if self._arrays is None:
            self._arrays = _Arrays.build(
                self._entries, self._term_columns, self.vocabulary, self._analyser
            )
        return self._arrays

    def _match(self, needs, weights, threshold, top_k, offering_ids, chunk_size):
        if threshold < 0 or top_k < 0 or chunk_size < 1:
            raise ValueError("threshold and top_k must be zero or more, chunk_size positive.")
        arrays = self._current()
        offerings = arrays.offerings
        if offering_ids is not None:
            rows = sorted(arrays.row_of[i] for i in set(offering_ids) if i in arrays.row_of)
            offerings = offerings.take(np.array(rows, dtype=np.intp))
        chunk_size = max(1, min(chunk_size, MAX_BLOCK_CELLS // max(1, len(offerings))))
        chunks = [needs[start : start + chunk_size] for start in range(0, len(needs), chunk_size)]
        cost_rows: dict[tuple[float, float], np.ndarray] = {}

        def match_chunk(chunk: Sequence[NeedProfile]) -> list[list[MatchScore]]:
            batch = _NeedBatch.build(chunk, arrays, self._describe_need)
            blocks = _score_blocks(batch, offerings, weights, cost_rows)
            best = _best_rows(blocks.score, threshold, top_k)
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


@dataclass(frozen=True)
class _Offerings:
    """Per-offering arrays, one column per offering in ascending id order."""

    ids: np.ndarray
    features: list[OfferingFeatures]
    text_by_term: sparse.csr_matrix  # terms × offerings, each column L2-normalised TF-IDF
    category_strength: np.ndarray  # categories × offerings
    system_credit: np.ndarray  # systems × offerings
    export_credit: np.ndarray  # EXPORT_CREDIT × (1 where an open data export is listed)
    deployment_mismatch: np.ndarray  # deployment rows × offerings, 1 = not offered
    languages_offered: np.ndarray  # language rows × offerings; 1 = offered or unknown
    region_mismatch: np.ndarray  # country rows × offerings, 1 = not offered there
    free_open_source: np.ndarray
    price_known: np.ndarray
    running: np.ndarray  # nonprofit price × 12
    setup: np.ndarray
    first_year: np.ndarray  # running + setup

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, rows: np.ndarray) -> "_Offerings":
        return _Offerings(
            ids=self.ids[rows],
            features=[self.features[row] for row in rows],
            text_by_term=self.text_by_term[:, rows].tocsr(),
            category_strength=self.category_strength[:, rows],
            system_credit=self.system_credit[:, rows],
            export_credit=self.export_credit[rows],
            deployment_mismatch=self.deployment_mismatch[:, rows],
            languages_offered=self.languages_offered[:, rows],
            region_mismatch=self.region_mismatch[:, rows],
            free_open_source=self.free_open_source[rows],
            price_known=self.price_known[rows],
            running=self.running[rows],
            setup=self.setup[rows],
            first_year=self.first_year[rows],
        )


@dataclass(frozen=True)
class _Arrays:
    """A snapshot of the index as arrays, with the lookups needs are encoded against."""

    offerings: _Offerings
    row_of: dict[int, int]
    stats: CorpusStats
    term_columns: dict[str, int]
    idf: np.ndarray
    category_rows: dict[str, int]
    system_rows: dict[str, int]
    deployment_rows: dict[str, int]  # + "unlisted" and "any" rows at the end
    language_rows: dict[str, int]  # + the "languages unknown" row at the end
    country_rows: dict[str, int]  # + "unlisted" and "any" rows at the end

    @classmethod
    def build(
        cls,
        entries_by_id: dict[int, _Entry],
        term_columns: dict[str, int],
        vocabulary: Vocabulary,
        analyser: TextAnalyser,
    ) -> "_Arrays":
        entries = [entries_by_id[offering_id] for offering_id in sorted(entries_by_id)]
        offerings = [entry.features.offering for entry in entries]
        n = len(entries)
        term_columns = dict(term_columns)
        text, idf_values, frequency = _tfidf(entries, len(term_columns))
        category_rows = _rows_for(slug for e in entries for slug in e.features.category_strength)
        system_rows = _rows_for(slug for e in entries for slug in e.features.system_credits)
        deployment_rows = _rows_for([*DEPLOYMENTS, *(d for o in offerings for d in o.deployments)])
        language_rows = _rows_for(code for o in offerings for code in o.languages)
        country_rows = _rows_for(code for o in offerings for code in o.regions)
        prices = [o.nonprofit_monthly_price for o in offerings]
        running = np.array([0.0 if p is None else p * 12.0 for p in prices])
        setup = np.array([o.setup_cost or 0.0 for o in offerings])
        arrays = _Offerings(
            ids=np.array([o.id for o in offerings], dtype=np.int64),
            features=[entry.features for entry in entries],
            text_by_term=text.T.tocsr(),
            category_strength=_dense(
                category_rows, n, [e.features.category_strength for e in entries]
            ),
            system_credit=_dense(system_rows, n, [e.features.system_credits for e in entries]),
            export_credit=EXPORT_CREDIT
            * np.array([float(bool(exports_data(o, vocabulary))) for o in offerings]),
            deployment_mismatch=_mismatches(deployment_rows, [o.deployments for o in offerings]),
            languages_offered=_languages_offered(language_rows, offerings),
            region_mismatch=_mismatches(country_rows, [o.regions for o in offerings]),
            free_open_source=np.array([o.pricing_model == FREE_OPEN_SOURCE for o in offerings]),
            price_known=np.array([p is not None for p in prices], dtype=bool),
            running=running,
            setup=setup,
            first_year=running + setup,
        )
        terms = list(term_columns)
        stats = CorpusStats(
            vocabulary,
            analyser,
            n,
            {terms[column]: int(count) for column, count in enumerate(frequency) if count},
        )
        return cls(
            offerings=arrays,
            row_of={int(offering_id): row for row, offering_id in enumerate(arrays.ids)},
            stats=stats,
            term_columns=term_columns,
            idf=idf_values,
            category_rows=category_rows,
            system_rows=system_rows,
            deployment_rows=deployment_rows,
            language_rows=language_rows,
            country_rows=country_rows,
        )


def _tfidf(entries: Sequence[_Entry], n_terms: int):
    """(offerings × terms matrix with L2-normalised rows, idf, document frequency per term)."""
    lengths = np.array([len(entry.term_columns) for entry in entries], dtype=np.intp)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.concatenate([np.zeros(0, dtype=np.int32), *(e.term_columns for e in entries)])
    weights = np.concatenate([np.zeros(0), *(entry.term_weights for entry in entries)])
    frequency = np.bincount(indices, minlength=n_terms)
    idf_values = np.log((1.0 + len(entries)) / (1.0 + frequency)) + 1.0
    weights = weights * idf_values[indices]
    row_of_value = np.repeat(np.arange(len(entries)), lengths)
    norms = np.sqrt(np.bincount(row_of_value, weights * weights, minlength=len(entries)))
    normalised = weights / np.where(norms > 0.0, norms, 1.0)[row_of_value]
    shape = (len(entries), n_terms)
    return sparse.csr_matrix((normalised, indices, indptr), shape=shape), idf_values, frequency


def _rows_for(keys: Iterable[str]) -> dict[str, int]:
    return {key: row for row, key in enumerate(sorted(set(keys)))}


def _dense(rows: dict[str, int], n: int, values: Sequence[dict[str, float]]) -> np.ndarray:
    matrix = np.zeros((len(rows), n))
    for column, row_values in enumerate(values):
        for key, value in row_values.items():
            matrix[rows[key], column] = value
    return matrix


def _mismatches(rows: dict[str, int], value_sets: Sequence[frozenset[str]]) -> np.ndarray:
    """1 where an offering lists values but not the row's; an empty list never mismatches.

    One row per value offerings list, then a row for a value none lists, then a row of
    zeros for a need that asks for nothing.
    """
    matrix = np.zeros((len(rows) + 2, len(value_sets)), dtype=np.uint8)
    for column, values in enumerate(value_sets):
        if values:
            matrix[: len(rows) + 1, column] = 1
            for value in values:
                matrix[rows[value], column] = 0
    return matrix


def _languages_offered(rows: dict[str, int], offerings: Sequence[OfferingProfile]) -> np.ndarray:
    """Row per language (1 = offered or languages unknown), then the "unknown" row."""
    unknown = np.array([not o.languages for o in offerings], dtype=np.float64)
    matrix = np.zeros((len(rows) + 1, len(offerings)))
    for column, offering in enumerate(offerings):
        for code in offering.languages:
            matrix[rows[code], column] = 1.0
    matrix[: len(rows) + 1] = np.maximum(matrix[: len(rows) + 1], unknown)
    return matrix


@dataclass(frozen=True)
class _NeedBatch:
    """A chunk of needs encoded against the index's lookups."""

    features: list[NeedFeatures]
    text: sparse.csr_matrix  # needs × terms, L2-normalised TF-IDF over all the need's terms
    category_shares: sparse.csr_matrix  # needs × categories
    category_weight: np.ndarray
    text_weight: np.ndarray
    systems: sparse.csr_matrix  # needs × systems, 1 per system judged on
    system_count: np.ndarray
    interop_base: np.ndarray
    interop_share_weight: np.ndarray
    deployment_row: np.ndarray | None  # None: no need in the chunk asks for one
    country_row: np.ndarray | None
    with_languages: np.ndarray  # positions of the needs that ask for languages
    languages: sparse.csr_matrix  # those needs × language rows: how many of their languages
    language_count: np.ndarray
    strict: np.ndarray  # positions of the strict needs
    budgets: list[tuple[float | None, float | None]]  # (yearly, one-off); None = not given

    @classmethod
    def build(cls, needs: Sequence[NeedProfile], arrays: _Arrays, describe) -> "_NeedBatch":
        features = [describe(need) for need in needs]
        shares = [need_fit_shares(f) for f in features]
        coefficients = [interop_coefficients(f) for f in features]
        with_languages = [i for i, need in enumerate(needs) if need.languages]
        return cls(
            features=features,
            text=_query_vectors(features, arrays),
            category_shares=_sparse_rows(
                [f.category_shares for f in features], arrays.category_rows
            ),
            category_weight=np.array([share[0] for share in shares]),
            text_weight=np.array([share[1] for share in shares]),
            systems=_sparse_rows(
                [dict.fromkeys(f.systems, 1.0) for f in features], arrays.system_rows
            ),
            system_count=np.array([max(1, len(f.systems)) for f in features], dtype=np.float64),
            interop_base=np.array([c[0] for c in coefficients]),
            interop_share_weight=np.array([c[1] for c in coefficients]),
            deployment_row=_value_rows([n.deployment for n in needs], arrays.deployment_rows),
            country_row=_value_rows([n.country for n in needs], arrays.country_rows),
            with_languages=np.array(with_languages, dtype=np.intp),
            languages=_language_rows([needs[i] for i in with_languages], arrays.language_rows),
            language_count=np.array([len(needs[i].languages) for i in with_languages], float),
            strict=np.array([i for i, need in enumerate(needs) if need.strict], dtype=np.intp),
            budgets=[(yearly_budget(need), need.one_off_budget) for need in needs],
        )


def _value_rows(values: Sequence[str | None], rows: dict[str, int]) -> np.ndarray | None:
    """Each need's row in a `_mismatches` matrix; None when no need asks for a value."""
    if all(value is None for value in values):
        return None
    unlisted, anything = len(rows), len(rows) + 1
    return np.array([anything if v is None else rows.get(v, unlisted) for v in values])


def _query_vectors(features: Sequence[NeedFeatures], arrays: _Arrays) -> sparse.csr_matrix:
    """Needs' TF-IDF rows; terms no offering uses still count in the need's length."""
    unseen_idf = idf(0, arrays.stats.n_offerings)
    data, indices, indptr = [], [], [0]
    for need in features:
        columns, weights, squares = [], [], 0.0
        for term, weight in need.terms.items():
            column = arrays.term_columns.get(term)
            weighted = weight * (unseen_idf if column is None else arrays.idf[column])
            squares += weighted * weighted
            if column is not None:
                columns.append(column)
                weights.append(weighted)
        norm = np.sqrt(squares)
        data.extend(w / norm for w in weights)
        indices.extend(columns)
        indptr.append(len(indices))
    shape = (len(features), len(arrays.term_columns))
    return sparse.csr_matrix((data, indices, indptr), shape=shape, dtype=np.float64)


def _sparse_rows(values: Sequence[dict[str, float]], rows: dict[str, int]) -> sparse.csr_matrix:
    """One sparse row per need; keys the index has never seen match nothing, so are left out."""
    data, indices, indptr = [], [], [0]
    for row_values in values:
        for key, value in row_values.items():
            if key in rows:
                indices.append(rows[key])
                data.append(value)
        indptr.append(len(indices))
    shape = (len(values), len(rows))
    return sparse.csr_matrix((data, indices, indptr), shape=shape, dtype=np.float64)


def _language_rows(needs: Sequence[NeedProfile], rows: dict[str, int]) -> sparse.csr_matrix:
    """Languages no offering lists are offered only by offerings whose languages are unknown."""
    unknown = len(rows)
    counts = []
    for need in needs:
        row: dict[int, float] = {}
        for code in need.languages:
            key = rows.get(code, unknown)
            row[key] = row.get(key, 0.0) + 1.0
        counts.append(row)
    data = [value for row in counts for value in row.values()]
    indices = [key for row in counts for key in row]
    indptr = np.cumsum([0, *(len(row) for row in counts)])
    shape = (len(needs), unknown + 1)
    return sparse.csr_matrix((data, indices, indptr), shape=shape, dtype=np.float64)


@dataclass(frozen=True)
class _Blocks:
    score: np.ndarray  # -inf where a strict need excludes the offering
    need_fit: np.ndarray
    interop: np.ndarray
    cost: np.ndarray


def _score_blocks(
    batch: _NeedBatch, offerings: _Offerings, weights: Weights, cost_rows: dict
) -> _Blocks:
    """The reference formula for needs × offerings, in the reference's operation order.

    Blocks are updated in place wherever the reference builds a new value, which keeps
    memory traffic (the real cost here) down without changing a single rounding.
    """
    relevance = _cosines(batch.text, offerings.text_by_term)
    np.multiply(relevance, relevance, out=relevance)
    relevance /= relevance + TEXT_SCALE_SQUARED
    need_fit = np.asarray(batch.category_shares @ offerings.category_strength)
    need_fit *= batch.category_weight[:, None]
    relevance *= batch.text_weight[:, None]
    need_fit += relevance
    excluded = _apply_compatibility(need_fit, batch, offerings)
    interop = _interoperability(batch, offerings)
    cost = _cost_fit(batch, offerings, cost_rows)
    score = np.multiply(need_fit, weights.need)
    partial = np.multiply(interop, weights.interop, out=relevance)
    score += partial
    score += np.multiply(cost, weights.cost, out=partial)
    score *= 100.0
    score[batch.strict] = np.where(excluded, -np.inf, score[batch.strict])
    return _Blocks(score, need_fit, interop, cost)


def _cosines(queries: sparse.csr_matrix, text_by_term: sparse.csr_matrix) -> np.ndarray:
    """Dense needs × offerings cosines, each need reading only its own terms' postings.

    Nearly every pair shares some term, so a sparse × sparse product would build a sparse
    result as big as the dense one at several times the cost. Instead each need's rows of
    `text_by_term` are gathered and multiplied straight into its dense row, with SciPy's
    compiled CSR/CSC kernels (the public indexing API costs 3× more in per-call checks).
    """
    n_offerings = text_by_term.shape[1]
    indptr, indices, data = text_by_term.indptr, text_by_term.indices, text_by_term.data
    cosines = np.zeros((queries.shape[0], n_offerings))
    for i in range(queries.shape[0]):
        start, end = queries.indptr[i], queries.indptr[i + 1]
        terms = queries.indices[start:end]
        lengths = indptr[terms + 1] - indptr[terms]
        postings_ptr = np.concatenate(([0], np.cumsum(lengths))).astype(indptr.dtype)
        postings = np.empty(postings_ptr[-1], dtype=indices.dtype)
        weights = np.empty(postings_ptr[-1])
        csr_row_index(len(terms), terms, indptr, indices, data, postings, weights)
        csc_matvec(
            n_offerings,
            len(terms),
            postings_ptr,
            postings,
            weights,
            queries.data[start:end],
            cosines[i],
        )
    return cosines


def _apply_compatibility(need_fit: np.ndarray, batch: _NeedBatch, offerings: _Offerings):
    """Multiply the deployment, language and region factors into `need_fit`, in that order.

    Returns which (strict need, offering) pairs a mismatch excludes. A factor of 1 is
    skipped rather than multiplied, which leaves the same numbers.
    """
    excluded = np.zeros((len(batch.strict), need_fit.shape[1]), dtype=bool)
    if batch.deployment_row is not None:
        mismatch = offerings.deployment_mismatch[batch.deployment_row]
        need_fit *= MISMATCH_FACTORS[mismatch]
        excluded |= mismatch[batch.strict].astype(bool)
    if len(batch.with_languages):
        offered = np.asarray(batch.languages @ offerings.languages_offered)
        missing = batch.language_count[:, None] - offered
        factor = 1.0 - LANGUAGE_PENALTY * missing / batch.language_count[:, None]
        need_fit[batch.with_languages] *= factor
        # with_languages is sorted: find each strict need among the needs with languages
        position = np.searchsorted(batch.with_languages, batch.strict)
        found = position < len(batch.with_languages)
        found[found] = batch.with_languages[position[found]] == batch.strict[found]
        excluded[found] |= missing[position[found]] > 0
    if batch.country_row is not None:
        mismatch = offerings.region_mismatch[batch.country_row]
        need_fit *= MISMATCH_FACTORS[mismatch]
        excluded |= mismatch[batch.strict].astype(bool)
    return excluded


def _interoperability(batch: _NeedBatch, offerings: _Offerings) -> np.ndarray:
    interop = np.asarray(batch.systems @ offerings.system_credit)
    interop /= batch.system_count[:, None]
    interop *= batch.interop_share_weight[:, None]
    interop += batch.interop_base[:, None]
    interop += offerings.export_credit
    return interop


def _cost_fit(batch: _NeedBatch, offerings: _Offerings, cost_rows: dict) -> np.ndarray:
    """Cost depends on a need only through its budgets, which are mostly round numbers:
    each distinct pair of budgets is worked out once per match and its row reused."""
    if len(cost_rows) > MAX_COST_ROWS:
        cost_rows.clear()
    for key in batch.budgets:
        if key not in cost_rows:
            cost_rows[key] = _cost_row(*key, offerings)
    return np.stack([cost_rows[key] for key in batch.budgets])


def _cost_row(yearly: float | None, one_off: float | None, offerings: _Offerings) -> np.ndarray:
    """`cost_fit` for one need's budgets against every offering."""
    cost = offerings.first_year if one_off is None else offerings.running
    fit = _running_fit(cost, yearly)
    if one_off is not None:
        fit = np.minimum(fit, _budget_fit(offerings.setup, one_off))
    fit = np.where(offerings.price_known, fit, UNKNOWN_PRICE_FIT)
    return np.where(offerings.free_open_source, 1.0, fit)


def _running_fit(cost: np.ndarray, budget: float | None) -> np.ndarray:
    if budget is None:
        return np.where(cost <= 0.0, 1.0, NO_BUDGET_FIT)
    return _budget_fit(cost, budget)


def _budget_fit(cost: np.ndarray, budget: float) -> np.ndarray:
    if budget <= 0.0:
        return np.where(cost <= budget, 1.0, 0.0)
    return np.where(cost <= budget, 1.0, np.maximum(0.0, 2.0 - cost / budget))


def _best_rows(score: np.ndarray, threshold: float, top_k: int) -> list[np.ndarray]:
    """Per need, the rows scoring at least `threshold`, best first, ties by lower row."""
    n_needs, n_offerings = score.shape
    k = min(top_k, n_offerings)
    if k == 0:
        return [np.zeros(0, dtype=np.intp)] * n_needs
    if k < n_offerings:
        candidates = np.argpartition(score, n_offerings - k, axis=1)[:, n_offerings - k :]
    else:
        candidates = np.broadcast_to(np.arange(n_offerings), score.shape)
    candidate_scores = np.take_along_axis(score, candidates, axis=1)
    kth = candidate_scores.min(axis=1)
    tied_beyond = np.zeros(n_needs, dtype=bool)
    if k < n_offerings:
        tied_beyond = (score >= kth[:, None]).sum(axis=1) > k
    best = []
    for i in range(n_needs):
        rows, values = candidates[i], candidate_scores[i]
        if tied_beyond[i]:
            rows = np.flatnonzero(score[i] >= kth[i])
            values = score[i, rows]
        keep = values >= threshold
        rows, values = rows[keep], values[keep]
        order = np.lexsort((rows, -values))[:k]
        best.append(rows[order])
    return best
