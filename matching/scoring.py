"""How well an offering fits a need: the rules, the plain reference, and the reasons.

No Django here: profiles come in as plain dataclasses, so the rules can be read, tested
and benchmarked alone. `OfferingIndex` (in `matching.index`, importable from here too)
computes exactly these rules for many pairs at once; `score_pair` below is the plain
per-pair reference the index agrees with to 1e-9.

    score = 100 × (w_need·need_fit + w_interop·interoperability + w_cost·cost_fit)

with weights ≥ 0 summing to 1 (default 0.5 / 0.3 / 0.2). Every part is between 0 and 1.

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
        base = CATEGORY_SHARE × agreement + (1 − CATEGORY_SHARE) × text_relevance
    when the need has a category, chosen or spotted; otherwise base = text_relevance.
        need_fit = base × deployment × language × region
    deployment = MISMATCH_FACTOR when the offering lists deployment modes but not the one
    wanted; language = 1 − LANGUAGE_PENALTY × (share of the need's languages the offering
    does not list); region = MISMATCH_FACTOR when the offering lists regions without the
    need's country. Empty deployments or languages are unknown and never penalised; empty
    regions mean worldwide. A strict need excludes any such mismatch instead: score and
    need_fit are 0 and the index never returns the pair.

interoperability — will it work with the systems the organisation has?
    Each system earns credit 1 when the offering integrates with it, VIA_STANDARD_CREDIT
    when not but the offering speaks one of the system's open standards, else 0;
    share = mean credit. export = 1 when the offering lists a data-export standard.
        systems the need must integrate with:  0.9 × share + 0.1 × export
        none, but the organisation's systems:  0.5 + 0.4 × share + 0.1 × export
        no systems at all:                     0.5 + 0.1 × export
    Adding an integration or a standard never lowers it.

cost_fit — can the nonprofit afford it?
    Free and open source scores 1. Otherwise an unlisted nonprofit monthly price scores
    UNKNOWN_PRICE_FIT, never 1. With running = monthly price × 12 and setup = setup cost
    (unlisted = none), against a yearly budget of monthly budget × 12 (0 for "free only"):
        no one-off budget:  fit(running + setup, yearly budget)
        one-off budget:     min(fit(running, yearly budget), fit(setup, one-off budget))
    where fit(cost, budget) is 1 within budget, falls linearly to 0 at twice the budget,
    and is 0 for any cost over a zero budget. With no yearly budget given, the running
    part is 1 when free and NO_BUDGET_FIT otherwise. A lower price never lowers it.

IDF depends on every offering indexed, so scores do too: `score_pair` takes the index (or
its `corpus_stats()`, or `CorpusStats.from_offerings`) to use the same statistics.

Reasons are plain sentences for programme staff, parts in order of their weight (need,
interoperability, cost with the default weights): the shared categories and the need's
own words shared with the offering, then any deployment, language or region mismatch;
which required systems it integrates with, through which standard, and which not (or,
without required systems, which of the systems in use it works with), and whether it
exports data openly; then the yearly cost against the budget.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Protocol

from matching.text import TextAnalyser, TextAnalysis, idf, tf_weight

DEPLOYMENTS = ("cloud", "self_hosted", "offline_mobile")
FREE_OPEN_SOURCE = "free_open_source"

TITLE_REPEAT = 2
CONCEPT_BOOST = 1.0
TEXT_SCALE = 0.15
TEXT_SCALE_SQUARED = TEXT_SCALE * TEXT_SCALE
CATEGORY_SHARE = 0.4
SPOTTED_CATEGORY_STRENGTH = 0.5
MISMATCH_FACTOR = 0.6
LANGUAGE_PENALTY = 0.4

VIA_STANDARD_CREDIT = 0.7
EXPORT_CREDIT = 0.1
REQUIRED_SYSTEMS_SHARE = 0.9
ORG_SYSTEMS_BASE = 0.5
ORG_SYSTEMS_SHARE = 0.4
NO_SYSTEMS_BASE = 0.5

UNKNOWN_PRICE_FIT = 0.3
NO_BUDGET_FIT = 0.8

SHARED_TERMS_SHOWN = 3
WORDS_SCANNED = 12  # shared terms are looked for among the need's weightiest words
CATEGORY_PREFIX = "category:"
SYSTEM_PREFIX = "system:"

DEPLOYMENT_PHRASES = {
    "cloud": "as an online (cloud) service",
    "self_hosted": "to run on your own server",
    "offline_mobile": "for offline use on phones",
}


@dataclass(frozen=True, eq=False)  # compared and hashed by identity, so it can key caches
class Vocabulary:
    """The curated taxonomies, editable by admins in the Django layer."""

    category_names: Mapping[str, str]
    category_terms: Mapping[str, Sequence[str]]
    system_names: Mapping[str, str]
    system_terms: Mapping[str, Sequence[str]]
    system_standards: Mapping[str, frozenset[str]]
    standard_names: Mapping[str, str]
    data_export_standards: frozenset[str]
    language_names: Mapping[str, str] = field(default_factory=dict)  # "sw" -> "Swahili"
    country_names: Mapping[str, str] = field(default_factory=dict)  # "KE" -> "Kenya"

    def system_name(self, slug: str) -> str:
        return self.system_names.get(slug, slug)

    def standard_specificity(self, slug: str) -> tuple[int, str]:
        """Sorts standards most specific first: spoken by the fewest systems, then by name."""
        return (len(self.systems_by_standard.get(slug, ())), self.standard_name(slug))

    @cached_property
    def systems_by_standard(self) -> dict[str, frozenset[str]]:
        """Standard slug -> the systems that speak it."""
        systems: dict[str, set[str]] = {}
        for system, standards in self.system_standards.items():
            for standard in standards:
                systems.setdefault(standard, set()).add(system)
        return {standard: frozenset(slugs) for standard, slugs in systems.items()}

    def standard_name(self, slug: str) -> str:
        return self.standard_names.get(slug, slug)

    def analyser(self) -> TextAnalyser:
        """Spots categories and systems by their keywords and by their own names."""
        return TextAnalyser(
            _phrases(self.category_names, self.category_terms),
            _phrases(self.system_names, self.system_terms),
        )


def _phrases(names: Mapping[str, str], terms: Mapping[str, Sequence[str]]):
    slugs = set(names) | set(terms)
    return {slug: [names.get(slug, ""), *terms.get(slug, ())] for slug in slugs}


@dataclass(frozen=True)
class OfferingProfile:
    id: int
    name: str
    text: str  # summary + description
    categories: frozenset[str] = frozenset()
    systems: frozenset[str] = frozenset()
    standards: frozenset[str] = frozenset()
    deployments: frozenset[str] = frozenset()  # subset of DEPLOYMENTS; empty = unknown
    languages: frozenset[str] = frozenset()  # ISO 639-1; empty = unknown
    regions: frozenset[str] = frozenset()  # ISO 3166 alpha-2; empty = worldwide
    pricing_model: str = FREE_OPEN_SOURCE  # free_open_source|freemium|nonprofit_discount|paid
    nonprofit_monthly_price: float | None = None  # None = not listed
    setup_cost: float | None = None  # None = not listed, taken as none


@dataclass(frozen=True)
class NeedProfile:
    id: int | None
    title: str
    description: str
    category: str | None = None
    systems: frozenset[str] = frozenset()  # the solution must integrate with these
    org_systems: frozenset[str] = frozenset()  # in use; count when `systems` is empty
    monthly_budget: float | None = None
    one_off_budget: float | None = None
    free_only: bool = False
    deployment: str | None = None  # one of DEPLOYMENTS, or None = any
    languages: frozenset[str] = frozenset()
    country: str | None = None
    strict: bool = False  # mismatched deployment/language/region excludes instead of lowering


@dataclass(frozen=True)
class Weights:
    need: float = 0.5
    interop: float = 0.3
    cost: float = 0.2

    def __post_init__(self):
        parts = (self.need, self.interop, self.cost)
        if any(not math.isfinite(part) or part < 0 for part in parts):
            raise ValueError("Matching weights must be zero or more.")
        if abs(sum(parts) - 1.0) > 1e-6:
            raise ValueError("Matching weights must add up to 1.")


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class MatchScore:
    offering_id: int
    score: float  # 0–100
    need_fit: float  # each part 0–1
    interoperability: float
    cost_fit: float
    reasons: tuple[str, ...]


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


@dataclass(frozen=True)
class OfferingFeatures:
    offering: OfferingProfile
    terms: dict[str, float]
    category_strength: dict[str, float]  # 1 chosen, SPOTTED_CATEGORY_STRENGTH spotted
    system_credits: dict[str, float]  # system slug -> credit, for the systems with any


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
    )


def describe_offering(
    offering: OfferingProfile, vocabulary: Vocabulary, analyser: TextAnalyser
) -> OfferingFeatures:
    analysis = analyser.analyse([(offering.name, 1), (offering.text, 1)])
    strength = dict.fromkeys(analysis.categories, SPOTTED_CATEGORY_STRENGTH)
    strength.update(dict.fromkeys(offering.categories, 1.0))
    reachable = set(offering.systems)
    for standard in offering.standards:
        reachable.update(vocabulary.systems_by_standard.get(standard, ()))
    return OfferingFeatures(
        offering=offering,
        terms=_term_weights(analysis, offering.categories, offering.systems),
        category_strength=strength,
        system_credits={slug: system_credit(slug, offering, vocabulary) for slug in reachable},
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

    def idf(self, term: str) -> float:
        value = self._idf.get(term)
        if value is None:
            value = idf(self.document_frequency.get(term, 0), self.n_offerings)
            self._idf[term] = value
        return value


class HasCorpusStats(Protocol):
    def corpus_stats(self) -> CorpusStats: ...


# --- The reference: one pair at a time, plain Python ------------------------------------


def score_pair(
    need: NeedProfile,
    offering: OfferingProfile,
    index_or_corpus_stats: CorpusStats | HasCorpusStats,
    weights: Weights = DEFAULT_WEIGHTS,
    currency: str = "USD",
) -> MatchScore:
    """Score one pair with plain loops and dicts: the reference the index must agree with."""
    stats = index_or_corpus_stats
    if not isinstance(stats, CorpusStats):
        stats = stats.corpus_stats()
    vocabulary = stats.vocabulary
    need_features = describe_need(need, vocabulary, stats.analyser)
    offering_features = describe_offering(offering, vocabulary, stats.analyser)

    compatibility = check_compatibility(need, offering)
    need_fit = (
        need_fit_before_compatibility(need_features, offering_features, stats)
        * compatibility.deployment_factor
        * compatibility.language_factor(need)
        * compatibility.region_factor
    )
    interop = interoperability(need_features, offering, vocabulary)
    cost = cost_fit(need, offering)
    score = 100.0 * (weights.need * need_fit + weights.interop * interop + weights.cost * cost)
    if compatibility.excludes(need):
        score, need_fit = 0.0, 0.0
    explainer = Explainer(need_features, stats, weights, currency)
    reasons = explainer.reasons(offering_features, compatibility)
    return MatchScore(offering.id, score, need_fit, interop, cost, reasons)


def need_fit_before_compatibility(
    need: NeedFeatures, offering: OfferingFeatures, stats: CorpusStats
) -> float:
    relevance = text_relevance(cosine(need.terms, offering.terms, stats))
    category_share, text_share = need_fit_shares(need)
    return category_share * category_agreement(need, offering) + text_share * relevance


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


def system_credit(system: str, offering: OfferingProfile, vocabulary: Vocabulary) -> float:
    if system in offering.systems:
        return 1.0
    if standards_in_common(system, offering, vocabulary):
        return VIA_STANDARD_CREDIT
    return 0.0


def standards_in_common(system: str, offering: OfferingProfile, vocabulary: Vocabulary):
    return vocabulary.system_standards.get(system, frozenset()) & offering.standards


def interop_coefficients(need: NeedFeatures) -> tuple[float, float]:
    """(base, weight of the system share) for this need's kind of system list."""
    if need.systems_required:
        return 0.0, REQUIRED_SYSTEMS_SHARE
    if need.systems:
        return ORG_SYSTEMS_BASE, ORG_SYSTEMS_SHARE
    return NO_SYSTEMS_BASE, 0.0


