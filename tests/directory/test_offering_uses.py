"""What people use a tool for: every curators' note lists everyday uses in English and Hindi,
an import stores them, the offering's page lists them in the reader's language, providers
write their own, and matching reads them beside the summary."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from directory.data.registry_notes import notes, registry_note
from directory.listings.models import Offering
from matching.core import OfferingIndex
from matching.profiles import load_vocabulary, need_profile, offering_profile
from matching.semantic import offering_embedding_texts
from tests.api.conftest import signed_in
from tests.directory.conftest import import_registry_entries
from tests.directory.conftest import page_text as page
from tests.factories import (
    NeedFactory,
    OfferingFactory,
    ProviderFactory,
    member_of,
    offering_form,
)

DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def test_every_note_lists_short_uses_with_the_same_uses_in_hindi():
    for name, note in notes().items():
        assert 5 <= len(note.uses) <= 15, name
        assert len(set(note.uses)) == len(note.uses), name
        assert len(note.uses_hi) == len(note.uses), name
        for use in note.uses:
            assert 3 <= len(use.split()) <= 12, (name, use)
        for use in note.uses_hi:
            assert DEVANAGARI.search(use), (name, use)
        assert len("\n".join(note.uses)) <= Offering._meta.get_field("uses").max_length, name
        assert len("\n".join(note.uses_hi)) <= Offering._meta.get_field("uses_hi").max_length


@pytest.mark.django_db
def test_an_imported_tool_lists_its_uses_on_its_page_in_the_readers_language(tmp_path):
    import_registry_entries(tmp_path, "OpenLMIS")
    openlmis = Offering.objects.get(name="OpenLMIS")
    note = registry_note("OpenLMIS")
    assert openlmis.uses.splitlines() == list(note.uses)

    english = page(Client(HTTP_ACCEPT_LANGUAGE="en"), openlmis.get_absolute_url())
    assert "What people use it for" in english
    assert all(f"<li>{use}</li>" in english for use in note.uses)
    # The first five are listed; the rest wait, folded, behind how many more there are.
    listed, folded = english.split('<details class="more-uses">')
    assert all(f"<li>{use}</li>" in listed for use in note.uses[:5])
    assert f"{len(note.uses) - 5} more uses" in folded
    assert all(f"<li>{use}</li>" in folded for use in note.uses[5:])
    hindi = page(Client(HTTP_ACCEPT_LANGUAGE="hi"), openlmis.get_absolute_url())
    assert "लोग इसे किस काम में लेते हैं" in hindi
    assert all(f"<li>{use}</li>" in hindi for use in note.uses_hi)
    assert note.uses[0] not in hindi


@pytest.mark.django_db
def test_a_tool_without_uses_shows_no_empty_list():
    tool = OfferingFactory()
    assert "What people use it for" not in page(Client(), tool.get_absolute_url())


@pytest.mark.django_db
def test_a_provider_writes_uses_one_per_line_and_the_page_lists_them(client):
    client.force_login(member_of(ProviderFactory()))
    uses = "Collect survey answers offline\n\n  Send the answers to a spreadsheet  "
    response = client.post(reverse("offering_create"), offering_form(uses=uses))
    assert response.status_code == 302
    tool = Offering.objects.get(name="FieldNotes")
    assert tool.shown_uses == (
        "Collect survey answers offline",
        "Send the answers to a spreadsheet",
    )
    shown = page(client, tool.get_absolute_url())
    assert "<li>Send the answers to a spreadsheet</li>" in shown
    assert "more use" not in shown  # two uses: nothing folded


def ranked_against_the_same_tool_without_uses(uses: dict, title: str, description: str):
    """(the tool with ``uses``, the same tool without, their matches for the need, best first)."""
    plain = OfferingFactory(name="Stock One", summary="Logistics information system.")
    with_uses = OfferingFactory(name="Stock Two", summary="Logistics information system.", **uses)
    need = NeedFactory(title=title, description=description)
    index = OfferingIndex(load_vocabulary(), [offering_profile(plain), offering_profile(with_uses)])
    return with_uses, plain, index.match_need(need_profile(need), threshold=0)


@pytest.mark.django_db
def test_matching_reads_the_uses_beside_the_summary():
    with_uses, plain, found = ranked_against_the_same_tool_without_uses(
        {"uses": "see how many medicines are left\nknow when to reorder supplies"},
        "Medicines run out",
        "We want to know when to reorder medicines.",
    )
    assert "know when to reorder supplies" in offering_profile(with_uses).text
    assert "know when to reorder supplies" in offering_embedding_texts(with_uses)
    assert "reorder" not in " ".join(offering_embedding_texts(plain))
    assert found[0].offering_id == with_uses.pk


@pytest.mark.django_db
def test_a_need_in_hindi_meets_the_hindi_uses_in_its_own_words():
    with_hindi, _, found = ranked_against_the_same_tool_without_uses(
        {"uses_hi": "दवाइयों का स्टॉक देखना\nस्टॉक खत्म होने से पहले दोबारा मंगाना"},
        "दवाइयाँ खत्म हो जाती हैं",
        "हमारे स्टोर में दवाइयाँ बार-बार खत्म हो जाती हैं, स्टॉक का पता नहीं चलता।",
    )
    assert "दोबारा मंगाना" in offering_profile(with_hindi).text
    assert found[0].offering_id == with_hindi.pk
    assert found[0].need_fit > found[1].need_fit


@pytest.mark.django_db
def test_a_provider_changing_the_uses_or_summary_drops_the_curators_hindi_that_said_the_old():
    tool = OfferingFactory(
        summary="Offline surveys.",
        summary_hi="ऑफ़लाइन सर्वे।",
        uses="collect answers",
        uses_hi="जवाब जमा करना",
    )
    api = signed_in(member_of(tool.organisation))
    answer = api.patch(
        f"/api/offerings/{tool.slug}/", {"uses": "send reminders to parents"}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    assert answer.json()["uses"] == "send reminders to parents"
    tool.refresh_from_db()
    assert (tool.uses_hi, tool.summary_hi) == ("", "ऑफ़लाइन सर्वे।"), "the summary did not change"
    with translation.override("hi"):
        assert tool.shown_uses == ("send reminders to parents",)
    api.patch(f"/api/offerings/{tool.slug}/", {"summary": "Reminders by SMS."}, format="json")
    tool.refresh_from_db()
    assert tool.summary_hi == ""


@pytest.mark.django_db
def test_the_api_says_what_an_offering_is_and_its_owner_cannot_relabel_it():
    data = OfferingFactory(kind=Offering.Kind.DATA)
    api = signed_in(member_of(data.organisation))
    assert api.get(f"/api/offerings/{data.slug}/").json()["kind"] == "data"
    api.patch(f"/api/offerings/{data.slug}/", {"kind": "software"}, format="json")
    data.refresh_from_db()
    assert data.kind == Offering.Kind.DATA


def first_of(text: str, *names: str) -> str | None:
    """Of these names, the one the text lists first (a search may also find the others, by
    what its words mean)."""
    listed = [name for name in names if name in text]
    return min(listed, key=text.index, default=None)


@pytest.mark.django_db
def test_searching_the_directory_in_everyday_words_finds_a_tool_by_its_uses(client):
    OfferingFactory(name="Stock One", summary="Logistics information system.")
    OfferingFactory(
        name="Stock Two",
        summary="Logistics information system.",
        uses="know when to reorder medicines",
    )
    found = page(client, reverse("offering_list") + "?q=reorder+medicines")
    assert first_of(found, "Stock Two", "Stock One") == "Stock Two"


@pytest.mark.django_db
def test_searching_in_hindi_finds_a_tool_by_its_hindi_summary_and_uses(client):
    OfferingFactory(name="Stock One", summary="Logistics information system.")
    OfferingFactory(
        name="Stock Two",
        summary="Logistics information system.",
        summary_hi="दवाइयों के स्टॉक का हिसाब",
        uses_hi="दवाइयों का स्टॉक देखना\nखत्म होने से पहले दोबारा मंगाना",
    )
    hindi = Client(HTTP_ACCEPT_LANGUAGE="hi")
    for words in ("दवाइयों स्टॉक", "दोबारा मंगाना"):
        found = page(hindi, reverse("offering_list") + "?q=" + words)
        assert first_of(found, "Stock Two", "Stock One") == "Stock Two", words
