"""An offering's page is shared between the people who see the same page (listings/views/
browse.py, OfferingDetailView): never with its own members, never carrying one nonprofit's
requests to another, and never older than the last save of what it shows."""

import re
import time
from datetime import timedelta

import pytest
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from directory.listings.models import STALE_AFTER, Offering
from tests import factories
from tests.directory.page_readers import fragment_state, signed_in

pytestmark = pytest.mark.django_db


def page_of(offering):
    return reverse("offering_detail", args=[offering.slug])


def test_visitors_share_the_page_and_see_all_of_it():
    provider = factories.ProviderFactory()
    factories.member_of(provider)  # someone to answer introduction requests
    offering = factories.OfferingFactory(name="Shared page tool", organisation=provider)
    first, second = Client().get(page_of(offering)), Client().get(page_of(offering))
    assert (fragment_state(first), fragment_state(second)) == ("miss", "hit")
    assert second.text == first.text
    assert "<title>Shared page tool" in second.text and "Key facts" in second.text
    assert "Sign in</a> as a nonprofit to ask" in second.text


def test_a_nonprofits_own_requests_are_not_shown_to_another_nonprofit():
    provider = factories.ProviderFactory()
    factories.member_of(provider)
    offering = factories.OfferingFactory(organisation=provider)
    asker, other = factories.OrganisationFactory(), factories.OrganisationFactory()
    factories.IntroductionFactory(
        offering=offering, need=factories.NeedFactory(organisation=asker, title="Ours")
    )
    asking, looking = signed_in(asker), signed_in(other)
    mine = asking.get(page_of(offering))
    theirs = looking.get(page_of(offering))
    assert (fragment_state(mine), fragment_state(theirs)) == ("miss", "hit")
    assert "You asked on" in mine.text and "“Ours”" in mine.text
    assert "You asked on" not in theirs.text and "Ours" not in theirs.text
    assert "Ask for an introduction" in theirs.text
    signed_out = Client().get(page_of(offering))
    assert (
        "Ask for an introduction" not in signed_out.text and "You asked on" not in signed_out.text
    )


def test_the_offerings_members_get_their_own_page_and_nobody_else_sees_it():
    provider = factories.ProviderFactory()
    offering = factories.OfferingFactory(organisation=provider)
    owner_page = signed_in(provider).get(page_of(offering))
    assert fragment_state(owner_page) == "" and reverse("offering_edit", args=[offering.slug]) in (
        owner_page.text
    )
    visitor_page = signed_in(factories.ProviderFactory()).get(page_of(offering))
    assert reverse("offering_edit", args=[offering.slug]) not in visitor_page.text


def test_a_new_review_and_an_edit_show_at_once():
    offering = factories.OfferingFactory(name="Before")
    assert "No reviews yet" in Client().get(page_of(offering)).text
    factories.FeedbackFactory(introduction__offering=offering, comment="Our volunteers liked it.")
    page = Client().get(page_of(offering))
    assert fragment_state(page) == "miss" and "Our volunteers liked it." in page.text
    offering.name = "After"
    offering.save()
    assert "<title>After" in Client().get(page_of(offering)).text


def test_an_unpublished_offering_is_not_served_from_the_shared_page():
    offering = factories.OfferingFactory()
    assert Client().get(page_of(offering)).status_code == 200
    offering.status = "draft"
    offering.save()
    assert Client().get(page_of(offering)).status_code == 404


def test_a_shared_offering_page_costs_no_query_for_a_visitor_or_a_signed_in_reader(
    django_assert_num_queries, settings
):
    settings.SESSION_ENGINE = "directory.accounts.sessions"  # production's, reading the cache
    offering = factories.OfferingFactory(name="Read often")
    reader = signed_in(factories.ProviderFactory())
    for browser in (Client(), reader):
        browser.get(page_of(offering))  # the first: stored, and the reader's person read
        with django_assert_num_queries(0):
            page = browser.get(page_of(offering))
        assert fragment_state(page) == "hit" and "<title>Read often" in page.text


