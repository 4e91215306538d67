"""How well an offering fits a need: the rules, stated in full below.

No Django here: profiles come in as plain dataclasses (`matching.core.profiles`), so the
rules can be read, tested and benchmarked alone. `score_pair` (`matching.core.reference`)
applies them one pair at a time in plain Python; `OfferingIndex` (`matching.core.index`)
computes exactly these rules for many pairs at once and agrees with `score_pair` to 1e-9.

    score = 100 × need_fit × (w_need + w_interop·interoperability + w_cost·cost_fit)

with the weights (default 0.5 / 0.3 / 0.2) scaled for each need by what it asks: a part the
need asks nothing of counts for nothing and the rest are scaled back to sum to 1
(`part_weights`): interoperability counts fully for systems the need must integrate with,
ORG_SYSTEMS_ASKED of it for the organisation's systems in use, not at all when no system is
named; cost counts when the need gives a budget (monthly, one-off or free tools only), not
at all without one. So with no system and no budget the score is 100 × need_fit, and a part
shown as a bar is always one that counted. Every part is between 0 and 1. Relevance comes
first: need fit caps the score (a pair whose need fit is below 0.3 scores below 30, whatever
it speaks or costs), and interoperability and cost only reorder pairs that fit, taking at
most their scaled weights of the score away. The score's band (strong, possible, weak;
`band`) is what pages and e-mails say in words.

need_fit — does the offering do what the need asks?
    Both sides become weighted term vectors: the need's title (counted twice) and
    description, the offering's name and text. Words are lower-cased and lightly stemmed
    ("messages", "messaging" → "messag"); stopwords and numbers are dropped. Because
    nonprofits and providers rarely use the same words, both sides also get concept
    terms from the curated Vocabulary: "category:<slug>" for a category chosen or spotted
    in the text through its keyword phrases ("patient records" and "EMR" both spot health
    records; "WhatsApp" and "two-way messaging" both spot messaging), counting its keyword
    hits like a word's occurrences, and "system:<slug>" for a system named in the text or,
    for an offering, listed as an integration.
    A term weighs (1 + ln count) × CONCEPT_BOOST for concepts × idf, with
    idf = ln((1 + N) / (1 + df)) over the N offerings in the index + 1. The cosine of the
    two vectors is saturated, since even good matches have small raw cosines:
        text_relevance = cosine² / (cosine² + TEXT_SCALE²)      (½ at a cosine of 0.15)
    Category agreement = Σ share_c × strength_c over the need's categories: the chosen one
    (share 1) or, when none is chosen, the spotted ones in proportion to their keyword
    hits; strength is 1 for a category the offering chose, SPOTTED_CATEGORY_STRENGTH for
    one only spotted in its text.
        lexical = CATEGORY_SHARE × agreement + (1 − CATEGORY_SHARE) × text_relevance
    when the need has a category, chosen or spotted; otherwise lexical = text_relevance.
    Words miss what a need means when it is put in other words, so the sentence embeddings
    of both sides add their semantic relevance (`matching.core.semantic`), when both have one:
        base = LEXICAL_SHARE × lexical + (1 − LEXICAL_SHARE) × meaning
        meaning = read × semantic + (1 − read) × SEMANTIC_LEVEL × text_relevance
    where read is the share of the need's embedded words that reach the encoder as English
    (`matching.core.text.english_share`, `NeedFeatures.read`): 1 for English, so meaning =
    semantic; less for Hinglish and Hindi, whose little words and unknown Devanagari words
    the English-only model is not given, so such a need leans on its words, which the
    glossary reads. What stands in for the unread share is the text relevance alone, on the
    semantic relevance's scale: category agreement, already in lexical, is the same for every
    tool of a category, and a top match's text relevance runs above its semantic relevance,
    so standing in with the whole lexical fit gave a Hindi need's matches higher scores than
    the same need's in English while ranking them worse (docs/benchmarks.md).
    base = lexical when either side has no embedding yet.
    base is a similarity, not yet a statement about relevance: what a person would call
    relevant rises steeply with it over a narrow range. So need fit is the chance a person
    would call the offering relevant to the need at that base, as the judged needs show it
    for the results a need's page lists first (its top ten), by `matching.core.chance`:
        chance = (σ(CHANCE_INTERCEPT + CHANCE_SLOPE × base) − σ(CHANCE_INTERCEPT))
                 / (1 − σ(CHANCE_INTERCEPT)),     σ(x) = 1 / (1 + e^−x)
    a logistic curve fitted by bench/calibration.py on the top tens of the judged needs and of
    their Hindi and Hinglish rewrites, moved so that a base of 0 stays 0. Of top-ten results
    scoring 60–69, about three in four were judged relevant; of those under 20, about one in
    five (docs/benchmarks.md, "Scores as chances").
        need_fit = chance × deployment × language × region × kind
    deployment = MISMATCH_FACTOR when the offering lists deployment modes but not the one
    wanted; language = 1 − LANGUAGE_PENALTY × (share of the need's languages the offering
    does not list); region = MISMATCH_FACTOR when the offering lists regions without the
    need's country; kind = NOT_SOFTWARE_FACTOR when the listing is not software but a data
    set, learning content, a standard or an AI model (`OfferingProfile.kind`): a need is
    posted for a tool to do its work with, and such a listing is seldom one (of the registry
    entries in the judged needs' top tens, 8 in 54 that are not software were judged
    relevant against 185 in 426 that are, docs/benchmarks.md), though it can be what a need
    asks for ("lessons for offline tablets"), so it is lowered, not left out. Empty
    deployments or languages are unknown and never penalised; empty regions mean worldwide.
    A strict need excludes a deployment, language or region mismatch instead: score and
    need_fit are 0 and the index never returns the pair.

interoperability — will it work with the systems the organisation has?
    Only the systems the need names count. Each earns credit 1 when the offering
    integrates with it, VIA_STANDARD_CREDIT when not but the offering speaks one of the
    system's bridging standards, else 0; interoperability = mean credit over the systems
    the need must integrate with or, when it names none, the organisation's systems in use
    (weighed less, above); with no system at all it is 0 and not asked. A bridging standard
    is one spoken by few of the curated systems (at most BRIDGING_SHARE of them, or one in a
    short list): XForms joins a form tool to KoboToolbox, but speaking JSON or a REST API,
    as nearly every system does, joins nothing in particular and earns nothing.
    Open data export is shown as a reason, not scored. Adding an integration or a
    standard never lowers it.

cost_fit — can the nonprofit afford it?
    Free and open source scores 1, unless it needs a server nobody runs for you and the
    listing or its category estimates the hosting: then the hosting × 12 is its running
    cost, held against the yearly budget as below (fit(hosting, yearly budget); with no
    yearly budget NO_BUDGET_FIT). Otherwise an unlisted nonprofit monthly price scores
    UNKNOWN_PRICE_FIT, never 1. With running = monthly price × 12 and setup = setup cost
    (unlisted = none), against a yearly budget of monthly budget × 12 (0 for "free only"):
        no one-off budget:  fit(running + setup, yearly budget)
        one-off budget:     min(fit(running, yearly budget), fit(setup, one-off budget))
    where fit(cost, budget) is 1 within budget, falls linearly to 0 at twice the budget,
    and is 0 for any cost over a zero budget. With only a one-off budget given, the running
    part is 1 when free and NO_BUDGET_FIT otherwise; with no budget at all cost is not asked
    and not part of the score (above). A lower price never lowers it.

IDF depends on every offering indexed, so scores do too: `score_pair` takes the index (or
its `corpus_stats()`, or `CorpusStats.from_offerings`) to use the same statistics.

The reasons shown with each score are written by `matching.core.reasons`, whose
docstring describes them.
"""

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

