"""Faults survived: the broker is down while someone saves a need; the outbox keeps the
re-match for its sweep (tests/faults/test_outbox.py)."""

import logging

import pytest
from django.urls import reverse
from kombu.exceptions import OperationalError

from directory.listings.models import Need
from directory.outbox.models import OutboxTask
from impact_socials.celery import app as celery_app
from matching import tasks
from tests.factories import OrganisationFactory, member_of, need_form

pytestmark = pytest.mark.django_db


def test_saving_a_need_succeeds_and_is_logged_when_the_broker_is_down(
    client, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    save_a_need_with_the_broker_down(
        client, monkeypatch, caplog, django_capture_on_commit_callbacks
    )


def save_a_need_with_the_broker_down(client, monkeypatch, caplog, capture_on_commit) -> None:
    """Saves a need while the broker refuses the re-match: the need is saved, the failure
    logged and the re-match left in the outbox. Shared with tests/faults/test_redis_down.py,
    where the cache is down too."""

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    celery_app.conf.task_always_eager = False  # tests/conftest.py restores it
    monkeypatch.setattr(tasks.refresh_listing, "apply_async", broker_down)
    client.force_login(member_of(OrganisationFactory(is_verified=True)))
    data = need_form(title="Reminders", description="Text parents.")
    with (
        caplog.at_level(logging.ERROR, logger="directory.outbox.delivery"),
        capture_on_commit(execute=True),
    ):
        page = client.post(reverse("need_create"), data)
    assert page.status_code == 302
    assert Need.objects.get().title == "Reminders"
    assert "stays in the outbox for the sweep" in caplog.text
    [row] = OutboxTask.objects.filter(task="matching.tasks.refresh_listing")
    assert row.sent_at is None
    assert "Connection refused" in row.last_error
