"""A real Celery worker, consuming from the real Redis, sends the digests (CI's PostgreSQL leg).

The worker thread shares the locmem outbox, so ``mail.outbox`` shows what it sent.
"""

import time

from django.core import mail
from django.db.models.signals import post_save
from factory.django import mute_signals

from directory.notifications.models import Digest
from directory.notifications.tasks import send_due_digests
from tests.directory.digest_data import later, make_world
from tests.worker import needs_real_worker, wait_for

pytestmark = needs_real_worker


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
