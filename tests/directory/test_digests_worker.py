"""A real Celery worker, consuming from the real Redis, sends the digests (CI's PostgreSQL leg).

The worker runs in a thread of this process with its own database connection, hence
``transaction=True``; it shares the locmem outbox, so ``mail.outbox`` shows what it sent.
"""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.core import mail
from django.db.models.signals import post_save
from factory.django import mute_signals

from directory.models import Digest
from directory.tasks import send_due_digests
from impact_socials.celery import app
from tests.directory.digest_data import later, make_world

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


def test_a_triggered_run_delivers_each_digest_once_through_a_real_worker(worker):
    # The test stores its own match; a background re-match of these listings would race it.
    with mute_signals(post_save):
        world = make_world()
    run_at = later().isoformat()
    send_due_digests.delay(run_at)
    send_due_digests.delay(run_at)  # as a second beat process would

    assert wait_for(lambda: Digest.objects.filter(status="sent").count() == 2)
    assert wait_for(lambda: len(mail.outbox) == 2)
    time.sleep(1)  # room for a wrongly duplicated send to show up
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([world.nonprofit_member.email, world.provider_member.email])
