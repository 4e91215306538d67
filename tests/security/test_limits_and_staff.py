"""Limits on expensive answers, production headers and cookies, and a second factor for staff:
items of the security issue, each kept by a test here."""

import csv
import io
import json
import os
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery"


def new_member(**fields):
    """A person belonging to a new nonprofit, with ``fields`` of theirs."""
    return factories.member_of(factories.OrganisationFactory(), **fields)


def rows_of(response) -> list[list[str]]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


# 1. The match preview and the CSV exports are rate-limited and the exports bounded.


def test_a_burst_of_previews_past_the_rate_gets_429(settings):
    settings.PREVIEW_RATE = "3/h"  # an hour's window: a minute's could turn between posts
    client = Client()
    client.force_login(new_member())
    form = {"title": "Household surveys offline", "description": "Survey forms on phones"}
    answers = [client.post(reverse("need_preview"), form).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]


def test_the_preview_limit_counts_per_person_across_addresses(settings):
    settings.PREVIEW_RATE = "2/h"
    client = Client()
    client.force_login(new_member())
    answers = [
        client.post(reverse("need_preview"), {}, REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(3)
    ]
    assert answers == [200, 200, 429]


@pytest.mark.parametrize("name", ["offering_export", "need_export"])
def test_a_burst_of_csv_exports_past_the_rate_gets_the_429_page(settings, name):
    settings.EXPORT_RATE = "2/h"
    client = Client()
    answers = [client.get(reverse(name)) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert "Please slow down" in answers[-1].text


def test_the_site_and_the_api_exports_share_one_counter_per_address(settings):
    settings.EXPORT_RATE = "2/h"
    assert Client().get(reverse("offering_export")).status_code == 200
    assert APIClient().get("/api/needs/", {"format": "csv"}).status_code == 200
    assert Client().get(reverse("need_export")).status_code == 429


def test_the_api_export_past_the_rate_gets_429_json(settings):
    settings.EXPORT_RATE = "2/h"
    api = APIClient()
    api.force_authenticate(new_member())
    answers = [api.get("/api/offerings/", {"format": "csv"}) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[-1]["Content-Type"] == "application/json"
    assert "detail" in answers[-1].json()
    # The JSON list is not an export: DRF's own throttles cover it.
    assert api.get("/api/offerings/").status_code == 200


def test_requests_without_an_address_share_one_counter(settings):
    settings.EXPORT_RATE = "2/h"
    answers = [Client(REMOTE_ADDR="").get(reverse("offering_export")).status_code for _ in range(3)]
    assert answers == [200, 200, 429]


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/offerings/export.csv", factories.OfferingFactory),
        ("/needs/export.csv", factories.NeedFactory),
        ("/api/offerings/?format=csv", factories.OfferingFactory),
        ("/api/needs/?format=csv", factories.NeedFactory),
    ],
)
def test_an_export_of_more_rows_than_the_bound_stops_at_the_bound(settings, path, make):
    settings.EXPORT_MAX_ROWS = 3
    make.create_batch(5)
    rows = rows_of(Client().get(path))
    header, listings, note = rows[0], rows[1:-1], rows[-1]
    assert len(header) > 5 and len(listings) == 3
    assert note[0].startswith("This list was cut at 3 rows.") and "filters" in note[0]


def test_an_export_within_the_bound_has_no_note(settings):
    settings.EXPORT_MAX_ROWS = 3
    factories.OfferingFactory.create_batch(3)
    rows = rows_of(Client().get(reverse("offering_export")))
    assert len(rows) == 4 and "cut" not in rows[-1][0]


# 2. Production settings (DEBUG=0) send the security headers and secure cookies.

# Run in a subprocess with impact_socials.settings: an HTTPS request for the sign-in page
# through django.test.Client, and the cookie settings, printed as JSON.
PRODUCTION_PROBE = """
import json

import django

django.setup()

from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment

setup_test_environment()
page = Client().get("/accounts/login/", secure=True)
csrf = page.cookies[settings.CSRF_COOKIE_NAME]
names = [
    "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_SECURE", "DEBUG",
    "STAFF_REQUIRE_MFA",
]
print(json.dumps({
    "status": page.status_code,
    "headers": dict(page.headers),
    "csrf_cookie_secure": bool(csrf["secure"]),
    "settings": {name: getattr(settings, name) for name in names},
}))
"""


def production_env(tmp_path: Path, **extra: str) -> dict:
    """The environment of a production process: DEBUG off, a secret key of its own, and a
    database of its own under tmp_path (the probe reads no table)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DEBUG")}
    env.pop("REDIS_URL", None)
    return {
        **env,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(48)[:50],
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        **extra,
    }


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    env = production_env(
        tmp_path_factory.mktemp("production"),
        DJANGO_SETTINGS_MODULE="impact_socials.settings",
        SECURE_SSL_REDIRECT="0",  # The probe asks over HTTPS itself (secure=True).
        STATIC_MANIFEST="0",  # No collectstatic here: pages link the plain static files.
    )
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year_on_https(production):
    assert production["status"] == 200 and production["settings"]["DEBUG"] is False
    hsts = production["headers"]["Strict-Transport-Security"]
    directives = dict(part.strip().partition("=")[::2] for part in hsts.split(";") if part.strip())
    assert int(directives["max-age"]) >= 31536000


def test_production_sends_csp_frame_and_referrer_headers(production):
    headers = production["headers"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_production_cookies_are_secure_and_the_session_cookie_httponly(production):
    assert production["csrf_cookie_secure"], "the CSRF cookie the sign-in page set"
    cookies = {name: value for name, value in production["settings"].items() if "COOKIE" in name}
    assert cookies == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SECURE": True,
    }


def test_production_asks_staff_for_a_second_factor(production):
    assert production["settings"]["STAFF_REQUIRE_MFA"] is True


def test_the_deploy_check_passes_with_warnings_as_failures(tmp_path):
    # SECURE_SSL_REDIRECT keeps its production default (on): off, Django warns (W008).
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# The header's language switch is the one POST form without a token, on purpose: signed-out
# visitors share stored pages (directory/accounts/views/language.py says why).
NO_TOKEN_NEEDED = {"/language/"}


class PostForms(HTMLParser):
    """Each <form method="post"> of a page, with the names of the inputs inside it, but the
    forms posting to NO_TOKEN_NEEDED."""

    def __init__(self):
        super().__init__()
        self.forms: list[set[str]] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (attrs.get("method") or "get").lower() == "post" and (
                attrs.get("action") not in NO_TOKEN_NEEDED
            )
            if self.inside:
                self.forms.append(set())
        elif tag == "input" and self.inside:
            self.forms[-1].add(attrs.get("name") or "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def post_forms(html: str) -> list[set[str]]:
    parser = PostForms()
    parser.feed(html)
    return parser.forms


def pages_with_forms():
    """(name, client, address) for each page with a form that changes something."""
    nonprofit = factories.OrganisationFactory()
    factories.NeedFactory(organisation=nonprofit)
    offering = factories.OfferingFactory()
    nonprofit_member = Client(enforce_csrf_checks=True)
    nonprofit_member.force_login(factories.member_of(nonprofit))
    provider_member = Client(enforce_csrf_checks=True)
    provider_member.force_login(factories.member_of(factories.ProviderFactory()))
    visitor = Client(enforce_csrf_checks=True)
    return [
        ("need form", nonprofit_member, reverse("need_create")),
        ("offering form", provider_member, reverse("offering_create")),
        ("sign-in", visitor, reverse("account_login")),
        ("sign-up", visitor, reverse("account_signup")),
        ("account settings", nonprofit_member, reverse("account_settings")),
        (
            "introduction request",
            nonprofit_member,
            reverse("introduction_request", args=[offering.slug]),
        ),
    ]


def test_every_form_that_changes_something_carries_a_csrf_token():
    for name, client, address in pages_with_forms():
        page = client.get(address)
        assert page.status_code == 200, name
        forms = post_forms(page.text)
        assert forms, f"{name}: no POST form on {address}"
        for inputs in forms:
            assert "csrfmiddlewaretoken" in inputs, f"{name}: a POST form without a CSRF token"


# 3. Staff sign in with a second factor.


@pytest.fixture
def staff_mfa_on(settings):
    settings.STAFF_REQUIRE_MFA = True


def staff_member(**fields):
    return new_member(**{"is_staff": True, "is_superuser": True, **fields})


def with_totp(user) -> str:
    """Activates an authenticator app for the user; answers its secret."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def sign_in_on_the_web(client, user, **query):
    address = reverse("account_login")
    if query:
        address += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(address, {"login": user.email, "password": PASSWORD})


def sign_in_at_the_admin(client, user):
    return client.post(
        reverse("admin:login") + "?next=/admin/", {"username": user.username, "password": PASSWORD}
    )


def test_staff_mfa_is_off_in_development(settings):
    # On in production: test_production_asks_staff_for_a_second_factor.
    assert settings.STAFF_REQUIRE_MFA is False


def test_staff_without_a_second_factor_cannot_open_the_admin(staff_mfa_on):
    client = Client()
    client.force_login(staff_member())
    for address in ("/admin/", "/admin/directory/need/"):
        page = client.get(address)
        assert page.status_code == 302 and page.url == reverse("mfa_activate_totp"), address
    assert client.post(reverse("admin:logout")).status_code == 200, "signing out stays open"


def test_staff_signing_in_on_the_web_are_sent_to_set_up_a_second_factor(staff_mfa_on):
    staff = staff_member()
    client = Client()
    page = sign_in_on_the_web(client, staff)
    assert page.status_code == 302 and page.url == reverse("mfa_activate_totp")
    # allauth asks for the password again before adding an authenticator.
    page = client.get(page.url)
    assert page.url.startswith(reverse("account_reauthenticate"))
    page = client.post(page.url, {"password": PASSWORD})
    assert page.url == reverse("mfa_activate_totp")
    setup = client.get(page.url)
    assert setup.status_code == 200 and 'name="code"' in setup.text
    secret = client.session["mfa.totp.secret"]
    client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert client.get("/admin/").status_code == 200, "set up: the admin opens"


def test_staff_asked_on_the_web_for_the_admin_go_there_and_are_sent_on(staff_mfa_on):
    client = Client()
    page = sign_in_on_the_web(client, staff_member(), next="/admin/")
    assert page.url == "/admin/"
    assert client.get("/admin/").url == reverse("mfa_activate_totp")


def test_staff_signing_in_at_the_admin_are_sent_to_set_up_a_second_factor(staff_mfa_on):
    client = Client()
    page = sign_in_at_the_admin(client, staff_member())
    assert page.status_code == 302 and page.url == "/admin/"
    page = client.get("/admin/")
    assert page.status_code == 302 and page.url == reverse("mfa_activate_totp")


def test_staff_who_set_up_the_app_open_the_admin(staff_mfa_on):
    staff = staff_member()
    with_totp(staff)
    client = Client()
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("sign_in", [sign_in_on_the_web, sign_in_at_the_admin])
def test_staff_with_an_authenticator_are_asked_for_the_code_after_the_password(
    staff_mfa_on, sign_in
):
    staff = staff_member()
    secret = with_totp(staff)
    client = Client()
    page = sign_in(client, staff)
    assert page.status_code == 302 and page.url == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session, "not signed in on the password alone"
    assert client.get("/admin/").url.startswith(reverse("admin:login"))
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session
    page = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert page.status_code == 302 and client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/admin/").status_code == 200


def test_an_authenticator_is_asked_for_at_the_admin_even_with_the_setting_off(settings):
    settings.STAFF_REQUIRE_MFA = False
    staff = staff_member()
    with_totp(staff)
    client = Client()
    page = sign_in_at_the_admin(client, staff)
    assert page.url == reverse("mfa_authenticate") and "_auth_user_id" not in client.session


def test_members_who_are_not_staff_sign_in_as_before(staff_mfa_on):
    person = new_member()
    client = Client()
    page = sign_in_on_the_web(client, person)
    assert page.status_code == 302 and page.url == reverse("dashboard")
    assert client.session["_auth_user_id"] == str(person.pk)
    assert client.get(reverse("dashboard")).status_code == 200
    page = client.get("/admin/")
    assert page.status_code == 302 and page.url.startswith(reverse("admin:login"))


def test_staff_sign_in_without_the_setting_is_unchanged(settings):
    settings.STAFF_REQUIRE_MFA = False
    client = Client()
    page = sign_in_at_the_admin(client, staff_member())
    assert page.url == "/admin/" and client.get("/admin/").status_code == 200
