"""Edits after approval: an unverified organisation's changes wait for a curator
(docs/architecture.md#moderation); a verified one's stay live and are logged."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse

from directory.accounts.acting import organisation_for
from directory.listings.models import Deployment, Moderation, Need, Offering, Organisation
from tests import factories
from tests.api.conftest import signed_in

pytestmark = pytest.mark.django_db

WAITING = "Your changes are waiting for review; the listing is hidden until then."


def offering_form(offering: Offering, **overrides) -> dict:
    """The offering form as its page posts it, with the offering's current values."""
    data = {
        "name": offering.name,
        "summary": offering.summary,
        "description": offering.description,
        "categories": [c.pk for c in offering.categories.all()],
        "runs": [mode for mode in Deployment.values if getattr(offering, mode)],
        "pricing_model": offering.pricing_model,
        "publish": "1",
    }
    data.update(overrides)
    return {name: value for name, value in data.items() if value != ""}


def need_form(need: Need, **overrides) -> dict:
    data = {
        "title": need.title,
        "description": need.description,
        "category": need.category.pk,
        "visibility": need.visibility,
        "publish": "1",
    }
    data.update(overrides)
    return data


def approve(admin_client, listing) -> None:
    model = type(listing)._meta.model_name
    admin_client.post(
        reverse(f"admin:directory_{model}_changelist"),
        {"action": "approve", "_selected_action": [listing.pk]},
    )


def assert_shown(client, offering: Offering, name: str, shown: bool) -> None:
    """Whether visitors see the offering under ``name``: its page, the list and the API."""
    page = client.get(reverse("offering_detail", args=[offering.slug]))
    listed = client.get(reverse("offering_list")).text
    api = client.get(f"/api/offerings/{offering.slug}/")
    if shown:
        assert page.status_code == 200 and name in page.text
        assert name in listed
        assert api.status_code == 200 and api.json()["name"] == name
    else:
        assert page.status_code == 404
        assert name not in listed
        assert api.status_code == 404


def test_an_unverified_providers_edit_is_hidden_until_a_curator_approves_it(client, admin_client):
    offering = factories.OfferingFactory(name="FieldNotes")
    member = factories.member_of(offering.organisation)
    visitor = client.__class__()
    assert_shown(visitor, offering, "FieldNotes", True)

    client.force_login(member)
    page = client.post(
        reverse("offering_edit", args=[offering.slug]),
        offering_form(offering, name="FieldNotes — now with a casino"),
    )
    assert page.status_code == 302
    assert WAITING in [str(m) for m in get_messages(page.wsgi_request)]
    offering.refresh_from_db()
    assert offering.status == Moderation.PENDING
    assert_shown(visitor, offering, "FieldNotes — now with a casino", False)
    assert_shown(visitor, offering, "FieldNotes", False)
    assert client.get(offering.get_absolute_url()).status_code == 200  # its owner still sees it

    approve(admin_client, offering)
    offering.refresh_from_db()
    assert offering.status == Moderation.PUBLISHED
    assert_shown(visitor, offering, "FieldNotes — now with a casino", True)


