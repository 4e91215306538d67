"""The list pages' shared parts (listings/page_cache.py) hold nothing of one reader's: each
reader still sees their own marks, in their own language, and never someone else's; an edit
shows at once; deep pages stop at a page the database can reach without walking the list."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from directory.listings.models import Category, Organisation
from directory.listings.views import browse
from tests import factories
from tests.directory.page_readers import fragment_state, signed_in

pytestmark = pytest.mark.django_db

OWN = "Your organisation"


def card_of(page, name: str) -> str:
    """The HTML of the card whose title is ``name``."""
    text = page.content.decode()
    start = text.index(f">{name}</a>")
    return text[start : text.index("</article>", start)]


def test_a_providers_own_offerings_are_marked_for_them_and_nobody_else():
    first, second = factories.ProviderFactory(), factories.ProviderFactory()
    factories.OfferingFactory(name="First tool", organisation=first)
    factories.OfferingFactory(name="Second tool", organisation=second)
    first_page = signed_in(first).get(reverse("offering_list"))
    second_page = signed_in(second).get(reverse("offering_list"))
    assert (fragment_state(first_page), fragment_state(second_page)) == ("miss", "hit")
    assert OWN in card_of(first_page, "First tool")
    assert OWN not in card_of(first_page, "Second tool")
    assert OWN in card_of(second_page, "Second tool")
    assert OWN not in card_of(second_page, "First tool"), "not the first provider's mark"
    signed_out = Client().get(reverse("offering_list"))
    assert OWN not in signed_out.text


def test_a_nonprofits_own_needs_are_marked_in_the_shared_need_list():
    mine, theirs = factories.OrganisationFactory(), factories.OrganisationFactory()
    factories.NeedFactory(title="Our need", organisation=mine)
    factories.NeedFactory(title="Their need", organisation=theirs)
    signed_in(theirs).get(reverse("need_list"))
    page = signed_in(mine).get(reverse("need_list"), headers={"HX-Request": "true"})
    assert OWN in card_of(page, "Our need") and OWN not in card_of(page, "Their need")


def test_hindi_and_english_readers_each_get_the_results_in_their_language():
    factories.OfferingFactory(name="Bilingual tool")
    readers = [
        signed_in(factories.OrganisationFactory(), language=code) for code in ("hi", "en", "hi")
    ]
    hindi, english = (reader.get(reverse("offering_list")) for reader in readers[:2])
    assert (fragment_state(hindi), fragment_state(english)) == ("miss", "miss")
    assert "यह सूची डाउनलोड करें" in hindi.text and "Download this list" not in hindi.text
    assert "Download this list" in english.text and "यह सूची डाउनलोड करें" not in english.text
    again = readers[2].get(reverse("offering_list"))
    assert fragment_state(again) == "hit" and "यह सूची डाउनलोड करें" in again.text


def test_saving_a_need_retires_the_shared_need_results():
    need = factories.NeedFactory(title="Before the save")
    person = signed_in(factories.ProviderFactory())
    assert "Before the save" in person.get(reverse("need_list")).text
    need.title = "After the save"
    need.save()
    page = person.get(reverse("need_list"))
    assert fragment_state(page) == "miss" and "After the save" in page.text


def test_verified_providers_come_first_even_when_verified_in_bulk(admin_client):
    late = factories.ProviderFactory(name="Checked later")
    factories.OfferingFactory(name="Aardvark tracker")
    factories.OfferingFactory(name="Zebra tracker", organisation=late)
    factories.OfferingFactory(
        name="Yak tracker", organisation=factories.ProviderFactory(is_verified=True)
    )
    names = ["Yak tracker", "Aardvark tracker", "Zebra tracker"]
    assert ordered(Client().get(reverse("offering_list")), names) == names
    admin_client.post(  # the admin's action: a queryset update(), which sends no signals
        reverse("admin:directory_organisation_changelist"),
        {"action": "verify", "_selected_action": [late.pk]},
    )
    assert Organisation.objects.get(pk=late.pk).is_verified
    page = Client().get(reverse("offering_list"))
    assert ordered(page, names) == ["Yak tracker", "Zebra tracker", "Aardvark tracker"]


def ordered(page, names: list[str]) -> list[str]:
    return sorted(names, key=page.text.index)


@pytest.mark.parametrize(
    ("url_name", "first"), [("offering_list", "Tool 0"), ("need_list", "Need 24")]
)
def test_a_rendered_list_page_makes_a_bounded_number_of_queries(
    url_name, first, django_assert_max_num_queries
):
    for n in range(25):
        factories.OfferingFactory(name=f"Tool {n}")
        factories.NeedFactory(title=f"Need {n}")
    person = signed_in(factories.ProviderFactory())
    # Session, person, organisation; then the taxonomies of the filter form, the count, the
    # page of listings and their related rows: never one per card.
    with django_assert_max_num_queries(12):
        page = person.get(reverse(url_name))
    assert fragment_state(page) == "miss" and first in page.text


@pytest.fixture
def three_pages_at_most(monkeypatch, settings):
    settings.PAGE_SIZE = 2
    monkeypatch.setattr(browse, "DEEPEST_PAGE", 3)
    for n in range(9):
        factories.OfferingFactory(name=f"Listed {n:02}")


def test_past_the_deepest_page_the_list_says_why_and_reads_no_listings(three_pages_at_most):
    page = Client().get(reverse("offering_list"), {"page": "40"})
    assert page.status_code == 200
    assert "Only the first 3 pages of this list are shown" in page.text
    assert "9 offerings" in page.text, "the count is still the whole list's"
    assert "Listed" not in page.text and "No offerings match" not in page.text
    assert "page=3" in page.text, "a way back to the last page offered"


def test_the_deepest_page_has_no_next_link_and_last_means_it(three_pages_at_most):
    page = Client().get(reverse("offering_list"), {"page": "last"})
    assert "Listed 04" in page.text and "Listed 05" in page.text
    assert "Page 3 of 3" in page.text and 'rel="next"' not in page.text
    assert "Only the first 3 pages of this list are shown" in page.text
    assert "Only the first" not in Client().get(reverse("offering_list"), {"page": "2"}).text


@pytest.mark.parametrize("language", ["en", "hi"])
def test_a_page_past_the_end_of_a_short_list_offers_its_last_page(language):
    factories.OfferingFactory(name="Only One")
    page = Client().get(reverse("offering_list"), {"page": "60"}, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    said = {"en": "This list has only 1 page now.", "hi": "इस सूची में अब सिर्फ़ 1 पेज है।"}
    assert said[language] in page.text and "page=1" in page.text
    assert "Only One" not in page.text and "No offerings match" not in page.text
    needs = Client().get(reverse("need_list"), {"page": "9"})
    assert needs.status_code == 200 and "This list has only 1 page now." in needs.text


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2.5"])
def test_a_page_that_is_no_page_number_shows_the_first(page):
    factories.OfferingFactory(name="Only One")
    for name in ("offering_list", "need_list"):
        answer = Client().get(reverse(name), {"page": page})
        assert answer.status_code == 200
    assert "Only One" in Client().get(reverse("offering_list"), {"page": page}).text


def language_switch_next(page) -> str:
    """The address the header's language switch returns to."""
    return re.search(r'name="next" value="([^"]*)"', page.text).group(1)


