"""How well an offering fits a need: the rules, the plain reference, and the reasons.

No Django here: profiles come in as plain dataclasses, so the rules can be read, tested
and benchmarked alone. `OfferingIndex` (in `matching.index`, importable from here too)
computes exactly these rules for many pairs at once; `score_pair` below is the plain
per-pair reference that the index must agree with to 1e-9.

    score = 100 × (w_need·need_fit + w_interop·interoperability + w_cost·cost_fit)

with weights ≥ 0 summing to 1 (default 0.5 / 0.3 / 0.2). Every part is between 0 and 1.

need_fit — does the offering do what the need asks?
    Both sides become weighted term vectors. Need: the title (counted twice), the
    description and the chosen category's name. Offering: the name (counted twice), the
    text and its categories' names. Words are lower-cased and lightly stemmed; stopwords
    and numbers are dropped. Because nonprofits and providers rarely use the same words,
    both sides also get concept terms from the curated Vocabulary:
    "category:<slug>" for every category chosen or spotted in the text through its
    keyword phrases ("patient records" and "EHR" both spot the health-records category),
    and "system:<slug>" for every system named in the text (for offerings, also every
    system they integrate with).
    A term weighs (1 + ln count) × idf, concept terms × CONCEPT_BOOST, where
    idf = ln((1 + N) / (1 + df)) + 1 over the N indexed offerings; cosine is taken over
    these vectors and saturated, since a good match's raw cosine is only 0.2–0.4:
        text_relevance = 1 − exp(−cosine / TEXT_SCALE)
    Category agreement = Σ share_c × strength_c over the need's categories: its chosen
    category (share 1) or, when none is chosen, the spotted ones shared in proportion to
    their keyword hits; strength is 1 for a category the offering chose and
    SPOTTED_CATEGORY_STRENGTH for one only spotted in its text.
        base = CATEGORY_SHARE × agreement + (1 − CATEGORY_SHARE) × text_relevance
    when the need has a category (chosen or spotted), else base = text_relevance.
        need_fit = base × deployment × language × region
    deployment = MISMATCH_FACTOR when the offering lists deployment modes but not the one
    wanted; language = 1 − LANGUAGE_PENALTY × (share of the need's languages the offering
    does not list); region = MISMATCH_FACTOR when the offering lists regions without the
    need's country. An empty deployment or language list is unknown and never penalised;
    empty regions mean worldwide. A strict need excludes any such mismatch instead: the
    pair scores 0 and is never returned by the index.

interoperability — will it work with the systems the organisation has?
    Each system earns credit 1 when the offering integrates with it, VIA_STANDARD_CREDIT
    when it does not but both speak an open standard (the system's standards ∩ the
    offering's), else 0; share = mean credit. export = 1 when the offering lists a
    data-export standard (CSV, JSON, REST API…), else 0.
        systems the need must integrate with:  0.9 × share + 0.1 × export
        none, but the organisation's systems:  0.5 + 0.4 × share + 0.1 × export
        no systems at all:                     0.5 + 0.1 × export
    Adding an integration or a standard never lowers it.

cost_fit — can the nonprofit afford it?
    Free and open source scores 1. Otherwise an unlisted nonprofit monthly price scores
    UNKNOWN_PRICE_FIT (never 1). With running = monthly × 12 and setup = setup cost
    (unlisted = none), against a yearly budget of monthly budget × 12 (0 for "free only"):
        no one-off budget:  fit(running + setup, yearly budget)
        one-off budget:     min(fit(running, yearly budget), fit(setup, one-off budget))
    where fit(cost, budget) = 1 within budget, falling linearly to 0 at twice the budget
    (0 for any cost over a zero budget). Without a yearly budget the running part is 1
    when free and NO_BUDGET_FIT otherwise. A lower price never lowers it.

Reasons are plain sentences, one or more per part, parts in order of their weight
(need, then interoperability, then cost with the default weights).
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from matching.text import TextAnalyser, TextAnalysis, idf, tf_weight

DEPLOYMENTS = ("cloud", "self_hosted", "offline_mobile")
FREE_OPEN_SOURCE = "free_open_source"

TITLE_REPEAT = 2
CONCEPT_BOOST = 2.0
TEXT_SCALE = 0.2
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
CATEGORY_PREFIX = "category:"
SYSTEM_PREFIX = "system:"

DEPLOYMENT_PHRASES = {
    "cloud": "as an online (cloud) service",
    "self_hosted": "to run on your own server",
    "offline_mobile": "for offline use on phones",
}


@dataclass(frozen=True)
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
    need: NeedProfile
    terms: dict[str, float]  # term -> weight before idf
    surface_words: dict[str, str]  # stem -> the word the need used
    category_shares: dict[str, float]  # category slug -> share of the need (sums to 1)
    systems: frozenset[str]  # systems interoperability is judged on
    systems_required: bool  # True: must-integrate systems; False: organisation's systems


@dataclass(frozen=True)
class OfferingFeatures:
    offering: OfferingProfile
    terms: dict[str, float]
    category_strength: dict[str, float]  # 1 chosen, SPOTTED_CATEGORY_STRENGTH spotted


def describe_need(need: NeedProfile, vocabulary: Vocabulary, analyser: TextAnalyser):
    parts = [(need.title, TITLE_REPEAT), (need.description, 1)]
    if need.category:
        parts.append((vocabulary.category_names.get(need.category, ""), 1))
    analysis = analyser.analyse(parts)
    if need.category:
        shares = {need.category: 1.0}
    else:
        total_hits = sum(analysis.categories.values())
        shares = {slug: hits / total_hits for slug, hits in analysis.categories.items()}
    categories = set(analysis.categories) | ({need.category} if need.category else set())
    return NeedFeatures(
        need=need,
        terms=_term_weights(analysis, categories, analysis.systems),
        surface_words=analysis.surface_words,
        category_shares=shares,
        systems=need.systems or need.org_systems,
        systems_required=bool(need.systems),
    )


def describe_offering(offering: OfferingProfile, vocabulary: Vocabulary, analyser: TextAnalyser):
    names = [vocabulary.category_names.get(slug, "") for slug in sorted(offering.categories)]
    analysis = analyser.analyse(
        [(offering.name, TITLE_REPEAT), (offering.text, 1), (" ; ".join(names), 1)]
    )
    strength = dict.fromkeys(analysis.categories, SPOTTED_CATEGORY_STRENGTH)
    strength.update(dict.fromkeys(offering.categories, 1.0))
    return OfferingFeatures(
        offering=offering,
        terms=_term_weights(analysis, set(strength), analysis.systems | offering.systems),
        category_strength=strength,
    )


def _term_weights(analysis: TextAnalysis, categories: Iterable[str], systems: Iterable[str]):
    weights = {term: tf_weight(count) for term, count in analysis.term_counts.items()}
    for slug in categories:
        weights[CATEGORY_PREFIX + slug] = CONCEPT_BOOST
    for slug in systems:
        weights[SYSTEM_PREFIX + slug] = CONCEPT_BOOST
    return weights


@dataclass(frozen=True)
class CorpusStats:
    """What scores depend on beyond the pair itself: the vocabulary and document frequencies."""

    vocabulary: Vocabulary
    analyser: TextAnalyser
    n_offerings: int
    document_frequency: Mapping[str, int]

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
        return idf(self.document_frequency.get(term, 0), self.n_offerings)


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
    need_fit = need_fit_before_compatibility(need_features, offering_features, stats)
    need_fit *= compatibility.factor
    interop = interoperability(need_features, offering, vocabulary)
    cost = cost_fit(need, offering)
    score = 100.0 * (weights.need * need_fit + weights.interop * interop + weights.cost * cost)
    if compatibility.excludes(need):
        score, need_fit = 0.0, 0.0
    reasons = explain(need_features, offering_features, stats, weights, compatibility, currency)
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


def cosine(need_terms: Mapping[str, float], offering_terms: Mapping[str, float], stats) -> float:
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
    return 1.0 - math.exp(-cosine / TEXT_SCALE)


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
    factor: float

    def excludes(self, need: NeedProfile) -> bool:
        return need.strict and not (
            self.deployment_ok and self.region_ok and not self.missing_languages
        )


def check_compatibility(need: NeedProfile, offering: OfferingProfile) -> Compatibility:
    deployment_ok = (
        need.deployment is None
        or not offering.deployments
        or need.deployment in offering.deployments
    )
    missing = sorted(need.languages - offering.languages) if offering.languages else []
    region_ok = need.country is None or not offering.regions or need.country in offering.regions
    language_factor = 1.0
    if need.languages:
        language_factor = 1.0 - LANGUAGE_PENALTY * len(missing) / len(need.languages)
    factor = (
        (1.0 if deployment_ok else MISMATCH_FACTOR)
        * language_factor
        * (1.0 if region_ok else MISMATCH_FACTOR)
    )
    return Compatibility(deployment_ok, tuple(missing), region_ok, factor)


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
    credits = [system_credit(system, offering, vocabulary) for system in sorted(need.systems)]
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


def explain(
    need: NeedFeatures,
    offering: OfferingFeatures,
    stats: CorpusStats,
    weights: Weights,
    compatibility: Compatibility,
    currency: str,
) -> tuple[str, ...]:
    """Plain sentences for a programme officer, the heaviest-weighted part first."""
    vocabulary = stats.vocabulary
    by_part = [
        (
            weights.need,
            [
                fit_reason(need, offering, stats),
                *compatibility_reasons(need.need, compatibility, vocabulary),
            ],
        ),
        (weights.interop, interop_reasons(need, offering.offering, vocabulary)),
        (weights.cost, [cost_reason(need.need, offering.offering, currency)]),
    ]
    by_part.sort(key=lambda part: -part[0])
    return tuple(reason for _, reasons in by_part for reason in reasons)


def fit_reason(need: NeedFeatures, offering: OfferingFeatures, stats: CorpusStats) -> str:
    names = stats.vocabulary.category_names
    shared_categories = sorted(
        (slug for slug in need.category_shares if slug in offering.category_strength),
        key=lambda slug: -need.category_shares[slug] * offering.category_strength[slug],
    )
    pieces = []
    if shared_categories:
        pieces.append("Category: " + _and(names.get(slug, slug) for slug in shared_categories))
    words = shared_words(need, offering, stats)
    if words:
        pieces.append("shared terms: " + ", ".join(words))
    if not pieces:
        return "Little in common with your description"
    return _capitalised("; ".join(pieces))


def shared_words(need: NeedFeatures, offering: OfferingFeatures, stats: CorpusStats):
    """The need's own words for the terms that weigh most in both texts."""
    shared = [term for term in need.terms if term in offering.terms and ":" not in term]
    shared.sort(key=lambda term: -need.terms[term] * offering.terms[term] * stats.idf(term) ** 2)
    return [need.surface_words[term] for term in shared[:SHARED_TERMS_SHOWN]]


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


