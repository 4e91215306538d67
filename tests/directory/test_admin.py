"""Curators moderating in Django admin."""

import pytest
from django.core import mail
from django.urls import reverse

from directory.listings.models import Moderation, Organisation
from tests.factories import NeedFactory, OfferingFactory, ProviderFactory, member_of

pytestmark = pytest.mark.django_db


def test_admin_approves_a_pending_need_and_it_appears(
    admin_client, client, django_capture_on_commit_callbacks
):
    need = NeedFactory(title="Waiting for review", status=Moderation.PENDING)
    member_of(need.organisation, email="amina@clinic.example")
    assert "Waiting for review" not in client.get(reverse("need_list")).text
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:directory_need_changelist"),
            {"action": "approve", "_selected_action": [need.pk]},
        )
    need.refresh_from_db()
    assert need.status == Moderation.PUBLISHED and need.published_at is not None
    assert "Waiting for review" in client.get(reverse("need_list")).text
    [message] = mail.outbox
    assert message.to == ["amina@clinic.example"]
    assert message.subject == "“Waiting for review” is now in the directory"
    assert need.get_absolute_url() in message.body


def test_approving_an_already_published_listing_e_mails_nobody(
    admin_client, django_capture_on_commit_callbacks
):
    need = NeedFactory()
    member_of(need.organisation)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:directory_need_changelist"),
            {"action": "approve", "_selected_action": [need.pk]},
        )
    assert mail.outbox == []


def test_admin_rejects_with_a_reason_the_owner_sees(
    admin_client, django_capture_on_commit_callbacks
):
    offering = OfferingFactory(status=Moderation.PENDING, name="SMS Buddy")
    member_of(offering.organisation, email="joe@sms.example")
    changelist = reverse("admin:directory_offering_changelist")
    confirm = admin_client.post(changelist, {"action": "reject", "_selected_action": [offering.pk]})
    assert "Reject with a reason" in confirm.text
    with django_capture_on_commit_callbacks(execute=True):
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
    [message] = mail.outbox
    assert message.to == ["joe@sms.example"] and "not approved" in message.subject
    assert "Please describe the pricing." in message.body
    assert reverse("offering_edit", args=[offering.slug]) in message.body


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
