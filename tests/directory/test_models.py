"""What the database itself guarantees."""

import pytest
from django.db import IntegrityError, transaction

from directory.listings.models import Category, Offering
from tests.factories import NeedFactory, OfferingFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_negative_budgets():
    need = NeedFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(need).objects.filter(pk=need.pk).update(monthly_budget=-1)


def test_the_database_refuses_negative_prices():
    offering = OfferingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Offering.objects.filter(pk=offering.pk).update(nonprofit_price_monthly=-10)


def test_slugs_are_unique():
    with pytest.raises(IntegrityError), transaction.atomic():
        Category.objects.create(name="Another name", slug=Category.objects.first().slug)


def test_the_data_migration_seeds_curated_taxonomies():
    from directory.listings.models import Standard, System

    assert Category.objects.count() >= 12
    assert System.objects.count() >= 30
    assert Standard.objects.count() >= 10
    sheets = System.objects.get(slug="google-sheets")
    assert sheets.standards.filter(slug="csv").exists()


def test_free_offering_costs_its_setup_only():
    offering = OfferingFactory(pricing_model=Offering.Pricing.FREE, setup_cost=100)
    assert offering.yearly_nonprofit_cost == 100


def test_unlisted_price_has_no_yearly_cost():
    offering = OfferingFactory(pricing_model=Offering.Pricing.PAID)
    assert offering.yearly_nonprofit_cost is None
