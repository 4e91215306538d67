"""Event pages: the list, an event's page (participants only for signed-in participants), the
participant's agenda with its proposed meetings, the .ics feed, and the curators' view.

An outsider asking for an agenda or a meeting gets 404 and learns nothing of who takes part.
"""

import csv
from datetime import timedelta
from functools import partial

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext

from directory.accounts.acting import acting_organisation
from directory.common.errors import carried_out
from directory.common.limits import signed_in_post
from directory.events import meetings as rules
from directory.events.calendar import agenda_calendar
from directory.events.mail import agenda_of
from directory.events.models import Event, Meeting
from directory.listings.models import Organisation
from matching.models import Match
from matching.reasons import NONPROFIT, PROVIDER


def event_list(request):
    upcoming = Event.objects.filter(date__gte=timezone.localdate() - timedelta(days=1))
    return render(request, "events/event_list.html", {"events": upcoming.order_by("date")})


def event_detail(request, slug):
    event = get_object_or_404(Event, slug=slug)
    organisation = acting_organisation(request)
    shown = rules.sees_participants(event, request.user, organisation)
    participants = rules.registrations_of(event) if shown else []
    context = {
        "event": event,
        "organisation": organisation,
        "registered": rules.is_registered(event, organisation),
        "refusal": rules.why_cannot_register(event, organisation),
        "participants_shown": shown,
        "nonprofits": [r.organisation for r in participants if r.organisation.is_nonprofit],
        "providers": [r.organisation for r in participants if r.organisation.is_provider],
    }
    return render(request, "events/event_detail.html", context)


@signed_in_post
def event_register(request, slug):
    event = get_object_or_404(Event, slug=slug)
    organisation = acting_organisation(request)
    action = partial(rules.register, event=event, organisation=organisation, user=request.user)
    carried_out(
        request,
        action,
        success=gettext("You are registered. We will propose meetings when registration closes."),
    )
    return redirect(event)


def participant_event(request, slug) -> tuple[Event, Organisation]:
    """The event and the person's organisation, if it is registered; 404 otherwise."""
    event = get_object_or_404(Event, slug=slug)
    organisation = acting_organisation(request)
    if not rules.is_registered(event, organisation):
        raise Http404
    return event, organisation


def with_matches(meetings: list[Meeting]) -> list[Meeting]:
    """Each meeting with its stored match (for the reasons and the bars), in one query."""
    pairs = {(m.need_id, m.offering_id) for m in meetings}
    found = {}
    if pairs:
        needs = {need for need, _offering in pairs}
        offerings = {offering for _need, offering in pairs}
        for match in Match.objects.filter(need__in=needs, offering__in=offerings):
            found[(match.need_id, match.offering_id)] = match
    for meeting in meetings:
        meeting.match = found.get((meeting.need_id, meeting.offering_id))
    return meetings


@login_required
def event_agenda(request, slug):
    event, organisation = participant_event(request, slug)
    mine = (
        event.meetings.of(organisation)
        .select_related("nonprofit", "provider", "need", "offering", "requested_by")
        .prefetch_related("feedback")
    )
    meetings = with_matches(list(mine.order_by("slot", "pk")))
    for meeting in meetings:
        meeting.other = meeting.other_side(organisation)
        meeting.mine_accepted = meeting.accepted_by(organisation)
        meeting.followed_up = {f.organisation_id: f for f in meeting.feedback.all()}.get(
            organisation.pk
        )
    met = {m.other.pk for m in meetings if m.status != Meeting.Status.DECLINED}
    others = [
        r.organisation
        for r in rules.registrations_of(event)
        if r.organisation.kind != organisation.kind and r.organisation.pk not in met
    ]
    context = {
        "event": event,
        "organisation": organisation,
        "reader": PROVIDER if organisation.is_provider else NONPROFIT,
        "live": [m for m in meetings if m.slot is not None and m.status != "declined"],
        "waiting": [m for m in meetings if m.status == Meeting.Status.REQUESTED],
        "declined": [m for m in meetings if m.status == Meeting.Status.DECLINED],
        "others": others,
    }
    return render(request, "events/agenda.html", context)


