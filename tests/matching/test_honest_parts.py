"""The bars and the words tell one story: a part the need did not ask about (no system
named, no budget given) shows no percentage and does not count in the score."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

ASKED = {"title": "Household surveys offline", "description": "Survey forms on phones"}


@pytest.fixture
def survey_offering():
    return factories.OfferingFactory(**factories.SURVEY_TOOL)


def preview(client, organisation, **fields):
    client.force_login(factories.member_of(organisation))
    page = client.post(reverse("need_preview"), {**ASKED, **fields}, headers={"HX-Request": "true"})
    assert "FieldForms" in page.text
    return page.text


def bar(page: str, label: str) -> str:
    """What the bar of that label shows: its percentage, or "Not asked"."""
    return page.split(f'<span class="bar-label">{label}</span>', 1)[1].split("</li>", 1)[0]


def test_no_system_named_and_no_budget_show_not_asked(client, survey_offering):
    page = preview(client, factories.OrganisationFactory())
    assert page.count("<meter") == 1, "only need fit is scored"
    assert "Not asked" in bar(page, "Works with your systems")
    assert "Not asked" in bar(page, "Fits the budget")
    assert "You gave no budget, so cost does not count in the score" in page


def test_working_with_none_of_the_systems_in_use_shows_an_empty_bar(client, survey_offering):
    organisation = factories.OrganisationFactory()
    organisation.systems_in_use.add(factories.system("tally"))
    page = preview(client, organisation)
    assert "Lists none of the systems you already use" in page
    assert ">0%</span>" in bar(page, "Works with your systems")


def test_a_budget_given_is_scored_and_shown(client, survey_offering):
    page = preview(client, factories.OrganisationFactory(), monthly_budget="20", currency="USD")
    assert "Not asked" not in bar(page, "Fits the budget")
    assert "<meter" in bar(page, "Fits the budget")
    assert "You gave no budget" not in page


def test_the_api_leaves_parts_not_asked_out(client, survey_offering):
    client.force_login(factories.member_of(factories.OrganisationFactory()))
    body = client.post("/api/match-preview/", ASKED, content_type="application/json").json()
    first = body["results"][0]
    assert first["interoperability"] is None and first["cost_fit"] is None
    assert first["score"] == pytest.approx(100 * first["need_fit"], abs=0.1)
