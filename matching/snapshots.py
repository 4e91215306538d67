"""The stored match index: files every process can load instead of building the index.

A build (``manage.py build_match_index``, the Celery task ``build_match_index``) writes the
process's synced `OfferingIndex`, its arrays already built, with what it was synced from,
as one pickle under ``settings.MATCH_INDEX_DIR``: ``offerings-<version>.pickle``, where the
version is the wall-clock time in nanoseconds at which the build started reading the
database, so the newest file has the largest name. A file is written to a temporary name in
the same directory, flushed to disk and then renamed over (``os.replace``), so a reader
sees a whole file or none. The newest ``KEEP`` files stay, a process still loading an older
one reads it through its open handle.

Pickle, not memory-mapped arrays: at 10,000 offerings the file is loaded in well under a
second (docs/benchmarks.md); most of the index is per-offering Python objects (the text
analyses the reasons are written from), which only pickle keeps whole.
"""

import gc
import logging
import os
import pickle
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

from .core import OfferingIndex

FORMAT = 1
PREFIX, SUFFIX = "offerings-", ".pickle"
KEEP = 2
ABANDONED_AFTER = 60 * 60  # seconds: a temporary file this old belongs to a dead build

log = logging.getLogger(__name__)


@dataclass
class Snapshot:
    """An index and what it was synced from (matching/services.py, IndexCache)."""

    version: int  # time.time_ns() when the build began reading; names the file
    stamp: str | None  # the offerings change stamp read before that
    built_at: datetime  # when the file was written
    index: OfferingIndex
    versions: dict[int, object]  # offering id -> (updated_at, embedded_at)
    vocabulary_key: str
    stale_from: datetime | None


def directory() -> Path:
    return Path(settings.MATCH_INDEX_DIR)


def path_of(version: int) -> Path:
    return directory() / f"{PREFIX}{version:020d}{SUFFIX}"


def stored_versions() -> list[int]:
    """The versions stored, oldest first (one directory listing, no file opened)."""
    try:
        names = os.listdir(directory())
    except FileNotFoundError:
        return []
    versions = []
    for name in names:
        if name.startswith(PREFIX) and name.endswith(SUFFIX):
            digits = name[len(PREFIX) : -len(SUFFIX)]
            if digits.isdigit():
                versions.append(int(digits))
    return sorted(versions)


def newest_version() -> int | None:
    versions = stored_versions()
    return versions[-1] if versions else None


def write(snapshot: Snapshot) -> Path:
    """Store atomically: a temporary file, fsynced, renamed over, the directory fsynced."""
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    target = path_of(snapshot.version)
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".building-")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            pickle.dump((FORMAT, snapshot), handle, protocol=pickle.HIGHEST_PROTOCOL)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _fsync_directory(folder)
    return target


def load(version: int) -> Snapshot | None:
    """The stored snapshot, or None if it vanished (cleaned) or cannot be read."""
    collecting = gc.isenabled()
    gc.disable()  # the load creates millions of objects: collecting meanwhile costs a third
    try:
        with open(path_of(version), "rb") as handle:
            found, snapshot = pickle.load(handle)
    except FileNotFoundError:
        return None
    except Exception:  # a file from another code version, or damaged: build a new one
        log.exception("Cannot read the match index snapshot %s", path_of(version))
        return None
    finally:
        if collecting:
            gc.enable()
    if found != FORMAT:
        return None
    return snapshot


def clean(keep: int = KEEP) -> list[Path]:
    """Remove all but the newest ``keep`` snapshots and abandoned temporary files."""
    removed = [path_of(version) for version in stored_versions()[:-keep]]
    folder = directory()
    if folder.exists():
        cutoff = time.time() - ABANDONED_AFTER
        removed += [p for p in folder.glob(".building-*") if p.stat().st_mtime < cutoff]
    for path in removed:
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
