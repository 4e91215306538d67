"""Hindi words between English words count as what they mean."""

import pytest

from matching.core.encoder import embedding_text
from matching.core.glossary import GLOSSARY
from matching.core.text import STOPWORDS, english_text, stems, tokenize
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


def test_the_model_reads_the_english_words():
    assert embedding_text("Gaon ka survey", "Mahila group") == "village ka survey\nwomen group"
    assert english_text("Household survey") == "Household survey"


def test_the_glossary_holds_no_stopword_and_no_word_that_means_only_itself():
    assert not set(GLOSSARY) & STOPWORDS
    assert all(meaning != (word,) for word, meaning in GLOSSARY.items())
