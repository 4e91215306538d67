"""Freshness: owners are asked to confirm every 90 days, in one press from an e-mail link, and
listings unconfirmed for 180 days leave browsing and matching until confirmed."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from directory.listings import freshness
from directory.listings.models import Need, Offering
from directory.listings.tasks import send_freshness_reminders
from tests.factories import NeedFactory, OfferingFactory, ProviderFactory, member_of

pytestmark = pytest.mark.django_db


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def link_in(message) -> str:
    return re.search(r"https?://\S+/confirm/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture
def old_need():
    need = NeedFactory(title="Text reminders for clinic visits", confirmed_at=days_ago(91))
    member_of(need.organisation, email="amina@clinic.example")
    return need


def test_a_need_unconfirmed_for_90_days_sends_its_members_one_reminder(old_need):
    NeedFactory(confirmed_at=days_ago(30))

    assert freshness.send_reminders() == 1
    assert freshness.send_reminders() == 0

    [message] = mail.outbox
    assert message.to == ["amina@clinic.example"]
    assert "still current" in message.subject
    assert "Text reminders for clinic visits" in message.body
    assert "last confirmed 91 days ago" in message.body
    assert "Text reminders for clinic visits" in message.alternatives[0][0]


def test_each_member_gets_one_e_mail_listing_all_their_organisations_due_listings():
    provider = ProviderFactory()
    OfferingFactory(organisation=provider, name="SMS Gateway", confirmed_at=days_ago(95))
    OfferingFactory(organisation=provider, name="Survey Kit", confirmed_at=days_ago(120))
    member_of(provider, email="one@provider.example")
    member_of(provider, email="two@provider.example")

    freshness.send_reminders()

    assert sorted(m.to[0] for m in mail.outbox) == ["one@provider.example", "two@provider.example"]
    assert all("SMS Gateway" in m.body and "Survey Kit" in m.body for m in mail.outbox)


def test_drafts_closed_needs_and_fresh_listings_are_not_reminded():
    for need in (
        NeedFactory(confirmed_at=days_ago(100), status="draft"),
        NeedFactory(confirmed_at=days_ago(100), state=Need.State.CLOSED),
        NeedFactory(confirmed_at=days_ago(89)),
    ):
        member_of(need.organisation)

    assert freshness.send_reminders() == 0
    assert mail.outbox == []


def test_at_180_days_the_owner_is_told_the_listing_is_hidden_and_then_nothing_more(old_need):
    freshness.send_reminders()
    mail.outbox.clear()
    Need.objects.filter(pk=old_need.pk).update(confirmed_at=days_ago(181), reminded_at=days_ago(90))

    assert freshness.send_reminders() == 1
    assert "hidden" in mail.outbox[0].subject
    assert "HIDDEN from the directory" in mail.outbox[0].body
    assert freshness.send_reminders() == 0


def test_confirming_starts_the_clock_again(old_need):
    freshness.send_reminders()
    old_need.confirm()
    old_need.save()
    Need.objects.filter(pk=old_need.pk).update(confirmed_at=days_ago(92))

    assert freshness.send_reminders() == 1
    assert len(mail.outbox) == 2


def test_the_link_opens_a_page_and_one_press_confirms_without_signing_in(client, old_need):
    freshness.send_reminders()
    url = path_of(link_in(mail.outbox[0]))

    page = client.get(url)
    assert page.status_code == 200
    assert "Is “Text reminders for clinic visits” still current?" in page.content.decode()
    old_need.refresh_from_db()
    assert old_need.days_since_confirmed == 91, "opening the page alone confirms nothing"

    done = client.post(url)
    assert "Thanks, it's confirmed" in done.content.decode()
    old_need.refresh_from_db()
    assert old_need.confirmed_ago == "today"


def test_a_stale_offering_leaves_browsing_until_confirmed_from_the_link(client):
    offering = OfferingFactory(name="Forgotten Tool", confirmed_at=days_ago(200))
    assert "Forgotten Tool" not in client.get(reverse("offering_list")).content.decode()
    assert offering not in Offering.objects.browsable()

    client.post(freshness.confirm_url(offering).split("testserver", 1)[-1])

    assert offering in Offering.objects.browsable()
    assert "Forgotten Tool" in client.get(reverse("offering_list")).content.decode()


def test_a_stale_need_leaves_browsing_and_matching():
    stale = NeedFactory(confirmed_at=days_ago(181))
    fresh = NeedFactory(confirmed_at=days_ago(179))

    assert list(Need.objects.matchable()) == [fresh]
    assert stale.is_stale and not fresh.is_stale


def test_the_owner_sees_why_a_stale_listing_is_hidden(client):
    need = NeedFactory(confirmed_at=days_ago(200))
    client.force_login(member_of(need.organisation))

    page = client.get(need.get_absolute_url()).content.decode()
    assert "Hidden until you confirm it." in page
    assert "Confirmed 200 days ago" in page


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("not-a-token", "This link does not work"),
        (signing.dumps(["need", 999999], salt=freshness.LINK_SALT), "This link does not work"),
        (signing.dumps(["planet", 1], salt=freshness.LINK_SALT), "This link does not work"),
    ],
)
def test_a_broken_or_forged_link_says_so(client, token, message):
    page = client.post(reverse("confirm_listing", args=[token]))
    assert page.status_code == 400
    assert message in page.content.decode()


def test_an_expired_link_says_so_and_confirms_nothing(client, old_need):
    token = freshness.make_token(old_need)
    later = timezone.now() + freshness.LINK_MAX_AGE + timedelta(days=1)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: later.timestamp())
        page = client.post(reverse("confirm_listing", args=[token]))

    assert page.status_code == 400
    assert "This link has expired" in page.content.decode()
    old_need.refresh_from_db()
    assert old_need.days_since_confirmed == 91


def test_the_daily_task_is_scheduled_and_sends(old_need, settings):
    assert any(
        entry["task"] == "directory.listings.tasks.send_freshness_reminders"
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
    assert send_freshness_reminders.delay().get() == 1


@pytest.mark.parametrize(("days", "offered"), [(0, False), (29, False), (30, True), (200, True)])
def test_the_still_current_button_is_offered_once_a_listing_is_a_month_old(client, days, offered):
    need = NeedFactory(confirmed_at=days_ago(days))
    client.force_login(member_of(need.organisation))

    page = client.get(need.get_absolute_url()).content.decode()

    assert ("It's still current</button>" in page) is offered


@pytest.mark.parametrize(
    ("fields", "status"),
    [
        ({}, "Live"),
        ({"status": "pending"}, "Waiting for review"),
        ({"state": Need.State.CLOSED}, "Closed"),
        ({"confirmed_at": days_ago(181)}, "Hidden until confirmed"),
    ],
)
def test_the_dashboard_says_in_one_phrase_whether_people_can_see_a_need(client, fields, status):
    need = NeedFactory(title="Attendance by SMS", **fields)
    client.force_login(member_of(need.organisation))

    page = client.get(reverse("dashboard")).content.decode()

    row = page[page.index("Attendance by SMS") :].split("</tr>")[0]
    assert f'<td data-label="Status">{status}</td>' in row
