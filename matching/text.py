"""Text analysis for matching: words, light stemming, curated phrases, TF-IDF weights.

Needs and listings rarely use the same words, so besides plain words the analysis spots
the curated taxonomy phrases (category keywords, system names and aliases) on word
boundaries. Phrases go through the same tokenising and stemming as the text, so
"patient records" is found in "keeps patient-record books" and "point of sale" in
"point-of-sale".

Stemming is a deliberately small suffix stripper (plural "s"/"es"/"ies", "ing", "ed",
final "e"): it joins "messages", "message" and "messaging" without a language library.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

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


def stem(word: str) -> str:
    """Strip common English suffixes so inflections of one word share a term."""
    if len(word) > 4 and word.endswith("ies") and not word.endswith(("aies", "eies")):
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if len(word) > 6 and word.endswith("ing"):
        word = word[:-3]
    elif len(word) > 5 and word.endswith("ed"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("e"):
        word = word[:-1]
    return word


def tokenize(text: str) -> list[tuple[str, str]]:
    """The text's content words as (stem, word) pairs, in order; stopwords and numbers left out."""
    tokens = []
    for word in WORD.findall(text.lower()):
        if len(word) < 2 or word.isdigit() or word in STOPWORDS:
            continue
        tokens.append((stem(word), word))
    return tokens


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

    def __init__(self, phrases_by_key: Mapping[str, Iterable[str]]):
        self._phrases_by_first_term: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for key, phrases in phrases_by_key.items():
            for phrase in phrases:
                terms = stems(phrase)
                if terms:
                    candidates = self._phrases_by_first_term.setdefault(terms[0], [])
                    candidates.append((terms, key))
        for candidates in self._phrases_by_first_term.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))

    def spot(self, terms: Sequence[str]) -> Counter[str]:
        """How many times each key's phrases occur; each key counts once per position."""
        hits: Counter[str] = Counter()
        for position, term in enumerate(terms):
            seen_here = set()
            for phrase, key in self._phrases_by_first_term.get(term, ()):
                if key in seen_here:
                    continue
                if tuple(terms[position : position + len(phrase)]) == phrase:
                    hits[key] += 1
                    seen_here.add(key)
        return hits


@dataclass(frozen=True)
class TextAnalysis:
    term_counts: Counter[str]  # stem -> occurrences (repeated parts counted repeatedly)
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
        self._categories = PhraseSpotter(category_phrases)
        self._systems = PhraseSpotter(system_phrases)

    def analyse(self, parts: Iterable[tuple[str, int]]) -> TextAnalysis:
        """Analyse (text, repeat) parts; a part repeated twice (a title) counts twice."""
        term_counts: Counter[str] = Counter()
        surface_words: dict[str, str] = {}
        categories: Counter[str] = Counter()
        systems: set[str] = set()
        for text, repeat in parts:
            tokens = tokenize(text)
            terms = [term for term, _ in tokens]
            for term, word in tokens:
                surface_words.setdefault(term, word)
                term_counts[term] += repeat
            for slug, hits in self._categories.spot(terms).items():
                categories[slug] += hits * repeat
            systems.update(self._systems.spot(terms))
        return TextAnalysis(term_counts, surface_words, categories, frozenset(systems))
