"""Curators moderating in Django admin."""

import pytest
from django.urls import reverse

from directory.models import Moderation, Organisation
from tests.factories import NeedFactory, OfferingFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def test_admin_approves_a_pending_need_and_it_appears(admin_client, client):
    need = NeedFactory(title="Waiting for review", status=Moderation.PENDING)
    assert "Waiting for review" not in client.get(reverse("need_list")).text
    admin_client.post(
        reverse("admin:directory_need_changelist"),
        {"action": "approve", "_selected_action": [need.pk]},
    )
    need.refresh_from_db()
    assert need.status == Moderation.PUBLISHED and need.published_at is not None
    assert "Waiting for review" in client.get(reverse("need_list")).text


def test_admin_rejects_with_a_reason_the_owner_sees(admin_client):
    offering = OfferingFactory(status=Moderation.PENDING)
    changelist = reverse("admin:directory_offering_changelist")
    confirm = admin_client.post(changelist, {"action": "reject", "_selected_action": [offering.pk]})
    assert "Reject with a reason" in confirm.text
    admin_client.post(
        changelist,
        {
            "action": "reject",
            "_selected_action": [offering.pk],
            "reason": "Please describe the pricing.",
        },
    )
    offering.refresh_from_db()
    assert offering.status == Moderation.REJECTED
    assert offering.rejection_reason == "Please describe the pricing."


def test_admin_verifies_a_provider(admin_client):
    provider = ProviderFactory()
    admin_client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "verify", "_selected_action": [provider.pk]},
    )
    assert Organisation.objects.get(pk=provider.pk).is_verified


def test_admin_features_an_offering(admin_client):
    offering = OfferingFactory()
    admin_client.post(
        reverse("admin:directory_offering_changelist"),
        {"action": "feature", "_selected_action": [offering.pk]},
    )
    offering.refresh_from_db()
    assert offering.is_featured


@pytest.mark.parametrize(
    "model",
    [
        "need",
        "offering",
        "organisation",
        "membership",
        "category",
        "system",
        "standard",
        "sector",
        "language",
        "user",
    ],
)
def test_every_admin_list_and_add_page_opens(admin_client, model):
    NeedFactory()
    OfferingFactory()
    assert admin_client.get(reverse(f"admin:directory_{model}_changelist")).status_code == 200
    assert admin_client.get(reverse(f"admin:directory_{model}_add")).status_code == 200


def test_non_staff_cannot_open_the_admin(client):
    page = client.get(reverse("admin:directory_need_changelist"))
    assert page.status_code == 302 and "/admin/login/" in page.url
