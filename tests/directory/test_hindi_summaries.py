"""Hindi summaries of the registry's tools (directory/data/registry_notes.json, ``summary_hi``):
every note has one; an import stores it beside the English summary; Hindi pages show it where
there is one, the summary as written where there is none, and English pages the English."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from directory.data.registry_notes import notes, registry_note
from directory.listings.models import Offering
from tests.directory.conftest import import_registry_entries
from tests.directory.conftest import page_text as page
from tests.factories import OfferingFactory

HINDI_LIMIT = Offering._meta.get_field("summary_hi").max_length
DEVANAGARI = re.compile("[\u0900-\u097f]")
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z-]+")


def test_every_note_has_a_hindi_summary_that_fits():
    for name, note in notes().items():
        assert note.summary_hi, name
        assert len(note.summary_hi) <= HINDI_LIMIT, name
        assert DEVANAGARI.search(note.summary_hi), name


def test_a_hindi_summary_is_in_hindi_not_english_left_over():
    """Latin letters only for names (products, standards): never most of a summary's words."""
    for name, note in notes().items():
        words = note.summary_hi.split()
        latin = [word for word in words if LATIN_WORD.fullmatch(word.strip("(),.।:;"))]
        assert len(latin) <= len(words) / 2, name


@pytest.mark.django_db
def test_hindi_pages_show_the_hindi_summary_and_english_pages_the_english(tmp_path):
    import_registry_entries(tmp_path, "CiviCRM")
    civicrm = Offering.objects.get(name="CiviCRM")
    note = registry_note("CiviCRM")
    assert civicrm.summary_hi == note.summary_hi
    own = OfferingFactory(summary="Offline survey forms on any phone, for field teams.")

    hindi, english = Client(HTTP_ACCEPT_LANGUAGE="hi"), Client(HTTP_ACCEPT_LANGUAGE="en")
    for url in (civicrm.get_absolute_url(), reverse("offering_list")):
        assert note.summary_hi in page(hindi, url)
        assert note.summary not in page(hindi, url)
        assert note.summary in page(english, url)
        assert note.summary_hi not in page(english, url)
    # An offering nobody has written a Hindi summary for shows its own words on a Hindi page.
    assert own.summary in page(hindi, reverse("offering_list"))
    assert own.summary in page(hindi, own.get_absolute_url())
