"""Registry entries that list the same good twice: one grouping key for their names, one
primary offering with its variants, variants left out of matching and listed on the
primary's page."""

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from directory.data.registry_notes import same_goods
from directory.imports.dpg import parse_entry, read_registry
from directory.imports.duplicates import duplicate_groups, duplicate_key
from directory.listings.models import Offering
from matching.models import Match
from tests.factories import NeedFactory, OfferingFactory, health_records_need

FIXTURES = Path(__file__).parent.parent / "fixtures" / "dpg"
DUPLICATES = FIXTURES / "duplicates.json"
REGISTRY = Path(__file__).parent.parent.parent / "directory" / "data" / "dpg-registry.json"


def listed(name: str, description: str = "A tool.", **values) -> object:
    return parse_entry({"name": name, "description": description, **values})


def import_dpg(path: Path) -> str:
    out = io.StringIO()
    call_command("import_dpg", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


# The key and the groups (no database)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("OpenHospital", "Open Hospital"),
        ("Moodle", "Moodle LMS"),
        ("Corona Warn App - Android", "Corona Warn App - iOS"),
        ("SantéMPI", "Sante MPI"),
    ],
)
def test_names_of_the_same_good_have_one_key(first, second):
    assert duplicate_key(first) == duplicate_key(second)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Open Hospital", "Open edX"),
        ("Open Food Facts Android", "Open Food Network"),
        ("Mifos Android", "Mifos Mobile"),
        ("Dymaxion Labs", "Dymaxion Labs Toolkit"),
        ("HospitalRun Frontend", "HospitalRun Server"),
    ],
)
def test_different_goods_sharing_a_word_keep_their_own_keys(first, second):
    assert duplicate_key(first) != duplicate_key(second)


def test_a_name_that_is_only_a_generic_word_keeps_it():
    assert duplicate_key("App") == "app"
    assert duplicate_key("Open Source") == "opensource"
    assert duplicate_key("Mapping Project App") == "mapping"


def test_the_primary_has_the_plainest_name_then_the_longest_description():
    plain, android = listed("CommCare"), listed("CommCare Android", "A much longer text.")
    assert duplicate_groups([android, plain]) == [[plain, android]]
    short, long = listed("OpenHospital", "Short."), listed("Open Hospital", "Much longer.")
    assert duplicate_groups([short, long]) == [[long, short]]


def test_equal_names_with_addresses_in_common_group_and_without_any_do_not():
    one = listed("Moodle", website="https://moodle.org", repositories=[])
    two = listed("Moodle LMS", website="https://moodle.org/", repositories=[])
    elsewhere = listed("Moodle App", website="https://other.example", repositories=[])
    assert duplicate_groups([one, two, elsewhere]) == [[one, two]]


def test_the_groups_found_in_the_registry():
    entries = [parse_entry(raw) for _, raw in read_registry(REGISTRY)]
    groups = {tuple(entry.name for entry in group) for group in duplicate_groups(entries)}
    assert groups == {
        ("CommCare", "CommCare Android"),
        ("Corona Warn App - Android", "Corona Warn App - iOS"),
        ("Immuni Android", "Immuni iOS"),
        ("Moodle", "Moodle LMS"),
        ("Open Food Facts iOS", "Open Food Facts Android"),
        ("Open Hospital", "OpenHospital"),
        ("OpenTrace Android", "OpenTrace iOS"),
        ("Refuge Restrooms", "Refuge Restrooms iOS"),
        ("StopCovid Android", "StopCovid iOS"),
    }


def test_entries_the_curators_know_list_one_good_are_grouped_with_it():
    entries = [parse_entry(raw) for _, raw in read_registry(REGISTRY)]
    named = duplicate_groups(entries)
    curated = duplicate_groups(entries, same_goods(entries))
    added = {frozenset(e.name for e in g) for g in curated} - {
        frozenset(e.name for e in g) for g in named
    }
    assert frozenset({"Redirect 2% - redirectioneaza.ro", "Redirectioneaza"}) in added
    assert frozenset({"AP Latam", "Dymaxion Labs"}) in added
    assert frozenset({"OnaData", "formhub"}) in added, "unmaintained, it says: see OnaData"
    [ona] = [group for group in curated if group[-1].name == "formhub"]
    assert ona[0].name == "OnaData", "the good that lives on is the one matched"
    assert len(added) == 9
    assert all(len(group) == 2 for group in curated), "no curated name joins a third entry"


