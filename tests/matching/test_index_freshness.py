"""The process's match index skips re-reading the offerings while their change stamp is
unchanged, and still sees every change (matching/services.py, IndexCache)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.listings.models import Moderation, Offering
from matching.services import index_cache
from tests.factories import OfferingFactory, category

pytestmark = pytest.mark.django_db


def queries_to_get_the_index() -> int:
    with CaptureQueriesContext(connection) as queries:
        index_cache.current()
    return len(queries)


def test_nothing_is_read_again_while_nothing_changed():
    OfferingFactory()
    assert queries_to_get_the_index() > 0
    assert queries_to_get_the_index() == 0


def test_a_saved_offering_is_in_the_next_index():
    index_cache.current()
    offering = OfferingFactory()
    assert offering.pk in index_cache.current()
    offering.status = Moderation.DRAFT
    offering.save()
    assert offering.pk not in index_cache.current()


def test_an_edited_category_rebuilds_the_index():
    OfferingFactory()
    first = index_cache.current()
    term = category()
    term.keywords += ", paper forms"
    term.save()
    assert index_cache.current() is not first


def test_without_a_stamp_the_offerings_are_read_every_time(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    offering = OfferingFactory()
    index_cache.current()
    Offering.objects.filter(pk=offering.pk).update(status=Moderation.DRAFT)  # no signal
    assert offering.pk not in index_cache.current()


def test_changes_behind_the_signals_back_show_within_a_minute():
    offering = OfferingFactory()
    index_cache.current()
    Offering.objects.filter(pk=offering.pk).update(status=Moderation.DRAFT)  # no signal
    assert offering.pk in index_cache.current()
    assert offering.pk not in index_cache.current(verify=True), "background re-matches verify"
    Offering.objects.filter(pk=offering.pk).update(status=Moderation.PUBLISHED)
    index_cache.synced_at -= index_cache.VERIFY_EVERY
    assert offering.pk in index_cache.current()


def test_an_offering_going_stale_with_age_leaves_the_index():
    offering = OfferingFactory()
    index_cache.current()
    assert index_cache.stale_from == offering.confirmed_at + timedelta(days=180)
    Offering.objects.filter(pk=offering.pk).update(confirmed_at="2020-01-01T00:00:00Z")
    index_cache.stale_from -= timedelta(days=181)  # as if that half year had passed
    assert offering.pk not in index_cache.current()
