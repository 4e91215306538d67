"""A real Celery worker, consuming from the real Redis, keeps matches current (CI's
PostgreSQL leg). The worker runs in a thread with its own database connection, hence
``transaction=True``: rows must really be committed for it to see them."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings

from impact_socials.celery import app
from matching.models import Match
from tests.factories import NeedFactory, OfferingFactory

pytestmark = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.REDIS_URL,
        reason="needs REDIS_URL: a real worker consumes from Redis (runs in CI's PostgreSQL leg)",
    ),
]


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def worker():
    app.control.purge()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as running:
        yield running


def test_a_real_worker_matches_a_saved_need_after_commit(worker):
    offering = OfferingFactory(
        name="FieldForms",
        summary="Offline survey forms on any phone.",
        description="Build survey forms, collect household data offline and sync later.",
    )
    need = NeedFactory(
        title="Collect household surveys offline",
        description="Volunteers fill in survey forms on phones in villages with no signal.",
    )
    assert wait_for(lambda: Match.objects.filter(need=need, offering=offering).exists())
