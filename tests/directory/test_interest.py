"""Providers showing interest in a need, and the nonprofit turning it into a request."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from directory.engagement.models import Interest, Introduction
from tests.directory.introduction_data import (
    ACCEPTOR_EMAIL,
    COLLEAGUE_EMAIL,
    ask,
    days_ago,
    sent_to,
    text_of,
)
from tests.factories import (
    InterestFactory,
    IntroductionFactory,
    NeedFactory,
    OrganisationFactory,
    ProviderFactory,
    member_of,
)

pytestmark = pytest.mark.django_db

Status = Introduction.Status


# Interest


def show_interest(client, member, need, offering, capture):
    client.force_login(member)
    with capture(execute=True):
        return client.post(reverse("interest_create"), {"need": need.pk, "offering": offering.pk})


def test_a_provider_shows_interest_once_and_the_nonprofit_sees_it(
    client, world, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    page = show_interest(client, world.acceptor, world.need, world.offering, capture)
    assert page.status_code == 302 and page.url == world.need.get_absolute_url()
    assert "Ruaha Girls Network will see on their dashboard" in client.get(page.url).text
    assert Interest.objects.get().expressed_by == world.acceptor
    again = show_interest(client, world.colleague, world.need, world.offering, capture)
    assert "already shown interest" in client.get(again.url).text
    assert Interest.objects.count() == 1 and not mail.outbox
    client.force_login(world.requester)
    for url in (reverse("dashboard"), world.need.get_absolute_url()):
        assert "Providers interested in" in text_of(client, url)
        assert reverse("interest_accept", args=[Interest.objects.get().pk]) in text_of(client, url)


def test_one_click_turns_interest_into_a_request(client, world, django_capture_on_commit_callbacks):
    interest = InterestFactory(need=world.need, offering=world.offering)
    client.force_login(world.requester)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("interest_accept", args=[interest.pk]))
    introduction = Introduction.objects.get()
    assert page.url == introduction.get_absolute_url()
    assert introduction.requested_by == world.requester and "your interest" in (
        introduction.shown_message
    )
    interest.refresh_from_db()
    assert interest.introduction == introduction
    assert len(sent_to(ACCEPTOR_EMAIL)) == 1
    assert "Providers interested in" not in text_of(client, reverse("dashboard"))


def test_a_one_click_reply_reads_in_each_readers_language(
    client, world, django_capture_on_commit_callbacks
):
    """Sent from a Hindi page, the reply reaches an English-reading provider in English and a
    Hindi-reading one in Hindi, and the nonprofit reads it in Hindi."""
    world.colleague.language = "hi"
    world.colleague.save()
    interest = InterestFactory(need=world.need, offering=world.offering)
    client.force_login(world.requester)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("interest_accept", args=[interest.pk]), HTTP_ACCEPT_LANGUAGE="hi")
    introduction = Introduction.objects.get()
    english = "Thank you for your interest in our need"
    hindi = "हमारी ज़रूरत"
    [to_acceptor] = sent_to(ACCEPTOR_EMAIL)
    [to_colleague] = sent_to(COLLEAGUE_EMAIL)
    assert english in to_acceptor.body and hindi not in to_acceptor.body
    assert hindi in to_colleague.body and english not in to_colleague.body
    client.force_login(world.acceptor)
    page = text_of(client, introduction.get_absolute_url())
    assert english in page
    answer = client.get(f"/api/introductions/{introduction.pk}/").json()
    assert english in answer["message"]


def test_the_nonprofit_sees_the_one_click_message_or_writes_its_own(
    client, world, django_capture_on_commit_callbacks
):
    interest = InterestFactory(need=world.need, offering=world.offering)
    client.force_login(world.requester)
    dashboard = text_of(client, reverse("dashboard"))
    assert f"We send them: “{escape(interest.reply)}”" in dashboard
    assert "Write your own message instead" in dashboard

    ask(client, world, django_capture_on_commit_callbacks, message="Could you call us Tuesday?")

    interest.refresh_from_db()
    assert interest.introduction == Introduction.objects.get()
    assert "Providers interested in" not in text_of(client, reverse("dashboard"))


def test_a_provider_already_asked_about_a_need_is_not_offered_to_show_interest(client, world):
    IntroductionFactory(need=world.need, offering=world.offering, status=Status.ACCEPTED)
    client.force_login(world.acceptor)

    page = text_of(client, world.need.get_absolute_url())

    assert f"has asked you for an introduction about {world.offering.name}" in page
    assert "Show interest" not in page
    assert "that one of your offerings fits" not in page, "nothing left to offer"


def test_providers_show_interest_only_with_their_own_offerings(
    client, world, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    other_provider = member_of(ProviderFactory())
    assert (
        show_interest(client, other_provider, world.need, world.offering, capture).status_code
        == 404
    )
    nonprofit = member_of(OrganisationFactory())
    assert show_interest(client, nonprofit, world.need, world.offering, capture).status_code == 403
    closed = NeedFactory(state="closed")
    assert show_interest(client, world.acceptor, closed, world.offering, capture).status_code == 404
    assert not Interest.objects.exists()


@pytest.mark.parametrize("posted", [{"need": "abc"}, {"offering": "abc"}, {"offering": "²"}])
def test_interest_with_something_else_than_a_number_is_not_found(client, world, posted):
    client.force_login(world.acceptor)
    data = {"need": world.need.pk, "offering": world.offering.pk, **posted}
    assert client.post(reverse("interest_create"), data).status_code == 404
    assert not Interest.objects.exists()


def test_interest_is_shown_only_with_listed_offerings(
    client, world, django_capture_on_commit_callbacks
):
    world.offering.confirmed_at = days_ago(200)
    world.offering.save()
    page = show_interest(
        client, world.acceptor, world.need, world.offering, django_capture_on_commit_callbacks
    )
    assert page.status_code == 404
    assert "Show interest with FieldForms" not in text_of(client, world.need.get_absolute_url())
    assert not Interest.objects.exists()


def test_only_the_needs_nonprofit_answers_interest(client, world):
    interest = InterestFactory(need=world.need, offering=world.offering)
    for member in (member_of(OrganisationFactory()), world.acceptor):
        client.force_login(member)
        status = client.post(reverse("interest_accept", args=[interest.pk])).status_code
        assert status in (403, 404)
    assert not Introduction.objects.exists()


def test_a_provider_member_may_show_interest_from_the_need_page(client, world):
    client.force_login(world.acceptor)
    page = text_of(client, world.need.get_absolute_url())
    assert "Show interest with FieldForms" in page
    InterestFactory(need=world.need, offering=world.offering)
    assert "You showed interest with FieldForms" in text_of(client, world.need.get_absolute_url())
