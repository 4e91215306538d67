"""Structured feedback after an accepted introduction: asked once at 30 days, given once,
shown on the offering's page unless a curator hides it."""

import pytest
from django.core import mail
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from directory.engagement.models import Feedback, Introduction, ratings_of
from directory.engagement.tasks import ask_for_feedback
from tests.directory.introduction_data import REQUESTER_EMAIL, days_ago
from tests.factories import FeedbackFactory, OfferingFactory, member_of

pytestmark = pytest.mark.django_db

Status = Introduction.Status

REVIEW = {
    "pilot_happened": "True",
    "fit": "5",
    "integration": "3",
    "support": "4",
    "comment": "Ten volunteers used it for a month; syncing needed one call with them.",
}


def accepted(world, days: float = 31) -> Introduction:
    return world.introduction(
        status=Status.ACCEPTED, answered_by=world.acceptor, closed_at=days_ago(days)
    )


def review(client, world, introduction, data=REVIEW):
    client.force_login(world.requester)
    return client.post(reverse("introduction_feedback", args=[introduction.pk]), data)


def test_the_nonprofit_reviews_an_accepted_introduction(client, world):
    introduction = accepted(world)
    page = review(client, world, introduction)
    assert page.status_code == 302 and page.url == world.offering.get_absolute_url()
    feedback = Feedback.objects.get()
    assert (feedback.introduction, feedback.author) == (introduction, world.requester)
    assert (feedback.pilot_happened, feedback.fit, feedback.integration, feedback.support) == (
        True,
        5,
        3,
        4,
    )


@pytest.mark.parametrize("status", [Status.PENDING, Status.DECLINED, Status.EXPIRED])
def test_feedback_needs_an_accepted_introduction(client, world, status):
    introduction = world.introduction(status=status)
    assert review(client, world, introduction).status_code == 403
    url = reverse("introduction_feedback", args=[introduction.pk])
    assert client.get(url).status_code == 403
    assert not Feedback.objects.exists()


def test_feedback_is_given_once(client, world):
    introduction = accepted(world)
    review(client, world, introduction)
    second = review(client, world, introduction, {**REVIEW, "fit": "1"})
    assert second.status_code == 302 and second.url == introduction.get_absolute_url()
    assert Feedback.objects.get().fit == 5


def test_the_feedback_link_after_reviewing_thanks_on_the_introduction_page(client, world):
    introduction = accepted(world)
    review(client, world, introduction)
    page = client.get(reverse("introduction_feedback", args=[introduction.pk]), follow=True)
    assert page.redirect_chain == [(introduction.get_absolute_url(), 302)]
    assert "You have already told us how it went — thank you." in page.text


def test_the_database_keeps_one_review_per_introduction(world):
    introduction = accepted(world)
    FeedbackFactory(introduction=introduction)
    with pytest.raises(IntegrityError):
        FeedbackFactory(introduction=introduction)


def test_only_the_nonprofits_members_review(client, world):
    introduction = accepted(world)
    url = reverse("introduction_feedback", args=[introduction.pk])
    for member in (world.acceptor, member_of(OfferingFactory().organisation)):
        client.force_login(member)
        assert client.post(url, REVIEW).status_code == 404
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("fit", "6"), ("support", "0"), ("pilot_happened", ""), ("comment", "x" * 2001)],
)
def test_bad_answers_are_refused_beside_the_field(client, world, field, value):
    page = review(client, world, accepted(world), {**REVIEW, field: value})
    assert page.status_code == 200 and "Please check the form" in page.text
    assert not Feedback.objects.exists()


# Asking, 30 days after acceptance


def test_the_daily_task_asks_once_30_days_after_acceptance(
    world, django_capture_on_commit_callbacks
):
    due = accepted(world, days=31)
    accepted(world, days=29)
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_for_feedback.delay().get() == 1
        assert ask_for_feedback.delay().get() == 0
    [message] = mail.outbox
    assert message.to == [REQUESTER_EMAIL]
    assert message.subject == "How did it go with FieldForms?"
    assert reverse("introduction_feedback", args=[due.pk]) in message.body


def test_nobody_is_asked_about_a_reviewed_or_recent_introduction(
    world, django_capture_on_commit_callbacks
):
    FeedbackFactory(introduction=accepted(world, days=40))
    with django_capture_on_commit_callbacks(execute=True):
        assert ask_for_feedback.delay().get() == 0
    assert not mail.outbox


def test_the_dashboard_asks_until_reviewed(client, world):
    introduction = accepted(world)
    client.force_login(world.requester)
    prompt = reverse("introduction_feedback", args=[introduction.pk])
    assert prompt in client.get(reverse("dashboard")).text
    review(client, world, introduction)
    assert prompt not in client.get(reverse("dashboard")).text


# Shown on the offering page


def test_the_offering_page_shows_averages_count_and_comments(client, world):
    FeedbackFactory(introduction=accepted(world), fit=5, integration=3, support=4, comment="Good")
    FeedbackFactory(
        introduction=accepted(world), fit=4, integration=2, support=4, pilot_happened=False
    )
    page = client.get(world.offering.get_absolute_url()).text
    assert "2 reviews, 1 after a pilot" in page
    assert "4.5/5" in page and "2.5/5" in page and "4.0/5" in page
    assert "Good" in page and "Ruaha Girls Network" in page


def test_a_hidden_review_leaves_the_page_and_the_averages(client, world):
    FeedbackFactory(introduction=accepted(world), fit=5, comment="Shown")
    FeedbackFactory(introduction=accepted(world), fit=1, comment="Rude words", is_hidden=True)
    ratings = ratings_of(world.offering)
    assert (ratings.count, ratings.fit) == (1, 5)
    page = client.get(world.offering.get_absolute_url()).text
    assert "Shown" in page and "Rude words" not in page


def test_the_bulk_ratings_read_several_offerings_in_one_query(world, django_assert_num_queries):
    FeedbackFactory(introduction=accepted(world), fit=3, integration=4, support=5)
    unrated = OfferingFactory()
    with django_assert_num_queries(1):
        ratings = Feedback.objects.ratings_for([world.offering.pk, unrated.pk])
    assert (ratings[world.offering.pk].count, ratings[world.offering.pk].support) == (1, 5)
    assert ratings[unrated.pk].count == 0 and str(ratings[unrated.pk]) == "No reviews yet"


def test_the_offering_page_runs_a_fixed_number_of_queries(
    client, world, django_assert_max_num_queries
):
    def add_reviews(count: int) -> None:
        for _ in range(count):
            FeedbackFactory(introduction__offering=world.offering)

    add_reviews(1)
    with CaptureQueriesContext(connection) as few:
        client.get(world.offering.get_absolute_url())
    add_reviews(10)
    with django_assert_max_num_queries(len(few)):
        assert "11 reviews" in client.get(world.offering.get_absolute_url()).text


# Curators


def test_a_curator_hides_and_shows_a_review(admin_client, world):
    feedback = FeedbackFactory(introduction=accepted(world))
    changelist = reverse("admin:directory_feedback_changelist")
    admin_client.post(changelist, {"action": "hide", "_selected_action": [feedback.pk]})
    feedback.refresh_from_db()
    assert feedback.is_hidden and ratings_of(world.offering).count == 0
    admin_client.post(changelist, {"action": "show", "_selected_action": [feedback.pk]})
    feedback.refresh_from_db()
    assert not feedback.is_hidden
