"""The reasons shown with each match, in words, from the parts of its score.

Reasons are plain sentences for programme staff, parts in order of their weight (need,
interoperability, cost with the default weights): the shared categories and the need's
own words shared with the offering, then any deployment, language or region mismatch;
which required systems it integrates with, through which standard, and which not (or,
without required systems, which of the systems in use it works with), and whether it
exports data openly; then the yearly cost against the budget.
"""

from collections.abc import Sequence
from functools import lru_cache

from .profiles import FREE_OPEN_SOURCE, NeedProfile, OfferingProfile, Vocabulary, Weights
from .scoring import (
    Compatibility,
    CorpusStats,
    NeedFeatures,
    OfferingFeatures,
    yearly_budget,
)

SHARED_TERMS_SHOWN = 3
WORDS_SCANNED = 12  # shared terms are looked for among the need's weightiest words

DEPLOYMENT_PHRASES = {
    "cloud": "as an online (cloud) service",
    "self_hosted": "to run on your own server",
    "offline_mobile": "for offline use on phones",
}


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
