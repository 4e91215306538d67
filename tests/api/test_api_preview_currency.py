"""The match preview reads a budget in the currency it is written in: the one named, else the
signed-in organisation's (rupees in India), else the site's."""

import pytest

from tests.api.conftest import signed_in
from tests.factories import OfferingFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db

PREVIEW_URL = "/api/match-preview/"
NEED = {
    "title": "Collect household surveys offline",
    "description": "Volunteers fill in survey forms on phones in villages with no signal.",
    "monthly_budget": "5000",
}


@pytest.fixture(autouse=True)
def paid_survey_tool():
    return OfferingFactory(
        name="FieldForms",
        pricing_model="nonprofit_discount",
        currency="USD",
        list_price_monthly=120,
        nonprofit_price_monthly=40,
        setup_cost=0,
    )


def cost_reason(client, **fields) -> str:
    answer = client.post(PREVIEW_URL, {**NEED, **fields}, format="json")
    assert answer.status_code == 200, answer.content
    [result] = answer.json()["results"]
    [reason] = [r for r in result["reasons"] if "budget" in r]
    return reason


def test_a_budget_in_rupees_is_read_in_rupees(visitor):
    reason = cost_reason(visitor, currency="INR")
    assert "₹60,000" in reason and "USD 60,000" not in reason


def test_without_a_currency_an_indian_organisation_writes_rupees_and_a_visitor_the_sites(
    visitor,
):
    indian = signed_in(member_of(OrganisationFactory(country="IN")))
    assert "₹60,000" in cost_reason(indian)
    assert "USD 60,000" in cost_reason(visitor)


def test_an_unknown_currency_is_refused_with_a_clear_error(visitor):
    answer = visitor.post(PREVIEW_URL, {**NEED, "currency": "XYZ"}, format="json")
    assert answer.status_code == 400
    assert "currency" in answer.json()
