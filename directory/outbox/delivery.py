"""Queueing background work so that a broker outage delays it but never loses it.

``enqueue`` writes an ``OutboxTask`` row in the transaction of the change that asks for the
task, so the row exists exactly when the change does. Once the transaction commits it hands
the task to the broker; if the broker cannot be reached the error is logged and the request
goes on. A row is marked sent only when ``apply_async`` returned, that is when the broker took
the task (with eager tasks, when it ran in this process).

``sweep`` (every ``OUTBOX_SWEEP``, Celery beat; ``manage.py flush_outbox``) sends again the
rows still unsent ``OUTBOX_SWEEP`` after they were written or last tried. It claims them first:
one UPDATE that re-checks that they are unsent and due sets them to be tried again only later
and tags them with its token, so a second sweep, at once or running alongside, finds nothing
to take. A task may still reach the broker twice (a sweep dies between the broker's answer and
its own UPDATE, or the broker hangs longer than ``OUTBOX_SWEEP``): every task is safe to run
twice (docs/architecture.md#background-tasks), and twice beats never.
"""

import logging
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from celery import current_app
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

from directory.outbox.models import OutboxTask

logger = logging.getLogger(__name__)

# What a broker that is down raises: kombu wraps most, redis-py and sockets raise the rest.
BROKER_ERRORS = (OperationalError, RedisError, OSError)
SWEEP_BATCH = 500
KEEP_SENT = timedelta(days=7)  # how long a sent row is kept, to look into


def enqueue(task, *args) -> None:
    """Queue ``task(*args)`` with the current transaction: see the module docstring."""
    enqueue_each(task, [args])


def enqueue_each(task, calls: Iterable[Sequence]) -> None:
    """Queue ``task`` once for each argument list in ``calls``, in one INSERT."""
    retry_at = timezone.now() + settings.OUTBOX_SWEEP
    rows = OutboxTask.objects.bulk_create(
        OutboxTask(task=task.name, args=list(args), next_try_at=retry_at) for args in calls
    )
    if rows:
        transaction.on_commit(lambda: send_after_commit(rows))


def send_after_commit(rows: list[OutboxTask]) -> None:
    """Runs after the commit, still inside the request: whatever fails is logged, not raised."""
    try:
        send(rows)
    except Exception:  # the change is committed; the sweep sends whatever is left unsent
        logger.exception("Could not send %d outbox task(s); the sweep will", len(rows))


def send(rows: Sequence[OutboxTask]) -> int:
    """Hand each row's task to the broker and mark the rows it took; returns how many. Stops
    at the first broker error: the other rows wait for the sweep rather than for timeouts."""
    sent = 0
    for row in rows:
        try:
            task_named(row.task).apply_async(row.args)
        except BROKER_ERRORS as error:
            record_failure(row, error)
            logger.error(
                "Broker unreachable, %s%s stays in the outbox for the sweep: %s",
                row.task,
                tuple(row.args),
                error,
            )
            break
        except Exception as error:  # an eager task that failed, an unknown task name
            record_failure(row, error)
            logger.exception("%s%s failed; the sweep will try again", row.task, tuple(row.args))
            continue
        sent += OutboxTask.objects.filter(pk=row.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
        )
    return sent


def task_named(name: str):
    app = current_app
    if name not in app.tasks:
        app.loader.import_default_modules()  # a management command has not loaded them yet
    return app.tasks[name]


def record_failure(row: OutboxTask, error: Exception) -> None:
    OutboxTask.objects.filter(pk=row.pk).update(
        attempts=F("attempts") + 1, last_error=f"{type(error).__name__}: {error}"[:2000]
    )


def sweep(now: datetime | None = None, *, everything: bool = False) -> int:
    """Send the rows due again (all unsent ones not claimed by a running sweep, with
    ``everything``); drop rows sent more than ``KEEP_SENT`` ago. Returns how many were
    sent."""
    now = now or timezone.now()
    OutboxTask.objects.filter(sent_at__lt=now - KEEP_SENT).delete()
    sent = 0
    while rows := claim(now, everything):
        sent += send(rows)
        if sent < len(rows):
            break  # the broker is down again, or tasks fail: the next sweep goes on
    return sent


def claim(now: datetime, everything: bool = False) -> list[OutboxTask]:
    """Take up to ``SWEEP_BATCH`` due rows for this sweep alone (see the module docstring);
    rows another sweep holds locked are skipped on PostgreSQL, and the UPDATE's own condition
    keeps them from being taken twice anywhere."""
    due = Q(next_try_at__lte=now)
    if everything:
        due |= Q(claim_token__isnull=True)
    unsent = OutboxTask.objects.filter(due, sent_at__isnull=True)
    token = uuid.uuid4()
    with transaction.atomic():
        ids = list(
            unsent.select_for_update(skip_locked=True)
            .order_by("next_try_at", "pk")
            .values_list("pk", flat=True)[:SWEEP_BATCH]
        )
        unsent.filter(pk__in=ids).update(claim_token=token, next_try_at=now + settings.OUTBOX_SWEEP)
    return list(OutboxTask.objects.filter(claim_token=token).order_by("pk"))
