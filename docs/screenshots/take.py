"""Screenshots of the main pages, on a laptop and on a phone, in English and in Hindi.

Serve the directory first (`make run`), then:

    .venv/bin/python docs/screenshots/take.py [http://127.0.0.1:8000]

It signs in as the demo nonprofit and the demo provider (README.md) with Playwright driving
Debian's Chromium, and writes docs/screenshots/<page>-<language>-<desktop|phone>.png.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

HERE = Path(__file__).parent
SITE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
PASSWORD = "demo-password-123"
NONPROFIT = "hauwa@arewa-motherhood.example"
PROVIDER = "david@fieldnote.example"
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
LANGUAGES = {"en": "en-gb", "hi": "hi"}


def sign_in(page, email: str) -> None:
    page.goto(f"{SITE}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/dashboard/")


def visitor_pages(page):
    yield "home", "/"
    yield "offerings", "/offerings/"
    page.goto(f"{SITE}/offerings/")
    yield "offering", page.locator("#results .card-title a").first.get_attribute("href")
    yield "needs", "/needs/"


def nonprofit_pages(page):
    sign_in(page, NONPROFIT)
    yield "dashboard-nonprofit", "/dashboard/"
    yield "need-form", "/needs/new/"
    page.goto(f"{SITE}/dashboard/")
    hrefs = page.locator("main a[href^='/needs/']").evaluate_all(
        "links => links.map(a => a.pathname)"
    )
    yield "need-owner", next(href for href in hrefs if href.strip("/").split("/")[-1].isdigit())


def provider_pages(page):
    sign_in(page, PROVIDER)
    yield "dashboard-provider", "/dashboard/"


def main() -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for language, code in LANGUAGES.items():
            for size, viewport in SIZES.items():
                for pages in (visitor_pages, nonprofit_pages, provider_pages):
                    context = browser.new_context(viewport=viewport)
                    context.add_cookies([{"name": "django_language", "value": code, "url": SITE}])
                    page = context.new_page()
                    for name, path in list(pages(page)):
                        page.goto(SITE + path)
                        target = HERE / f"{name}-{language}-{size}.png"
                        page.screenshot(path=target, full_page=True)
                        print(target.relative_to(HERE.parent.parent))
                    context.close()
        browser.close()


if __name__ == "__main__":
    main()
