"""Redis is down: pages still serve, people still sign in, and saving a need still succeeds.

The cache is the production backend (impact_socials/cache.py) pointed at a port nothing
listens on, so every cache call really fails to connect; the broker's refusal is simulated
as in tests/matching/test_faults.py. Runs on SQLite and PostgreSQL, without a Redis server.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from impact_socials.cache import TolerantRedisCache
from tests.factories import NeedFactory, OfferingFactory, OrganisationFactory, member_of
from tests.matching.test_faults import save_a_need_with_the_broker_down

pytestmark = pytest.mark.django_db

UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture(autouse=True)
def redis_down(settings):
    settings.CACHES = {  # Redis down; the caches in each process's own memory still there
        **settings.CACHES,
        "default": {"BACKEND": "impact_socials.cache.TolerantRedisCache", "LOCATION": UNREACHABLE},
    }


def test_the_cache_misses_and_drops_writes_instead_of_raising():
    backend = TolerantRedisCache(UNREACHABLE, {})
    assert backend.get("anything", "default") == "default"
    assert backend.get_many(["a", "b"]) == {}
    assert backend.set("key", 1) is None
    assert backend.add("key", 1) is True  # rate limits fail open, see impact_socials/cache.py
    with pytest.raises(ValueError):
        backend.incr("key")
    assert backend.is_down, "later calls skip Redis for a few seconds"


def test_home_page_and_both_lists_still_serve(client):
    OfferingFactory(name="Survives outages")
    NeedFactory(title="Text parents about clinic days")
    for url, text in [
        (reverse("home"), "Survives outages"),
        (reverse("offering_list"), "Survives outages"),
        (reverse("offering_list") + "?q=outages", "Survives outages"),
        (reverse("need_list"), "Text parents"),
    ]:
        page = client.get(url)
        assert page.status_code == 200 and text in page.text, url
    assert cache.get("changes:listings") is None, "nothing was stored anywhere"


def test_people_can_still_sign_in(client):
    member = member_of(OrganisationFactory())
    assert client.get(reverse("account_login")).status_code == 200
    page = client.post(
        reverse("account_login"), {"login": member.email, "password": "correct-horse-battery"}
    )
    assert page.status_code == 302 and page.url == reverse("dashboard")


def test_saving_a_need_still_succeeds(
    client, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    save_a_need_with_the_broker_down(
        client, monkeypatch, caplog, django_capture_on_commit_callbacks
    )
