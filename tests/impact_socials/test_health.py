"""The health check answers 200 when all is well and 503, never 500, when something is down."""

import pytest

from impact_socials import health

pytestmark = pytest.mark.django_db


def test_healthz_reports_each_part_ok(client):
    page = client.get("/healthz")
    assert page.status_code == 200
    assert page.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }


def test_healthz_answers_503_when_a_part_fails(client, monkeypatch):
    def broken():
        raise ConnectionError("redis is down")

    monkeypatch.setitem(health.CHECKS, "broker", broken)
    page = client.get("/healthz")
    assert page.status_code == 503
    assert page.json()["checks"]["broker"] == "failing"


@pytest.mark.worker
@pytest.mark.skipif(
    not health.celery_app.conf.broker_url.startswith("redis"), reason="needs REDIS_URL"
)
def test_healthz_reaches_the_real_broker(client):
    assert health.broker_ok()