def test_the_page_around_the_list_carries_each_requests_own_address_escaped():
    person = signed_in(factories.ProviderFactory())
    first = person.get(reverse("offering_list"), {"q": "donor"})
    second = person.get(reverse("offering_list"), {"q": '"><script>alert(1)</script>'})
    assert language_switch_next(first) == "/offerings/?q=donor"
    assert "<script>alert(1)" not in second.text
    assert language_switch_next(second).startswith("/offerings/?q=%22%3E%3Cscript%3E")


def test_signing_out_from_a_list_page_works_with_its_csrf_token_each_time():
    for _ in range(2):
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(factories.member_of(factories.ProviderFactory()))
        page = browser.get(reverse("need_list"))
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        assert (
            browser.post(reverse("account_logout"), {"csrfmiddlewaretoken": token}).status_code
            == 302
        )
        assert "Sign out" not in browser.get(reverse("need_list")).text


def test_the_page_around_the_list_is_in_each_readers_language():
    english, hindi = (
        signed_in(factories.OrganisationFactory(), language=code) for code in ("en", "hi")
    )
    for _ in range(2):
        assert "Browse needs" in english.get(reverse("need_list")).text
        page = hindi.get(reverse("need_list")).text
        assert 'lang="hi"' in page and "Browse needs" not in page


