"""A tech provider signs up, lists an offering, filters the needs and sees the ones for it."""

import re

from tests.e2e.conftest import expect, join, verify_organisation
from tests.factories import NeedFactory, category

ORGANISATION = "RemindMe Health Tech"
EMAIL = "otieno@remindme.example"
SMS_NEED = "Send SMS reminders to pregnant women before their clinic visits"


def test_a_provider_signs_up_adds_an_offering_filters_needs_and_sees_needs_for_it(page, screenshot):
    NeedFactory(
        title=SMS_NEED,
        description="Our health volunteers remind mothers of antenatal clinic appointments "
        "by phone. We want automatic SMS reminders in Swahili a day before each visit.",
        category=category("messaging"),
        monthly_budget=40,
    )
    NeedFactory(
        title="Keep our accounts and payroll in one place",
        description="Our bookkeeper uses paper ledgers and a spreadsheet for salaries.",
        category=category("finance-accounting"),
    )

    join(
        page,
        kind_label="A tech provider offering products or services",
        organisation=ORGANISATION,
        email=EMAIL,
    )
    verify_organisation(ORGANISATION)  # as a curator would, so the offering publishes at once

    page.get_by_role("link", name="Add an offering").first.click()
    page.get_by_role("textbox", name="Name").fill("RemindMe SMS")
    page.get_by_label("Summary").fill("Automatic SMS reminders for clinic appointments.")
    page.get_by_label("Description").fill(
        "Send SMS reminders to patients and pregnant women a day before clinic visits, "
        "in Swahili, English or French. Works on any phone, no smartphone needed."
    )
    page.get_by_label("Messaging, SMS & chatbots").check()
    page.get_by_label("How nonprofits pay").select_option(label="Nonprofit discount")
    page.get_by_label("List price a month (USD)").fill("20")
    page.get_by_label("Price a month for nonprofits (USD)").fill("10")
    page.get_by_label("Anywhere in the world").uncheck()
    page.get_by_role("searchbox", name="Find a country").fill("keny")
    expect(page.get_by_label("Uganda")).to_be_hidden()
    page.get_by_label("Kenya").check()
    screenshot(page, "form")
    page.get_by_role("button", name="Publish offering").click()
    expect(page.get_by_text("Saved and published.")).to_be_visible()
    expect(page).to_have_url(re.compile("/offerings/remindme-sms/$"))

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Browse needs").click()
    titles = page.locator("#results .card-title a")
    expect(titles).to_have_count(2)
    page.get_by_label("Category").select_option(label="Messaging, SMS & chatbots")
    expect(titles).to_have_text([SMS_NEED])
    expect(page).to_have_url(re.compile(r"/needs/\?(.*&)?category=messaging"))

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    needs_for_you = page.locator("section.matches")
    expect(needs_for_you.get_by_role("heading", level=2)).to_have_text("Needs for you")
    expect(needs_for_you.get_by_role("link", name=SMS_NEED)).to_be_visible()
    expect(needs_for_you.locator(".card-meta")).to_contain_text("matches your RemindMe SMS")
    screenshot(page)
