"""A nonprofit ticks three of its need's matches and compares them side by side."""

from django.urls import reverse

from tests.e2e.conftest import expect, sign_in, wait_for_htmx

NONPROFIT_EMAIL = "hauwa@arewa-motherhood.example"
NEED = "Patient records for our two maternity clinics"


def test_a_nonprofit_compares_three_matching_offerings(demo, page, screenshot):
    sign_in(page, NONPROFIT_EMAIL)
    page.get_by_role("link", name=NEED).click()
    page.locator("details.weaker-matches summary").click()  # the third is a weak match
    cards = page.locator("article.match-card")
    names = [cards.nth(n).locator(".card-title").inner_text() for n in range(3)]
    for name in names:
        page.get_by_label(f"Compare {name}").check()
    page.get_by_role("button", name="Compare the ticked offerings").click()

    expect(page.get_by_role("heading", name="Compare 3 offerings")).to_be_visible()
    expect(page.get_by_text(f"For your need “{NEED}”", exact=False)).to_be_visible()
    table = page.get_by_role("table")
    expect(table.get_by_role("columnheader")).to_have_count(3)
    for name in names:
        expect(table.get_by_role("link", name=name, exact=True)).to_be_visible()
    for row in ("Cost for your budget", "Works with", "Ratings", "Answers requests"):
        expect(table.get_by_role("rowheader", name=row)).to_be_visible()
    screenshot(page)


def test_a_visitor_ticks_two_offerings_in_the_list_and_compares_them(demo, page, screenshot):
    page.goto(reverse("offering_list"))
    names = page.locator("#results .card-title a").all_inner_texts()[:2]
    for name in names:
        page.get_by_label(f"Compare {name}").check()
    page.get_by_role("button", name="Compare the ticked offerings").click()

    expect(page.get_by_role("heading", name="Compare 2 offerings")).to_be_visible()
    table = page.get_by_role("table")
    for name in names:
        expect(table.get_by_role("link", name=name, exact=True)).to_be_visible()
    screenshot(page)


def test_comparing_a_single_offering_explains_what_to_do(demo, page):
    page.goto(reverse("offering_list"))
    first = page.locator("#results .card-title a").first.inner_text()
    page.get_by_label(f"Compare {first}").check()
    page.get_by_role("button", name="Compare the ticked offerings").click()

    expect(page.get_by_role("alert")).to_contain_text("Pick at least one more offering")


def test_a_tick_survives_the_list_reloading_as_the_search_box_loses_focus(demo, page):
    page.goto(reverse("offering_list"))
    page.get_by_role("searchbox", name="Search").fill("data")
    wait_for_htmx(page)
    first = page.locator("#results .card-title a").first.inner_text()
    tick = page.get_by_label(f"Compare {first}")

    tick.check()  # leaving the search box fires "change": htmx reloads the results
    wait_for_htmx(page)

    expect(tick).to_be_checked()
    expect(page.get_by_role("button", name="Compare the ticked offerings")).to_be_visible()
