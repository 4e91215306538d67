"""A nonprofit signs up, confirms its address, posts a need and sees the offerings that match."""

from tests.e2e.conftest import (
    expect,
    join,
    let_the_preview_settle,
    offering,
    verify_organisation,
)

ORGANISATION = "Kilifi Home Visits Trust"
EMAIL = "zawadi@kilifi-visits.example"


def test_a_nonprofit_signs_up_posts_a_need_fixing_a_mistake_and_sees_its_matches(page, screenshot):
    offering(
        name="FieldForms",
        summary="Collect household survey answers on phones, even offline.",
        description="Volunteers fill in survey forms on their phones without a signal; "
        "answers sync when they are back online and land in Google Sheets.",
        systems=["google-sheets"],
    )

    join(
        page,
        kind_label="A nonprofit looking for technology",
        organisation=ORGANISATION,
        email=EMAIL,
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISATION)
    verify_organisation(ORGANISATION)  # as a curator would, so the need publishes at once

    page.get_by_role("link", name="Post a need").first.click()
    page.get_by_label("What do you need, in one line?").fill(
        "Collect household surveys on phones, even offline"
    )
    page.get_by_label("What do you need to do?").fill(
        "Our volunteers visit homes and fill in paper surveys. We want survey forms on their "
        "phones that work offline and send the answers to Google Sheets when back online."
    )
    # The live preview, as they type.
    expect(page.locator("#preview").get_by_role("link", name="FieldForms")).to_be_visible()
    page.get_by_text("More details").click()
    page.get_by_label("Category").select_option(label="Data collection & surveys")
    page.get_by_label("Google Sheets").check()
    page.get_by_label("Free tools only").check()
    page.get_by_label("Monthly budget").fill("50")  # a mistake: free only, yet a budget
    let_the_preview_settle(page)
    page.get_by_role("button", name="Publish need").click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Please check the form")
    expect(summary.get_by_role("link", name="Monthly budget (USD)")).to_be_visible()
    message = "Leave this empty when you want free tools only."
    expect(page.locator(".field-error").get_by_text(message, exact=True)).to_be_visible()
    page.get_by_label("Monthly budget").fill("")
    let_the_preview_settle(page)
    page.get_by_role("button", name="Publish need").click()

    expect(page.get_by_text("Saved and published.")).to_be_visible()
    matches = page.locator("section.matches")
    expect(matches.get_by_role("heading", level=2)).to_have_text("Offerings that match this need")
    expect(matches.get_by_role("link", name="FieldForms", exact=True)).to_be_visible()
    expect(matches.locator(".reasons")).to_contain_text("Integrates with Google Sheets")
    screenshot(page)
