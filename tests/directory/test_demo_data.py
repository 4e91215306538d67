"""``manage.py seed_demo`` on an empty database, and again: introductions in every state."""

import io
from unittest import mock

import pytest
from django.core.management import call_command

from directory.data.demo import OFFERINGS
from directory.engagement.models import Feedback, Interest, Introduction
from directory.events.models import Event
from directory.listings.models import Offering, Organisation

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    # The matches are not what these tests look at: skip the re-match of every listing.
    with mock.patch("matching.signals.enqueue"):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_has_introductions_in_each_state_and_a_rerun_changes_nothing():
    seed()
    statuses = set(Introduction.objects.values_list("status", flat=True))
    assert {"pending", "accepted", "declined", "expired"} <= statuses
    pending = Introduction.objects.get(status="pending")
    assert pending.offering.organisation.slug == "fieldnote-labs"
    assert Feedback.objects.filter(introduction__status="accepted").exists()
    assert Interest.objects.filter(introduction__isnull=True).exists()
    counts = (Organisation.objects.count(), Introduction.objects.count(), Feedback.objects.count())
    assert "created 0," in seed()
    assert counts == (
        Organisation.objects.count(),
        Introduction.objects.count(),
        Feedback.objects.count(),
    )


def test_a_rerun_leaves_what_people_did_in_the_demo_alone():
    seed()
    pending = Introduction.objects.get(status="pending")
    pending.close(Introduction.Status.DECLINED, answer_note="Not for us")
    seed()
    pending.refresh_from_db()
    assert pending.status == "declined"
    assert not Introduction.objects.filter(status="pending").exists()


def test_the_demo_has_an_event_in_bengaluru_on_india_time_with_both_kinds_registered():
    seed()
    seed()
    event = Event.objects.get()
    assert event.name == "Impact Socials, Bengaluru"
    assert event.time_zone == "Asia/Kolkata"
    kinds = set(event.registrations.values_list("organisation__kind", flat=True))
    assert kinds == {"nonprofit", "provider"}
    assert event.registrations.count() == 19


def test_a_hindi_reader_reads_every_demo_tools_summary_in_hindi(client):
    seed()
    hindi = client.get("/offerings/?q=FieldNote", HTTP_ACCEPT_LANGUAGE="hi").text
    assert "फ़ील्ड टीमों के लिए मोबाइल फ़ॉर्म" in hindi
    assert "Mobile forms for field teams" not in hindi
    demo_tools = [item["name"] for item in OFFERINGS]
    assert not Offering.objects.filter(name__in=demo_tools, summary_hi="").exists()
