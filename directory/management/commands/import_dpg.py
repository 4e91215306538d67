from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from directory.imports.dpg import RegistryUnreadable, import_registry, read_registry


class Command(BaseCommand):
    help = (
        "Import the Digital Public Goods registry (a JSON list of entries, or a folder of "
        "one-entry .json files) as open-source providers and their offerings. Re-running it "
        "updates what an earlier run imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The registry file or folder.")

    def handle(self, *args, path: Path, **options):
        try:
            entries = read_registry(path)
        except (OSError, RegistryUnreadable) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        # disable=None: a progress bar on a terminal, nothing in logs and pipes.
        report = import_registry(tqdm(entries, desc="Importing", unit=" entries", disable=None))
        for label, reason in report.skipped:
            self.stderr.write(f"Skipped {label}: {reason}")
        if report.stale_notes:
            self.stderr.write(report.stale_notes)
        self.stdout.write(report.summary)
