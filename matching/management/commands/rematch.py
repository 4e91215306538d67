from django.core.management.base import BaseCommand, CommandError

from directory.listings.models import Need
from matching import services


class Command(BaseCommand):
    help = "Re-score needs against offerings and store the best matches."

    def add_arguments(self, parser):
        parser.add_argument("need_ids", nargs="*", type=int, help="Needs to re-match (by id).")
        parser.add_argument("--all", action="store_true", help="Re-match every open need.")

    def handle(self, *args, need_ids, all, **options):
        if all:
            removed = services.remove_matches_of_unmatchable()
            need_ids = list(Need.objects.matchable().values_list("pk", flat=True))
            self.stdout.write(
                f"Removed {removed} matches of closed, stale or unpublished listings."
            )
        elif not need_ids:
            raise CommandError("Name need ids, or use --all.")
        stored = services.rematch_needs(need_ids)
        self.stdout.write(
            self.style.SUCCESS(f"Re-matched {len(need_ids)} needs: {stored} matches stored.")
        )
