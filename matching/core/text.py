"""Text analysis for matching: words, Snowball stems, curated phrases, TF-IDF weights.

Needs and listings rarely use the same words, so besides plain words the analysis spots
the curated taxonomy phrases (category keywords, system names and aliases) on word
boundaries. Phrases go through the same tokenising and stemming as the text, so
"patient records" is found in "keeps patient-record books" and "point of sale" in
"point-of-sale". A phrase keeps its every word, stopwords too: "IT support" is found only
as "it support" and "needs assessment" only as "needs assessment", never as a bare
"support" or "assess".

Words are runs of letters and digits with the marks that belong to them, so a Devanagari
word keeps its vowel signs and virama ("स्वास्थ्य" is one word, not four pieces), and a
compound the glossary lists is one word however it is written ("प्रमाण पत्र", "प्रमाण-पत्र"). Stems
come from the Snowball stemmers (PyStemmer): English for Latin letters, after British
spellings are turned American ("organisation" and "organizing" share "organiz"), Hindi for
Devanagari. Stopwords cover English, Hindi and Hindi written in Latin letters (Hinglish:
"humein", "karna", "chahiye"), so only the words that carry meaning count, and the Hindi
words that do carry it ("gaon", "kisan", "बचत") count as their English words
(`matching.core.glossary`).
"""

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
import Stemmer

from .glossary import GLOSSARY, HINDI, is_stopword, meaning_of
from .sounds import fold
from .stopwords import HINDI_ONLY_STOPWORDS, STOPWORDS

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}\u200c\u200d]*")
DEVANAGARI = re.compile(r"[\u0900-\u097f]")

ENGLISH = Stemmer.Stemmer("english")
# British endings turned American before stemming: (ending, replacement), longest first.
AMERICAN = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("yses", "yzes"),
    ("yse", "yze"),
)


def stem(word: str) -> str:
    """The word's Snowball stem: "messages", "messaging" -> "messag"; "donation", "donate"
    -> "donat"; "organisation", "organizing" -> "organiz"; "बच्चों", "बच्चे" -> "बच्च"."""
    if DEVANAGARI.search(word):
        return HINDI.stemWord(word)
    if len(word) > 5:
        for ending, american in AMERICAN:
            if word.endswith(ending):
                word = word[: -len(ending)] + american
                break
    return ENGLISH.stemWord(word)


def words(text: str) -> list[str]:
    """The text's words, lower-cased, in order (Unicode NFC, so a word typed two ways is one;
    a compound written in two parts as one word, `compounds_joined`)."""
    return WORD.findall(compounds_joined(unicodedata.normalize("NFC", text).lower()))


def compounds_joined(text: str) -> str:
    """The text with a Hindi compound the glossary lists as one word written as one where it is
    written in two, apart or hyphenated: "प्रमाण पत्र" and "प्रमाण-पत्र" as "प्रमाणपत्र",
    "hisab kitab" as "hisabkitab"; never with a stopword ("in san" is no "insan")."""
    found = list(WORD.finditer(text))
    pieces, end = [], 0
    for first, second in zip(found, found[1:], strict=False):
        if first.start() < end or text[first.end() : second.start()] not in (" ", "-"):
            continue
        if (
            not is_stopword(first[0].lower())
            and not is_stopword(second[0].lower())
            and (fold((first[0] + second[0]).lower()) in GLOSSARY)
        ):
            pieces += [text[end : first.end()], second[0]]
            end = second.end()
    return "".join(pieces) + text[end:] if pieces else text


def tokenize(text: str) -> list[tuple[str, str]]:
    """The text's content words as (stem, word) pairs, in order; stopwords and numbers left
    out. A Hindi word of the glossary (`matching.core.glossary`) gives the stems of its English
    words, each paired with the word as written."""
    return [(term, word) for word in words(text) for term in _terms(word)]


@lru_cache(maxsize=1 << 17)
def _terms(word: str) -> tuple[str, ...]:
    return tuple(term for meant in meaning_of(word) if (term := _term(meant)))


def english_text(text: str) -> str:
    """The text with each glossary word written as its English words and the Hindi little
    words left out, for the sentence encoder, which knows English only."""

    def english(match: regex.Match) -> str:
        meaning = _english_words(match[0])
        if meaning is None:
            return ""
        return match[0] if meaning == (fold(match[0].lower()),) else " ".join(meaning)

    joined = WORD.sub(english, compounds_joined(text))
    return "\n".join(" ".join(line.split()) for line in joined.split("\n"))


def english_meanings(text: str) -> list[tuple[str, ...]]:
    """Each word of the text the encoder is given (`english_text`, word by word), as the
    English words it stands for: a glossary word as its meaning ("mahila" → ("women",),
    "banane" → ("make", "build")), any other word as itself, lower-cased."""
    found = (_english_words(word) for word in WORD.findall(compounds_joined(text)))
    return [meaning for meaning in found if meaning is not None]


def _english_words(word: str) -> tuple[str, ...] | None:
    """The English words one word stands for (the glossary's meaning, else the word itself,
    folded and lower-cased); None for a word the encoder is not given (`_unread`)."""
    folded = fold(word.lower())
    return None if _unread(folded) else meaning_of(folded)