@pytest.mark.django_db
def test_a_curated_pair_imports_as_one_offering_matched_once(
    tmp_path, django_capture_on_commit_callbacks
):
    raw = [entry for _, entry in read_registry(REGISTRY)]
    pair = [e for e in raw if e["name"] in ("Redirect 2% - redirectioneaza.ro", "Redirectioneaza")]
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(pair))
    need = NeedFactory(
        title="Raise funds from citizens' income tax",
        description="Help people give part of their income tax to our NGO with a simple form.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_dpg(path)
    primary = Offering.objects.get(variant_of=None, source="dpg")
    assert [variant.name for variant in primary.variants.all()] != []
    matched = list(Match.objects.filter(need=need).values_list("offering__name", flat=True))
    assert matched == [primary.name]


# Importing, matching and showing


@pytest.mark.django_db
def test_a_duplicate_pair_imports_as_one_primary_and_one_variant():
    assert import_dpg(DUPLICATES) == "Imported DPG registry: created 3, updated 0, skipped 0."
    primary = Offering.objects.get(name="Open Hospital")
    assert primary.variant_of is None
    assert [variant.name for variant in primary.variants.all()] == ["OpenHospital"]
    assert Offering.objects.get(name="Open Lessons").variant_of is None
    assert import_dpg(DUPLICATES).endswith("created 0, updated 3, skipped 0.")
    assert Offering.objects.filter(variant_of=primary).count() == 1


@pytest.mark.django_db
def test_importing_again_keeps_a_variant_a_curator_set_on_an_entry_of_no_group():
    import_dpg(DUPLICATES)
    lessons = Offering.objects.get(name="Open Lessons")
    lessons.variant_of = Offering.objects.get(name="Open Hospital")
    lessons.save()
    import_dpg(DUPLICATES)
    assert Offering.objects.get(name="Open Lessons").variant_of.name == "Open Hospital"


@pytest.mark.django_db
def test_a_variant_is_not_matched_to_a_need(django_capture_on_commit_callbacks):
    need = health_records_need("Electronic health records for our hospital")
    with django_capture_on_commit_callbacks(execute=True):
        import_dpg(DUPLICATES)
    matched = set(Match.objects.filter(need=need).values_list("offering__name", flat=True))
    assert "Open Hospital" in matched
    assert "OpenHospital" not in matched


@pytest.mark.django_db
def test_an_offering_made_a_variant_leaves_the_matches(django_capture_on_commit_callbacks):
    survey = {"summary": "Offline survey forms.", "description": "Collect household surveys."}
    primary = OfferingFactory(name="FieldForms", **survey)
    copy = OfferingFactory(name="Field Forms", **survey)
    with django_capture_on_commit_callbacks(execute=True):
        need = NeedFactory(
            title="Collect household surveys offline",
            description="Volunteers fill in survey forms on phones.",
        )
    assert need.matches.filter(offering=copy).exists()
    with django_capture_on_commit_callbacks(execute=True):
        copy.variant_of = primary
        copy.save()
    assert need.matches.filter(offering=primary).exists()
    assert not need.matches.filter(offering=copy).exists()


@pytest.mark.django_db
def test_the_primary_page_lists_its_variants(client):
    import_dpg(DUPLICATES)
    primary = Offering.objects.get(name="Open Hospital")
    variant = Offering.objects.get(name="OpenHospital")
    page = client.get(primary.get_absolute_url())
    assert "Also listed as:" in page.text
    assert f'<a href="{variant.get_absolute_url()}">OpenHospital</a>' in page.text
    assert "Also listed as:" not in client.get(reverse("offering_list")).text
    variant_page = client.get(variant.get_absolute_url()).text
    assert "Also listed as:" not in variant_page
    assert (
        f'The same tool as <a href="{primary.get_absolute_url()}">Open Hospital</a>' in variant_page
    )


@pytest.mark.django_db
def test_the_offering_admin_shows_what_an_offering_is_a_variant_of(admin_client):
    import_dpg(DUPLICATES)
    changelist = admin_client.get(reverse("admin:directory_offering_changelist"))
    assert "Variant of" in changelist.text
    variant = Offering.objects.get(name="OpenHospital")
    change = admin_client.get(reverse("admin:directory_offering_change", args=[variant.pk]))
    assert f'name="variant_of" value="{variant.variant_of_id}"' in change.text


@pytest.mark.django_db
def test_a_variant_points_to_a_primary_never_to_itself_or_another_variant():
    primary = OfferingFactory(name="Moodle")
    variant = OfferingFactory(name="Moodle LMS", variant_of=primary)
    for offering, target in [(primary, primary), (OfferingFactory(), variant)]:
        offering.variant_of = target
        with pytest.raises(ValidationError, match="Choose the primary offering"):
            offering.clean()
    primary.variant_of = None
    variant.clean()
