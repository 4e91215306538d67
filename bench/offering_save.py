"""Saving one offering with many needs stored: the save and its re-match as the Celery task
runs it, with the worker already warm, and the memory it takes on top.

Run from the repository root:

    .venv/bin/python bench/offering_save.py

On a temporary SQLite file by default; with DATABASE_URL set to a PostgreSQL server it
creates (and empties) its own database there, impact_socials_bench_offering_save
(bench/databases.py). BENCH_NEEDS needs (default 50,000) and BENCH_OFFERINGS offerings
(default 2,000) are bulk-inserted and matched in full (not timed), as the nightly re-match
leaves them. Then, as a worker does after its first job, the process holds the offering
index and every need's analysis (matching/need_side.py): one offering save warms it (not
timed). Timed, each a save in its transaction followed by the task the save queues
(``refresh_listing``: embed the text if the model is installed, re-match): a new offering,
and an edit of an offering that holds matches (new text and price). Memory: the peak of
what Python and NumPy allocate during the timed save (tracemalloc, a second run of each
save, as tracing slows it) and the growth of the peak resident size.
Ends with one line: `offering_save_s=… extra_mib=… pairs_written=…` (the slower of the two
saves, the larger extra, the rows the two wrote).
"""

import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    from bench.databases import own_database

    own_database("impact_socials_bench_offering_save")
else:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/offering_save.sqlite3"
os.environ["MATCH_INDEX_DIR"] = tempfile.mkdtemp(prefix="match-index-")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impact_socials.dev_settings")
NEEDS = int(os.environ.get("BENCH_NEEDS", "50000"))
OFFERINGS = int(os.environ.get("BENCH_OFFERINGS", "2000"))
# Previews in this process build their own index, so no snapshot build runs in the timing.
os.environ["MATCH_INDEX_IN_PROCESS_MAX"] = str(max(OFFERINGS + 10, 2000))

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402

from bench.fake_listings import insert_listings, text  # noqa: E402
from directory.listings.models import Category, Need, Offering  # noqa: E402
from matching.models import Match  # noqa: E402
from matching.services import rematch_needs  # noqa: E402
from matching.signals import rematch_saved_need, rematch_saved_offering  # noqa: E402
from matching.tasks import refresh_listing  # noqa: E402

MIB = 2**20


def resident() -> dict[str, float]:
    """VmRSS and VmHWM (the peak) of this process, in MiB."""
    sizes = {}
    with open("/proc/self/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                sizes[name] = int(value.split()[0]) / 1024
    return sizes


def reset_peak() -> bool:
    """Start VmHWM again from the resident size now (Linux: clear_refs 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def save_and_rematch(offering: Offering) -> int:
    """The save in its transaction, then the task it queues, as a worker runs it."""
    with transaction.atomic():
        offering.save()
    return refresh_listing.apply(args=["offering", offering.pk]).get()


def new_offering(rng: random.Random, n: int) -> Offering:
    category = rng.choice(list(Category.objects.all()))
    template = Offering.objects.filter(categories=category).first()
    offering = Offering(
        organisation=template.organisation,
        name=f"Bench new offering {n}",
        slug=f"bench-new-offering-{n}",
        summary=text(rng, category.keyword_list(), 8),
        description=text(rng, category.keyword_list(), 60),
        pricing_model=Offering.Pricing.FREE,
        status=template.status,
        confirmed_at=template.confirmed_at,
    )
    # The first save gives it an id for its categories; the timed save is the one after.
    with transaction.atomic():
        offering.save()
        offering.categories.set([category])
    return offering


def edited_offering(rng: random.Random) -> Offering:
    """An offering holding many matches, with new text and price (saved by the caller)."""
    counts = Match.objects.values("offering_id").annotate(n=Count("id")).order_by("-n")
    busiest = counts.first()["offering_id"]
    offering = Offering.objects.get(pk=busiest)
    category = offering.categories.first()
    offering.description = text(rng, category.keyword_list(), 60)
    offering.nonprofit_price_monthly = rng.choice([0, 20, 80])
    return offering


def timed(change) -> tuple[float, float, float, int]:
    """(seconds, traced peak MiB, peak resident growth MiB, rows written) of saving the
    offering ``change()`` returns; the memory from a second such save, traced."""
    offering = change()
    started = time.perf_counter()
    written = save_and_rematch(offering)
    seconds = time.perf_counter() - started
    offering = change()
    tracemalloc.start()
    rss_before = resident()["VmRSS"]
    peak_reset = reset_peak()
    save_and_rematch(offering)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    grown = resident()["VmHWM"] - rss_before if peak_reset else float("nan")
    return seconds, traced / MIB, grown, written


def main() -> None:
    call_command("migrate", verbosity=0)
    # Set-up writes in bulk; the bench runs the task itself after each timed save.
    post_save.disconnect(rematch_saved_need, sender=Need, dispatch_uid="rematch_saved_need")
    post_save.disconnect(
        rematch_saved_offering, sender=Offering, dispatch_uid="rematch_saved_offering"
    )
    rng = random.Random(11)
    insert_listings(rng, offerings=OFFERINGS, needs=NEEDS, with_standards=True, need_systems=True)
    print(f"database: {connection.vendor}; {NEEDS} needs, {OFFERINGS} offerings")
    started = time.perf_counter()
    need_ids = list(Need.objects.order_by("pk").values_list("pk", flat=True))
    stored = sum(rematch_needs(need_ids[i : i + 5000]) for i in range(0, len(need_ids), 5000))
    print(f"full re-match (set-up): {time.perf_counter() - started:.1f} s, {stored} matches")
    before = resident()["VmRSS"]
    started = time.perf_counter()
    save_and_rematch(new_offering(rng, 0))  # the worker's first job warms it
    print(
        f"warm-up save (offering index and every need analysed): "
        f"{time.perf_counter() - started:.1f} s, resident +{resident()['VmRSS'] - before:.0f} MiB"
    )
    results = {}
    numbers = iter(range(1, 100))
    changes = {
        "new": lambda: new_offering(rng, next(numbers)),
        "edit": lambda: edited_offering(rng),
    }
    for kind, change in changes.items():
        results[kind] = seconds, traced, grown, written = timed(change)
        print(
            f"{kind} offering saved and re-matched: {seconds:.2f} s, {written} rows written, "
            f"peak traced {traced:.0f} MiB, peak resident +{grown:.0f} MiB"
        )
    slowest = max(seconds for seconds, *_ in results.values())
    extra = max(max(traced, grown) for _, traced, grown, _ in results.values())
    written = sum(written for *_, written in results.values())
    print(f"offering_save_s={slowest:.2f} extra_mib={extra:.0f} pairs_written={written}")


if __name__ == "__main__":
    main()
