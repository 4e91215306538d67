"""The index as files of arrays, mapped back into memory: what `matching.snapshots` stores.

`save` writes an `OfferingIndex`'s arrays (`matching.core.arrays`) into a folder, one
``.npy`` file per array: the TF-IDF matrix as CSR (``text_data``, ``text_indices``,
``text_indptr``), the dense per-offering rows (categories, systems, deployments, languages,
regions, prices), the int8 embeddings, the ids. What the scores need per offering is there
and nothing else; the lookups needs are encoded against (terms, categories, countries…) and
the corpus statistics are per term or per category, not per offering, and go in one small
pickle, ``index.pickle``.

`load` maps every array read-only (``np.load(mmap_mode="r")``): the pages come from the
operating system's page cache, so every process on the machine that loads the same folder
shares one copy, and a process holds of its own only what a query computes.

The offerings' text analyses (`OfferingEntry`: the terms, the categories spotted, the
offering's profile) are needed only to write the reasons of the few matches a query
returns, and to change the index (a worker that adopts a stored index and then syncs it):
they are stored one pickle each, back to back in ``entries.bin`` with their offsets, and
read on demand (`StoredEntries`).
"""

import os
import pickle
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from scipy import sparse

from .arrays import IndexArrays, OfferingArrays, OfferingEntry, Vectors
from .index import OfferingIndex
from .scoring import OfferingFeatures

COLUMNS = (  # OfferingArrays' fields stored as they are
    "ids",
    "category_strength",
    "system_credit",
    "deployment_mismatch",
    "languages_offered",
    "region_mismatch",
    "free_open_source",
    "price_known",
    "running",
    "setup",
    "first_year",
    "hosting",
    "kind_factor",
)
LOOKUPS = ("category_rows", "system_rows", "deployment_rows", "language_rows", "country_rows")
ENTRIES = "entries.bin"


class StoredEntries(Sequence[OfferingEntry]):
    """The offerings' analyses, row by row, unpickled when asked for."""

    def __init__(self, blob: np.ndarray, offsets: np.ndarray):
        self.blob, self.offsets = blob, offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def pickled(self, row: int) -> bytes:
        return self.blob[self.offsets[row] : self.offsets[row + 1]].tobytes()

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        return pickle.loads(self.pickled(row))


class StoredFeatures(Sequence[OfferingFeatures]):
    """`OfferingArrays.features` of a stored index: read for the rows a query returns."""

    def __init__(self, entries: StoredEntries):
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        return self.entries[row].features


def save(index: OfferingIndex, folder: Path) -> None:
    """Write the index's files into ``folder`` (which exists), each flushed to disk."""
    arrays = index.arrays()
    offerings = arrays.offerings
    files = {name: getattr(offerings, name) for name in COLUMNS}
    text = offerings.text_by_term
    files.update(text_data=text.data, text_indices=text.indices, text_indptr=text.indptr)
    files["idf"] = arrays.idf
    if offerings.vectors is not None:
        vectors = offerings.vectors
        files.update(vector_rows=vectors.rows, vector_norms=vectors.norms)
        files["vector_present"] = vectors.present
    files["entry_offsets"] = write_entries(folder / ENTRIES, index.entry_pickles())
    write_arrays(folder, files)
    meta = {
        "vocabulary": index.vocabulary,
        "currency": index.currency,
        "term_columns": arrays.term_columns,
        "stats": arrays.stats,
        "text_shape": text.shape,
        "vectors": offerings.vectors is not None,
        **{name: getattr(arrays, name) for name in LOOKUPS},
    }
    write_pickle(meta, folder / "index.pickle")


def load(folder: Path) -> OfferingIndex:
    """The index stored in ``folder``, its arrays memory-mapped read-only."""
    with open(folder / "index.pickle", "rb") as handle:
        meta = pickle.load(handle)
    mapped = mapper(folder)

    text = sparse.csr_matrix(
        (mapped("text_data"), mapped("text_indices"), mapped("text_indptr")),
        shape=meta["text_shape"],
        copy=False,
    )
    vectors = None
    if meta["vectors"]:
        vectors = Vectors(mapped("vector_rows"), mapped("vector_norms"), mapped("vector_present"))
    entries = StoredEntries(map_bytes(folder / ENTRIES), mapped("entry_offsets"))
    offerings = OfferingArrays(
        features=StoredFeatures(entries),
        text_by_term=text,
        vectors=vectors,
        **{name: mapped(name) for name in COLUMNS},
    )
    arrays = IndexArrays(
        offerings=offerings,
        stats=meta["stats"],
        term_columns=meta["term_columns"],
        idf=mapped("idf"),
        **{name: meta[name] for name in LOOKUPS},
    )
    return OfferingIndex.stored(meta["vocabulary"], meta["currency"], arrays, entries)


def write_arrays(folder: Path, files: dict[str, np.ndarray]) -> None:
    """One ``.npy`` file per array, each flushed to disk."""
    for name, values in files.items():
        with open(folder / f"{name}.npy", "wb") as handle:
            np.save(handle, np.ascontiguousarray(values), allow_pickle=False)
            flush(handle)


def write_pickle(value, path: Path) -> None:
    with open(path, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        flush(handle)


def mapper(folder: Path):
    """A function mapping the folder's array of that name read-only."""

    def mapped(name: str) -> np.ndarray:
        return np.asarray(np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False))

    return mapped


def write_entries(path: Path, pickles: Iterable[bytes]) -> np.ndarray:
    """The pickles back to back in one file; returns their offsets."""
    offsets = [0]
    with open(path, "wb") as handle:
        for pickled in pickles:
            handle.write(pickled)
            offsets.append(offsets[-1] + len(pickled))
        flush(handle)
    return np.array(offsets, dtype=np.int64)


def map_bytes(path: Path) -> np.ndarray:
    if path.stat().st_size == 0:  # an empty index: nothing to map
        return np.zeros(0, dtype=np.uint8)
    return np.asarray(np.memmap(path, dtype=np.uint8, mode="r"))


def flush(handle) -> None:
    handle.flush()
    os.fsync(handle.fileno())
