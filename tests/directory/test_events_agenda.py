"""A participant's agenda: the .ics feed and the e-mail the day before, in their language."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.events.mail import send_agendas_due
from directory.events.models import Meeting
from directory.events.scheduling import propose_meetings
from tests.directory.event_data import day, match

pytestmark = pytest.mark.django_db
KOLKATA = ZoneInfo("Asia/Kolkata")


def test_the_ics_feed_parses_back_with_the_meeting_times_in_asia_kolkata(client):
    today = day(first_slot_at=time(10, 0), slot_minutes=20, slots=2, tables=1)
    nonprofit, provider = today.nonprofit(), today.provider("Kobo Partners")
    match(nonprofit, provider, 80)
    propose_meetings(today.event.pk)
    slot = today.event.meetings.get().slot
    client.force_login(nonprofit.member)

    response = client.get(reverse("event_ics", args=[today.event.slug]))

    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    [entry] = calendar.walk("VEVENT")
    start, end = entry.decoded("dtstart"), entry.decoded("dtend")
    expected = datetime.combine(today.event.date, time(10, 0), tzinfo=KOLKATA) + timedelta(
        minutes=20 * slot
    )
    assert start == expected and end == expected + timedelta(minutes=20)
    assert str(start.tzinfo) == "Asia/Kolkata"
    assert entry["dtstart"].params["TZID"] == "Asia/Kolkata"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Asia/Kolkata"]
    assert "Kobo Partners" in str(entry["summary"])


def test_the_agenda_page_shows_local_times_the_need_and_why_it_fits(client):
    today = day(first_slot_at=time(10, 0), slots=1, tables=1)
    nonprofit, provider = today.nonprofit(), today.provider("Kobo Partners")
    match(nonprofit, provider, 80)
    propose_meetings(today.event.pk)
    client.force_login(nonprofit.member)

    page = client.get(reverse("event_agenda", args=[today.event.slug]))

    assert "10:00–10:20" in page.text
    assert nonprofit.listing.title in page.text
    assert "Why it fits" in page.text and "Strong match" in page.text


def test_the_agenda_is_e_mailed_once_the_day_before_in_each_readers_language(
    django_capture_on_commit_callbacks,
):
    now = timezone.now()
    tomorrow = (now.astimezone(KOLKATA) + timedelta(days=1)).date()
    today = day(date=tomorrow, first_slot_at=time(10, 0))
    nonprofit, provider = today.nonprofit(), today.provider()
    nonprofit.member.language = "hi"
    nonprofit.member.save()
    match(nonprofit, provider, 80)
    propose_meetings(today.event.pk)
    Meeting.objects.update(status=Meeting.Status.ACCEPTED)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert send_agendas_due(now) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_agendas_due(now) == 0

    by_address = {message.to[0]: message for message in mail.outbox}
    assert len(mail.outbox) == 2
    english = by_address[provider.member.email]
    assert "Your agenda for Impact Socials, Bengaluru tomorrow" in english.subject
    assert "10:00" in english.body and nonprofit.organisation.name in english.body
    hindi = by_address[nonprofit.member.email]
    assert "Your agenda" not in hindi.subject
    assert "10:00" in hindi.body


def test_no_agenda_is_sent_for_an_event_further_away():
    day(date=timezone.localdate() + timedelta(days=5))
    assert send_agendas_due() == 0
