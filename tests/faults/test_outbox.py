"""The broker is down while people ask for, answer and approve things: the change is saved,
the page answers as usual, and the outbox (directory/outbox/delivery.py) keeps each task until
its sweep hands it to the broker once it is back.

"Down" is ``apply_async`` raising what kombu raises for a refused connection; tasks run
in-process (eager), so what a sweep sends shows in ``mail.outbox`` and in the matches. The
last tests use a real worker and the real Redis (tests/worker.py): the save publishes to a
port nothing listens on, the sweep to the real Redis.
"""

from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from directory.engagement.introduction_mail import send_introduction_emails
from directory.engagement.models import Introduction
from directory.listings.models import Moderation, Need
from directory.notifications.moderation_mail import send_moderation_email
from directory.outbox import delivery
from directory.outbox.models import OutboxTask
from directory.outbox.tasks import sweep_outbox
from impact_socials.celery import app as celery_app
from matching import tasks as matching_tasks
from matching.models import Match
from tests import factories
from tests.directory.introduction_data import (
    ACCEPTOR_EMAIL,
    COLLEAGUE_EMAIL,
    REQUESTER_EMAIL,
    World,
    make_world,
    sent_to,
)
from tests.worker import needs_real_worker, wait_for

pytestmark = pytest.mark.django_db
UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
def world() -> World:
    world = make_world()
    delivery.sweep(later())  # the re-matches its listings queued
    return world


