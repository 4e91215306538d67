"""Devanagari words found by how they sound: borrowed English words and the glossary's
Hinglish words, whatever the spelling of nukta and chandrabindu."""

from matching.core.encoder import embedding_text
from matching.core.glossary import meaning_of
from matching.core.sounds import devanagari_skeleton, english_skeleton, fold, hinglish_key
from matching.core.text import stems


def test_borrowed_english_words_written_in_devanagari_count_as_the_english_words():
    assert stems("वेबसाइट और सॉफ्टवेयर") == stems("website software")
    assert stems("रजिस्टर, डैशबोर्ड, इन्वेंटरी") == stems("register dashboard inventory")
    assert stems("वेबसाइटें") == stems("websites"), "a plural is found too"
    assert english_skeleton("excel") == devanagari_skeleton("एक्सेल") == "ksl"


def test_a_devanagari_word_of_the_glossarys_hinglish_words_counts_as_its_meaning():
    assert hinglish_key("jankari") == devanagari_skeleton("जानकारी", vowels=True)
    assert meaning_of("शिकायतें") == meaning_of("shikayaten") == ("complaint", "grievance")


def test_everyday_hindi_words_are_not_taken_for_borrowed_ones():
    # Same consonants as "budget", "complaint" (shikayat), "crm" or "goods" (saman), but
    # they end otherwise, have other vowels, or are too short to tell.
    for word in ("सकते", "क्रम", "सामान्य", "मिल"):
        assert meaning_of(word) == (word,), word
    assert meaning_of("भेजते") == ("send",), "the glossary's verb, not 'budget'"


def test_nukta_and_chandrabindu_spellings_are_one_word():
    assert fold("ऑफ़लाइन") == "ऑफलाइन" and fold("गाँव") == "गांव"
    assert stems("ऑफ़लाइन ज़्यादा") == stems("ऑफलाइन")  # ज़्यादा is a stopword either way
    assert stems("गाँव") == stems("गांव") == stems("village")


def test_the_model_reads_borrowed_words_in_english_and_not_the_hindi_words_it_cannot_read():
    # The sentence encoder knows English only: a Devanagari word the glossary lacks is noise.
    assert embedding_text("वेबसाइट", "नई पहल") == "website\nnew"


def test_english_letters_spelt_out_in_devanagari_are_read_as_the_letters():
    assert stems("टीबी मरीजों की आईडी") == stems("TB patients ID")
    assert stems("एसएमएस और यूपीआई") == stems("SMS and UPI")
    assert meaning_of("टीके") == ("vaccine",), "a Hindi word is not read as letters (टी के)"
    assert meaning_of("सकते") == ("सकते",), "nor a word with a letter name inside"
