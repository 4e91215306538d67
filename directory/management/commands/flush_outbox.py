"""Send the background tasks the broker has not taken yet (directory/outbox/delivery.py)."""

from django.core.management.base import BaseCommand, CommandError

from directory.outbox.delivery import sweep
from directory.outbox.models import OutboxTask


class Command(BaseCommand):
    help = (
        "Send the outbox's unsent tasks that are due, as the Celery beat sweep does, here in "
        "this process. Safe to run while the sweep runs too: each row is claimed once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            dest="everything",
            help="Also the rows not due yet (written in the last OUTBOX_SWEEP).",
        )

    def handle(self, *args, everything: bool, **options):
        sent = sweep(everything=everything)
        left = OutboxTask.objects.filter(sent_at__isnull=True).count()
        self.stdout.write(f"Sent {sent} task(s); {left} still unsent.")
        if left and everything:
            raise CommandError("Some tasks were not sent: see the log and last_error.")
