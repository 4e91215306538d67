"""Celery tasks of events: proposing the meetings (an admin action, or when registration
closes) and the agenda e-mails the day before. Each is safe to run twice."""

from celery import shared_task
from django.utils import timezone

from directory.common.retry import RETRYING
from directory.events import mail, scheduling
from directory.events.models import Event


@shared_task(**RETRYING)
def propose_meetings(event_id: int) -> int:
    return scheduling.propose_meetings(event_id)


@shared_task(**RETRYING)
def propose_when_registration_closes() -> int:
    """Hourly: propose the meetings of events whose registration has closed and that have
    none proposed yet (``proposed_at`` is set by the first run)."""
    due = Event.objects.filter(proposed_at=None, registration_closes_at__lte=timezone.now())
    ids = list(due.values_list("pk", flat=True))
    for event_id in ids:
        scheduling.propose_meetings(event_id, first_time=True)
    return len(ids)


@shared_task(**RETRYING)
def send_agendas() -> int:
    """Daily: the agenda e-mails of tomorrow's events."""
    return mail.send_agendas_due()
