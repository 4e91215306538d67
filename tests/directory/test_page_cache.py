"""Signed-out visitors may be shown a list page stored a moment ago (listings/page_cache.py):
never to anyone signed in or with a session, and never after an edit."""

import pytest
from django.test import Client
from django.urls import reverse

from directory.listings.models import Need, Offering
from tests import factories
from tests.directory.page_readers import fragment_state, signed_in

pytestmark = pytest.mark.django_db


def cache_state(page) -> str:
    return page.headers.get("X-Page-Cache", "")


def test_a_signed_out_visitor_is_served_the_stored_page(client):
    factories.OfferingFactory(name="Stored once")
    first = client.get(reverse("offering_list"), {"q": "stored"})
    second = Client().get(reverse("offering_list"), {"q": "stored"})
    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    assert second.content == first.content and "Stored once" in second.text
    assert second.headers["Content-Security-Policy"], "the middleware still runs for stored pages"


def test_each_address_and_the_htmx_results_are_stored_apart(client):
    factories.OfferingFactory(name="Partial Tool")
    client.get(reverse("offering_list"))
    assert cache_state(client.get(reverse("offering_list"), {"page": "1"})) == "miss"
    partial = client.get(reverse("offering_list"), headers={"HX-Request": "true"})
    assert cache_state(partial) == "miss" and "<html" not in partial.text
    assert "<html" in client.get(reverse("offering_list")).text


def test_saving_an_offering_retires_the_stored_pages(client):
    factories.OfferingFactory(name="First tool")
    client.get(reverse("offering_list"))
    offering = factories.OfferingFactory(name="Second tool")
    page = client.get(reverse("offering_list"))
    assert cache_state(page) == "miss" and "Second tool" in page.text
    offering.name = "Renamed tool"
    offering.save()
    assert "Renamed tool" in client.get(reverse("offering_list")).text


def test_a_bulk_unpublish_in_the_admin_retires_the_stored_pages(admin_client, client):
    offering = factories.OfferingFactory(name="Going away")
    assert "Going away" in client.get(reverse("offering_list")).text
    admin_client.post(
        reverse("admin:directory_offering_changelist"),
        {"action": "unpublish", "_selected_action": [offering.pk]},
    )
    assert Offering.objects.get().status == "draft"
    assert "Going away" not in client.get(reverse("offering_list")).text


def test_signed_in_people_neither_get_nor_leave_a_stored_page(client):
    factories.NeedFactory(title="Open to all")
    factories.NeedFactory(title="Providers eyes only", visibility=Need.Visibility.PROVIDERS)
    provider = Client()
    provider.force_login(factories.member_of(factories.ProviderFactory()))
    assert "Providers eyes only" not in client.get(reverse("need_list")).text
    page = provider.get(reverse("need_list"))
    assert cache_state(page) == "" and "Providers eyes only" in page.text
    later = Client().get(reverse("need_list"))
    assert cache_state(later) == "hit" and "Providers eyes only" not in later.text


def test_a_visitor_with_a_session_cookie_renders_the_page_afresh(client):
    factories.OfferingFactory()
    client.get(reverse("offering_list"))
    client.cookies["sessionid"] = "signed-out-but-has-a-session"
    assert cache_state(client.get(reverse("offering_list"))) == ""


def test_setting_the_time_to_zero_turns_the_cache_off(client, settings):
    settings.LIST_PAGE_CACHE_SECONDS = 0
    factories.OfferingFactory()
    client.get(reverse("offering_list"))
    assert cache_state(client.get(reverse("offering_list"))) == ""


# Signed-in people: the page is theirs, its filter form and results are shared.


def test_signed_in_people_share_the_results_but_each_gets_their_own_page():
    factories.OfferingFactory(name="Shared results tool")
    nonprofit, provider = (
        signed_in(factories.OrganisationFactory()),
        signed_in(factories.ProviderFactory()),
    )
    first = nonprofit.get(reverse("offering_list"), {"q": "shared"})
    second = provider.get(reverse("offering_list"), {"q": "shared"})
    assert (fragment_state(first), fragment_state(second)) == ("miss", "hit")
    assert "Shared results tool" in second.text
    assert "Post a need" in first.text and "Post a need" not in second.text
    assert "Add an offering" in second.text and "Add an offering" not in first.text
    assert cache_state(second) == "", "a signed-in page is never stored whole"


def test_a_nonprofit_is_never_shown_results_rendered_for_a_provider():
    factories.NeedFactory(title="Open to all")
    factories.NeedFactory(title="Providers eyes only", visibility=Need.Visibility.PROVIDERS)
    provider_page = signed_in(factories.ProviderFactory()).get(reverse("need_list"))
    nonprofit_page = signed_in(factories.OrganisationFactory()).get(reverse("need_list"))
    assert "Providers eyes only" in provider_page.text
    assert fragment_state(nonprofit_page) == "miss"
    assert "Providers eyes only" not in nonprofit_page.text and "Open to all" in nonprofit_page.text
    htmx = {"HX-Request": "true"}
    partial = signed_in(factories.OrganisationFactory()).get(reverse("need_list"), headers=htmx)
    assert "Providers eyes only" not in partial.text and "<html" not in partial.text


def test_an_edit_retires_the_shared_results():
    offering = factories.OfferingFactory(name="Before the edit")
    person = signed_in(factories.OrganisationFactory())
    person.get(reverse("offering_list"))
    offering.name = "After the edit"
    offering.save()
    page = person.get(reverse("offering_list"))
    assert fragment_state(page) == "miss" and "After the edit" in page.text


def test_a_shared_list_page_costs_a_few_queries(django_assert_max_num_queries):
    for n in range(30):
        factories.OfferingFactory(name=f"Tool {n}")
    person = signed_in(factories.ProviderFactory())
    person.get(reverse("offering_list"))
    # The session, the person, the organisation they act for; nothing of the listings.
    with django_assert_max_num_queries(3):
        page = person.get(reverse("offering_list"))
    assert fragment_state(page) == "hit" and "Tool 0" in page.text
