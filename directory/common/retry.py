"""How the project's Celery tasks retry.

``acks_late`` with ``task_reject_on_worker_lost`` delivers a task whose worker died again, so
running one twice must be harmless. A failed send raises, so Celery retries with a backoff
capped far below Redis's visibility timeout (2 h).
"""

from smtplib import SMTPException

from django.db import DatabaseError

RETRYING = {
    "acks_late": True,
    "autoretry_for": (DatabaseError,),
    "retry_backoff": 30,
    "retry_backoff_max": 600,
    "max_retries": 5,
}
RETRYING_MAIL = {**RETRYING, "autoretry_for": (DatabaseError, SMTPException, OSError)}


def retrying_mail_also_for(*errors: type[Exception]) -> dict:
    """The mail policy, retrying on ``errors`` too."""
    return {**RETRYING_MAIL, "autoretry_for": (*RETRYING_MAIL["autoretry_for"], *errors)}
