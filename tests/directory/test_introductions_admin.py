"""Curators follow introductions, interest and feedback in Django admin, counted per month."""

import pytest
from django.urls import reverse

from directory.engagement.models import Introduction
from tests.directory.introduction_data import days_ago
from tests.factories import FeedbackFactory, InterestFactory

pytestmark = pytest.mark.django_db

Status = Introduction.Status


def test_the_introductions_list_counts_each_month_by_status(admin_client, world):
    world.introduction(status=Status.ACCEPTED, closed_at=days_ago(1))
    world.introduction(status=Status.EXPIRED, closed_at=days_ago(1))
    world.introduction(created_at=days_ago(70))
    page = admin_client.get(reverse("admin:directory_introduction_changelist"))
    assert page.status_code == 200
    columns, rows = page.context["monthly"]["columns"], page.context["monthly"]["rows"]
    assert columns == ["Pending", "Accepted", "Declined", "Expired", "Withdrawn"]
    assert [total for _, total, _ in rows] == [2, 1]
    newest_split = dict(zip(columns, rows[0][2], strict=True))
    assert newest_split["Accepted"] == newest_split["Expired"] == 1
    assert 'id="monthly-counts"' in page.text


def test_the_monthly_counts_follow_the_lists_filters_and_search(admin_client, world):
    world.introduction(status=Status.ACCEPTED, closed_at=days_ago(1))
    world.introduction(status=Status.DECLINED, closed_at=days_ago(1))
    changelist = reverse("admin:directory_introduction_changelist")
    filtered = admin_client.get(changelist, {"status__exact": "accepted"})
    assert [total for _, total, _ in filtered.context["monthly"]["rows"]] == [1]
    searched = admin_client.get(changelist, {"q": "Ruaha Girls"})
    assert [total for _, total, _ in searched.context["monthly"]["rows"]] == [2]
    nothing = admin_client.get(changelist, {"q": "nobody at all"})
    assert nothing.context["monthly"]["rows"] == []


def test_the_interest_and_feedback_lists_load_with_their_counts(admin_client, world):
    InterestFactory(need=world.need, offering=world.offering)
    FeedbackFactory(introduction__need=world.need, introduction__offering=world.offering)
    for name in ("interest", "feedback"):
        page = admin_client.get(reverse(f"admin:directory_{name}_changelist"))
        assert page.status_code == 200
        assert [total for _, total, _ in page.context["monthly"]["rows"]] == [1]
    page = admin_client.get(reverse("admin:directory_feedback_changelist"), {"q": "FieldForms"})
    assert "FieldForms" in page.text
