"""Signed-out visitors may be shown a list page stored a moment ago (listings/page_cache.py):
never to anyone signed in or with a session, and never after an edit."""

import pytest
from django.test import Client
from django.urls import reverse

from directory.listings.models import Need, Offering
from tests.factories import NeedFactory, OfferingFactory, ProviderFactory, member_of

pytestmark = pytest.mark.django_db


def cache_state(page) -> str:
    return page.headers.get("X-Page-Cache", "")


def test_a_signed_out_visitor_is_served_the_stored_page(client):
    OfferingFactory(name="Stored once")
    first = client.get(reverse("offering_list"), {"q": "stored"})
    second = Client().get(reverse("offering_list"), {"q": "stored"})
    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    assert second.content == first.content and "Stored once" in second.text
    assert second.headers["Content-Security-Policy"], "the middleware still runs for stored pages"


def test_each_address_and_the_htmx_results_are_stored_apart(client):
    OfferingFactory(name="Partial Tool")
    client.get(reverse("offering_list"))
    assert cache_state(client.get(reverse("offering_list"), {"page": "1"})) == "miss"
    partial = client.get(reverse("offering_list"), headers={"HX-Request": "true"})
    assert cache_state(partial) == "miss" and "<html" not in partial.text
    assert "<html" in client.get(reverse("offering_list")).text


def test_saving_an_offering_retires_the_stored_pages(client):
    OfferingFactory(name="First tool")
    client.get(reverse("offering_list"))
    offering = OfferingFactory(name="Second tool")
    page = client.get(reverse("offering_list"))
    assert cache_state(page) == "miss" and "Second tool" in page.text
    offering.name = "Renamed tool"
    offering.save()
    assert "Renamed tool" in client.get(reverse("offering_list")).text


def test_a_bulk_unpublish_in_the_admin_retires_the_stored_pages(admin_client, client):
    offering = OfferingFactory(name="Going away")
    assert "Going away" in client.get(reverse("offering_list")).text
    admin_client.post(
        reverse("admin:directory_offering_changelist"),
        {"action": "unpublish", "_selected_action": [offering.pk]},
    )
    assert Offering.objects.get().status == "draft"
    assert "Going away" not in client.get(reverse("offering_list")).text


def test_signed_in_people_neither_get_nor_leave_a_stored_page(client):
    NeedFactory(title="Open to all")
    NeedFactory(title="Providers eyes only", visibility=Need.Visibility.PROVIDERS)
    provider = Client()
    provider.force_login(member_of(ProviderFactory()))
    assert "Providers eyes only" not in client.get(reverse("need_list")).text
    page = provider.get(reverse("need_list"))
    assert cache_state(page) == "" and "Providers eyes only" in page.text
    later = Client().get(reverse("need_list"))
    assert cache_state(later) == "hit" and "Providers eyes only" not in later.text


def test_a_visitor_with_a_session_cookie_renders_the_page_afresh(client):
    OfferingFactory()
    client.get(reverse("offering_list"))
    client.cookies["sessionid"] = "signed-out-but-has-a-session"
    assert cache_state(client.get(reverse("offering_list"))) == ""


def test_setting_the_time_to_zero_turns_the_cache_off(client, settings):
    settings.LIST_PAGE_CACHE_SECONDS = 0
    OfferingFactory()
    client.get(reverse("offering_list"))
    assert cache_state(client.get(reverse("offering_list"))) == ""
