"""The site in English or Hindi: the browser's language, the switch in the header, and the
choice kept on the account so it follows the person after signing in."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from directory.accounts.models import User
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

HINDI_NAV = "टूल खोजें"  # "Find tools"


def switch(client, language: str, next_page: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_page})


def test_a_browser_asking_for_hindi_gets_the_site_in_hindi(client):
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="hi")
    assert '<html lang="hi">' in page.text
    assert HINDI_NAV in page.text
    assert page.headers["Content-Language"] == "hi"
    assert 'lang="en">English</button>' in page.text, "the switch offers the other language"


def test_english_by_default_with_the_switch_offering_hindi(client):
    page = client.get(reverse("home"))
    assert '<html lang="en">' in page.text
    assert "Find tools" in page.text and HINDI_NAV not in page.text
    assert 'lang="hi">हिन्दी</button>' in page.text


def test_the_switch_keeps_a_visitors_choice_and_returns_to_the_page(client):
    answer = switch(client, "hi", reverse("offering_list"))
    assert answer.status_code == 302 and answer.url == reverse("offering_list")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "hi"
    page = client.get(reverse("offering_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="hi">' in page.text


def test_an_unknown_language_or_an_outside_next_changes_nothing(client):
    answer = switch(client, "xx", "https://evil.example/")
    assert settings.LANGUAGE_COOKIE_NAME not in answer.cookies
    assert "evil.example" not in answer.get("Location", "")


def test_a_signed_in_choice_is_kept_on_the_account_and_follows_to_another_browser(
    client, nonprofit_member
):
    client.force_login(nonprofit_member)
    switch(client, "hi")
    nonprofit_member.refresh_from_db()
    assert nonprofit_member.language == "hi"

    elsewhere = Client()
    elsewhere.force_login(nonprofit_member)
    page = elsewhere.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="hi">' in page.text


def test_a_choice_made_before_signing_in_is_kept_after(client):
    user = User.objects.create_user("asha", "asha@example.org", "a-long-passphrase-here")
    user.emailaddress_set.create(email=user.email, verified=True, primary=True)
    switch(client, "hi")
    client.post(
        reverse("account_login"),
        {"login": "asha@example.org", "password": "a-long-passphrase-here"},
    )
    user.refresh_from_db()
    assert user.language == "hi"
    assert '<html lang="hi">' in client.get(reverse("home")).text


def test_cached_list_pages_never_mix_languages(client):
    OfferingFactory(name="Stored in two languages")
    english = Client().get(reverse("offering_list")).text
    hindi = Client().get(reverse("offering_list"), HTTP_ACCEPT_LANGUAGE="hi").text
    again = Client().get(reverse("offering_list")).text
    assert HINDI_NAV in hindi
    assert HINDI_NAV not in english and HINDI_NAV not in again


def test_the_switch_works_without_a_csrf_token_so_stored_pages_can_carry_it():
    visitor = Client(enforce_csrf_checks=True)
    answer = visitor.post(reverse("set_language"), {"language": "hi", "next": "/"})
    assert answer.status_code == 302
    assert visitor.cookies[settings.LANGUAGE_COOKIE_NAME].value == "hi"
