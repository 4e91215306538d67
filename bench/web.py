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
  each page is rendered for that person, its filter form and results shared between
  signed-in people (``shared_fragment`` in directory/listings/page_cache.py);
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

import http.client
import itertools
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impact_socials.dev_settings")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"
# The servers' key too: the signed-in session made here must be valid there.
os.environ["SECRET_KEY"] = SECRET_KEY = "bench-only-" + "x" * 50

from bench.databases import own_database  # noqa: E402

# BENCH_DATABASE names another database, for two runs side by side on one server.
DATABASE = os.environ.get("BENCH_DATABASE", "impact_socials_bench_web")
own_database(DATABASE, keep=bool(os.environ.get("BENCH_REUSE")))
if not os.environ.get("REDIS_URL"):
    print("REDIS_URL is not set: each worker caches in its own memory, unlike production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models.signals import post_save  # noqa: E402
from django.test import Client  # noqa: E402

from bench.fake_listings import insert_listings  # noqa: E402
from directory.listings.models import (  # noqa: E402
    Category,
    Membership,
    Need,
    Offering,
    Organisation,
)
from directory.listings.search import refresh_search_vectors  # noqa: E402
from matching.signals import rematch_saved_need, rematch_saved_offering  # noqa: E402

User = get_user_model()
OFFERINGS = int(os.environ.get("BENCH_OFFERINGS", "10000"))
NEEDS = int(os.environ.get("BENCH_NEEDS", "50000"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
COUNTRIES = ["KE", "UG", "NG", "IN", "BD", "GB", "US", "TZ", "GH", "ZA"]


def load_data() -> None:
    call_command("migrate", verbosity=0)
    # Bulk inserts send no signals; disconnecting keeps the set-up free of re-match work anyway.
    post_save.disconnect(rematch_saved_need, sender=Need, dispatch_uid="rematch_saved_need")
    post_save.disconnect(
        rematch_saved_offering, sender=Offering, dispatch_uid="rematch_saved_offering"
    )
    if os.environ.get("BENCH_REUSE") and Offering.objects.count() == OFFERINGS:
        return  # Re-running against the listings a previous run loaded.
    started = time.perf_counter()
    insert_listings(random.Random(7), offerings=OFFERINGS, needs=NEEDS, countries=COUNTRIES)
    refresh_search_vectors(Offering.objects.all())
    refresh_search_vectors(Need.objects.all())
    print(f"loaded {OFFERINGS} offerings, {NEEDS} needs in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        # Fresh statistics and flushed GIN pending lists, as autovacuum gives a live database
        # (right after the bulk update of search vectors, the planner shuns the GIN indexes).
        cursor.execute("VACUUM ANALYZE")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, **settings: str) -> subprocess.Popen:
    """gunicorn as production runs it, but DEBUG=0 over plain HTTP on loopback."""
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": SECRET_KEY,
        "STATIC_MANIFEST": "0",
        "API_ANON_RATE": "1000000/second",
        "API_USER_RATE": "1000000/second",  # DRF's user throttle counts anonymous callers too
        "BENCH_MINIMAL_VIEW": "1",
        "LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(WORKERS),
        "GUNICORN_TIMEOUT": "300",  # The first match preview builds the worker's index.
        **settings,
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "impact_socials.wsgi", "--config", "gunicorn.conf.py"],
        cwd=ROOT,
        env={**env, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/bench/minimal/", None)[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not answer within 30 s")


def request(
    port: int, method: str, path: str, body: bytes | None, timeout: float = 30, cookie: str = ""
) -> tuple[int, str]:
    """Sends one request (with ``cookie`` if given); returns the status and the X-Page-Cache
    header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        if cookie:
            headers["Cookie"] = cookie
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("X-Page-Cache", "")
    finally:
        conn.close()


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    cache_hits: int = 0
    by_list: dict[str, list[float]] = field(default_factory=dict)

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else 0.0


@dataclass
class Target:
    name: str
    method: str
    paths: list[str]
    body: bytes | None = None
    port: int = 0
    cookie: str = ""


def drive(target: Target) -> Result:
    """CLIENTS threads send requests back to back for SECONDS, taking the target's addresses in
    turn; each records its latencies."""
    result = Result(target.name)
    lock = threading.Lock()
    port, method, body, cookie = target.port, target.method, target.body, target.cookie
    warm_up = [
        # Building a worker's match index takes a while when four build at once on two cores.
        threading.Thread(target=request, args=(port, method, target.paths[0], body, 300, cookie))
        for _ in range(WORKERS)
    ]
    for thread in warm_up:  # Each worker builds its caches (the match index) before timing.
        thread.start()
    for thread in warm_up:
        thread.join()
    paths = itertools.cycle(target.paths)
    stop_at = time.monotonic() + SECONDS

    def client() -> None:
        mine, errors, hits = [], 0, 0
        while time.monotonic() < stop_at:
            with lock:
                path = next(paths)
            started = time.perf_counter()
            try:
                status, cached = request(port, method, path, body, cookie=cookie)
            except OSError:
                status, cached = 0, ""
            mine.append((path, time.perf_counter() - started))
            errors += status != 200
            hits += cached == "hit"
        with lock:
            for path, latency in mine:
                result.latencies.append(latency)
                result.by_list.setdefault(path.split("?")[0], []).append(latency)
            result.errors += errors
            result.cache_hits += hits

    started = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.monotonic() - started
    return result


def list_urls() -> list[str]:
    """59 addresses a visitor might ask for: each list by category, country, pricing and price,
    keyword, sort order and page, alone and combined."""
    slugs = list(Category.objects.order_by("pk").values_list("slug", flat=True))
    offerings = [f"/offerings/?category={slug}" for slug in slugs]  # 18
    offerings += [
        f"/offerings/?category={slugs[n]}&pricing={pricing}&max_price={price}"
        for n, (pricing, price) in enumerate(
            [("paid", 100), ("freemium", 50), ("nonprofit_discount", 100)] * 2
        )
    ]
    offerings += [
        f"/offerings/?region={code}&category={slugs[n + 3]}" for n, code in enumerate(COUNTRIES[:6])
    ]
    offerings += [
        f"/offerings/?q={words}"
        for words in [
            "donor+database",
            "offline+surveys",
            "case+management",
            "sms+reminders",
            "accounting",
            "volunteer+scheduling",
        ]
    ]
    offerings += [f"/offerings/?page={n}" for n in range(2, 5)]
    offerings += [f"/offerings/?category={slugs[0]}&page=2", "/offerings/?sort=price"]
    offerings += ["/offerings/?sort=newest&pricing=free_open_source"]
    needs = [f"/needs/?category={slug}" for slug in slugs[:6]]
    needs += [f"/needs/?country={code}" for code in COUNTRIES[:4]]
    needs += [f"/needs/?min_budget=50&category={slugs[7]}", "/needs/?max_budget=0"]
    needs += ["/needs/?q=patient+records", "/needs/?q=mobile+money", "/needs/?q=website"]
    needs += ["/needs/?page=2", "/needs/?sort=budget&country=KE"]
    # Interleaved, so the two lists take turns as the addresses cycle.
    return [url for pair in itertools.zip_longest(offerings, needs) for url in pair if url]


def signed_in_cookie() -> str:
    """A session cookie of a tech provider's member (who also sees providers-only needs)."""
    user, _ = User.objects.get_or_create(
        username="bench-provider", defaults={"email": "bench-provider@example.org"}
    )
    organisation = Organisation.objects.filter(kind=Organisation.Kind.PROVIDER).first()
    Membership.objects.get_or_create(user=user, organisation=organisation)
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


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
    load_data()
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
