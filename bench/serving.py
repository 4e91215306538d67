"""What the web benches share (bench/web.py, bench/scale.py): gunicorn as production runs
it on a loopback port, a client that drives addresses with concurrent requests, the list
addresses a visitor might ask for and a signed-in session. Import it before Django is set up:
it sets the servers' SECRET_KEY, so a session made in the bench is valid in gunicorn.

BENCH_WORKERS gunicorn workers (4), BENCH_CLIENTS concurrent clients (4), BENCH_SECONDS
seconds per target (20).
"""

import http.client
import itertools
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["SECRET_KEY"] = SECRET_KEY = "bench-only-" + "x" * 50
SECONDS = float(os.environ.get("BENCH_SECONDS", "20"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "4"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "4"))
COUNTRIES = ["KE", "UG", "NG", "IN", "BD", "GB", "US", "TZ", "GH", "ZA"]


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
    from directory.listings.models import Category

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


def signed_in_cookie(kind: str = "provider") -> str:
    """A session cookie of a tech provider's member (who also sees providers-only needs), or
    of a member of an organisation of another ``kind``."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from directory.listings.models import Membership, Organisation

    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username=f"bench-{kind}", defaults={"email": f"bench-{kind}@example.org"}
    )
    organisation = Organisation.objects.filter(kind=kind).first()
    Membership.objects.get_or_create(user=user, organisation=organisation)
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def load_data(offerings: int, needs: int, reuse: bool = False) -> None:
    """Migrate, then bulk-insert the invented listings (bench/fake_listings.py) unless
    ``reuse`` and the database holds that many offerings already. After django.setup()."""
    import random

    from django.core.management import call_command
    from django.db import connection
    from django.db.models.signals import post_save

    from bench.fake_listings import insert_listings
    from directory.listings.models import Need, Offering
    from directory.listings.search import refresh_search_vectors
    from matching.signals import rematch_saved_need, rematch_saved_offering

    call_command("migrate", verbosity=0)
    # Bulk inserts send no signals; disconnecting keeps the set-up free of re-match work anyway.
    post_save.disconnect(rematch_saved_need, sender=Need, dispatch_uid="rematch_saved_need")
    post_save.disconnect(
        rematch_saved_offering, sender=Offering, dispatch_uid="rematch_saved_offering"
    )
    if reuse and Offering.objects.count() == offerings:
        return  # Re-running against the listings a previous run loaded.
    started = time.perf_counter()
    insert_listings(random.Random(7), offerings=offerings, needs=needs, countries=COUNTRIES)
    refresh_search_vectors(Offering.objects.all())
    refresh_search_vectors(Need.objects.all())
    print(f"loaded {offerings} offerings, {needs} needs in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        # Fresh statistics and flushed GIN pending lists, as autovacuum gives a live database
        # (right after the bulk update of search vectors, the planner shuns the GIN indexes).
        cursor.execute("VACUUM ANALYZE")
