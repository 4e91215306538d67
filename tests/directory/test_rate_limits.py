"""Posting is rate-limited per person and per address, with a clear 429 page."""

import pytest
from django.urls import reverse

from directory.listings.models import Need
from tests.factories import OrganisationFactory, category, member_of

pytestmark = pytest.mark.django_db


def test_posting_too_many_needs_gets_a_clear_429(client, settings):
    settings.LISTING_POST_RATE = "2/h"
    client.force_login(member_of(OrganisationFactory()))
    data = {
        "title": "Reminders",
        "description": "Text parents.",
        "category": category().pk,
        "visibility": "public",
    }
    statuses = [client.post(reverse("need_create"), data).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Need.objects.count() == 2
    assert "Please slow down" in client.post(reverse("need_create"), data).text


def test_reading_the_form_is_not_limited(client, settings):
    settings.LISTING_POST_RATE = "1/h"
    client.force_login(member_of(OrganisationFactory()))
    assert [client.get(reverse("need_create")).status_code for _ in range(3)] == [200, 200, 200]
