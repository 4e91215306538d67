"""Introduction requests from asking to the answer or expiry, with their e-mails; the limits
on asking; who may do what; providers' interest."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.engagement.models import Introduction
from directory.engagement.tasks import expire_introductions
from directory.listings.models import Moderation
from tests import factories
from tests.directory.digest_data import store_match
from tests.directory.introduction_data import (
    ACCEPTOR_EMAIL,
    COLLEAGUE_EMAIL,
    MESSAGE,
    REQUESTER_EMAIL,
    answer,
    ask,
    days_ago,
    everything_in,
    sent_to,
    text_of,
)

pytestmark = pytest.mark.django_db

Status = Introduction.Status


# The life cycle


def test_asking_saves_a_pending_request_and_emails_the_providers_members(
    client, world, django_capture_on_commit_callbacks
):
    page = ask(client, world, django_capture_on_commit_callbacks)
    introduction = Introduction.objects.get()
    assert page.status_code == 302 and page.url == introduction.get_absolute_url()
    assert introduction.status == Status.PENDING
    assert (introduction.need, introduction.requested_by) == (world.need, world.requester)
    assert {message.to[0] for message in mail.outbox} == {ACCEPTOR_EMAIL, COLLEAGUE_EMAIL}
    [message] = sent_to(ACCEPTOR_EMAIL)
    assert message.subject == "Ruaha Girls Network asks for an introduction to FieldForms"
    assert MESSAGE in message.body and "Collect household surveys offline" in message.body
    link = settings.SITE_URL + introduction.get_absolute_url()
    assert link in message.body and f'href="{link}"' in message.alternatives[0][0]
    assert message.body.startswith("Hello David,")


def test_the_requester_is_told_in_their_language_how_long_the_provider_has(
    client, world, django_capture_on_commit_callbacks
):
    ask(client, world, django_capture_on_commit_callbacks)
    introduction = Introduction.objects.get()
    assert (
        "has 7 days to answer; we will e-mail you either way."
        in client.get(introduction.get_absolute_url()).text
    )
    client.post(reverse("set_language"), {"language": "hi"})
    Introduction.objects.all().delete()
    ask(client, world, django_capture_on_commit_callbacks)
    page = client.get(Introduction.objects.get().get_absolute_url()).text
    assert "के पास जवाब देने के लिए 7 दिन हैं; दोनों हाल में हम आपको ई-मेल करेंगे।" in page
    assert "days to answer; we will e-mail you" not in page


def test_contact_emails_stay_hidden_until_the_provider_accepts(
    client, world, django_capture_on_commit_callbacks
):
    ask(client, world, django_capture_on_commit_callbacks)
    introduction = Introduction.objects.get()
    for message in mail.outbox:
        assert REQUESTER_EMAIL not in everything_in(message)
    pages = [introduction.get_absolute_url(), reverse("dashboard")]
    for member, hidden in ((world.acceptor, REQUESTER_EMAIL), (world.requester, ACCEPTOR_EMAIL)):
        client.force_login(member)
        for url in pages:
            assert hidden not in text_of(client, url)
    client.force_login(world.requester)
    assert "shared only if FieldTools Ltd accepts" in text_of(client, pages[0])


def test_accepting_shares_both_contacts_and_emails_both_sides(
    client, world, django_capture_on_commit_callbacks
):
    ask(client, world, django_capture_on_commit_callbacks)
    introduction = Introduction.objects.get()
    mail.outbox.clear()
    page = answer(client, world.acceptor, introduction, django_capture_on_commit_callbacks)
    assert page.status_code == 302
    introduction.refresh_from_db()
    assert introduction.status == Status.ACCEPTED and introduction.answered_by == world.acceptor
    assert introduction.closed_at is not None

    [to_nonprofit] = sent_to(REQUESTER_EMAIL)
    assert to_nonprofit.subject == (
        "FieldTools Ltd accepted your introduction request for FieldForms"
    )
    assert ACCEPTOR_EMAIL in to_nonprofit.body and "let's talk next week" in to_nonprofit.body
    assert COLLEAGUE_EMAIL not in everything_in(to_nonprofit)
    for email in (ACCEPTOR_EMAIL, COLLEAGUE_EMAIL):
        [to_provider] = sent_to(email)
        assert REQUESTER_EMAIL in to_provider.body
    [to_acceptor], [to_colleague] = sent_to(ACCEPTOR_EMAIL), sent_to(COLLEAGUE_EMAIL)
    assert (
        "You accepted" in to_acceptor.body and "We have sent them your address" in to_acceptor.body
    )
    assert "You accepted" not in to_colleague.body

    for member in (world.requester, world.acceptor, world.colleague):
        client.force_login(member)
        detail = text_of(client, introduction.get_absolute_url())
        assert REQUESTER_EMAIL in detail and ACCEPTOR_EMAIL in detail
        assert COLLEAGUE_EMAIL not in detail
    client.force_login(world.requester)
    assert ACCEPTOR_EMAIL in text_of(client, reverse("dashboard"))


def test_declining_tells_both_sides_and_shares_no_contact(
    client, world, django_capture_on_commit_callbacks
):
    introduction = world.introduction()
    answer(client, world.colleague, introduction, django_capture_on_commit_callbacks, "decline")
    introduction.refresh_from_db()
    assert introduction.status == Status.DECLINED
    [to_nonprofit] = sent_to(REQUESTER_EMAIL)
    assert "declined your introduction request" in to_nonprofit.subject
    assert len(sent_to(ACCEPTOR_EMAIL)) == len(sent_to(COLLEAGUE_EMAIL)) == 1
    for message in mail.outbox:
        everything = everything_in(message)
        assert REQUESTER_EMAIL not in message.body and COLLEAGUE_EMAIL not in everything
    client.force_login(world.requester)
    assert COLLEAGUE_EMAIL not in text_of(client, introduction.get_absolute_url())


def test_the_nonprofit_may_withdraw_an_open_request(client, world):
    introduction = world.introduction()
    client.force_login(world.requester)
    client.post(reverse("introduction_withdraw", args=[introduction.pk]))
    introduction.refresh_from_db()
    assert introduction.status == Status.WITHDRAWN and introduction.closed_at


def test_withdrawing_is_rate_limited_per_person(client, world, settings):
    settings.LISTING_POST_RATE = "1/h"
    introduction = world.introduction()
    client.force_login(world.requester)
    url = reverse("introduction_withdraw", args=[introduction.pk])
    assert [client.post(url).status_code for _ in range(2)] == [302, 429]


@pytest.mark.parametrize(
    ("earlier", "reason"),
    [
        ({"status": Status.ACCEPTED}, "already been accepted"),
        ({"status": Status.WITHDRAWN}, "withdrawn by the nonprofit"),
        ({"created_at": days_ago(8)}, "not answered within 7 days"),
    ],
)
def test_a_request_no_longer_open_cannot_be_answered(
    client, world, earlier, reason, django_capture_on_commit_callbacks
):
    introduction = world.introduction(**earlier)
    page = answer(client, world.colleague, introduction, django_capture_on_commit_callbacks)
    assert Introduction.objects.get(pk=introduction.pk).status == introduction.status
    assert reason in client.get(page.url).text and not mail.outbox


@pytest.mark.parametrize("leaving", ["acceptor", "requester"])
def test_the_answer_emails_read_well_when_someone_has_left_meanwhile(
    client, world, leaving, django_capture_on_commit_callbacks
):
    introduction = world.introduction()
    client.force_login(world.acceptor)
    with django_capture_on_commit_callbacks() as queued:
        client.post(reverse("introduction_answer", args=[introduction.pk]), {"decision": "accept"})
    getattr(world, leaving).delete()
    for send in queued:
        send()
    assert mail.outbox
    for message in mail.outbox:
        assert "None" not in everything_in(message)
    who = "accepted" if leaving == "acceptor" else "asked"
    assert any(f"The person who {who} has since left" in message.body for message in mail.outbox)


def test_listing_text_is_escaped_in_the_html_email(
    client, world, django_capture_on_commit_callbacks
):
    world.need.title = "<script>alert('x')</script> surveys"
    world.need.save()
    ask(client, world, django_capture_on_commit_callbacks, message="<b>Hello</b>")
    html = sent_to(ACCEPTOR_EMAIL)[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;Hello&lt;/b&gt;" in html


# Expiry


def test_an_unanswered_request_expires_after_7_days_and_the_nonprofit_is_told(
    world, django_capture_on_commit_callbacks
):
    overdue = world.introduction(created_at=days_ago(7.1))
    recent = world.introduction(
        created_at=days_ago(6.9), need=factories.NeedFactory(organisation=world.nonprofit)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert expire_introductions.delay().get() == 1
    overdue.refresh_from_db(), recent.refresh_from_db()
    assert (overdue.status, recent.status) == (Status.EXPIRED, Status.PENDING)
    [message] = mail.outbox
    assert message.to == [REQUESTER_EMAIL]
    assert message.subject == "No answer from FieldTools Ltd about FieldForms"
    assert settings.SITE_URL + world.need.get_absolute_url() in message.body


def test_expiring_twice_tells_the_nonprofit_once(world, django_capture_on_commit_callbacks):
    world.introduction(created_at=days_ago(8))
    with django_capture_on_commit_callbacks(execute=True):
        expire_introductions.delay()
        expire_introductions.delay()
    assert len(mail.outbox) == 1


def test_asking_again_after_an_unanswered_week_expires_the_old_request(
    client, world, django_capture_on_commit_callbacks
):
    old = world.introduction(created_at=days_ago(8))
    ask(client, world, django_capture_on_commit_callbacks)
    old.refresh_from_db()
    assert old.status == Status.EXPIRED
    assert Introduction.objects.filter(status=Status.PENDING).exclude(pk=old.pk).count() == 1
    assert sent_to(REQUESTER_EMAIL)[0].subject.startswith("No answer from")


# Limits


def test_a_second_open_request_for_the_same_need_and_offering_is_refused(
    client, world, django_capture_on_commit_callbacks
):
    ask(client, world, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    page = ask(client, world, django_capture_on_commit_callbacks)
    assert page.status_code == 200
    assert "You have already asked FieldTools Ltd about this need" in page.text
    assert Introduction.objects.count() == 1 and not mail.outbox


def test_the_database_refuses_two_open_requests_for_one_pair(world):
    world.introduction()
    with pytest.raises(IntegrityError):
        world.introduction()


def test_a_declined_pair_may_be_asked_again(client, world, django_capture_on_commit_callbacks):
    world.introduction(status=Status.DECLINED)
    assert ask(client, world, django_capture_on_commit_callbacks).status_code == 302
    assert Introduction.objects.count() == 2


def test_a_nonprofit_may_send_a_few_requests_a_day(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.INTRODUCTION_DAILY_CAP = 2
    for _ in range(2):
        world.introduction(need=factories.NeedFactory(organisation=world.nonprofit))
    page = ask(client, world, django_capture_on_commit_callbacks)
    assert page.status_code == 200
    assert "sent 2 introduction requests in the last 24 hours" in page.text
    assert Introduction.objects.count() == 2 and not mail.outbox


def test_yesterdays_requests_do_not_count_towards_the_cap(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.INTRODUCTION_DAILY_CAP = 1
    world.introduction(
        need=factories.NeedFactory(organisation=world.nonprofit), created_at=days_ago(1.1)
    )
    assert ask(client, world, django_capture_on_commit_callbacks).status_code == 302


def test_asking_is_rate_limited_per_person(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.LISTING_POST_RATE = "2/h"
    statuses = [ask(client, world, django_capture_on_commit_callbacks, "").status_code]
    statuses += [ask(client, world, django_capture_on_commit_callbacks, "").status_code]
    statuses += [ask(client, world, django_capture_on_commit_callbacks).status_code]
    assert statuses == [200, 200, 429]
    assert not Introduction.objects.exists()


def test_an_empty_message_is_refused_beside_the_field(
    client, world, django_capture_on_commit_callbacks
):
    page = ask(client, world, django_capture_on_commit_callbacks, message="  ")
    assert page.status_code == 200 and "Please fill this in" in page.text
    assert not Introduction.objects.exists()


@pytest.mark.parametrize("language", ["en", "hi"])
def test_asking_a_tool_not_offered_where_the_need_is_warns_before_sending(client, world, language):
    world.need.country = "NG"
    world.need.save()
    world.offering.regions = ["IN", "KE"]
    world.offering.save()
    client.force_login(world.requester)
    url = reverse("introduction_request", args=[world.offering.slug])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).text
    said = {
        "en": ("FieldForms is offered only in India, Kenya.", "is in Nigeria."),
        "hi": ("FieldForms सिर्फ़ भारत, केन्या में मिलता है।", "नाइजीरिया में है।"),
    }[language]
    assert all(words in page for words in said)
    world.offering.regions = ["IN", "NG"]
    world.offering.save()
    assert "offered only in" not in client.get(url).text


# Who may do what


def test_a_visitor_is_sent_to_sign_in(client, world):
    page = client.get(reverse("introduction_request", args=[world.offering.slug]))
    assert page.status_code == 302 and reverse("account_login") in page.url


def test_a_provider_cannot_ask_for_an_introduction(client, world):
    client.force_login(factories.member_of(factories.ProviderFactory()))
    page = client.get(reverse("introduction_request", args=[world.offering.slug]))
    assert page.status_code == 403


def test_a_nonprofit_can_only_ask_about_its_own_needs(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(factories.member_of(factories.NeedFactory().organisation))
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("introduction_request", args=[world.offering.slug]),
            {"need": world.need.pk, "message": MESSAGE},
        )
    assert "Choose one of the options shown" in page.text
    assert not Introduction.objects.exists() and not mail.outbox


def test_an_unpublished_offering_cannot_be_asked(client, world):
    draft = factories.OfferingFactory(organisation=world.provider, status=Moderation.DRAFT)
    client.force_login(world.requester)
    assert client.get(reverse("introduction_request", args=[draft.slug])).status_code == 404


def test_only_the_two_organisations_see_a_request(client, world):
    introduction = world.introduction()
    for outsider in (
        factories.member_of(factories.OrganisationFactory()),
        factories.member_of(factories.ProviderFactory()),
    ):
        client.force_login(outsider)
        assert client.get(introduction.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(introduction.get_absolute_url()).status_code == 302


@pytest.mark.parametrize("who", ["requester", "other provider", "other nonprofit"])
def test_only_the_providers_members_answer(client, world, who):
    introduction = world.introduction()
    member = {
        "requester": world.requester,
        "other provider": factories.member_of(factories.ProviderFactory()),
        "other nonprofit": factories.member_of(factories.OrganisationFactory()),
    }[who]
    client.force_login(member)
    page = client.post(
        reverse("introduction_answer", args=[introduction.pk]), {"decision": "accept"}
    )
    assert page.status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == Status.PENDING


def test_only_the_nonprofits_members_withdraw(client, world):
    introduction = world.introduction()
    client.force_login(world.acceptor)
    assert client.post(reverse("introduction_withdraw", args=[introduction.pk])).status_code == 404
    introduction.refresh_from_db()
    assert introduction.status == Status.PENDING


def test_a_bad_decision_is_refused_without_a_change(client, world):
    introduction = world.introduction()
    client.force_login(world.acceptor)
    page = client.post(
        reverse("introduction_answer", args=[introduction.pk]), {"decision": "maybe"}
    )
    assert page.status_code == 200 and "Please check the form" in page.text
    introduction.refresh_from_db()
    assert introduction.status == Status.PENDING


# Where people find it


def test_the_need_page_offers_an_introduction_beside_each_match(client, world):
    store_match(world.need, world.offering)
    client.force_login(world.requester)
    page = text_of(client, world.need.get_absolute_url())
    ask_url = reverse("introduction_request", args=[world.offering.slug])
    assert f"{ask_url}?need={world.need.pk}" in page
    world.introduction()
    assert "Introduction: waiting for an answer" in text_of(client, world.need.get_absolute_url())


def test_the_offering_page_offers_an_introduction_to_nonprofits_only(client, world):
    ask_url = reverse("introduction_request", args=[world.offering.slug])
    client.force_login(world.requester)
    assert ask_url in text_of(client, world.offering.get_absolute_url())
    client.force_login(factories.member_of(factories.ProviderFactory()))
    assert ask_url not in text_of(client, world.offering.get_absolute_url())
    client.logout()
    assert "Sign in</a> as a nonprofit" in text_of(client, world.offering.get_absolute_url())


def test_the_provider_sees_requests_to_answer_on_its_dashboard(client, world):
    introduction = world.introduction()
    client.force_login(world.colleague)
    page = text_of(client, reverse("dashboard"))
    assert introduction.get_absolute_url() in page and "Answer by" in page


# Fast pages


def add_introductions(world, count: int) -> None:
    for _ in range(count):
        need = factories.NeedFactory(organisation=world.nonprofit)
        world.introduction(
            need=need, status=Status.ACCEPTED, answered_by=world.acceptor, closed_at=days_ago(31)
        )
        factories.InterestFactory(need=need, offering=world.offering)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("side", ["requester", "acceptor"])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    client, world, side, django_assert_max_num_queries
):
    client.force_login(getattr(world, side))
    add_introductions(world, 1)
    few = queries_for(client, reverse("dashboard"))
    add_introductions(world, 10)
    with django_assert_max_num_queries(few):
        assert client.get(reverse("dashboard")).status_code == 200


def test_the_requester_finds_their_requests_and_reviews_in_their_data_export(client, world):
    introduction = world.introduction(status=Status.ACCEPTED, answered_by=world.acceptor)
    factories.FeedbackFactory(introduction=introduction, comment="Worked well")
    client.force_login(world.requester)
    data = client.get(reverse("account_export")).json()
    assert [row["message"] for row in data["introductions_requested"]] == [MESSAGE]
    assert data["feedback"][0]["comment"] == "Worked well"
    client.force_login(world.acceptor)
    assert client.get(reverse("account_export")).json()["introductions_answered"][0]["status"] == (
        "accepted"
    )


def test_a_nonprofit_without_an_open_need_is_asked_to_post_one(client, world):
    client.force_login(factories.member_of(factories.OrganisationFactory()))
    page = text_of(client, reverse("introduction_request", args=[world.offering.slug]))
    assert "First post a need" in page and reverse("need_create") in page


def test_the_nonprofit_reads_its_own_request_as_about_the_need_not_their_need(client, world):
    introduction = world.introduction()
    client.force_login(world.requester)
    page = client.get(introduction.get_absolute_url()).text
    assert "about the need <a" in page and "their need" not in page
