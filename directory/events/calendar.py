"""A participant's agenda as an iCalendar feed (RFC 5545) through the ``icalendar`` library:
one VEVENT per proposed or accepted meeting, times in the event's time zone (TZID) with its
VTIMEZONE, so calendar apps show the right local times."""

from django.conf import settings
from django.utils.translation import gettext
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from directory.common.links import absolute_url
from directory.events.models import Event, Meeting
from directory.listings.models import Organisation


def agenda_calendar(event: Event, organisation: Organisation, meetings: list[Meeting]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.SITE_NAME}//events//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.name)
    calendar.add("x-wr-timezone", event.time_zone)
    for meeting in meetings:
        other = meeting.other_side(organisation)
        entry = CalendarEvent()
        entry.add("uid", f"meeting-{meeting.pk}@{settings.SITE_NAME.replace(' ', '')}")
        entry.add("dtstamp", meeting.updated_at)
        entry.add("dtstart", meeting.starts_at)
        entry.add("dtend", meeting.ends_at)
        entry.add(
            "summary",
            gettext("Meeting with %(organisation)s") % {"organisation": other.name},
        )
        entry.add(
            "description",
            gettext("About the need: %(need)s. Table %(table)s.")
            % {"need": meeting.need.title, "table": meeting.table},
        )
        entry.add("location", event.place or gettext("Online"))
        entry.add("status", "CONFIRMED" if meeting.status == "accepted" else "TENTATIVE")
        entry.add("url", absolute_url(event.get_absolute_url()))
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()
