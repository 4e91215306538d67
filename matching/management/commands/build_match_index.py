import time

from django.core.management.base import BaseCommand, CommandError

from matching import services, snapshots


class Command(BaseCommand):
    help = (
        "Build the offering index from the database and store it as the newest snapshot "
        "that previews load (MATCH_INDEX_DIR); keeps the newest two."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        path = services.build_snapshot()
        if path is None:
            raise CommandError("Another build is running; try again when it is done.")
        size = snapshots.size_of(path) / 2**20
        self.stdout.write(
            self.style.SUCCESS(
                f"Stored {len(services.index_cache.index)} offerings in {path} "
                f"({size:.1f} MB) in {time.perf_counter() - started:.1f} s."
            )
        )
