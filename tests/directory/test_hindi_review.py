"""What a Hindi reader found still in English or misspelt: each now reads in Hindi."""

import pytest
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape

from directory.common.money import money
from directory.engagement.models import Introduction
from directory.listings.models import Standard, System
from matching.reasons import render
from tests.directory.introduction_data import days_ago
from tests.factories import InterestFactory, OfferingFactory, offering_form

pytestmark = pytest.mark.django_db

HINDI = {"HTTP_ACCEPT_LANGUAGE": "hi"}


def hindi_page(client, url: str) -> str:
    page = client.get(url, **HINDI)
    assert page.status_code == 200
    return page.text


def test_the_one_click_introduction_message_is_shown_and_sent_in_hindi(client, world):
    interest = InterestFactory(need=world.need, offering=world.offering)
    client.force_login(world.requester)
    expected = (
        f"हमारी ज़रूरत “{world.need.title}” में रुचि दिखाने के लिए धन्यवाद। हम जानना चाहेंगे कि "
        f"{world.offering.name} हमारी मदद कैसे कर सकता है।"
    )
    dashboard = hindi_page(client, reverse("dashboard"))
    assert f"हम उन्हें भेजेंगे: “{escape(expected)}”" in dashboard
    assert "Thank you for your interest" not in dashboard
    client.post(reverse("interest_accept", args=[interest.pk]), **HINDI)
    introduction = Introduction.objects.get()
    assert escape(expected) in hindi_page(client, introduction.get_absolute_url())
    with translation.override("hi"):
        assert introduction.shown_message == expected


def test_the_one_click_message_stays_english_for_english_readers(world):
    with translation.override("en"):
        reply = InterestFactory(need=world.need, offering=world.offering).reply
    assert reply.startswith(f"Thank you for your interest in our need “{world.need.title}”")


@pytest.mark.parametrize(
    ("language", "amount", "shown"),
    [
        ("en", 5000, "USD 5,000"),
        ("en", 150000, "USD 150,000"),
        ("hi", 5000, "USD 5,000"),
        ("hi", 150000, "USD 1,50,000"),
        ("hi", 12345678, "USD 1,23,45,678"),
        ("hi", 1234.5, "USD 1,234.50"),
    ],
)
def test_dollar_amounts_keep_their_thousands_grouped_in_hindi(language, amount, shown):
    with translation.override(language):
        assert money(amount, "USD") == shown


def test_the_offering_form_refuses_in_hindi(client, provider_member):
    client.force_login(provider_member)
    data = offering_form(list_price_monthly="50", nonprofit_price_monthly="80", setup_cost="-1")
    del data["runs"]
    del data["name"]
    data["pricing_model"] = "whatever"
    text = client.post(reverse("offering_create"), data, **HINDI).text
    for message in (
        "यह कैसे चल सकता है, इसका कम से कम एक तरीका टिक करें।",
        "गैर-लाभकारी संस्थाओं की कीमत सूची कीमत से ज़्यादा नहीं हो सकती।",
        "कृपया इसे भरें।",
        "0 या उससे ज़्यादा लिखें।",
        "दिखाए गए विकल्पों में से एक चुनें।",
    ):
        assert message in text
    for stock in ("यह क्षेत्र अपेक्षित", "सुनिश्चित करें", "मान्य इच्छा", "Tick at least"):
        assert stock not in text


def test_the_answer_by_day_names_the_month_in_full(client, world):
    introduction = world.introduction(created_at=days_ago(1))
    client.force_login(world.acceptor)
    page = hindi_page(client, reverse("dashboard"))
    with translation.override("hi"):
        day = formats.date_format(timezone.localtime(introduction.expires_at), "j F, H:i")
    assert f"{day} तक जवाब दें" in page


def test_a_sentence_ending_in_a_link_ends_with_the_hindi_full_stop(client, world):
    page = client.get("/no-such-page/", **HINDI).text
    assert "होम पेज पर वापस जाएँ</a>।" in page
    InterestFactory(need=world.need, offering=world.offering)
    client.force_login(world.requester)
    assert "इसके बजाय अपना संदेश लिखें</a>।" in hindi_page(client, reverse("dashboard"))


def test_match_reasons_name_standards_in_hindi_and_shared_words_as_spelt():
    Standard.objects.create(name="Ledger sheet (LSX)", slug="ledger-sheet", name_hi="बही शीट (LSX)")
    System.objects.get_or_create(slug="dhis2", defaults={"name": "DHIS2"})
    exports = {"code": "exports", "standards": ["Ledger sheet (LSX)", "Gone standard"]}
    mention = {"code": "both_mention", "words": ["dhis2", "please", "offline"]}
    with translation.override("hi"):
        assert "बही शीट (LSX)" in render(exports)
        assert "Gone standard" in render(exports)
    with translation.override("en"):
        assert render(exports) == "You can take your data out (Ledger sheet (LSX), Gone standard)"
        assert render(mention) == "Both mention DHIS2, offline"
        assert render({"code": "both_mention", "words": ["please"]}) == (
            "Little in common with your description"
        )


def test_the_saved_settings_notice_is_in_hindi(client, nonprofit_member):
    client.force_login(nonprofit_member)
    page = client.post(
        reverse("account_settings"), {"digest_frequency": "daily"}, follow=True, **HINDI
    )
    assert "आपकी ई-मेल सेटिंग सहेज ली गई हैं।" in page.text


def test_a_featured_offering_is_badged_special_in_hindi(client, admin_client):
    chosen = OfferingFactory(name="Chosen Tool")
    admin_client.post(
        reverse("admin:directory_offering_changelist"),
        {"action": "feature", "_selected_action": [chosen.pk]},
    )
    page = hindi_page(client, reverse("offering_list"))
    assert '<span class="badge badge-featured">विशेष</span>' in page
    assert "चुना हुआ" not in page
