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

A Devanagari word the list lacks is compared by sound (`matching.core.sounds`) with the list's
Hinglish words ("jankari" serves जानकारी) and with the English words of glossary.json's
"loanwords", the words of this trade that Hindi writers borrow (एक्सेल, वेबसाइट, रजिस्टर): a
word whose consonant skeleton is one of theirs stands for it. A skeleton two different words
share (and any of fewer than three consonants) is not used.
"""

import json
from pathlib import Path

from .sounds import (
    MIN_CONSONANTS,
    consonants,
    devanagari_ending,
    devanagari_skeleton,
    english_ending,
    english_skeleton,
    fold,
    hinglish_key,
    singular,
)

_DATA = json.loads((Path(__file__).with_name("glossary.json")).read_text(encoding="utf-8"))
GLOSSARY: dict[str, tuple[str, ...]] = {
    fold(word): tuple(meaning.split())
    for word, meaning in _DATA["words"].items()
    if meaning.split() != [word]
}


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
# A loanword's key is its skeleton and how it ends: "budget" is "bjt", "salary" "slr/i".
LOANWORD_SOUNDS = _sound_table(
    [(loanword_key(english_skeleton(w), english_ending(w)), (w,)) for w in _DATA["loanwords"]]
)


def meaning_of(word: str) -> tuple[str, ...]:
    """The English words a (lower-cased) word stands for: the glossary's, or for a Devanagari
    word the list lacks, those of a Hinglish or borrowed English word that sounds the same;
    else the word itself (its Devanagari spelling folded, `matching.core.sounds.fold`)."""
    word = fold(word)
    found = GLOSSARY.get(word)
    if found is None and not word.isascii():
        found = HINGLISH_SOUNDS.get(devanagari_skeleton(word, vowels=True))
        key = loanword_key(devanagari_skeleton(singular(word)), devanagari_ending(word))
        found = found or LOANWORD_SOUNDS.get(key)
    return found or (word,)
