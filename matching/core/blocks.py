"""The rules of `matching.core.scoring` over dense needs × offerings blocks, and the best
rows per need.

Every block follows the reference's order of operations, so the scores agree with
`score_pair` to about 1e-14.
"""

from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse._sparsetools import csc_matvec, csr_row_index

import matching.core.semantic as semantic

from .arrays import NeedBatch, OfferingArrays
from .chance import chance
from .profiles import Weights
from .scoring import (
    LANGUAGE_PENALTY,
    LEXICAL_SHARE,
    MISMATCH_FACTOR,
    NO_BUDGET_FIT,
    SEMANTIC_LEVEL,
    TEXT_SCALE_SQUARED,
    UNKNOWN_PRICE_FIT,
    part_weights,
)

MAX_COST_ROWS = 256
# Offerings' int8 embeddings are widened to float32 this many rows at a time. For a few needs
# the product is memory-bound: 1,024 rows (1.5 MB) stay in the CPU's L2 cache between widening
# and product, where 8,192 rows (12.6 MB) did not (one need against 100,000 offerings: 9.5
# against 12.4 ms of CPU with one BLAS thread, 20 against 49-91 ms with OpenBLAS's threads on
# a busy machine); a chunk of many needs reuses each block enough for 8,192 rows to be the
# cheaper (fewer, larger BLAS products): docs/benchmarks.md.
VECTOR_BLOCK = 8192
FEW_NEEDS = 4
FEW_NEEDS_VECTOR_BLOCK = 1024
MISMATCH_FACTORS = np.array([1.0, MISMATCH_FACTOR])  # indexed by a 0/1 mismatch


@dataclass(frozen=True)
class ScoreBlocks:
    score: np.ndarray  # -inf where a strict need excludes the offering
    need_fit: np.ndarray
    interop: np.ndarray
    cost: np.ndarray


def score_blocks(
    batch: NeedBatch,
    offerings: OfferingArrays,
    weights: Weights,
    cost_rows: dict,
    cosines: np.ndarray | None = None,
) -> ScoreBlocks:
    """The reference formula for needs × offerings, in the reference's operation order.

    Blocks are updated in place wherever the reference builds a new value, which keeps
    memory traffic (the real cost here) down without changing a single rounding.
    ``cosines`` (needs × offerings, overwritten) are the text cosines worked out already
    (`matching.core.need_index` does, for one offering against every need); by default
    they come from ``batch.text``.
    """
    if cosines is None:
        relevance = _cosines(_rescaled(batch.text, offerings), offerings.text_by_term)
        if offerings.column_scale is not None:
            relevance *= offerings.column_scale
    else:
        relevance = cosines
    np.multiply(relevance, relevance, out=relevance)
    relevance /= relevance + TEXT_SCALE_SQUARED
    need_fit = np.asarray(batch.category_shares @ offerings.category_strength)
    need_fit *= batch.category_weight[:, None]
    need_fit += relevance * batch.text_weight[:, None]
    need_fit = chance(_with_meaning(need_fit, relevance, batch, offerings))
    excluded = _apply_compatibility(need_fit, batch, offerings)
    interop = _interoperability(batch, offerings)
    cost = _cost_fit(batch, offerings, cost_rows)
    w_need, w_interop, w_cost = (
        np.array(column)[:, None]
        for column in zip(
            *map(
                part_weights, [weights] * len(batch.budgets), batch.interop_asked, batch.cost_asked
            ),
            strict=True,
        )
    )
    score = np.multiply(interop, w_interop)
    score += np.multiply(cost, w_cost, out=relevance)
    score += w_need
    score *= need_fit
    score *= 100.0
    score[batch.strict] = np.where(excluded, -np.inf, score[batch.strict])
    return ScoreBlocks(score, need_fit, interop, cost)


def _rescaled(queries: sparse.csr_matrix, offerings: OfferingArrays) -> sparse.csr_matrix:
    """The needs' TF-IDF rows against a stored base scored with changed statistics
    (`OfferingArrays.term_scale`): terms the base has no row for dropped (no base offering
    uses them), the others' weights multiplied by the term's scale."""
    scale = offerings.term_scale
    if scale is None:
        return queries
    queries = queries[:, : len(scale)].tocsr()
    queries.data = queries.data * scale[queries.indices]
    return queries


