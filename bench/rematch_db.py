"""Full re-match through the Django layer: load listings, score, keep top K, store Match rows.

Run from the repository root against PostgreSQL (the production engine):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/rematch_bench python bench/rematch_db.py

With no DATABASE_URL it uses a temporary SQLite file. The database is emptied of listings
first, then 10,000 offerings and 10,000 needs are bulk-inserted (not timed). Timed:
building a worker's offering index (once per process), a full re-match in one process that
inserts every match, the same again overwriting them, and the nightly case: two worker
processes (as two Celery workers on 2 cores, forked with the index built) sharing the
needs. Ends with one line:
`build_index_s=… one_worker_insert_s=… one_worker_overwrite_s=… two_workers_s=… stored=…`.
"""

import multiprocessing
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.mkdtemp()}/rematch_bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impact_socials.dev_settings")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.fake_listings import insert_listings  # noqa: E402
from directory.listings.models import (  # noqa: E402
    Need,
    Offering,
)
from matching.models import Match  # noqa: E402
from matching.services import index_cache, rematch_needs  # noqa: E402
from matching.signals import rematch_saved_need, rematch_saved_offering  # noqa: E402

SIZE = int(os.environ.get("BENCH_SIZE", "10000"))


def timed_rematch() -> tuple[float, int]:
    need_ids = list(Need.objects.values_list("pk", flat=True))
    started = time.perf_counter()
    stored = rematch_needs(need_ids)
    return time.perf_counter() - started, stored


def rematch_half(half: list[int]) -> int:
    connection.close()  # A forked child must not share the parent's connection.
    return rematch_needs(half)


def timed_two_workers() -> float:
    """Two forked processes each re-match half the needs, as two Celery workers would."""
    need_ids = list(Need.objects.order_by("pk").values_list("pk", flat=True))
    halves = [need_ids[: len(need_ids) // 2], need_ids[len(need_ids) // 2 :]]
    connection.close()
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(rematch_half, halves)
    return time.perf_counter() - started


def main() -> None:
    call_command("migrate", verbosity=0)
    # Bulk inserts send no signals; disconnecting keeps the set-up free of re-match work anyway.
    from django.db.models.signals import post_save

    post_save.disconnect(rematch_saved_need, sender=Need, dispatch_uid="rematch_saved_need")
    post_save.disconnect(
        rematch_saved_offering, sender=Offering, dispatch_uid="rematch_saved_offering"
    )
    insert_listings(
        random.Random(7), offerings=SIZE, needs=SIZE, with_standards=True, need_systems=True
    )
    print(f"database: {connection.vendor}; {SIZE} needs × {SIZE} offerings")
    started = time.perf_counter()
    index_cache.current()
    build = time.perf_counter() - started
    print(f"offering index built in {build:.1f} s (once per worker process)")
    first, stored = timed_rematch()
    print(f"full re-match, one worker, inserting: {first:.1f} s, {stored} matches stored")
    second, stored = timed_rematch()
    print(f"full re-match, one worker, overwriting: {second:.1f} s")
    Match.objects.all().delete()
    two = timed_two_workers()
    print(f"full re-match, two workers sharing the needs, inserting: {two:.1f} s")
    print(
        f"build_index_s={build:.1f} one_worker_insert_s={first:.1f} "
        f"one_worker_overwrite_s={second:.1f} two_workers_s={two:.1f} stored={stored}"
    )


if __name__ == "__main__":
    main()
