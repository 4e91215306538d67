"""A visitor searches and filters offerings: htmx swaps the results and the address follows."""

import re

from django.urls import reverse

from tests.e2e.conftest import PHONE, counted, expect, offering


def results_of(page):
    return page.locator("#results .card-title a")


def test_a_visitor_searches_and_filters_offerings_and_the_list_and_address_follow(page, screenshot):
    offering(
        name="FieldForms",
        summary="Collect survey answers on phones, even without a signal.",
        description="Build questionnaires, collect answers offline and sync them later.",
        categories=["data-collection"],
    )
    offering(
        name="GiftLedger",
        summary="Keep track of donors, gifts and thank-you letters.",
        description="A donor database with receipts and a monthly giving page.",
        categories=["fundraising"],
    )
    offering(
        name="ClassCompass",
        summary="Lessons and quizzes for learners on cheap phones.",
        description="Courses that work on a slow connection, with progress reports.",
        categories=["e-learning"],
    )
    page.goto(reverse("offering_list"))
    expect(page.locator(".result-count")).to_have_text(counted("3 offerings"))
    # Set on this document only: still there after filtering means no full page load happened.
    page.evaluate("window.sameDocument = true")

    page.get_by_role("searchbox", name="Search").fill("survey")
    expect(results_of(page)).to_have_text(["FieldForms"])
    expect(page.locator(".result-count")).to_have_text(counted("1 offering"))
    expect(page).to_have_url(re.compile(r"/offerings/\?(.*&)?q=survey"))

    page.get_by_role("searchbox", name="Search").fill("")
    expect(results_of(page)).to_have_count(3)
    page.get_by_label("Category").select_option(label="Fundraising, donations & grants")
    expect(results_of(page)).to_have_text(["GiftLedger"])
    expect(page).to_have_url(re.compile(r"/offerings/\?(.*&)?category=fundraising"))
    assert page.evaluate("window.sameDocument") is True

    page.reload()  # the address pushed shows the same list
    expect(results_of(page)).to_have_text(["GiftLedger"])
    expect(page.get_by_label("Category")).to_have_value("fundraising")
    screenshot(page)


def test_on_a_phone_the_filters_fold_away_until_asked_for_or_in_use(new_page, screenshot):
    offering(name="FieldForms")
    page = new_page(viewport=PHONE)
    page.goto(reverse("offering_list"))
    category = page.get_by_label("Category")
    expect(category).to_be_hidden()
    expect(results_of(page)).to_have_text(["FieldForms"])

    page.get_by_text("More filters").click()
    expect(category).to_be_visible()
    screenshot(page)

    page.goto(reverse("offering_list") + "?category=fundraising")
    expect(page.get_by_label("Category")).to_be_visible()
