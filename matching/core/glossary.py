"""Hindi words between English words: what they mean, so needs written in Hinglish or Hindi
meet listings written in English.

Programme staff often write a need half in Hindi, in Latin letters ("Gaon ka survey offline
karna hai") or in Devanagari. The words that carry the meaning (village, farmer, savings,
medicine…) are looked up in glossary.json beside this file, a curated list of the words of
this domain, with their common spellings and inflections; each stands for its English words
in the text analysis (`matching.core.text`) and in what is embedded
(`matching.core.encoder.embedding_text`), while reasons still quote the word the need used.
Words with an everyday English meaning too ("gram", "log") are left out, and the little words
("ka", "hai", "mein") are stopwords, not glossary entries.

The list gives each English meaning with its Hindi words: base forms and their common
spellings ("jankari", "jaankari", जानकारी). Inflected forms are found without being listed:

- a Devanagari word by its Hindi Snowball stem (PyStemmer): बच्चों, बच्चे and बच्चा share
  बच्च, भेजें and भेजना भेज;
- a Latin word by its spelling evened out (``hinglish_spelling``: "jaankaari" and "jankari",
  "bachche", "bacche" and "bachhe" are one) and then without its Hindi ending
  (``hinglish_stem``: "kisanon" is "kisan", "bhejte" and "bhejna" are "bej").

A stem or spelling two meanings share is not used (the exact word still is). English text
passes through the same look-up, so a Latin word is evened out only if it is not one of the
English words the list names under "english" (words of the registry whose spelling would
read as a Hindi word, "sale" as "saal", year), and endings that are a vowel alone are
stripped only from words of at least four letters besides.

A Devanagari word that spells out English letters is read as them (टीबी as "tb",
`matching.core.sounds.acronym`). Another Devanagari word the list lacks is compared by sound
(`matching.core.sounds`) with the list's Hinglish words ("jankari" serves जानकारी) and with
the English words of glossary.json's "loanwords", the words of this trade that Hindi writers
borrow (एक्सेल, वेबसाइट, रजिस्टर): a word whose consonant skeleton is one of theirs stands
for it (an s between vowels heard as z too: विज़िट, "visit"). A skeleton two different words
share (and any of fewer than three consonants) is not used. A borrowed word with the English
plural ्स (फंडर्स) is read as the word, and a word with a postposition written onto it
(स्कूलमें, "gaonme") as the word before it, if the list has that word.

A Latin word whose evened-out spelling is a Hinglish stopword's is a stopword too
(``is_stopword``: "jaati" is "jati", goes, not the list's caste).
"""

import json
from functools import lru_cache
from pathlib import Path

import Stemmer

from .sounds import (
    MIN_CONSONANTS,
    acronym,
    consonants,
    devanagari_ending,
    devanagari_skeleton,
    english_ending,
    english_skeleton,
    fold,
    hinglish_key,
    hinglish_spelling,
    singular,
    voiced_s,
)
from .stopwords import HINGLISH_SPELLED_STOPWORDS, STOPWORDS

_DATA = json.loads((Path(__file__).with_name("glossary.json")).read_text(encoding="utf-8"))
GLOSSARY: dict[str, tuple[str, ...]] = {
    fold(word): tuple(meaning.split())
    for meaning, forms in _DATA["meanings"].items()
    for word in forms
    if meaning.split() != [word]
}
ENGLISH_WORDS = frozenset(_DATA["english"])
HINDI = Stemmer.Stemmer("hindi")

# Hindi endings of nouns (plural, oblique) and verbs, longest first.
_ENDINGS = sorted(
    (
        *("iyon", "iyan", "iyo", "iya", "aon", "aen", "ayen", "on", "en"),
        *("enge", "engi", "ega", "egi", "oge", "unga", "ungi", "kar"),
        *("na", "ne", "ni", "ta", "te", "ti", "ya", "ye", "yi", "o", "e", "a", "i"),
    ),
    key=len,
    reverse=True,
)
_VOWEL_ENDINGS = frozenset(("on", "en", "o", "e", "a", "i"))


def hinglish_stem(spelling: str) -> str:
    """An evened-out spelling without its Hindi ending: "kisanon" -> "kisan", "bejte" ->
    "bej"; at least three letters are kept, four when the ending is a vowel alone."""
    for ending in _ENDINGS:
        kept = len(spelling) - len(ending)
        if spelling.endswith(ending) and kept >= (4 if ending in _VOWEL_ENDINGS else 3):
            return spelling[:kept]
    return spelling


@lru_cache(maxsize=1 << 17)
def is_stopword(word: str) -> bool:
    """Whether a (lower-cased) word carries no meaning here: a stopword, or a Latin-letter
    word of at least four letters whose evened-out spelling is a Hinglish stopword's ("jaati"
    as "jati", "bacchon ke" aside, "sakein" as "saken"), unless the list names it English."""
    word = fold(word)
    if word in STOPWORDS:
        return True
    return (
        len(word) >= 4
        and word.isascii()
        and word.isalpha()
        and word not in ENGLISH_WORDS
        and hinglish_spelling(word) in HINGLISH_SPELLED_STOPWORDS
    )


def _one_meaning(pairs) -> dict[str, tuple[str, ...]]:
    """Key -> meaning, from (key, meaning) pairs; a key of two meanings left out."""
    meanings: dict[str, set[tuple[str, ...]]] = {}
    for key, meaning in pairs:
        meanings.setdefault(key, set()).add(meaning)
    return {key: found.pop() for key, found in meanings.items() if len(found) == 1}


