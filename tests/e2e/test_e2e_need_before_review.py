"""A nonprofit we have not verified yet posts a need: its page shows the offerings that match
at once, marked as visible to providers only after review, on a desktop and on a phone."""

from django.db import transaction

from directory.listings.models import Moderation, Need
from tests.e2e.conftest import PHONE, expect, offering, sign_in
from tests.factories import OrganisationFactory, category, member_of, system

EMAIL = "asha@pune-home-visits.example"
PASSWORD = "correct-horse-battery"  # the factories' password
TITLE = "Collect household surveys on phones, even offline"


def pending_need() -> Need:
    """The need as the form leaves it for an organisation we have not verified: waiting for
    review, saved with its systems in one transaction, so its re-match runs on commit."""
    organisation = OrganisationFactory(name="Pune Home Visits Trust")
    member_of(organisation, email=EMAIL)
    with transaction.atomic():
        need = Need.objects.create(
            organisation=organisation,
            title=TITLE,
            description="Our volunteers visit homes and fill in paper surveys. We want survey "
            "forms on their phones that work offline and send the answers to Google Sheets.",
            category=category("data-collection"),
            monthly_budget=20,
            status=Moderation.PENDING,
        )
        need.systems.set([system("google-sheets")])
    return need


def survey_tools() -> None:
    for name, fields in (
        (
            "FieldForms",
            {
                "summary": "Collect household survey answers on phones, even offline.",
                "pricing_model": "nonprofit_discount",
                "nonprofit_price_monthly": 10,
            },
        ),
        ("OpenSurvey", {"summary": "Free survey forms for phones that work without a signal."}),
    ):
        tool = offering(
            name=name,
            description="Volunteers fill in survey forms on their phones without a signal; "
            "answers sync when back online and land in Google Sheets.",
            systems=["google-sheets"],
            **fields,
        )
        member_of(tool.organisation)


def test_a_pending_needs_owner_sees_its_matches_at_once_marked_after_review(new_page, screenshot):
    survey_tools()
    need = pending_need()

    for viewport, suffix in ((None, "desktop"), (PHONE, "phone")):
        page = new_page(**({"viewport": viewport} if viewport else {}))
        sign_in(page, EMAIL, PASSWORD)
        page.get_by_role("link", name=TITLE).first.click()

        matches = page.locator("section.matches")
        expect(matches.get_by_role("heading", level=2)).to_have_text(
            "Offerings that match this need"
        )
        expect(matches.get_by_text("Visible to providers after review.")).to_be_visible()
        card = matches.locator("article.match-card").filter(has_text="FieldForms")
        expect(card.get_by_role("link", name="FieldForms", exact=True)).to_be_visible()
        expect(card.locator(".band")).to_have_text("Strong match")
        expect(card.locator(".price")).to_contain_text("a month for nonprofits")
        expect(card.locator(".reasons.fits")).to_contain_text("Integrates with Google Sheets")
        expect(card.get_by_label("Compare FieldForms")).to_be_visible()
        expect(card).to_contain_text("You can ask for introductions once it is published")
        expect(page.get_by_role("link", name="Ask for an introduction")).to_have_count(0)
        # The matches come before the need's own description.
        description = page.get_by_text("Our volunteers visit homes", exact=False)
        assert matches.bounding_box()["y"] < description.bounding_box()["y"]
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], "nothing wider than the screen"
        screenshot(page, suffix)
    assert not need.matches.exists(), "live matches are never stored"
