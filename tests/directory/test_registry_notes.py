"""Curators' notes on the registry's entries (directory/data/registry_notes.json): each entry
says in plain words what it is, imports with that summary and the note's categories, and a
need written in a nonprofit's own words finds the tool its registry description never names.
A note written for another description than the entry's now is stale: not applied, and named
in the import's report."""

import html
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone, translation

from directory.data.registry_notes import (
    RegistryNote,
    current_note,
    fingerprint,
    notes,
    registry_note,
)
from directory.data.taxonomies import CATEGORIES, SYSTEMS
from directory.imports.dpg import (
    offering_values,
    parse_entry,
    summary_of,
)
from directory.imports.registry_categories import MAX_CATEGORIES, entry_categories
from directory.imports.report import STALE_NAMED, ImportReport
from directory.listings.models import MAX_CATEGORIES_PER_OFFERING, Offering
from tests.directory.test_import_dpg import taxonomies  # noqa: F401  (the fixture)
from tests.factories import OfferingFactory, OrganisationFactory, member_of

REGISTRY = Path(__file__).resolve().parents[2] / "directory" / "data" / "dpg-registry.json"
SUMMARY_LIMIT = Offering._meta.get_field("summary").max_length


def registry() -> list[dict]:
    return json.loads(REGISTRY.read_text())


def test_every_registry_entry_has_a_note_that_fits_on_a_card():
    names = {entry["name"] for entry in registry()}
    assert set(notes()) == names
    too_long = [name for name, note in notes().items() if len(note.summary) > SUMMARY_LIMIT]
    assert too_long == [], "a summary longer than the field would be cut short"
    assert all(len(note.summary.split()) >= 8 for note in notes().values())


def test_notes_name_only_categories_the_taxonomy_has():
    slugs = {category["slug"] for category in CATEGORIES}
    for name, note in notes().items():
        assert set(note.categories) <= slugs, name
        assert len(note.categories) <= MAX_CATEGORIES, name
    assert MAX_CATEGORIES <= MAX_CATEGORIES_PER_OFFERING


def test_notes_name_only_systems_the_taxonomy_has():
    slugs = {system["slug"] for system in SYSTEMS}
    named = {name: note.systems for name, note in notes().items() if note.systems}
    assert named["Glific"] == ("whatsapp-business",)
    assert all(set(systems) <= slugs for systems in named.values()), named


def import_entries(tmp_path, capture, *names: str) -> None:
    """Imports these registry entries alone (``manage.py import_dpg``), their tasks run."""
    path = tmp_path / "registry.json"
    path.write_text(json.dumps([entry for entry in registry() if entry["name"] in names]))
    with capture(execute=True):
        call_command("import_dpg", str(path), stdout=io.StringIO())


@pytest.mark.django_db
def test_a_whatsapp_platform_imports_as_working_with_whatsapp_and_says_so_on_a_match(
    client, tmp_path, django_capture_on_commit_callbacks
):
    import_entries(tmp_path, django_capture_on_commit_callbacks, *("Glific", "Moodle"))
    glific = Offering.objects.get(name="Glific")
    assert [system.slug for system in glific.systems.all()] == ["whatsapp-business"]
    assert not Offering.objects.get(name="Moodle").systems.exists()
    client.force_login(member_of(OrganisationFactory()))
    need = {
        "title": "WhatsApp reminders to parents",
        "description": "Send reminders and answer parents' questions on WhatsApp.",
        "systems": ["whatsapp-business"],
    }
    body = client.post("/api/match-preview/", need, content_type="application/json").json()
    [glific_match] = [r for r in body["results"] if r["offering"]["name"] == "Glific"]
    said = " ".join(glific_match["fits"])
    assert "Integrates with WhatsApp Business" in said


def test_an_entry_imports_with_its_notes_summary_and_categories(taxonomies):  # noqa: F811
    raw = next(entry for entry in registry() if entry["name"] == "CiviCRM")
    mapped = offering_values(parse_entry(raw), taxonomies)
    assert "donors" in mapped.fields["summary"]
    assert mapped.fields["summary"] == registry_note("CiviCRM").summary
    assert mapped.fields["description"] == raw["description"], "the registry's text is kept"
    assert mapped.categories[0] == "supporter-crm"


# Notes written for another description than the entry's now

CHANGED = "CiviCRM"
NEW_DESCRIPTION = (
    "A satellite image archive of river levels across South Asia. Download maps by district."
)


def registry_entry(name: str) -> dict:
    return next(entry for entry in registry() if entry["name"] == name)


def changed_registry(tmp_path: Path) -> Path:
    """CiviCRM with a new description beside Moodle and ODK as they are."""
    entries = [
        {**registry_entry(CHANGED), "description": NEW_DESCRIPTION},
        registry_entry("Moodle"),
        registry_entry("ODK"),
    ]
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(entries))
    return path


