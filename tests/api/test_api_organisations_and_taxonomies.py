"""Organisations with public listings, and the curated taxonomies, for everyone to read."""

import pytest

from directory.listings.models import Moderation, Need
from tests.api.conftest import signed_in
from tests.factories import NeedFactory, OfferingFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db


def names(answer) -> set[str]:
    return {item["name"] for item in answer.json()["results"]}


def test_organisations_with_public_listings_are_listed(visitor, provider, nonprofit):
    OfferingFactory(organisation=provider)
    NeedFactory(organisation=nonprofit)
    OrganisationFactory(name="Just signed up")
    NeedFactory(organisation=OrganisationFactory(name="Only a draft"), status=Moderation.DRAFT)
    assert names(visitor.get("/api/organisations/")) == {"FieldTools Ltd", "Village Schools Trust"}


def test_an_organisation_with_providers_only_needs_is_listed_for_providers(
    visitor, provider_member
):
    NeedFactory(
        organisation=OrganisationFactory(name="Quiet"), visibility=Need.Visibility.PROVIDERS
    )
    assert "Quiet" not in names(visitor.get("/api/organisations/"))
    assert "Quiet" in names(provider_member.get("/api/organisations/"))


def test_a_member_reads_their_own_organisation_before_it_lists_anything(visitor):
    organisation = OrganisationFactory(name="New here")
    member = signed_in(member_of(organisation))
    assert member.get(f"/api/organisations/{organisation.slug}/").json()["name"] == "New here"
    assert visitor.get(f"/api/organisations/{organisation.slug}/").status_code == 404


def test_organisations_filter_by_kind(visitor, provider, nonprofit):
    OfferingFactory(organisation=provider)
    NeedFactory(organisation=nonprofit)
    assert names(visitor.get("/api/organisations/", {"kind": "provider"})) == {"FieldTools Ltd"}


def test_the_organisations_list_runs_a_fixed_number_of_queries(
    visitor, django_assert_max_num_queries
):
    for offering in OfferingFactory.create_batch(10):
        offering.organisation.sectors.set([1, 2])
    with django_assert_max_num_queries(5):
        assert len(visitor.get("/api/organisations/").json()["results"]) == 10


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        ("/api/categories/", "slug", "data-collection"),
        ("/api/systems/", "slug", "kobotoolbox"),
        ("/api/standards/", "slug", "fhir"),
        ("/api/sectors/", "slug", "health"),
        ("/api/languages/", "code", "sw"),
    ],
)
def test_the_curated_taxonomies_are_listed_whole(visitor, path, key, expected):
    answer = visitor.get(path)
    assert answer.status_code == 200
    assert expected in [item[key] for item in answer.json()]


def test_a_system_names_the_standards_it_speaks(visitor):
    kobo = visitor.get("/api/systems/kobotoolbox/").json()
    assert kobo["name"] == "KoboToolbox" and "xforms-xlsform" in kobo["standards"]


def test_the_systems_list_runs_a_fixed_number_of_queries(visitor, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        visitor.get("/api/systems/")