def english_share(text: str) -> float:
    """The share of the text's words that reach the sentence encoder (`english_text`): all
    but the Hindi little words and the Devanagari words with no English meaning found. 1 for
    English, about 0.6 for Hinglish and 0.35 for Hindi as nonprofits write them; 1 with no
    words at all."""
    found = WORD.findall(compounds_joined(text))
    if not found:
        return 1.0
    return 1.0 - sum(_unread(fold(word.lower())) for word in found) / len(found)


def _unread(word: str) -> bool:
    """A (lower-cased, folded) word the sentence encoder is not given: a Hindi little word,
    or a Devanagari word the glossary cannot put in English."""
    if word in HINDI_ONLY_STOPWORDS or (word not in STOPWORDS and is_stopword(word)):
        return True
    return bool(DEVANAGARI.search(word)) and meaning_of(word) == (word,)


@lru_cache(maxsize=1 << 17)
def _term(word: str) -> str:
    """The word's stem, or "" for a word that carries no meaning here."""
    if len(word) < 2 or word.isdigit() or is_stopword(word):
        return ""
    return stem(word)


@lru_cache(maxsize=1 << 17)
def _phrase_term(word: str) -> str:
    """How a word takes part in a curated phrase: stemmed, a stopword as itself."""
    return _term(word) or word


def phrase_terms(text: str) -> list[str]:
    """Every word of the text as phrases are matched against it, stopwords included, a
    glossary word as its English words."""
    return _phrase_sequence(words(text))


def _phrase_sequence(text_words: list[str]) -> list[str]:
    return [_phrase_term(meant) for word in text_words for meant in meaning_of(word)]


def stems(text: str) -> tuple[str, ...]:
    return tuple(term for term, _ in tokenize(text))


def tf_weight(count: float) -> float:
    """Sublinear term frequency: the tenth mention of a word adds far less than the first."""
    return 1.0 + math.log(count)


def idf(document_frequency: int, n_documents: int) -> float:
    """Smoothed inverse document frequency; a term no listing uses gets the highest value."""
    return math.log((1.0 + n_documents) / (1.0 + document_frequency)) + 1.0


class PhraseSpotter:
    """Finds curated phrases in a text (`spot_text`) or in its `phrase_terms` (`spot`),
    whole words only. A one-word phrase that is a stopword or a number is never spotted."""

    def __init__(self, phrases_by_key: Mapping[Hashable, Iterable[str]]):
        self._one_word: dict[str, set[Hashable]] = {}
        self._longer: dict[str, list[tuple[tuple[str, ...], Hashable]]] = {}
        for key, phrases in phrases_by_key.items():
            for phrase in phrases:
                terms = tuple(phrase_terms(phrase))
                if len(terms) == 1 and not _term(terms[0]):
                    continue
                if len(terms) == 1:
                    self._one_word.setdefault(terms[0], set()).add(key)
                elif terms:
                    self._longer.setdefault(terms[0], []).append((terms, key))

    def spot_text(self, text: str) -> Counter:
        return self.spot(phrase_terms(text))

    def spot(self, terms: Sequence[str]) -> Counter:
        """How many times each key's phrases occur; a key counts once per position."""
        hits: Counter = Counter()
        for position, term in enumerate(terms):
            found = self._one_word.get(term, set())
            for phrase, key in self._longer.get(term, ()):
                if key not in found and tuple(terms[position : position + len(phrase)]) == phrase:
                    found = found | {key}
            for key in found:
                hits[key] += 1
        return hits


@dataclass(frozen=True)
class TextAnalysis:
    term_counts: dict[str, int]  # stem -> occurrences (repeated parts counted repeatedly)
    surface_words: dict[str, str]  # stem -> first word it was seen as, for reasons
    categories: Counter[str]  # category slug -> phrase hits
    systems: frozenset[str]  # system slugs named in the text


class TextAnalyser:
    """Analyses free text against the curated category and system phrases."""

    def __init__(
        self,
        category_phrases: Mapping[str, Iterable[str]],
        system_phrases: Mapping[str, Iterable[str]],
    ):
        phrases: dict[Hashable, Iterable[str]] = {}
        phrases.update({("category", slug): terms for slug, terms in category_phrases.items()})
        phrases.update({("system", slug): terms for slug, terms in system_phrases.items()})
        self._spotter = PhraseSpotter(phrases)

    def analyse(self, parts: Iterable[tuple[str, int]]) -> TextAnalysis:
        """Analyse (text, repeat) parts; a part repeated twice (a title) counts twice."""
        term_counts: dict[str, int] = {}
        surface_words: dict[str, str] = {}
        categories: Counter[str] = Counter()
        systems: set[str] = set()
        for text, repeat in parts:
            all_words = words(text)
            tokens = [(term, word) for word in all_words for term in _terms(word)]
            for term, word in tokens:
                if term in term_counts:
                    term_counts[term] += repeat
                else:
                    term_counts[term] = repeat
                    surface_words[term] = word
            spotted = self._spotter.spot(_phrase_sequence(all_words))
            for (kind, slug), hits in spotted.items():
                if kind == "category":
                    categories[slug] += hits * repeat
                else:
                    systems.add(slug)
        return TextAnalysis(term_counts, surface_words, categories, frozenset(systems))
