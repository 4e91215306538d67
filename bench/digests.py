"""Benchmark: one digest run for 10,000 people (target: at most 60 s, bounded queries).

Run from the repository root:

    python bench/digests.py [--people 10000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/digest_bench python bench/digests.py

It uses DATABASE_URL (default: a fresh temporary SQLite file), which must hold no people yet,
migrates it, and creates half nonprofits and half providers, one member each, every need
matched with three offerings a day ago. It then times the hourly job (``send_due_digests``)
with tasks run in-process and the local-memory e-mail backend, so mail delivery costs nothing,
and prints the seconds and the SQL queries per person and per batch.
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import django

MATCHES_PER_NEED = 3
REASONS = [  # codes with values, as matching.core.reasons writes them
    {
        "code": "integrates",
        "systems": ["Google Sheets", "WhatsApp Business"],
        "through": [],
        "missing": [],
    },
    {"code": "free_for_nonprofits", "budget": 1200},
    {"code": "same_kind", "categories": ["data-collection"], "words": ["offline", "survey"]},
]


def configure(database_dir: str) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database_dir}/digests.sqlite3")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "impact_socials.settings",
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "EMAIL_URL": "memorymail://",
            "CELERY_TASK_ALWAYS_EAGER": "1",
            "LOG_LEVEL": "WARNING",
        }
    )
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def create_people_with_news(count: int) -> None:
    from allauth.account.models import EmailAddress
    from django.utils import timezone

    from directory.accounts.models import User
    from directory.listings import models as listings
    from directory.listings.models import Membership, Moderation, Need, Offering, Organisation
    from matching.models import Match

    if User.objects.exists():
        sys.exit("The database already has people in it: point DATABASE_URL at an empty one.")
    now = timezone.now()
    users = User.objects.bulk_create(
        User(
            username=f"bench{i}",
            email=f"bench{i}@example.org",
            password="!",
            date_joined=now - timedelta(days=30),
        )
        for i in range(count)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
    )
    half = count // 2
    kinds = [Organisation.Kind.NONPROFIT] * half + [Organisation.Kind.PROVIDER] * (count - half)
    organisations = Organisation.objects.bulk_create(
        Organisation(kind=kind, name=f"Organisation {i}", slug=f"bench-organisation-{i}")
        for i, kind in enumerate(kinds)
    )
    Membership.objects.bulk_create(
        Membership(user=user, organisation=organisation)
        for user, organisation in zip(users, organisations, strict=True)
    )
    published = {"status": Moderation.PUBLISHED, "published_at": now, "confirmed_at": now}
    category = listings.Category.objects.first()
    needs = Need.objects.bulk_create(
        Need(
            organisation=organisation,
            title=f"Collect household surveys offline, round {i}",
            description="Volunteers fill in survey forms on phones in villages with no signal.",
            category=category,
            **published,
        )
        for i, organisation in enumerate(organisations[:half])
    )
    offerings = Offering.objects.bulk_create(
        Offering(
            organisation=organisation,
            name=f"FieldForms {i}",
            slug=f"bench-fieldforms-{i}",
            summary="Collect survey data on phones, even offline.",
            description="Build forms, collect answers offline, sync when back online.",
            pricing_model=Offering.Pricing.FREE,
            **published,
        )
        for i, organisation in enumerate(organisations[half:])
    )
    Match.objects.bulk_create(
        (
            Match(
                need=need,
                offering=offerings[(i + k) % len(offerings)],
                score=90 - 10 * k,
                need_fit=0.8,
                interoperability=0.6,
                cost_fit=1.0,
                reasons=REASONS,
            )
            for i, need in enumerate(needs)
            for k in range(MATCHES_PER_NEED)
        ),
        batch_size=2000,
    )
    # Stored a day ago: long settled, and newer than everyone's sign-up.
    Match.objects.update(created_at=now - timedelta(days=1))


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def timed_run() -> tuple[float, int]:
    """Seconds and SQL queries of one hourly digest run, start to finish."""
    from django.db import connection

    from directory.notifications.tasks import send_due_digests

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started = time.perf_counter()
        send_due_digests.delay()
        return time.perf_counter() - started, counter.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    people = parser.parse_args().people
    with tempfile.TemporaryDirectory() as database_dir:
        configure(database_dir)
        from django.conf import settings
        from django.core import mail

        from directory.notifications import digests

        started = time.perf_counter()
        create_people_with_news(people)
        print(f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}")
        print(
            f"set-up: {people:,} people with new matches in {time.perf_counter() - started:.1f} s"
        )

        seconds, queries = timed_run()
        sent = len(mail.outbox)
        batches = -(-people // digests.BATCH_SIZE)
        print(f"run: {sent:,} digests sent in {seconds:.1f} s ({sent / seconds:,.0f} per second)")
        print(
            f"queries: {queries:,} in all, {queries / people:.3f} per person, "
            f"{queries / batches:.1f} per batch of {digests.BATCH_SIZE}"
        )
        seconds, queries = timed_run()
        print(
            f"second run in the same hour: {len(mail.outbox) - sent} sent, "
            f"{seconds:.2f} s, {queries} queries"
        )


if __name__ == "__main__":
    main()
