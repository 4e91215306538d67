"""Who gets a digest, what it lists, what the e-mail looks like, and the send_digests command."""

from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from directory.accounts.models import NotificationPreferences, User
from directory.listings.models import Need, Organisation
from directory.notifications import digest_mail, digests
from directory.notifications.models import Digest
from directory.notifications.tasks import send_digest_batch, send_due_digests
from matching.core import POSSIBLE_SCORE
from matching.models import Match
from matching.reasons import taxonomy_names
from tests.directory.digest_data import (
    REASONS,
    joined_long_ago,
    later,
    mail_server_refusing,
    make_world,
    store_match,
)
from tests.factories import NeedFactory, OfferingFactory, ProviderFactory, member_of

pytestmark = pytest.mark.django_db


def run_digests(run_at: datetime | None = None) -> list[mail.EmailMessage]:
    """What the hourly beat job does; returns the e-mails it sent."""
    before = len(mail.outbox)
    send_due_digests.delay((run_at or later()).isoformat())
    return mail.outbox[before:]


def sent_to(person) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [person.email]]


def preferences(person) -> NotificationPreferences:
    return NotificationPreferences.objects.get_or_create(user=person)[0]


# The right matches reach the right people


def the_one_digest_for(member: str) -> mail.EmailMessage:
    """The one e-mail that ``make_world()``'s ``member`` gets from a digest run."""
    world = make_world()
    run_digests()
    [message] = sent_to(getattr(world, member))
    return message


def test_a_nonprofit_member_hears_of_a_new_offering_matching_their_need():
    message = the_one_digest_for("nonprofit_member")
    assert "FieldForms" in message.body
    assert "For your need: Collect household surveys offline" in message.body
    assert "82% match" in message.body


def test_a_provider_member_hears_of_a_new_need_matching_their_offering():
    message = the_one_digest_for("provider_member")
    assert "Collect household surveys offline (Ruaha Girls Network)" in message.body
    assert "Matches your offering: FieldForms" in message.body


def test_members_of_other_organisations_hear_nothing():
    make_world()
    outsider_nonprofit = member_of(NeedFactory().organisation)
    outsider_provider = member_of(ProviderFactory())
    run_digests()
    assert len(mail.outbox) == 2
    assert not sent_to(outsider_nonprofit) and not sent_to(outsider_provider)


def test_a_need_for_providers_only_reaches_providers_and_no_other_nonprofit():
    world = make_world(visibility=Need.Visibility.PROVIDERS)
    other_nonprofit_member = member_of(NeedFactory().organisation)
    run_digests()
    assert "Collect household surveys offline" in sent_to(world.provider_member)[0].body
    assert not sent_to(other_nonprofit_member)


@pytest.mark.parametrize(
    "change",
    [
        {"state": Need.State.PAUSED},
        {"state": Need.State.CLOSED},
        {"state": Need.State.FULFILLED},
        {"status": "draft"},
        {"confirmed_at": datetime(2020, 1, 1, tzinfo=UTC)},
    ],
    ids=["paused", "closed", "fulfilled", "draft", "stale"],
)
def test_nobody_hears_of_a_need_that_is_not_open_and_published(change):
    world = make_world()
    Need.objects.filter(pk=world.need.pk).update(**change)
    run_digests()
    assert mail.outbox == []


def test_contact_emails_never_appear_in_a_digest():
    make_world()
    Organisation.objects.update(contact_email="director@ruaha.example")
    run_digests()
    for message in mail.outbox:
        assert "director@ruaha.example" not in message.body
        assert "director@ruaha.example" not in message.alternatives[0][0]


def test_matches_come_best_first_and_a_need_matching_two_offerings_is_listed_once():
    world = make_world()
    better = OfferingFactory(organisation=world.provider, name="SurveyKit")
    store_match(world.need, better, score=95)
    run_digests()
    nonprofit_body = sent_to(world.nonprofit_member)[0].body
    assert nonprofit_body.index("SurveyKit") < nonprofit_body.index("FieldForms")
    provider_body = sent_to(world.provider_member)[0].body
    assert provider_body.count("Collect household surveys offline") == 1
    assert "Matches your offering: SurveyKit" in provider_body


def test_a_long_digest_shows_the_best_and_points_to_the_rest():
    world = make_world()
    for n in range(digest_mail.ITEMS_SHOWN + 2):
        store_match(world.need, OfferingFactory(name=f"Tool {n}"), score=50)
    run_digests()
    message = sent_to(world.nonprofit_member)[0]
    assert "...and 3 more on your dashboard" in message.body
    assert "23 new matches" in message.subject


# Nothing new, nothing sent


def test_nothing_new_sends_no_email():
    world = make_world()
    for person in (world.nonprofit_member, world.provider_member):
        preferences(person)
    NotificationPreferences.objects.update(last_digest_at=world.match.created_at)
    assert run_digests() == []
    assert not Digest.objects.exists()


