"""The short need form as a nonprofit sees it: one screen on a laptop, and on a phone the
offerings that would match come before the button that posts it."""

from django.urls import reverse

from tests.e2e.conftest import (
    NONPROFIT_EMAIL,
    PHONE,
    describe_need_for_preview,
    expect,
    sign_in,
)

MAX_DESKTOP_HEIGHT = 1400


def test_on_a_laptop_the_need_form_fits_without_its_optional_details(new_page, demo, screenshot):
    page = new_page()  # 1280 px wide
    sign_in(page, NONPROFIT_EMAIL)
    page.goto(reverse("need_create"))

    expect(page.get_by_label("What do you need, in one line?")).to_be_visible()
    expect(page.get_by_label("Category")).to_be_hidden()  # folded under "More details"
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= MAX_DESKTOP_HEIGHT, f"the need form is {height} px tall"
    screenshot(page)

    page.get_by_text("More details").click()
    expect(page.get_by_label("Category")).to_be_visible()


def test_on_a_phone_the_preview_comes_before_the_button(new_page, demo, screenshot):
    page = new_page(viewport=PHONE)
    sign_in(page, NONPROFIT_EMAIL)
    page.goto(reverse("need_create"))

    describe_need_for_preview(page)

    preview = page.locator("section.preview").bounding_box()
    button = page.get_by_role("button", name="Send for review").bounding_box()
    assert preview["y"] + preview["height"] <= button["y"]
    screenshot(page)


def test_choosing_another_currency_renames_the_budget_labels_at_once(new_page, demo):
    page = new_page()
    sign_in(page, NONPROFIT_EMAIL)
    page.goto(reverse("need_create"))
    page.get_by_text("More details").click()
    currency = page.locator("select[data-currency-signs]")
    before = currency.input_value()
    after, sign = ("USD", "USD") if before == "INR" else ("INR", "₹")
    old_sign = "₹" if before == "INR" else before

    expect(page.locator("label[for=id_monthly_budget]")).to_contain_text(f"({old_sign})")
    currency.select_option(after)
    for field in ("id_monthly_budget", "id_one_off_budget"):
        label = page.locator(f"label[for={field}]")
        expect(label).to_contain_text(f"({sign})")
        expect(label).not_to_contain_text(f"({old_sign})")