@contextmanager
def broker_down(monkeypatch, *tasks):
    """Every ``apply_async`` of ``tasks`` fails as with Redis stopped, until the block ends."""

    def refused(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patched:
        for task in tasks:
            patched.setattr(task, "apply_async", refused)
        yield


def later():
    """When the rows written now are due for the sweep."""
    return timezone.now() + settings.OUTBOX_SWEEP


def unsent(task) -> list[OutboxTask]:
    return list(OutboxTask.objects.filter(task=task.name, sent_at__isnull=True))


def post(client, user, url, data, capture):
    client.force_login(user)
    with capture(execute=True):
        return client.post(url, data)


def ask(client, world, capture):
    url = reverse("introduction_request", args=[world.offering.slug])
    return post(client, world.requester, url, {"need": world.need.pk, "message": "Hello"}, capture)


# (a) E-mails asked for while the broker is down go out after it is back


def test_asking_with_the_broker_down_saves_the_request_and_the_sweep_emails_it(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    with broker_down(monkeypatch, send_introduction_emails):
        page = ask(client, world, django_capture_on_commit_callbacks)
    assert page.status_code == 302
    introduction = Introduction.objects.get()
    assert introduction.status == Introduction.Status.PENDING
    [row] = unsent(send_introduction_emails)
    assert row.args == [introduction.pk, "requested"]
    assert row.attempts == 1 and "Connection refused" in row.last_error
    assert mail.outbox == []

    assert delivery.sweep(later()) == 1
    assert len(sent_to(ACCEPTOR_EMAIL)) == 1 and len(sent_to(COLLEAGUE_EMAIL)) == 1
    assert unsent(send_introduction_emails) == []


def test_answering_with_the_broker_down_saves_the_answer_and_the_sweep_emails_it(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    introduction = world.introduction()
    url = reverse("introduction_answer", args=[introduction.pk])
    data = {"decision": "accept", "note": "Happy to help."}
    with broker_down(monkeypatch, send_introduction_emails):
        page = post(client, world.acceptor, url, data, django_capture_on_commit_callbacks)
    assert page.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Introduction.Status.ACCEPTED
    [row] = unsent(send_introduction_emails)
    assert row.args == [introduction.pk, "answered"]
    assert mail.outbox == []

    delivery.sweep(later())
    [to_requester] = sent_to(REQUESTER_EMAIL)
    assert "accepted" in to_requester.subject
    assert sent_to(ACCEPTOR_EMAIL) and sent_to(COLLEAGUE_EMAIL)


def test_approving_with_the_broker_down_publishes_and_the_sweep_tells_the_owners(
    admin_client, monkeypatch, django_capture_on_commit_callbacks
):
    need = factories.NeedFactory(title="Waiting for review", status=Moderation.PENDING)
    factories.member_of(need.organisation, email="amina@clinic.example")
    factories.member_of(need.organisation, email="joseph@clinic.example")
    with (
        broker_down(monkeypatch, send_moderation_email),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = admin_client.post(
            reverse("admin:directory_need_changelist"),
            {"action": "approve", "_selected_action": [need.pk]},
        )
    assert page.status_code == 302
    need.refresh_from_db()
    assert need.status == Moderation.PUBLISHED
    assert len(unsent(send_moderation_email)) == 2, "one per member, none sent"
    assert mail.outbox == []

    delivery.sweep(later())
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["amina@clinic.example", "joseph@clinic.example"]
    assert all(
        message.subject == "“Waiting for review” is now in the directory" for message in mail.outbox
    )


# (b) A need posted while the broker is down is matched after it is back


def test_a_need_posted_with_the_broker_down_is_matched_after_the_sweep(
    client, monkeypatch, django_capture_on_commit_callbacks
):
    offering = factories.OfferingFactory(**factories.SURVEY_TOOL)
    delivery.sweep(later())  # the offering's own re-match
    client.force_login(factories.member_of(factories.OrganisationFactory(is_verified=True)))
    data = factories.need_form(**factories.SURVEY_NEED)
    with (
        broker_down(monkeypatch, matching_tasks.refresh_listing),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = client.post(reverse("need_create"), data)
    assert page.status_code == 302
    need = Need.objects.get(title=factories.SURVEY_NEED["title"])
    assert not Match.objects.filter(need=need).exists()
    [row] = unsent(matching_tasks.refresh_listing)
    assert row.args == ["need", need.pk]

    delivery.sweep(later())
    assert Match.objects.filter(need=need, offering=offering).exists()
    assert unsent(matching_tasks.refresh_listing) == []


# (c) Each row is sent once


def test_two_sweeps_in_a_row_send_each_row_once(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    with broker_down(monkeypatch, send_introduction_emails):
        ask(client, world, django_capture_on_commit_callbacks)
    run_at = later()
    assert delivery.sweep(run_at) == 1
    assert delivery.sweep(run_at) == 0
    assert delivery.sweep(run_at + timedelta(hours=1)) == 0
    assert len(mail.outbox) == 2, "one e-mail to each of the provider's two members"
    row = OutboxTask.objects.get(task=send_introduction_emails.name)
    assert row.sent_at is not None and row.attempts == 2 and row.last_error == ""


def test_a_sweep_leaves_rows_another_sweep_has_claimed(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    with broker_down(monkeypatch, send_introduction_emails):
        ask(client, world, django_capture_on_commit_callbacks)
    run_at = later()
    [claimed] = delivery.claim(run_at)  # as a sweep running alongside would
    assert delivery.claim(run_at) == []
    assert delivery.sweep(run_at) == 0 and mail.outbox == []
    assert delivery.send([claimed]) == 1
    assert len(mail.outbox) == 2


def test_what_the_broker_took_after_the_commit_is_not_sent_again(
    client, world, django_capture_on_commit_callbacks
):
    assert ask(client, world, django_capture_on_commit_callbacks).status_code == 302
    assert len(mail.outbox) == 2
    assert OutboxTask.objects.get(task=send_introduction_emails.name).sent_at is not None
    assert delivery.sweep(later()) == 0
    assert len(mail.outbox) == 2


def test_a_sweep_with_the_broker_still_down_keeps_the_row_for_the_next(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    with broker_down(monkeypatch, send_introduction_emails):
        ask(client, world, django_capture_on_commit_callbacks)
        assert delivery.sweep(later()) == 0
    [row] = unsent(send_introduction_emails)
    assert row.attempts == 2 and row.next_try_at > timezone.now()
    assert delivery.sweep(later() + settings.OUTBOX_SWEEP) == 1
    assert len(mail.outbox) == 2


def test_the_beat_task_and_the_command_send_what_is_due(
    client, world, monkeypatch, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOX_SWEEP = timedelta(0)  # due at once
    with broker_down(monkeypatch, send_introduction_emails):
        ask(client, world, django_capture_on_commit_callbacks)
        ask(client, world, django_capture_on_commit_callbacks)  # refused: one open request
    assert sweep_outbox.delay().get() == 1
    assert len(mail.outbox) == 2

    introduction = Introduction.objects.get()
    url = reverse("introduction_answer", args=[introduction.pk])
    with broker_down(monkeypatch, send_introduction_emails):
        post(
            client,
            world.acceptor,
            url,
            {"decision": "decline", "note": "Not now."},
            django_capture_on_commit_callbacks,
        )
    call_command("flush_outbox", "--all")
    assert sent_to(REQUESTER_EMAIL) and unsent(send_introduction_emails) == []


def test_sent_rows_are_dropped_after_a_week(client, world, django_capture_on_commit_callbacks):
    ask(client, world, django_capture_on_commit_callbacks)
    assert OutboxTask.objects.filter(sent_at__isnull=False).exists()
    delivery.sweep(timezone.now() + delivery.KEEP_SENT + timedelta(minutes=1))
    assert not OutboxTask.objects.filter(sent_at__isnull=False).exists()


# (d) Through a real worker: Redis unreachable for the save, back for the sweep


def with_real_worker(test):
    for mark in needs_real_worker:
        test = mark(test)
    return test


@contextmanager
def publishing_to(url: str):
    """Send tasks to ``url`` until the block ends; the worker goes on consuming from Redis."""
    saved = celery_app.conf.broker_write_url
    celery_app.conf.broker_write_url = url
    celery_app._pool = celery_app.amqp._producer_pool = None  # pools are made per URL
    try:
        yield
    finally:
        celery_app.conf.broker_write_url = saved
        celery_app._pool = celery_app.amqp._producer_pool = None


@with_real_worker
def test_a_need_saved_while_redis_is_unreachable_is_matched_by_a_real_worker(worker):
    offering = factories.OfferingFactory(**factories.SURVEY_TOOL)
    with publishing_to(UNREACHABLE):
        need = factories.NeedFactory(**factories.SURVEY_NEED)
    [row] = unsent(matching_tasks.refresh_listing)
    assert row.args == ["need", need.pk] and row.last_error
    assert delivery.sweep(later()) == 1  # the embedding and re-match (refresh_listing)
    assert wait_for(lambda: Match.objects.filter(need=need, offering=offering).exists())


@with_real_worker
def test_an_introduction_asked_while_redis_is_unreachable_is_emailed_by_a_real_worker(
    client, worker
):
    world = make_world()
    url = reverse("introduction_request", args=[world.offering.slug])
    client.force_login(world.requester)
    with publishing_to(UNREACHABLE):
        page = client.post(url, {"need": world.need.pk, "message": "Hello"})
    assert page.status_code == 302
    assert unsent(send_introduction_emails)
    delivery.sweep(later())
    assert wait_for(lambda: len(sent_to(ACCEPTOR_EMAIL) + sent_to(COLLEAGUE_EMAIL)) == 2)
