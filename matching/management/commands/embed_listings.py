import time

from django.core.management.base import BaseCommand

from matching import semantic


class Command(BaseCommand):
    help = "Embed every need and offering whose text changed since it was last embedded."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=semantic.BATCH, help="Texts per batch.")

    def handle(self, *args, batch, **options):
        start = time.perf_counter()
        counts = semantic.embed_everything(batch)
        self.stdout.write(
            f"Embedded {counts['computed']} of {counts['need']} needs and "
            f"{counts['offering']} offerings in {time.perf_counter() - start:.1f} s."
        )
