"""On a phone the provider's waiting requests read as cards: the answer button is on screen
without scrolling the table sideways."""

from django.urls import reverse

from tests.e2e.conftest import PHONE, PROVIDER_EMAIL, Audience

ANSWER_BUTTONS = """
() => [...document.querySelectorAll('.introductions a.button')].map((button) => {
  const box = button.getBoundingClientRect();
  const table = button.closest('table');
  return {left: box.left, right: box.right, sideways: table.scrollWidth - table.clientWidth};
})
"""


def test_the_answer_button_shows_on_a_phone_without_sideways_scrolling(demo, page_for):
    page = page_for(Audience("provider", PROVIDER_EMAIL), viewport=PHONE)
    page.goto(reverse("dashboard"))
    buttons = page.evaluate(ANSWER_BUTTONS)
    assert buttons, "the demo provider has a request waiting"
    for button in buttons:
        assert button["sideways"] <= 0, button
        assert button["left"] >= 0 and button["right"] <= PHONE["width"], button
    # Each cell says which column it stands for, the headings being out of sight.
    label = page.evaluate(
        "getComputedStyle(document.querySelector('.days-left'), '::before').content"
    )
    assert "Time left" in label
