"""The outbox: one row per Celery task asked for by a saved change, until the broker took it."""

from django.db import models
from django.db.models import Q


class OutboxTask(models.Model):
    """A task to send to the broker. ``sent_at`` is set only once the broker accepted it; until
    then the sweep sends it again from ``next_try_at`` on (see directory/outbox/delivery.py)."""

    task = models.CharField(max_length=200, help_text="The Celery task's name.")
    args = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    next_try_at = models.DateTimeField(help_text="When the sweep may send it (again).")
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claim_token = models.UUIDField(null=True, editable=False)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_try_at"],
                condition=Q(sent_at__isnull=True),
                name="outbox_unsent_by_next_try",
            ),
            models.Index(
                fields=["sent_at"], condition=Q(sent_at__isnull=False), name="outbox_sent"
            ),
        ]

    def __str__(self) -> str:
        state = "sent" if self.sent_at else f"unsent after {self.attempts} attempt(s)"
        return f"{self.task}{tuple(self.args)}: {state}"
