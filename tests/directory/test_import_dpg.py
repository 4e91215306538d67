"""Importing the Digital Public Goods registry: providers and offerings that people can find,
re-imports that update, and malformed entries skipped by name."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from directory.data import taxonomies as defaults
from directory.imports.dpg import (
    MalformedEntry,
    Taxonomies,
    licence_of,
    offering_values,
    parse_entry,
    summary_of,
)
from directory.listings.models import Moderation, Offering, Organisation, Source
from directory.outbox.models import OutboxTask
from matching.models import Match
from tests.factories import UserFactory, health_records_need

FIXTURES = Path(__file__).parent.parent / "fixtures" / "dpg"
REGISTRY = FIXTURES / "registry.json"
FOLDER = FIXTURES / "folder"


def registry_entry(name: str) -> dict:
    return next(e for e in json.loads(REGISTRY.read_text()) if e["name"] == name)


def entry(**values) -> dict:
    return {"name": "Tool", "description": "A tool.", **values}


@pytest.fixture(scope="module")
def taxonomies() -> Taxonomies:
    """The default curated terms, as a fresh database holds them."""
    return Taxonomies.from_terms(
        {c["slug"]: [c["name"], *c["keywords"]] for c in defaults.CATEGORIES},
        {s["slug"]: [s["name"], *s["keywords"]] for s in defaults.STANDARDS},
        {s["slug"]: [s["name"], *s["aliases"]] for s in defaults.SECTORS},
    )


def import_dpg(path: Path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_dpg", str(path), stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


# Mapping one entry (no database)


def test_an_entry_becomes_a_free_open_source_offering(taxonomies):
    mapped = offering_values(parse_entry(registry_entry("OpenClinic Records")), taxonomies)
    assert mapped.fields["pricing_model"] == Offering.Pricing.FREE
    assert mapped.fields["licence"] == "MPL-2.0"
    assert mapped.fields["website"] == "https://openclinic.example.org"
    assert mapped.fields["repository"] == "https://github.com/example/openclinic"
    assert mapped.fields["summary"] == (
        "OpenClinic Records is an electronic health record system for small clinics."
    )
    assert mapped.fields["self_hosted"] and mapped.fields["cloud"]


def test_categories_come_from_curated_keywords_in_the_name_and_description(taxonomies):
    clinic = offering_values(parse_entry(registry_entry("OpenClinic Records")), taxonomies)
    survey = offering_values(parse_entry(registry_entry("FieldSurvey")), taxonomies)
    assert clinic.categories[0] == "health-information"
    assert survey.categories[0] == "data-collection"
    assert 1 <= len(survey.categories) <= 3


def test_keywords_match_whole_words_only(taxonomies):
    # "sms" is a messaging keyword; it must not fire inside "smsc".
    mapped = offering_values(parse_entry(entry(description="An SMSC gateway.")), taxonomies)
    assert "messaging" not in mapped.categories


@pytest.mark.parametrize(
    ("kind", "expected"), [(["content"], "e-learning"), (["software"], "data-platforms")]
)
def test_an_entry_without_category_words_falls_back_by_its_kind(taxonomies, kind, expected):
    mapped = offering_values(parse_entry(entry(description="Zyx.", type=kind)), taxonomies)
    assert mapped.categories == [expected]


def test_sectors_are_found_by_their_aliases_and_unknown_ones_are_left_out(taxonomies):
    mapped = offering_values(parse_entry(registry_entry("FieldSurvey")), taxonomies)
    assert mapped.sectors == ["agriculture", "digital-data"]


def test_standards_come_from_the_entrys_list_of_standards(taxonomies):
    mapped = offering_values(parse_entry(registry_entry("OpenClinic Records")), taxonomies)
    assert set(mapped.standards) == {"fhir", "rest-api", "json", "xml", "csv"}
    described_only = entry(description="Speaks FHIR and exports CSV.")
    assert offering_values(parse_entry(described_only), taxonomies).standards == []


def test_a_desktop_only_tool_is_not_listed_as_online(taxonomies):
    desktop = entry(description="A desktop application for offline analysis.")
    assert offering_values(parse_entry(desktop), taxonomies).fields["cloud"] is False


def test_an_offline_phone_app_is_listed_as_offline_on_phones(taxonomies):
    mapped = offering_values(parse_entry(registry_entry("FieldSurvey")), taxonomies)
    assert mapped.fields["offline_mobile"] is True


def test_a_website_without_a_scheme_gets_https_and_a_bad_one_is_dropped(taxonomies):
    survey = offering_values(parse_entry(registry_entry("FieldSurvey")), taxonomies)
    assert survey.fields["website"] == "https://fieldsurvey.example.org"
    assert survey.fields["repository"] == "https://gitlab.example.org/fieldsurvey/server"
    bad = offering_values(parse_entry(entry(website="http://exa mple")), taxonomies)
    assert bad.fields["website"] == ""


def test_the_summary_is_the_first_sentence_kept_short():
    assert summary_of("First one. Second one.", 240) == "First one."
    long = "word " * 100
    summary = summary_of(long.strip() + ".", 240)
    assert len(summary) <= 240 and summary.endswith("word…")


def test_licences_are_distinct_valid_spdx_ids_that_fit():
    assert licence_of(["MIT", "MIT", "CC-BY-4.0"], 60) == "MIT AND CC-BY-4.0"
    assert licence_of(["not a licence!", "GPL-3.0"], 60) == "GPL-3.0"
    assert licence_of(["CC-BY-NC-SA-4.0", "CC-BY-SA-4.0", "CC-BY-4.0", "MIT"], 40) == (
        "CC-BY-NC-SA-4.0 AND CC-BY-SA-4.0"
    )


def test_the_owner_organisation_becomes_the_provider():
    entry_with_orgs = entry(
        organizations=[
            {"name": "Big Funder", "org_type": "funder"},
            {"name": "Real Owner", "org_type": "owner", "website": "https://owner.example"},
        ]
    )
    assert parse_entry(entry_with_orgs).owner.name == "Real Owner"
    maintained = entry(organizations=[{"name": "Keepers", "org_type": "maintainer"}])
    assert parse_entry(maintained).owner.name == "Keepers"
    assert parse_entry(entry(name="Lonely Tool", organizations=[])).owner.name == "Lonely Tool"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("just text", "is not a JSON object"),
        ({"description": "No name."}, "has no name"),
        ({"name": "  ", "description": "Blank name."}, "has no name"),
        ({"name": "No description"}, "has no description"),
        ({"name": 7, "description": "Numeric name."}, 'has a "name" that is not text'),
        (entry(license="MIT"), 'has a "license" that is not a list'),
        (entry(sectors=["Health", 3]), 'has a "sectors" list with something other than text'),
        (entry(organizations=["UNICEF"]), '"organizations" list with something other than obj'),
    ],
)
def test_a_malformed_entry_says_what_is_wrong(raw, reason):
    with pytest.raises(MalformedEntry, match=reason):
        parse_entry(raw)


# Importing into the database


@pytest.mark.django_db
def test_the_registry_imports_as_published_offerings_of_open_source_providers():
    summary, _ = import_dpg(REGISTRY)
    assert summary == "Imported DPG registry: created 4, updated 0, skipped 1."
    clinic = Offering.objects.get(name="OpenClinic Records")
    assert (clinic.source, clinic.source_id) == (Source.DPG, "OpenClinic Records")
    assert clinic.status == Moderation.PUBLISHED and clinic.published_at
    owner = clinic.organisation
    assert (owner.name, owner.kind, owner.provider_type) == (
        "Open Health Collective",
        Organisation.Kind.PROVIDER,
        Organisation.ProviderType.OPEN_SOURCE,
    )
    assert (owner.source, owner.source_id) == (Source.DPG, "Open Health Collective")
    assert owner.offerings.count() == 2
    assert [s.slug for s in clinic.sectors.all()] == ["health"]


@pytest.mark.django_db
def test_imported_offerings_are_on_the_offerings_page(client):
    import_dpg(REGISTRY)
    page = client.get(reverse("offering_list"), {"q": "survey"})
    assert "FieldSurvey" in page.text


@pytest.mark.django_db
def test_imported_offerings_are_matched_to_needs(django_capture_on_commit_callbacks):
    need = health_records_need("Electronic health records for our clinics")
    with django_capture_on_commit_callbacks(execute=True):
        import_dpg(REGISTRY)
    assert Match.objects.filter(need=need, offering__name="OpenClinic Records").exists()


@pytest.mark.django_db
def test_the_import_rematches_once_rather_than_per_offering(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        import_dpg(REGISTRY)
    queued = OutboxTask.objects.filter(task__startswith="matching.tasks.")
    assert list(queued.values_list("task", flat=True)) == ["matching.tasks.refresh_all"]


@pytest.mark.django_db
def test_importing_again_updates_and_never_duplicates():
    import_dpg(REGISTRY)
    Offering.objects.filter(name="FieldSurvey").update(summary="Edited by hand")
    summary, _ = import_dpg(REGISTRY)
    assert summary == "Imported DPG registry: created 0, updated 4, skipped 1."
    assert Offering.objects.count() == 4 and Organisation.objects.count() == 3
    assert Offering.objects.get(name="FieldSurvey").summary.startswith("FieldSurvey lets")


@pytest.mark.django_db
def test_importing_again_keeps_a_curators_decision_to_unpublish():
    import_dpg(REGISTRY)
    Offering.objects.filter(name="Open Lessons").update(status=Moderation.REJECTED)
    import_dpg(REGISTRY)
    assert Offering.objects.get(name="Open Lessons").status == Moderation.REJECTED


@pytest.mark.django_db
def test_a_malformed_entry_is_skipped_and_named_while_the_rest_import():
    _, errors = import_dpg(REGISTRY)
    assert errors.strip() == 'Skipped "Broken Entry": has a "license" that is not a list'
    assert not Offering.objects.filter(name="Broken Entry").exists()
    assert not Organisation.objects.filter(name="Nobody").exists()


@pytest.mark.django_db
def test_a_folder_of_one_entry_files_imports_and_names_a_bad_file():
    summary, errors = import_dpg(FOLDER)
    assert summary == "Imported DPG registry: created 2, updated 0, skipped 1."
    assert errors.strip() == "Skipped untitled.json: has no name"
    assert set(Offering.objects.values_list("name", flat=True)) == {"FieldSurvey", "Open Lessons"}


@pytest.mark.django_db
def test_a_file_that_is_not_json_is_reported_and_imports_nothing(tmp_path):
    broken = tmp_path / "registry.json"
    broken.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        import_dpg(broken)
    assert not Offering.objects.exists()


@pytest.mark.django_db
def test_a_broken_file_in_a_folder_is_skipped_by_name(tmp_path):
    (tmp_path / "good.json").write_text(json.dumps(registry_entry("Open Lessons")))
    (tmp_path / "broken.json").write_text("{not json")
    summary, errors = import_dpg(tmp_path)
    assert summary.endswith("created 1, updated 0, skipped 1.")
    assert errors.startswith("Skipped broken.json: is not valid JSON")


# Importing from the admin


@pytest.mark.django_db
def test_a_curator_imports_the_registry_by_uploading_it(admin_client):
    changelist = admin_client.get(reverse("admin:directory_offering_changelist"))
    assert reverse("admin:directory_offering_import_dpg") in changelist.text
    with REGISTRY.open("rb") as upload:
        page = admin_client.post(
            reverse("admin:directory_offering_import_dpg"), {"registry": upload}, follow=True
        )
    assert "Imported DPG registry: created 4, updated 0, skipped 1." in page.text
    assert "Skipped &quot;Broken Entry&quot;" in page.text
    assert Offering.objects.count() == 4


@pytest.mark.django_db
def test_an_upload_that_is_not_a_json_list_is_refused_beside_the_field(admin_client):
    upload = io.BytesIO(b'{"name": "one entry, not a list"}')
    upload.name = "registry.json"
    page = admin_client.post(reverse("admin:directory_offering_import_dpg"), {"registry": upload})
    assert "This file is not a JSON list of registry entries." in page.text
    assert not Offering.objects.exists()


@pytest.mark.django_db
def test_staff_without_the_right_to_add_offerings_cannot_import(client):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(reverse("admin:directory_offering_import_dpg")).status_code == 403
    assert not Offering.objects.exists()
