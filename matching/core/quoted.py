"""The words a match's reasons quote, for many needs at once against one offering.

`Explainer.shared_words` (`matching.core.reasons`) goes need by need: of the need's
``WORDS_SCANNED`` weightiest words (weight in the need × IDF², `CorpusStats.quote_weight`;
vague words and words common across the offerings left out; ties to the word that sorts
first), the first ``SHARED_TERMS_SHOWN`` the offering also uses. `shared_terms` finds the
same terms for the rows of many needs from their flat term arrays (`need_index.NeedTerms`:
a term id and a weight before IDF per entry), sorting all their entries at once, so saving
an offering ranks no need's words in a loop (docs/benchmarks.md).
"""

from collections.abc import Container, Sequence

import numpy as np

from .reasons import SHARED_TERMS_SHOWN, WORDS_SCANNED, word_weight
from .scoring import CATEGORY_PREFIX, SYSTEM_PREFIX, CorpusStats

CONCEPTS = (CATEGORY_PREFIX, SYSTEM_PREFIX)  # the terms that are not words


def shared_terms(
    entry_terms: np.ndarray,
    entry_weights: np.ndarray,
    starts: np.ndarray,
    term_names: Sequence[str],
    rows: np.ndarray,
    stats: CorpusStats,
    offering_terms: Container[str],
) -> list[list[str]]:
    """Per row of ``rows`` (need ``i``'s entries are ``starts[i]`` up to ``starts[i + 1]``),
    the terms its reasons quote against an offering using ``offering_terms``, in order."""
    rows = np.asarray(rows, dtype=np.intp)
    found: list[list[str]] = [[] for _ in range(len(rows))]
    lengths = starts[rows + 1] - starts[rows]
    if not len(rows) or not lengths.sum():
        return found
    owner = np.repeat(np.arange(len(rows)), lengths)
    firsts = np.repeat(starts[rows] - (np.cumsum(lengths) - lengths), lengths)
    entries = firsts + np.arange(len(owner))
    terms, inverse = np.unique(entry_terms[entries], return_inverse=True)
    names = [term_names[term] for term in terms.tolist()]
    factor = np.array([_quote_weight(name, stats) for name in names], dtype=np.float64)
    keys = -(entry_weights[entries] * factor[inverse])
    kept = np.flatnonzero(~np.isnan(keys))
    alphabetical = np.empty(len(names), dtype=np.intp)
    alphabetical[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
    kept = kept[np.lexsort((alphabetical[inverse[kept]], keys[kept], owner[kept]))]
    kept = kept[_first_of_each(owner[kept], WORDS_SCANNED)]
    shared = np.array([name in offering_terms for name in names], dtype=bool)
    kept = kept[shared[inverse[kept]]]
    kept = kept[_first_of_each(owner[kept], SHARED_TERMS_SHOWN)]
    for row, term in zip(owner[kept].tolist(), inverse[kept].tolist(), strict=True):
        found[row].append(names[term])
    return found


def _quote_weight(name: str, stats: CorpusStats) -> float:
    """As `Explainer` weighs a need's word (`reasons.word_weight`); NaN: never quoted."""
    weight = None if name.startswith(CONCEPTS) else word_weight(name, stats)
    return np.nan if weight is None else weight


def _first_of_each(groups: np.ndarray, count: int) -> np.ndarray:
    """Which of these positions are among the first ``count`` of their group (``groups``
    sorted)."""
    positions = np.arange(len(groups))
    return positions - np.searchsorted(groups, groups, side="left") < count
