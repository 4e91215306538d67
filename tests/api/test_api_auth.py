"""Members get an API token with their sign-in details, or from their account page."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import OrganisationFactory, UserFactory, member_of

pytestmark = pytest.mark.django_db

TOKEN = "/api/auth/token/"
PASSWORD = "correct-horse-battery"


@pytest.fixture
def person():
    return member_of(OrganisationFactory())


@pytest.mark.parametrize("login", ["email", "username"])
def test_a_member_gets_a_token_with_their_email_or_username(visitor, person, login):
    answer = visitor.post(TOKEN, {"username": getattr(person, login), "password": PASSWORD})
    assert answer.status_code == 200
    assert answer.json() == {"token": Token.objects.get(user=person).key}


def test_the_token_signs_the_member_in(visitor, person):
    token = visitor.post(TOKEN, {"username": person.email, "password": PASSWORD}).json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    answer = client.post("/api/needs/", {}, format="json")
    assert answer.status_code == 400  # signed in: only the empty need is refused


def test_a_wrong_password_gets_no_token(visitor, person):
    answer = visitor.post(TOKEN, {"username": person.email, "password": "guess"})
    assert answer.status_code == 400 and not Token.objects.exists()


def test_an_unconfirmed_email_gets_no_token(visitor):
    person = UserFactory()
    EmailAddress.objects.filter(user=person).update(verified=False)
    answer = visitor.post(TOKEN, {"username": person.email, "password": PASSWORD})
    assert answer.status_code == 400
    assert "Confirm your e-mail address" in answer.json()["non_field_errors"][0]


def test_guessing_passwords_is_throttled(visitor, person):
    # Five failures lock the account, as on the web sign-in form (ACCOUNT_RATE_LIMITS).
    answers = [
        visitor.post(TOKEN, {"username": person.email, "password": f"guess {n}"}).status_code
        for n in range(6)
    ]
    assert answers[:5] == [400] * 5 and answers[5] == 429


def test_the_account_page_shows_the_members_token(client, person):
    client.force_login(person)
    assert "You have no token yet" in client.get(reverse("api_token")).text
    client.post(reverse("api_token"))
    token = Token.objects.get(user=person)
    assert token.key in client.get(reverse("api_token")).text


def test_replacing_the_token_stops_the_old_one(client, person):
    old = Token.objects.create(user=person)
    client.force_login(person)
    page = client.post(reverse("api_token"), follow=True).text
    new = Token.objects.get(user=person)
    assert not Token.objects.filter(key=old.key).exists() and new.key != old.key
    assert new.key in page and old.key not in page


def test_looking_at_the_token_page_does_not_change_the_token(client, person):
    token = Token.objects.create(user=person)
    client.force_login(person)
    for _ in range(2):
        assert token.key in client.get(reverse("api_token")).text
    assert list(Token.objects.filter(user=person).values_list("key", flat=True)) == [token.key]


def test_the_token_page_shows_each_person_only_their_own_token(client, person):
    theirs = Token.objects.create(user=person)
    client.force_login(member_of(OrganisationFactory()))
    page = client.get(reverse("api_token")).text
    assert "You have no token yet" in page and theirs.key not in page


def test_the_token_page_says_what_it_is_for_and_links_to_the_api_docs(client, person):
    client.force_login(person)
    page = client.get(reverse("api_token")).text
    assert "connecting another program" in page and reverse("api_docs") in page


def test_the_account_settings_link_to_the_token_page(client, person):
    client.force_login(person)
    assert reverse("api_token") in client.get(reverse("account_settings")).text


def test_the_dashboard_shows_neither_the_token_nor_its_page(client, person):
    token = Token.objects.create(user=person)
    client.force_login(person)
    page = client.get(reverse("dashboard")).text
    assert token.key not in page and reverse("api_token") not in page


def test_visitors_are_sent_to_sign_in_for_the_token_page(client):
    page = client.get(reverse("api_token"))
    assert page.status_code == 302 and reverse("account_login") in page.url
