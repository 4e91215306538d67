"""The index as arrays: a snapshot of the offerings indexed, and needs encoded against it.

`IndexArrays.build` turns the offerings' stored analyses into the L2-normalised TF-IDF
matrix (IDF over the offerings indexed now) and dense per-offering feature rows, one column
per offering in ascending id order. `NeedBatch.build` encodes a chunk of needs against the
same lookups. `OfferingIndex` (`matching.core.index`) rebuilds the snapshot on the first
query after any change.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

import matching.core.semantic as semantic

from .profiles import DEPLOYMENTS, FREE_OPEN_SOURCE, NeedProfile, OfferingProfile, Vocabulary
from .scoring import (
    CorpusStats,
    NeedFeatures,
    OfferingFeatures,
    cost_asked,
    hosting_yearly,
    interop_asked,
    kind_factor,
    need_fit_shares,
    yearly_budget,
)
from .text import TextAnalyser, idf


@dataclass(frozen=True)
class OfferingEntry:
    features: OfferingFeatures
    term_columns: np.ndarray
    term_weights: np.ndarray  # before idf


@dataclass(frozen=True)
class OfferingArrays:
    """Per-offering arrays, one column per offering in ascending id order."""

    ids: np.ndarray
    features: Sequence[OfferingFeatures]  # a list, or read on demand (matching.core.stored)
    text_by_term: sparse.csr_matrix  # terms × offerings, each column L2-normalised TF-IDF
    category_strength: np.ndarray  # categories × offerings
    system_credit: np.ndarray  # systems × offerings
    deployment_mismatch: np.ndarray  # deployment rows × offerings, 1 = not offered
    languages_offered: np.ndarray  # language rows × offerings; 1 = offered or unknown
    region_mismatch: np.ndarray  # country rows × offerings, 1 = not offered there
    free_open_source: np.ndarray
    price_known: np.ndarray
    running: np.ndarray  # nonprofit price × 12
    setup: np.ndarray
    first_year: np.ndarray  # running + setup
    hosting: np.ndarray  # free software's yearly hosting; NaN where none is needed or known
    kind_factor: np.ndarray  # `scoring.kind_factor`: 1 for software
    vectors: "Vectors | None"  # None: no offering has an embedding
    # A stored base scored with changed corpus statistics (matching.core.changes): its
    # text_by_term holds the TF-IDF of when it was built; a need's term weights are
    # multiplied by term_scale (new idf / stored idf) and each column's cosine by
    # column_scale (stored norm / new norm), which gives the TF-IDF of now.
    term_scale: np.ndarray | None = None
    column_scale: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def take(self, rows: np.ndarray) -> "OfferingArrays":
        return OfferingArrays(
            ids=self.ids[rows],
            features=[self.features[row] for row in rows],
            text_by_term=self.text_by_term[:, rows].tocsr(),
            category_strength=self.category_strength[:, rows],
            system_credit=self.system_credit[:, rows],
            deployment_mismatch=self.deployment_mismatch[:, rows],
            languages_offered=self.languages_offered[:, rows],
            region_mismatch=self.region_mismatch[:, rows],
            free_open_source=self.free_open_source[rows],
            price_known=self.price_known[rows],
            running=self.running[rows],
            setup=self.setup[rows],
            first_year=self.first_year[rows],
            hosting=self.hosting[rows],
            kind_factor=self.kind_factor[rows],
            vectors=None if self.vectors is None else self.vectors.take(rows),
            term_scale=self.term_scale,
            column_scale=None if self.column_scale is None else self.column_scale[rows],
        )


@dataclass(frozen=True)
class Vectors:
    """Embeddings as rows of small integers (`matching.core.semantic`), with their norms;
    a row of zeros where a listing has none (``present`` False). Kept as int8, a quarter of
    float32's memory: `matching.core.blocks` widens a block of rows at a time."""

    rows: np.ndarray  # int8, one row per listing
    norms: np.ndarray  # float64
    present: np.ndarray  # bool

    @classmethod
    def of(cls, vectors: Sequence[np.ndarray | None]) -> "Vectors | None":
        if all(vector is None for vector in vectors):
            return None
        rows = np.zeros((len(vectors), semantic.DIMENSIONS), dtype=np.int8)
        for row, vector in enumerate(vectors):
            if vector is not None:
                rows[row] = vector
        norms = np.sqrt(np.einsum("ij,ij->i", rows, rows, dtype=np.float64))
        present = np.array([vector is not None for vector in vectors], dtype=bool)
        return cls(rows, norms, present)

    def take(self, rows: np.ndarray) -> "Vectors":
        return Vectors(self.rows[rows], self.norms[rows], self.present[rows])


