"""Keyword search: PostgreSQL full-text search where we have it, a plain text match elsewhere,
widened to the categories the words name (the curated keywords bridge plain words and jargon).

On PostgreSQL each listing keeps a weighted ``search_vector`` (GIN-indexed, refreshed on save).
SQLite, the embedded default, has no full-text search that Django speaks, so there every word
of the query must begin a word somewhere in the listing's text, and listings rank by where their
words are: a word in the name counts most, in the summary or uses less, in the description
least (the weights PostgreSQL gives its A, B and C). On both, what the words mean counts too
where the list is given it (``fits``: the offerings list asks the matching engine, which reads
"survey" as data collection and "मरीज़ों का रिकॉर्ड" as patient records), so that among the
listings a word finds, the tools for it come before those that only mention it; and a listing
the search names (its name or title equal to the words, or beginning with them as a word)
comes first. A search in Hinglish or Hindi also finds listings with the English words the
glossary reads its words as (`in_english`: "mahila swasthya" finds "women's health").
"""

import os
import re
from collections.abc import Mapping
from functools import reduce
from operator import add, and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, Value, When

from matching.core.text import WORD, english_meanings, stem

SEARCH_CONFIG = "english"
# What a word found in a field of each weight counts for in SQLite's rank: PostgreSQL's
# ts_rank weights for A, B, C and D.
FIELD_WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# What a fit to the words' meaning (0–1) counts for, beside the words' own rank (`_meant`):
# more than where the words stand (a name against a summary is at most about 0.4 in either
# database's rank), so that a tool for the words comes before one that names them in passing.
MEANING_RANK = 2.0
# Above any rank a listing's words and their meaning give it (SQLite's at most 2 and
# PostgreSQL's ts_rank at most 1, plus MEANING_RANK): a listing named by the search comes
# first (`_named`).
NAMED_RANK = 5.0
# A SQLite search word is cut to the part it shares with its stem only when that keeps this
# many letters: "tally" to "tall", but "uses" stays "uses" rather than "us".
MIN_STEM = 4


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


def weighted_vector(model) -> SearchVector:
    vectors = [
        SearchVector(field, weight=weight, config=SEARCH_CONFIG)
        for field, weight in model.search_fields
    ]
    return reduce(lambda left, right: left + right, vectors)


def refresh_search_vectors(queryset: QuerySet) -> None:
    if uses_full_text_search():
        queryset.update(search_vector=weighted_vector(queryset.model))


def keyword_search(
    queryset: QuerySet, text: str, *also: Q | QuerySet, fits: Mapping[int, float] | None = None
) -> QuerySet:
    """Listings matching every word of ``text``, or any of ``also`` (listings in a category
    or a language the text names, or found by meaning), annotated with a ``rank``: text
    matches first, each raised by its fit to what the text means (``fits``, by listing id).

    Each of ``also`` is either a condition on the listing's own row, ORed in directly so that
    PostgreSQL combines the indexes (BitmapOr), or a queryset of listing ids, for a
    many-to-many relation that a plain condition would list a listing twice for. Then the text
    match becomes an id subquery too: each is looked up once in its own index, where the
    earlier single subquery joined the relation and scanned every listing's search vector.
    """
    text = text.strip()
    if not text:
        return queryset
    if uses_full_text_search():
        query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        rank = SearchRank(F("search_vector"), query)
        matches = Q(search_vector=query)
    else:
        matches, rank = _plain_match(queryset.model.search_fields, text.split())
    rank = rank + _meant(fits or {}) + _named(queryset.model.search_fields[0][0], text)
    conditions = [other for other in also if not isinstance(other, QuerySet)]
    id_sets = [other for other in also if isinstance(other, QuerySet)]
    if id_sets:
        text_ids = queryset.model.objects.filter(matches).values("pk")
        matches = reduce(or_, (Q(pk__in=ids) for ids in id_sets), Q(pk__in=text_ids))
    return queryset.filter(reduce(or_, conditions, matches)).annotate(rank=rank)


