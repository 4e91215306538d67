"""A digest goes out exactly once: runs twice, at the same time, after failures and deaths."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from billiard.exceptions import SoftTimeLimitExceeded
from django.core import mail
from django.core.mail.backends import locmem
from django.db import connection

from directory.accounts.models import NotificationPreferences
from directory.notifications import digests
from directory.notifications.models import Digest
from directory.notifications.tasks import send_digest_batch, send_due_digests
from tests.directory import digest_data
from tests.directory.digest_data import later, make_world
from tests.factories import OfferingFactory, member_of

pytestmark = pytest.mark.django_db


def run_digests(run_at):
    send_due_digests.delay(run_at.isoformat())


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def three_people(world):
    """Three nonprofit members with the same news, in the order the run e-mails them."""
    member_of(world.nonprofit)
    member_of(world.nonprofit)
    digest_data.joined_long_ago()
    return list(
        world.nonprofit.memberships.order_by("user_id").values_list("user__email", flat=True)
    )


def test_running_twice_in_a_period_sends_one_email_each(world):
    run_at = later()
    run_digests(run_at)
    run_digests(run_at + timedelta(minutes=1))
    assert recipients() == sorted([world.nonprofit_member.email, world.provider_member.email])
    assert set(Digest.objects.values_list("status", "match_count")) == {("sent", 1)}


def test_a_redelivered_batch_sends_nothing_again(world):
    run_at = later()
    people = [world.nonprofit_member.pk, world.provider_member.pk]
    digests.give_everyone_preferences()
    assert digests.send_batch(people, run_at).sent == 2
    digest_data.store_match(world.need, OfferingFactory(name="Arrived meanwhile"))
    assert digests.send_batch(people, run_at).sent == 0
    assert len(mail.outbox) == 2


def test_a_digest_another_sender_holds_is_not_sent_and_its_matches_wait(world):
    run_at = later()
    digests.give_everyone_preferences()
    person = world.nonprofit_member
    period = digests.period_key("weekly", run_at)
    Digest.objects.create(user=person, period=period, claimed_at=run_at)
    outcome = digests.send_batch([person.pk, world.provider_member.pk], run_at)
    assert (outcome.sent, outcome.taken_elsewhere) == (1, 1)
    assert recipients() == [world.provider_member.email]
    assert NotificationPreferences.objects.get(user=person).last_digest_at is None


def test_a_run_that_starts_while_another_is_sending_sends_nothing_twice(world):
    run_at = later()
    digests.give_everyone_preferences()
    people = [world.nonprofit_member.pk, world.provider_member.pk]
    accept = locmem.EmailBackend.send_messages
    second_runs = []

    def send_and_let_another_run_start(backend, messages):
        if not second_runs:
            second_runs.append(None)
            second_runs[0] = digests.send_batch(people, run_at)
        return accept(backend, messages)

    with mock.patch.object(locmem.EmailBackend, "send_messages", send_and_let_another_run_start):
        first = digests.send_batch(people, run_at)
    assert (first.sent, second_runs[0].sent, second_runs[0].taken_elsewhere) == (2, 0, 2)
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_time_send_one_email_each(three_people):
    if connection.vendor == "sqlite":
        pytest.skip("needs PostgreSQL: SQLite's in-memory test database serialises writers")
    run_at = later()
    digests.give_everyone_preferences()
    people = list(NotificationPreferences.objects.values_list("user_id", flat=True))
    start = threading.Barrier(2)
    outcomes, errors = [], []

    def run():
        try:
            start.wait()
            outcomes.append(digests.send_batch(people, run_at))
        except Exception as error:  # surfaced by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sum(outcome.sent for outcome in outcomes) == len(people) == 4
    assert len(recipients()) == len(set(recipients())) == 4


def test_a_send_that_fails_midway_is_retried_without_duplicates_or_losses(
    three_people, retries_run_inline
):
    with digest_data.mail_server_refusing(three_people[1], times=2):
        run_digests(later())
    assert recipients().count(three_people[1]) == 1
    assert len(recipients()) == len(set(recipients())) == 4
    assert set(Digest.objects.values_list("status", flat=True)) == {"sent"}


def test_a_digest_that_keeps_failing_waits_for_the_next_run_with_its_matches(
    three_people, retries_run_inline
):
    run_at = later()
    refused = three_people[1]
    with digest_data.mail_server_refusing(refused, times=1 + send_digest_batch.max_retries):
        run_digests(run_at)
    assert refused not in recipients() and len(recipients()) == 3
    failed = Digest.objects.get(status="failed")
    assert NotificationPreferences.objects.get(user=failed.user).last_digest_at is None
    run_digests(run_at + timedelta(hours=1))
    assert recipients().count(refused) == 1 and len(recipients()) == 4
    assert "FieldForms" in mail.outbox[-1].body


def test_a_worker_killed_mid_batch_sends_nobody_twice_and_loses_no_match(three_people, world):
    """A killed worker leaves its digests "claimed": nobody knows if they went out."""
    run_at = later()
    digests.give_everyone_preferences()
    period = digests.period_key("weekly", run_at)
    killed_while_sending = digests.recipients().get(email=three_people[1])
    Digest.objects.create(user=killed_while_sending, period=period, claimed_at=run_at)
    run_digests(run_at)
    run_digests(run_at + timedelta(hours=1))
    assert killed_while_sending.email not in recipients()
    assert len(recipients()) == len(set(recipients())) == 3
    mail.outbox.clear()
    run_digests(run_at + timedelta(days=7))
    assert recipients() == [killed_while_sending.email]
    assert "FieldForms" in mail.outbox[0].body


def test_a_batch_stopped_early_frees_the_digests_it_had_not_tried(three_people, world):
    """Past its time limit the batch stops: the digest being sent stays claimed, the rest are
    sent by the next run."""
    run_at = later()
    digests.give_everyone_preferences()
    people = list(NotificationPreferences.objects.values_list("user_id", flat=True))
    accept = locmem.EmailBackend.send_messages

    def stop_at_the_second(backend, messages):
        if len(mail.outbox) == 1:
            raise SoftTimeLimitExceeded()
        return accept(backend, messages)

    with (
        mock.patch.object(locmem.EmailBackend, "send_messages", stop_at_the_second),
        pytest.raises(SoftTimeLimitExceeded),
    ):
        digests.send_batch(people, run_at)
    statuses = list(Digest.objects.order_by("user_id").values_list("status", flat=True))
    assert statuses == ["sent", "claimed", "failed", "failed"]
    run_digests(run_at + timedelta(hours=1))
    assert len(recipients()) == len(set(recipients())) == 3