def interoperability(
    need: NeedFeatures, offering: OfferingProfile, vocabulary: Vocabulary
) -> float:
    base, share_weight = interop_coefficients(need)
    credits = [system_credit(system, offering, vocabulary) for system in need.systems]
    share = sum(credits) / len(credits) if credits else 0.0
    export = 1.0 if exports_data(offering, vocabulary) else 0.0
    return base + share_weight * share + EXPORT_CREDIT * export


def exports_data(offering: OfferingProfile, vocabulary: Vocabulary) -> frozenset[str]:
    return offering.standards & vocabulary.data_export_standards


def cost_fit(need: NeedProfile, offering: OfferingProfile) -> float:
    if offering.pricing_model == FREE_OPEN_SOURCE:
        return 1.0
    if offering.nonprofit_monthly_price is None:
        return UNKNOWN_PRICE_FIT
    running = offering.nonprofit_monthly_price * 12.0
    setup = offering.setup_cost or 0.0
    budget = yearly_budget(need)
    if need.one_off_budget is None:
        return running_fit(running + setup, budget)
    return min(running_fit(running, budget), budget_fit(setup, need.one_off_budget))


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


# --- Reasons in words ------------------------------------------------------------------


class Explainer:
    """Writes the reasons for one need, against as many offerings as needed.

    What depends only on the need (its words ranked by weight, its categories, the order
    of the parts, the standards its systems speak) is worked out once, so explaining many
    matches stays cheap.
    """

    def __init__(self, need: NeedFeatures, stats: CorpusStats, weights: Weights, currency: str):
        self.need = need
        self.vocabulary = stats.vocabulary
        self.currency = currency
        self.part_order = _parts_by_weight(weights)
        ranked = sorted(
            need.words, key=lambda term: (-need.terms[term] * stats.idf(term) ** 2, term)
        )
        self.ranked_words = [(term, need.surface_words[term]) for term in ranked[:WORDS_SCANNED]]
        shares = need.category_shares
        self.categories = sorted(shares, key=lambda slug: (-shares[slug], slug))
        self.systems = frozenset(need.systems)
        self.bridging_standards = frozenset().union(
            *(self.vocabulary.system_standards.get(system, ()) for system in need.systems)
        )
        self._category_phrases: dict[tuple[str, ...], str] = {}
        self._systems_sentences: dict[tuple[frozenset[str], frozenset[str]], str] = {}
        self._in_use_sentences: dict[tuple[str, ...], str] = {}

    def reasons(self, offering: OfferingFeatures, compatibility: Compatibility) -> tuple[str, ...]:
        need = self.need.need
        parts = (
            [
                self.fit_reason(offering),
                *compatibility_reasons(need, compatibility, self.vocabulary),
            ],
            self.interop_reasons(offering),
            [cost_reason(need, offering.offering, self.currency)],
        )
        first, second, third = self.part_order
        return (*parts[first], *parts[second], *parts[third])

    def fit_reason(self, offering: OfferingFeatures) -> str:
        """E.g. "Same kind of tool: Data collection & surveys; both mention offline, survey".

        Categories come main one first (by their share of the need); words come in the
        need's own form, weightiest first (weight in the need × IDF²).
        """
        shared = tuple(slug for slug in self.categories if slug in offering.category_strength)
        words = self.shared_words(offering)
        if shared and words:
            return f"{self.category_phrase(shared)}; both mention {', '.join(words)}"
        if shared:
            return self.category_phrase(shared)
        if words:
            return "Both mention " + ", ".join(words)
        return "Little in common with your description"

    def category_phrase(self, categories: tuple[str, ...]) -> str:
        phrase = self._category_phrases.get(categories)
        if phrase is None:
            names = self.vocabulary.category_names
            phrase = "Same kind of tool: " + _and([names.get(slug, slug) for slug in categories])
            self._category_phrases[categories] = phrase
        return phrase

    def shared_words(self, offering: OfferingFeatures) -> list[str]:
        found = []
        for term, word in self.ranked_words:
            if term in offering.terms:
                found.append(word)
                if len(found) == SHARED_TERMS_SHOWN:
                    break
        return found

    def interop_reasons(self, offering: OfferingFeatures) -> list[str]:
        reasons = []
        if self.need.systems_required:
            reasons.append(self.required_systems_reason(offering.offering))
        elif self.systems:
            reasons.append(self.systems_in_use_reason(offering))
        export = export_reason(self.vocabulary, offering.offering.standards)
        if export:
            reasons.append(export)
        elif not self.systems:
            reasons.append("No way to take your data out is listed")
        return reasons

    def required_systems_reason(self, offering: OfferingProfile) -> str:
        """E.g. "Integrates with Google Sheets; works with KoboToolbox through XForms"."""
        key = (offering.systems & self.systems, offering.standards & self.bridging_standards)
        sentence = self._systems_sentences.get(key)
        if sentence is None:
            sentence = self._systems_sentences[key] = self._required_systems_sentence(*key)
        return sentence

    def _required_systems_sentence(
        self, integrated: frozenset[str], standards: frozenset[str]
    ) -> str:
        vocabulary = self.vocabulary
        direct, through, missing = [], [], []
        for system in self.need.systems:
            if system in integrated:
                direct.append(vocabulary.system_name(system))
            elif common := vocabulary.system_standards.get(system, frozenset()) & standards:
                through.append(_through(vocabulary, system, common))
            else:
                missing.append(vocabulary.system_name(system))
        pieces = []
        if direct:
            pieces.append("integrates with " + _and(direct))
        if through:
            pieces.append("works with " + _and(through))
        if missing:
            lead = "not with " if pieces else "does not integrate with "
            pieces.append(lead + _and(missing, "or"))
        return _capitalised("; ".join(pieces))

    def systems_in_use_reason(self, offering: OfferingFeatures) -> str:
        """E.g. "Works with Google Sheets, which you already use; not with Tally"."""
        key = tuple(system for system in self.need.systems if system in offering.system_credits)
        sentence = self._in_use_sentences.get(key)
        if sentence is None:
            name = self.vocabulary.system_name
            missing = [name(system) for system in self.need.systems if system not in key]
            if not key:
                sentence = "Works with none of the systems you already use"
            else:
                sentence = f"Works with {_and([name(s) for s in key])}, which you already use"
                if missing:
                    sentence += "; not with " + _and(missing, "or")
            self._in_use_sentences[key] = sentence
        return sentence


