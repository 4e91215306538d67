"""A registry entry's description is the registry's English text: a Hindi page says so and
marks it as English, so that a reader (and a screen reader) knows what they are reading."""

import pytest
from django.utils import translation

from directory.listings.models import Offering
from tests.directory.test_import_dpg import taxonomies  # noqa: F401  (the fixture)
from tests.directory.test_registry_notes import import_entries
from tests.factories import OfferingFactory

NOTE_HI = "यह विवरण डिजिटल पब्लिक गुड्स रजिस्ट्री का है, अंग्रेज़ी में।"


def page(client, offering, language: str) -> str:
    with translation.override(language):
        return client.get(offering.get_absolute_url(), headers={"accept-language": language}).text


@pytest.mark.django_db
def test_a_hindi_page_says_the_registry_description_is_in_english(
    client, tmp_path, django_capture_on_commit_callbacks
):
    import_entries(tmp_path, django_capture_on_commit_callbacks, "Moodle")
    moodle = Offering.objects.get(name="Moodle")
    hindi = page(client, moodle, "hi")
    assert NOTE_HI in hindi and '<div class="prose" lang="en">' in hindi
    english = page(client, moodle, "en")
    assert "registry's, in English" not in english and '<div class="prose">' in english


@pytest.mark.django_db
def test_a_members_own_description_is_not_called_english(client):
    offering = OfferingFactory()
    hindi = page(client, offering, "hi")
    assert NOTE_HI not in hindi and '<div class="prose">' in hindi
