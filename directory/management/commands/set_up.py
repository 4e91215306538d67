"""``manage.py set_up [--url URL]``: what `make run` does before serving, one line a step.

Migrates the database, loads the demo nonprofits and providers into an empty database and
the Digital Public Goods registry snapshot that ships in the repository
(directory/data/dpg-registry.json) unless it was imported already, then says where the site
is and how to sign in. Running it again changes nothing that is there.
"""

import io
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from directory.data import demo as demo_data
from directory.imports.dpg import import_registry, read_registry
from directory.listings.models import Offering, Organisation, Source

REGISTRY = Path(settings.BASE_DIR) / "directory" / "data" / "dpg-registry.json"
DEMO_LOGINS = (
    ("a nonprofit", "hauwa@arewa-motherhood.example"),
    ("a tech provider", "david@fieldnote.example"),
)


class Command(BaseCommand):
    help = "Migrate, load the demo data and the registry snapshot if missing, print the logins."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=settings.SITE_URL, help="Where the site is served.")

    def handle(self, *args, url: str, **options):
        self.step(lambda: call_command("migrate", interactive=False, verbosity=0) or "Database")
        if Organisation.objects.exists():
            self.stdout.write("Demo data: already there.")
        else:
            self.step(self.seed_demo)
        if Offering.objects.filter(source=Source.DPG).exists():
            self.stdout.write("Registry: already imported.")
        else:
            self.step(lambda: import_registry(read_registry(REGISTRY)).summary)
        site = url.rstrip("/")
        self.stdout.write(f"Ready: open {site}/")
        for who, email in DEMO_LOGINS:
            self.stdout.write(f"  sign in as {who}: {email} / {demo_data.DEMO_PASSWORD}")
        admin = demo_data.ADMIN
        self.stdout.write(f"  curators: {site}/admin/ as {admin['username']} / {admin['password']}")

    def step(self, work) -> None:
        """Runs ``work`` and writes the line it returns with the time it took."""
        started = time.monotonic()
        line = work().rstrip(".")
        self.stdout.write(f"{line} ({time.monotonic() - started:.0f} s).")

    def seed_demo(self) -> str:
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        return out.getvalue().strip()
