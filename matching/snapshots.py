"""The stored match index: files every process can load instead of building the index.

A build (``manage.py build_match_index``, the Celery task ``build_match_index``) writes the
process's synced `OfferingIndex` with what it was synced from as one folder under
``settings.MATCH_INDEX_DIR``: ``offerings-<version>/``, where the version is the wall-clock
time in nanoseconds at which the build started reading the database, so the newest folder
has the largest name. Inside, the index's arrays as ``.npy`` files and its offerings'
analyses (`matching.core.stored`), and ``snapshot.pickle`` (what it was synced from, small)
and ``versions.pickle`` (each offering's version, read only by a worker that adopts the
snapshot to sync it). The folder is written under a temporary name in the same directory,
every file flushed to disk, and then renamed (``os.rename``), so a reader sees a whole
snapshot or none. The newest ``KEEP`` stay; a process still using an older one keeps its
mapped pages after the files are removed (POSIX).

Memory-mapped arrays, not one pickle: every web process on the machine that loads the same
snapshot shares the pages (the operating system's page cache), so a process holds of its own
only what a query computes, whatever the number of offerings (docs/benchmarks.md).
"""

import logging
import os
import pickle
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings

from .core import OfferingIndex, stored

FORMAT = 4  # 3: the pickled CorpusStats carries quote_weights; 4: kind_factor
PREFIX = "offerings-"
KEEP = 2
ABOUT = ("stamp", "built_at", "vocabulary_key", "stale_from")
ABANDONED_AFTER = 60 * 60  # seconds: a temporary folder this old belongs to a dead build

log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    """An index and what it was synced from (matching/services.py, IndexCache)."""

    version: int  # time.time_ns() when the build began reading; names the folder
    stamp: str | None  # the offerings change stamp read before that
    built_at: datetime  # when the folder was written
    index: OfferingIndex
    vocabulary_key: str
    stale_from: datetime | None
    # offering id -> (updated_at, embedded_at) as text; read by load(…, versions=True) only
    versions: dict[int, object] = field(default_factory=dict)


def directory() -> Path:
    return Path(settings.MATCH_INDEX_DIR)


def path_of(version: int, prefix: str = PREFIX) -> Path:
    return directory() / f"{prefix}{version:020d}"


def stored_versions(prefix: str = PREFIX) -> list[int]:
    """The versions stored, oldest first (one directory listing, no file opened); ``prefix``
    names the kind of folder (the need side, matching/need_side.py, is stored beside)."""
    try:
        names = os.listdir(directory())
    except FileNotFoundError:
        return []
    versions = []
    for name in names:
        if name.startswith(prefix):
            digits = name.removeprefix(prefix)
            if digits.isdigit():
                versions.append(int(digits))
    return sorted(versions)


def newest_version(prefix: str = PREFIX) -> int | None:
    versions = stored_versions(prefix)
    return versions[-1] if versions else None


def write(snapshot: Snapshot) -> Path:
    """Store the snapshot as the folder of its version (`write_folder`)."""

    def fill(temporary: Path) -> None:
        stored.save(snapshot.index, temporary)
        about = {name: getattr(snapshot, name) for name in ABOUT}
        stored.write_pickle((FORMAT, about), temporary / "snapshot.pickle")
        stored.write_pickle(snapshot.versions, temporary / "versions.pickle")

    return write_folder(path_of(snapshot.version), fill)


def write_folder(target: Path, fill) -> Path:
    """Store atomically: ``fill(folder)`` writes the files into a temporary folder, every one
    fsynced, which is renamed ``target``, the parent fsynced."""
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=folder, prefix=".building-"))
    try:
        fill(temporary)
        _fsync_directory(temporary)
        os.rename(temporary, target)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    _fsync_directory(folder)
    return target


def load(version: int, versions: bool = False) -> Snapshot | None:
    """The stored snapshot, its arrays memory-mapped, or None if it vanished (cleaned) or
    cannot be read. The offerings' versions only with ``versions`` (a worker syncing it)."""
    folder = path_of(version)
    try:
        with open(folder / "snapshot.pickle", "rb") as handle:
            found, about = pickle.load(handle)
        if found != FORMAT:
            return None
        index = stored.load(folder)
        snapshot = Snapshot(version=version, index=index, **about)
        if versions:
            with open(folder / "versions.pickle", "rb") as handle:
                snapshot.versions = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # from another code version, or damaged: build a new one
        log.exception("Cannot read the match index snapshot %s", folder)
        return None
    return snapshot


def size_of(path: Path) -> int:
    """A stored snapshot's bytes on disk, all its files."""
    return sum(file.stat().st_size for file in path.iterdir())


def clean(keep: int = KEEP, prefix: str = PREFIX) -> list[Path]:
    """Remove all but the newest ``keep`` snapshots (of ``prefix``), abandoned temporary
    folders and files of the former format."""
    removed = [path_of(version, prefix) for version in stored_versions(prefix)[:-keep]]
    folder = directory()
    if folder.exists():
        cutoff = time.time() - ABANDONED_AFTER
        removed += [p for p in folder.glob(".building-*") if p.stat().st_mtime < cutoff]
        removed += folder.glob(f"{PREFIX}*.pickle")  # the single-file snapshots of before
    for path in removed:
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return removed


def _fsync_directory(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible everywhere, so best effort."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