def test_a_member_who_comes_after_a_visitor_gets_their_own_page():
    provider = factories.ProviderFactory()
    offering = factories.OfferingFactory(organisation=provider)
    edit = reverse("offering_edit", args=[offering.slug])
    assert edit not in Client().get(page_of(offering)).text
    owner_page = signed_in(provider).get(page_of(offering))
    assert fragment_state(owner_page) == "" and edit in owner_page.text


def test_each_reader_of_a_shared_offering_page_gets_their_own_header_and_csrf_token():
    offering = factories.OfferingFactory()
    nonprofit = signed_in(factories.OrganisationFactory(), email="amina@example.org")
    provider = signed_in(factories.ProviderFactory(), email="ben@example.org")
    pages = {}
    for _ in range(2):
        for name, browser in (("nonprofit", nonprofit), ("provider", provider)):
            page = browser.get(page_of(offering))
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
            assert _unmask_cipher_token(token) == browser.cookies["csrftoken"].value
            pages[name] = page.text
    assert "Post a need" in pages["nonprofit"] and "Add an offering" not in pages["nonprofit"]
    assert "Add an offering" in pages["provider"] and "Post a need" not in pages["provider"]
    assert "Sign in</a>" not in pages["provider"]
    signed_out = Client().get(page_of(offering)).text
    assert "Sign out" not in signed_out and "csrfmiddlewaretoken" not in signed_out


def test_the_offering_pages_title_and_address_are_escaped_and_kept_apart():
    offering = factories.OfferingFactory(name="Tom & <Jerry> frame-slot-address")
    for _ in range(2):
        page = Client().get(page_of(offering), {"from": "frame-slot-title"})
        assert "<title>Tom &amp; &lt;Jerry&gt; frame-slot-address ·" in page.text
        assert f'name="next" value="{page_of(offering)}?from=frame-slot-title"' in page.text
        assert "<Jerry>" not in page.text


def test_an_offering_that_goes_stale_while_shared_is_no_longer_shown(monkeypatch):
    offering = factories.OfferingFactory()
    Offering.objects.filter(pk=offering.pk).update(
        confirmed_at=timezone.now() - STALE_AFTER + timedelta(seconds=10)
    )
    assert Client().get(page_of(offering)).status_code == 200
    later, now = time.time, timezone.now
    monkeypatch.setattr(time, "time", lambda: later() + 20)
    monkeypatch.setattr(timezone, "now", lambda: now() + timedelta(seconds=20))
    assert Client().get(page_of(offering)).status_code == 404


def test_a_nonprofits_new_request_shows_on_its_next_read_and_to_nobody_else(settings):
    settings.SESSION_ENGINE = "directory.accounts.sessions"  # stamps read with the session
    provider = factories.ProviderFactory()
    factories.member_of(provider)
    offering = factories.OfferingFactory(organisation=provider)
    asker, other = factories.OrganisationFactory(), factories.OrganisationFactory()
    asking, looking = signed_in(asker), signed_in(other)
    for browser in (asking, looking, asking):
        assert "You asked on" not in browser.get(page_of(offering)).text
    factories.IntroductionFactory(
        offering=offering, need=factories.NeedFactory(organisation=asker, title="Ours")
    )
    mine, theirs = asking.get(page_of(offering)).text, looking.get(page_of(offering)).text
    assert "You asked on" in mine and "“Ours”" in mine
    assert "You asked on" not in theirs and "Ours" not in theirs
    assert "You asked on" in asking.get(page_of(offering)).text


def test_each_reader_gets_the_offering_page_in_their_own_language(settings):
    settings.SESSION_ENGINE = "directory.accounts.sessions"
    offering = factories.OfferingFactory(name="Bilingual tool")
    english, hindi = (
        signed_in(factories.OrganisationFactory(), language=code) for code in ("en", "hi")
    )
    for _ in range(2):
        page = english.get(page_of(offering)).text
        assert 'lang="en"' in page and "Browse needs" in page and "Key facts" in page
        page = hindi.get(page_of(offering)).text
        assert 'lang="hi"' in page and "<title>Bilingual tool" in page
        assert "Browse needs" not in page and "Key facts" not in page