def test_a_patch_through_the_api_goes_back_to_review_too(client, admin_client):
    offering = factories.OfferingFactory(name="SurveyKit")
    api = signed_in(factories.member_of(offering.organisation))
    answer = api.patch(
        f"/api/offerings/{offering.slug}/", {"summary": "Click here to win."}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["status"] == Moderation.PENDING
    offering.refresh_from_db()
    assert offering.summary == "Click here to win." and offering.status == Moderation.PENDING
    assert_shown(client, offering, "SurveyKit", False)

    approve(admin_client, offering)
    assert_shown(client, offering, "SurveyKit", True)


def test_a_need_edited_by_an_unverified_nonprofit_goes_back_to_review(client):
    need = factories.NeedFactory(title="Send reminders to parents")
    client.force_login(factories.member_of(need.organisation))
    client.post(reverse("need_edit", args=[need.pk]), need_form(need, title="Buy followers"))
    need.refresh_from_db()
    assert need.title == "Buy followers" and need.status == Moderation.PENDING
    assert need not in Need.objects.matchable()
    client.logout()
    assert client.get(need.get_absolute_url()).status_code == 404
    assert "Buy followers" not in client.get(reverse("need_list")).text


def test_a_verified_organisations_edit_stays_live_and_is_logged(client, admin_client):
    offering = factories.OfferingFactory(
        name="FieldNotes", organisation=factories.ProviderFactory(is_verified=True)
    )
    member = factories.member_of(offering.organisation)
    client.force_login(member)
    page = client.post(
        reverse("offering_edit", args=[offering.slug]),
        offering_form(offering, summary="Now with SMS.", categories=[factories.category("sms").pk]),
    )
    assert WAITING not in [str(m) for m in get_messages(page.wsgi_request)]
    offering.refresh_from_db()
    assert offering.status == Moderation.PUBLISHED and offering.summary == "Now with SMS."
    client.logout()
    assert_shown(client, offering, "FieldNotes", True)

    [entry] = LogEntry.objects.filter(object_id=str(offering.pk))
    assert entry.action_flag == CHANGE and entry.user == member
    assert entry.get_change_message() == "Changed summary and categories."
    history = admin_client.get(reverse("admin:admin_logentry_changelist"))
    assert history.status_code == 200 and "Changed summary and categories." in history.text


def test_a_verified_nonprofits_api_edit_stays_live(client):
    need = factories.NeedFactory(organisation=factories.OrganisationFactory(is_verified=True))
    api = signed_in(factories.member_of(need.organisation))
    answer = api.patch(f"/api/needs/{need.pk}/", {"title": "A clearer title"}, format="json")
    assert answer.status_code == 200 and answer.json()["status"] == Moderation.PUBLISHED
    assert LogEntry.objects.filter(object_id=str(need.pk)).count() == 1


def test_a_save_with_no_change_keeps_the_listing_published(client):
    """Saving the form as it is, or an empty or same-value PATCH, changes no content; only a
    real change sends the listing back to review."""
    offering = factories.OfferingFactory(name="FieldNotes")
    need = factories.NeedFactory()
    client.force_login(factories.member_of(offering.organisation))
    client.post(reverse("offering_edit", args=[offering.slug]), offering_form(offering))
    api = signed_in(factories.member_of(offering.organisation))
    assert api.patch(f"/api/offerings/{offering.slug}/", {}, format="json").status_code == 200
    api.patch(f"/api/offerings/{offering.slug}/", {"name": "FieldNotes"}, format="json")
    client.force_login(factories.member_of(need.organisation))
    client.post(reverse("need_edit", args=[need.pk]), need_form(need))
    offering.refresh_from_db()
    need.refresh_from_db()
    assert offering.status == Moderation.PUBLISHED and need.status == Moderation.PUBLISHED

    client.post(reverse("need_edit", args=[need.pk]), need_form(need, description="New words."))
    api.patch(f"/api/offerings/{offering.slug}/", {"regions": ["KE"]}, format="json")
    offering.refresh_from_db()
    need.refresh_from_db()
    assert offering.status == Moderation.PENDING and need.status == Moderation.PENDING


def test_profile_edits_of_an_unverified_organisation_wait_for_a_curator(client, admin_client):
    organisation = factories.ProviderFactory(
        name="FieldTools", website="https://fieldtools.example"
    )
    factories.OfferingFactory(organisation=organisation)
    member = factories.member_of(organisation)
    client.force_login(member)
    edit = {"name": "Free Money Ltd", "website": "https://scam.example", "description": "Win!"}
    client.post(reverse("organisation_edit"), {**edit, "country": "KE"})

    organisation.refresh_from_db()
    assert organisation.country == "KE"  # not shown as the profile's text: saved at once
    assert organisation.pending_profile == edit
    # The form shows the waiting values, so saving again keeps them.
    form = client.get(reverse("organisation_edit")).text
    assert "Free Money Ltd" in form and "https://scam.example" in form

    visitor = client.__class__()
    for page in (
        visitor.get(organisation.get_absolute_url()).text,
        visitor.get("/api/organisations/").text,
        visitor.get(reverse("offering_list")).text,
    ):
        assert "FieldTools" in page
        assert "Free Money" not in page and "scam.example" not in page and "Win!" not in page

    admin_client.post(
        reverse("admin:directory_organisation_changelist"),
        {"action": "approve_profile", "_selected_action": [organisation.pk]},
    )
    organisation.refresh_from_db()
    assert (organisation.name, organisation.website) == ("Free Money Ltd", "https://scam.example")
    assert organisation.pending_profile == {}
    assert "Free Money Ltd" in visitor.get(organisation.get_absolute_url()).text


def test_a_verified_organisations_profile_edits_are_live(client):
    member = factories.member_of(factories.OrganisationFactory(name="Old name", is_verified=True))
    client.force_login(member)
    client.post(reverse("organisation_edit"), {"name": "Ruaha Girls Network"})
    organisation = Organisation.objects.get(pk=organisation_for(member).pk)
    assert organisation.name == "Ruaha Girls Network" and organisation.pending_profile == {}
