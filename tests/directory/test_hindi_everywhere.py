"""With Hindi chosen, every page a nonprofit or a provider sees speaks Hindi.

The listings, organisations and people here are written in Devanagari, so any word in Latin
letters left on a page is the site's own English: the walk lists each one, page by page.
Only names that stay as they are in any language are let through (product and system names,
currency codes, the brand, the switch back to English).
"""

import re
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from directory.engagement.models import Introduction
from directory.events.models import Registration
from directory.events.scheduling import propose_meetings
from directory.listings.models import Offering, Standard, System
from matching.services import rematch_needs
from tests import factories
from tests.directory.event_data import make_event

pytestmark = pytest.mark.django_db

# Words that read the same in a Hindi page: the brand, currency codes, formats and protocols
# people know by these names, and the switch that offers English.
KEPT = {
    "Impact",
    "Socials",
    "English",
    "USD",
    "INR",
    "API",
    "CSV",
    "SMS",
    "PDF",
    "URL",
    "HTML",
    "OpenAPI",
    "JSON",
    "REST",
    "ID",
    "SPDX",
    "WhatsApp",
    "Google",
    "Sheets",
    "Excel",
    "UTC",  # an event's time zone, as its offset (UTC+05:30)
    # Abbreviations said as they are in Hindi too (category names and descriptions).
    "IT",
    "HR",
    "IP",
    "IVR",
    "USSD",
    "LMS",
    "MEAL",
    # Licences' short names are proper names (the offering form's licence choices).
    "MIT",
    "GPL",
    "AGPL",
    "LGPL",
    "BSD",
    "EUPL",
    "ISC",
    "Mozilla",
    "Creative",
    "Commons",
    "BY",
    "BY-SA",
}
SKIPPED_TAGS = {"script", "style", "template"}
SHOWN_ATTRIBUTES = {"aria-label", "placeholder", "title", "alt", "value"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
ADDRESS = re.compile(r"(https?://\S+|[\w.+-]+@[\w-]+(\.[\w-]+)+|/[\w/.-]+)")


class ShownText(HTMLParser):
    """The text a person sees or hears (screen readers read these attributes too)."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        attrs = dict(attrs)
        hidden = attrs.get("type") == "hidden" or tag in ("option", "meta", "link")
        for name in SHOWN_ATTRIBUTES - ({"value"} if hidden or tag != "input" else set()):
            if attrs.get(name) and not (name == "value" and attrs.get("type") != "submit"):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in SKIPPED_TAGS:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def english_left(html: str, allowed: set[str]) -> list[str]:
    parser = ShownText()
    parser.feed(html)
    words = []
    for part in parser.parts:
        for word in LATIN_WORD.findall(ADDRESS.sub(" ", part)):
            if word not in allowed and word.strip("'’-") not in allowed:
                words.append(word)
    return words


@pytest.fixture
def world():
    """A nonprofit and a provider written in Hindi, a need, an offering that matches it, and
    an introduction asked between them."""
    nonprofit = factories.OrganisationFactory(
        name="आशा महिला मंच", description="गाँव की महिलाओं के लिए"
    )
    provider = factories.ProviderFactory(name="सरल तकनीक", description="छोटी संस्थाओं के लिए टूल")
    records = factories.category("health-information")

    def tool(name: str, summary: str, description: str, **fields) -> Offering:
        """One of the provider's offerings for health records, written in Hindi."""
        return factories.OfferingFactory(
            organisation=provider,
            categories=[records],
            name=name,
            summary=summary,
            description=description,
            **fields,
        )

    offering = tool(
        "स्वास्थ्य रजिस्टर",
        "मरीज़ों का रिकॉर्ड फ़ोन पर",
        "आशा कार्यकर्ता मरीज़ों का रिकॉर्ड फ़ोन पर रखें।",
        pricing_model=Offering.Pricing.DISCOUNT,
        list_price_monthly=Decimal("40"),
        nonprofit_price_monthly=Decimal("20"),
        setup_cost=Decimal("100"),
    )
    other = tool("आसान फ़ॉर्म", "सर्वे फ़ोन पर", "बिना इंटरनेट के सर्वे भरें।")
    need = factories.NeedFactory(
        organisation=nonprofit,
        title="मरीज़ों का रिकॉर्ड रखना",
        description="हम मरीज़ों का रिकॉर्ड काग़ज़ पर रखते हैं, फ़ोन पर रखना चाहते हैं।",
        category=records,
        monthly_budget=Decimal("50"),
    )
    rematch_needs([need.pk])
    nonprofit_member = factories.member_of(nonprofit, first_name="आशा", language="hi")
    provider_member = factories.member_of(provider, first_name="रवि", language="hi")
    factories.IntroductionFactory(need=need, offering=offering, status=Introduction.Status.PENDING)
    event = make_event(name="इम्पैक्ट सोशल्स, बेंगलुरु", place="बेंगलुरु")
    for organisation in (nonprofit, provider):
        Registration.objects.create(event=event, organisation=organisation)
    propose_meetings(event.pk)
    return {
        "event": event,
        "need": need,
        "offering": offering,
        "other": other,
        "nonprofit": nonprofit_member,
        "provider": provider_member,
    }


def kept_names() -> set[str]:
    """Names that stay as written: systems and standards are products and formats."""
    names = set(KEPT)
    for model in (System, Standard):
        for name in model.objects.values_list("name", flat=True):
            names.update(LATIN_WORD.findall(name))
    return names


def pages_for(world) -> list[tuple[str, str | None, str]]:
    """(page, who reads it, address)."""
    need, offering = world["need"], world["offering"]
    return [
        ("home", None, reverse("home")),
        ("offerings", None, reverse("offering_list")),
        ("offering", None, offering.get_absolute_url()),
        ("needs", None, reverse("need_list")),
        ("need", None, need.get_absolute_url()),
        ("compare", None, reverse("compare") + f"?ids={offering.pk},{world['other'].pk}"),
        ("sign in", None, reverse("account_login")),
        ("sign up", None, reverse("account_signup")),
        ("password reset", None, reverse("account_reset_password")),
        ("about", None, reverse("about")),
        ("privacy", None, reverse("privacy")),
        ("terms", None, reverse("terms")),
        ("contact", None, reverse("contact")),
        ("not found", None, "/no-such-page/"),
        ("dashboard", "nonprofit", reverse("dashboard")),
        ("own need", "nonprofit", need.get_absolute_url()),
        ("need form", "nonprofit", reverse("need_create")),
        ("profile", "nonprofit", reverse("organisation_edit")),
        ("account", "nonprofit", reverse("account_settings")),
        ("ask", "nonprofit", reverse("introduction_request", args=[offering.slug])),
        ("dashboard", "provider", reverse("dashboard")),
        ("offering form", "provider", reverse("offering_create")),
        ("own offering", "provider", offering.get_absolute_url()),
        ("events", None, reverse("event_list")),
        ("event", None, world["event"].get_absolute_url()),
        ("event", "nonprofit", world["event"].get_absolute_url()),
        ("agenda", "nonprofit", reverse("event_agenda", args=[world["event"].slug])),
        ("agenda", "provider", reverse("event_agenda", args=[world["event"].slug])),
    ]


def test_every_page_speaks_hindi(world):
    allowed = kept_names()
    found = {}
    for name, reader, address in pages_for(world):
        client = Client(HTTP_ACCEPT_LANGUAGE="hi")
        if reader:
            client.force_login(world[reader])
        page = client.get(address)
        assert page.status_code in (200, 404), (name, page.status_code)
        left = english_left(page.content.decode(), allowed)
        if left:
            found[f"{name} ({reader or 'visitor'})"] = sorted(set(left))
    assert not found, "\n".join(f"{page}: {' '.join(words)}" for page, words in found.items())


def test_the_walk_finds_english_when_there_is_some(world):
    """The same walk in English finds the site's words: the check can fail."""
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    left = english_left(client.get(reverse("home")).content.decode(), kept_names())
    assert "tools" in " ".join(left).lower()
