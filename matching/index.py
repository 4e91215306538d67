"""Vectorised matching: the rules of `matching.scoring`, for many pairs at once.

The index keeps every offering's analysis (terms, spotted categories, system credits) in
memory. Keeping it current:

- `upsert` and `remove` cost only the one offering's text analysis (well under a
  millisecond) and mark the arrays stale.
- The first query after any change rebuilds the arrays from the stored analyses: document
  frequencies and IDF over the offerings indexed *now*, the L2-normalised TF-IDF matrix,
  and the dense per-offering feature rows. That is linear in the index size (tens of
  milliseconds per 10,000 offerings) and is paid once per batch of changes, so loading
  many offerings then querying costs one rebuild.
- IDF is therefore always exact for the current set of offerings: after any upserts or
  removals, `match_need` agrees with `score_pair(need, offering, index)` to 1e-9.

Scores are computed a chunk of needs at a time as dense (needs × offerings) blocks of
float64, in the same operation order as the reference; the best `top_k` per need are
picked per chunk with `np.argpartition`, so the whole needs × offerings matrix never
exists. Ties are broken by the lower offering id (rows are kept in id order). Reasons
are written only for the matches returned.
"""

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matching.scoring import (
    DEFAULT_WEIGHTS,
    DEPLOYMENTS,
    EXPORT_CREDIT,
    FREE_OPEN_SOURCE,
    LANGUAGE_PENALTY,
    MISMATCH_FACTOR,
    NO_BUDGET_FIT,
    TEXT_SCALE,
    UNKNOWN_PRICE_FIT,
    CorpusStats,
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
    explain,
    exports_data,
    interop_coefficients,
    need_fit_shares,
    system_credit,
    yearly_budget,
)
from matching.text import idf

DEFAULT_CHUNK_SIZE = 128
MAX_BLOCK_CELLS = 1_500_000  # a chunk's dense float64 blocks stay around 12 MB each