def interop_reasons(
    need: NeedFeatures, offering: OfferingProfile, vocabulary: Vocabulary
) -> list[str]:
    reasons = []
    if need.systems:
        reasons.append(systems_reason(need, offering, vocabulary))
    export = exports_data(offering, vocabulary)
    if export:
        names = sorted(vocabulary.standard_names.get(slug, slug) for slug in export)
        reasons.append("Exports your data openly (" + ", ".join(names[:3]) + ")")
    elif not need.systems:
        reasons.append("No open data export listed")
    return reasons


def systems_reason(need: NeedFeatures, offering: OfferingProfile, vocabulary: Vocabulary) -> str:
    system_name = vocabulary.system_names
    direct, through, missing = [], [], []
    for system in sorted(need.systems, key=lambda slug: system_name.get(slug, slug)):
        name = system_name.get(system, system)
        if system in offering.systems:
            direct.append(name)
        elif standards := standards_in_common(system, offering, vocabulary):
            standard = _and(sorted(vocabulary.standard_names.get(s, s) for s in standards), "or")
            through.append(f"{name} through {standard}")
        else:
            missing.append(name)
    pieces = []
    if direct:
        pieces.append("integrates with " + _and(direct))
    if through:
        pieces.append("works with " + _and(through))
    if missing:
        pieces.append(("not with " if pieces else "does not integrate with ") + _and(missing, "or"))
    sentence = "; ".join(pieces)
    if need.systems_required:
        return _capitalised(sentence)
    return "Of the systems you already use: " + sentence


def cost_reason(need: NeedProfile, offering: OfferingProfile, currency: str) -> str:
    if offering.pricing_model == FREE_OPEN_SOURCE:
        return "Free and open source"
    if offering.nonprofit_monthly_price is None:
        return "Price not listed"
    running = offering.nonprofit_monthly_price * 12.0
    setup = offering.setup_cost or 0.0
    budget = yearly_budget(need)
    if need.one_off_budget is None:
        cost = running + setup
        sentence = _yearly_cost(running, setup, currency)
        if cost <= 0.0:
            return "Free for nonprofits" + (" — within your budget" if budget is not None else "")
        return sentence + _against(cost, budget, need.free_only, currency)
    sentence = _yearly_cost(running, 0.0, currency) + _against(
        running, budget, need.free_only, currency
    )
    if setup > 0.0:
        sentence += f"; setup about {_money(setup, currency)}" + _against(
            setup, need.one_off_budget, False, currency, "one-off "
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


def _and(items: Iterable[str], conjunction: str = "and") -> str:
    items = list(items)
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