def test_a_match_too_fresh_to_be_surely_committed_waits_for_the_next_run():
    make_world()
    assert run_digests(run_at=timezone.now()) == []
    assert len(run_digests()) == 2


def test_only_people_with_a_verified_email_get_digests():
    world = make_world()
    EmailAddress.objects.filter(user=world.provider_member).update(verified=False)
    run_digests()
    assert sent_to(world.nonprofit_member) and not sent_to(world.provider_member)


def test_people_who_turned_digests_off_get_none():
    world = make_world()
    preferences(world.nonprofit_member)
    NotificationPreferences.objects.update(digest_frequency=NotificationPreferences.Frequency.OFF)
    run_digests()
    assert len(mail.outbox) == 1 and sent_to(world.provider_member)


def test_people_get_only_the_parts_they_asked_for():
    world = make_world()
    preferences(world.nonprofit_member)
    preferences(world.provider_member)
    NotificationPreferences.objects.update(matches_for_my_needs=False)
    run_digests()
    assert [message.to for message in mail.outbox] == [[world.provider_member.email]]


def test_the_next_digest_lists_only_matches_new_since_the_last():
    world = make_world()
    run_digests()
    newer = OfferingFactory(name="PaperLess")
    store_match(world.need, newer, score=60)
    [message] = run_digests(run_at=later(days=7))
    assert message.to == [world.nonprofit_member.email]
    assert "PaperLess" in message.body and "FieldForms" not in message.body


# Periods


@pytest.mark.parametrize(
    ("frequency", "moment", "period"),
    [
        ("daily", datetime(2026, 11, 28, 23, 59), "2026-11-28"),
        ("weekly", datetime(2026, 11, 28, 10, 0), "2026-W48"),
        ("weekly", datetime(2027, 1, 1, 10, 0), "2026-W53"),
        ("weekly", datetime(2026, 1, 1, 10, 0), "2026-W01"),
    ],
)
def test_a_period_is_a_day_or_an_iso_week(frequency, moment, period):
    assert digests.period_key(frequency, moment.replace(tzinfo=UTC)) == period


def test_a_daily_reader_gets_one_digest_a_day():
    world = make_world()
    preferences(world.nonprofit_member)
    NotificationPreferences.objects.filter(user=world.nonprofit_member).update(
        digest_frequency="daily"
    )
    first_run = later()
    run_digests(first_run)
    store_match(world.need, OfferingFactory(name="PaperLess"))
    end_of_day = max(first_run, first_run.replace(hour=23, minute=59, second=59))
    assert run_digests(end_of_day) == []
    [message] = run_digests(first_run + timedelta(days=1))
    assert message.to == [world.nonprofit_member.email] and "PaperLess" in message.body


# The e-mail


def test_the_email_has_a_text_and_an_html_part_with_absolute_links():
    world = make_world()
    run_digests()
    message = sent_to(world.nonprofit_member)[0]
    link = settings.SITE_URL + world.offering.get_absolute_url()
    html, content_type = message.alternatives[0]
    assert content_type == "text/html"
    assert link in message.body and f'href="{link}"' in html
    assert "Integrates with Google Sheets and WhatsApp Business" in html and "82% match" in html
    fits, checks = html.split("Why it fits", 1)[1].split("What to check", 1)
    assert "Integrates with Google Sheets" in fits and "Not offered in Swahili" not in fits
    assert "Not offered in Swahili" in checks, "a watch-out is shown as one"


def test_each_reader_reads_the_reasons_written_for_them():
    world = make_world()
    run_digests()
    [to_nonprofit] = sent_to(world.nonprofit_member)
    [to_provider] = sent_to(world.provider_member)
    for message in (to_nonprofit, to_provider):
        assert "Integrates with Google Sheets and WhatsApp Business" in message.body
    for part in (to_nonprofit.body, to_nonprofit.alternatives[0][0]):
        assert "Free for nonprofits — within your budget" in part
        assert "Works with KoboToolbox, which you already use" in part
        assert "their budget" not in part and "they already use" not in part
    for part in (to_provider.body, to_provider.alternatives[0][0]):
        assert "Free for nonprofits — within their budget" in part
        assert "Works with KoboToolbox, which they already use" in part
        assert "your budget" not in part and "you already use" not in part


def test_a_reason_left_as_a_sentence_is_skipped_in_the_digest():
    world = make_world()
    store_match(world.need, world.offering, score=82, reasons=["Old words", *REASONS[:1]])
    run_digests()
    [message] = sent_to(world.nonprofit_member)
    assert "Integrates with Google Sheets" in message.body and "Old words" not in message.body


