"""Text analysis for matching: words, light stemming, curated phrases, TF-IDF weights.

Needs and listings rarely use the same words, so besides plain words the analysis spots
the curated taxonomy phrases (category keywords, system names and aliases) on word
boundaries. Phrases go through the same tokenising and stemming as the text, so
"patient records" is found in "keeps patient-record books" and "point of sale" in
"point-of-sale".

Stemming is a deliberately small suffix stripper (plurals, then one of a short list of
endings such as "ing", "ed", "ation", "ise"/"ize", "ment", then a final "e"): it joins
"messages" and "messaging", "donation" and "donate", "visualise" and "visualization"
without a language library.
"""

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")

_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing done down during
    each etc few for from further had has have having he her here hers him his how i if
    in into is it its itself just let me more most my no nor not now of off on once only
    or other our ours out over own same she should so some such than that the their them
    then there these they this those through to too under until up us very via was we
    were what when where which while who whom why will with within without would you your
    able currently like looking lot lots need needs needed want wants wanted please
    still something way ways
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


# (suffix, replacement, shortest stem left): the first that fits is applied, once.
SUFFIXES = (
    ("isation", "iz", 3),
    ("ization", "iz", 3),
    ("ational", "at", 3),
    ("ation", "at", 3),
    ("ional", "ion", 3),
    ("ising", "iz", 3),
    ("izing", "iz", 3),
    ("ised", "iz", 3),
    ("ized", "iz", 3),
    ("ise", "iz", 3),
    ("ize", "iz", 3),
    ("ical", "ic", 3),
    ("ment", "", 3),
    ("tion", "t", 5),
    ("sion", "s", 5),
    ("ing", "", 4),
    ("ed", "", 4),
)
UNDOUBLED = frozenset("bdgmnprt")  # "mapping" -> "mapp" -> "map"


def stem(word: str) -> str:
    """Strip common English endings so that forms of one word share a term.

    "messages", "messaging" -> "messag"; "donation", "donate" -> "donat";
    "organisation", "organizing" -> "organiz"; "clinical" -> "clinic"; "mapping" -> "map".
    """
    if len(word) > 4 and word.endswith("ies") and not word.endswith(("aies", "eies")):
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, replacement, shortest in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            word = word[: -len(suffix)] + replacement
            if suffix in ("ing", "ed") and word[-1] == word[-2] and word[-1] in UNDOUBLED:
                word = word[:-1]
            break
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def tokenize(text: str) -> list[tuple[str, str]]:
    """The text's content words as (stem, word) pairs, in order; stopwords and numbers left out."""
    tokens = []
    for word in WORD.findall(text.lower()):
        term = _term(word)
        if term:
            tokens.append((term, word))
    return tokens


@lru_cache(maxsize=1 << 17)
def _term(word: str) -> str:
    """The word's stem, or "" for a word that carries no meaning here."""
    if len(word) < 2 or word.isdigit() or word in STOPWORDS:
        return ""
    return stem(word)


def stems(text: str) -> tuple[str, ...]:
    return tuple(term for term, _ in tokenize(text))


def tf_weight(count: float) -> float:
    """Sublinear term frequency: the tenth mention of a word adds far less than the first."""
    return 1.0 + math.log(count)


def idf(document_frequency: int, n_documents: int) -> float:
    """Smoothed inverse document frequency; a term no listing uses gets the highest value."""
    return math.log((1.0 + n_documents) / (1.0 + document_frequency)) + 1.0


class PhraseSpotter:
    """Finds curated phrases in a stemmed token sequence, whole words only."""

    def __init__(self, phrases_by_key: Mapping[Hashable, Iterable[str]]):
        self._one_word: dict[str, set[Hashable]] = {}
        self._longer: dict[str, list[tuple[tuple[str, ...], Hashable]]] = {}
        for key, phrases in phrases_by_key.items():
            for phrase in phrases:
                terms = stems(phrase)
                if len(terms) == 1:
                    self._one_word.setdefault(terms[0], set()).add(key)
                elif terms:
                    self._longer.setdefault(terms[0], []).append((terms, key))

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
            tokens = tokenize(text)
            for term, word in tokens:
                if term in term_counts:
                    term_counts[term] += repeat
                else:
                    term_counts[term] = repeat
                    surface_words[term] = word
            for (kind, slug), hits in self._spotter.spot([term for term, _ in tokens]).items():
                if kind == "category":
                    categories[slug] += hits * repeat
                else:
                    systems.add(slug)
        return TextAnalysis(term_counts, surface_words, categories, frozenset(systems))
