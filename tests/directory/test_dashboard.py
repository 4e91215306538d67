"""The dashboard tells one true story: requests waiting for an answer first, counts equal to
what is listed, an empty-state sentence only when nothing is listed, and a prompt naming what
the profile still lacks."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from directory.engagement.models import ANSWER_WITHIN, Introduction
from directory.listings.models import Language, Sector
from tests import factories
from tests.directory.introduction_data import days_ago, text_of

pytestmark = pytest.mark.django_db

Status = Introduction.Status
NO_REQUESTS = "No introduction requests yet"
NOT_ASKED = "You have not asked for an introduction yet"
PROMPT = "Your profile is missing a few things"


def dashboard(client, user) -> str:
    client.force_login(user)
    return text_of(client, reverse("dashboard"))


def ask(world, title: str, **fields) -> Introduction:
    return world.introduction(
        need=factories.NeedFactory(organisation=world.nonprofit, title=title), **fields
    )


def at_noon(days: int) -> datetime:
    """Noon of the day ``days`` from today, in the site's time zone."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(12)))


def answered(world, title: str, status: str, days: float) -> Introduction:
    """A request asked ``days`` ago and answered (``status``) a day later."""
    return ask(world, title, status=status, created_at=days_ago(days), closed_at=days_ago(days - 1))


def test_a_pending_request_comes_first_with_its_days_left_and_a_true_count(client, world):
    answered(world, "Old answered one", Status.ACCEPTED, days=20)
    yesterday = at_noon(days=-1)
    ask(world, "Asked yesterday", created_at=yesterday)
    ask(world, "Asked this morning", created_at=at_noon(days=0) - timedelta(hours=11))
    page = dashboard(client, world.colleague)
    assert "2 requests wait for your answer" in page
    # Counted by the calendar, as the date beside them: asked yesterday, answer within 7 days.
    answer_by = date_format(yesterday + ANSWER_WITHIN, "j F, H:i")
    assert "6 days left" in page and f"Answer by {answer_by}" in page
    assert "7 days left" in page
    # Oldest waiting first, then the earlier, answered one.
    assert page.index("Asked yesterday") < page.index("Asked this morning")
    assert page.index("Asked this morning") < page.index("Old answered one")
    assert NO_REQUESTS not in page


def test_a_first_request_is_not_called_no_requests(client, world):
    world.introduction(created_at=days_ago(2))
    page = dashboard(client, world.colleague)
    assert "1 request waits for your answer" in page and "Answer by" in page
    assert NO_REQUESTS not in page and "Earlier requests" not in page


def test_a_request_past_its_seven_days_is_not_counted_as_waiting(client, world):
    ask(world, "Too late now", created_at=days_ago(8))
    page = dashboard(client, world.colleague)
    assert "wait for your answer" not in page and "waits for your answer" not in page
    assert "Too late now" in page and "Not answered in time" in page


def test_the_empty_sentence_shows_only_when_nothing_is_listed(client, world):
    assert NO_REQUESTS in dashboard(client, world.colleague)
    assert NOT_ASKED in dashboard(client, world.requester)
    world.introduction(status=Status.DECLINED, closed_at=days_ago(1))
    assert NO_REQUESTS not in dashboard(client, world.colleague)
    assert NOT_ASKED not in dashboard(client, world.requester)


def test_the_nonprofit_sees_its_waiting_requests_first(client, world):
    answered(world, "Declined earlier", Status.DECLINED, days=10)
    world.introduction(created_at=at_noon(days=-3))
    page = dashboard(client, world.requester)
    assert "1 request waits for the provider's answer" in page and "4 days left" in page
    assert page.index(world.need.title) < page.index("Declined earlier")
    assert NOT_ASKED not in page


def test_a_need_that_asked_the_provider_is_not_offered_show_interest(client, world):
    from matching.models import Match

    Match.objects.create(
        need=world.need, offering=world.offering, score=70, need_fit=0.7,
        interoperability=1, cost_fit=1,
    )  # fmt: skip
    assert "Show interest" in dashboard(client, world.colleague)
    world.introduction()
    page = dashboard(client, world.colleague)
    assert "Show interest" not in page and "has asked you for an introduction" in page


def test_an_empty_nonprofit_profile_is_prompted_for_what_it_lacks(client):
    nonprofit = factories.OrganisationFactory()
    member = factories.member_of(nonprofit)
    page = dashboard(client, member)
    assert PROMPT in page and reverse("organisation_edit") in page
    for missing in ("A few lines about", "Your website", "The sectors", "The systems you"):
        assert missing in page
    nonprofit.website = "https://example.org"
    nonprofit.save()
    nonprofit.systems_in_use.add(factories.system())
    page = dashboard(client, member)
    assert "Your website" not in page and "The systems you" not in page
    assert "A few lines about" in page and "The sectors" in page
    nonprofit.description = "We run girls' clubs."
    nonprofit.save()
    nonprofit.sectors.add(Sector.objects.first())
    assert PROMPT not in dashboard(client, member)


def test_a_provider_is_prompted_for_its_type_and_languages(client):
    provider = factories.ProviderFactory(
        website="https://tools.example", description="Survey tools."
    )
    member = factories.member_of(provider)
    page = dashboard(client, member)
    assert "What kind of provider you are" in page and "The languages you work in" in page
    assert "Your website" not in page and "The systems you" not in page
    provider.provider_type = provider.ProviderType.VENDOR
    provider.save()
    provider.languages.add(Language.objects.first() or Language.objects.create(code="xx"))
    assert PROMPT not in dashboard(client, member)


def test_a_change_waiting_for_review_counts_as_filled_in(client):
    nonprofit = factories.OrganisationFactory(
        pending_profile={"website": "https://waiting.example"}
    )
    assert "Your website" not in dashboard(client, factories.member_of(nonprofit))


def queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("dashboard")).status_code == 200
    return len(captured)


@pytest.mark.parametrize("side", ["requester", "colleague"])
def test_the_dashboard_queries_stay_bounded_however_many_requests_wait(
    client, world, side, django_assert_max_num_queries
):
    client.force_login(getattr(world, side))
    ask(world, "First", created_at=days_ago(1))
    ask(world, "Declined", status=Status.DECLINED, closed_at=days_ago(1))
    few = queries(client)
    for number in range(8):
        offering = factories.OfferingFactory(organisation=world.provider)
        ask(world, f"Waiting {number}", offering=offering, created_at=days_ago(2))
        ask(
            world,
            f"Expired {number}",
            offering=offering,
            status=Status.EXPIRED,
            closed_at=days_ago(1),
        )
    with django_assert_max_num_queries(few):
        assert client.get(reverse("dashboard")).status_code == 200
