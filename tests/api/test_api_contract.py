"""Schemathesis sends a few hundred generated requests, valid and invalid, to every operation
of the live OpenAPI schema: the API never answers with a server error, and every documented
answer matches its schema. Members' tokens go along, so the write paths are exercised too."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from tests.factories import (
    NeedFactory,
    OfferingFactory,
    OrganisationFactory,
    ProviderFactory,
    member_of,
)

pytestmark = pytest.mark.schemathesis

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


@pytest.fixture
def tokens(db) -> dict[str, str]:
    """Tokens of a nonprofit's and a provider's members, who own a need and an offering."""
    nonprofit, provider = OrganisationFactory(), ProviderFactory()
    NeedFactory(organisation=nonprofit)
    OfferingFactory(organisation=provider)
    return {
        kind: Token.objects.create(user=member_of(organisation)).key
        for kind, organisation in (("nonprofit", nonprofit), ("provider", provider))
    }


@pytest.fixture(autouse=True)
def connection_kept_open():
    """As in Django's test client: after each request the WSGI handler would close the
    database connection, and with it the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def no_rate_limits(monkeypatch):
    for scope in ("anon", "user", "api_token"):
        monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, scope, "100000/minute")


schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=25,
    phases=[Phase.generate, Phase.shrink],  # generated cases only: a bounded, quick run
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema_and_never_fails(case, tokens):
    owner = "provider" if case.path.startswith("/api/offerings/") else "nonprofit"
    case.call_and_validate(headers={"Authorization": f"Token {tokens[owner]}"}, checks=CHECKS)
