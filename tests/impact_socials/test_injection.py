"""Listing text is shown as text everywhere it appears: pages, e-mails and admin. (CSV formula
injection is tested with the export, tests/directory/test_csv_export.py.)"""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.listings import freshness
from directory.listings.models import Need, Offering
from directory.notifications.tasks import send_due_digests
from tests.directory.digest_data import later, make_world
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
IMAGE = '<img src=x onerror="alert(1)">'


@pytest.fixture
def world():
    world = make_world()
    Need.objects.filter(pk=world.need.pk).update(title=f"Surveys {SCRIPT}")
    Offering.objects.filter(pk=world.offering.pk).update(
        name=f"Forms {IMAGE}", summary=SCRIPT, description=f"Works {SCRIPT}"
    )
    world.need.refresh_from_db()
    world.offering.refresh_from_db()
    return world


def assert_inert(html: str) -> None:
    assert SCRIPT not in html and IMAGE not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_pages_show_listing_text_as_text(client, world):
    client.force_login(world.nonprofit_member)
    for url in (
        world.need.get_absolute_url(),
        world.offering.get_absolute_url(),
        reverse("offering_list"),
        reverse("need_list"),
        reverse("dashboard"),
        reverse("compare") + f"?ids={world.offering.pk},{OfferingFactory().pk}",
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert_inert(page.text)


def test_the_digest_and_reminder_e_mails_show_listing_text_as_text(world):
    send_due_digests.delay(later().isoformat())
    Need.objects.filter(pk=world.need.pk).update(confirmed_at=timezone.now() - timedelta(days=95))
    freshness.send_reminders()

    assert len(mail.outbox) >= 3, "two digests and one reminder"
    for message in mail.outbox:
        assert_inert(message.alternatives[0][0])


def test_admin_shows_listing_text_as_text(admin_client, world):
    for url in (
        reverse("admin:directory_need_changelist"),
        reverse("admin:directory_offering_changelist"),
        reverse("admin:directory_need_change", args=[world.need.pk]),
        reverse("admin:matching_match_changelist"),
    ):
        page = admin_client.get(url)
        assert page.status_code == 200, url
        assert_inert(page.text)
