"""Anonymous reading is rate-limited; members get a larger allowance."""

import pytest
from rest_framework.throttling import SimpleRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def low_limits(monkeypatch):
    # DRF reads the rates from settings once, at import: tests change what it read.
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "anon", "3/minute")
    monkeypatch.setitem(SimpleRateThrottle.THROTTLE_RATES, "user", "5/minute")


def test_a_visitor_past_the_limit_gets_429_with_retry_after(visitor):
    answers = [visitor.get("/api/offerings/") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0


def test_the_limit_counts_all_anonymous_api_reads_together(visitor):
    for path in ("/api/offerings/", "/api/needs/", "/api/categories/"):
        assert visitor.get(path).status_code == 200
    assert visitor.get("/api/organisations/").status_code == 429


def test_members_read_past_the_anonymous_limit(provider_member):
    answers = [provider_member.get("/api/offerings/").status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