import matching.core.semantic as semantic

from .chance import chance
from .encoder import need_embedded_words
from .profiles import FREE_OPEN_SOURCE, SOFTWARE, NeedProfile, OfferingProfile, Vocabulary, Weights
from .text import TextAnalyser, TextAnalysis, english_share, idf, tf_weight

TITLE_REPEAT = 2
CONCEPT_BOOST = 1.0
TEXT_SCALE = 0.15
TEXT_SCALE_SQUARED = TEXT_SCALE * TEXT_SCALE
CATEGORY_SHARE = 0.4
LEXICAL_SHARE = 0.6  # of need fit, beside the meaning (docs/benchmarks.md: the lexical share)
# A top match's semantic relevance as a share of its text relevance (about 0.31 against 0.38
# in the English judged needs' top tens, bench/matching.py --quality): the text relevance
# stands in at this scale for what the encoder does not read of a need.
SEMANTIC_LEVEL = 0.9
SPOTTED_CATEGORY_STRENGTH = 0.5
MISMATCH_FACTOR = 0.6
LANGUAGE_PENALTY = 0.4
NOT_SOFTWARE_FACTOR = 0.7

VIA_STANDARD_CREDIT = 0.7
REQUIRED_SYSTEMS_ASKED = 1.0
ORG_SYSTEMS_ASKED = 0.4

