"""Scale: 100,000 offerings and 50,000 needs on PostgreSQL, gunicorn as production runs it.

Run from the repository root (PostgreSQL and Redis on this machine; started if down, as
.ci/run does):

    .venv/bin/python bench/scale.py

DATABASE_URL names the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
the bench creates (and empties) its own databases there, impact_socials_bench_scale and
impact_socials_bench_scale_10k. REDIS_URL (default redis://127.0.0.1:6379/13) is the cache.
SCALE_OFFERINGS (100000) and SCALE_NEEDS (50000) set the size, e.g. SCALE_OFFERINGS=10000
SCALE_NEEDS=5000 for a quick run; SCALE_REUSE=1 keeps the listings of a previous run (and
MATCH_INDEX_DIR=<its folder> its stored index: the build then syncs only what changed).

In a child process per database: bulk-insert the listings (bench/fake_listings.py, not
timed), build the match index with ``manage.py build_match_index`` (timed), start gunicorn
(DEBUG=0, production's 30 s timeout, BENCH_WORKERS workers) and at once send 20 concurrent
match previews (POST /api/match-preview/), as the workers come up (cold); then the RSS, PSS
and USS of each worker (/proc/<pid>/smaps_rollup: the mapped index is shared, PSS counts a
shared page once across the workers); then BENCH_SECONDS (10) per target with BENCH_CLIENTS
clients of the rendered offering list (signed in, so rendered for the person; its addresses
from bench/serving.py) and an offering page, each p50 against a minimal Django view; and the
save of one offering with its re-match, as the Celery task runs it (eagerly, in a process
that holds the index already; the debounced rebuild it asks for is a task of its own).
The 10,000-offering database measures only the list. Last line:

`cold_preview_max_s=… concurrent_preview_errors=… rss_per_worker_mb=… offering_save_s=…
list_rendered_ratio_100k=… list_rendered_ratio_10k=… detail_ratio_100k=…`
"""

import concurrent.futures
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/13")
os.environ.setdefault("BENCH_SECONDS", "10")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impact_socials.dev_settings")
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "1"

from bench.serving import Target, drive, free_port, request, start_gunicorn  # noqa: E402

OFFERINGS = int(os.environ.get("SCALE_OFFERINGS", "100000"))
NEEDS = int(os.environ.get("SCALE_NEEDS", "50000"))
SMALL = 10_000
COLD_PREVIEWS = 20
PREVIEW = {
    "title": "Case management for our outreach workers",
    "description": "We need a case management tool with offline mobile data collection.",
}


def ensure_services() -> None:
    """PostgreSQL and Redis on this machine, started if down (as .ci/run does)."""
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode:
        version = sorted(os.listdir("/etc/postgresql"))[-1]
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"])
    ping = ["redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"]
    if subprocess.run(ping, capture_output=True).returncode:
        subprocess.run(
            ["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379"]
            + ["--save", "", "--appendonly", "no"]
        )
    for _ in range(30):
        ready = subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"]).returncode == 0
        if ready and subprocess.run(ping, capture_output=True).returncode == 0:
            return
        time.sleep(1)
    sys.exit("PostgreSQL or Redis did not start")


def memory_of(pid: int) -> dict[str, float]:
    """RSS, PSS and USS (private clean + dirty) in MB, from /proc/<pid>/smaps_rollup."""
    fields = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                fields[parts[0].rstrip(":")] = int(parts[1]) / 1024
    uss = fields.get("Private_Clean", 0.0) + fields.get("Private_Dirty", 0.0)
    return {"rss": fields.get("Rss", 0.0), "pss": fields.get("Pss", 0.0), "uss": uss}


