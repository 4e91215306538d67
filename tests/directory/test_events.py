"""Events: registering, the proposed schedule, answering, and who sees what."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.events import meetings as rules
from directory.events.models import Meeting, Registration
from directory.events.scheduling import propose_meetings
from directory.events.tasks import propose_when_registration_closes
from tests.directory.event_data import day, make_event, match
from tests.factories import NeedFactory, OrganisationFactory, ProviderFactory, member_of

pytestmark = pytest.mark.django_db


def busy_twice(meetings) -> list:
    """Organisations or tables booked twice in a slot."""
    seen = Counter()
    for m in meetings:
        seen[("nonprofit", m.nonprofit_id, m.slot)] += 1
        seen[("provider", m.provider_id, m.slot)] += 1
        seen[("table", m.table, m.slot)] += 1
    return [key for key, count in seen.items() if count > 1]


def test_the_proposed_schedule_books_nobody_twice_serves_every_nonprofit_and_keeps_caps():
    today = day(slots=3, tables=2, meetings_per_nonprofit=2, meetings_per_provider=2)
    nonprofits = [today.nonprofit() for _ in range(4)]
    providers = [today.provider() for _ in range(3)]
    for n in nonprofits[:3]:
        for p in providers:
            match(n, p, 80)
    match(nonprofits[3], providers[0], 52)  # its only (possible) match, the weakest of all
    weak_only = today.nonprofit()
    match(weak_only, providers[1], 35)

    proposed = propose_meetings(today.event.pk)

    meetings = list(today.event.meetings.all())
    assert proposed == len(meetings) == 6  # 3 slots × 2 tables
    assert busy_twice(meetings) == []
    served = {m.nonprofit_id for m in meetings}
    assert {n.organisation.pk for n in nonprofits} <= served
    assert weak_only.organisation.pk not in served
    assert max(Counter(m.provider_id for m in meetings).values()) <= 2
    assert max(Counter(m.nonprofit_id for m in meetings).values()) <= 2
    assert all(m.status == Meeting.Status.PROPOSED for m in meetings)


def one_place_two_nonprofits():
    """One slot at one table; the provider fits the first nonprofit (90) better than the
    second (60), so the first is proposed."""
    today = day(slots=1, tables=1, meetings_per_nonprofit=1, meetings_per_provider=1)
    first, second = today.nonprofit(), today.nonprofit()
    provider = today.provider()
    match(first, provider, 90)
    match(second, provider, 60)
    propose_meetings(today.event.pk)
    return today, first, second, provider


def test_a_decline_frees_the_slot_and_the_next_best_pair_is_proposed_into_it():
    today, first, second, provider = one_place_two_nonprofits()
    meeting = today.event.meetings.get()
    assert meeting.nonprofit == first.organisation

    rules.answer(meeting=meeting, organisation=provider.organisation, accept=False)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DECLINED
    replacement = today.event.meetings.live().get()
    assert replacement.nonprofit == second.organisation
    assert (replacement.slot, replacement.table) == (meeting.slot, meeting.table)
    assert replacement.status == Meeting.Status.PROPOSED


def test_a_meeting_is_accepted_once_both_sides_accept(client):
    today = day()
    nonprofit, provider = today.nonprofit(), today.provider()
    match(nonprofit, provider, 75)
    propose_meetings(today.event.pk)
    meeting = today.event.meetings.get()
    client.force_login(nonprofit.member)
    answer = reverse("meeting_answer", args=[today.event.slug, meeting.pk])

    client.post(answer, {"decision": "accept"})
    client.force_login(provider.member)
    page = client.get(reverse("event_agenda", args=[today.event.slug]))
    assert f"{nonprofit.organisation.name} accepted." in page.text
    client.post(answer, {"decision": "accept"})

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED


def test_a_requested_meeting_gets_a_time_when_the_other_side_accepts():
    today = day(slots=2, tables=1)
    nonprofit, provider = today.nonprofit(), today.provider()
    meeting = rules.request_meeting(
        event=today.event, organisation=nonprofit.organisation, other=provider.organisation
    )
    assert meeting.slot is None and meeting.status == Meeting.Status.REQUESTED

    rules.answer(meeting=meeting, organisation=provider.organisation, accept=True)

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.ACCEPTED
    assert (meeting.slot, meeting.table) == (0, 1)


def test_an_outsider_sees_the_event_but_not_its_participants_nor_any_agenda(client):
    today = day()
    nonprofit, provider = today.nonprofit("Asha Trust"), today.provider("Kobo Partners")
    match(nonprofit, provider, 80)
    propose_meetings(today.event.pk)
    meeting = today.event.meetings.get()
    agenda = reverse("event_agenda", args=[today.event.slug])
    ics = reverse("event_ics", args=[today.event.slug])
    answer = reverse("meeting_answer", args=[today.event.slug, meeting.pk])

    for outsider in (None, member_of(OrganisationFactory()), member_of(ProviderFactory())):
        client.logout()
        if outsider:
            client.force_login(outsider)
        page = client.get(today.event.get_absolute_url())
        assert page.status_code == 200
        assert "Asha Trust" not in page.text and "Kobo Partners" not in page.text
        for url in (agenda, ics):
            response = client.get(url)
            assert response.status_code in (302, 404)
            assert b"Asha Trust" not in response.content
        assert client.post(answer, {"decision": "decline"}).status_code in (302, 404)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PROPOSED

    client.force_login(nonprofit.member)
    assert "Kobo Partners" in client.get(today.event.get_absolute_url()).text


def test_nonprofits_need_an_open_need_and_providers_a_published_offering_to_register(client):
    event = make_event()
    register = reverse("event_register", args=[event.slug])
    empty_nonprofit, empty_provider = OrganisationFactory(), ProviderFactory()
    for organisation in (empty_nonprofit, empty_provider):
        client.force_login(member_of(organisation))
        client.post(register)
    assert not Registration.objects.exists()

    ready = NeedFactory().organisation
    client.force_login(member_of(ready))
    page = client.post(register, follow=True)
    assert "You are registered." in page.text
    assert Registration.objects.get().organisation == ready

    event.registration_closes_at = timezone.now() - timedelta(minutes=1)
    event.save()
    late = NeedFactory().organisation
    client.force_login(member_of(late))
    assert "Registration for this event has closed." in client.post(register, follow=True).text


def test_changes_are_e_mailed_to_both_sides(django_capture_on_commit_callbacks):
    today = day()
    nonprofit, provider = today.nonprofit(), today.provider()
    match(nonprofit, provider, 80)
    with django_capture_on_commit_callbacks(execute=True):
        propose_meetings(today.event.pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [nonprofit.member.email, provider.member.email]
    )
    assert "Your meetings at Impact Socials, Bengaluru have changed" in mail.outbox[0].subject


def test_curators_see_counts_tables_and_a_csv_others_do_not(client, admin_user):
    today = day()
    nonprofit, provider = today.nonprofit("Asha Trust"), today.provider()
    match(nonprofit, provider, 80)
    propose_meetings(today.event.pk)
    curator = reverse("event_curator", args=[today.event.slug])
    csv = reverse("event_csv", args=[today.event.slug])

    client.force_login(nonprofit.member)
    assert client.get(curator).status_code == 302
    assert b"Asha Trust" not in client.get(csv).content

    client.force_login(admin_user)
    page = client.get(curator)
    assert "Table 1" in page.text and "Asha Trust" in page.text
    rows = client.get(csv).content.decode().splitlines()
    assert rows[0].startswith("start,end,table")
    assert "2026" in rows[1] or "+05:30" in rows[1]
    assert "Asha Trust" in rows[1]


def test_after_the_event_a_meeting_becomes_an_introduction_and_gets_feedback(client):
    today = day(date=timezone.localdate() - timedelta(days=1))
    nonprofit, provider = today.nonprofit(), today.provider()
    match(nonprofit, provider, 80)
    propose_meetings(today.event.pk)
    meeting = today.event.meetings.get()
    Meeting.objects.filter(pk=meeting.pk).update(
        status=Meeting.Status.ACCEPTED, nonprofit_accepted=True, provider_accepted=True
    )
    client.force_login(nonprofit.member)

    page = client.post(
        reverse("meeting_introduce", args=[today.event.slug, meeting.pk]), follow=True
    )
    assert "Introduction requested." in page.text
    meeting.refresh_from_db()
    assert meeting.introduction.offering == provider.listing

    client.post(
        reverse("meeting_feedback", args=[today.event.slug, meeting.pk]),
        {"useful": "yes", "follow_up": "no"},
    )
    feedback = meeting.feedback.get()
    assert (feedback.useful, feedback.follow_up) == (True, False)


def test_what_nonprofits_said_after_meeting_a_provider_shows_on_its_page(client):
    today = day(date=timezone.localdate() - timedelta(days=2))
    first, second, provider = today.nonprofit(), today.nonprofit(), today.provider()
    for nonprofit in (first, second):
        match(nonprofit, provider, 80)
    propose_meetings(today.event.pk)
    Meeting.objects.update(
        status=Meeting.Status.ACCEPTED, nonprofit_accepted=True, provider_accepted=True
    )
    for nonprofit, useful in ((first, True), (second, False)):
        rules.leave_feedback(
            meeting=Meeting.objects.get(nonprofit=nonprofit.organisation),
            organisation=nonprofit.organisation,
            useful=useful,
            follow_up=useful,
        )

    page = client.get(provider.organisation.get_absolute_url())

    assert (
        "Met 2 nonprofits at events; 1 of 2 found the meeting useful, 1 planned a follow-up"
        in page.text
    )


def test_curators_propose_the_meetings_from_the_admin(
    admin_client, django_capture_on_commit_callbacks
):
    today = day()
    nonprofit, provider = today.nonprofit(), today.provider()
    match(nonprofit, provider, 80)
    with django_capture_on_commit_callbacks(execute=True):
        page = admin_client.post(
            reverse("admin:directory_event_changelist"),
            {"action": "propose", "_selected_action": [today.event.pk]},
            follow=True,
        )
    assert "Proposing the meetings of 1 event(s)." in page.text
    assert today.event.meetings.get().nonprofit == nonprofit.organisation


def test_meetings_are_proposed_once_when_registration_closes():
    closed = day(registration_closes_at=timezone.now() - timedelta(hours=1))
    nonprofit, provider = closed.nonprofit(), closed.provider()
    match(nonprofit, provider, 80)
    still_open = day()
    match(still_open.nonprofit(), still_open.provider(), 80)

    assert propose_when_registration_closes() == 1
    assert propose_when_registration_closes() == 0
    assert closed.event.meetings.count() == 1
    assert not still_open.event.meetings.exists()


def test_a_decline_is_e_mailed_to_the_other_side_and_to_the_pair_proposed_instead(
    django_capture_on_commit_callbacks,
):
    today, first, second, provider = one_place_two_nonprofits()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        rules.answer(
            meeting=today.event.meetings.get(), organisation=first.organisation, accept=False
        )

    told = sorted(message.to[0] for message in mail.outbox)
    assert told == sorted([provider.member.email, second.member.email])