@dataclass(frozen=True)
class _Entry:
    features: OfferingFeatures
    term_columns: np.ndarray
    term_weights: np.ndarray  # before idf
    system_credits: dict[str, float]  # only systems with credit


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
        self._systems_by_standard: dict[str, list[str]] = {}
        for system, standards in vocabulary.system_standards.items():
            for standard in standards:
                self._systems_by_standard.setdefault(standard, []).append(system)
        self._term_columns: dict[str, int] = {}
        self._entries: dict[int, _Entry] = {}
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
            self._system_credits(offering),
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
        """The need's best matches, best first, scoring at least `threshold`, at most `top_k`."""
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

    def _system_credits(self, offering: OfferingProfile) -> dict[str, float]:
        candidates = set(offering.systems)
        for standard in offering.standards:
            candidates.update(self._systems_by_standard.get(standard, ()))
        credits = {slug: system_credit(slug, offering, self.vocabulary) for slug in candidates}
        return {slug: credit for slug, credit in credits.items() if credit > 0.0}

    def _current(self) -> "_Arrays":
        if self._arrays is None:
            self._arrays = _Arrays.build(self)
        return self._arrays

    def _match(self, needs, weights, threshold, top_k, offering_ids, chunk_size):
        if threshold < 0 or top_k < 0 or chunk_size < 1:
            raise ValueError("threshold and top_k must be zero or more, chunk_size positive.")
        arrays = self._current()
        offerings = arrays.offerings
        if offering_ids is not None:
            rows = sorted(arrays.row_of[i] for i in set(offering_ids) if i in arrays.row_of)
            offerings = offerings.take(np.array(rows, dtype=np.intp))
        if not needs:
            return []
        chunk_size = max(1, min(chunk_size, MAX_BLOCK_CELLS // max(1, len(offerings.ids))))
        results = []
        for start in range(0, len(needs), chunk_size):
            batch = _NeedBatch.build(needs[start : start + chunk_size], arrays)
            blocks = _score_blocks(batch, offerings, weights)
            for i, rows in enumerate(_best_rows(blocks.score, threshold, top_k)):
                results.append(
                    [self._match_score(batch, i, offerings, row, blocks, weights) for row in rows]
                )
        return results

    def _match_score(self, batch, i, offerings, row, blocks, weights) -> MatchScore:
        need = batch.features[i]
        offering = offerings.features[row]
        compatibility = check_compatibility(need.need, offering.offering)
        stats = self._current().stats
        return MatchScore(
            offering_id=offering.offering.id,
            score=float(blocks.score[i, row]),
            need_fit=float(blocks.need_fit[i, row]),
            interoperability=float(blocks.interop[i, row]),
            cost_fit=float(blocks.cost[i, row]),
            reasons=explain(need, offering, stats, weights, compatibility, self.currency),
        )


@dataclass(frozen=True)
class _Offerings:
    """Per-offering arrays, one column per offering in ascending id order."""

    ids: np.ndarray
    features: list[OfferingFeatures]
    text_by_term: sparse.csr_matrix  # terms × offerings, each column L2-normalised TF-IDF
    category_strength: np.ndarray  # categories × offerings
    system_credit: np.ndarray  # systems × offerings
    exports: np.ndarray  # 1.0 where an open data export is listed
    deployment_ok: np.ndarray  # deployment rows × offerings, bool
    languages_offered: np.ndarray  # language rows × offerings; 1 = offered or unknown
    region_ok: np.ndarray  # country rows × offerings, bool
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
            exports=self.exports[rows],
            deployment_ok=self.deployment_ok[:, rows],
            languages_offered=self.languages_offered[:, rows],
            region_ok=self.region_ok[:, rows],
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
    def build(cls, index: OfferingIndex) -> "_Arrays":
        entries = [index._entries[offering_id] for offering_id in sorted(index._entries)]
        offerings = [entry.features.offering for entry in entries]
        n = len(entries)
        term_columns = dict(index._term_columns)
        text, idf_values, frequency = _tfidf(entries, len(term_columns))
        category_rows = _rows_for(slug for e in entries for slug in e.features.category_strength)
        system_rows = _rows_for(slug for e in entries for slug in e.system_credits)
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
            system_credit=_dense(system_rows, n, [e.system_credits for e in entries]),
            exports=np.array([float(bool(exports_data(o, index.vocabulary))) for o in offerings]),
            deployment_ok=_membership(deployment_rows, [o.deployments for o in offerings]),
            languages_offered=_languages_offered(language_rows, offerings),
            region_ok=_membership(country_rows, [o.regions for o in offerings]),
            free_open_source=np.array([o.pricing_model == FREE_OPEN_SOURCE for o in offerings]),
            price_known=np.array([p is not None for p in prices], dtype=bool),
            running=running,
            setup=setup,
            first_year=running + setup,
        )
        terms = list(term_columns)
        stats = CorpusStats(
            index.vocabulary,
            index._analyser,
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


def _membership(rows: dict[str, int], value_sets: Sequence[frozenset[str]]) -> np.ndarray:
    """Row per value: offering lists it or lists nothing; then "value nobody lists"; then "any"."""
    n = len(value_sets)
    unlisted = np.array([not values for values in value_sets], dtype=bool)
    matrix = np.zeros((len(rows) + 2, n), dtype=bool)
    for column, values in enumerate(value_sets):
        for value in values:
            matrix[rows[value], column] = True
    matrix[: len(rows) + 1] |= unlisted
    matrix[len(rows) + 1] = True
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
    deployment_row: np.ndarray
    uses_deployment: bool
    languages: sparse.csr_matrix  # needs × language rows, count of the need's languages
    language_count: np.ndarray
    country_row: np.ndarray
    uses_country: bool
    strict: np.ndarray
    yearly_budget: np.ndarray  # nan = no budget
    one_off_budget: np.ndarray  # nan = none

    @classmethod
    def build(cls, needs: Sequence[NeedProfile], arrays: _Arrays) -> "_NeedBatch":
        stats = arrays.stats
        features = [describe_need(need, stats.vocabulary, stats.analyser) for need in needs]
        shares = [need_fit_shares(f) for f in features]
        coefficients = [interop_coefficients(f) for f in features]
        unlisted_deployment = len(arrays.deployment_rows)
        unlisted_country = len(arrays.country_rows)
        unknown_language = len(arrays.language_rows)
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
            system_count=np.array([len(f.systems) for f in features], dtype=np.float64),
            interop_base=np.array([c[0] for c in coefficients]),
            interop_share_weight=np.array([c[1] for c in coefficients]),
            deployment_row=np.array(
                [
                    unlisted_deployment + 1
                    if need.deployment is None
                    else arrays.deployment_rows.get(need.deployment, unlisted_deployment)
                    for need in needs
                ]
            ),
            uses_deployment=any(need.deployment is not None for need in needs),
            languages=_language_rows(needs, arrays.language_rows, unknown_language),
            language_count=np.array([len(need.languages) for need in needs], dtype=np.float64),
            country_row=np.array(
                [
                    unlisted_country + 1
                    if need.country is None
                    else arrays.country_rows.get(need.country, unlisted_country)
                    for need in needs
                ]
            ),
            uses_country=any(need.country is not None for need in needs),
            strict=np.array([need.strict for need in needs], dtype=bool),
            yearly_budget=np.array([_or_nan(yearly_budget(need)) for need in needs]),
            one_off_budget=np.array([_or_nan(need.one_off_budget) for need in needs]),
        )


def _or_nan(value: float | None) -> float:
    return np.nan if value is None else value


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


def _language_rows(needs, language_rows, unknown_row) -> sparse.csr_matrix:
    """Languages no offering lists are offered only by offerings whose languages are unknown."""
    counts = []
    for need in needs:
        row: dict[int, float] = {}
        for code in need.languages:
            key = language_rows.get(code, unknown_row)
            row[key] = row.get(key, 0.0) + 1.0
        counts.append(row)
    data = [value for row in counts for value in row.values()]
    indices = [key for row in counts for key in row]
    indptr = np.cumsum([0, *(len(row) for row in counts)])
    shape = (len(needs), unknown_row + 1)
    return sparse.csr_matrix((data, indices, indptr), shape=shape, dtype=np.float64)


@dataclass(frozen=True)
class _Blocks:
    score: np.ndarray  # -inf where a strict need excludes the offering
    need_fit: np.ndarray
    interop: np.ndarray
    cost: np.ndarray


def _score_blocks(batch: _NeedBatch, offerings: _Offerings, weights: Weights) -> _Blocks:
    """The reference formula for a chunk of needs × offerings, in the same operation order."""
    cosine = (batch.text @ offerings.text_by_term).toarray()
    relevance = 1.0 - np.exp(-cosine / TEXT_SCALE)
    agreement = np.asarray(batch.category_shares @ offerings.category_strength)
    need_fit = batch.category_weight[:, None] * agreement + batch.text_weight[:, None] * relevance
    factor, excluded = _compatibility(batch, offerings)
    if factor is not None:
        need_fit *= factor
    interop = _interoperability(batch, offerings)
    cost = _cost_fit(batch, offerings)
    score = 100.0 * (weights.need * need_fit + weights.interop * interop + weights.cost * cost)
    if excluded is not None:
        score[excluded] = -np.inf
    return _Blocks(score, need_fit, interop, cost)


def _compatibility(batch: _NeedBatch, offerings: _Offerings):
    """(factor, excluded) blocks; None where no need in the chunk asks for anything."""
    factor = deployment_ok = region_ok = missing = None
    if batch.uses_deployment:
        deployment_ok = offerings.deployment_ok[batch.deployment_row]
        factor = np.where(deployment_ok, 1.0, MISMATCH_FACTOR)
    if batch.language_count.any():
        offered = np.asarray(batch.languages @ offerings.languages_offered)
        missing = batch.language_count[:, None] - offered
        count = np.maximum(batch.language_count, 1.0)[:, None]
        language = 1.0 - LANGUAGE_PENALTY * missing / count
        factor = language if factor is None else factor * language
    if batch.uses_country:
        region_ok = offerings.region_ok[batch.country_row]
        region = np.where(region_ok, 1.0, MISMATCH_FACTOR)
        factor = region if factor is None else factor * region
    excluded = None
    if batch.strict.any() and factor is not None:
        excluded = np.zeros(factor.shape, dtype=bool)
        if deployment_ok is not None:
            excluded |= ~deployment_ok
        if region_ok is not None:
            excluded |= ~region_ok
        if missing is not None:
            excluded |= missing > 0
        excluded &= batch.strict[:, None]
    return factor, excluded


def _interoperability(batch: _NeedBatch, offerings: _Offerings) -> np.ndarray:
    credit = np.asarray(batch.systems @ offerings.system_credit)
    share = credit / np.maximum(batch.system_count, 1.0)[:, None]
    return (
        batch.interop_base[:, None]
        + batch.interop_share_weight[:, None] * share
        + EXPORT_CREDIT * offerings.exports
    )


def _cost_fit(batch: _NeedBatch, offerings: _Offerings) -> np.ndarray:
    """Cost depends on a need only through its two budgets: compute once per distinct pair."""
    keys: dict[tuple[float, float], int] = {}
    which, distinct = [], []
    budgets = zip(batch.yearly_budget.tolist(), batch.one_off_budget.tolist(), strict=True)
    for position, (yearly, one_off) in enumerate(budgets):
        key = (-1.0 if np.isnan(yearly) else yearly, -1.0 if np.isnan(one_off) else one_off)
        if key not in keys:
            keys[key] = len(distinct)
            distinct.append(position)
        which.append(keys[key])
    yearly = batch.yearly_budget[distinct][:, None]
    one_off = batch.one_off_budget[distinct][:, None]
    has_one_off = ~np.isnan(one_off)
    cost = np.where(has_one_off, offerings.running, offerings.first_year)
    fit = np.where(
        np.isnan(yearly),
        np.where(cost <= 0.0, 1.0, NO_BUDGET_FIT),
        _budget_fit(cost, yearly),
    )
    if has_one_off.any():
        fit = np.minimum(fit, np.where(has_one_off, _budget_fit(offerings.setup, one_off), 1.0))
    fit = np.where(offerings.price_known, fit, UNKNOWN_PRICE_FIT)
    fit = np.where(offerings.free_open_source, 1.0, fit)
    return fit[np.array(which)]


def _budget_fit(cost: np.ndarray, budget: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        falling = np.maximum(0.0, 2.0 - cost / budget)
    return np.where(cost <= budget, 1.0, np.where(budget > 0.0, falling, 0.0))


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
