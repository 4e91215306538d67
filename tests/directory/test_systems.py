"""The curated systems: the list in directory/data/taxonomies.json, finding a system by what
people call it, and the migration that brings an existing database up to the list."""

import functools
import importlib
from collections import defaultdict

import pytest
from django.db.migrations.loader import MigrationLoader

from directory.data import taxonomies as defaults
from directory.listings.models import System
from directory.listings.models.taxonomies import lookup_key, spellings
from tests.factories import OfferingFactory

more_systems = importlib.import_module("directory.migrations.0012_more_systems")


def test_system_slugs_and_names_are_unique():
    slugs = [item["slug"] for item in defaults.SYSTEMS]
    names = [item["name"].casefold() for item in defaults.SYSTEMS]
    assert len(set(slugs)) == len(slugs)
    assert len(set(names)) == len(names)


def test_every_alias_names_one_system_only():
    owners = defaultdict(set)
    for item in defaults.SYSTEMS:
        for spelling in spellings(item["name"], item["slug"], item["keywords"]):
            assert lookup_key(spelling), f"{item['slug']}: {spelling!r} has no letters"
            owners[lookup_key(spelling)].add(item["slug"])
    assert {key: slugs for key, slugs in owners.items() if len(slugs) > 1} == {}


def test_every_standard_a_system_speaks_is_curated():
    standards = {item["slug"] for item in defaults.STANDARDS}
    unknown = {
        item["slug"]: set(item["standards"]) - standards
        for item in defaults.SYSTEMS
        if set(item["standards"]) - standards
    }
    assert unknown == {}


def test_system_keywords_are_stored_as_the_database_reads_them():
    for item in defaults.SYSTEMS:
        for keyword in item["keywords"]:
            assert keyword == keyword.strip().lower() and "," not in keyword, keyword
        assert len(set(item["keywords"])) == len(item["keywords"]), item["slug"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("Salesforce", "salesforce-npsp"),
        ("SFDC", "salesforce-npsp"),
        ("excel", "microsoft-excel"),
        ("GPay", "upi"),
        ("Google Pay", "upi"),
        ("Paytm", "paytm"),
        ("Office-365", "microsoft-365"),
        ("Tally ERP 9", "tally"),
        ("Zoho", "zoho-crm"),
        ("Zoho Books", "zoho-books"),
        ("whats app", "whatsapp-business"),
        ("Google Workspace", "google-workspace"),
        ("google sheet", "google-sheets"),
        ("kobotoolbox", "kobotoolbox"),
        ("  razorpay ", "razorpay"),
    ],
)
def test_a_system_is_found_by_name_slug_or_alias(typed, slug):
    systems, unknown = System.objects.resolve([typed])
    assert [system.slug for system in systems] == [slug] and unknown == []


@pytest.mark.django_db
def test_resolving_names_each_system_once_and_keeps_the_unknown_as_typed():
    systems, unknown = System.objects.resolve(["GPay", "Abacus 3000", "PhonePe", "Excel", "?"])
    assert [system.slug for system in systems] == ["upi", "microsoft-excel"]
    assert unknown == ["Abacus 3000", "?"]


@pytest.mark.django_db
def test_a_name_wins_over_another_systems_alias():
    System.objects.filter(slug="paytm").update(keywords="paytm, razorpay")
    systems, _ = System.objects.resolve(["Razorpay"])
    assert [system.slug for system in systems] == ["razorpay"]


@functools.cache
def historical_apps():
    """The models as migration 0012 sees them (no custom methods or managers)."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return loader.project_state(("directory", more_systems.MIGRATION)).apps


@pytest.mark.django_db
def test_the_migration_adds_missing_systems_and_keeps_curator_edits():
    System.objects.filter(slug="razorpay").delete()
    System.objects.filter(slug="salesforce-npsp").update(
        name="Salesforce (our CRM)", keywords="salesforce\nnpsp"
    )
    more_systems.add_systems(historical_apps(), None)

    razorpay = System.objects.get(slug="razorpay")
    assert razorpay.name == "Razorpay" and "razor pay" in razorpay.keyword_list()
    assert set(razorpay.standards.values_list("slug", flat=True)) >= {"rest-api", "webhooks"}
    salesforce = System.objects.get(slug="salesforce-npsp")
    assert salesforce.name == "Salesforce (our CRM)"
    assert salesforce.keywords.startswith("salesforce\nnpsp\n")
    assert "sfdc" in salesforce.keyword_list()


@pytest.mark.django_db
def test_the_migration_leaves_an_alias_a_curator_moved_and_a_system_added_by_hand():
    upi = System.objects.get(slug="upi")
    upi.keywords = ", ".join(word for word in upi.keyword_list() if word != "gpay")
    upi.save()
    System.objects.filter(slug="paytm").update(keywords="paytm, gpay")
    System.objects.filter(slug="ketto").delete()
    System.objects.create(slug="ketto-fundraising", name="Ketto")
    before = System.objects.count()

    more_systems.add_systems(historical_apps(), None)
    more_systems.add_systems(historical_apps(), None)

    assert System.objects.count() == before
    assert "gpay" not in System.objects.get(slug="upi").keyword_list()
    assert System.objects.get(slug="paytm").keyword_list()[:2] == ["paytm", "gpay"]
    assert not System.objects.filter(slug="ketto").exists()


@pytest.mark.django_db
def test_reversing_the_migration_removes_only_the_unused_systems_it_added():
    OfferingFactory().systems.add(System.objects.get(slug="razorpay"))
    System.objects.filter(slug="ketto").update(name="Ketto (ours)")
    added = {item["slug"] for item in defaults.SYSTEMS if item.get("added_in")}

    more_systems.remove_added_systems(historical_apps(), None)

    left = set(System.objects.values_list("slug", flat=True))
    assert left & added == {"razorpay", "ketto"}
    assert {item["slug"] for item in defaults.SYSTEMS} - added <= left
    more_systems.add_systems(historical_apps(), None)
    assert set(System.objects.values_list("slug", flat=True)) >= added
