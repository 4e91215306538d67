"""Marks and helpers for tests with a real Celery worker (the ``worker`` fixture in
conftest.py), which run in CI's PostgreSQL leg and consume from the real Redis.

The worker runs in a thread of the test process with its own database connection, so such
tests need ``django_db(transaction=True)``: rows must really be committed for it to see them.
"""

import time

import pytest
from django.conf import settings

needs_real_worker = [
    pytest.mark.worker,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not settings.REDIS_URL,
        reason="needs REDIS_URL: a real worker consumes from Redis (runs in CI's PostgreSQL leg)",
    ),
]


def wait_for(condition, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False
