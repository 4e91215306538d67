"""The record of digest e-mails sent: one row per person and period."""

from django.conf import settings
from django.db import models

from directory.common.choices import text_choices


class Digest(models.Model):
    """One digest e-mail per person and period; the unique row is what makes sending once-only."""

    Status = text_choices(
        "Digest.Status",
        {"claimed": "Being sent", "sent": "Sent", "failed": "Failed, will be retried"},
    )

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    period = models.CharField(
        max_length=10, help_text='A day ("2026-11-28") or an ISO week ("2026-W48").'
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.CLAIMED)
    match_count = models.PositiveIntegerField(default=0)
    claim_token = models.UUIDField(null=True, editable=False, db_index=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period"], name="one_digest_per_user_and_period"
            )
        ]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self):
        return f"Digest {self.period} for {self.user}: {self.get_status_display()}"
