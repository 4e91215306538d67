"""The outbox's beat job: send again what the broker did not take (delivery.py)."""

from celery import shared_task

from directory.common.retry import RETRYING
from directory.outbox import delivery


@shared_task(**RETRYING)
def sweep_outbox() -> int:
    """Every ``OUTBOX_SWEEP``: claim the unsent rows that are due and send them; two sweeps
    never take the same row."""
    return delivery.sweep()
