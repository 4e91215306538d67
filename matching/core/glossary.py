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
"""

import json
from pathlib import Path

_DATA = json.loads((Path(__file__).with_name("glossary.json")).read_text(encoding="utf-8"))
GLOSSARY: dict[str, tuple[str, ...]] = {
    word: tuple(meaning.split())
    for word, meaning in _DATA["words"].items()
    if meaning.split() != [word]
}


def meaning_of(word: str) -> tuple[str, ...]:
    """The English words a (lower-cased) word stands for: itself unless the glossary has it."""
    return GLOSSARY.get(word, (word,))
