"""Hindi words between English words count as what they mean."""

import json
from pathlib import Path

import pytest

from matching.core.encoder import embedding_text
from matching.core.glossary import GLOSSARY, meaning_of
from matching.core.text import STOPWORDS, english_share, english_text, stem, stems, tokenize, words
from tests.matching.core_data import need, offering, score


def test_hinglish_and_hindi_words_stand_for_their_english_words():
    assert stems("Gaon ka survey karna hai") == stems("village survey")
    assert stems("किसानों की बचत") == stems("farmers savings")
    assert ("villag", "gaon") in tokenize("gaon"), "a reason still quotes the word as written"


@pytest.mark.parametrize(
    ("title", "description", "name", "text"),
    [
        (
            "Kisanon ko mandi bhav ki jaankari",
            "SMS se bhejna hai",
            "Crop prices",
            "Market prices for farmers by SMS",
        ),
        # Borrowed English words in Devanagari, found by sound (matching/core/sounds.py).
        (
            "स्टॉक का हिसाब",
            "इन्वेंटरी का रजिस्टर टैबलेट पर",
            "Stock keeper",
            "Inventory register for small stores on a tablet",
        ),
    ],
)
def test_a_hinglish_or_hindi_need_meets_an_english_listing(title, description, name, text):
    wanting = need(title=title, description=description)
    fitting = offering(1, name=name, text=text)
    other = offering(2, name="Clinic records", text="Patient records for clinics")
    assert score(wanting, fitting, other).need_fit > score(wanting, other, fitting).need_fit


def test_the_model_reads_the_english_words_without_the_hindi_little_words():
    assert embedding_text("Gaon ka survey karna hai", "Mahila group") == (
        "village survey\nwomen group"
    )
    assert english_text("हमें किसानों को जानकारी भेजनी है") == "farmers information send"
    assert english_text("Send the reminders to parents") == "Send the reminders to parents"


def test_how_much_of_a_need_reaches_the_model_is_counted_word_by_word():
    assert english_share("Send the reminders to parents") == 1.0
    # "ke", "ko", "hain" are not given to the model; "bhejne" reaches it as "send".
    assert english_share("Reminders ke liye parents ko bhejne hain") == pytest.approx(3 / 7)
    # किसानों, जानकारी, भेजनी reach it in English; हमें, को, है are dropped: 3 of 6.
    assert english_share("हमें किसानों को जानकारी भेजनी है") == 0.5
    assert english_share("झटपट झमेला") == 0.0, "Devanagari words with no English found"


def test_the_glossary_holds_no_stopword_and_no_word_that_means_only_itself():
    assert not set(GLOSSARY) & STOPWORDS
    assert all(meaning != (word,) for word, meaning in GLOSSARY.items())


def test_inflected_and_variously_spelt_words_are_understood_without_being_listed():
    # Plural, oblique and verb forms, in Devanagari (Hindi stemmer) and in Latin letters.
    assert stems("शिक्षकों को प्रशिक्षण वीडियो भेजें") == stems("teachers training video send")
    assert stems("kisaano ko jaankaariyan bhejte hain") == stems("farmer information send")
    assert stems("hisaab") == stems("hisab") == stems("accounts bookkeeping")
    assert stems("bachhon") == stems("bacchon") == stems("बच्चों") == stems("children")
    assert tokenize("किसानों") == [("farmer", "किसानों")], "a reason quotes the word as written"


REGISTRY = Path(__file__).resolve().parents[2] / "directory" / "data" / "dpg-registry.json"


def test_the_registrys_english_listings_are_read_as_english():
    entries = json.loads(REGISTRY.read_text())
    listed = {w for e in entries for w in words(f"{e['name']} {e.get('description') or ''}")}
    misread = {w for w in listed if w not in meaning_of(w)}
    # The Hindi names some Indian listings carry are read as what they mean, rightly.
    assert misread <= {"aajeevika", "aarogya", "rahat"}


def test_english_words_that_look_like_hindi_keep_their_english_meaning():
    text = "Sale of seeds soon, with multi path maths and a salon"
    english = [stem(word) for word in words(text) if word not in STOPWORDS and len(word) > 1]
    assert list(stems(text)) == english
    assert all(meaning_of(word) == (word,) for word in ("sale", "soon", "with", "multi", "path"))


TOPICS = [
    (
        "Rehabilitation progress of children with disabilities",
        "दिव्यांग बच्चों के पुनर्वास की प्रगति",
        "Divyang bacchon ke punarvaas ki pragati",
        "Therapy tracker",
        "Rehabilitation and therapy progress of each child with a disability",
    ),
    (
        "Hearing dates of domestic violence cases",
        "घरेलू हिंसा के मुकदमों की सुनवाई की तारीखें",
        "Gharelu hinsa ke mukadmon ki sunwai ki tarikhen",
        "Case diary",
        "Court hearing dates and case files for lawyers handling domestic violence cases",
    ),
    (
        "Stock and distribution at the ration warehouse",
        "राशन के गोदाम का भंडार और वितरण",
        "Rashan godaam ka bhandaar aur vitaran",
        "Store keeper",
        "Warehouse stock, inventory and distribution of food rations",
    ),
    (
        "Savings and loans of women's self help groups",
        "स्वयं सहायता समूह की महिलाओं की बचत और कर्ज़ की किस्तें",
        "Swayam sahayata samooh ki mahilaon ki bachat aur karz ki kisten",
        "Group ledger",
        "Savings, loan instalments and repayments of self help groups, member by member",
    ),
]
OTHERS = [
    ("Clinic records", "Patient records for clinics"),
    ("School library", "Books and lessons for schools"),
    ("Donor desk", "Donations, receipts and newsletters for donors"),
    ("Street reports", "Residents report broken street lights on a map"),
    ("Food parcels", "Food ration parcels delivered to families"),
    ("Women's groups", "Women members meet in groups and share news"),
    ("Violence map", "Reports of violence against women shown on a map"),
    ("Story books", "Story books for children"),
]


@pytest.mark.parametrize("topic", TOPICS, ids=[topic[0] for topic in TOPICS])
def test_a_need_in_hindi_or_hinglish_finds_the_listing_its_english_form_finds(topic):
    *needs, name, text = topic
    listings = [
        offering(i, name=other, text=about) for i, (other, about) in enumerate(OTHERS, start=2)
    ]
    fitting = offering(1, name=name, text=text)
    listings.append(fitting)
    for written in needs:
        wanting = need(title=written)
        fits = {
            o.name: score(wanting, o, *(x for x in listings if x is not o)).need_fit
            for o in listings
        }
        assert max(fits, key=fits.get) == name, written
