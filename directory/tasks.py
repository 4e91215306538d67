"""Celery tasks: digests, reminders to confirm listings, and introductions (expiry, feedback
requests and their e-mails).

The hourly digest run fans out one task per batch of people, an introduction event one task
per recipient. ``acks_late`` with ``task_reject_on_worker_lost`` delivers a task whose worker
died again, so running one twice must be harmless: digests.py claims each digest once, and
the beat jobs change each introduction once. A failed send raises, so Celery retries with a
backoff capped far below Redis's visibility timeout (2 h); the retry sends only what is still
unsent (a batch's unsent digests, the one recipient's introduction e-mail).
"""

from datetime import datetime
from smtplib import SMTPException

from celery import group, shared_task
from django.db import DatabaseError
from django.utils import timezone

from . import digests, freshness, introductions, moderation


class DigestsNotSent(Exception):
    """Some e-mails of a batch failed; raising it makes Celery retry the batch."""


retrying = {
    "acks_late": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "max_retries": 5,
}
retrying_mail = {
    **retrying,
    "autoretry_for": (DatabaseError, SMTPException, OSError, DigestsNotSent),
}


@shared_task(**retrying)
def send_due_digests(run_at: str | None = None) -> int:
    """Hourly: find who is due and queue one task per batch; returns how many batches."""
    moment = datetime.fromisoformat(run_at) if run_at else timezone.now()
    digests.give_everyone_preferences()
    batches = digests.batches(digests.due_user_ids(moment))
    if batches:
        group(send_digest_batch.s(batch, moment.isoformat()) for batch in batches).apply_async()
    return len(batches)


@shared_task(**retrying_mail)
def send_digest_batch(user_ids: list[int], run_at: str) -> int:
    """Send a batch's digests; returns how many went out. ``run_at`` is the run's time, not
    this task's: a retry after midnight still sends the digest of the run's day."""
    outcome = digests.send_batch(user_ids, datetime.fromisoformat(run_at))
    if outcome.failed:
        raise DigestsNotSent(f"{outcome.failed} of {len(user_ids)} digests not sent")
    return outcome.sent


@shared_task(**retrying)
def send_freshness_reminders() -> int:
    """Daily: ask owners to confirm listings 90 days after they last did (freshness.py)."""
    return freshness.send_reminders()


@shared_task(**retrying)
def expire_introductions() -> int:
    """Hourly: expire introduction requests unanswered for 7 days and tell the nonprofits."""
    return introductions.expire_overdue()


@shared_task(**retrying)
def ask_for_feedback() -> int:
    """Daily: ask nonprofits how an introduction accepted 30 days ago went."""
    return introductions.ask_for_feedback()


@shared_task(**retrying)
def send_introduction_emails(introduction_id: int, event: str) -> int:
    """Queue one task per recipient of an introduction event (introductions.EVENTS); returns
    how many. It sends nothing itself, so a worker dying here may at worst queue some twice."""
    user_ids = introductions.recipient_ids(introduction_id, event)
    if user_ids:
        group(
            send_introduction_email.s(introduction_id, event, user_id) for user_id in user_ids
        ).apply_async()
    return len(user_ids)


@shared_task(**retrying_mail)
def send_introduction_email(introduction_id: int, event: str, user_id: int) -> int:
    """One person's e-mails of an introduction event. A worker dying mid-send may repeat
    them: better twice than never for these."""
    return introductions.send_emails(introduction_id, event, user_id)


@shared_task(**retrying_mail)
def send_moderation_email(kind: str, listing_id: int, user_id: int) -> int:
    """One member's news of a curator's decision (moderation.py)."""
    return moderation.send_email(kind, listing_id, user_id)
