"""The stored match index: how long a build takes, how big the file is, how fast a fresh
process loads it and previews from it, and what that process then holds in memory.

Run from the repository root:

    .venv/bin/python bench/index_snapshot.py

On a temporary SQLite file by default; with DATABASE_URL set to a PostgreSQL server it
creates (and empties) its own database there, impact_socials_bench_snapshot
(bench/databases.py). BENCH_SIZE offerings (default 10,000) and 50 needs are bulk-inserted
(not timed). Timed: ``build_match_index`` from nothing (the worker's first build), then in a
new Python process, as a web worker after it starts (previews only load, as in a large
directory): loading the snapshot, and previews of the stored needs once it is loaded.
Then, as a worker that adopted the snapshot and syncs it: one offering changed
(`OfferingIndex.upsert`, kept beside the stored arrays: matching.core.changes), the first
match of a need after it (which builds the changed rows' arrays and rescales the stored
ones) and the next, and what every change cost before: reading every stored analysis back
and rebuilding the arrays whole (``arrays()``, as storing it does).
Ends with one line:
`offerings=… build_s=… snapshot_mb=… load_s=… preview_ms=… rss_mb=… upsert_ms=…
first_match_after_ms=… match_after_ms=… own_mb_after=… rebuild_s=…` (rss_mb: the fresh
process's resident memory after loading, and its growth in brackets on the line above;
own_mb_after: the growth of its own memory, mapped files aside, from the change and the
matches after it).
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LOADING = len(sys.argv) > 1 and sys.argv[1] == "--load"
if not LOADING:
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        from bench.databases import own_database

        own_database("impact_socials_bench_snapshot")
    else:
        os.environ["DATABASE_URL"] = (
            f"sqlite:///{tempfile.mkdtemp()}/snapshot_bench.sqlite3"  # its own file
        )
    os.environ["MATCH_INDEX_DIR"] = tempfile.mkdtemp(prefix="match-index-")
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
else:
    # As a web worker: tasks go to a broker (here nowhere), previews only load snapshots.
    os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
    os.environ["MATCH_INDEX_IN_PROCESS_MAX"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impact_socials.dev_settings")

import django  # noqa: E402

django.setup()

SIZE = int(os.environ.get("BENCH_SIZE", "10000"))


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory; ``RssAnon``: the process's own, without mapped files' pages (which
    the page cache shares between processes)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    return 0.0


def load_and_preview() -> None:
    """In a fresh process: load the newest snapshot, then preview every stored need."""
    from directory.listings.models import Need
    from matching import snapshots
    from matching.profiles import need_profiles, needs_for_matching
    from matching.services import preview_matches

    needs = need_profiles(list(needs_for_matching(Need.objects.all())))
    before = rss_mb()
    started = time.perf_counter()
    snapshot = snapshots.load(snapshots.newest_version())
    load = time.perf_counter() - started
    assert snapshot is not None and len(snapshot.index) == SIZE
    del snapshot
    started = time.perf_counter()
    first = preview_matches(needs[0])  # loads it again, as the process's own
    cold = time.perf_counter() - started
    assert not first.warming_up
    times = []
    for need in needs:
        started = time.perf_counter()
        preview_matches(need)
        times.append(time.perf_counter() - started)
    after = rss_mb()
    print(
        f"fresh process: load {load:.2f} s, first preview (load + score) {cold:.2f} s, "
        f"preview median {statistics.median(times) * 1000:.0f} ms, "
        f"RSS {after:.0f} MB (+{after - before:.0f} MB)"
    )
    changed = change_one(needs)
    print(
        f"LOADED load_s={load:.2f} preview_ms={statistics.median(times) * 1000:.0f} "
        f"rss_mb={after:.0f} {changed}"
    )


def change_one(needs) -> str:
    """As a worker that adopted the snapshot: one offering changed, then matches."""
    from dataclasses import replace

    from directory.listings.models import Offering
    from matching import snapshots
    from matching.profiles import offering_profile, offerings_for_matching

    index = snapshots.load(snapshots.newest_version(), versions=True).index
    index.match_need(needs[0])
    own = rss_mb("RssAnon")
    middle = Offering.objects.order_by("pk").values_list("pk", flat=True)[SIZE // 2]
    profile = offering_profile(offerings_for_matching(Offering.objects.filter(pk=middle)).get())
    profile = replace(profile, text=profile.text + " a sentence never written before")
    started = time.perf_counter()
    index.upsert(profile)
    upsert = time.perf_counter() - started
    started = time.perf_counter()
    index.match_need(needs[0])
    first = time.perf_counter() - started
    times = []
    for need in needs[1:]:
        started = time.perf_counter()
        index.match_need(need)
        times.append(time.perf_counter() - started)
    changed_rss, grown = rss_mb(), rss_mb("RssAnon") - own
    started = time.perf_counter()
    index.arrays()
    rebuild = time.perf_counter() - started
    print(
        f"one offering changed: upsert {upsert * 1000:.1f} ms, first match after "
        f"{first * 1000:.0f} ms, then {statistics.median(times) * 1000:.0f} ms median, "
        f"RSS {changed_rss:.0f} MB, its own memory +{grown:.0f} MB; "
        f"a whole rebuild (every change, before) {rebuild:.1f} s"
    )
    return (
        f"upsert_ms={upsert * 1000:.1f} first_match_after_ms={first * 1000:.0f} "
        f"match_after_ms={statistics.median(times) * 1000:.0f} own_mb_after={grown:.0f} "
        f"rebuild_s={rebuild:.1f}"
    )


def main() -> None:
    from django.core.management import call_command
    from django.db import connection

    from bench.fake_listings import insert_listings
    from matching import snapshots
    from matching.services import build_snapshot

    call_command("migrate", verbosity=0)
    insert_listings(random.Random(7), offerings=SIZE, needs=50, with_standards=True)
    print(f"database: {connection.vendor}; {SIZE} offerings")
    started = time.perf_counter()
    path = build_snapshot()
    build = time.perf_counter() - started
    size = snapshots.size_of(path) / 2**20
    print(f"built and stored in {build:.1f} s: {path} ({size:.1f} MB)")
    connection.close()
    child = subprocess.run(
        [sys.executable, __file__, "--load"],
        capture_output=True,
        text=True,
        env=os.environ,
        check=True,
    )
    lines = child.stdout.strip().splitlines()
    print(*lines[:-1], sep="\n")
    measured = lines[-1].removeprefix("LOADED ")
    print(f"offerings={SIZE} build_s={build:.1f} snapshot_mb={size:.1f} {measured}")


if __name__ == "__main__":
    load_and_preview() if LOADING else main()