@dataclass(frozen=True)
class IndexArrays:
    """A snapshot of the index as arrays, with the lookups needs are encoded against."""

    offerings: OfferingArrays
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
        entries_by_id: dict[int, OfferingEntry],
        term_columns: dict[str, int],
        vocabulary: Vocabulary,
        analyser: TextAnalyser,
        corpus: "tuple[CorpusStats, np.ndarray] | None" = None,
    ) -> "IndexArrays":
        """``corpus``: the statistics and idf per term column to use instead of those of
        these entries (the changed part of a stored index, `matching.core.changes`)."""
        entries = [entries_by_id[offering_id] for offering_id in sorted(entries_by_id)]
        offerings = [entry.features.offering for entry in entries]
        n = len(entries)
        term_columns = dict(term_columns)
        text, idf_values, frequency = _tfidf(
            entries, len(term_columns), None if corpus is None else corpus[1]
        )
        category_rows = rows_for(slug for e in entries for slug in e.features.category_strength)
        system_rows = rows_for(slug for e in entries for slug in e.features.system_credits)
        deployment_rows = rows_for([*DEPLOYMENTS, *(d for o in offerings for d in o.deployments)])
        language_rows = rows_for(code for o in offerings for code in o.languages)
        country_rows = rows_for(code for o in offerings for code in o.regions)
        prices = [o.nonprofit_monthly_price for o in offerings]
        running = np.array([0.0 if p is None else p * 12.0 for p in prices])
        setup = np.array([o.setup_cost or 0.0 for o in offerings])
        arrays = OfferingArrays(
            ids=np.array([o.id for o in offerings], dtype=np.int64),
            features=[entry.features for entry in entries],
            text_by_term=text.T.tocsr(),
            category_strength=_dense(
                category_rows, n, [e.features.category_strength for e in entries]
            ),
            system_credit=_dense(system_rows, n, [e.features.system_credits for e in entries]),
            deployment_mismatch=_mismatches(deployment_rows, [o.deployments for o in offerings]),
            languages_offered=_languages_offered(language_rows, offerings),
            region_mismatch=_mismatches(country_rows, [o.regions for o in offerings]),
            free_open_source=np.array([o.pricing_model == FREE_OPEN_SOURCE for o in offerings]),
            price_known=np.array([p is not None for p in prices], dtype=bool),
            running=running,
            setup=setup,
            first_year=running + setup,
            hosting=np.array([_or_nan(hosting_yearly(o)) for o in offerings]),
            kind_factor=np.array([kind_factor(o) for o in offerings], dtype=np.float64),
            vectors=Vectors.of([entry.features.vector for entry in entries]),
        )
        if corpus is None:
            terms = list(term_columns)
            stats = CorpusStats(
                vocabulary,
                analyser,
                n,
                {terms[column]: int(count) for column, count in enumerate(frequency) if count},
            )
        else:
            stats = corpus[0]
        return cls(
            offerings=arrays,
            stats=stats,
            term_columns=term_columns,
            idf=idf_values,
            category_rows=category_rows,
            system_rows=system_rows,
            deployment_rows=deployment_rows,
            language_rows=language_rows,
            country_rows=country_rows,
        )

    def rows_of(self, offering_ids: Iterable[int]) -> np.ndarray:
        """The rows of those of the offerings that are indexed, ascending (ids are sorted)."""
        ids = self.offerings.ids
        wanted = np.unique(np.fromiter(offering_ids, dtype=np.int64))
        rows = np.searchsorted(ids, wanted)
        inside = rows < len(ids)
        rows = rows[inside]
        return rows[ids[rows] == wanted[inside]].astype(np.intp)


def laid_out(offerings: OfferingArrays, lookups) -> OfferingArrays:
    """The offerings' rows of categories, systems, deployments, languages and regions against
    other ``lookups`` (with the five ``*_rows`` of `IndexArrays`) holding every value these
    offerings list: the same numbers, at those rows."""
    features = list(offerings.features)
    profiles = [f.offering for f in features]
    n = len(features)
    return replace(
        offerings,
        category_strength=_dense(lookups.category_rows, n, [f.category_strength for f in features]),
        system_credit=_dense(lookups.system_rows, n, [f.system_credits for f in features]),
        deployment_mismatch=_mismatches(lookups.deployment_rows, [o.deployments for o in profiles]),
        languages_offered=_languages_offered(lookups.language_rows, profiles),
        region_mismatch=_mismatches(lookups.country_rows, [o.regions for o in profiles]),
    )


def _or_nan(value: float | None) -> float:
    return np.nan if value is None else value