UNKNOWN_PRICE_FIT = 0.3
NO_BUDGET_FIT = 0.8

# A word in at least this share of the offerings (and in at least COMMON_WORD_MIN_OFFERINGS
# of them) says nothing about one offering: it is not quoted as a word both sides share.
COMMON_WORD_SHARE = 0.05
COMMON_WORD_MIN_OFFERINGS = 20

CATEGORY_PREFIX = "category:"
SYSTEM_PREFIX = "system:"


# --- What each side brings to the formula, derived once per profile -----------------


@dataclass(frozen=True)
class NeedFeatures:
    """A need as the formula sees it; none of it depends on the offerings indexed."""

    need: NeedProfile
    terms: dict[str, float]  # term -> weight before idf
    words: frozenset[str]  # the terms that are words, not concepts
    surface_words: dict[str, str]  # stem -> the word the need used
    category_shares: dict[str, float]  # category slug -> share of the need (sums to 1)
    systems: tuple[str, ...]  # systems interoperability is judged on, by display name
    systems_required: bool  # True: must-integrate systems; False: organisation's systems
    read: float  # share of its embedded words the encoder reads (`english_read`)
    vector: np.ndarray | None = field(default=None, compare=False)  # semantic.unpack


@dataclass(frozen=True)
class OfferingFeatures:
    offering: OfferingProfile
    terms: dict[str, float]
    category_strength: dict[str, float]  # 1 chosen, SPOTTED_CATEGORY_STRENGTH spotted
    system_credits: dict[str, float]  # system slug -> credit, for the systems with any
    vector: np.ndarray | None = field(default=None, compare=False)  # semantic.unpack


def describe_need(
    need: NeedProfile, vocabulary: Vocabulary, analyser: TextAnalyser
) -> NeedFeatures:
    analysis = analyser.analyse([(need.title, TITLE_REPEAT), (need.description, 1)])
    if need.category:
        shares = {need.category: 1.0}
    else:
        total_hits = sum(analysis.categories.values())
        shares = {slug: hits / total_hits for slug, hits in analysis.categories.items()}
    chosen = {need.category} if need.category else set()
    return NeedFeatures(
        need=need,
        terms=_term_weights(analysis, chosen, frozenset()),
        words=frozenset(analysis.term_counts),
        surface_words=analysis.surface_words,
        category_shares=shares,
        systems=tuple(sorted(need.systems or need.org_systems, key=vocabulary.system_name)),
        systems_required=bool(need.systems),
        read=english_read(need),
        vector=semantic.unpack(need.embedding),
    )