def workers_of(master: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{master}/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    return children


def cold_previews(port: int, body: bytes) -> tuple[float, int]:
    """COLD_PREVIEWS previews at once; the slowest's seconds and how many were not 200."""

    def one(_n: int) -> tuple[float, int]:
        started = time.perf_counter()
        try:
            status = request(port, "POST", "/api/match-preview/", body, timeout=60)[0]
        except OSError:
            status = 0
        return time.perf_counter() - started, status

    with concurrent.futures.ThreadPoolExecutor(COLD_PREVIEWS) as pool:
        answers = list(pool.map(one, range(COLD_PREVIEWS)))
    return max(s for s, _ in answers), sum(status != 200 for _, status in answers)


def offering_save_seconds() -> tuple[float, float]:
    """Saving an offering and its re-match (matching.tasks.refresh_listing) as the eager task
    runs it: the first in this process (it adopts the stored index), then the next."""
    from django.core.cache import cache
    from django.db.models.signals import post_save

    from directory.listings.models import Offering
    from matching import services
    from matching.signals import rematch_saved_offering

    uid = "rematch_saved_offering"
    post_save.connect(rematch_saved_offering, sender=Offering, dispatch_uid=uid)
    cache.set(services.SCHEDULED, time.time(), 600)  # the debounced rebuild: queued already
    times = []
    for n, offering in enumerate(Offering.objects.order_by("pk")[:2]):
        offering.summary = f"{offering.summary} case management reminders {n}"
        started = time.perf_counter()
        offering.save()
        times.append(time.perf_counter() - started)
    return times[0], times[1]


def measure(full: bool) -> dict:
    """In the child process: everything measured against its own database."""
    from django.core.management import call_command

    from bench.serving import list_urls, signed_in_cookie

    figures = {}
    if full:
        started = time.perf_counter()
        call_command("build_match_index", verbosity=0)
        figures["build_s"] = time.perf_counter() - started
    port = free_port()
    server = start_gunicorn(port, GUNICORN_TIMEOUT="30")
    try:
        if full:
            body = json.dumps(PREVIEW).encode()
            figures["cold_preview_max_s"], figures["errors"] = cold_previews(port, body)
            workers = [memory_of(pid) for pid in workers_of(server.pid)]
            figures["workers"] = workers
        cookie = signed_in_cookie()
        offering_lists = [url for url in list_urls() if url.startswith("/offerings/")]
        targets = [
            Target("minimal", "GET", ["/bench/minimal/"], port=port),
            Target("list", "GET", offering_lists, port=port, cookie=cookie),
        ]
        if full:
            targets.append(Target("detail", "GET", ["/offerings/offering-1/"], port=port))
        for target in targets:
            figures[target.name] = statistics.median(drive(target).latencies)
    finally:
        server.terminate()
        server.wait(timeout=30)
    if full:
        figures["save_first_s"], figures["save_s"] = offering_save_seconds()
    return figures


def child(database: str, offerings: int, needs: int, full: bool) -> None:
    from bench.databases import own_database

    own_database(database, keep=bool(os.environ.get("SCALE_REUSE")))
    import django

    django.setup()
    from bench.serving import load_data

    load_data(offerings, needs, reuse=bool(os.environ.get("SCALE_REUSE")))
    print("FIGURES " + json.dumps(measure(full)))


def run(database: str, offerings: int, needs: int, full: bool) -> dict:
    arguments = [sys.executable, __file__, "--child", database, str(offerings), str(needs)]
    done = subprocess.run([*arguments, str(int(full))], capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    print(*[line for line in lines if not line.startswith("FIGURES ")], sep="\n")
    if done.returncode or not lines or not lines[-1].startswith("FIGURES "):
        print(done.stderr[-3000:])
        sys.exit(f"the {offerings}-offering run failed")
    return json.loads(lines[-1].removeprefix("FIGURES "))


def main() -> None:
    ensure_services()
    os.environ.setdefault("MATCH_INDEX_DIR", tempfile.mkdtemp(prefix="match-index-scale-"))
    big = run("impact_socials_bench_scale", OFFERINGS, NEEDS, full=True)
    small = big
    if OFFERINGS != SMALL:
        small = run("impact_socials_bench_scale_10k", SMALL, min(NEEDS, 5000), full=False)
    workers = big["workers"]
    print(f"{OFFERINGS} offerings, {NEEDS} needs; build_match_index {big['build_s']:.1f} s")
    for n, worker in enumerate(workers):
        print(
            f"worker {n}: RSS {worker['rss']:.0f} MB, PSS {worker['pss']:.0f} MB, "
            f"USS {worker['uss']:.0f} MB"
        )
    print(
        f"minimal p50 {big['minimal'] * 1000:.1f} ms; signed-in list p50 "
        f"{big['list'] * 1000:.1f} ms; offering page p50 {big['detail'] * 1000:.1f} ms; "
        f"at {SMALL}: minimal {small['minimal'] * 1000:.1f} ms, list {small['list'] * 1000:.1f} ms"
    )
    print(f"offering save, first in a fresh worker process: {big['save_first_s']:.2f} s")
    rss = max(worker["rss"] for worker in workers)
    pss = max(worker["pss"] for worker in workers)
    uss = max(worker["uss"] for worker in workers)
    print(f"pss_per_worker_mb={pss:.0f} uss_per_worker_mb={uss:.0f}")
    print(
        f"cold_preview_max_s={big['cold_preview_max_s']:.2f} "
        f"concurrent_preview_errors={big['errors']} rss_per_worker_mb={rss:.0f} "
        f"offering_save_s={big['save_s']:.2f} "
        f"list_rendered_ratio_100k={big['list'] / big['minimal']:.1f} "
        f"list_rendered_ratio_10k={small['list'] / small['minimal']:.1f} "
        f"detail_ratio_100k={big['detail'] / big['minimal']:.1f}"
    )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5] == "1")
    else:
        main()
