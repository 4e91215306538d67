"""Compare: two to four offerings side by side, with the reader's systems and budget."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.listings.models import Moderation, Offering
from matching.services import rematch_needs
from tests.factories import (
    FeedbackFactory,
    IntroductionFactory,
    NeedFactory,
    OfferingFactory,
    OrganisationFactory,
    category,
    member_of,
    system,
)

pytestmark = pytest.mark.django_db


def compare(client, ids, **params):
    query = {"ids": ",".join(str(pk) for pk in ids), **params}
    return client.get(reverse("compare"), query)


@pytest.fixture
def offerings():
    sheets, whatsapp = system("google-sheets"), system("whatsapp-business")
    survey = OfferingFactory(
        name="Survey Kit",
        pricing_model=Offering.Pricing.DISCOUNT,
        nonprofit_price_monthly=Decimal("50"),
        setup_cost=Decimal("200"),
    )
    survey.systems.set([sheets, whatsapp])
    chat = OfferingFactory(name="Chat Desk", pricing_model=Offering.Pricing.FREE, licence="MIT")
    chat.systems.set([whatsapp])
    forms = OfferingFactory(name="Form Builder", pricing_model=Offering.Pricing.PAID)
    return [survey, chat, forms]


@pytest.mark.parametrize("count", [2, 3])
def test_two_to_four_offerings_are_shown_side_by_side(client, offerings, count):
    chosen = offerings[:count]
    page = compare(client, [o.pk for o in chosen])

    assert page.status_code == 200
    html = page.content.decode()
    assert f"Compare {count} offerings" in html
    for offering in chosen:
        assert offering.name in html
    assert "About USD 800" in html, "yearly cost: 50 × 12 + 200 setup"
    assert "Free · open source" in html


def test_four_is_the_most(client, offerings):
    offerings.append(OfferingFactory(name="Fourth Tool"))
    page = compare(client, [o.pk for o in offerings])
    assert page.status_code == 200
    assert "Compare 4 offerings" in page.content.decode()


def test_ticked_checkboxes_repeating_ids_work_too(client, offerings):
    page = client.get(reverse("compare"), {"ids": [offerings[0].pk, offerings[1].pk]})
    assert page.status_code == 200
    assert "Compare 2 offerings" in page.content.decode()


@pytest.mark.parametrize(
    ("how_many", "message"),
    [
        (0, "Pick two to four offerings to compare"),
        (1, "Pick at least one more offering"),
        (5, "You picked 5 offerings; you can compare up to 4 at a time."),
    ],
)
def test_too_few_or_too_many_get_a_clear_message(client, offerings, how_many, message):
    offerings += [OfferingFactory(), OfferingFactory()]
    page = compare(client, [o.pk for o in offerings[:how_many]])

    assert page.status_code == 400
    assert message in page.content.decode()


@pytest.mark.parametrize("ids", ["1,abc", "<script>", "3;DROP TABLE"])
def test_a_mangled_address_is_a_clear_error_not_a_crash(client, ids):
    page = client.get(reverse("compare"), {"ids": ids})
    assert page.status_code == 400
    assert "This link is broken" in page.content.decode()


def test_unpublished_or_stale_offerings_cannot_be_compared(client, offerings):
    draft = OfferingFactory(status="draft")
    stale = OfferingFactory(confirmed_at=timezone.now() - timedelta(days=200))
    for hidden in (draft, stale):
        page = compare(client, [offerings[0].pk, hidden.pk])
        assert page.status_code == 400
        assert "no longer in the directory" in page.content.decode()


def test_systems_the_nonprofit_uses_are_marked(client, offerings):
    nonprofit = OrganisationFactory()
    nonprofit.systems_in_use.set([system("whatsapp-business")])
    client.force_login(member_of(nonprofit))

    html = compare(client, [o.pk for o in offerings[:2]]).content.decode()

    assert html.count("✓ WhatsApp Business") == 2
    assert "✓ Google Sheets" not in html


def test_for_one_of_your_needs_it_shows_the_match_and_the_cost_against_its_budget(
    client, offerings
):
    need = NeedFactory(monthly_budget=Decimal("20"), title="Surveys in the field")
    need.systems.set([system("google-sheets")])
    member_of(offerings[0].organisation)
    rematch_needs([need.pk])
    client.force_login(member_of(need.organisation))

    html = compare(client, [o.pk for o in offerings[:2]], need=need.pk).content.decode()

    assert "For your need “" in html and "Surveys in the field" in html
    assert "Match for your need" in html
    assert "✓ Google Sheets" in html
    assert "over your" in html.lower() or "more than your" in html.lower()
    assert html.count("Ask for an introduction") == 1, "only Survey Kit's provider has joined"
    assert "has not joined yet" in html


def test_someone_elses_need_is_refused(client, offerings):
    need = NeedFactory()
    client.force_login(member_of(OrganisationFactory()))

    page = compare(client, [o.pk for o in offerings[:2]], need=need.pk)

    assert page.status_code == 400
    assert "does not belong to your organisation" in page.content.decode()


def test_ratings_and_how_the_provider_answers_are_shown(client, offerings):
    survey, chat = offerings[:2]
    member_of(survey.organisation), member_of(chat.organisation)
    FeedbackFactory(introduction__offering=survey, fit=5, integration=3, support=4)
    FeedbackFactory(introduction__offering=survey, fit=4, integration=4, support=4)
    IntroductionFactory(
        offering=survey,
        status="accepted",
        created_at=timezone.now() - timedelta(days=10),
        closed_at=timezone.now() - timedelta(days=9),
    )

    html = compare(client, [survey.pk, chat.pk]).content.decode()

    assert "Fit for the need: <strong>4.5</strong>/5" in html
    assert "2 reviews, 2 after a pilot" in html
    assert "No reviews yet" in html, "the second offering has none"
    assert "Answered 3 of 3 introduction requests, usually within an hour" in html
    assert "No introduction requests yet" in html


def test_the_page_makes_few_queries(client, offerings, django_assert_max_num_queries):
    offerings.append(OfferingFactory())
    with django_assert_max_num_queries(12):
        compare(client, [o.pk for o in offerings])


# --- From an offering's own page -------------------------------------------------------


def offering_page(client, offering):
    return client.get(offering.get_absolute_url()).content.decode()


def test_an_offering_page_offers_to_compare_it_with_tools_doing_the_same_work(client):
    crm, surveys = category("crm"), category("data-collection")
    shown = OfferingFactory(name="Donor Desk", categories=[crm, surveys])
    both = OfferingFactory(name="Both Kinds", categories=[crm, surveys])
    one = OfferingFactory(name="Just Surveys", categories=[surveys])
    OfferingFactory(name="Unrelated Ledger", categories=[category("accounting")])
    OfferingFactory(name="Hidden Draft", categories=[crm], status="draft")

    html = offering_page(client, shown)

    assert "Compare with similar tools" in html
    section = html.split('id="compare-heading"')[1]
    assert section.index("Both Kinds") < section.index("Just Surveys"), "most shared work first"
    assert "Unrelated Ledger" not in section
    assert "Hidden Draft" not in section
    assert f'name="ids" value="{shown.pk}"' in section
    assert f'value="{both.pk}" id="alternative-{both.pk}" checked' in section
    assert f'value="{one.pk}" id="alternative-{one.pk}" checked' in section


def test_the_offering_page_form_opens_the_comparison_with_the_offering_in_it(client):
    shown = OfferingFactory(name="Donor Desk")
    other = OfferingFactory(name="Other Desk")
    assert "Compare with similar tools" in offering_page(client, shown)

    page = client.get(reverse("compare"), {"ids": [shown.pk, other.pk]})

    html = page.content.decode()
    assert "Compare 2 offerings" in html
    assert "Donor Desk" in html and "Other Desk" in html


def test_an_offering_with_nothing_like_it_offers_no_comparison(client):
    alone = OfferingFactory(name="Only One", categories=[category("crm")])
    OfferingFactory(name="Elsewhere", categories=[category("accounting")])
    assert "Compare with similar tools" not in offering_page(client, alone)


def test_the_offering_page_runs_a_fixed_number_of_queries_whatever_the_alternatives(
    client, django_assert_max_num_queries
):
    shown = OfferingFactory(name="Donor Desk")
    for n in range(2):
        OfferingFactory(name=f"Alike {n}")
    with django_assert_max_num_queries(40) as few:
        offering_page(client, shown)
    for n in range(5):
        OfferingFactory(name=f"More alike {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        offering_page(client, shown)


# --- A need waiting for review; free software that needs a server -------------------------


def test_a_need_waiting_for_review_shows_the_scores_its_own_page_shows(
    client, django_capture_on_commit_callbacks
):
    from tests.matching.test_need_page_matches import card_of, survey_need, survey_offerings

    tools = survey_offerings(2)
    need = survey_need(django_capture_on_commit_callbacks, status=Moderation.PENDING)
    client.force_login(member_of(need.organisation))
    need_page = client.get(need.get_absolute_url()).text
    scores = [
        card_of(need_page, tool.name).split('class="score-number">', 1)[1].split("<", 1)[0]
        for tool in tools
    ]

    html = compare(client, [tool.pk for tool in tools], need=need.pk).text

    row = html.split("Match for your need", 1)[1].split("</tr>", 1)[0]
    assert "Not a close match" not in row, "live matches, as on the need's page"
    assert [part.split("</strong>")[0] for part in row.split("<strong>")[1:]] == scores


def test_free_software_that_needs_a_server_is_not_called_free_for_the_first_year(client):
    hosted = OfferingFactory(
        name="Clinic Server", pricing_model=Offering.Pricing.FREE, self_hosted=True, cloud=False
    )
    hosted.categories.set([category("health-information")])  # a server: USD 40 a month
    other = OfferingFactory(name="Free Online", pricing_model=Offering.Pricing.FREE)

    html = compare(client, [hosted.pk, other.pk]).text

    first_year = html.split("First year, all in", 1)[1].split("</tr>", 1)[0]
    hosted_cell, online_cell = first_year.split("<td>")[1:3]
    # The row is a year's cost, as the one above it: twelve months of the server.
    assert "You run it on your own server: about USD 480 a year" in hosted_cell
    assert "a month" not in hosted_cell
    assert "Free" not in hosted_cell
    assert "Free" in online_cell


def test_a_servers_own_estimate_reads_in_the_offerings_currency(client):
    hosted = OfferingFactory(
        pricing_model=Offering.Pricing.FREE,
        self_hosted=True,
        cloud=False,
        currency="INR",
        hosting_monthly_estimate=Decimal("2500"),
    )
    page = client.get(hosted.get_absolute_url()).text
    # A visitor reading English reads it in the site's currency first, then as written.
    assert re.search(r"your own server: about USD \d+ a month \(₹2,500\)", page)
    client.force_login(member_of(OrganisationFactory(country="IN")))
    page = client.get(hosted.get_absolute_url()).text
    assert "You run it on your own server: about ₹2,500 a month<" in page


def test_among_tools_doing_the_same_work_only_those_alike_in_meaning_are_offered(
    client, django_capture_on_commit_callbacks
):
    messaging = category("messaging")
    with django_capture_on_commit_callbacks(execute=True):
        shown = OfferingFactory(
            name="Parent Connect",
            summary="Send school notices and reminders to parents by SMS and WhatsApp.",
            categories=[messaging],
        )
        for name, summary in [
            ("Abuse Helpline Texts", "Self-help messages for survivors of abuse."),
            ("Alpha Notices", "Send notices to parents by text message and WhatsApp."),
            (
                "Zeta School SMS",
                "Text messages from schools to parents about attendance and homework.",
            ),
        ]:
            OfferingFactory(name=name, summary=summary, categories=[messaging])

    section = offering_page(client, shown).split('id="compare-heading"')[1]

    assert "Zeta School SMS" in section and "Alpha Notices" in section
    assert "Abuse Helpline Texts" not in section, "the same category, another job"


def test_a_reader_in_india_reads_the_first_year_in_rupees_too(client, settings):
    from tests.directory.test_currencies import set_rate

    settings.SITE_CURRENCY = "USD"
    set_rate("80")
    hosted = OfferingFactory(
        name="Clinic Server", pricing_model=Offering.Pricing.FREE, self_hosted=True, cloud=False
    )
    hosted.categories.set([category("health-information")])  # a server: USD 40 a month
    paid = OfferingFactory(
        name="Paid Desk",
        pricing_model=Offering.Pricing.PAID,
        currency="USD",
        nonprofit_price_monthly=Decimal("50"),
        setup_cost=Decimal("200"),
    )
    client.force_login(member_of(OrganisationFactory(country="IN")))

    html = compare(client, [hosted.pk, paid.pk]).text

    first_year = html.split("First year, all in", 1)[1].split("</tr>", 1)[0]
    hosted_cell, paid_cell = first_year.split("<td>")[1:3]
    assert "about USD 480 a year" in hosted_cell and "(about ₹38,400)" in hosted_cell
    assert "About USD 800 (including USD 200 setup)" in paid_cell
    assert "(about ₹64,000)" in paid_cell
    client.force_login(member_of(OrganisationFactory(country="KE")))
    kenya = compare(client, [hosted.pk, paid.pk]).text.split("First year, all in", 1)[1]
    assert "(about" not in kenya.split("</tr>", 1)[0], "already in the reader's currency"
