"""Invented listings for the benches (bench/rematch_db.py, bench/web.py): organisations,
offerings and needs bulk-inserted with their many-to-many rows, from a seeded random source
so every run loads the same. Import it after ``django.setup()``."""

import random

from django.utils import timezone

from directory.listings.models import (
    Category,
    Moderation,
    Need,
    Offering,
    Organisation,
    Standard,
    System,
)
from matching.models import Match

WORDS = [
    f"{a}{b}{c}" for a in "bdfgkmprst" for b in "aeiou" for c in ("la", "no", "ri", "tu", "ve")
]
PRICING = [choice for choice, _label in Offering.Pricing.choices]


def text(rng: random.Random, keywords: list[str], n_words: int) -> str:
    words = rng.choices(WORDS, k=n_words) + rng.sample(keywords, k=min(3, len(keywords)))
    rng.shuffle(words)
    return " ".join(words)


def insert_listings(
    rng: random.Random,
    *,
    offerings: int,
    needs: int,
    countries: list[str] | None = None,
    with_standards: bool = False,
    need_systems: bool = False,
) -> None:
    """Replace every listing with ``offerings`` offerings and ``needs`` needs. With
    ``countries``, half the offerings serve one to three of them and needs name one."""
    Match.objects.all().delete()
    Need.objects.all().delete()
    Offering.objects.all().delete()
    Organisation.objects.all().delete()
    categories = list(Category.objects.all())
    systems = list(System.objects.all())
    provider = Organisation.objects.create(kind="provider", name="Bench provider", slug="bench-p")
    nonprofit = Organisation.objects.create(
        kind="nonprofit", name="Bench nonprofit", slug="bench-n"
    )
    now = timezone.now()

    def offering(n: int, category: Category) -> Offering:
        row = Offering(
            organisation=provider,
            name=f"Offering {n}",
            slug=f"offering-{n}",
            summary=text(rng, category.keyword_list(), 8),
            description=text(rng, category.keyword_list(), 60),
            pricing_model=rng.choice(PRICING),
            nonprofit_price_monthly=rng.choice([None, 0, 20, 80, 300]),
            status=Moderation.PUBLISHED,
            confirmed_at=now,
        )
        if countries:
            row.regions = rng.sample(countries, rng.choice([0, 0, 0, 1, 2, 3]))
        row.setup_cost = rng.choice([None, 0, 500])
        return row

    offering_categories = [rng.choice(categories) for _ in range(offerings)]
    rows = Offering.objects.bulk_create(
        (offering(n, category) for n, category in enumerate(offering_categories)),
        batch_size=2000,
    )
    Offering.categories.through.objects.bulk_create(
        Offering.categories.through(offering=o, category=c)
        for o, c in zip(rows, offering_categories, strict=True)
    )
    Offering.systems.through.objects.bulk_create(
        Offering.systems.through(offering=o, system=s) for o in rows for s in rng.sample(systems, 4)
    )
    if with_standards:
        standards = list(Standard.objects.all())
        Offering.standards.through.objects.bulk_create(
            Offering.standards.through(offering=o, standard=s)
            for o in rows
            for s in rng.sample(standards, 3)
        )

    def need(category: Category) -> Need:
        row = Need(
            organisation=nonprofit,
            title=text(rng, category.keyword_list(), 5),
            description=text(rng, category.keyword_list(), 50),
            category=category,
            monthly_budget=rng.choice([None, 0, 50, 200]),
            status=Moderation.PUBLISHED,
            confirmed_at=now,
        )
        if countries:
            row.country = rng.choice(["", *countries])
        return row

    need_categories = [rng.choice(categories) for _ in range(needs)]
    needs_stored = Need.objects.bulk_create(
        (need(category) for category in need_categories), batch_size=5000
    )
    if need_systems:
        Need.systems.through.objects.bulk_create(
            Need.systems.through(need=n, system=s)
            for n in needs_stored
            for s in rng.sample(systems, 2)
        )