def in_english(model, text: str) -> QuerySet | None:
    """The ids of listings whose texts have, for each word of ``text``, one of the English
    words the glossary reads it as: a search in Hinglish or Hindi ("mahila swasthya",
    "हिसाब किताब") also finds what is written in English ("women's health", "bookkeeping"),
    which the words as typed never meet. None when the glossary reads every word as itself
    (an English search): the search as typed says it all."""
    meanings = [
        words
        for meaning in english_meanings(text)
        if (words := tuple(w for part in meaning for w in part.split() if w.isalnum()))
    ]
    typed = {word.lower() for word in WORD.findall(text)}
    if not meanings or all(set(words) <= typed for words in meanings):
        return None
    if uses_full_text_search():
        raw = " & ".join("(" + " | ".join(words) + ")" for words in meanings)
        matches = Q(search_vector=SearchQuery(raw, search_type="raw", config=SEARCH_CONFIG))
    else:
        fields = [field for field, _weight in model.search_fields]
        matches = reduce(
            and_,
            (
                reduce(or_, (_word_in(field, word) for word in words for field in fields))
                for words in meanings
            ),
        )
    return model.objects.filter(matches).values("pk")


def _named(heading: str, text: str) -> Case:
    """What naming a listing counts for on top of its rank: a search for "QGIS" lists QGIS
    before the plugins whose texts say QGIS more often, and "Moodle" Moodle before Moodle LMS
    (``heading``, the listing's name or title, equal to the text, or beginning with it as a
    word: "QGIS Server" for "QGIS", not "SurveyStack" for "survey")."""
    return Case(
        When(**{f"{heading}__iexact": text}, then=Value(NAMED_RANK)),
        When(**{f"{heading}__istartswith": f"{text} "}, then=Value(NAMED_RANK / 2)),
        default=Value(0.0),
    )


def _meant(fits: Mapping[int, float]) -> Case | Value:
    """What fitting the words' meaning counts for: MEANING_RANK × the fit, to two places (the
    listings of one rounded fit in one condition, so a hundred fits stay a few dozen)."""
    by_fit: dict[float, list[int]] = {}
    for pk, fit in fits.items():
        by_fit.setdefault(round(fit, 2), []).append(pk)
    if not by_fit:
        return Value(0.0)
    whens = [When(pk__in=pks, then=Value(fit * MEANING_RANK)) for fit, pks in by_fit.items()]
    return Case(*whens, default=Value(0.0))


def _word_in(field: str, word: str) -> Q:
    """``word``, or what it shares with its Snowball stem, at the start of a word of ``field``,
    any case, as PostgreSQL's search matches stems: "tally" finds "Tally" and "tallying", not
    "digitally"; "donors" finds "donor" and "donors". The plain substring test runs first,
    cheaply, and the word-start one only on the rows it lets through."""
    word = word.lower()
    shared = os.path.commonprefix([word, stem(word)])
    if len(shared) >= MIN_STEM:
        word = shared
    start = rf"(^|\W){re.escape(word)}"
    return Q(**{f"{field}__icontains": word}) & Q(**{f"{field}__iregex": start})


def _plain_match(search_fields, words: list[str]) -> tuple[Q, Case]:
    """(every word somewhere in the text, a rank): 1 for a listing with every word, plus where
    its words are, weighed by field (FIELD_WEIGHTS) and scaled below 1, so that a listing
    with every word always ranks above one found only through its category."""
    found = {
        (word, field): _word_in(field, word) for word in words for field, _weight in search_fields
    }
    per_word = [reduce(or_, (found[word, field] for field, _ in search_fields)) for word in words]
    matches = reduce(and_, per_word)
    most = len(words) * sum(FIELD_WEIGHTS[weight] for _field, weight in search_fields)
    where = reduce(
        add,
        (
            Case(When(found[word, field], then=Value(FIELD_WEIGHTS[weight] / most)), default=0.0)
            for word in words
            for field, weight in search_fields
        ),
    )
    every_word = Case(When(matches, then=Value(1.0)), default=Value(0.0))
    return matches, every_word + where