_LATIN = [(word, meaning) for word, meaning in GLOSSARY.items() if word.isascii()]
SPELLED = _one_meaning((hinglish_spelling(word), meaning) for word, meaning in _LATIN)
LATIN_STEMS = _one_meaning(
    (hinglish_stem(hinglish_spelling(word)), meaning) for word, meaning in _LATIN
)
HINDI_STEMS = _one_meaning(
    (stem, meaning)
    for word, meaning in GLOSSARY.items()
    if not word.isascii() and len(stem := HINDI.stemWord(word)) >= 2
)


ENGLISH_PLURAL = "्स"
# Postpositions and "-wala" as they are sometimes written onto the word before, longest first.
DEVANAGARI_POSTPOSITIONS = ("वाला", "वाले", "वाली", "में", "पर", "से", "को", "का", "की", "के", "ने")
LATIN_POSTPOSITIONS = (
    *("wala", "wale", "wali", "vala", "vale", "vali", "mein"),
    *("me", "pe", "par", "se", "ko", "ka", "ki", "ke"),
)
LOANWORDS = frozenset(_DATA["loanwords"])


def loanword_key(skeleton: str, ending: str) -> str:
    return f"{skeleton}/{ending}" if ending else skeleton


def _sound_table(heard: list[tuple[str, tuple[str, ...]]]) -> dict[str, tuple[str, ...]]:
    """Key -> the English words it stands for, from (key, meaning) pairs: keys of fewer than
    MIN_CONSONANTS consonants and keys of two meanings left out."""
    meanings: dict[str, set[tuple[str, ...]]] = {}
    for key, meaning in heard:
        meanings.setdefault(key, set()).add(meaning)
    return {
        key: min(found, key=len)
        for key, found in meanings.items()
        if consonants(key) >= MIN_CONSONANTS and len({meaning[0] for meaning in found}) == 1
    }


# The glossary's Hinglish words by consonants and vowels; the loanwords by consonants alone.
HINGLISH_SOUNDS = _sound_table(
    [(hinglish_key(word), meaning) for word, meaning in GLOSSARY.items() if word.isascii()]
)
# A loanword's key is its skeleton and how it ends: "budget" is "bjt", "salary" "slr/i". An s
# between vowels is also heard as z ("visit" as विज़िट, "design" as डिज़ाइन): that key counts
# where no loanword's key as spelt is the same.
LOANWORD_SOUNDS = {
    **_sound_table(
        [
            (loanword_key(english_skeleton(voiced_s(w)), english_ending(w)), (w,))
            for w in _DATA["loanwords"]
            if voiced_s(w) != w
        ]
    ),
    **_sound_table(
        [(loanword_key(english_skeleton(w), english_ending(w)), (w,)) for w in _DATA["loanwords"]]
    ),
}


@lru_cache(maxsize=1 << 17)
def meaning_of(word: str) -> tuple[str, ...]:
    """The English words a (lower-cased) word stands for: the glossary's, or for a Devanagari
    word the list lacks, those of a Hinglish or borrowed English word that sounds the same;
    else the word itself (its Devanagari spelling folded, `matching.core.sounds.fold`)."""
    word = fold(word)
    if is_stopword(word):
        return (word,)
    found = GLOSSARY.get(word)
    if found is None and word.endswith(ENGLISH_PLURAL):  # सर्वाइवर्स, a listed word's plural
        found = GLOSSARY.get(word[: -len(ENGLISH_PLURAL)])
    if found is None and word.isascii():
        found = _hinglish(word)
    if found is None and not word.isascii() and (letters := acronym(word)):
        return meaning_of(letters) if letters in GLOSSARY else (letters,)
    if found is None and not word.isascii():
        found = HINDI_STEMS.get(HINDI.stemWord(word))
    if found is None and not word.isascii():
        found = HINGLISH_SOUNDS.get(devanagari_skeleton(word, vowels=True))
        key = loanword_key(devanagari_skeleton(singular(word)), devanagari_ending(word))
        found = found or LOANWORD_SOUNDS.get(key)
    if found is None and word.endswith(ENGLISH_PLURAL) and len(word) > len(ENGLISH_PLURAL) + 1:
        one = word[: -len(ENGLISH_PLURAL)]  # फंडर्स, a borrowed word with the English plural
        found = meaning_of(one) if meaning_of(one) != (one,) else None
    return found or _glued(word) or (word,)


def _glued(word: str) -> tuple[str, ...] | None:
    """The meaning of a word with a postposition written onto it ("स्कूलमें", "gaonme",
    "phonepe"): that of the word before it, if the list has it as written or it is one of the
    borrowed English words; None otherwise and for a Latin word the list names English."""
    latin = word.isascii()
    if latin and (word in ENGLISH_WORDS or not word.isalpha()):
        return None
    for postposition in LATIN_POSTPOSITIONS if latin else DEVANAGARI_POSTPOSITIONS:
        rest = word[: -len(postposition)]
        if not word.endswith(postposition) or len(rest) < (4 if latin else 3):
            continue
        if latin:
            found = GLOSSARY.get(rest) or SPELLED.get(hinglish_spelling(rest))
            return found or ((rest,) if rest in LOANWORDS else None)
        key = loanword_key(devanagari_skeleton(rest), devanagari_ending(rest))
        return GLOSSARY.get(rest) or LOANWORD_SOUNDS.get(key)
    return None


def _hinglish(word: str) -> tuple[str, ...] | None:
    """The meaning of a Latin-letter word the list lacks as written, by its evened-out
    spelling or its stem; None for English words and words of fewer than four letters."""
    if len(word) < 4 or word in ENGLISH_WORDS or not word.isalpha():
        return None
    spelling = hinglish_spelling(word)
    return SPELLED.get(spelling) or LATIN_STEMS.get(hinglish_stem(spelling))