def test_every_note_was_written_for_its_entrys_description_today():
    stale = [
        entry["name"]
        for entry in registry()
        if registry_note(entry["name"]).written_for != fingerprint(entry["description"])
    ]
    assert stale == [], "rewrite these notes, or set written_for to the new fingerprint"


def test_the_fingerprint_ignores_spacing_but_not_words():
    description = registry_entry(CHANGED)["description"]
    assert fingerprint(f"  {description}\n") == fingerprint(description.replace(" ", "\n  "))
    assert fingerprint(description) != fingerprint(description + " Now for schools.")
    assert len(fingerprint(description)) == 16
    assert set(fingerprint(description)) <= set("0123456789abcdef")


def test_a_note_on_a_changed_description_is_stale_and_applies_nothing(taxonomies):  # noqa: F811
    raw = {**registry_entry(CHANGED), "description": NEW_DESCRIPTION}
    assert registry_note(CHANGED) is not None and current_note(CHANGED, NEW_DESCRIPTION) is None
    mapped = offering_values(parse_entry(raw), taxonomies)
    assert mapped.stale_note
    assert mapped.fields["summary"] == summary_of(NEW_DESCRIPTION, SUMMARY_LIMIT)
    assert mapped.fields["summary"] != registry_note(CHANGED).summary
    assert "supporter-crm" not in mapped.categories, "the note's categories are not applied"
    spotted = entry_categories(
        CHANGED,
        NEW_DESCRIPTION,
        raw.get("type") or (),
        None,
        taxonomies.categories.spot_text,
        taxonomies.category_slugs,
    )
    assert mapped.categories == spotted.listed, "the keywords decide, as without a note"


def test_an_unchanged_entry_keeps_its_note(taxonomies):  # noqa: F811
    mapped = offering_values(parse_entry(registry_entry(CHANGED)), taxonomies)
    assert not mapped.stale_note
    assert mapped.fields["summary"] == registry_note(CHANGED).summary


@pytest.mark.django_db
def test_an_import_names_the_entry_whose_note_is_stale_and_keeps_the_others(tmp_path):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_dpg", str(changed_registry(tmp_path)), stdout=out, stderr=err)
    assert out.getvalue().strip() == "Imported DPG registry: created 3, updated 0, skipped 0."
    assert err.getvalue().strip() == (
        "1 curators' note is out of date and was not applied (the entry's registry "
        'description changed): "CiviCRM".'
    )
    changed = Offering.objects.get(name=CHANGED)
    assert changed.summary == summary_of(NEW_DESCRIPTION, SUMMARY_LIMIT)
    assert not changed.categories.filter(slug="supporter-crm").exists()
    for name in ("Moodle", "ODK"):
        assert Offering.objects.get(name=name).summary == registry_note(name).summary


@pytest.mark.django_db
def test_the_admin_upload_names_the_stale_notes(admin_client, tmp_path):
    with changed_registry(tmp_path).open("rb") as upload:
        page = admin_client.post(
            reverse("admin:directory_offering_import_dpg"), {"registry": upload}, follow=True
        )
    text = html.unescape(page.text)
    assert "Imported DPG registry: created 3, updated 0, skipped 0." in text
    assert "1 curators' note is out of date and was not applied" in text
    assert '(the entry\'s registry description changed): "CiviCRM".' in text


def test_the_report_names_the_first_stale_notes_and_counts_the_rest():
    assert ImportReport().stale_notes == ""
    names = [f"Tool {number}" for number in range(1, STALE_NAMED + 3)]
    message = ImportReport(stale=names).stale_notes
    assert message.startswith(f"{STALE_NAMED + 2} curators' notes are out of date")
    named = ", ".join(f'"{name}"' for name in names[:STALE_NAMED])
    assert message.endswith(f"changed): {named} and 2 more.")
    assert f'"Tool {STALE_NAMED + 1}"' not in message
    with translation.override("hi"):
        hindi = ImportReport(stale=names).stale_notes
    assert hindi.endswith(f"{named} और 2 अन्य।") and "पुराने" in hindi


def spotting(slugs: set[str]):
    """A stand-in keyword spotter that finds each of `slugs` once in any text."""
    return lambda text: Counter(dict.fromkeys(slugs, 1))


def test_a_note_without_categories_leaves_a_dataset_in_none():
    note = RegistryNote("A public dataset of case counts for one country.", ())
    known = {"health-information"}
    found = entry_categories("Cases", "Health data", ("data",), note, spotting(known), known)
    assert found.listed == []


def test_without_a_note_or_with_only_retired_categories_keywords_decide():
    spot = spotting({"messaging"})
    retired = RegistryNote("A tool to send SMS to many people at once.", ("old-slug",))
    known = {"messaging"}
    for note in (None, retired):
        found = entry_categories("Texter", "Send SMS", ("software",), note, spot, known)
        assert found.listed == ["messaging"]


# A need in a nonprofit's own words, against a few real registry entries