def english_read(need: NeedProfile) -> float:
    """The share of what is embedded of the need that reaches the encoder in English: the
    share of its meaning the semantic relevance gives, the text relevance standing in for
    the rest."""
    return english_share(need_embedded_words(need.title, need.description))


def describe_offering(
    offering: OfferingProfile, vocabulary: Vocabulary, analyser: TextAnalyser
) -> OfferingFeatures:
    analysis = analyser.analyse([(offering.name, 1), (offering.text, 1)])
    strength = dict.fromkeys(analysis.categories, SPOTTED_CATEGORY_STRENGTH)
    strength.update(dict.fromkeys(offering.categories, 1.0))
    reachable = set(offering.systems)
    for standard in offering.standards & vocabulary.bridging_standards:
        reachable.update(vocabulary.systems_by_standard[standard])
    return OfferingFeatures(
        offering=offering,
        terms=_term_weights(analysis, offering.categories, offering.systems),
        category_strength=strength,
        system_credits={slug: system_credit(slug, offering, vocabulary) for slug in reachable},
        vector=semantic.unpack(offering.embedding),
    )


def _term_weights(
    analysis: TextAnalysis, chosen_categories: Iterable[str], listed_systems: Iterable[str]
) -> dict[str, float]:
    """Word terms, plus concept terms for categories and systems, spotted or chosen.

    A category's concept term counts its keyword hits like a word's occurrences (a
    chosen category counts at least once); a system counts once.
    """
    weights = {term: tf_weight(count) for term, count in analysis.term_counts.items()}
    category_hits = dict(analysis.categories)
    for slug in chosen_categories:
        category_hits[slug] = max(category_hits.get(slug, 0), 1)
    for slug, hits in category_hits.items():
        weights[CATEGORY_PREFIX + slug] = CONCEPT_BOOST * tf_weight(hits)
    for slug in analysis.systems | frozenset(listed_systems):
        weights[SYSTEM_PREFIX + slug] = CONCEPT_BOOST
    return weights


@dataclass(frozen=True)
class CorpusStats:
    """What scores depend on beyond the pair itself: the vocabulary and document frequencies."""

    vocabulary: Vocabulary
    analyser: TextAnalyser
    n_offerings: int
    document_frequency: Mapping[str, int]
    _idf: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    # Term -> its weight when reasons rank words to quote (`quote_weight`), filled as asked.
    quote_weights: dict[str, float | None] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @classmethod
    def from_offerings(cls, vocabulary: Vocabulary, offerings: Iterable[OfferingProfile]):
        analyser = vocabulary.analyser()
        frequency: dict[str, int] = {}
        n_offerings = 0
        for offering in offerings:
            n_offerings += 1
            for term in describe_offering(offering, vocabulary, analyser).terms:
                frequency[term] = frequency.get(term, 0) + 1
        return cls(vocabulary, analyser, n_offerings, frequency)

    def is_common(self, term: str) -> bool:
        """Found in so many offerings that sharing it tells nothing ("month" where most
        listings give a price per month; "data"): at least COMMON_WORD_SHARE of them and at
        least COMMON_WORD_MIN_OFFERINGS. Too few offerings to tell: no word is common."""
        frequency = self.document_frequency.get(term, 0)
        return frequency >= max(COMMON_WORD_MIN_OFFERINGS, COMMON_WORD_SHARE * self.n_offerings)

    def idf(self, term: str) -> float:
        value = self._idf.get(term)
        if value is None:
            value = idf(self.document_frequency.get(term, 0), self.n_offerings)
            self._idf[term] = value
        return value

    def quote_weight(self, term: str) -> float | None:
        """IDF² of ``term`` as reasons rank the words they may quote, None for a common one
        (`is_common`); kept in ``quote_weights``, which callers on a hot path read first."""
        weight = None if self.is_common(term) else self.idf(term) ** 2
        self.quote_weights[term] = weight
        return weight


