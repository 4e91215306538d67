"""Posting is rate-limited per person and per address: a listing form past the limit keeps
what was typed and says to wait (429), other posts get a clear 429 page."""

import pytest
from django.urls import reverse

from directory.listings.models import Need
from tests.factories import IntroductionFactory, OrganisationFactory, category, member_of

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
    page = client.post(reverse("need_create"), {**data, "title": "Reminders for exam week"})
    assert page.status_code == 429 and Need.objects.count() == 2
    assert "You have sent many forms in the last hour." in page.text
    assert 'value="Reminders for exam week"' in page.text, "what was typed is kept"


def test_failed_tries_count_but_never_lose_the_text(client, settings):
    settings.LISTING_POST_RATE = "2/h"
    client.force_login(member_of(OrganisationFactory()))
    bad = {"title": "", "description": "A long description we do not want to type again."}
    for _ in range(3):
        page = client.post(reverse("need_create"), bad)
    assert page.status_code == 429
    assert "A long description we do not want to type again." in page.text
    assert "Please fill this in." in page.text, "the form's own errors are shown too"
    assert not Need.objects.exists()


def test_other_posts_past_the_limit_get_the_429_page(client, settings):
    settings.LISTING_POST_RATE = "1/h"
    introduction = IntroductionFactory()
    client.force_login(introduction.requested_by)
    url = reverse("introduction_withdraw", args=[introduction.pk])
    statuses = [client.post(url).status_code for _ in range(2)]
    assert statuses[-1] == 429
    assert "Please slow down" in client.post(url).text


def test_reading_the_form_is_not_limited(client, settings):
    settings.LISTING_POST_RATE = "1/h"
    client.force_login(member_of(OrganisationFactory()))
    assert [client.get(reverse("need_create")).status_code for _ in range(3)] == [200, 200, 200]
