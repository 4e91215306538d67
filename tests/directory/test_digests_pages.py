"""The e-mail settings page, unsubscribing with the signed link from a digest, and admin."""

import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.accounts.models import NotificationPreferences
from directory.notifications import unsubscribe
from directory.notifications.models import Digest
from tests.factories import OrganisationFactory, ProviderFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db

OFF = NotificationPreferences.Frequency.OFF


def frequency_of(user) -> str:
    return NotificationPreferences.objects.get(user=user).digest_frequency


@pytest.fixture
def member():
    return UserFactory()


@pytest.fixture
def signed_in(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def strict_client():
    """Like a mail app's one-click POST: no session, and CSRF checks on."""
    return Client(enforce_csrf_checks=True)


# The settings page


def test_the_settings_page_needs_signing_in(client):
    page = client.get(reverse("account_settings"))
    assert page.status_code == 302 and page.url.startswith(reverse("account_login"))


def test_the_settings_page_starts_at_weekly_with_matches_and_without_news(signed_in, member):
    page = signed_in.get(reverse("account_settings"))
    assert page.status_code == 200
    assert "How often should we e-mail you a digest of new matches?" in page.text
    assert page.context["form"]["digest_frequency"].value() == "weekly"
    assert "<legend>What to include</legend>" in page.text
    assert f"Digests go to <strong>{member.email}</strong>" in page.text
    preferences = NotificationPreferences.objects.get(user=member)
    assert preferences.matches_for_my_needs and not preferences.product_news


@pytest.mark.parametrize(
    ("organisation", "offered", "left_out"),
    [
        (OrganisationFactory, "matches_for_my_needs", "matches_for_my_offerings"),
        (ProviderFactory, "matches_for_my_offerings", "matches_for_my_needs"),
    ],
)
def test_each_side_is_offered_only_its_own_kind_of_matches(client, organisation, offered, left_out):
    client.force_login(member_of(organisation()))
    page = client.get(reverse("account_settings"))
    assert f'name="{offered}"' in page.text and f'name="{left_out}"' not in page.text


def test_saving_the_settings_changes_only_my_own(signed_in, member):
    someone_else = UserFactory()
    page = signed_in.post(
        reverse("account_settings"),
        {"digest_frequency": "daily", "matches_for_my_offerings": "on", "user": someone_else.pk},
        follow=True,
    )
    assert "Your e-mail settings are saved." in page.text
    preferences = NotificationPreferences.objects.get(user=member)
    assert preferences.digest_frequency == "daily"
    assert not preferences.matches_for_my_needs and preferences.matches_for_my_offerings
    assert not NotificationPreferences.objects.filter(user=someone_else).exists()


def test_a_bad_choice_is_refused_beside_the_field(signed_in, member):
    page = signed_in.post(reverse("account_settings"), {"digest_frequency": "hourly"})
    assert page.status_code == 200
    assert "Select a valid choice" in page.text
    assert frequency_of(member) == "weekly"


def test_the_page_says_when_the_address_is_not_verified(signed_in, member):
    member.emailaddress_set.update(verified=False)
    page = signed_in.get(reverse("account_settings"))
    assert "We send digests only to a verified e-mail address" in page.text


def test_the_navigation_links_to_the_account_page(signed_in):
    assert f'href="{reverse("account_settings")}"' in signed_in.get(reverse("home")).text


# Unsubscribing


def unsubscribe_url(user) -> str:
    return reverse("unsubscribe", args=[unsubscribe.make_token(user)])


def test_following_the_link_asks_first_and_changes_nothing(strict_client, member):
    page = strict_client.get(unsubscribe_url(member))
    assert page.status_code == 200
    assert "Stop digest e-mails?" in page.text and '<form method="post">' in page.text
    assert not NotificationPreferences.objects.filter(user=member, digest_frequency=OFF).exists()


def test_a_one_click_post_unsubscribes_with_no_session_or_csrf_token(strict_client, member):
    page = strict_client.post(unsubscribe_url(member), {"List-Unsubscribe": "One-Click"})
    assert page.status_code == 200 and "You will get no more digests" in page.text
    assert frequency_of(member) == OFF


def test_posting_the_same_link_again_is_harmless(strict_client, member):
    url = unsubscribe_url(member)
    strict_client.post(url)
    page = strict_client.post(url)
    assert page.status_code == 200 and frequency_of(member) == OFF


def test_a_link_unsubscribes_only_the_person_it_was_made_for(strict_client, member):
    someone_else = UserFactory()
    NotificationPreferences.objects.create(user=someone_else)
    strict_client.post(unsubscribe_url(member))
    assert frequency_of(someone_else) == "weekly"


@pytest.mark.parametrize(
    "token",
    [
        "1:1tOQ9x:forged-signature",
        "not-a-token",
        signing.TimestampSigner(salt="another.purpose").sign("1"),
    ],
    ids=["forged", "garbage", "other-salt"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_link_is_refused_with_a_clear_page(strict_client, member, token, method):
    page = getattr(strict_client, method)(reverse("unsubscribe", args=[token]))
    assert page.status_code == 400 and "This link does not work" in page.text
    assert not NotificationPreferences.objects.filter(digest_frequency=OFF).exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_expired_link_is_refused_with_a_clear_page(strict_client, member, method):
    made_long_ago = time.time() - unsubscribe.MAX_AGE.total_seconds() - 60
    with mock.patch("django.core.signing.time.time", return_value=made_long_ago):
        url = unsubscribe_url(member)
    page = getattr(strict_client, method)(url)
    assert page.status_code == 400 and "This link has expired" in page.text
    assert not NotificationPreferences.objects.filter(digest_frequency=OFF).exists()


def test_a_link_for_a_deleted_account_is_refused(strict_client, member):
    url = unsubscribe_url(member)
    member.delete()
    page = strict_client.post(url)
    assert page.status_code == 400 and "This link does not work" in page.text


def test_a_link_nearly_sixty_days_old_still_works(strict_client, member):
    made_recently = time.time() - unsubscribe.MAX_AGE.total_seconds() + 3600
    with mock.patch("django.core.signing.time.time", return_value=made_recently):
        url = unsubscribe_url(member)
    strict_client.post(url)
    assert frequency_of(member) == OFF


# Admin


def test_curators_see_digests_and_preferences_in_admin(admin_client, member):
    NotificationPreferences.objects.create(user=member)
    Digest.objects.create(user=member, period="2026-W48", claimed_at=timezone.now())
    for model in ("digest", "notificationpreferences"):
        page = admin_client.get(reverse(f"admin:directory_{model}_changelist"))
        assert page.status_code == 200 and str(member) in page.text


def test_a_curator_can_release_a_stuck_digest_but_not_a_sent_one(admin_client, member):
    stuck = Digest.objects.create(user=member, period="2026-W48", claimed_at=timezone.now())
    sent = Digest.objects.create(
        user=member, period="2026-W47", claimed_at=timezone.now(), status=Digest.Status.SENT
    )
    admin_client.post(
        reverse("admin:directory_digest_changelist"),
        {"action": "send_again", "_selected_action": [stuck.pk, sent.pk]},
    )
    stuck.refresh_from_db()
    sent.refresh_from_db()
    assert (stuck.status, sent.status) == (Digest.Status.FAILED, Digest.Status.SENT)
