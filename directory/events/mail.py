"""An event's e-mails, each in its reader's language: the agenda the day before (daily beat
job), and a note when a participant's meetings change (proposed, accepted, declined, moved).
One task per organisation and kind, queued through the outbox with the change."""

from datetime import datetime, timedelta

from celery import shared_task
from django.core.mail import get_connection
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from directory.common.emails import compose, in_language_of
from directory.common.links import absolute_url
from directory.common.retry import RETRYING_MAIL
from directory.events.models import Event, Meeting
from directory.listings.models import Membership, Organisation
from directory.outbox.delivery import enqueue_each


def changes_after_commit(event_id: int, organisation_ids) -> None:
    """Tell each organisation that its meetings changed, once the change commits."""
    enqueue_each(send_event_changes, [(event_id, pk) for pk in sorted(organisation_ids)])


def agenda_of(event: Event, organisation: Organisation) -> list[Meeting]:
    """The organisation's meetings that hold a time: proposed and accepted, in time order."""
    return list(
        event.meetings.live()
        .of(organisation)
        .select_related("nonprofit", "provider", "need", "offering")
        .order_by("slot")
    )


def _send(event_id: int, organisation_id: int, template: str, subject) -> int:
    event = Event.objects.get(pk=event_id)
    organisation = Organisation.objects.get(pk=organisation_id)
    meetings = agenda_of(event, organisation)
    members = Membership.objects.active_in([organisation_id]).select_related("user")
    messages = []
    for membership in members:
        user = membership.user
        context = {
            "user": user,
            "event": event,
            "organisation": organisation,
            "meetings": meetings,
            "url": absolute_url(reverse("event_agenda", args=[event.slug])),
        }
        with in_language_of(user):
            messages.append(compose(template, context, subject=subject(event), to=user.email))
    with get_connection() as connection:
        return connection.send_messages(messages)


@shared_task(**RETRYING_MAIL)
def send_event_changes(event_id: int, organisation_id: int) -> int:
    def subject(event: Event) -> str:
        return gettext("Your meetings at %(event)s have changed") % {"event": event.name}

    return _send(event_id, organisation_id, "event_changes", subject)


@shared_task(**RETRYING_MAIL)
def send_agenda(event_id: int, organisation_id: int) -> int:
    def subject(event: Event) -> str:
        return gettext("Your agenda for %(event)s tomorrow") % {"event": event.name}

    return _send(event_id, organisation_id, "event_agenda", subject)


def send_agendas_due(now: datetime | None = None) -> int:
    """The events happening tomorrow (in their own time zone) whose agendas are not sent yet:
    each is claimed by a conditional UPDATE first, so two runs never send it twice. Returns
    how many events were claimed."""
    now = now or timezone.now()
    claimed = 0
    for event in Event.objects.filter(agenda_sent_at=None, date__gte=now.date() - timedelta(1)):
        if event.date != (now.astimezone(event.zone) + timedelta(days=1)).date():
            continue
        if not Event.objects.filter(pk=event.pk, agenda_sent_at=None).update(agenda_sent_at=now):
            continue
        claimed += 1
        organisations = event.registrations.values_list("organisation", flat=True)
        enqueue_each(send_agenda, [(event.pk, pk) for pk in organisations])
    return claimed
