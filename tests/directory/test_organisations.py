"""Members keep their organisation's profile; the public page shows it without private details."""

import pytest
from django.urls import reverse

from directory.accounts.acting import organisation_for
from directory.listings.models import Organisation
from tests.factories import OrganisationFactory, ProviderFactory, UserFactory, member_of, system

pytestmark = pytest.mark.django_db


def test_a_nonprofit_member_edits_the_profile_with_systems_in_use(client):
    member = member_of(OrganisationFactory(name="Old name"))
    client.force_login(member)
    sheets = system("google-sheets")
    page = client.post(
        reverse("organisation_edit"),
        {
            "name": "Ruaha Girls Network",
            "website": "https://ruaha.example",
            "country": "TZ",
            "systems_in_use": [sheets.pk],
        },
    )
    organisation = Organisation.objects.get(pk=organisation_for(member).pk)
    assert page.status_code == 302 and page.url == organisation.get_absolute_url()
    # Not verified: the public name and website wait for a curator, the rest is saved
    # (docs/architecture.md#moderation).
    assert organisation.name == "Old name"
    assert organisation.pending_profile == {
        "name": "Ruaha Girls Network",
        "website": "https://ruaha.example",
    }
    assert organisation.country == "TZ"
    assert list(organisation.systems_in_use.all()) == [sheets]


def test_a_provider_profile_asks_for_regions_not_systems_in_use(client):
    client.force_login(member_of(ProviderFactory()))
    page = client.get(reverse("organisation_edit"))
    assert 'name="regions_served"' in page.text and 'name="systems_in_use"' not in page.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("website", "javascript:alert(1)", "Enter a valid URL"),
        ("name", "", "Please fill this in"),
        ("contact_email", "nope", "valid email"),
    ],
)
def test_bad_profile_input_is_refused_and_nothing_saved(client, field, value, message):
    member = member_of(OrganisationFactory(name="Kept"))
    client.force_login(member)
    page = client.post(reverse("organisation_edit"), {"name": "Changed", field: value})
    assert page.status_code == 200 and message in page.text
    assert Organisation.objects.get(pk=organisation_for(member).pk).name == "Kept"


def test_people_without_an_organisation_get_a_clear_refusal(client):
    client.force_login(UserFactory())
    page = client.get(reverse("dashboard"))
    assert page.status_code == 403 and "Only members of an organisation" in page.text


def test_a_provider_asked_for_a_nonprofits_page_is_refused_in_hindi(client):
    client.force_login(member_of(ProviderFactory()))
    page = client.get(reverse("need_create"), HTTP_ACCEPT_LANGUAGE="hi")
    assert page.status_code == 403
    assert "यह सिर्फ़ किसी स्वयंसेवी संस्था के सदस्य कर सकते हैं।" in page.text
    assert "Only members" not in page.text
