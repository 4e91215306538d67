"""PostgreSQL restarts under a running app: the next request must succeed without a restart.

Terminating every other backend on the test database is what a server restart does to the
app's persistent connections (CONN_MAX_AGE), without stopping the shared server.
"""

import psycopg
import pytest
from django.db import close_old_connections, connection

from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db(transaction=True)


def terminate_other_connections() -> int:
    """Kill every connection to the test database but our own, from a separate session."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    with psycopg.connect(**params, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


def test_requests_succeed_after_the_database_drops_every_connection(client, settings):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite has no server connections to lose")
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 60  # Keep the connection between requests.
    offering = OfferingFactory(name="Survives restarts")
    assert client.get(offering.get_absolute_url()).status_code == 200

    assert terminate_other_connections() >= 1
    # What Django's WSGI handler does at the start of every request (request_started); the
    # test client skips it, so the test does it. CONN_HEALTH_CHECKS then replaces the
    # dead connection instead of failing the request.
    close_old_connections()

    page = client.get(offering.get_absolute_url())
    assert page.status_code == 200
    assert b"Survives restarts" in page.content
