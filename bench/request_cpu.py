"""CPU per request in one process: the bare view, the signed-in lists and the offering page.

Under load on a shared machine, latencies (bench/web.py) swing with what else runs; the CPU
time a request costs its own process does not. This drives Django's test client with the
production settings (DEBUG off, the Redis cache and session store) on the database a previous
``bench/web.py`` run left (BENCH_DATABASE, default impact_socials_bench_web), every address
read once before timing (so the lists' shared parts are hits, as most signed-in reads are);
each client keeps the cookies it is sent, as a browser does (the CSRF cookie):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/12 \
      BENCH_DATABASE=impact_socials_bench_web python bench/request_cpu.py

BENCH_ROUNDS rounds (5) of: the bare view 100 times, each list address of
bench/serving.list_urls() once as a signed-in provider's member, and the offering page of
bench/web.py 100 times signed out and 100 times as a nonprofit's member. Prints, per target,
CPU (``time.process_time``) and wall per request, its queries and Redis round trips, the CPU
as a multiple of the bare view's; the last line ``minimal_cpu_ms=… signed_in_cpu_ms=…
signed_in_cpu_ratio=… detail_cpu_ratio=…``. BENCH_PROFILE=signed-in (or another target's
name) prints that target's 40 costliest functions (cProfile counting CPU time, sorted by
BENCH_SORT, default cumulative) instead of timing.
"""

import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.update(
    DJANGO_SETTINGS_MODULE="impact_socials.settings",
    DEBUG="0",
    SECURE_SSL_REDIRECT="0",
    STATIC_MANIFEST="0",
    BENCH_MINIMAL_VIEW="1",
    LOG_LEVEL="WARNING",
)
from bench.databases import own_database  # noqa: E402
from bench.serving import list_urls, signed_in_cookie  # noqa: E402 - sets SECRET_KEY

own_database(os.environ.get("BENCH_DATABASE", "impact_socials_bench_web"), keep=True)

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
DETAIL = "/offerings/offering-1/"
round_trips = 0
send = redis.connection.AbstractConnection.send_packed_command


def counted_send(self, *args, **kwargs):
    global round_trips
    round_trips += 1
    return send(self, *args, **kwargs)


redis.connection.AbstractConnection.send_packed_command = counted_send


def targets() -> dict[str, tuple[Client, list[str]]]:
    signed_out = Client()
    browsers = {}
    for kind in ("provider", "nonprofit"):
        browsers[kind] = Client()
        name, value = signed_in_cookie(kind).split("=", 1)
        browsers[kind].cookies[name] = value
    return {
        "minimal": (signed_out, ["/bench/minimal/"] * 100),
        "signed-in": (browsers["provider"], list_urls()),
        "detail": (signed_out, [DETAIL] * 100),
        # The bench's offerings are all the provider's: its members get their own pages.
        "detail-nonprofit": (browsers["nonprofit"], [DETAIL] * 100),
    }


def run(client: Client, paths: list[str]) -> tuple[float, float, int, int]:
    """CPU and wall seconds, queries and Redis round trips for reading ``paths`` once each."""
    global round_trips
    round_trips = 0
    with CaptureQueriesContext(connection) as queries:
        cpu, wall = time.process_time(), time.perf_counter()
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return cpu, wall, len(queries), round_trips


def main() -> None:
    chosen = targets()
    for client, paths in chosen.values():
        run(client, sorted(set(paths)))  # every address read once: the shared parts stored
    profiled = os.environ.get("BENCH_PROFILE")
    if profiled:
        client, paths = chosen[profiled]
        profile = cProfile.Profile(time.process_time)
        profile.runcall(run, client, paths * ROUNDS)
        pstats.Stats(profile).sort_stats(os.environ.get("BENCH_SORT", "cumulative")).print_stats(40)
        return
    cpu_ms: dict[str, list[float]] = {name: [] for name in chosen}
    for _ in range(ROUNDS):
        for name, (client, paths) in chosen.items():
            cpu, wall, queries, trips = run(client, paths)
            cpu_ms[name].append(cpu * 1000 / len(paths))
            print(
                f"{name:17} CPU {cpu * 1000 / len(paths):6.2f} ms  wall "
                f"{wall * 1000 / len(paths):6.2f} ms  queries {queries / len(paths):4.2f}  "
                f"redis round trips {trips / len(paths):4.2f}"
            )
    median = {name: statistics.median(values) for name, values in cpu_ms.items()}
    for name, value in median.items():
        print(f"{name:17} median CPU {value:6.2f} ms: {value / median['minimal']:4.1f}× minimal")
    print(
        f"minimal_cpu_ms={median['minimal']:.2f} signed_in_cpu_ms={median['signed-in']:.2f} "
        f"signed_in_cpu_ratio={median['signed-in'] / median['minimal']:.1f} "
        f"detail_cpu_ratio={median['detail'] / median['minimal']:.1f} "
        f"load_average={os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
