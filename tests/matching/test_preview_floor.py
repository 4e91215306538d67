"""A preview shows the closest offerings even when none reaches the curators' threshold:
each marked weak, never stored, never e-mailed; an offering that shares next to nothing
with the need is not shown at all."""

import pytest
from django.urls import reverse

from directory.listings.models import Moderation
from matching.core import SHOWN_SCORE
from matching.models import Match, MatchingSettings
from tests.factories import (
    SURVEY_NEED,
    SURVEY_TOOL,
    NeedFactory,
    OfferingFactory,
    OrganisationFactory,
    category,
    member_of,
)

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/api/match-preview/"
# A need a survey tool answers only in part: it says what is collected, not how.
PARTLY = {
    "title": "Phone data about villages",
    "description": "Information about villages collected by volunteers.",
    "category": "monitoring-evaluation",
}
UNRELATED = {
    "title": "Bake bread for the village festival",
    "description": "We need ovens and flour for two hundred loaves.",
}


@pytest.fixture
def signed_in(client):
    client.force_login(member_of(OrganisationFactory()))
    return client


def preview(client, need: dict) -> list[dict]:
    return client.post(PREVIEW_URL, need, content_type="application/json").json()["results"]


def test_a_match_under_the_threshold_is_previewed_as_weak_and_never_stored(
    signed_in, django_capture_on_commit_callbacks
):
    OfferingFactory(**SURVEY_TOOL)
    [result] = preview(signed_in, PARTLY)
    threshold = MatchingSettings.current().threshold
    assert SHOWN_SCORE <= result["score"] < threshold
    assert result["band"] == "weak"
    with django_capture_on_commit_callbacks(execute=True):
        need = NeedFactory(**{**PARTLY, "category": category(PARTLY["category"])})
    assert not Match.objects.filter(need=need).exists()


def test_the_need_forms_preview_shows_it_marked_weak(signed_in):
    OfferingFactory(**SURVEY_TOOL)
    page = signed_in.post(reverse("need_preview"), PARTLY, headers={"HX-Request": "true"})
    assert "FieldForms" in page.text
    assert "Weak match" in page.text
    said = "Nothing matches well enough to be kept when you post your need yet. The closest:"
    assert said in page.text


def test_the_need_forms_preview_draws_a_line_above_what_posting_would_not_keep(signed_in):
    OfferingFactory(**SURVEY_TOOL)  # above the threshold for the survey need
    OfferingFactory(
        name="Photo Album",
        summary="Share family photos from your phone.",
        description="An album app to keep and share photos with family.",
    )
    need = {**SURVEY_NEED, "category": category().pk}
    page = signed_in.post(reverse("need_preview"), need, headers={"HX-Request": "true"}).text
    line = (
        "Below this line: offerings too far from your need to be kept as matches when you post it."
    )
    assert line in page
    kept, weaker = page.split(line)
    assert "FieldForms" in kept and "Photo Album" in weaker


def test_a_match_above_the_threshold_is_previewed_and_stored(
    signed_in, django_capture_on_commit_callbacks
):
    OfferingFactory(**SURVEY_TOOL)
    [result] = preview(signed_in, {**SURVEY_NEED, "category": category().slug})
    assert result["score"] >= MatchingSettings.current().threshold
    with django_capture_on_commit_callbacks(execute=True):
        need = NeedFactory(**SURVEY_NEED)
    assert Match.objects.filter(need=need, offering__name="FieldForms").exists()


def test_an_offering_that_shares_nothing_with_the_need_is_not_shown(signed_in):
    OfferingFactory(**SURVEY_TOOL)
    assert preview(signed_in, UNRELATED) == []


def test_a_need_before_review_shows_only_what_publishing_will_keep(
    client, django_capture_on_commit_callbacks
):
    OfferingFactory(**SURVEY_TOOL)
    fields = {**PARTLY, "category": category(PARTLY["category"])}
    with django_capture_on_commit_callbacks(execute=True):
        need = NeedFactory(**fields, status=Moderation.PENDING)
    client.force_login(member_of(need.organisation))
    before = client.get(need.get_absolute_url()).text
    assert "FieldForms" not in before, "a weak match under the threshold is not promised"
    need.status = Moderation.PUBLISHED
    with django_capture_on_commit_callbacks(execute=True):
        need.save()
    assert not Match.objects.filter(need=need).exists()
    assert "FieldForms" not in client.get(need.get_absolute_url()).text