def test_the_filter_forms_terms_are_read_once_a_stamp_and_a_renamed_one_shows_at_once(
    django_assert_max_num_queries,
):
    category = Category.objects.create(name="Beekeeping", name_hi="मधुमक्खी पालन")
    person = signed_in(factories.ProviderFactory())
    person.get(reverse("offering_list"))
    # Another address under the same stamp: the count and the page of listings, no term.
    with django_assert_max_num_queries(3):
        other = person.get(reverse("offering_list"), {"sort": "name"})
    assert fragment_state(other) == "miss" and ">Beekeeping</option>" in other.text
    hindi = signed_in(factories.ProviderFactory(), language="hi").get(reverse("offering_list"))
    assert ">मधुमक्खी पालन</option>" in hindi.text and ">Beekeeping</option>" not in hindi.text
    category.name = "Apiculture"
    category.save()
    renamed = person.get(reverse("offering_list"), {"sort": "name"})
    assert ">Apiculture</option>" in renamed.text and ">Beekeeping</option>" not in renamed.text


def test_a_filter_keeps_each_addresss_own_choice_and_says_back_a_wrong_value():
    factories.OfferingFactory(name="Priced tool")
    person = signed_in(factories.ProviderFactory())
    person.get(reverse("offering_list"), {"pricing": "freemium"})
    other = person.get(reverse("offering_list"), {"sort": "name"})
    assert '<option value="freemium" selected>' not in other.text
    chosen = person.get(reverse("offering_list"), {"pricing": "freemium", "sort": "name"})
    assert '<option value="freemium" selected>' in chosen.text
    assert '<option value="name" selected>' in chosen.text
    wrong = person.get(reverse("offering_list"), {"max_price": "-5"})
    assert "field-error" in wrong.text
    fixed = person.get(reverse("offering_list"), {"max_price": "5"})
    assert "field-error" not in fixed.text and 'value="5"' in fixed.text


def test_a_card_shown_at_two_addresses_is_in_each_readers_language_and_shows_an_edit():
    category = Category.objects.create(name="Beekeeping", name_hi="मधुमक्खी पालन")
    offering = factories.OfferingFactory(name="Hive tool")
    offering.categories.add(category)
    english = signed_in(factories.ProviderFactory())
    hindi = signed_in(factories.ProviderFactory(), language="hi")
    assert "Beekeeping" in card_of(english.get(reverse("offering_list")), "Hive tool")
    by_name = {"sort": "name"}
    assert "मधुमक्खी पालन" in card_of(hindi.get(reverse("offering_list"), by_name), "Hive tool")
    assert "Beekeeping" in card_of(english.get(reverse("offering_list"), by_name), "Hive tool")
    offering.summary = "Now with swarm alerts"
    offering.save()
    newest = english.get(reverse("offering_list"), {"sort": "newest"})
    assert "Now with swarm alerts" in card_of(newest, "Hive tool")


def test_the_own_organisation_badge_is_in_each_readers_language():
    provider = factories.ProviderFactory()
    factories.OfferingFactory(name="Our tool", organisation=provider)
    english, hindi = (signed_in(provider, language=code) for code in ("en", "hi"))
    for _ in range(2):
        assert OWN in card_of(english.get(reverse("offering_list")), "Our tool")
        card = card_of(hindi.get(reverse("offering_list")), "Our tool")
        assert "आपकी संस्था" in card and OWN not in card