def participant_meeting(request, slug, pk) -> tuple[Meeting, Organisation]:
    event, organisation = participant_event(request, slug)
    meeting = get_object_or_404(event.meetings.of(organisation), pk=pk)
    return meeting, organisation


@signed_in_post
def meeting_answer(request, slug, pk):
    meeting, organisation = participant_meeting(request, slug, pk)
    accept = request.POST.get("decision") == "accept"
    carried_out(
        request,
        partial(rules.answer, meeting=meeting, organisation=organisation, accept=accept),
        success=gettext("Accepted. We have let them know.")
        if accept
        else gettext("Declined. We have let them know."),
    )
    return redirect("event_agenda", slug)


@signed_in_post
def meeting_request(request, slug):
    event, organisation = participant_event(request, slug)
    others = {r.organisation_id: r.organisation for r in rules.registrations_of(event)}
    try:
        other = others[int(request.POST.get("organisation", ""))]
    except (KeyError, ValueError):
        messages.error(request, gettext("Choose an organisation registered for the event."))
        return redirect("event_agenda", slug)
    carried_out(
        request,
        partial(rules.request_meeting, event=event, organisation=organisation, other=other),
        success=gettext("Asked. The meeting gets a time when they accept."),
    )
    return redirect("event_agenda", slug)


@signed_in_post
def meeting_introduce(request, slug, pk):
    meeting, organisation = participant_meeting(request, slug, pk)
    introduction = carried_out(
        request,
        partial(rules.introduce, meeting=meeting, user=request.user, organisation=organisation),
        success=gettext("Introduction requested. E-mail addresses are shared once they accept."),
    )
    if introduction:
        return redirect(introduction)
    return redirect("event_agenda", slug)


@signed_in_post
def meeting_feedback(request, slug, pk):
    meeting, organisation = participant_meeting(request, slug, pk)
    carried_out(
        request,
        partial(
            rules.leave_feedback,
            meeting=meeting,
            organisation=organisation,
            useful=request.POST.get("useful") == "yes",
            follow_up=request.POST.get("follow_up") == "yes",
        ),
        success=gettext("Thank you for telling us how it went."),
    )
    return redirect("event_agenda", slug)


@login_required
def event_ics(request, slug):
    event, organisation = participant_event(request, slug)
    response = HttpResponse(
        agenda_calendar(event, organisation, agenda_of(event, organisation)),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@staff_member_required
def event_curator(request, slug):
    event = get_object_or_404(Event, slug=slug)
    meetings = list(
        event.meetings.live().select_related("nonprofit", "provider", "need").order_by("table")
    )
    by_table: dict[int, list[Meeting]] = {}
    for meeting in sorted(meetings, key=lambda m: (m.table, m.slot)):
        by_table.setdefault(meeting.table, []).append(meeting)
    statuses = dict.fromkeys(Meeting.Status.values, 0)
    for status in event.meetings.values_list("status", flat=True):
        statuses[status] += 1
    context = {
        "event": event,
        "registered": len(rules.registrations_of(event)),
        "statuses": [(Meeting.Status(s).label, n) for s, n in statuses.items()],
        "slots_used": len({m.slot for m in meetings}),
        "places_used": len(meetings),
        "places": event.slots * event.tables,
        "by_table": sorted(by_table.items()),
    }
    return render(request, "events/curator.html", context)


@staff_member_required
def event_csv(request, slug):
    event = get_object_or_404(Event, slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-schedule.csv"'
    writer = csv.writer(response)
    writer.writerow(["start", "end", "table", "nonprofit", "provider", "need", "status", "score"])
    meetings = event.meetings.exclude(slot=None).select_related("nonprofit", "provider", "need")
    for meeting in meetings.order_by("slot", "table"):
        writer.writerow(
            [
                meeting.starts_at.isoformat(),
                meeting.ends_at.isoformat(),
                meeting.table,
                meeting.nonprofit.name,
                meeting.provider.name,
                meeting.need.title,
                meeting.status,
                round(meeting.score),
            ]
        )
    return response
