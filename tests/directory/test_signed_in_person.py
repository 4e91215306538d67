"""The signed-in person read from the cache (accounts/signed_in.py): each person sees their
own header and organisation, never someone else's; a change to them, their organisation or
their membership shows on the next page; the session still decides who is signed in."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.listings.models import Membership, Need
from tests import factories
from tests.directory.page_readers import signed_in

pytestmark = pytest.mark.django_db

POST_A_NEED, ADD_AN_OFFERING, OWN = "Post a need", "Add an offering", "Your organisation"


def signed_in_as(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def test_each_person_sees_their_own_header_however_often_they_come_back():
    nonprofit = signed_in(factories.OrganisationFactory())
    provider = signed_in(factories.ProviderFactory())
    for _ in range(2):
        nonprofit_page = nonprofit.get(reverse("offering_list")).text
        provider_page = provider.get(reverse("offering_list")).text
        assert POST_A_NEED in nonprofit_page and ADD_AN_OFFERING not in nonprofit_page
        assert ADD_AN_OFFERING in provider_page and POST_A_NEED not in provider_page


def test_a_renamed_organisation_shows_on_the_next_page():
    organisation = factories.OrganisationFactory(name="Old name")
    person = signed_in(organisation)
    assert "Old name" in person.get(reverse("dashboard")).text
    organisation.name = "New name"
    organisation.save()
    page = person.get(reverse("dashboard")).text
    assert "New name" in page and "Old name" not in page


def test_moving_to_another_organisation_shows_on_the_next_page():
    member = factories.member_of(factories.OrganisationFactory())
    browser = signed_in_as(member)
    assert POST_A_NEED in browser.get(reverse("offering_list")).text
    provider = factories.ProviderFactory()
    factories.OfferingFactory(name="Their tool", organisation=provider)
    member.memberships.get().delete()
    Membership.objects.create(user=member, organisation=provider)
    page = browser.get(reverse("offering_list")).text
    assert ADD_AN_OFFERING in page and POST_A_NEED not in page
    assert OWN in page, "the new organisation's tool is marked as theirs"


def test_a_provider_sees_providers_only_needs_as_soon_as_they_join_one():
    factories.NeedFactory(title="Providers eyes only", visibility=Need.Visibility.PROVIDERS)
    member = factories.member_of(factories.OrganisationFactory())
    browser = signed_in_as(member)
    assert "Providers eyes only" not in browser.get(reverse("need_list")).text
    Membership.objects.create(user=member, organisation=factories.ProviderFactory())
    assert "Providers eyes only" in browser.get(reverse("need_list")).text


def test_a_new_password_set_elsewhere_signs_this_browser_out():
    member = factories.member_of(factories.OrganisationFactory())
    browser = signed_in_as(member)
    assert browser.get(reverse("dashboard")).status_code == 200
    member.set_password("a-new-and-longer-secret")
    member.save()
    assert browser.get(reverse("dashboard")).status_code == 302
    assert "Sign in" in browser.get(reverse("offering_list")).text


def test_a_deactivated_person_is_signed_out_on_their_next_page():
    member = factories.member_of(factories.OrganisationFactory())
    browser = signed_in_as(member)
    assert browser.get(reverse("dashboard")).status_code == 200
    member.is_active = False
    member.save()
    assert browser.get(reverse("dashboard")).status_code == 302


def test_signing_out_ends_the_cached_person_too():
    browser = signed_in(factories.OrganisationFactory())
    assert "Sign out" in browser.get(reverse("offering_list")).text
    browser.post(reverse("account_logout"))
    page = browser.get(reverse("offering_list")).text
    assert "Sign out" not in page and POST_A_NEED not in page


def test_another_persons_session_is_not_vouched_for_by_their_cached_row():
    first = factories.member_of(factories.OrganisationFactory(name="First Trust"))
    second = factories.member_of(factories.OrganisationFactory(name="Second Trust"))
    first_browser, second_browser = signed_in_as(first), signed_in_as(second)
    assert "First Trust" in first_browser.get(reverse("dashboard")).text
    page = second_browser.get(reverse("dashboard")).text
    assert "Second Trust" in page and "First Trust" not in page


def test_a_signed_in_list_page_asks_the_database_nothing_about_the_person_the_second_time():
    person = signed_in(factories.ProviderFactory())
    person.get(reverse("need_list"))
    with CaptureQueriesContext(connection) as queries:
        page = person.get(reverse("need_list"))
    assert ADD_AN_OFFERING in page.text
    about_people = [q["sql"] for q in queries if '"directory_user"' in q["sql"]]
    about_people += [q["sql"] for q in queries if '"directory_membership"' in q["sql"]]
    assert about_people == []


def test_with_the_production_session_store_a_second_page_asks_the_database_nothing(settings):
    settings.SESSION_ENGINE = "directory.accounts.sessions"
    person = signed_in(factories.ProviderFactory())
    person.get(reverse("need_list"))
    with CaptureQueriesContext(connection) as queries:
        page = person.get(reverse("need_list"))
    assert ADD_AN_OFFERING in page.text and "Sign out" in page.text
    assert [q["sql"] for q in queries] == []


def test_with_the_production_session_store_a_saved_listing_shows_on_the_next_page(settings):
    settings.SESSION_ENGINE = "directory.accounts.sessions"
    need = factories.NeedFactory(title="Before the save")
    person = signed_in(factories.ProviderFactory())
    for _ in range(2):
        assert "Before the save" in person.get(reverse("need_list")).text
    need.title = "After the save"
    need.save()
    page = person.get(reverse("need_list")).text
    assert "After the save" in page and "Before the save" not in page