class HasCorpusStats(Protocol):
    def corpus_stats(self) -> CorpusStats: ...


# --- The rules, part by part ----------------------------------------------------------


def need_fit_before_compatibility(
    need: NeedFeatures, offering: OfferingFeatures, stats: CorpusStats
) -> float:
    return float(chance(base_fit(need, offering, stats)))


def base_fit(need: NeedFeatures, offering: OfferingFeatures, stats: CorpusStats) -> float:
    """The similarity of the two sides that `chance` reads: words, categories and meaning."""
    relevance = text_relevance(cosine(need.terms, offering.terms, stats))
    category_share, text_share = need_fit_shares(need)
    lexical = category_share * category_agreement(need, offering) + text_share * relevance
    if need.vector is None or offering.vector is None:
        return lexical
    similar = float(semantic.relevance(semantic.cosine(need.vector, offering.vector)))
    meaning = need.read * similar + (1.0 - need.read) * SEMANTIC_LEVEL * relevance
    return LEXICAL_SHARE * lexical + (1.0 - LEXICAL_SHARE) * meaning


def need_fit_shares(need: NeedFeatures) -> tuple[float, float]:
    """How much category agreement and text relevance count for this need."""
    if need.category_shares:
        return CATEGORY_SHARE, 1.0 - CATEGORY_SHARE
    return 0.0, 1.0


def cosine(
    need_terms: Mapping[str, float], offering_terms: Mapping[str, float], stats: CorpusStats
) -> float:
    need_vector = {term: weight * stats.idf(term) for term, weight in need_terms.items()}
    offering_vector = {term: weight * stats.idf(term) for term, weight in offering_terms.items()}
    dot = 0.0
    for term, weight in need_vector.items():
        dot += weight * offering_vector.get(term, 0.0)
    norms = _norm(need_vector) * _norm(offering_vector)
    return dot / norms if norms > 0 else 0.0


def _norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(weight * weight for weight in vector.values()))


def text_relevance(cosine: float) -> float:
    squared = cosine * cosine
    return squared / (squared + TEXT_SCALE_SQUARED)


def category_agreement(need: NeedFeatures, offering: OfferingFeatures) -> float:
    agreement = 0.0
    for slug, share in need.category_shares.items():
        agreement += share * offering.category_strength.get(slug, 0.0)
    return agreement


@dataclass(frozen=True)
class Compatibility:
    deployment_ok: bool
    missing_languages: tuple[str, ...]
    region_ok: bool

    @property
    def deployment_factor(self) -> float:
        return 1.0 if self.deployment_ok else MISMATCH_FACTOR

    @property
    def region_factor(self) -> float:
        return 1.0 if self.region_ok else MISMATCH_FACTOR

    def language_factor(self, need: NeedProfile) -> float:
        if not need.languages:
            return 1.0
        return 1.0 - LANGUAGE_PENALTY * len(self.missing_languages) / len(need.languages)

    def excludes(self, need: NeedProfile) -> bool:
        return need.strict and not (
            self.deployment_ok and self.region_ok and not self.missing_languages
        )


def check_compatibility(need: NeedProfile, offering: OfferingProfile) -> Compatibility:
    if need.deployment is None and not need.languages and need.country is None:
        return FULLY_COMPATIBLE
    deployment_ok = (
        need.deployment is None
        or not offering.deployments
        or need.deployment in offering.deployments
    )
    missing = ()
    if need.languages and offering.languages:
        missing = tuple(sorted(need.languages - offering.languages))
    region_ok = need.country is None or not offering.regions or need.country in offering.regions
    return Compatibility(deployment_ok, missing, region_ok)


FULLY_COMPATIBLE = Compatibility(deployment_ok=True, missing_languages=(), region_ok=True)