def test_the_email_carries_one_click_unsubscribe_headers():
    world = make_world()
    run_digests()
    raw = sent_to(world.provider_member)[0].message().as_bytes()
    parsed = message_from_bytes(raw, policy=policy.default)
    url, mailto = [part.strip(" <>") for part in parsed["List-Unsubscribe"].split(",")]
    assert url.startswith(settings.SITE_URL + "/account/unsubscribe/")
    assert mailto.startswith(f"mailto:{settings.DIGEST_UNSUBSCRIBE_EMAIL}?subject=unsubscribe")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_subject_and_sender_come_from_settings(settings):
    settings.DIGEST_SUBJECT = "News from the directory"
    settings.DIGEST_FROM_EMAIL = "Digests <digests@example.org>"
    make_world()
    message = run_digests()[0]
    assert message.subject == "News from the directory: 1 new match"
    assert message.from_email == "Digests <digests@example.org>"


def test_it_goes_to_the_verified_address():
    world = make_world()
    EmailAddress.objects.filter(user=world.provider_member).update(primary=False)
    EmailAddress.objects.create(
        user=world.provider_member, email="second@open.example", verified=False, primary=True
    )
    run_digests()
    assert sent_to(world.provider_member)


# Queries


def test_finding_what_is_new_takes_as_many_queries_for_ten_people_as_for_two():
    def people_with_news(count):
        world = make_world()
        for _ in range(count - 2):
            member_of(world.nonprofit)
        joined_long_ago()
        return [
            *world.nonprofit.memberships.values_list("user_id", flat=True),
            world.provider_member.pk,
        ]

    few, many = people_with_news(2), people_with_news(10)
    digests.give_everyone_preferences()
    taxonomy_names.current()  # a running worker has the names; the first load is one query
    with CaptureQueriesContext(connection) as for_few:
        assert len(digests.collect_digests(few, later())) == 2
    with CaptureQueriesContext(connection) as for_many:
        assert len(digests.collect_digests(many, later())) == 10
    assert len(for_few) == len(for_many) <= 5


def test_the_run_fans_out_one_task_per_batch(monkeypatch):
    monkeypatch.setattr(digests, "BATCH_SIZE", 2)
    world = make_world()
    for _ in range(3):
        member_of(world.nonprofit)
    joined_long_ago()
    assert send_due_digests.delay(later().isoformat()).get() == 3
    assert len(mail.outbox) == 5


def test_hourly_beat_runs_the_digests_and_retries_stay_below_the_visibility_timeout():
    entry = settings.CELERY_BEAT_SCHEDULE["hourly-digests"]
    assert entry["task"] == send_due_digests.name
    assert entry["schedule"].minute == {0}
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    for task in (send_due_digests, send_digest_batch):
        assert task.acks_late
        assert task.retry_backoff_max < visibility


# The command


def test_dry_run_shows_who_would_get_what_and_sends_and_records_nothing(capsys):
    world = make_world()
    backdate_matches_for_command()
    call_command("send_digests", "--dry-run")
    out = capsys.readouterr().out
    assert f"{world.nonprofit_member.email} (" in out and "82%  FieldForms" in out
    assert "2 digest(s) would be sent" in out
    assert mail.outbox == []
    assert not Digest.objects.exists() and not NotificationPreferences.objects.exists()


def test_the_command_sends_the_digest_of_one_person(capsys):
    world = make_world()
    backdate_matches_for_command()
    call_command("send_digests", "--user", world.provider_member.email.upper())
    assert [message.to for message in mail.outbox] == [[world.provider_member.email]]
    call_command("send_digests", "--user", world.provider_member.email)
    assert "is not due" in capsys.readouterr().out
    assert len(mail.outbox) == 1


def test_the_command_refuses_an_unknown_email():
    with pytest.raises(CommandError, match="Nobody has the e-mail"):
        call_command("send_digests", "--user", "nobody@example.org")


def backdate_matches_for_command():
    """The command runs now, so its matches must have settled and its people joined before."""
    long_ago = timezone.now() - digests.SETTLE - timedelta(hours=2)
    Match.objects.update(created_at=long_ago + timedelta(hours=1))
    User.objects.update(date_joined=long_ago)


def test_the_command_fails_loudly_when_digests_could_not_be_sent(capsys):
    world = make_world()
    backdate_matches_for_command()
    with (
        mail_server_refusing(world.provider_member.email),
        pytest.raises(CommandError, match="1 digest\\(s\\) failed"),
    ):
        call_command("send_digests")
    assert "Sent 1 digest(s)" in capsys.readouterr().out
    call_command("send_digests")
    assert sent_to(world.provider_member)


# Bands


def test_a_weak_match_is_not_e_mailed_and_the_band_is_named():
    world = make_world()
    store_match(world.need, OfferingFactory(name="BarelyRelated"), score=POSSIBLE_SCORE - 0.6)
    run_digests()
    [message] = sent_to(world.nonprofit_member)
    assert "FieldForms" in message.body and "strong match" in message.body
    assert "BarelyRelated" not in message.body
    assert "Strong match" in message.alternatives[0][0]
