"""A Celery worker's pool process is killed with SIGKILL in the middle of a re-match.

Settings ask for late acknowledgement and rejection on a lost worker, so the message goes back
to Redis and a worker runs it again. The test holds a lock on the match table so the task is
provably mid-way (blocked inside its transaction) when the process dies; a real worker runs as
a subprocess against the committed test database.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Count

from impact_socials.celery import app as celery_app
from matching.models import Match
from matching.services import rematch_needs
from matching.tasks import rematch_need_chunk
from tests.factories import NeedFactory, OfferingFactory
from tests.worker import needs_real_worker, wait_for

pytestmark = needs_real_worker
ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database (not the configured one) as a URL for the worker subprocess."""
    db = connection.settings_dict
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{quote(db['USER'])}{password}@{host}{port}/{db['NAME']}"


def start_worker() -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_VISIBILITY_TIMEOUT": "5",  # Redis also restores it if the requeue is lost.
    }
    command = [sys.executable, "-m", "celery", "-A", "impact_socials", "worker"]
    return subprocess.Popen(
        [*command, "-P", "prefork", "-c", "1", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def pool_children(worker: subprocess.Popen) -> list[int]:
    listing = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(worker.pid)], capture_output=True, text=True
    )
    return [int(pid) for pid in listing.stdout.split()]


def blocked_on_lock(admin: psycopg.Connection) -> bool:
    """True once some session of the test database waits for our lock: the task is mid-way."""
    return bool(
        admin.execute(
            "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
        ).fetchone()
    )


def stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=20)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()


def test_a_task_killed_mid_way_is_redelivered_and_stores_each_match_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: a worker subprocess cannot see SQLite's test database")
    for _ in range(3):
        OfferingFactory()
    need_ids = [NeedFactory().pk for _ in range(10)]
    Match.objects.all().delete()
    celery_app.control.purge()  # Drop the re-matches the saves above enqueued.

    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        lock = psycopg.connect(**params)
        lock.execute(f"LOCK TABLE {Match._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        worker = start_worker()
        try:
            rematch_need_chunk.delay(need_ids)
            assert wait_for(lambda: blocked_on_lock(admin), 120), "the task never started"
            children = pool_children(worker)
            assert children, "no pool process to kill"
            for pid in children:
                os.kill(pid, signal.SIGKILL)
            lock.rollback()  # Release the table so the redelivered task can finish.
            lock.close()
            assert wait_for(
                lambda: Match.objects.values("need").distinct().count() == len(need_ids), 120
            ), "the killed task was not redelivered"
        finally:
            lock.close()
            stop(worker)

    stored = set(Match.objects.values_list("need_id", "offering_id"))
    duplicates = Match.objects.values("need", "offering").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()
    rematch_needs(need_ids)  # Re-running in-process must change nothing: nothing was lost.
    assert set(Match.objects.values_list("need_id", "offering_id")) == stored
