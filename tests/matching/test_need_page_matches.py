"""The owner's need page: its matches first, each card saying what the nonprofit needs to
decide, and live matches for a need that is not published yet."""

import pytest
from django.urls import reverse

from directory.listings.models import Moderation, Need, Offering
from matching.models import Match
from tests import factories

pytestmark = pytest.mark.django_db

HEADING = "Offerings that match this need"
AFTER_REVIEW = "Visible to providers after review."
ASK = "Ask for an introduction"


def survey_offerings(count: int = 2) -> list:
    """Survey tools the survey need matches: FieldForms (paid, cheap), then free ones."""
    offerings = [
        factories.OfferingFactory(
            **factories.SURVEY_TOOL,
            pricing_model="nonprofit_discount",
            list_price_monthly=30,
            nonprofit_price_monthly=10,
        )
    ]
    for number in range(1, count):
        offerings.append(
            factories.OfferingFactory(
                name=f"SurveyKit {number}",
                summary="Survey forms on phones, offline.",
                description="Household survey forms that volunteers fill in offline.",
            )
        )
    for offering in offerings:
        offering.systems.add(factories.system("google-sheets"))
        factories.member_of(offering.organisation)  # someone to answer an introduction request
    return offerings


def survey_need(capture, **fields) -> Need:
    """The survey need, saved as the need form saves it: re-matched after the commit."""
    with capture(execute=True):
        need = factories.NeedFactory(**factories.SURVEY_NEED, monthly_budget=50, **fields)
        need.systems.add(factories.system("google-sheets"), factories.system("tally"))
        need.save()
    return need


def owners_page(client, need) -> str:
    client.force_login(factories.member_of(need.organisation))
    page = client.get(need.get_absolute_url())
    assert page.status_code == 200
    return page.text


def card_of(page: str, name: str) -> str:
    """The match card of the offering ``name``."""
    cards = page.split('<article class="card match-card">')[1:]
    return next(card.split("</article>", 1)[0] for card in cards if f">{name}</a>" in card)


@pytest.fixture
def pending_need(django_capture_on_commit_callbacks):
    survey_offerings()
    return survey_need(django_capture_on_commit_callbacks, status=Moderation.PENDING)


def test_the_owner_reads_the_matches_before_the_description(
    client, django_capture_on_commit_callbacks
):
    survey_offerings()
    need = survey_need(django_capture_on_commit_callbacks)
    page = owners_page(client, need)
    assert Match.objects.filter(need=need).count() == 2
    assert page.index(HEADING) < page.index("FieldForms") < page.index(need.description)
    assert page.index("FieldForms") < page.index("Must work with")


def test_a_match_card_shows_band_price_summary_reasons_compare_tick_and_ask_button(
    client, django_capture_on_commit_callbacks
):
    survey_offerings()
    need = survey_need(django_capture_on_commit_callbacks)
    card = card_of(owners_page(client, need), "FieldForms")
    match = Match.objects.get(need=need, offering__name="FieldForms")
    assert "FieldForms" in card and match.band_label in card
    assert "USD 10 a month for nonprofits" in card and "About USD 120 a year" in card
    assert factories.SURVEY_TOOL["summary"] in card
    fits = card.split("Why it fits", 1)[1].split("</ul>", 1)[0]
    checks = card.split("What to check", 1)[1].split("</ul>", 1)[0]
    assert "Google Sheets" in fits
    assert "Tally" in checks, "the system it does not work with is a thing to check"
    assert 'type="checkbox" name="ids"' in card and "Compare" in card
    assert ASK in card


def test_a_pending_needs_owner_sees_live_matches_marked_after_review(client, pending_need):
    page = owners_page(client, pending_need)
    assert AFTER_REVIEW in page
    assert page.index(HEADING) < page.index("FieldForms") < page.index(pending_need.description)
    card = card_of(page, "FieldForms")
    assert "Why it fits" in card and "a month for nonprofits" in card
    assert ASK not in page
    assert "You can ask for introductions once it is published" in card
    assert not Match.objects.exists(), "live matches are never stored"


def test_a_drafts_owner_is_told_the_matches_show_after_sending_it_for_review(
    client, django_capture_on_commit_callbacks
):
    survey_offerings()
    need = survey_need(django_capture_on_commit_callbacks, status=Moderation.DRAFT)
    page = owners_page(client, need)
    assert "Visible to providers after you send it for review." in page
    assert "FieldForms" in page and ASK not in page
    assert (
        "This need is a draft. Send it for review; once it is published you can ask for "
        "introductions." in card_of(page, "FieldForms")
    )
    assert not Match.objects.exists()


def test_providers_and_other_people_do_not_see_a_pending_need_or_its_matches(client, pending_need):
    fieldforms = Offering.objects.get(name="FieldForms")
    for person in (
        factories.member_of(fieldforms.organisation),
        factories.member_of(factories.OrganisationFactory()),
    ):
        client.force_login(person)
        assert client.get(pending_need.get_absolute_url()).status_code == 404
        assert pending_need.title not in client.get(reverse("dashboard")).text
        assert pending_need.title not in client.get(fieldforms.get_absolute_url()).text
    client.logout()
    assert client.get(pending_need.get_absolute_url()).status_code == 404


def test_a_published_need_reads_its_stored_matches(client, django_capture_on_commit_callbacks):
    survey_offerings()
    need = survey_need(django_capture_on_commit_callbacks)
    Match.objects.filter(need=need, offering__name="FieldForms").update(
        reasons=[{"code": "price_not_listed"}]
    )
    page = owners_page(client, need)
    assert "Price not listed" in page, "the stored reasons, not a live score's"
    assert AFTER_REVIEW not in page


def test_the_pending_needs_page_runs_the_same_queries_whatever_the_matches(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    survey_offerings(2)
    need = survey_need(django_capture_on_commit_callbacks, status=Moderation.PENDING)
    client.force_login(factories.member_of(need.organisation))
    client.get(need.get_absolute_url())  # the offering index is built once per process
    with django_assert_max_num_queries(40) as few:
        two = client.get(need.get_absolute_url()).text
    counted = len(few)  # now: the log it reads moves on with the next request
    survey_offerings(6)
    client.get(need.get_absolute_url())
    with django_assert_max_num_queries(counted):
        more = client.get(need.get_absolute_url()).text
    assert two.count("match-card") < more.count("match-card")
