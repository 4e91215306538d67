"""Offerings in the API: everyone reads published ones, providers write their own."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.listings.models import Moderation, Offering
from matching.models import Match
from tests.api.listings import OFFERINGS
from tests.factories import SURVEY_NEED, NeedFactory, OfferingFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def taxonomy():
    OFFERINGS.make_taxonomy()


def test_visitor_lists_published_offerings_with_their_provider(visitor, provider):
    OfferingFactory(name="SurveyKit", organisation=provider)
    OfferingFactory(name="Waiting", status=Moderation.PENDING)
    stale = timezone.now() - timedelta(days=200)
    OfferingFactory(name="Abandoned", confirmed_at=stale)
    page = visitor.get(OFFERINGS.url)
    assert page.status_code == 200
    assert [o["name"] for o in page.json()["results"]] == ["SurveyKit"]
    listed = page.json()["results"][0]
    assert listed["organisation"]["name"] == "FieldTools Ltd"
    assert listed["categories"] == ["data-collection"]
    assert listed["page"] == f"http://testserver/offerings/{listed['slug']}/"


def test_contact_emails_never_appear(visitor, provider):
    provider.contact_email = "sales@fieldtools.example"
    provider.save()
    OfferingFactory(organisation=provider)
    assert "sales@fieldtools.example" not in visitor.get(OFFERINGS.url).text
    assert "sales@fieldtools.example" not in visitor.get("/api/organisations/").text


def test_a_draft_is_readable_by_its_own_provider_only(
    visitor, provider, provider_member, other_provider_member
):
    draft = OfferingFactory(organisation=provider, status=Moderation.DRAFT)
    OFFERINGS.assert_only_readable_by(draft, provider_member, other_provider_member, visitor)


def test_a_provider_posts_an_offering_that_waits_for_review(provider_member, provider):
    answer, offering = OFFERINGS.assert_posted_for_review(provider_member, provider)
    assert [c.slug for c in offering.categories.all()] == ["data-collection"]
    assert [str(code) for code in offering.regions] == ["KE", "UG"]
    assert answer.json()["status"] == "pending"


def test_a_verified_provider_publishes_straight_away(provider_member, provider):
    provider.is_verified = True
    provider.save()
    provider_member.post(OFFERINGS.url, OFFERINGS.body(), format="json")
    assert Offering.objects.get().status == Moderation.PUBLISHED


def test_submit_false_keeps_a_new_offering_as_a_draft(provider_member):
    provider_member.post(OFFERINGS.url, OFFERINGS.body(submit=False), format="json")
    assert Offering.objects.get().status == Moderation.DRAFT


def test_a_saved_offering_is_matched_to_open_needs(
    provider_member, provider, django_capture_on_commit_callbacks
):
    provider.is_verified = True
    provider.save()
    need = NeedFactory(**SURVEY_NEED)
    with django_capture_on_commit_callbacks(execute=True):
        provider_member.post(OFFERINGS.url, OFFERINGS.body(), format="json")
    assert Match.objects.filter(need=need, offering__name="SurveyKit").exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"name": "x" * 121}, "name", "no more than 120 characters"),
        ({"list_price_monthly": "-1"}, "list_price_monthly", "greater than or equal to 0"),
        ({"categories": ["no-such-category"]}, "categories", "does not exist"),
        ({"categories": []}, "categories", "Please fill this in"),
        ({"languages": "en"}, "languages", 'Expected a list of items but got type "str"'),
        ({"cloud": False}, "cloud", "Tick at least one way it can run"),
        ({"nonprofit_price_monthly": "50"}, "nonprofit_price_monthly", "above the list price"),
        ({"licence": "MIT; rm -rf"}, "licence", "SPDX"),
        ({"website": "not a url"}, "website", "valid URL"),
    ],
)
def test_bad_input_gets_a_400_with_the_fields_error_and_saves_nothing(
    provider_member, change, field, message
):
    OFFERINGS.assert_refused(provider_member, change, field, message)


def test_too_many_categories_are_refused_like_on_the_form(provider_member):
    slugs = [category(f"category-{n}").slug for n in range(6)]
    answer = provider_member.post(OFFERINGS.url, OFFERINGS.body(categories=slugs), format="json")
    assert answer.status_code == 400 and answer.json()["categories"] == ["Choose at most 5."]


def test_a_provider_changes_its_own_offering(provider_member, provider):
    offering = OfferingFactory(organisation=provider, name="Old name")
    answer = provider_member.patch(
        OFFERINGS.detail(offering), {"summary": "Now with SMS."}, format="json"
    )
    assert answer.status_code == 200, answer.json()
    offering.refresh_from_db()
    assert offering.summary == "Now with SMS." and offering.name == "Old name"
    # The provider is not verified, so the changed offering goes back to review
    # (docs/architecture.md#moderation).
    assert offering.status == Moderation.PENDING


def test_a_partial_change_is_validated_with_the_rest_of_the_listing(provider_member, provider):
    offering = OfferingFactory(organisation=provider, pricing_model="paid", list_price_monthly=20)
    answer = provider_member.patch(
        OFFERINGS.detail(offering), {"nonprofit_price_monthly": "25"}, format="json"
    )
    assert answer.status_code == 400
    assert "above the list price" in answer.json()["nonprofit_price_monthly"][0]


def test_nonprofits_cannot_post_offerings(nonprofit_member):
    answer = nonprofit_member.post(OFFERINGS.url, OFFERINGS.body(), format="json")
    assert answer.status_code == 403
    assert answer.json()["detail"] == "Only members of a tech provider can do this."


def test_visitors_must_sign_in_to_write(visitor):
    answer = visitor.post(OFFERINGS.url, OFFERINGS.body(), format="json")
    assert answer.status_code == 401 and answer["WWW-Authenticate"] == "Token"
    assert not Offering.objects.exists()


def test_offerings_cannot_be_deleted_through_the_api(provider_member, provider):
    offering = OfferingFactory(organisation=provider)
    assert provider_member.delete(OFFERINGS.detail(offering)).status_code == 405
    assert Offering.objects.filter(pk=offering.pk).exists()


def test_the_list_runs_the_same_number_of_queries_for_5_or_50_offerings(
    visitor, django_assert_max_num_queries
):
    OFFERINGS.assert_list_queries_stay_flat(visitor, django_assert_max_num_queries, 8)


def test_a_taxonomy_slug_with_a_nul_byte_is_a_field_error(provider_member):
    answer = provider_member.post(
        OFFERINGS.url,
        {"name": "Forms", "summary": "s", "description": "d", "categories": ["data\x00x"]},
        format="json",
    )
    assert answer.status_code == 400 and "categories" in answer.json()
