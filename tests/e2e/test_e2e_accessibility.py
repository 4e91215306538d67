"""axe-core finds no serious or critical accessibility problem on the pages people use most.

The pages are the demo data's (``seed_demo``), as a visitor, a nonprofit member and a provider
member see them; the need form is checked with its live preview showing matches, and again
with the mistakes marked after an empty submission.
"""

from tests.e2e.conftest import describe_need_for_preview, wait_for_htmx

FAILING_IMPACTS = {"serious", "critical"}


def serious_violations(page, axe_script) -> list[str]:
    """axe-core's serious and critical violations on the page, one line per rule."""
    page.add_script_tag(path=axe_script)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in FAILING_IMPACTS
    ]


def test_pages_have_no_serious_or_critical_accessibility_violations(
    axe, page_for, audience, screenshot
):
    # axe-core is injected as an inline script, which the site's CSP (script-src 'self')
    # rightly blocks, so this context bypasses CSP.
    page = page_for(audience, bypass_csp=True)
    found = {}

    def check(name):
        violations = serious_violations(page, axe)
        if violations:
            found[name] = violations
            screenshot(page, name)

    for name, path in audience.pages.items():
        page.goto(path)
        wait_for_htmx(page)
        if name == "need-form":
            describe_need_for_preview(page)
            check("need-form-with-preview")
            page.get_by_label("What do you need, in one line?").fill("")
            page.get_by_role("button", name="Send for review").click()
            page.get_by_role("alert").wait_for()
            name = "need-form-with-mistakes"
        check(name)
    screenshot(page)
    assert not found, f"accessibility violations on {audience.name}'s pages: {found}"
