"""Provider members adding and managing offerings; everyone else kept out."""

import pytest
from django.urls import reverse

from directory.accounts.acting import organisation_for
from directory.listings.models import Moderation, Offering
from tests.factories import OfferingFactory, offering_form

pytestmark = pytest.mark.django_db


def test_adding_an_offering_sends_it_for_review(client, provider_member):
    client.force_login(provider_member)
    page = client.post(reverse("offering_create"), offering_form())
    offering = Offering.objects.get()
    assert page.url == offering.get_absolute_url()
    assert offering.status == Moderation.PENDING
    assert offering.slug == "fieldnotes"
    assert offering.yearly_nonprofit_cost == 240


def test_same_name_gets_a_unique_slug(client, provider_member):
    OfferingFactory(name="FieldNotes")
    client.force_login(provider_member)
    client.post(reverse("offering_create"), offering_form())
    assert sorted(Offering.objects.values_list("slug", flat=True)) == ["fieldnotes", "fieldnotes-2"]


def test_an_offering_must_run_somewhere(client, provider_member):
    client.force_login(provider_member)
    data = offering_form()
    del data["runs"]
    page = client.post(reverse("offering_create"), data)
    assert "Tick at least one way it can run" in page.text
    assert not Offering.objects.exists()


def test_nonprofits_cannot_add_offerings(client, nonprofit_member):
    client.force_login(nonprofit_member)
    assert client.post(reverse("offering_create"), offering_form()).status_code == 403
    assert not Offering.objects.exists()


def test_another_provider_cannot_edit_or_unpublish(client, provider_member):
    offering = OfferingFactory(name="Theirs")
    client.force_login(provider_member)
    assert (
        client.post(reverse("offering_edit", args=[offering.slug]), offering_form()).status_code
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


# --- The form in plain words --------------------------------------------------------------


def test_the_form_names_licences_the_currency_and_each_country_once(client, provider_member):
    client.force_login(provider_member)
    html = client.get(reverse("offering_create")).text
    assert "Open source (MIT)" in html and "Not open source: a paid or own licence" in html
    assert "SPDX" not in html
    assert "Price a month for nonprofits (USD)" in html
    assert "---------" not in html
    assert html.count('value="IN"') == 1
    assert "Anywhere in the world" in html and 'data-filter-label="Find a country"' in html


@pytest.mark.parametrize(
    ("chosen", "stored", "shown"),
    [
        ({"licence": "Apache-2.0"}, "Apache-2.0", "Open source (Apache 2.0)"),
        ({"licence": "other", "licence_other": "EUPL-1.1"}, "EUPL-1.1", "EUPL-1.1"),
        ({"licence": ""}, "", None),
    ],
)
def test_a_licence_chosen_by_name_is_kept_as_its_id(client, provider_member, chosen, stored, shown):
    client.force_login(provider_member)
    client.post(reverse("offering_create"), offering_form(**chosen))
    offering = Offering.objects.get()
    assert offering.licence == stored
    page = client.get(offering.get_absolute_url()).text
    assert (shown in page) if shown else ("<dt>Licence</dt>" not in page)


def test_another_licence_needs_its_name(client, provider_member):
    client.force_login(provider_member)
    page = client.post(reverse("offering_create"), offering_form(licence="other"))
    assert "Write the licence&#x27;s short name." in page.text
    assert not Offering.objects.exists()


def test_editing_an_offering_under_a_rarer_licence_keeps_it(client, provider_member):
    offering = OfferingFactory(
        organisation=organisation_for(provider_member), licence="EUPL-1.1", regions=["IN"]
    )
    client.force_login(provider_member)
    form = client.get(reverse("offering_edit", args=[offering.slug])).context["form"]
    assert form["licence"].value() == "other" and form["licence_other"].value() == "EUPL-1.1"
    assert form["worldwide"].value() is False and form["regions"].value() == ["IN"]


@pytest.mark.parametrize(
    ("chosen", "regions"),
    [({"worldwide": "on"}, []), ({"regions": ["IN", "NP"]}, ["IN", "NP"])],
)
def test_worldwide_or_some_countries(client, provider_member, chosen, regions):
    client.force_login(provider_member)
    client.post(reverse("offering_create"), offering_form(**chosen))
    assert [country.code for country in Offering.objects.get().regions] == regions


def test_worldwide_and_some_countries_at_once_is_refused(client, provider_member):
    client.force_login(provider_member)
    page = client.post(reverse("offering_create"), offering_form(worldwide="on", regions=["IN"]))
    assert "Untick “Anywhere in the world”" in page.text
    assert not Offering.objects.exists()


# --- What the offering's page claims ------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "price"),
    [
        ({"licence": "MIT"}, "Free · open source"),
        ({"licence": "", "repository": "https://code.example/tool"}, "Free · open source"),
        ({"licence": "", "repository": ""}, "Free</span>"),  # volunteers' time: free, no source
    ],
)
def test_free_is_called_open_source_only_when_its_source_is_open(client, fields, price):
    offering = OfferingFactory(pricing_model=Offering.Pricing.FREE, **fields)
    html = client.get(offering.get_absolute_url()).text
    assert price in html
    if "open source" not in price:
        assert "open source" not in html


def test_the_countries_it_serves_are_named_not_coded(client):
    offering = OfferingFactory(regions=["US", "CA"])
    html = client.get(offering.get_absolute_url()).text
    assert "Canada" in html and "United States of America" in html
    assert "CA, US" not in html and "US, CA" not in html


def test_the_forms_summary_links_each_answer_to_fix(client, provider_member):
    """A long form on a phone: the summary at its top leads to each question to fix."""
    client.force_login(provider_member)
    data = offering_form()
    del data["runs"]
    page = client.post(reverse("offering_create"), data).text
    link = '<li><a href="#id_runs">How it can run</a>: Tick at least one way it can run.</li>'
    assert link in page
    assert 'id="id_runs"' in page, "the link leads to the question"
