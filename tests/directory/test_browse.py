"""Visitors and members browsing the two lists, detail pages and organisation pages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from directory.listings.models import Language, Moderation, Need
from tests.factories import (
    NeedFactory,
    OfferingFactory,
    ProviderFactory,
    category,
    member_of,
    system,
)

pytestmark = pytest.mark.django_db

MAX_LIST_QUERIES = 15


def test_home_page_shows_categories_and_search(client):
    OfferingFactory(name="Tally Forms Helper")
    page = client.get(reverse("home"))
    assert page.status_code == 200
    assert "Browse by what you need" in page.text
    assert "Tally Forms Helper" in page.text


def test_offerings_list_shows_only_published_offerings(client):
    OfferingFactory(name="Visible Survey Tool")
    OfferingFactory(name="Hidden Draft Tool", status=Moderation.DRAFT)
    page = client.get(reverse("offering_list"))
    assert "Visible Survey Tool" in page.text
    assert "Hidden Draft Tool" not in page.text


def test_offerings_filter_by_category_and_integration(client):
    crm = category("supporter-crm")
    sheets = system("google-sheets")
    wanted = OfferingFactory(name="Donor Desk", categories=[crm])
    wanted.systems.add(sheets)
    OfferingFactory(name="Donor Other", categories=[crm])
    OfferingFactory(name="Survey Thing")
    page = client.get(
        reverse("offering_list"), {"category": crm.slug, "integrates_with": sheets.slug}
    )
    assert "Donor Desk" in page.text
    assert "Donor Other" not in page.text
    assert "Survey Thing" not in page.text


def test_offerings_filter_by_max_price_keeps_free_ones(client):
    OfferingFactory(name="Free Tool")
    OfferingFactory(name="Cheap Tool", pricing_model="paid", nonprofit_price_monthly=10)
    OfferingFactory(name="Dear Tool", pricing_model="paid", nonprofit_price_monthly=900)
    page = client.get(reverse("offering_list"), {"max_price": "50"})
    assert "Free Tool" in page.text and "Cheap Tool" in page.text
    assert "Dear Tool" not in page.text


def test_offerings_filter_by_region_includes_worldwide(client):
    OfferingFactory(name="Kenya Only", regions=["KE"])
    OfferingFactory(name="Peru Only", regions=["PE"])
    OfferingFactory(name="Everywhere")
    page = client.get(reverse("offering_list"), {"region": "KE"})
    assert "Kenya Only" in page.text and "Everywhere" in page.text
    assert "Peru Only" not in page.text


def test_keyword_search_finds_words_in_the_description(client):
    OfferingFactory(name="Clinic Book", description="Electronic health records for rural clinics.")
    OfferingFactory(name="Donor Book", description="Keep track of donors and gifts.")
    page = client.get(reverse("offering_list"), {"q": "health records"})
    assert "Clinic Book" in page.text
    assert "Donor Book" not in page.text


def test_a_search_word_matches_the_start_of_words_not_their_middle(client):
    OfferingFactory(name="Mother Care", description="Digitally supported maternal care.")
    OfferingFactory(name="Ledger Lite", description="Import your Tally books and keep accounts.")
    OfferingFactory(name="Giving Book", description="Thank your donors after each gift.")
    page = client.get(reverse("offering_list"), {"q": "tally"}).text
    assert "Ledger Lite" in page and "Mother Care" not in page
    assert "Giving Book" in client.get(reverse("offering_list"), {"q": "Donor"}).text
    OfferingFactory(name="Member List", description="One donor database for the whole team.")
    donors = client.get(reverse("offering_list"), {"q": "donors"}).text
    assert "Member List" in donors and "Giving Book" in donors


@pytest.mark.parametrize("query", ["Hindi", "हिंदी", "tools in hindi"])
def test_searching_a_language_finds_the_offerings_and_needs_in_it(client, query):
    hindi = Language.objects.get(code="hi")
    OfferingFactory(name="Quiet Tool", description="Lesson plans for teachers.").languages.set(
        [hindi]
    )
    OfferingFactory(name="Other Tool", description="Lesson plans for teachers.")
    page = client.get(reverse("offering_list"), {"q": query}).text
    assert "Quiet Tool" in page and "Other Tool" not in page
    NeedFactory(title="Forms our volunteers can read").languages.set([hindi])
    NeedFactory(title="Forms in any language")
    needs = client.get(reverse("need_list"), {"q": query}).text
    assert "Forms our volunteers can read" in needs and "Forms in any language" not in needs


def test_keyword_search_also_finds_the_category_its_words_name(client):
    OfferingFactory(
        name="FormPocket",
        summary="Questionnaires on any phone.",
        description="Field teams fill in forms with no signal.",
        categories=[category("data-collection")],
    )
    OfferingFactory(name="Survey Desk", description="Survey results for the board, offline too.")
    OfferingFactory(
        name="LedgerLite",
        summary="Books.",
        description="Accounts.",
        categories=[category("finance")],
    )
    page = client.get(reverse("offering_list"), {"q": "offline survey"})
    assert "FormPocket" in page.text, "a data-collection tool, though it never says 'survey'"
    assert page.text.index("Survey Desk") < page.text.index("FormPocket"), "word matches first"
    assert "LedgerLite" not in page.text


def test_a_search_ranks_a_word_in_the_name_above_one_in_the_summary_above_the_description(
    client,
):
    OfferingFactory(
        name="Aardvark Notes", summary="Notes.", description="Also runs a survey now and then."
    )
    OfferingFactory(name="Beacon", summary="Survey forms on phones, offline.")
    OfferingFactory(name="Zebra Survey", summary="Forms on phones.")
    page = client.get(reverse("offering_list"), {"q": "survey"}).text
    found = [page.index(name) for name in ("Zebra Survey", "Beacon", "Aardvark Notes")]
    assert found == sorted(found), "name, then summary, then description: not A to Z"


def test_a_search_lists_the_tool_it_names_before_those_that_mention_it_more(client):
    OfferingFactory(
        name="FREEWAT",
        summary="A QGIS plugin for water management, inside QGIS.",
        uses="model groundwater in QGIS\nshare QGIS maps of wells",
        description="FREEWAT adds water tools to QGIS; QGIS users install it from QGIS.",
    )
    OfferingFactory(name="QGIS", summary="Free desktop mapping software.")
    OfferingFactory(name="QGIS Server", summary="Maps on the web.")
    page = client.get(reverse("offering_list"), {"q": "qgis"}).text
    found = [page.index(f">{name}<") for name in ("QGIS", "QGIS Server", "FREEWAT")]
    assert found == sorted(found), "the tool named, then one whose name begins so, then others"


def test_verified_only_filter_narrows_and_unticked_shows_everyone(client):
    OfferingFactory(name="Checked Tool", organisation=ProviderFactory(is_verified=True))
    OfferingFactory(name="Unchecked Tool")
    everyone = client.get(reverse("offering_list"), {"q": ""})
    assert "Checked Tool" in everyone.text and "Unchecked Tool" in everyone.text
    verified = client.get(reverse("offering_list"), {"verified": "on"})
    assert "Checked Tool" in verified.text and "Unchecked Tool" not in verified.text


def test_sorting_by_price_puts_cheapest_first(client):
    OfferingFactory(name="Pricey", pricing_model="paid", nonprofit_price_monthly=300)
    OfferingFactory(name="Modest", pricing_model="paid", nonprofit_price_monthly=20)
    page = client.get(reverse("offering_list"), {"sort": "price"})
    assert page.text.index("Modest") < page.text.index("Pricey")


def test_unknown_filter_values_are_ignored_not_errors(client):
    page = client.get(reverse("offering_list"), {"category": "no-such-thing", "max_price": "-5x"})
    assert page.status_code == 200


def test_htmx_filter_request_gets_only_the_results(client):
    OfferingFactory(name="Partial Tool")
    page = client.get(reverse("offering_list"), headers={"HX-Request": "true"})
    assert "Partial Tool" in page.text
    assert "<html" not in page.text


def test_list_pages_paginate(client):
    for _ in range(25):
        OfferingFactory()
    first = client.get(reverse("offering_list"))
    second = client.get(reverse("offering_list"), {"page": 2})
    assert "Page 1 of 2" in first.text
    assert second.text.count('class="card"') == 5


def queries_for(client, url) -> int:
    cache.clear()  # the filter form is cached; count a first visit each time
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def assert_list_queries_stay_flat(client, url: str, factory) -> None:
    """The list at ``url`` runs as many queries for 50 rows (each with a system) as for 5."""
    for _ in range(5):
        factory().systems.add(system())
    with_5 = queries_for(client, url)
    for _ in range(45):
        factory().systems.add(system())
    assert queries_for(client, url) == with_5 <= MAX_LIST_QUERIES


def test_offering_list_runs_the_same_queries_for_5_and_50_rows(client, settings):
    settings.PAGE_SIZE = 50
    assert_list_queries_stay_flat(client, reverse("offering_list"), OfferingFactory)


def test_need_list_runs_the_same_queries_for_5_and_50_rows(client, settings):
    settings.PAGE_SIZE = 50
    client.force_login(member_of(ProviderFactory()))
    assert_list_queries_stay_flat(client, reverse("need_list"), NeedFactory)


def test_needs_for_providers_only_are_hidden_from_visitors_and_nonprofits(client):
    NeedFactory(title="Open to all")
    NeedFactory(title="Providers eyes only", visibility=Need.Visibility.PROVIDERS)
    assert "Providers eyes only" not in client.get(reverse("need_list")).text
    client.force_login(member_of(NeedFactory().organisation))
    assert "Providers eyes only" not in client.get(reverse("need_list")).text


def test_needs_for_providers_only_are_shown_to_provider_members(client):
    need = NeedFactory(title="Providers eyes only", visibility=Need.Visibility.PROVIDERS)
    client.force_login(member_of(ProviderFactory()))
    assert "Providers eyes only" in client.get(reverse("need_list")).text
    assert client.get(need.get_absolute_url()).status_code == 200


def test_closed_and_pending_needs_are_not_listed(client):
    NeedFactory(title="Closed one", state=Need.State.CLOSED)
    NeedFactory(title="Pending one", status=Moderation.PENDING)
    NeedFactory(title="Open one")
    page = client.get(reverse("need_list"))
    assert "Open one" in page.text
    assert "Closed one" not in page.text and "Pending one" not in page.text


def test_needs_filter_by_budget_and_country(client):
    NeedFactory(title="Small Kenyan need", monthly_budget=50, country="KE")
    NeedFactory(title="Big Kenyan need", monthly_budget=900, country="KE")
    NeedFactory(title="Small Indian need", monthly_budget=50, country="IN")
    page = client.get(reverse("need_list"), {"country": "KE", "max_budget": "100"})
    assert "Small Kenyan need" in page.text
    assert "Big Kenyan need" not in page.text and "Small Indian need" not in page.text


def test_deadline_soonest_lists_needs_without_a_deadline_last(client):
    today = timezone.localdate()
    NeedFactory(title="No date at all", deadline=None)
    NeedFactory(title="Due next month", deadline=today + timedelta(days=30))
    NeedFactory(title="Due next week", deadline=today + timedelta(days=7))
    page = client.get(reverse("need_list"), {"sort": "deadline"}).text
    assert page.index("Due next week") < page.index("Due next month") < page.index("No date at")
    week = date_format(today + timedelta(days=7))
    assert f"Hoped for by {week}" in page, "each card shows the date it is sorted by"
    assert page.count("Hoped for by") == 2


def test_biggest_budget_counts_a_years_budget_one_off_included(client):
    NeedFactory(title="Free tools only", monthly_budget=None, free_only=True)
    NeedFactory(title="Hundred a month", monthly_budget=Decimal("100"))  # 1,200 a year
    NeedFactory(title="One-off only", monthly_budget=None, one_off_budget=Decimal("3000"))
    NeedFactory(
        title="Fifty and a set-up", monthly_budget=Decimal("50"), one_off_budget=Decimal("100")
    )
    page = client.get(reverse("need_list"), {"sort": "budget"}).text
    order = ["One-off only", "Hundred a month", "Fifty and a set-up", "Free tools only"]
    assert sorted(order, key=page.index) == order


def test_draft_offering_is_404_for_others_but_visible_to_its_members(client):
    offering = OfferingFactory(status=Moderation.DRAFT)
    assert client.get(offering.get_absolute_url()).status_code == 404
    client.force_login(member_of(offering.organisation))
    page = client.get(offering.get_absolute_url())
    assert page.status_code == 200 and "Only your organisation can see this" in page.text


def test_user_text_is_escaped_on_output(client):
    OfferingFactory(name="<script>alert(1)</script>Tool", summary="<b>bold</b> claims")
    page = client.get(reverse("offering_list"))
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Tool" in page.text


def test_organisation_page_lists_its_published_offerings(client):
    offering = OfferingFactory(name="Org Tool")
    OfferingFactory(name="Org Draft", organisation=offering.organisation, status=Moderation.DRAFT)
    page = client.get(offering.organisation.get_absolute_url())
    assert "Org Tool" in page.text and "Org Draft" not in page.text


def test_contact_email_is_never_shown_publicly(client):
    offering = OfferingFactory()
    offering.organisation.contact_email = "secret@provider.example"
    offering.organisation.save()
    assert "secret@provider.example" not in client.get(offering.get_absolute_url()).text
    assert (
        "secret@provider.example" not in client.get(offering.organisation.get_absolute_url()).text
    )
