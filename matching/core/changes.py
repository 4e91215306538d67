"""A stored index that changes: its arrays stay as stored, what changed is kept beside them.

An `OfferingIndex` loaded from files (`matching.core.stored`) holds memory-mapped arrays
of every offering as they were built. Rebuilding them after one change would cost time in
proportion to the whole index (reading every offering's analysis back, then every array),
so `Changes` leaves them as they are, read-only, and keeps:

- ``dead``: the stored rows of offerings removed or changed since, which queries skip;
- ``added``: the analyses of offerings added or changed since, whose arrays are built on
  the next query (`IndexArrays.build`, a few hundred microseconds per offering);
- ``frequency``: the document frequency of every term now, kept by adding the changed
  offerings' terms and taking away those of the rows they replace (the only stored
  analyses read: one per change).

A query scores the stored rows and the added ones as two parts and merges their best
(`matching.core.index`). Scores depend on every offering through idf and the TF-IDF
lengths, so both parts use the statistics of now: the added rows are built with the idf of
now, and the stored rows, which hold the TF-IDF of when they were built, are rescaled as
they are scored. A stored value is ``tf·idf₀/‖tf·idf₀‖``; with ``r = idf/idf₀`` per term,
the value of now, ``tf·idf/‖tf·idf‖``, is the stored one times ``r`` (applied to the need's
term weights: `OfferingArrays.term_scale`) and times ``1/√(Σ stored²·r²)`` per offering
(applied to its cosine: `OfferingArrays.column_scale`). That sum is one sparse product
over the stored values, worked out once per query after a change: vector arithmetic
(tens of milliseconds at 100,000 offerings), not a rebuild. The scores agree with those
of an index built from scratch to about 1e-15.
"""

import heapq
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse

from .arrays import IndexArrays, OfferingEntry, idf_of
from .profiles import Vocabulary
from .scoring import CorpusStats
from .text import TextAnalyser


@dataclass(frozen=True)
class Part:
    """Arrays a query scores, and the rows of them it must skip (None: none)."""

    arrays: IndexArrays
    dead: np.ndarray | None


class Changes:
    """The stored arrays of an index (``base``) and what changed since."""

    def __init__(self, base: IndexArrays, entries: Sequence[OfferingEntry]):
        self.base = base
        self.entries = entries  # each stored row's analysis, read on demand
        self.dead = np.zeros(len(base.offerings), dtype=bool)
        self.added: dict[int, OfferingEntry] = {}
        self.frequency: np.ndarray | None = None  # per term column; built at the first change
        self.n_dead = 0

    def __len__(self) -> int:
        return len(self.dead) - self.n_dead + len(self.added)

    def __contains__(self, offering_id: int) -> bool:
        return offering_id in self.added or self._stored_row(offering_id) is not None

    def size(self) -> int:
        """How many rows changed: stored rows skipped and rows added."""
        return self.n_dead + len(self.added)

    def upsert(self, offering_id: int, entry: OfferingEntry, n_terms: int) -> None:
        self.remove(offering_id, n_terms)
        self.added[offering_id] = entry
        self.frequency[entry.term_columns] += 1

    def remove(self, offering_id: int, n_terms: int) -> bool:
        """Forget an offering; False if it was not indexed."""
        frequency = self._frequency(n_terms)
        gone = self.added.pop(offering_id, None)
        if gone is None:
            row = self._stored_row(offering_id)
            if row is None:
                return False
            self.dead[row] = True
            self.n_dead += 1
            gone = self.entries[row]
        frequency[gone.term_columns] -= 1
        return True

    def entries_by_id(self) -> Iterator[tuple[int, OfferingEntry]]:
        """Every offering's analysis now, in id order (every stored one read)."""
        ids = self.base.offerings.ids
        stored = ((int(ids[row]), self.entries[row]) for row in np.flatnonzero(~self.dead))
        return heapq.merge(stored, sorted(self.added.items()), key=lambda pair: pair[0])

    def parts(
        self, term_columns: dict[str, int], vocabulary: Vocabulary, analyser: TextAnalyser
    ) -> list[Part]:
        """The stored rows rescaled to the statistics of now, and the added rows."""
        frequency = self._frequency(len(term_columns))
        n = len(self)
        idf = idf_of(frequency, n)
        terms = list(term_columns)
        counts = {terms[column]: int(frequency[column]) for column in np.flatnonzero(frequency)}
        stats = CorpusStats(vocabulary, analyser, n, counts)
        corpus = {"stats": stats, "term_columns": dict(term_columns), "idf": idf}
        parts = []
        if self.n_dead < len(self.dead):
            offerings = self.base.offerings
            scale = idf[: len(self.base.idf)] / self.base.idf
            lengths = _column_scale(offerings.text_by_term, scale)
            rescaled = replace(offerings, term_scale=scale, column_scale=lengths)
            base = replace(self.base, offerings=rescaled, **corpus)
            parts.append(Part(base, np.flatnonzero(self.dead) if self.n_dead else None))
        if self.added:
            added = IndexArrays.build(
                self.added, term_columns, vocabulary, analyser, corpus=(stats, idf)
            )
            parts.append(Part(added, None))
        return parts

    def _stored_row(self, offering_id: int) -> int | None:
        rows = self.base.rows_of([offering_id])
        if len(rows) == 0 or self.dead[rows[0]]:
            return None
        return int(rows[0])

    def _frequency(self, n_terms: int) -> np.ndarray:
        """Document frequencies per term column, grown to ``n_terms`` columns."""
        if self.frequency is None:
            columns = self.base.term_columns
            self.frequency = np.zeros(len(columns), dtype=np.int64)
            for term, count in self.base.stats.document_frequency.items():
                self.frequency[columns[term]] = count
        if len(self.frequency) < n_terms:
            grown = np.zeros(n_terms, dtype=np.int64)
            grown[: len(self.frequency)] = self.frequency
            self.frequency = grown
        return self.frequency


def _column_scale(text_by_term: sparse.csr_matrix, scale: np.ndarray) -> np.ndarray:
    """Per stored column, its TF-IDF length then over its length now (1 with no terms)."""
    squares = sparse.csr_matrix(
        (np.square(text_by_term.data), text_by_term.indices, text_by_term.indptr),
        shape=text_by_term.shape,
    )
    lengths = np.sqrt(squares.T @ np.square(scale))
    return np.divide(1.0, lengths, out=np.ones_like(lengths), where=lengths > 0.0)
