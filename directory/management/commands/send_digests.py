"""Send the digest e-mails that are due now, or show what would be sent."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from directory.accounts.models import User
from directory.notifications import digests


class Command(BaseCommand):
    help = (
        "Send the digest e-mails that are due now: what the hourly Celery beat job does, "
        "here in this process. Safe to run while the job runs too."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show who would get what; send and record nothing.",
        )
        parser.add_argument("--user", metavar="EMAIL", help="Only the person with this e-mail.")

    def handle(self, *args, dry_run: bool, user: str | None, **options):
        run_at = timezone.now()
        if dry_run:
            with transaction.atomic():
                self.preview(self.due(run_at, user), run_at)
                # Undo the default preferences that finding who is due may have created.
                transaction.set_rollback(True)
        else:
            self.send(self.due(run_at, user), run_at)

    def due(self, run_at, email: str | None) -> list[int]:
        digests.give_everyone_preferences()
        due = digests.due_user_ids(run_at)
        if email is None:
            return due
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise CommandError(f"Nobody has the e-mail {email}.")
        if person.pk not in due:
            self.stdout.write(
                f"{email} is not due: their digest for this period is sent or being sent, "
                "digests are off, or the e-mail is not verified."
            )
            return []
        return [person.pk]

    def preview(self, user_ids: list[int], run_at) -> None:
        count = 0
        for batch in digests.batches(user_ids):
            for digest in digests.collect_digests(batch, run_at):
                count += 1
                self.stdout.write(
                    f"{digest.user.digest_email} ({digest.period}): "
                    f"{digest.match_count} new match(es)"
                )
                for section in digest.sections:
                    for item in section.items:
                        self.stdout.write(f"  {item.score:>3}%  {item.title} ({item.related})")
        self.stdout.write(f"Dry run: {count} digest(s) would be sent; nothing sent or recorded.")

    def send(self, user_ids: list[int], run_at) -> None:
        sent = failed = taken = 0
        for batch in digests.batches(user_ids):
            outcome = digests.send_batch(batch, run_at)
            sent, failed = sent + outcome.sent, failed + outcome.failed
            taken += outcome.taken_elsewhere
        self.stdout.write(f"Sent {sent} digest(s); {taken} were being sent by another process.")
        if failed:
            raise CommandError(f"{failed} digest(s) failed; the next run will try them again.")
