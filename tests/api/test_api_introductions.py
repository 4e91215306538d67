"""Introductions in the API: read by the two organisations' members only, contact e-mails
only once accepted."""

import json

import pytest

from directory.engagement.models import Introduction
from tests.api.conftest import signed_in
from tests.directory.introduction_data import (
    ACCEPTOR_EMAIL,
    REQUESTER_EMAIL,
    days_ago,
    make_world,
)
from tests.factories import OrganisationFactory, ProviderFactory, member_of

pytestmark = pytest.mark.django_db

Status = Introduction.Status


@pytest.fixture
def world():
    return make_world()


def test_both_sides_read_the_request_without_contacts_before_acceptance(world):
    introduction = world.introduction()
    for member in (world.requester, world.acceptor):
        answer = signed_in(member).get(f"/api/introductions/{introduction.pk}/")
        assert answer.status_code == 200
        data = answer.json()
        assert data["status"] == "pending" and data["need"]["id"] == world.need.pk
        assert data["offering"]["slug"] == world.offering.slug
        assert data["nonprofit_contact_email"] is None and data["provider_contact_email"] is None
        assert REQUESTER_EMAIL not in answer.text and ACCEPTOR_EMAIL not in answer.text


def test_contacts_appear_once_accepted(world):
    introduction = world.introduction(
        status=Status.ACCEPTED, answered_by=world.acceptor, closed_at=days_ago(1)
    )
    data = signed_in(world.requester).get(f"/api/introductions/{introduction.pk}/").json()
    assert data["nonprofit_contact_email"] == REQUESTER_EMAIL
    assert data["provider_contact_email"] == ACCEPTOR_EMAIL


def test_a_declined_request_shares_no_contact(world):
    introduction = world.introduction(
        status=Status.DECLINED, answered_by=world.acceptor, closed_at=days_ago(1)
    )
    answer = signed_in(world.acceptor).get("/api/introductions/")
    [data] = answer.json()["results"]
    assert data["id"] == introduction.pk and data["nonprofit_contact_email"] is None
    assert REQUESTER_EMAIL not in json.dumps(answer.json())


def test_other_organisations_and_visitors_read_nothing(world, visitor):
    introduction = world.introduction()
    for outsider in (member_of(OrganisationFactory()), member_of(ProviderFactory())):
        client = signed_in(outsider)
        assert client.get(f"/api/introductions/{introduction.pk}/").status_code == 404
        assert client.get("/api/introductions/").json()["results"] == []
    assert visitor.get("/api/introductions/").status_code == 401


def test_the_list_filters_by_status(world):
    world.introduction(status=Status.EXPIRED, closed_at=days_ago(1))
    pending = world.introduction()
    results = signed_in(world.requester).get("/api/introductions/?status=pending").json()
    assert [row["id"] for row in results["results"]] == [pending.pk]


def test_the_list_runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    client = signed_in(world.requester)
    world.introduction(status=Status.DECLINED, closed_at=days_ago(1))
    with django_assert_max_num_queries(6) as few:
        client.get("/api/introductions/")
    for _ in range(10):
        world.introduction(status=Status.DECLINED, closed_at=days_ago(1))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get("/api/introductions/").json()["results"]) == 11
