"""The browsing pages in Hindi: home, both lists, an offering's page and a need's page show
their own words (headings, labels, filters, prices) in Hindi, not in English.

The Hindi catalogue is compiled by ``make``; run alone, this module compiles it first (with
Babel, as ``make`` does)."""

import re
from functools import partial
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils.translation import trans_real

from directory.listings.widgets import reading_order
from tests.factories import NeedFactory, OfferingFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db

SURVEY_TITLE = "Household surveys on phones"
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


def home() -> tuple[str, str]:
    OfferingFactory()
    NeedFactory()
    return reverse("home"), ""


def listed(factory, list_view: str, **fields) -> tuple[str, str]:
    """One listing made by ``factory``: the list ``list_view`` shows its first field's value."""
    factory(**fields)
    return reverse(list_view), next(iter(fields.values()))


def own_page(factory, shown: str, **fields) -> tuple[str, str]:
    """One listing made by ``factory``: its own page shows ``shown``."""
    return factory(**fields).get_absolute_url(), shown


@pytest.mark.parametrize(
    ("page", "words"),
    [
        (
            home,
            {
                "Technology that fits your nonprofit": "आपकी संस्था के लिए सही तकनीक",
                "What are you looking for?": "आप क्या ढूँढ रहे हैं?",
                "Browse by what you need": "ज़रूरत के हिसाब से देखें",
                "Latest needs": "नई ज़रूरतें",
                "See all needs →": "सभी ज़रूरतें देखें →",
            },
        ),
        (
            partial(listed, OfferingFactory, "offering_list", name="SurveyKit"),
            {
                "Find tools and services": "टूल और सेवाएँ खोजें",
                "More filters": "और छाँटें",
                "Show results": "नतीजे दिखाएँ",
                "Any category": "कोई भी श्रेणी",
                "1 offering": "1 टूल",
                "Download this list": "यह सूची डाउनलोड करें",
                'class="price">Free': 'class="price">मुफ़्त',
            },
        ),
        (
            partial(
                own_page,
                OfferingFactory,
                "Collect survey data on phones, even offline.",
                name="SurveyKit",
            ),
            {
                "<dt>What it does</dt>": "<dt>यह क्या करता है</dt>",
                "<dt>Works with</dt>": "<dt>किसके साथ काम करता है</dt>",
                "No integrations listed": "किसी सिस्टम से जुड़ाव नहीं बताया",
                "Online (cloud)": "ऑनलाइन (क्लाउड)",
                "What nonprofits say": "संस्थाओं की राय",
                "Confirmed today": "आज पुष्टि की",
            },
        ),
        (
            partial(listed, NeedFactory, "need_list", title=SURVEY_TITLE),
            {
                "What nonprofits need": "संस्थाओं को क्या चाहिए",
                "1 need": "1 ज़रूरत",
                "No budget given": "बजट नहीं बताया",
                "Any country": "कोई भी देश",
                "Newest first": "सबसे नई पहले",
            },
        ),
        (
            partial(
                own_page,
                NeedFactory,
                SURVEY_TITLE,
                title=SURVEY_TITLE,
                currency="INR",
                free_only=False,
                monthly_budget=None,
                one_off_budget=30000,
            ),
            {
                "What they need": "उन्हें क्या चाहिए",
                "₹30,000 one-off, no monthly budget given": "₹30,000 एक बार, मासिक बजट नहीं बताया",
                "Must work with": "इसके साथ काम करना ज़रूरी",
                "Nothing in particular": "कुछ ख़ास नहीं",
                "Key facts": "मुख्य बातें",
                ">Everyone<": ">सभी<",
            },
        ),
    ],
    ids=["home", "offering list", "offering page", "need list", "need page"],
)
def test_a_browsing_page_in_hindi(client, page, words):
    url, content = page()
    text = hindi(client, url)
    assert content in text, "listing content stays as written"
    assert_in_hindi(text, words)


def countries_in_reading_order(page: str, field: str) -> list[str]:
    """The names of the countries the page's ``field`` select lists after the countries of
    COUNTRIES_FIRST, having checked that those lead, that each country is listed once and
    that the rest are in the order their names read."""
    select = page.split(f'name="{field}"', 1)[1].split("</select>", 1)[0]
    options = [
        (option.split('"', 2)[1], option.split(">", 1)[1].split("<", 1)[0])
        for option in select.split("<option value=")[1:]
    ]
    codes = [code for code, _ in options if code]
    names = [name for code, name in options if code]
    assert len(names) > 200
    assert len(set(codes)) == len(codes), "each country once"
    first = len(settings.COUNTRIES_FIRST)
    assert codes[:first] == settings.COUNTRIES_FIRST, "the countries most users are in lead"
    rest = names[first:]
    assert_in_reading_order(rest)
    return rest


def assert_in_reading_order(names: list[str]) -> None:
    assert names == sorted(names, key=lambda name: reading_order((None, name)))


@pytest.mark.parametrize("language", ["en", "hi"])
def test_the_country_filter_lists_countries_in_the_order_their_names_read(client, language):
    page = client.get(reverse("offering_list"), HTTP_ACCEPT_LANGUAGE=language).text
    rest = countries_in_reading_order(page, "region")
    if language == "en":
        assert rest.index("Åland Islands") < rest.index("Algeria")
    else:
        # The alphabet runs क … ज … भ: Zimbabwe (ज़िम्बाब्वे) before Bhutan (भूटान).
        assert rest.index("अफ़गानिस्तान") < rest.index("ज़िम्बाब्वे") < rest.index("भूटान")


@pytest.mark.parametrize("language", ["en", "hi"])
def test_the_need_form_lists_countries_and_languages_in_the_order_their_names_read(
    client, language
):
    client.force_login(member_of(OrganisationFactory()))
    page = client.get(reverse("need_create"), HTTP_ACCEPT_LANGUAGE=language).text
    rest = countries_in_reading_order(page, "country")
    languages = re.findall(r'name="languages" value="\d+"[^>]*>\s*([^<]+?)\s*<', page)
    assert len(languages) > 20
    assert_in_reading_order(languages)
    if language == "hi":
        # Zimbabwe (ज़िम्बाब्वे) before Saudi Arabia (सऊदी अरब); English (अंग्रेज़ी) before Arabic.
        assert rest.index("ज़िम्बाब्वे") < rest.index("सऊदी अरब")
        assert languages.index("अंग्रेज़ी") < languages.index("अरबी")
