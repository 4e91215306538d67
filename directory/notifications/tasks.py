"""Celery tasks of the digest e-mails: the hourly run fans out one task per batch of people.

digests.py claims each digest once, so a batch run twice sends nothing twice; a retry sends
only the batch's digests that are still unsent.
"""

from datetime import datetime

from celery import group, shared_task
from django.utils import timezone

from directory.common.retry import RETRYING, retrying_mail_also_for
from directory.notifications import digests


class DigestsNotSent(Exception):
    """Some e-mails of a batch failed; raising it makes Celery retry the batch."""


@shared_task(**RETRYING)
def send_due_digests(run_at: str | None = None) -> int:
    """Hourly: find who is due and queue one task per batch; returns how many batches."""
    moment = datetime.fromisoformat(run_at) if run_at else timezone.now()
    digests.give_everyone_preferences()
    batches = digests.batches(digests.due_user_ids(moment))
    if batches:
        group(send_digest_batch.s(batch, moment.isoformat()) for batch in batches).apply_async()
    return len(batches)


@shared_task(**retrying_mail_also_for(DigestsNotSent))
def send_digest_batch(user_ids: list[int], run_at: str) -> int:
    """Send a batch's digests; returns how many went out. ``run_at`` is the run's time, not
    this task's: a retry after midnight still sends the digest of the run's day."""
    outcome = digests.send_batch(user_ids, datetime.fromisoformat(run_at))
    if outcome.failed:
        raise DigestsNotSent(f"{outcome.failed} of {len(user_ids)} digests not sent")
    return outcome.sent
