"""A nonprofit ticks three of its need's matches and compares them side by side."""

from django.urls import reverse

from tests.e2e.conftest import PHONE, expect, sign_in, wait_for_htmx

NONPROFIT_EMAIL = "hauwa@arewa-motherhood.example"
NEED = "Patient records for our two maternity clinics"


def test_a_nonprofit_compares_three_matching_offerings(demo, page, screenshot):
    sign_in(page, NONPROFIT_EMAIL)
    page.get_by_role("link", name=NEED).click()
    cards = page.locator("article.match-card")
    # The demo need's three best (an EHR 94, a CHW app 61, a set-up service 45) are all
    # possible matches or better: none is folded away with the weak ones.
    expect(page.get_by_text("weak match", exact=False)).to_have_count(0)
    expect(cards.nth(2)).to_be_visible()
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


def test_a_visitor_compares_an_offering_from_its_own_page_on_a_phone(demo, new_page, screenshot):
    page = new_page(viewport=PHONE)
    page.goto(reverse("offering_list"))
    name = page.locator("#results .card-title a").first.inner_text()
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_role("link", name="Compare with similar tools").click()
    page.get_by_role("button", name=f"Compare {name} side by side").click()

    table = page.get_by_role("table")
    expect(table.get_by_role("link", name=name, exact=True)).to_be_visible()
    # The row labels stay on screen while the columns scroll sideways.
    scrolled = page.get_by_role("region", name="Comparison table").evaluate(
        "el => { el.scrollLeft = 600; return el.scrollLeft; }"
    )
    assert scrolled > 0, "four columns are wider than a phone"
    label = table.get_by_role("rowheader", name="Works with")
    box = label.bounding_box()
    assert box is not None and 0 <= box["x"] < PHONE["width"] / 2
    expect(label).to_be_visible()
    screenshot(page)
