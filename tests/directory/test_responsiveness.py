"""Each provider's response rate and typical response time, from hand-made requests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.engagement.models import Introduction, responsiveness_of
from directory.listings.models import Organisation
from tests.factories import IntroductionFactory, OfferingFactory, ProviderFactory, member_of

pytestmark = pytest.mark.django_db

Status = Introduction.Status


def received(provider, *, days_ago: float, status=Status.PENDING, answered_after_hours=None):
    """A request to one of ``provider``'s offerings, asked ``days_ago``."""
    asked_at = timezone.now() - timedelta(days=days_ago)
    closed_at = None
    if answered_after_hours is not None:
        closed_at = asked_at + timedelta(hours=answered_after_hours)
    return IntroductionFactory(
        offering=OfferingFactory(organisation=provider),
        status=status,
        created_at=asked_at,
        closed_at=closed_at,
    )


def joined_provider() -> Organisation:
    provider = ProviderFactory()
    member_of(provider)
    return provider


@pytest.fixture
def provider() -> Organisation:
    provider = joined_provider()
    received(provider, days_ago=20, status=Status.ACCEPTED, answered_after_hours=10)
    received(provider, days_ago=30, status=Status.DECLINED, answered_after_hours=50)
    received(provider, days_ago=40, status=Status.EXPIRED)
    # Past its 7 days, not yet expired by the hourly task: unanswered all the same.
    received(provider, days_ago=8)
    # Not counted: still within its 7 days, withdrawn, or older than 12 months.
    received(provider, days_ago=2)
    received(provider, days_ago=3, status=Status.WITHDRAWN)
    received(provider, days_ago=400, status=Status.ACCEPTED, answered_after_hours=1)
    return provider


def test_answered_over_received_in_the_last_12_months(provider):
    responsiveness = responsiveness_of(provider)
    assert (responsiveness.received, responsiveness.answered) == (4, 2)
    assert responsiveness.rate == 0.5
    assert responsiveness.typical_wait == timedelta(hours=30)
    assert str(responsiveness) == "Answered 2 of 4 introduction requests, usually within 2 days"


def test_the_bulk_version_reads_several_providers_in_two_queries(
    provider, django_assert_num_queries
):
    quiet, quick = joined_provider(), joined_provider()
    received(quick, days_ago=1, status=Status.ACCEPTED, answered_after_hours=3)
    with django_assert_num_queries(2):
        found = Introduction.objects.responsiveness_for([provider.pk, quiet.pk, quick.pk])
    assert found[provider.pk] == responsiveness_of(provider)
    assert str(found[quiet.pk]) == "No introduction requests yet"
    assert str(found[quick.pk]) == "Answered 1 of 1 introduction request, usually within 3 hours"


def test_requests_to_other_providers_do_not_count(provider):
    assert responsiveness_of(joined_provider()).received == 0


def test_the_organisation_and_offering_pages_say_it_in_words(client, provider):
    words = "Answered 2 of 4 introduction requests, usually within 2 days"
    offering = OfferingFactory(organisation=provider)
    assert words in client.get(provider.get_absolute_url()).text
    assert words in client.get(offering.get_absolute_url()).text


def test_a_provider_without_requests_says_so(client):
    offering = OfferingFactory(organisation=joined_provider())
    assert "No introduction requests yet" in client.get(offering.get_absolute_url()).text
    organisation_page = client.get(offering.organisation.get_absolute_url()).text
    assert "No introduction requests yet" in organisation_page


def test_a_provider_nobody_can_answer_for_has_no_response_rate(client):
    """Imported from a registry, say: its unanswered requests say nothing about it."""
    imported = ProviderFactory()
    received(imported, days_ago=20, status=Status.EXPIRED)
    offering = OfferingFactory(organisation=imported)
    for url in (imported.get_absolute_url(), offering.get_absolute_url()):
        page = client.get(url).text
        assert "Not on Impact Socials yet" in page and "Did not answer" not in page
    assert responsiveness_of(imported).received == 0