@lru_cache(maxsize=1 << 12)
def _through(vocabulary: Vocabulary, system: str, standards: frozenset[str]) -> str:
    """E.g. "KoboToolbox through XForms": of several standards, the most specific one
    (spoken by the fewest systems) names the bridge, XForms rather than CSV."""
    standard = min(standards, key=vocabulary.standard_specificity)
    return f"{vocabulary.system_name(system)} through {vocabulary.standard_name(standard)}"


@lru_cache(maxsize=64)
def _parts_by_weight(weights: Weights) -> tuple[int, ...]:
    """Part indices (need, interoperability, cost), heaviest weight first."""
    parts = (weights.need, weights.interop, weights.cost)
    return tuple(sorted(range(3), key=lambda part: -parts[part]))


def compatibility_reasons(
    need: NeedProfile, compatibility: Compatibility, vocabulary: Vocabulary
) -> list[str]:
    reasons = []
    if not compatibility.deployment_ok:
        reasons.append(f"Not offered {DEPLOYMENT_PHRASES.get(need.deployment, need.deployment)}")
    if compatibility.missing_languages:
        names = vocabulary.language_names
        languages = [names.get(code, code) for code in compatibility.missing_languages]
        reasons.append("Not offered in " + _and(languages, "or"))
    if not compatibility.region_ok:
        reasons.append(f"Not offered in {vocabulary.country_names.get(need.country, need.country)}")
    return reasons


