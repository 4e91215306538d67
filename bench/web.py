"""Web latency under load: gunicorn + PostgreSQL with 10,000 offerings and 50,000 needs.

Run from the repository root against PostgreSQL and Redis, as production runs:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
    REDIS_URL=redis://127.0.0.1:6379/12 python bench/web.py

It creates its own database, impact_socials_bench_web, on the server DATABASE_URL names
(bench/databases.py), migrates it and bulk-inserts BENCH_OFFERINGS offerings and BENCH_NEEDS
needs (not timed; BENCH_REUSE=1 keeps the database and listings of a previous run).
gunicorn then serves the app with DEBUG=0 on a free loopback port, and a small thread-pool
client drives the targets in turn for BENCH_SECONDS each with BENCH_CLIENTS concurrent
clients, without cookies (a signed-out visitor):

- minimal: a bare Django view on the same stack (/bench/minimal/), the yardstick;
- list: the offering and need lists, cycling through list_urls() (59 different filter
  combinations: category, country, pricing, price, keyword, sort, page). Signed-out visitors
  may be served a list page stored in Redis (directory/listings/page_cache.py); apart from the first
  address (the warm-up's) nothing is stored before timing starts, so every other address is
  rendered once while timed;
- list-nocache: the same addresses from a second gunicorn with the page cache off
  (LIST_PAGE_CACHE_SECONDS=0): what every request costs when it renders the whole page;
- list-signed-in: the same addresses as a signed-in provider's member (a session cookie):
  each page is that person's, its filter form and results shared between signed-in people
  (``shared_fragment`` in directory/listings/page_cache.py), the page around them kept for
  the person (directory/listings/page_frame.py);
- detail: an offering page, as a signed-out visitor sees it (its content shared between
  readers, directory/listings/views/browse.py); preview: POST /api/match-preview/.

Prints requests/s and p50/p95/p99 per target, each p50 as a multiple of the bare view's, the
share of list pages served from the cache and each list's p50, and ends with one line:
`list_p50_ms=… minimal_p50_ms=… ratio=… errors=…`, then the last line:
`list_nocache_p50_ms=… ratio=… list_signed_in_p50_ms=… signed_in_ratio=…
list_rendered_ratio=… detail_ratio=…`. list_rendered_ratio is the signed-in list's p50 over
the bare view's (the page rendered for each reader: the issue's target is ≤ 3 at 10,000
offerings), detail_ratio the offering page's. BENCH_DATABASE names another database than
impact_socials_bench_web (two runs side by side on one server).
"""

import json
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impact_socials.dev_settings")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"

# The servers' key too (bench/serving.py): the signed-in session made here is valid there.
from bench.databases import own_database  # noqa: E402
from bench.serving import (  # noqa: E402
    CLIENTS,
    SECONDS,
    WORKERS,
    Target,
    drive,
    free_port,
    list_urls,
    load_data,
    signed_in_cookie,
    start_gunicorn,
)

# BENCH_DATABASE names another database, for two runs side by side on one server.
DATABASE = os.environ.get("BENCH_DATABASE", "impact_socials_bench_web")
own_database(DATABASE, keep=bool(os.environ.get("BENCH_REUSE")))
if not os.environ.get("REDIS_URL"):
    print("REDIS_URL is not set: each worker caches in its own memory, unlike production")

import django  # noqa: E402

django.setup()


from directory.listings.models import (  # noqa: E402
    Category,
)

OFFERINGS = int(os.environ.get("BENCH_OFFERINGS", "10000"))
NEEDS = int(os.environ.get("BENCH_NEEDS", "50000"))


def targets(port: int, uncached_port: int) -> list[Target]:
    category = Category.objects.order_by("pk").first()
    preview = {
        "title": "Case management for our outreach workers",
        "description": "We need a case management tool with offline mobile data collection.",
        "category": category.slug,
    }
    urls = list_urls()
    return [
        Target("minimal", "GET", ["/bench/minimal/"], port=port),
        Target("list", "GET", urls, port=port),
        Target("list-nocache", "GET", urls, port=uncached_port),
        Target("list-signed-in", "GET", urls, port=port, cookie=signed_in_cookie()),
        Target("detail", "GET", ["/offerings/offering-1/"], port=port),
        Target("preview", "POST", ["/api/match-preview/"], json.dumps(preview).encode(), port),
    ]


def main() -> None:
    load_data(OFFERINGS, NEEDS, reuse=bool(os.environ.get("BENCH_REUSE")))
    port, uncached_port = free_port(), free_port()
    servers = [start_gunicorn(port), start_gunicorn(uncached_port, LIST_PAGE_CACHE_SECONDS="0")]
    try:
        results = {target.name: drive(target) for target in targets(port, uncached_port)}
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    minimal = statistics.median(results["minimal"].latencies) * 1000
    print(f"{WORKERS} gunicorn workers, {CLIENTS} clients, {SECONDS:.0f} s per target")
    for r in results.values():
        p50 = statistics.median(r.latencies) * 1000
        print(
            f"{r.name:12} {len(r.latencies) / r.seconds:7.1f} req/s  p50 {p50:7.1f} ms  "
            f"p95 {r.pct(0.95):7.1f} ms  p99 {r.pct(0.99):7.1f} ms  "
            f"×minimal {p50 / minimal:5.1f}  errors {r.errors}"
        )
    lists = results["list"]
    print(
        f"list: {len(list_urls())} addresses; {lists.cache_hits} of {len(lists.latencies)} "
        f"requests ({lists.cache_hits / len(lists.latencies):.1%}) served from the page cache"
    )
    for name in ("list", "list-nocache", "list-signed-in"):
        medians = [
            f"{path} p50 {statistics.median(latencies) * 1000:.1f} ms"
            for path, latencies in sorted(results[name].by_list.items())
        ]
        print(f"{name}: " + ", ".join(medians))
    list_p50 = statistics.median(lists.latencies) * 1000
    uncached_p50 = statistics.median(results["list-nocache"].latencies) * 1000
    errors = sum(r.errors for r in results.values())
    print(
        f"list_p50_ms={list_p50:.1f} minimal_p50_ms={minimal:.1f} "
        f"ratio={list_p50 / minimal:.1f} errors={errors}"
    )
    signed_in_p50 = statistics.median(results["list-signed-in"].latencies) * 1000
    detail_p50 = statistics.median(results["detail"].latencies) * 1000
    print(
        f"list_nocache_p50_ms={uncached_p50:.1f} ratio={uncached_p50 / minimal:.1f} "
        f"list_signed_in_p50_ms={signed_in_p50:.1f} signed_in_ratio={signed_in_p50 / minimal:.1f} "
        f"list_rendered_ratio={signed_in_p50 / minimal:.1f} detail_ratio={detail_p50 / minimal:.1f}"
    )


if __name__ == "__main__":
    main()
