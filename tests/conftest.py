import pytest
from celery.contrib.testing.worker import start_worker
from django.core.cache import cache, caches
from django.utils import translation

from impact_socials.celery import app as celery_app
from matching.need_side import need_side
from matching.services import index_cache


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, request, tmp_path):
    """Fast password hashing, a fresh offering index and no stored one, no rate-limit
    counters carried over, tasks run in-process unless the test runs a real worker, and no
    language left active by a request (a request in Hindi leaves Hindi on in this thread)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MATCH_INDEX_DIR = tmp_path / "match-index"
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = request.node.get_closest_marker("worker") is None
    cache.clear()
    caches["page_frames"].clear()
    caches["process_fragments"].clear()
    caches["process_pieces"].clear()
    index_cache.clear()
    need_side.clear()
    yield
    celery_app.conf.task_always_eager = eager
    cache.clear()
    translation.deactivate()


@pytest.fixture
def worker():
    """A real Celery worker in a thread, consuming from Redis (see tests/worker.py)."""
    celery_app.control.purge()
    with start_worker(
        celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=30
    ) as running:
        yield running
