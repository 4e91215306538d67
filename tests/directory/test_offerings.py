"""Provider members adding and managing offerings; everyone else kept out."""

import pytest
from django.urls import reverse

from directory.accounts.acting import organisation_for
from directory.listings.models import Moderation, Offering
from tests.directory.conftest import assert_form_refused
from tests.factories import (
    OfferingFactory,
    OrganisationFactory,
    ProviderFactory,
    category,
    member_of,
)

pytestmark = pytest.mark.django_db


def valid_offering(**overrides) -> dict:
    data = {
        "name": "FieldNotes",
        "summary": "Offline surveys on any phone.",
        "description": "Design a form, collect answers without signal, sync later.",
        "categories": [category().pk],
        "cloud": "on",
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": "50",
        "nonprofit_price_monthly": "20",
        "setup_cost": "0",
        "website": "https://fieldnotes.example",
        "publish": "1",
    }
    data.update(overrides)
    return data


@pytest.fixture
def provider_member():
    return member_of(ProviderFactory())


def test_adding_an_offering_sends_it_for_review(client, provider_member):
    client.force_login(provider_member)
    page = client.post(reverse("offering_create"), valid_offering())
    offering = Offering.objects.get()
    assert page.url == offering.get_absolute_url()
    assert offering.status == Moderation.PENDING
    assert offering.slug == "fieldnotes"
    assert offering.yearly_nonprofit_cost == 240


def test_same_name_gets_a_unique_slug(client, provider_member):
    OfferingFactory(name="FieldNotes")
    client.force_login(provider_member)
    client.post(reverse("offering_create"), valid_offering())
    assert sorted(Offering.objects.values_list("slug", flat=True)) == ["fieldnotes", "fieldnotes-2"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "n" * 121, "at most 120 characters"),
        ("summary", "s" * 241, "at most 240 characters"),
        ("website", "not a url", "Enter a valid URL"),
        ("nonprofit_price_monthly", "-1", "greater than or equal to 0"),
        ("nonprofit_price_monthly", "80", "cannot be above the list price"),
        ("setup_cost", "-100", "greater than or equal to 0"),
        ("categories", [], "This field is required"),
        ("licence", "MIT; rm -rf", "SPDX"),
        ("pricing_model", "whatever", "Select a valid choice"),
    ],
)
def test_bad_offering_input_is_refused_and_nothing_saved(
    client, provider_member, field, value, message
):
    client.force_login(provider_member)
    page = client.post(reverse("offering_create"), valid_offering(**{field: value}))
    assert_form_refused(page, message, Offering)


def test_an_offering_must_run_somewhere(client, provider_member):
    client.force_login(provider_member)
    data = valid_offering()
    del data["cloud"]
    page = client.post(reverse("offering_create"), data)
    assert "Tick at least one way it can run" in page.text
    assert not Offering.objects.exists()


def test_too_many_categories_are_refused(client, provider_member):
    client.force_login(provider_member)
    many = [category(f"cat-{n}").pk for n in range(6)]
    page = client.post(reverse("offering_create"), valid_offering(categories=many))
    assert "Choose at most 5" in page.text
    assert not Offering.objects.exists()


def test_nonprofits_cannot_add_offerings(client):
    client.force_login(member_of(OrganisationFactory()))
    assert client.post(reverse("offering_create"), valid_offering()).status_code == 403
    assert not Offering.objects.exists()


def test_another_provider_cannot_edit_or_unpublish(client):
    offering = OfferingFactory(name="Theirs")
    client.force_login(member_of(ProviderFactory()))
    assert (
        client.post(reverse("offering_edit", args=[offering.slug]), valid_offering()).status_code
        == 404
    )
    assert (
        client.post(reverse("offering_action", args=[offering.slug, "unpublish"])).status_code
        == 404
    )
    offering.refresh_from_db()
    assert offering.name == "Theirs" and offering.status == Moderation.PUBLISHED


def test_owner_unpublishes_and_the_offering_leaves_the_list(client, provider_member):
    offering = OfferingFactory(name="Going away", organisation=organisation_for(provider_member))
    client.force_login(provider_member)
    client.post(reverse("offering_action", args=[offering.slug, "unpublish"]))
    offering.refresh_from_db()
    assert offering.status == Moderation.DRAFT
    assert "Going away" not in client.get(reverse("offering_list")).text


def test_owner_confirms_an_offering_is_current(client, provider_member):
    offering = OfferingFactory(organisation=organisation_for(provider_member))
    Offering.objects.filter(pk=offering.pk).update(confirmed_at="2020-01-01T00:00:00Z")
    client.force_login(provider_member)
    client.post(reverse("offering_action", args=[offering.slug, "confirm"]))
    offering.refresh_from_db()
    assert offering.days_since_confirmed == 0


def test_stale_offerings_leave_browsing(client):
    offering = OfferingFactory(name="Old listing")
    Offering.objects.filter(pk=offering.pk).update(confirmed_at="2020-01-01T00:00:00Z")
    assert "Old listing" not in client.get(reverse("offering_list")).text
