"""With JavaScript off, filtering (with the "Show results" button) and posting a need still work."""

import re

from django.urls import reverse

from tests.e2e.conftest import NONPROFIT_EMAIL, counted, expect, offering, sign_in


def test_without_javascript_the_show_results_button_filters_the_offerings(new_page, screenshot):
    offering(name="FieldForms", categories=["data-collection"])
    offering(name="GiftLedger", categories=["fundraising"])
    page = new_page(java_script_enabled=False)
    page.goto(reverse("offering_list"))
    expect(page.locator(".result-count")).to_have_text(counted("2 offerings"))

    page.get_by_label("Category").select_option(label="Fundraising, donations & grants")
    page.get_by_role("button", name="Show results").click()
    expect(page).to_have_url(re.compile(r"/offerings/\?(.*&)?category=fundraising"))
    expect(page.locator("#results .card-title a")).to_have_text(["GiftLedger"])
    expect(page.locator(".result-count")).to_have_text(counted("1 offering"))
    screenshot(page)


def test_without_javascript_a_nonprofit_posts_a_need(new_page, demo, screenshot):
    page = new_page(java_script_enabled=False)
    sign_in(page, NONPROFIT_EMAIL)
    page.goto(reverse("need_create"))
    expect(page.get_by_text("Start describing your need")).to_be_visible()  # the preview's hint

    page.get_by_label("What do you need, in one line?").fill(
        "Send our mentors a weekly reminder to update attendance"
    )
    page.get_by_label("What do you need to do?").fill(
        "Mentors forget to send attendance each week. We want a reminder by WhatsApp or SMS."
    )
    page.get_by_label("Monthly budget").fill("20")  # the category is guessed: messaging
    page.get_by_role("button", name="Send for review").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Send our mentors a weekly reminder to update attendance"
    )
    expect(page.get_by_text("A curator checks new needs, usually within a day")).to_be_visible()
    expect(page.get_by_text("We filed it under “Messaging, SMS & chatbots”")).to_be_visible()
    screenshot(page)