def kind_factor(offering: OfferingProfile) -> float:
    """1 for software, NOT_SOFTWARE_FACTOR for any other kind of listing."""
    return 1.0 if offering.kind == SOFTWARE else NOT_SOFTWARE_FACTOR


def system_credit(system: str, offering: OfferingProfile, vocabulary: Vocabulary) -> float:
    if system in offering.systems:
        return 1.0
    if standards_in_common(system, offering, vocabulary):
        return VIA_STANDARD_CREDIT
    return 0.0


def standards_in_common(system: str, offering: OfferingProfile, vocabulary: Vocabulary):
    """The bridging standards the system and the offering both speak."""
    return vocabulary.system_bridges(system) & offering.standards


def interop_asked(need: NeedFeatures) -> float:
    """How much of its weight interoperability carries for this need: all of it for systems
    it must integrate with, ORG_SYSTEMS_ASKED for the organisation's systems in use, none
    when no system is named (nothing asked, nothing to score)."""
    if need.systems_required:
        return REQUIRED_SYSTEMS_ASKED
    return ORG_SYSTEMS_ASKED if need.systems else 0.0


def cost_asked(need: NeedProfile) -> bool:
    """A budget to judge cost by: monthly, one-off, or free tools only."""
    return need.free_only or need.monthly_budget is not None or need.one_off_budget is not None


def part_weights(weights: Weights, interop_share: float, cost_share: float):
    """(need, interoperability, cost) weights for one need: each part's weight times how
    much the need asked of it, scaled to sum to 1, so a part not asked neither lifts nor
    lowers the score. Nothing weighed at all: need fit alone."""
    interop = weights.interop * interop_share
    cost = weights.cost * cost_share
    total = weights.need + interop + cost
    if total <= 0.0:
        return 1.0, 0.0, 0.0
    return weights.need / total, interop / total, cost / total


def need_part_weights(need: NeedFeatures, weights: Weights):
    return part_weights(weights, interop_asked(need), float(cost_asked(need.need)))


def interoperability(
    need: NeedFeatures, offering: OfferingProfile, vocabulary: Vocabulary
) -> float:
    """The mean credit of the systems named (0 when none is named: then it is not asked)."""
    credits = [system_credit(system, offering, vocabulary) for system in need.systems]
    return sum(credits) / len(credits) if credits else 0.0


def cost_fit(need: NeedProfile, offering: OfferingProfile) -> float:
    if offering.pricing_model == FREE_OPEN_SOURCE:
        hosting = hosting_yearly(offering)
        return 1.0 if hosting is None else running_fit(hosting, yearly_budget(need))
    if offering.nonprofit_monthly_price is None:
        return UNKNOWN_PRICE_FIT
    running = offering.nonprofit_monthly_price * 12.0
    setup = offering.setup_cost or 0.0
    budget = yearly_budget(need)
    if need.one_off_budget is None:
        return running_fit(running + setup, budget)
    return min(running_fit(running, budget), budget_fit(setup, need.one_off_budget))


def hosting_yearly(offering: OfferingProfile) -> float | None:
    """What running free software on a server costs a year, when it needs one and the cost is
    estimated."""
    if not offering.needs_server or offering.hosting_monthly is None:
        return None
    return offering.hosting_monthly * 12.0


def yearly_budget(need: NeedProfile) -> float | None:
    if need.free_only:
        return 0.0
    if need.monthly_budget is None:
        return None
    return need.monthly_budget * 12.0


def running_fit(cost: float, budget: float | None) -> float:
    if budget is None:
        return 1.0 if cost <= 0.0 else NO_BUDGET_FIT
    return budget_fit(cost, budget)


def budget_fit(cost: float, budget: float) -> float:
    """1 within budget, falling linearly to 0 at twice the budget."""
    if cost <= budget:
        return 1.0
    if budget <= 0.0:
        return 0.0
    return max(0.0, 2.0 - cost / budget)