@lru_cache(maxsize=1 << 15)
def export_reason(vocabulary: Vocabulary, standards: frozenset[str]) -> str:
    """E.g. "You can take your data out (CSV, JSON)"; empty when nothing is exported."""
    names = sorted(map(vocabulary.standard_name, standards & vocabulary.data_export_standards))
    return f"You can take your data out ({', '.join(names[:3])})" if names else ""


def cost_reason(need: NeedProfile, offering: OfferingProfile, currency: str) -> str:
    if offering.pricing_model == FREE_OPEN_SOURCE:
        return "Free and open source"
    if offering.nonprofit_monthly_price is None:
        return "Price not listed"
    return _cost_sentence(
        offering.nonprofit_monthly_price * 12.0,
        offering.setup_cost or 0.0,
        yearly_budget(need),
        need.one_off_budget,
        need.free_only,
        currency,
    )


@lru_cache(maxsize=1 << 14)  # budgets and prices are mostly round numbers: few distinct pairs
def _cost_sentence(
    running: float,
    setup: float,
    budget: float | None,
    one_off_budget: float | None,
    free_only: bool,
    currency: str,
) -> str:
    if one_off_budget is None:
        cost = running + setup
        if cost <= 0.0:
            return "Free for nonprofits" + (" — within your budget" if budget is not None else "")
        return _yearly_cost(running, setup, currency) + _against(cost, budget, free_only, currency)
    sentence = _yearly_cost(running, 0.0, currency) + _against(running, budget, free_only, currency)
    if setup > 0.0:
        sentence += f"; setup about {_money(setup, currency)}" + _against(
            setup, one_off_budget, False, currency, "one-off "
        )
    return sentence


def _yearly_cost(running: float, setup: float, currency: str) -> str:
    if running <= 0.0 and setup <= 0.0:
        return "Free to use"
    if setup > 0.0:
        return (
            f"About {_money(running + setup, currency)} in the first year "
            f"(including {_money(setup, currency)} setup)"
        )
    return f"About {_money(running, currency)} a year"


def _against(cost: float, budget: float | None, free_only: bool, currency, kind: str = "") -> str:
    if budget is None or cost <= 0.0:
        return ""
    if free_only:
        return " — you asked for free tools only"
    verdict = "within" if cost <= budget else "over"
    return f" — {verdict} your {_money(budget, currency)} {kind}budget"


def _money(amount: float, currency: str) -> str:
    return f"{currency} {amount:,.0f}"


def _and(items: Sequence[str], conjunction: str = "and") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def __getattr__(name: str):
    # `matching.index` builds on this module, so the index is re-exported lazily.
    if name == "OfferingIndex":
        from matching.index import OfferingIndex

        return OfferingIndex
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
