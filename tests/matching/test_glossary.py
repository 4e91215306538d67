"""Hindi words between English words count as what they mean."""

from matching.core.encoder import embedding_text
from matching.core.glossary import GLOSSARY
from matching.core.text import STOPWORDS, english_text, stems, tokenize
from tests.matching.core_data import need, offering, score


def test_hinglish_and_hindi_words_stand_for_their_english_words():
    assert stems("Gaon ka survey karna hai") == stems("village survey")
    assert stems("किसानों की बचत") == stems("farmers savings")
    assert ("villag", "gaon") in tokenize("gaon"), "a reason still quotes the word as written"


def test_a_hinglish_need_meets_an_english_listing():
    wanting = need(title="Kisanon ko mandi bhav ki jaankari", description="SMS se bhejna hai")
    prices = offering(1, name="Crop prices", text="Market prices for farmers by SMS")
    other = offering(2, name="Clinic records", text="Patient records for clinics")
    assert score(wanting, prices, other).need_fit > score(wanting, other, prices).need_fit


def test_the_model_reads_the_english_words():
    assert embedding_text("Gaon ka survey", "Mahila group") == "village ka survey\nwomen group"
    assert english_text("Household survey") == "Household survey"


def test_the_glossary_holds_no_stopword_and_no_word_that_means_only_itself():
    assert not set(GLOSSARY) & STOPWORDS
    assert all(meaning != (word,) for word, meaning in GLOSSARY.items())