def idf_of(frequency: np.ndarray, n_documents: int) -> np.ndarray:
    """`matching.core.text.idf` for every term column at once."""
    return np.log((1.0 + n_documents) / (1.0 + frequency)) + 1.0


def _tfidf(entries: Sequence[OfferingEntry], n_terms: int, idf_values: np.ndarray | None):
    """(offerings × terms matrix with L2-normalised rows, idf, document frequency per term);
    the idf of these entries unless given."""
    lengths = np.array([len(entry.term_columns) for entry in entries], dtype=np.intp)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.concatenate([np.zeros(0, dtype=np.int32), *(e.term_columns for e in entries)])
    weights = np.concatenate([np.zeros(0), *(entry.term_weights for entry in entries)])
    frequency = np.bincount(indices, minlength=n_terms)
    if idf_values is None:
        idf_values = idf_of(frequency, len(entries))
    weights = weights * idf_values[indices]
    row_of_value = np.repeat(np.arange(len(entries)), lengths)
    norms = np.sqrt(np.bincount(row_of_value, weights * weights, minlength=len(entries)))
    normalised = weights / np.where(norms > 0.0, norms, 1.0)[row_of_value]
    shape = (len(entries), n_terms)
    return sparse.csr_matrix((normalised, indices, indptr), shape=shape), idf_values, frequency


def rows_for(keys: Iterable[str]) -> dict[str, int]:
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
class NeedBatch:
    """A chunk of needs encoded against the index's lookups."""

    features: list[NeedFeatures]
    text: sparse.csr_matrix  # needs × terms, L2-normalised TF-IDF over all the need's terms
    category_shares: sparse.csr_matrix  # needs × categories
    category_weight: np.ndarray
    text_weight: np.ndarray
    read: np.ndarray  # NeedFeatures.read per need
    systems: sparse.csr_matrix  # needs × systems, 1 per system judged on
    system_count: np.ndarray
    interop_asked: np.ndarray  # scoring.interop_asked per need
    cost_asked: np.ndarray  # 1.0 where the need gives a budget, else 0.0
    deployment_row: np.ndarray | None  # None: no need in the chunk asks for one
    country_row: np.ndarray | None
    with_languages: np.ndarray  # positions of the needs that ask for languages
    languages: sparse.csr_matrix  # those needs × language rows: how many of their languages
    language_count: np.ndarray
    strict: np.ndarray  # positions of the strict needs
    budgets: list[tuple[float | None, float | None]]  # (yearly, one-off); None = not given
    vectors: "Vectors | None"  # None: no need in the chunk has an embedding

    @classmethod
    def build(cls, needs: Sequence[NeedProfile], arrays: IndexArrays, describe) -> "NeedBatch":
        features = [describe(need) for need in needs]
        shares = [need_fit_shares(f) for f in features]
        with_languages = [i for i, need in enumerate(needs) if need.languages]
        return cls(
            features=features,
            text=_query_vectors(features, arrays),
            category_shares=_sparse_rows(
                [f.category_shares for f in features], arrays.category_rows
            ),
            category_weight=np.array([share[0] for share in shares]),
            text_weight=np.array([share[1] for share in shares]),
            read=np.array([f.read for f in features]),
            systems=_sparse_rows(
                [dict.fromkeys(f.systems, 1.0) for f in features], arrays.system_rows
            ),
            system_count=np.array([max(1, len(f.systems)) for f in features], dtype=np.float64),
            interop_asked=np.array([interop_asked(f) for f in features]),
            cost_asked=np.array([float(cost_asked(need)) for need in needs]),
            deployment_row=_value_rows([n.deployment for n in needs], arrays.deployment_rows),
            country_row=_value_rows([n.country for n in needs], arrays.country_rows),
            with_languages=np.array(with_languages, dtype=np.intp),
            languages=_language_rows([needs[i] for i in with_languages], arrays.language_rows),
            language_count=np.array([len(needs[i].languages) for i in with_languages], float),
            strict=np.array([i for i, need in enumerate(needs) if need.strict], dtype=np.intp),
            budgets=[(yearly_budget(need), need.one_off_budget) for need in needs],
            vectors=Vectors.of([f.vector for f in features]),
        )


def _value_rows(values: Sequence[str | None], rows: dict[str, int]) -> np.ndarray | None:
    """Each need's row in a `_mismatches` matrix; None when no need asks for a value."""
    if all(value is None for value in values):
        return None
    unlisted, anything = len(rows), len(rows) + 1
    return np.array([anything if v is None else rows.get(v, unlisted) for v in values])


def _query_vectors(features: Sequence[NeedFeatures], arrays: IndexArrays) -> sparse.csr_matrix:
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
