"""The footer's pages: every page links to about, privacy, terms and contact, and each opens."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FOOTER_PAGES = {
    "about": "About Impact Socials",
    "privacy": "Privacy: what we keep about you",
    "terms": "Terms of use",
    "contact": "Contact us",
}


def footer_of(page) -> str:
    html = page.content.decode()
    return html[html.index('<footer class="site-footer">') :]


def test_the_home_page_footer_links_to_the_four_pages(client):
    footer = footer_of(client.get(reverse("home")))
    for path in ("/about/", "/privacy/", "/terms/", "/contact/"):
        assert f'href="{path}"' in footer


@pytest.mark.parametrize(("name", "heading"), FOOTER_PAGES.items())
def test_each_footer_page_opens_with_its_heading(client, name, heading):
    page = client.get(reverse(name))
    assert page.status_code == 200
    assert f"<h1>{heading}</h1>" in page.text
    assert f'href="{reverse(name)}"' in footer_of(page)


def test_privacy_page_says_addresses_stay_private_and_links_to_export_and_delete(client):
    page = client.get(reverse("privacy"))
    assert "E-mail addresses are never shown publicly" in page.text
    assert f'href="{reverse("account_export")}"' in page.text
    assert f'href="{reverse("account_delete")}"' in page.text


def test_contact_page_shows_the_address_from_the_setting(client, settings):
    settings.CONTACT_EMAIL = "team@ngo-help.example"
    page = client.get(reverse("contact"))
    assert 'href="mailto:team@ngo-help.example"' in page.text
