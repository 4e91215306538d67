"""People export their own data and delete their account; organisations follow a clear rule."""

import pytest
from django.urls import reverse

from directory.accounts.models import User
from directory.listings.models import Need, Organisation
from tests.factories import MembershipFactory, NeedFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db


def test_export_holds_my_account_and_my_organisations_listings(client):
    need = NeedFactory(title="Our own need")
    member = member_of(need.organisation)
    NeedFactory(title="Someone else's need")
    client.force_login(member)
    page = client.get(reverse("account_export"))
    assert page.status_code == 200 and "attachment" in page.headers["Content-Disposition"]
    data = page.json()
    assert data["account"]["email"] == member.email
    titles = [n["title"] for org in data["organisations"] for n in org["needs"]]
    assert titles == ["Our own need"]


def test_export_needs_a_signed_in_person(client):
    assert client.get(reverse("account_export")).status_code == 302


def test_the_last_member_leaving_takes_the_organisation_and_its_listings(client):
    need = NeedFactory()
    member = member_of(need.organisation)
    client.force_login(member)
    assert "You are the last member" in client.get(reverse("account_delete")).text
    client.post(reverse("account_delete"), {"confirm": "delete"})
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Organisation.objects.filter(pk=need.organisation_id).exists()
    assert not Need.objects.exists()


def test_listings_stay_while_other_members_remain(client):
    need = NeedFactory()
    leaving = member_of(need.organisation)
    MembershipFactory(organisation=need.organisation)
    client.force_login(leaving)
    client.post(reverse("account_delete"), {"confirm": "delete"})
    assert not User.objects.filter(pk=leaving.pk).exists()
    assert Need.objects.filter(pk=need.pk).exists()


def test_deleting_needs_the_confirmation(client):
    member = member_of(OrganisationFactory())
    client.force_login(member)
    client.post(reverse("account_delete"), {})
    assert User.objects.filter(pk=member.pk).exists()
