"""A registry entry nobody from its provider has confirmed says where it came from: the
import's date is not its provider's word."""

import pytest
from django.urls import reverse

from directory.listings.models import Offering
from tests.directory.conftest import import_registry_entries
from tests.directory.conftest import page_text as page
from tests.factories import member_of

pytestmark = pytest.mark.django_db

NOT_CONFIRMED = "Taken from the Digital Public Goods registry today; {} has not confirmed it here."


@pytest.fixture
def entries(tmp_path):
    import_registry_entries(tmp_path, "KoBoToolbox", "ODK")
    return list(Offering.objects.order_by("name"))


def test_an_entry_whose_provider_has_not_joined_is_not_called_confirmed(client, entries):
    kobo = entries[0]
    text = page(client, kobo.get_absolute_url())
    assert NOT_CONFIRMED.format(kobo.organisation.name) in text
    assert "Confirmed today by" not in text


def test_once_someone_of_its_provider_has_joined_it_reads_as_theirs(client, entries):
    kobo = entries[0]
    member_of(kobo.organisation)
    text = page(client, kobo.get_absolute_url())
    assert f"Confirmed today by {kobo.organisation.name}." in text


def test_the_comparison_says_who_confirmed_each(client, entries):
    kobo, odk = entries
    member_of(odk.organisation)
    query = {"ids": f"{kobo.pk},{odk.pk}"}
    row = page(client, reverse("compare") + f"?ids={query['ids']}")
    row = row.split("Last confirmed", 1)[1].split("</tr>", 1)[0]
    kobo_cell, odk_cell = row.split("<td>")[1:3]
    assert "Not by its provider: taken from the registry" in kobo_cell
    assert "Today" in odk_cell


def test_hindi_readers_read_it_in_hindi(client, entries):
    client.post(reverse("set_language"), {"language": "hi"})
    text = page(client, entries[0].get_absolute_url())
    assert "डिजिटल पब्लिक गुड्स रजिस्ट्री से आज लिया गया" in text
