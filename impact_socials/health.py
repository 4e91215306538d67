"""GET /healthz: is the database, the cache and the Celery broker reachable? (200 or 503)"""

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .celery import app as celery_app

BROKER_TIMEOUT_SECONDS = 2


def database_ok() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def cache_ok() -> bool:
    cache.set("healthz", "ok", timeout=10)
    return cache.get("healthz") == "ok"


def broker_ok() -> bool:
    if celery_app.conf.task_always_eager:
        return True  # Embedded: tasks run in-process, there is no broker to reach.
    with celery_app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return True


CHECKS = {"database": database_ok, "cache": cache_ok, "broker": broker_ok}


def run(check) -> str:
    try:
        return "ok" if check() else "failing"
    except Exception:  # Any error means "not healthy"; the page itself must still answer.
        return "failing"


@never_cache
def healthz(request):
    results = {name: run(check) for name, check in CHECKS.items()}
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "failing", "checks": results},
        status=200 if healthy else 503,
    )
