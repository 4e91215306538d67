"""The curated categories' broader English keywords (``keywords_more``, migration 0022): the
everyday words registry entries use for their kind of work find the category."""

import importlib

import pytest
from django.apps import apps

from directory.data.taxonomies import CATEGORIES, category_keywords
from directory.listings.models import Category

pytestmark = pytest.mark.django_db

add_keywords = importlib.import_module(
    "directory.migrations.0022_broader_category_keywords"
).add_keywords


def slug_of(pk: int) -> str:
    return Category.objects.get(pk=pk).slug


def test_everyday_words_for_a_kind_of_work_find_its_category():
    found = Category.objects.named_in(
        "A free ecosystem for health practitioners, hospitals and nationwide health systems"
    )
    assert "health-information" in {slug_of(pk) for pk in found}
    found = Category.objects.named_in("A tool for collecting, evaluating and displaying data")
    assert "data-collection" in {slug_of(pk) for pk in found}
    found = Category.objects.named_in("Collect, analyze and share data with ODK forms")
    assert "data-collection" in {slug_of(pk) for pk in found}


def test_a_word_of_two_kinds_of_work_is_left_out():
    # Medicines run out in a store room as often as they are prescribed in a clinic.
    health = Category.objects.get(slug="health-information")
    assert "medicines" not in health.keyword_list()
    assert health.pk not in Category.objects.named_in("Our medicines keep running out")


def test_the_database_holds_the_keywords_the_benchmark_counts():
    for item in CATEGORIES:
        held = Category.objects.get(slug=item["slug"]).keyword_list()
        assert held == category_keywords(item), item["slug"]


@pytest.mark.parametrize(
    "migration, adder, slug, curated, first_added",
    [
        (
            "0016_taxonomy_hindi_names",
            "add_hindi_keywords",
            "case-management",
            "labharthi",
            "लाभार्थी",
        ),
        (
            "0022_broader_category_keywords",
            "add_keywords",
            "health-information",
            "hospitals",
            "hospital",
        ),
    ],
)
def test_a_keyword_migration_adds_only_what_a_category_lacks_once(
    migration, adder, slug, curated, first_added
):
    add = getattr(importlib.import_module(f"directory.migrations.{migration}"), adder)
    Category.objects.filter(slug=slug).update(keywords=f"case files\n{curated}")
    add(apps, None)
    keywords = Category.objects.get(slug=slug).keywords
    assert keywords.startswith(f"case files\n{curated}\n{first_added}\n"), "the curator's layout"
    assert keywords.split("\n").count(curated) == 1
    add(apps, None)
    assert Category.objects.get(slug=slug).keywords == keywords, "once only"


def test_the_migration_leaves_a_category_with_nothing_to_add_as_the_curator_wrote_it():
    Category.objects.filter(slug="volunteers-events").update(keywords="Volunteers,  rota ")
    add_keywords(apps, None)
    assert Category.objects.get(slug="volunteers-events").keywords == "Volunteers,  rota "