ENTRIES = (
    "CiviCRM",
    "LiberaPay",
    "Open Collective",
    "ODK",
    "KoBoToolbox",
    "OpenMRS",
    "Moodle",
    "DHIS2",
    "Primero",
    "Mapeo Desktop",
)
DONORS = {
    "title": "Keep track of our donors and members",
    "description": "We want one list of everyone who gives to us or pays membership, "
    "what they gave, and to send them thank-you e-mails.",
}


@pytest.mark.django_db
def test_a_need_in_plain_words_finds_the_tool_its_registry_text_never_names(
    client, tmp_path, django_capture_on_commit_callbacks
):
    subset = [entry for entry in registry() if entry["name"] in ENTRIES]
    assert "donor" not in next(e for e in subset if e["name"] == "CiviCRM")["description"]
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(subset))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_dpg", str(path), stdout=io.StringIO())
    client.force_login(member_of(OrganisationFactory()))
    body = client.post("/api/match-preview/", DONORS, content_type="application/json").json()
    names = [result["offering"]["name"] for result in body["results"]]
    assert names[0] == "CiviCRM"
    assert "OpenMRS" not in names[:3]


@pytest.mark.django_db
def test_a_curator_can_edit_an_entry_left_in_no_category(admin_user, rf):
    offering = OfferingFactory()
    offering.categories.clear()
    request = rf.get("/")
    request.user = admin_user
    model_admin = admin.site._registry[Offering]
    form_class = model_admin.get_form(request, offering)
    data = {
        name: value.pk if hasattr(value, "pk") else value
        for name, value in model_to_dict(offering, fields=form_class.base_fields).items()
        if value is not None
    }
    data = {
        name: [item.pk for item in value] if isinstance(value, list) else value
        for name, value in data.items()
    }
    now = timezone.localtime()  # the admin asks the date a listing was confirmed in two parts
    data |= {"confirmed_at_0": now.date().isoformat(), "confirmed_at_1": "12:00:00"}
    form = form_class(data={**data, "summary": "A public dataset, edited."}, instance=offering)
    assert form.is_valid(), form.errors
    assert "categories" not in form.errors


@pytest.mark.django_db
def test_an_entry_left_in_no_category_is_still_costed_as_software_on_a_server(tmp_path):
    name = "Apache cTAKES"
    assert registry_note(name).categories == ()
    path = tmp_path / "registry.json"
    path.write_text(json.dumps([entry for entry in registry() if entry["name"] == name]))
    call_command("import_dpg", str(path), stdout=io.StringIO())
    offering = Offering.objects.get(name=name)
    assert not offering.categories.exists()
    assert offering.needs_server and offering.hosting_estimate is not None


def test_apps_used_on_a_phone_or_tablet_alone_are_marked_and_server_software_is_not():
    apps = {name for name, note in notes().items() if note.device_app}
    assert {"Kiwix", "Kitkit School"} <= apps
    assert not {"KoBoToolbox", "Moodle", "DHIS2", "Kolibri", "QGIS"} & apps


@pytest.mark.django_db
def test_an_app_on_a_device_imports_as_needing_no_server_and_its_match_says_no_server_cost(
    client, tmp_path, django_capture_on_commit_callbacks
):
    import_entries(tmp_path, django_capture_on_commit_callbacks, *("Kiwix", "Moodle"))
    kiwix, moodle = Offering.objects.get(name="Kiwix"), Offering.objects.get(name="Moodle")
    assert (kiwix.offline_mobile, kiwix.self_hosted, kiwix.cloud) == (True, False, False)
    assert not kiwix.needs_server and moodle.needs_server
    page = client.get(kiwix.get_absolute_url()).text
    assert "Offline on phones or tablets" in page and "own server" not in page
    client.force_login(member_of(OrganisationFactory()))
    need = {
        "title": "Reading material for schools without internet",
        "description": "Our schools have tablets but no internet. Students need Wikipedia "
        "and reading material offline.",
        "monthly_budget": 100,
    }
    body = client.post("/api/match-preview/", need, content_type="application/json").json()
    [match] = [r for r in body["results"] if r["offering"]["name"] == "Kiwix"]
    said = " ".join(match["fits"] + match["checks"])
    assert "Free and open source" in said and "own server" not in said


@pytest.mark.django_db
def test_a_commercial_product_in_the_registry_is_paid_never_free(
    client, tmp_path, django_capture_on_commit_callbacks
):
    import_entries(tmp_path, django_capture_on_commit_callbacks, "Qliksense Enterprise")
    qlik = Offering.objects.get(name="Qliksense Enterprise")
    assert qlik.pricing_model == Offering.Pricing.PAID
    assert not qlik.is_free and not qlik.is_open_source and not qlik.needs_server
    page = client.get(qlik.get_absolute_url()).text
    assert "price on request" in page and "Free" not in page.split("<dt>Price</dt>")[1][:200]
