"""Celery tasks of introductions: expiry and feedback requests (the beat jobs change each
introduction once, so running one twice is harmless), and their e-mails."""

from celery import shared_task

from directory.common.retry import RETRYING
from directory.engagement import introductions


@shared_task(**RETRYING)
def expire_introductions() -> int:
    """Hourly: expire introduction requests unanswered for 7 days and tell the nonprofits."""
    return introductions.expire_overdue()


@shared_task(**RETRYING)
def ask_for_feedback() -> int:
    """Daily: ask nonprofits how an introduction accepted 30 days ago went."""
    return introductions.ask_for_feedback()
