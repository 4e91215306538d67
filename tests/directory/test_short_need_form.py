"""The short need form: the category guessed from the words, "More details" folded away until
it holds something, a draft sent for review from its page, and the note saying what comes next."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.accounts.acting import organisation_for
from directory.listings.forms import spotted_category
from directory.listings.models import Moderation, Need
from tests.factories import (
    NeedFactory,
    OfferingFactory,
    OrganisationFactory,
    category,
    member_of,
    need_form,
)

pytestmark = pytest.mark.django_db

SMS_NEED = {
    "title": "Send reminders to parents",
    "description": "We want to send SMS reminders to parents before school meetings.",
}
NAMES_NOTHING = {"title": "Help us please", "description": "Something good for our team."}
FOLD = '<details class="more-details"'


def short_form(**fields) -> dict:
    """The form as sent when nobody opens "More details": those fields keep what the page
    filled in (the organisation's country, everyone may see it) and the category is empty."""
    return need_form(category="", **fields)


@pytest.fixture
def member(client):
    user = member_of(OrganisationFactory(country="KE"))
    client.force_login(user)
    return user


def test_the_short_form_files_the_need_under_the_category_its_words_name(client, member):
    page = client.post(reverse("need_create"), short_form(**SMS_NEED), follow=True)

    need = Need.objects.get()
    assert need.category.slug == "messaging"
    assert "We filed it under “Messaging, SMS &amp; chatbots” from what you wrote" in page.text


def test_a_hindi_reader_is_told_the_category_by_its_hindi_name(client, member):
    client.post(reverse("set_language"), {"language": "hi"})
    page = client.post(reverse("need_create"), short_form(**SMS_NEED), follow=True)

    assert "हमने इसे “मैसेजिंग, SMS और चैटबॉट” में रखा है" in page.text
    assert "Messaging, SMS" not in page.text


def test_words_that_name_no_category_ask_for_one_and_save_nothing(client, member):
    page = client.post(reverse("need_create"), short_form(**NAMES_NOTHING))

    assert page.status_code == 200
    assert "Choose the category closest to your need." in page.text
    assert 'id="id_category_error"' in page.text
    assert f"{FOLD} open>" in page.text  # the question is not hidden in the fold
    assert not Need.objects.exists()


def test_a_chosen_category_is_kept_whatever_the_words_say(client, member):
    client.post(reverse("need_create"), need_form(**SMS_NEED))
    assert Need.objects.get().category.slug == "data-collection"


def test_a_new_form_shows_only_the_short_questions(client, member):
    page = client.get(reverse("need_create")).text
    assert f"{FOLD}>" in page
    short, more = page.split(FOLD)
    for label in ["What do you need, in one line?", "What do you need to do?", "It must work with"]:
        assert label in short
    for label in ["Category", "One-off budget", "How should it run?", "Who can see this need?"]:
        assert label in more and label not in short


@pytest.mark.parametrize(
    ("more", "opened"),
    [
        ({}, False),
        ({"visibility": "providers"}, True),
        ({"deadline": str(timezone.localdate() + datetime.timedelta(days=30))}, True),
        ({"one_off_budget": "lots"}, True),  # an error
    ],
)
def test_more_details_open_when_they_hold_an_answer_or_an_error(client, member, more, opened):
    page = client.post(reverse("need_create"), short_form(**{**SMS_NEED, "title": ""}, **more))
    assert "Say in one line what you need." in page.text  # shown again, nothing saved
    assert (f"{FOLD} open>" in page.text) is opened


def test_editing_a_need_shows_what_was_set(client, member):
    need = NeedFactory(organisation=organisation_for(member))
    page = client.get(reverse("need_edit", args=[need.pk])).text
    assert f"{FOLD} open>" in page  # its category, at least


@pytest.mark.parametrize(
    ("verified", "status", "note"),
    [
        (False, Moderation.PENDING, "A curator checks new needs, usually within a day"),
        (True, Moderation.PUBLISHED, "It is live."),
    ],
)
def test_the_owner_sends_a_draft_from_its_page(client, verified, status, note):
    organisation = OrganisationFactory(is_verified=verified)
    client.force_login(member_of(organisation))
    need = NeedFactory(organisation=organisation, status=Moderation.DRAFT, published_at=None)
    before = client.get(need.get_absolute_url()).text
    assert "Only your organisation sees this draft." in before
    button = "Publish need" if verified else "Send for review"
    assert f">{button}</button>" in before

    page = client.post(reverse("need_action", args=[need.pk, "publish"]), follow=True)

    need.refresh_from_db()
    assert need.status == status
    assert note in page.text
    assert f">{button}</button>" not in page.text


def test_nobody_else_sends_a_draft_for_review(client):
    need = NeedFactory(status=Moderation.DRAFT, published_at=None)
    url = reverse("need_action", args=[need.pk, "publish"])
    assert client.post(url).status_code == 302  # to sign in
    client.force_login(member_of(OrganisationFactory()))
    assert client.post(url).status_code == 404
    need.refresh_from_db()
    assert need.status == Moderation.DRAFT


def test_only_a_draft_is_sent_for_review(client, member):
    need = NeedFactory(organisation=organisation_for(member), status=Moderation.REJECTED)
    assert client.post(reverse("need_action", args=[need.pk, "publish"])).status_code == 403
    need.refresh_from_db()
    assert need.status == Moderation.REJECTED


def test_after_posting_the_owner_reads_what_happens_next(client, member):
    page = client.post(reverse("need_create"), short_form(**SMS_NEED), follow=True).text
    assert "Waiting for review." in page
    assert (
        "A curator checks new needs, usually within a day; until then only your organisation"
        in page
    )


def test_a_live_need_says_so_to_its_owner_only(client, member):
    need = NeedFactory(organisation=organisation_for(member), visibility="public")
    assert "It is live." in client.get(need.get_absolute_url()).text
    client.logout()
    assert "It is live." not in client.get(need.get_absolute_url()).text


def test_words_that_name_no_category_take_that_of_the_tools_that_fit_them(client, member):
    attendance = {
        "title": "Bachchon ki haazri",
        "description": "Roz subah bachchon ki haazri leni hai, har centre mein.",
    }
    assert spotted_category(**attendance) is None, "the words name no category themselves"
    OfferingFactory(
        name="Haazri Book",
        summary="Bachchon ki haazri roz subah, har centre mein, phone par.",
        description="Har centre mein roz subah bachchon ki haazri phone par leni ho to.",
        categories=[category("case-management")],
    )
    OfferingFactory(name="Budget Sheets", summary="Accounts for grants.")
    page = client.post(reverse("need_create"), short_form(**attendance), follow=True)
    assert page.status_code == 200
    assert Need.objects.get().category.slug == "case-management"
