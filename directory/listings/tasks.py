"""Celery tasks of the listings: reminders to confirm them."""

from celery import shared_task

from directory.common.retry import RETRYING
from directory.listings import freshness


@shared_task(**RETRYING)
def send_freshness_reminders() -> int:
    """Daily: ask owners to confirm listings 90 days after they last did (freshness.py)."""
    return freshness.send_reminders()
