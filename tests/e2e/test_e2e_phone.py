"""At a phone's width (375 px) the pages scroll only up and down, and every control is reachable.

"Reachable" means what a person with a phone (or a keyboard) needs: each link, button and form
field that is shown can take the focus, and once focused it lies inside the screen's width and
is not covered by anything else, so it can be seen and tapped.
"""

from tests.e2e.conftest import PHONE, describe_need_for_preview, wait_for_htmx

UNREACHABLE_CONTROLS = """
() => {
  const width = document.documentElement.clientWidth;
  const controls = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]'
  );
  const problems = [];
  for (const control of controls) {
    // Hidden on purpose (the honeypot field, a closed menu) or kept out of the tab order.
    if (control.tabIndex < 0 || control.disabled || control.closest('[aria-hidden="true"]')) {
      continue;
    }
    if (!control.checkVisibility({visibilityProperty: true})) continue;
    control.focus();  // the skip link, for one, only shows when focused
    control.scrollIntoView({block: 'center', inline: 'nearest'});
    const box = control.getBoundingClientRect();
    const name = `${control.tagName.toLowerCase()}#${control.id || ''} "${
      (control.innerText || control.value || control.name || '').trim().slice(0, 40)}"`;
    if (document.activeElement !== control) {
      problems.push(`${name} cannot take the focus`);
    } else if (box.width < 1 || box.height < 1) {
      problems.push(`${name} has no size`);
    } else if (box.left < -1 || box.right > width + 1) {
      problems.push(`${name} sticks out of the screen (${box.left}px to ${box.right}px)`);
    } else {
      // A link that wraps is several boxes, with gaps between them: aim at its first line.
      const line = control.getClientRects()[0];
      const hit = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
      const labels = [...(control.labels || [])];
      const own = hit && (control.contains(hit) || labels.some((label) => label.contains(hit)));
      const cover = hit ? hit.outerHTML.slice(0, 80) : 'nothing';
      if (!own) problems.push(`${name} is covered by ${cover}`);
    }
  }
  document.activeElement.blur();
  return problems;
}
"""


def test_pages_fit_a_phone_screen_and_every_control_is_reachable(page_for, audience, screenshot):
    page = page_for(audience, viewport=PHONE)
    found = {}
    for name, path in audience.pages.items():
        page.goto(path)
        wait_for_htmx(page)
        if name == "need-form":
            describe_need_for_preview(page)
        page_width = page.evaluate("document.documentElement.scrollWidth")
        problems = page.evaluate(UNREACHABLE_CONTROLS)
        if page_width > PHONE["width"]:
            problems.insert(0, f"the page is {page_width}px wide")
        if problems:
            found[name] = problems
            screenshot(page, name)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page)
    assert not found, f"{audience.name}'s pages at {PHONE['width']}px: {found}"
