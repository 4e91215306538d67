"""The need side as files of arrays, mapped back into memory: what `matching.need_side`
stores beside the offering index's snapshot.

Scoring one offering against every need (`matching.core.need_index`) reads, per need, its
terms as flat arrays (`NeedTerms`) and its `NeedBatch` rows (categories, systems,
deployment, languages, country, budgets, embedding); the needs' analyses
(`NeedFeatures`) only for the reasons of the few rows a save writes. `save` writes the
arrays one ``.npy`` file each, the analyses one pickle each back to back in
``entries.bin`` (read on demand, as `matching.core.stored` does for offerings), and the
term names and the lookups the batch was encoded against in ``needs.pickle``. `load` maps
every array read-only (``np.load(mmap_mode="r")``): a process that loads it analyses no
need and holds of its own only what a save computes. An index whose lookups differ from
the stored ones (a category or system first listed since) encodes the batch again from the
stored analyses, reading them all once.
"""

import pickle
from pathlib import Path

import numpy as np
from scipy import sparse

from .arrays import IndexArrays, NeedBatch, Vectors
from .need_index import EncodedNeeds, NeedIndex, NeedTerms
from .profiles import Vocabulary
from .stored import StoredEntries, map_bytes, mapper, write_arrays, write_entries, write_pickle

TERMS = ("ids", "terms", "weights", "starts")
BATCH = (
    "category_weight",
    "text_weight",
    "read",
    "system_count",
    "interop_asked",
    "cost_asked",
    "with_languages",
    "language_count",
    "strict",
)
MATRICES = ("category_shares", "systems", "languages")
OPTIONAL = ("deployment_row", "country_row")  # None when no need asks for one
ENTRIES = "entries.bin"


def save(needs: NeedIndex, arrays: IndexArrays, folder: Path) -> None:
    """Write every need ``needs`` holds into ``folder`` (which exists), encoded against the
    lookups of the offering index whose ``arrays`` these are."""
    encoded = EncodedNeeds(NeedTerms.build(needs.features()))
    lookups, batch = encoded.encoded(arrays)
    terms = encoded.terms
    files = {name: getattr(terms, name) for name in TERMS}
    files.update({name: getattr(batch, name) for name in BATCH})
    for name in MATRICES:
        matrix = getattr(batch, name).tocsr()
        for part in ("data", "indices", "indptr"):
            files[f"{name}_{part}"] = getattr(matrix, part)
    for name in OPTIONAL:
        if getattr(batch, name) is not None:
            files[name] = getattr(batch, name)
    files["budget_yearly"] = _with_nan([yearly for yearly, _ in batch.budgets])
    files["budget_one_off"] = _with_nan([one_off for _, one_off in batch.budgets])
    if batch.vectors is not None:
        vectors = batch.vectors
        files.update(vector_rows=vectors.rows, vector_norms=vectors.norms)
        files["vector_present"] = vectors.present
    pickles = (pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL) for f in terms.features)
    files["entry_offsets"] = write_entries(folder / ENTRIES, pickles)
    write_arrays(folder, files)
    meta = {
        "vocabulary": needs.vocabulary,
        "lookups": lookups,
        "term_names": terms.term_names,
        "shapes": {name: getattr(batch, name).shape for name in MATRICES},
        "vectors": batch.vectors is not None,
    }
    write_pickle(meta, folder / "needs.pickle")


def load(folder: Path, vocabulary: Vocabulary | None = None) -> NeedIndex:
    """The need side stored in ``folder``, its arrays memory-mapped read-only, as the base
    of a `NeedIndex` (of ``vocabulary``, by default the stored one)."""
    with open(folder / "needs.pickle", "rb") as handle:
        meta = pickle.load(handle)
    mapped = mapper(folder)
    features = StoredEntries(map_bytes(folder / ENTRIES), mapped("entry_offsets"))
    term_names = meta["term_names"]
    terms = NeedTerms(
        features=features,
        term_ids={term: n for n, term in enumerate(term_names)},
        term_names=term_names,
        **{name: mapped(name) for name in TERMS},
    )
    matrices = {
        name: sparse.csr_matrix(
            tuple(mapped(f"{name}_{part}") for part in ("data", "indices", "indptr")),
            shape=meta["shapes"][name],
            copy=False,
        )
        for name in MATRICES
    }
    vectors = None
    if meta["vectors"]:
        vectors = Vectors(mapped("vector_rows"), mapped("vector_norms"), mapped("vector_present"))
    present = {path.stem for path in folder.glob("*.npy")}
    yearly, one_off = mapped("budget_yearly").tolist(), mapped("budget_one_off").tolist()
    batch = NeedBatch(
        features=features,
        text=sparse.csr_matrix((len(terms.ids), 0)),  # the cosines are worked out apart
        budgets=[(_optional(y), _optional(o)) for y, o in zip(yearly, one_off, strict=True)],
        vectors=vectors,
        **matrices,
        **{name: mapped(name) for name in BATCH},
        **{name: mapped(name) if name in present else None for name in OPTIONAL},
    )
    return NeedIndex(
        vocabulary or meta["vocabulary"], EncodedNeeds(terms, (meta["lookups"], batch))
    )


def _with_nan(values) -> np.ndarray:
    return np.array([np.nan if value is None else value for value in values], dtype=np.float64)


def _optional(value: float) -> float | None:
    return None if value != value else value  # NaN: not given
