"""Needs in the API: public ones for everyone, providers-only ones for providers, writes by
the nonprofit's own members, and matches for the need's organisation only."""

import datetime

import pytest
from django.utils import timezone

from directory.listings.models import Moderation, Need
from tests.api.listings import NEEDS
from tests.factories import SURVEY_NEED, SURVEY_TOOL, NeedFactory, OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def taxonomy():
    NEEDS.make_taxonomy()


@pytest.fixture
def matched_need(nonprofit, django_capture_on_commit_callbacks):
    OfferingFactory(**SURVEY_TOOL)
    with django_capture_on_commit_callbacks(execute=True):
        return NeedFactory(organisation=nonprofit, **SURVEY_NEED)


def test_visitors_see_public_needs_and_providers_also_see_providers_only_ones(
    visitor, provider_member
):
    NeedFactory(title="Public need")
    NeedFactory(title="For providers", visibility=Need.Visibility.PROVIDERS)
    titles = {n["title"] for n in visitor.get(NEEDS.url).json()["results"]}
    assert titles == {"Public need"}
    titles = {n["title"] for n in provider_member.get(NEEDS.url).json()["results"]}
    assert titles == {"Public need", "For providers"}


def test_paused_and_pending_needs_stay_out_of_the_list(visitor):
    NeedFactory(title="Open")
    NeedFactory(title="Paused", state=Need.State.PAUSED)
    NeedFactory(title="Pending", status=Moderation.PENDING)
    assert [n["title"] for n in visitor.get(NEEDS.url).json()["results"]] == ["Open"]


def test_a_fulfilled_need_is_listed_on_request_and_readable(visitor):
    need = NeedFactory(title="Done", state=Need.State.FULFILLED)
    assert visitor.get(NEEDS.url).json()["count"] == 0
    assert visitor.get(NEEDS.url, {"status": "fulfilled"}).json()["count"] == 1
    assert visitor.get(NEEDS.detail(need)).json()["state"] == "fulfilled"


def test_a_nonprofit_posts_a_need_that_waits_for_review(nonprofit_member, nonprofit):
    answer, need = NEEDS.assert_posted_for_review(nonprofit_member, nonprofit)
    assert [s.slug for s in need.systems.all()] == ["google-sheets"]
    assert answer.json()["category"] == "messaging"


def test_its_own_members_read_a_pending_need_others_do_not(
    nonprofit, nonprofit_member, other_nonprofit_member, visitor
):
    need = NeedFactory(organisation=nonprofit, status=Moderation.PENDING)
    NEEDS.assert_only_readable_by(need, nonprofit_member, other_nonprofit_member, visitor)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "x" * 141}, "title", "no more than 140 characters"),
        ({"description": ""}, "description", "may not be blank"),
        ({"monthly_budget": "-5"}, "monthly_budget", "greater than or equal to 0"),
        ({"category": "no-such-thing"}, "category", "does not exist"),
        ({"free_only": True}, "monthly_budget", "Leave this empty"),
        ({"deadline": "2001-01-01"}, "deadline", "in the past"),
        ({"country": "XX"}, "country", "not a valid choice"),
        ({"systems": ["google-sheets"] * 16}, "systems", "Choose at most 15"),
        ({"visibility": "everyone"}, "visibility", "not a valid choice"),
    ],
)
def test_bad_input_gets_a_400_with_the_fields_error_and_saves_nothing(
    nonprofit_member, change, field, message
):
    NEEDS.assert_refused(nonprofit_member, change, field, message)


def test_a_body_that_is_not_an_object_gets_a_400(nonprofit_member):
    answer = nonprofit_member.post(NEEDS.url, ["not", "a", "need"], format="json")
    assert answer.status_code == 400 and "non_field_errors" in answer.json()


def test_a_member_edits_their_need_and_keeps_a_past_deadline(nonprofit_member, nonprofit):
    last_year = timezone.localdate() - datetime.timedelta(days=365)
    need = NeedFactory(organisation=nonprofit, deadline=last_year)
    answer = nonprofit_member.patch(NEEDS.detail(need), {"monthly_budget": "60"}, format="json")
    assert answer.status_code == 200, answer.json()
    need.refresh_from_db()
    assert need.monthly_budget == 60 and need.deadline == last_year


def test_a_rejected_need_goes_back_for_review_when_changed(nonprofit_member, nonprofit):
    need = NeedFactory(organisation=nonprofit, status=Moderation.REJECTED)
    nonprofit_member.put(NEEDS.detail(need), NEEDS.body(), format="json")
    need.refresh_from_db()
    assert need.status == Moderation.PENDING


def test_providers_cannot_post_needs(provider_member):
    answer = provider_member.post(NEEDS.url, NEEDS.body(), format="json")
    assert answer.status_code == 403
    assert not Need.objects.exists()


def test_the_needs_organisation_sees_its_matches_best_first(nonprofit_member, matched_need):
    answer = nonprofit_member.get(f"{NEEDS.detail(matched_need)}matches/")
    assert answer.status_code == 200
    match = answer.json()["results"][0]
    assert match["offering"]["name"] == "FieldForms"
    assert 0 < match["score"] <= 100 and match["reasons"]
    # it names no system and gives no budget: neither part is scored nor given a number
    assert match["interoperability"] is None and match["cost_fit"] is None
    assert match["score"] == pytest.approx(100 * match["need_fit"])


def test_nobody_else_sees_a_needs_matches(
    visitor, provider_member, other_nonprofit_member, matched_need
):
    url = f"{NEEDS.detail(matched_need)}matches/"
    assert visitor.get(url).status_code == 401
    assert provider_member.get(url).status_code == 404
    assert other_nonprofit_member.get(url).status_code == 404


def test_the_list_runs_the_same_number_of_queries_for_5_or_50_needs(
    visitor, django_assert_max_num_queries
):
    NEEDS.assert_list_queries_stay_flat(visitor, django_assert_max_num_queries, 5)


def test_matches_run_a_fixed_number_of_queries(
    nonprofit_member, matched_need, django_assert_max_num_queries
):
    # One of them looks up the reader's organisations (for whose words the reasons are in),
    # one the category and language names the reasons are written with.
    with django_assert_max_num_queries(6):
        nonprofit_member.get(f"{NEEDS.detail(matched_need)}matches/")
