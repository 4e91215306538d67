"""Links in e-mails, followed in a browser without signing in: stopping digests from a digest,
and confirming a listing from a freshness reminder."""

import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.accounts.models import NotificationPreferences, User
from directory.data import demo as demo_data
from directory.listings import freshness
from directory.listings.models import Need
from directory.notifications import digests
from matching.models import Match
from tests.e2e.conftest import NONPROFIT_EMAIL, PROVIDER_EMAIL, counted, expect
from tests.factories import NeedFactory, member_of


def path_in(message, pattern: str) -> str:
    """The path of the first link in the e-mail whose path matches ``pattern``: the links
    name the site's configured address, the browser goes to the live server."""
    url = re.search(rf"https?://[^/\s]+({pattern})", message.body)
    return url.group(1)


def test_a_member_stops_digests_with_the_link_in_a_digest(demo, page, screenshot):
    member = User.objects.get(email=NONPROFIT_EMAIL)
    run_at = timezone.now() + digests.SETTLE + timedelta(minutes=1)
    digests.give_everyone_preferences()
    digests.send_batch([member.pk], run_at)
    [digest] = [message for message in mail.outbox if NONPROFIT_EMAIL in message.to]

    page.goto(path_in(digest, r"/account/unsubscribe/\S+/"))
    expect(page.get_by_role("heading", name="Stop digest e-mails?")).to_be_visible()
    page.get_by_role("button", name="Stop digest e-mails").click()

    expect(page.get_by_role("heading", name="You will get no more digests")).to_be_visible()
    preferences = NotificationPreferences.objects.get(user=member)
    assert preferences.digest_frequency == NotificationPreferences.Frequency.OFF
    screenshot(page)


def test_an_owner_brings_back_a_hidden_need_from_the_reminder_e_mail(page, screenshot):
    need = NeedFactory(
        title="Track school attendance by SMS", confirmed_at=timezone.now() - timedelta(days=181)
    )
    member_of(need.organisation, email="grace@school.example")
    page.goto(reverse("need_list"))
    expect(page.locator(".result-count")).to_have_text(counted("0 needs"))

    freshness.send_reminders()
    [reminder] = mail.outbox
    assert "hidden" in reminder.subject

    page.goto(path_in(reminder, r"/confirm/\S+/"))
    question = "Is “Track school attendance by SMS” still current?"
    expect(page.get_by_role("heading", name=question)).to_be_visible()
    expect(page.get_by_text("It is hidden from browsing and matching")).to_be_visible()
    page.get_by_role("button", name="Yes, it's still current").click()
    expect(page.get_by_role("heading", name="Thanks, it's confirmed")).to_be_visible()
    screenshot(page)

    assert Need.objects.get(pk=need.pk).confirmed_ago == "today"
    page.goto(reverse("need_list"))
    expect(page.locator("#results .card-title a")).to_have_text(["Track school attendance by SMS"])


def test_a_provider_follows_a_digest_link_to_a_providers_only_need_and_signs_in(
    demo, page, screenshot
):
    provider = User.objects.get(email=PROVIDER_EMAIL)
    match = (
        Match.objects.filter(offering__organisation__memberships__user=provider)
        .worth_telling()
        .select_related("need")
        .first()
    )
    need = match.need
    Need.objects.filter(pk=need.pk).update(visibility=Need.Visibility.PROVIDERS)
    run_at = timezone.now() + digests.SETTLE + timedelta(minutes=1)
    digests.give_everyone_preferences()
    digests.send_batch([provider.pk], run_at)
    [digest] = [message for message in mail.outbox if PROVIDER_EMAIL in message.to]

    page.goto(path_in(digest, rf"/needs/{need.pk}/"))
    expect(
        page.get_by_role("heading", name="This need is shown only to signed-in tech providers")
    ).to_be_visible()
    expect(page.get_by_text(need.title)).to_have_count(0)
    screenshot(page)
    page.locator("main").get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(PROVIDER_EMAIL)
    page.get_by_label("Password").fill(demo_data.DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", name=need.title)).to_be_visible()
    assert page.url.endswith(need.get_absolute_url())
