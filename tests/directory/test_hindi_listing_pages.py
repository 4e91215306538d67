"""The browsing pages in Hindi: home, both lists, an offering's page and a need's page show
their own words (headings, labels, filters, prices) in Hindi, not in English.

The Hindi catalogue is compiled by ``make``; run alone, this module compiles it first (with
Babel, as ``make`` does)."""

from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils.translation import trans_real

from tests.factories import NeedFactory, OfferingFactory

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "hi" / "LC_MESSAGES" / "django"


@pytest.fixture(scope="module", autouse=True)
def hindi_catalogue():
    """The compiled catalogue, (re)built when missing or older than its source."""
    mo, po = CATALOGUE.with_suffix(".mo"), CATALOGUE.with_suffix(".po")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        with po.open("rb") as source:
            catalogue = read_po(source, locale="hi")
        with mo.open("wb") as compiled:
            write_mo(compiled, catalogue)  # as `pybabel compile` does: fuzzy entries left out
        # Catalogues loaded earlier in the session (without the .mo) are cached: forget them.
        trans_real._translations = {}
        trans_real._default = None


def hindi(client, url: str) -> str:
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="hi")
    assert page.status_code == 200
    assert '<html lang="hi">' in page.text
    return page.text


def assert_in_hindi(text: str, pairs: dict[str, str]) -> None:
    for english, hindi_text in pairs.items():
        assert hindi_text in text, f"{hindi_text!r} (for {english!r}) missing"
        assert english not in text, f"{english!r} left in English"


def test_the_home_page_in_hindi(client):
    OfferingFactory()
    NeedFactory()
    assert_in_hindi(
        hindi(client, reverse("home")),
        {
            "Technology that fits your nonprofit": "आपकी संस्था के लिए सही तकनीक",
            "What are you looking for?": "आप क्या ढूँढ रहे हैं?",
            "Browse by what you need": "ज़रूरत के हिसाब से देखें",
            "Latest needs": "नई ज़रूरतें",
            "See all needs →": "सभी ज़रूरतें देखें →",
        },
    )


def test_the_offering_list_in_hindi(client):
    OfferingFactory(name="SurveyKit")
    text = hindi(client, reverse("offering_list"))
    assert "SurveyKit" in text, "listing content stays as written"
    assert_in_hindi(
        text,
        {
            "Find tools and services": "टूल और सेवाएँ खोजें",
            "More filters": "और छाँटें",
            "Show results": "नतीजे दिखाएँ",
            "Any category": "कोई भी श्रेणी",
            "1 offering": "1 टूल",
            "Download this list": "यह सूची डाउनलोड करें",
            'class="price">Free': 'class="price">मुफ़्त',
        },
    )


def test_an_offering_page_in_hindi(client):
    offering = OfferingFactory(name="SurveyKit")
    text = hindi(client, offering.get_absolute_url())
    assert "Collect survey data on phones, even offline." in text
    assert_in_hindi(
        text,
        {
            "<dt>What it does</dt>": "<dt>यह क्या करता है</dt>",
            "<dt>Works with</dt>": "<dt>किसके साथ काम करता है</dt>",
            "No integrations listed": "किसी सिस्टम से जुड़ाव नहीं बताया",
            "Online (cloud)": "ऑनलाइन (क्लाउड)",
            "What nonprofits say": "संस्थाओं की राय",
            "Confirmed today": "आज पुष्टि की",
        },
    )


def test_the_need_list_in_hindi(client):
    NeedFactory(title="Household surveys on phones")
    text = hindi(client, reverse("need_list"))
    assert "Household surveys on phones" in text
    assert_in_hindi(
        text,
        {
            "What nonprofits need": "संस्थाओं को क्या चाहिए",
            "1 need": "1 ज़रूरत",
            "No budget given": "बजट नहीं बताया",
            "Any country": "कोई भी देश",
            "Newest first": "सबसे नई पहले",
        },
    )


def test_a_need_page_in_hindi(client):
    need = NeedFactory(title="Household surveys on phones")
    text = hindi(client, need.get_absolute_url())
    assert "Household surveys on phones" in text
    assert_in_hindi(
        text,
        {
            "What they need": "उन्हें क्या चाहिए",
            "Must work with": "इसके साथ काम करना ज़रूरी",
            "Nothing in particular": "कुछ ख़ास नहीं",
            "Key facts": "मुख्य बातें",
            ">Everyone<": ">सभी<",
        },
    )
