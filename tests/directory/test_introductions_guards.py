"""What cannot be asked for or accepted, and what people are told instead, in plain words."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from directory.accounts.models import User
from directory.engagement.models import Introduction
from directory.listings.models import Moderation, Need, Offering
from tests.directory.digest_data import store_match
from tests.directory.introduction_data import ACCEPTOR_EMAIL, COLLEAGUE_EMAIL, answer, ask
from tests.factories import InterestFactory, OfferingFactory, ProviderFactory

pytestmark = pytest.mark.django_db

Status = Introduction.Status
LONG_AGO = timezone.now() - timedelta(days=200)


def follow(client, page) -> str:
    return client.get(page.url).text


# Providers nobody can answer for


@pytest.fixture
def imported(world):
    """An offering whose provider came from a registry: nobody has joined for it."""
    world.offering = OfferingFactory(
        organisation=ProviderFactory(name="Kaya Open Health Project"),
        name="Kaya EMR",
        website="https://kaya.example/",
    )
    return world


def test_a_provider_nobody_can_answer_for_is_not_asked(
    client, imported, django_capture_on_commit_callbacks
):
    page = ask(client, imported, django_capture_on_commit_callbacks)
    assert page.status_code == 200
    assert (
        "Kaya Open Health Project has not joined Impact Socials yet, so nobody can answer an "
        "introduction request. Visit their website instead."
    ) in page.text
    assert not Introduction.objects.exists()


def test_a_provider_whose_members_all_left_is_not_asked(
    client, world, django_capture_on_commit_callbacks
):
    User.objects.filter(pk__in=[world.acceptor.pk, world.colleague.pk]).update(is_active=False)
    page = ask(client, world, django_capture_on_commit_callbacks)
    assert "FieldTools Ltd has not joined Impact Socials yet" in page.text
    assert not Introduction.objects.exists()


def test_pages_offer_no_introduction_to_a_provider_nobody_can_answer_for(client, imported):
    store_match(imported.need, imported.offering)
    ask_url = reverse("introduction_request", args=[imported.offering.slug])
    client.force_login(imported.requester)
    offering_page = client.get(imported.offering.get_absolute_url()).text
    assert ask_url not in offering_page
    assert 'href="https://kaya.example/" rel="nofollow noopener">Visit their website</a>' in (
        offering_page
    )
    need_page = client.get(imported.need.get_absolute_url()).text
    assert ask_url not in need_page
    assert "Kaya Open Health Project has not joined Impact Socials yet" in need_page


# Interest answered some other way


ACCEPTED = {"status": Status.ACCEPTED, "closed_at": timezone.now()}


@pytest.mark.parametrize(
    ("earlier", "refusal"),
    [
        ({}, "You have already asked FieldTools Ltd about this need."),
        (ACCEPTED, "FieldTools Ltd has already accepted an introduction about this need"),
    ],
)
def test_interest_in_a_pair_already_asked_shows_the_request_instead(
    client, world, earlier, refusal, django_capture_on_commit_callbacks
):
    interest = InterestFactory(need=world.need, offering=world.offering)
    introduction = world.introduction(**earlier)
    client.force_login(world.requester)
    dashboard = client.get(reverse("dashboard")).text
    assert reverse("interest_accept", args=[interest.pk]) not in dashboard
    assert f'href="{introduction.get_absolute_url()}">You have already asked' in dashboard
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("interest_accept", args=[interest.pk]))
    assert refusal in follow(client, page)
    assert Introduction.objects.count() == 1 and not mail.outbox


def test_a_pair_already_accepted_is_not_asked_again(
    client, world, django_capture_on_commit_callbacks
):
    world.introduction(**ACCEPTED)
    page = ask(client, world, django_capture_on_commit_callbacks)
    assert "FieldTools Ltd has already accepted an introduction about this need" in page.text
    assert Introduction.objects.count() == 1


# Accepting once the need or the offering has gone


NEED_GONE = "Ruaha Girls Network is not looking for help with this need at the moment"
OFFERING_GONE = "FieldForms is not listed at the moment"


@pytest.mark.parametrize(
    ("model", "fields", "reason"),
    [
        (Need, {"state": Need.State.PAUSED}, NEED_GONE),
        (Need, {"state": Need.State.FULFILLED}, NEED_GONE),
        (Need, {"status": Moderation.DRAFT}, NEED_GONE),
        (Offering, {"status": Moderation.DRAFT}, OFFERING_GONE),
        (Offering, {"confirmed_at": LONG_AGO}, OFFERING_GONE),
    ],
)
def test_a_request_is_not_accepted_once_the_need_or_offering_has_gone(
    client, world, model, fields, reason, django_capture_on_commit_callbacks
):
    introduction = world.introduction()
    model.objects.update(**fields)
    page = follow(
        client, answer(client, world.acceptor, introduction, django_capture_on_commit_callbacks)
    )
    assert reason in page and "You can still decline" in page
    introduction.refresh_from_db()
    assert introduction.status == Status.PENDING and not mail.outbox
    answer(client, world.acceptor, introduction, django_capture_on_commit_callbacks, "decline")
    introduction.refresh_from_db()
    assert introduction.status == Status.DECLINED


@pytest.mark.parametrize(
    ("action", "why"),
    [
        ("fulfil", "They have marked the need as fulfilled."),
        ("close", "They have closed the need."),
    ],
)
def test_fulfilling_or_closing_a_need_withdraws_its_open_requests_and_tells_the_provider(
    client, world, action, why, django_capture_on_commit_callbacks
):
    introduction = world.introduction()
    client.force_login(world.requester)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("need_action", args=[world.need.pk, action]), follow=True)
    assert (
        "Its open introduction request was withdrawn, and the provider has been told." in page.text
    )
    introduction.refresh_from_db()
    assert introduction.status == Status.WITHDRAWN
    told = sorted(message.to[0] for message in mail.outbox)
    assert told == sorted([ACCEPTOR_EMAIL, COLLEAGUE_EMAIL]), "the provider's members only"
    message = mail.outbox[0]
    assert message.subject == "Ruaha Girls Network withdrew its introduction request for FieldForms"
    assert "There is nothing to answer." in message.body and why in message.body


def test_the_provider_is_told_in_its_language_when_a_request_is_withdrawn(
    client, world, django_capture_on_commit_callbacks
):
    world.acceptor.language = "hi"
    world.acceptor.save()
    introduction = world.introduction()
    client.force_login(world.requester)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("introduction_withdraw", args=[introduction.pk]))
    [hindi] = [message for message in mail.outbox if message.to == [ACCEPTOR_EMAIL]]
    assert "अब कोई जवाब देने की ज़रूरत नहीं है।" in hindi.body
    assert "ने FieldForms से परिचय का अपना अनुरोध वापस ले लिया" in hindi.subject
    [english] = [message for message in mail.outbox if message.to == [COLLEAGUE_EMAIL]]
    assert "There is nothing to answer." in english.body
    assert "closed the need" not in english.body, "withdrawn by hand, the need is still open"


# Why a need cannot be introduced, and what to do


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"status": Moderation.PENDING}, "This need is waiting for review by our team."),
        ({"state": Need.State.PAUSED}, "This need is paused. Press “Open again” on its page"),
        ({"confirmed_at": LONG_AGO}, "Nobody has confirmed this need for 180 days."),
    ],
)
def test_the_nonprofit_is_told_why_its_need_cannot_be_introduced(
    client, world, fields, reason, django_capture_on_commit_callbacks
):
    interest = InterestFactory(need=world.need, offering=world.offering)
    Need.objects.filter(pk=world.need.pk).update(**fields)
    client.force_login(world.requester)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("interest_accept", args=[interest.pk]))
    assert reason in follow(client, page)
    assert not Introduction.objects.exists()


def test_an_offering_no_longer_listed_cannot_be_asked_in_plain_words(
    client, world, django_capture_on_commit_callbacks
):
    interest = InterestFactory(need=world.need, offering=world.offering)
    Offering.objects.update(status=Moderation.DRAFT)
    client.force_login(world.requester)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("interest_accept", args=[interest.pk]))
    refusal = "FieldForms is not listed at the moment, so you can't ask for an introduction."
    assert escape(refusal) in follow(client, page)


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "This request was withdrawn."), ("hi", "यह अनुरोध वापस ले लिया गया है।")],
)
def test_withdrawing_twice_tells_the_nonprofit_it_was_withdrawn_in_its_language(
    client, world, language, said
):
    introduction = world.introduction(status=Status.WITHDRAWN)
    client.force_login(world.requester)
    page = client.post(
        reverse("introduction_withdraw", args=[introduction.pk]), HTTP_ACCEPT_LANGUAGE=language
    )
    shown = client.get(page.url, HTTP_ACCEPT_LANGUAGE=language).text
    assert said in shown and "You withdrew" not in shown
