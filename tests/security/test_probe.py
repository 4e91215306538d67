"""Holes a security probe found, each kept shut by a test here."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
from allauth.account.adapter import get_adapter
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_ratelimit.core import _get_ip
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from directory.listings.forms import NeedForm, OfferingForm
from directory.listings.models import STALE_AFTER, Moderation, Offering
from impact_socials.security import AnonRateThrottle
from tests.factories import IntroductionFactory, OfferingFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "/api/auth/token/"
PASSWORD = "correct-horse-battery"


def forged(n: int) -> dict:
    """A different X-Forwarded-For on every request, as the probe sent."""
    return {"HTTP_X_FORWARDED_FOR": f"203.0.113.{n % 250}"}


# 1. Clients are identified by one trusted-proxy setting, not by a header they write.


def test_a_forged_x_forwarded_for_does_not_escape_the_token_throttle():
    visitor = APIClient()
    answers = [
        visitor.post(
            TOKEN, {"username": f"nobody{n}@example.org", "password": "guess"}, **forged(n)
        ).status_code
        for n in range(11)
    ]
    assert answers[:10] == [400] * 10 and answers[10] == 429


def test_a_forged_x_forwarded_for_does_not_escape_the_anonymous_api_throttle(monkeypatch):
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "3/minute")
    visitor = APIClient()
    answers = [visitor.get("/api/categories/", **forged(n)).status_code for n in range(4)]
    assert answers == [200, 200, 200, 429]


@pytest.mark.parametrize(
    ("proxies", "expected"), [(0, "192.0.2.1"), (1, "198.51.100.7"), (2, "203.0.113.9")]
)
def test_every_limiter_takes_the_address_from_trusted_proxy_count(settings, proxies, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get(
        "/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7"
    )
    assert get_adapter(request).get_client_ip(request) == expected  # allauth
    assert _get_ip(request) == expected  # django-ratelimit
    assert AnonRateThrottle().get_ident(request) == expected  # DRF


# 2. The token endpoint counts failures per account and per address, as the web sign-in does.


@pytest.fixture
def person():
    return member_of(OrganisationFactory())


def fail_to_sign_in_on_the_web(person, times: int) -> None:
    client = Client()
    for n in range(times):
        page = client.post(reverse("account_login"), {"login": person.email, "password": f"no{n}"})
        assert page.status_code == 200


def test_guessing_a_password_for_a_token_locks_the_account_after_five_tries(person):
    visitor = APIClient()
    answers = [
        visitor.post(TOKEN, {"username": person.email, "password": f"guess {n}"}, **forged(n))
        for n in range(40)
    ]
    assert [answer.status_code for answer in answers[:5]] == [400] * 5
    assert all(answer.status_code == 429 for answer in answers[5:]), "from the 6th, not the 11th"
    assert int(answers[-1]["Retry-After"]) > 0


def test_an_account_locked_on_the_web_gets_no_token_even_with_its_password(person):
    fail_to_sign_in_on_the_web(person, 5)
    for login in (person.email, person.username):
        answer = APIClient().post(TOKEN, {"username": login, "password": PASSWORD})
        assert answer.status_code == 429 and "token" not in answer.json()


# 3. The admin's sign-in is counted and locked out with the web sign-in.


def test_the_admin_sign_in_locks_after_the_same_five_failures():
    staff = member_of(OrganisationFactory(), is_staff=True, is_superuser=True)
    client = Client()
    for n in range(5):
        page = client.post(reverse("admin:login"), {"username": staff.username, "password": n})
        assert page.status_code == 200
    page = client.post(reverse("admin:login"), {"username": staff.username, "password": PASSWORD})
    assert page.status_code == 200 and "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in page.text


def test_failures_on_the_web_lock_the_admin_sign_in_too(person):
    person.is_staff = True
    person.save()
    fail_to_sign_in_on_the_web(person, 5)
    client = Client()
    page = client.post(reverse("admin:login"), {"username": person.username, "password": PASSWORD})
    assert page.status_code == 200 and "_auth_user_id" not in client.session


# 4. With Redis down, the sign-in counters move to the database instead of failing open.


def test_with_redis_down_wrong_sign_ins_still_lock_the_account(settings, person):
    settings.CACHES = {
        "default": {
            "BACKEND": "impact_socials.cache.TolerantRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens: see tests/faults
        },
        "rate_limits": settings.CACHES["rate_limits"],
    }
    fail_to_sign_in_on_the_web(person, 12)
    client = Client()
    page = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert page.status_code == 200 and "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in page.text


# 5. NUL characters and deeply nested JSON get 400, never a 500.

LOOKUPS = [
    "/api/offerings/%00/",
    "/api/needs/%00/",
    "/api/organisations/%00/",
    "/api/categories/%00/",
    "/api/systems/%00/",
    "/api/standards/%00/",
    "/api/sectors/%00/",
    "/api/languages/%00/",
    "/api/offerings/?q=%00",
    "/offerings/?category=%00",
    "/offerings/a%00b/",
]


@pytest.mark.parametrize("path", LOOKUPS)
def test_a_nul_byte_in_the_address_gets_400(path):
    assert Client().get(path).status_code == 400


def test_a_nul_character_in_a_json_body_gets_400():
    answer = APIClient().post(
        "/api/match-preview/",
        {"title": "Surveys", "description": "Collect them offline.", "category": "\u0000"},
        format="json",
    )
    assert answer.status_code == 400 and "NUL" in answer.json()["category"][0]


def test_a_nul_byte_in_a_posted_form_gets_400(person):
    client = Client()
    client.force_login(person)
    body = urlencode({"title": "Surveys", "description": "a\x00b"})
    page = client.post(reverse("need_create"), body, "application/x-www-form-urlencoded")
    assert page.status_code == 400


@pytest.mark.parametrize("path", ["/api/match-preview/", TOKEN, "/api/needs/"])
def test_deeply_nested_json_gets_400(path, person):
    client = APIClient()
    client.force_authenticate(person)
    answer = client.post(path, "[" * 100_000, content_type="application/json")
    assert answer.status_code == 400 and "nested" in answer.json()["detail"]


# 6. Pages with secrets or personal data are kept by no cache.


def test_signed_in_pages_are_private_and_not_stored():
    introduction = IntroductionFactory()
    client = Client()
    client.force_login(introduction.requested_by)
    for name, args in [
        ("api_token", []),
        ("introduction_detail", [introduction.pk]),
        ("account_export", []),
        ("dashboard", []),
        ("account_settings", []),
    ]:
        page = client.get(reverse(name, args=args))
        assert page.status_code == 200, name
        directives = {part.strip() for part in page.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= directives, name


# 7. Production refuses to start without a secret key of its own.


@pytest.mark.parametrize("secret_key", [None, "dev-only-insecure-key-change-me-in-production"])
def test_production_refuses_to_start_without_its_own_secret_key(secret_key):
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if secret_key:
        env["SECRET_KEY"] = secret_key
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr


# 9. A stale offering answers 404 by its address, as a stale need does; its owner still sees it.


def test_a_stale_offering_is_not_found_except_by_its_owner():
    offering = OfferingFactory()
    Offering.objects.filter(pk=offering.pk).update(
        confirmed_at=timezone.now() - STALE_AFTER - timedelta(days=1)
    )
    api_path = f"/api/offerings/{offering.slug}/"
    assert Client().get(offering.get_absolute_url()).status_code == 404
    assert APIClient().get(api_path).status_code == 404
    owner = member_of(offering.organisation)
    client, api = Client(), APIClient()
    client.force_login(owner)
    api.force_authenticate(owner)
    assert client.get(offering.get_absolute_url()).status_code == 200
    assert api.get(api_path).status_code == 200


# 10. A title of zero-width spaces is no title.


@pytest.mark.parametrize("title", ["\u200b\u200b\u200b", "\u200b \ufeff\u2060"])
def test_titles_made_only_of_invisible_characters_are_refused(title):
    need = NeedForm({"title": title, "description": "Surveys.", "visibility": "public"})
    offering = OfferingForm({"name": title})
    assert "title" in need.errors and "name" in offering.errors
    assert "Write something people can read." in need.errors["title"]
    assert "Write something people can read." in offering.errors["name"]


# An organisation's page and its API record answer alike


@pytest.mark.parametrize("listed", [True, False])
def test_an_organisation_is_found_on_its_page_exactly_when_the_api_finds_it(client, listed):
    offering = OfferingFactory()
    if not listed:
        Offering.objects.filter(pk=offering.pk).update(status=Moderation.DRAFT)
    organisation = offering.organisation
    page = client.get(organisation.get_absolute_url())
    record = client.get(f"/api/organisations/{organisation.slug}/")
    assert page.status_code == record.status_code == (200 if listed else 404)
    client.force_login(member_of(organisation))
    assert client.get(organisation.get_absolute_url()).status_code == 200