def _with_meaning(
    lexical: np.ndarray, relevance: np.ndarray, batch: NeedBatch, offerings: OfferingArrays
):
    """The lexical need fit mixed with the meaning (the semantic relevance for the share of
    each need the encoder reads, the text relevance for the rest), where both sides have an
    embedding. The dot products are of small integers, exact in
    float32 (so block by block gives the same numbers as one product)."""
    needs, rows = batch.vectors, offerings.vectors
    if needs is None or rows is None:
        return lexical
    dots = np.empty((len(needs.rows), len(rows.rows)))
    left = needs.rows.astype(np.float32)
    step = FEW_NEEDS_VECTOR_BLOCK if len(left) <= FEW_NEEDS else VECTOR_BLOCK
    for start in range(0, len(rows.rows), step):
        block = rows.rows[start : start + step].astype(np.float32)
        dots[:, start : start + step] = left @ block.T
    norms = np.multiply.outer(needs.norms, rows.norms)
    cosines = np.divide(dots, norms, out=np.zeros_like(dots), where=norms > 0.0)
    meaning = semantic.relevance(cosines)
    read = batch.read[:, None]
    meaning *= read
    meaning += np.multiply(relevance, (1.0 - read) * SEMANTIC_LEVEL, out=relevance)
    mixed = np.multiply(lexical, LEXICAL_SHARE)
    mixed += np.multiply(meaning, 1.0 - LEXICAL_SHARE, out=meaning)
    both = np.logical_and.outer(needs.present, rows.present)
    return np.where(both, mixed, lexical)


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


def _apply_compatibility(need_fit: np.ndarray, batch: NeedBatch, offerings: OfferingArrays):
    """Multiply the deployment, language, region and kind factors into `need_fit`, in that order.

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
    if (offerings.kind_factor != 1.0).any():
        need_fit *= offerings.kind_factor
    return excluded


def _interoperability(batch: NeedBatch, offerings: OfferingArrays) -> np.ndarray:
    interop = np.asarray(batch.systems @ offerings.system_credit)
    interop /= batch.system_count[:, None]
    return interop


def _cost_fit(batch: NeedBatch, offerings: OfferingArrays, cost_rows: dict) -> np.ndarray:
    """Cost depends on a need only through its budgets, which are mostly round numbers:
    each distinct pair of budgets is worked out once per match and its row reused."""
    if len(cost_rows) > MAX_COST_ROWS:
        cost_rows.clear()
    distinct: dict[tuple, int] = {}
    rows = [distinct.setdefault(key, len(distinct)) for key in batch.budgets]
    for key in distinct:
        if key not in cost_rows:
            cost_rows[key] = _cost_row(*key, offerings)
    return np.stack([cost_rows[key] for key in distinct])[rows]


def _cost_row(yearly: float | None, one_off: float | None, offerings: OfferingArrays) -> np.ndarray:
    """`cost_fit` for one need's budgets against every offering."""
    cost = offerings.first_year if one_off is None else offerings.running
    fit = _running_fit(cost, yearly)
    if one_off is not None:
        fit = np.minimum(fit, _budget_fit(offerings.setup, one_off))
    fit = np.where(offerings.price_known, fit, UNKNOWN_PRICE_FIT)
    hosted = ~np.isnan(offerings.hosting)
    free = np.ones(len(offerings))
    if hosted.any():
        free[hosted] = _running_fit(offerings.hosting[hosted], yearly)
    return np.where(offerings.free_open_source, free, fit)


def _running_fit(cost: np.ndarray, budget: float | None) -> np.ndarray:
    if budget is None:
        return np.where(cost <= 0.0, 1.0, NO_BUDGET_FIT)
    return _budget_fit(cost, budget)


def _budget_fit(cost: np.ndarray, budget: float) -> np.ndarray:
    if budget <= 0.0:
        return np.where(cost <= budget, 1.0, 0.0)
    return np.where(cost <= budget, 1.0, np.maximum(0.0, 2.0 - cost / budget))


def best_rows(score: np.ndarray, threshold: float, top_k: int) -> list[np.ndarray]:
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
