"""The reasons shown with each match, as codes with values: no words here.

Each reason is a JSON-ready dict, ``{"code": ..., **values}``, one code per kind of sentence;
`matching.reasons` (the Django side) turns them into words for the nonprofit or the
provider. Reasons come in parts, in order of their weight (need, interoperability, cost with
the default weights):

- need: ``same_kind`` (the shared categories, main one first, and any of the need's own
  words the offering shares), ``both_mention`` (shared words only) or ``little_in_common``;
  then ``not_offered_deployment``, ``not_offered_language`` and ``not_offered_region`` for
  each mismatch, and ``not_software`` (with its ``kind``) for a listing that is a data set,
  learning content, a standard or an AI model rather than software;
- interoperability: ``integrates`` (which required systems it integrates with, through which
  standard, and which not) or, without required systems, ``works_with_in_use`` or
  ``none_in_use`` (the organisation's systems in use); then ``exports`` (the open standards
  to take data out) or, with no systems at all, ``no_export``;
- cost: ``free_open_source``, ``free_needs_server`` (free software nobody runs for you: the
  yearly hosting estimate, or None when nobody gives one, against the budget),
  ``price_not_listed``, ``free_for_nonprofits``,
  ``free_to_use``, ``cost_yearly`` or ``cost_first_year``, with the budget and a verdict
  (``within``, ``over``, ``free_only``, or None without a budget); with a one-off budget,
  ``one_off`` holds the setup cost against it (``{"setup": 500, "budget": 1000, "verdict":
  "within"}``), on ``free_to_use`` and ``cost_yearly``; then ``no_budget`` when the need
  gives no budget at all (cost is then not part of the score).

A part the need asks nothing of (no system named; no budget given) is not scored, and
`parts_asked` tells from the reasons which parts were, so the bars show only those.

Each reason is either a fit (why the offering suits the need) or a watch-out (what to check
before choosing it); `fits_and_checks` sorts them, splitting a reason that holds both (the
systems it integrates with, and those it does not) into its two halves. A drawback is never
a fit: a cost with no budget to hold it against, or over the budget, is a watch-out.

Categories are kept as slugs, languages and countries as codes (the renderer names them);
systems and standards by their display names. Values are lists, never tuples, so a stored
reason equals the one computed again. Reasons are shared between matches through the caches
below: nothing may change one once made.
"""

import heapq
from functools import lru_cache

from .profiles import (
    FREE_OPEN_SOURCE,
    KINDS,
    SOFTWARE,
    NeedProfile,
    OfferingProfile,
    Reason,
    Vocabulary,
    Weights,
)
from .scoring import (
    Compatibility,
    CorpusStats,
    NeedFeatures,
    OfferingFeatures,
    cost_asked,
    hosting_yearly,
    yearly_budget,
)
from .stopwords import VAGUE_WORDS
from .text import stem

SHARED_TERMS_SHOWN = 3
WORDS_SCANNED = 12  # shared terms are looked for among the need's weightiest words
EXPORTS_SHOWN = 3
VAGUE_TERMS = frozenset(map(stem, VAGUE_WORDS))

# Every code the core writes, each with the names of its values.
CODES = {
    "same_kind": ("categories", "words"),
    "both_mention": ("words",),
    "little_in_common": (),
    "not_offered_deployment": ("deployment",),
    "not_offered_language": ("languages",),
    "not_offered_region": ("country",),
    "not_software": ("kind",),
    "integrates": ("systems", "through", "missing"),
    "works_with_in_use": ("systems", "missing"),
    "none_in_use": ("missing",),
    "exports": ("standards",),
    "no_export": (),
    "free_open_source": (),
    "free_needs_server": ("amount", "currency", "budget", "verdict", "asked_online"),
    "price_not_listed": (),
    "free_for_nonprofits": ("budget",),
    "free_to_use": ("currency", "one_off"),
    "cost_yearly": ("amount", "currency", "budget", "verdict", "one_off"),
    "cost_first_year": ("amount", "setup", "currency", "budget", "verdict"),
    "no_budget": (),
}
# Written when a cost's reason is sorted into fits and watch-outs (`fits_and_checks`), never
# stored: the setup half of a cost whose two halves differ.
SORTING_CODES = {"setup_cost": ("currency", "setup", "budget", "verdict")}

LITTLE_IN_COMMON: Reason = {"code": "little_in_common"}
NO_EXPORT: Reason = {"code": "no_export"}
FREE_AND_OPEN: Reason = {"code": "free_open_source"}
PRICE_NOT_LISTED: Reason = {"code": "price_not_listed"}
NO_BUDGET: Reason = {"code": "no_budget"}
SYSTEMS_CODES = frozenset({"integrates", "works_with_in_use", "none_in_use"})
ASKED_ONLINE = "cloud"  # the need's deployment when it asks for a tool run online for it


class Explainer:
    """Writes the reasons for one need, against as many offerings as needed.

    What depends only on the need (its words ranked by weight, its categories, the order
    of the parts, the standards its systems speak) is worked out once, and each reason made
    is kept for the next offering that earns the same one, so explaining many matches stays
    cheap.
    """

    def __init__(
        self,
        need: NeedFeatures,
        stats: CorpusStats,
        weights: Weights,
        currency: str,
        ranked: list[str] | None = None,
    ):
        """``ranked``: the need's words to look for in offerings, in order, when worked out
        already (`matching.core.quoted`, for one offering: those it shares)."""
        self.need = need
        self.vocabulary = stats.vocabulary
        self.currency = currency
        self.part_order = _parts_by_weight(weights)
        if ranked is None:
            ranked = _ranked_words(need, stats)
        self.ranked_words = [(term, need.surface_words[term]) for term in ranked]
        shares = need.category_shares
        self.categories = sorted(shares, key=lambda slug: (-shares[slug], slug))
        self.systems = frozenset(need.systems)
        self.bridging_standards = frozenset().union(
            *(self.vocabulary.system_bridges(system) for system in need.systems)
        )
        self.budget_reasons = () if cost_asked(need.need) else (NO_BUDGET,)
        self._fit_reasons: dict[tuple[tuple[str, ...], tuple[str, ...]], Reason] = {}
        self._systems_reasons: dict[tuple[frozenset[str], frozenset[str]], Reason] = {}
        self._in_use_reasons: dict[tuple[str, ...], Reason] = {}

    def reasons(
        self, offering: OfferingFeatures, compatibility: Compatibility
    ) -> tuple[Reason, ...]:
        need = self.need.need
        parts = (
            [
                self.fit_reason(offering),
                *compatibility_reasons(need, compatibility),
                *kind_reasons(offering.offering),
            ],
            self.interop_reasons(offering),
            [cost_reason(need, offering.offering, self.currency), *self.budget_reasons],
        )
        first, second, third = self.part_order
        return (*parts[first], *parts[second], *parts[third])

    def fit_reason(self, offering: OfferingFeatures) -> Reason:
        """E.g. ``{"code": "same_kind", "categories": ["surveys"], "words": ["offline"]}``.

        Categories are the offering's own, chosen by its provider or the registry's curators
        (those whose keywords its text merely mentions, as a use may, make no "same kind"), or,
        for an offering in none, those its text speaks of; main one first (by their share of
        the need). Words come in the
        need's own form, weightiest first (weight in the need × IDF²), leaving out words
        common across the offerings (`CorpusStats.is_common`) and words of time and amount
        (`stopwords.VAGUE_WORDS`): they tell nothing of fit.
        """
        own = offering.offering.categories or offering.category_strength
        shared = tuple(slug for slug in self.categories if slug in own)
        words = tuple(self.shared_words(offering))
        key = (shared, words)
        reason = self._fit_reasons.get(key)
        if reason is None:
            if shared:
                reason = {"code": "same_kind", "categories": list(shared), "words": list(words)}
            elif words:
                reason = {"code": "both_mention", "words": list(words)}
            else:
                reason = LITTLE_IN_COMMON
            self._fit_reasons[key] = reason
        return reason

    def shared_words(self, offering: OfferingFeatures) -> list[str]:
        found = []
        for term, word in self.ranked_words:
            if term in offering.terms:
                found.append(word)
                if len(found) == SHARED_TERMS_SHOWN:
                    break
        return found

    def interop_reasons(self, offering: OfferingFeatures) -> list[Reason]:
        reasons = []
        if self.need.systems_required:
            reasons.append(self.required_systems_reason(offering.offering))
        elif self.systems:
            reasons.append(self.systems_in_use_reason(offering))
        export = export_reason(self.vocabulary, offering.offering.standards)
        if export:
            reasons.append(export)
        elif not self.systems:
            reasons.append(NO_EXPORT)
        return reasons

    def required_systems_reason(self, offering: OfferingProfile) -> Reason:
        """E.g. ``{"code": "integrates", "systems": ["Google Sheets"], "through":
        [["KoboToolbox", "XForms"]], "missing": ["Tally"]}``, in the need's order."""
        key = (offering.systems & self.systems, offering.standards & self.bridging_standards)
        reason = self._systems_reasons.get(key)
        if reason is None:
            reason = self._systems_reasons[key] = self._required_systems_reason(*key)
        return reason

    def _required_systems_reason(
        self, integrated: frozenset[str], standards: frozenset[str]
    ) -> Reason:
        vocabulary = self.vocabulary
        direct, through, missing = [], [], []
        for system in self.need.systems:
            if system in integrated:
                direct.append(vocabulary.system_name(system))
            elif common := vocabulary.system_bridges(system) & standards:
                through.append(_through(vocabulary, system, common))
            else:
                missing.append(vocabulary.system_name(system))
        return {"code": "integrates", "systems": direct, "through": through, "missing": missing}

    def systems_in_use_reason(self, offering: OfferingFeatures) -> Reason:
        """E.g. ``{"code": "works_with_in_use", "systems": ["Google Sheets"], "missing":
        ["Tally"]}``: which of the systems the organisation uses it works with."""
        key = tuple(system for system in self.need.systems if system in offering.system_credits)
        reason = self._in_use_reasons.get(key)
        if reason is None:
            name = self.vocabulary.system_name
            missing = [name(system) for system in self.need.systems if system not in key]
            if key:
                systems = [name(system) for system in key]
                reason = {"code": "works_with_in_use", "systems": systems, "missing": missing}
            else:
                reason = {"code": "none_in_use", "missing": missing}
            self._in_use_reasons[key] = reason
        return reason


def _ranked_words(need: NeedFeatures, stats: CorpusStats) -> list[str]:
    ranked = []
    for term in need.words:
        weight = word_weight(term, stats)
        if weight is not None:
            ranked.append((-need.terms[term] * weight, term))
    return [term for _, term in heapq.nsmallest(WORDS_SCANNED, ranked)]


def word_weight(term: str, stats: CorpusStats) -> float | None:
    """How much a need's word counts towards being quoted, per unit of its weight in the
    need (`CorpusStats.quote_weight`, read from its cache first); None: never quoted (a vague
    word, or one common across the offerings)."""
    if term in VAGUE_TERMS:
        return None
    known = stats.quote_weights
    return known[term] if term in known else stats.quote_weight(term)


@lru_cache(maxsize=1 << 12)
def _through(vocabulary: Vocabulary, system: str, standards: frozenset[str]) -> list[str]:
    """E.g. ``["KoboToolbox", "XForms"]``: of several standards, the most specific one
    (spoken by the fewest systems) names the bridge, XForms rather than CSV."""
    standard = min(standards, key=vocabulary.standard_specificity)
    return [vocabulary.system_name(system), vocabulary.standard_name(standard)]


FIT_CODES = frozenset(
    {"same_kind", "both_mention", "exports", "free_open_source", "free_for_nonprofits"}
)
CHECK_CODES = frozenset(
    {
        "little_in_common",
        "not_offered_deployment",
        "not_offered_language",
        "not_offered_region",
        "not_software",
        "none_in_use",
        "no_export",
        "price_not_listed",
        "no_budget",
    }
)


def parts_asked(reasons) -> tuple[bool, bool]:
    """(systems asked, budget asked) of a match, by its reasons: the systems part is scored
    only when the need named systems (a reason about them is written), the cost part unless
    the need gave no budget (``no_budget``)."""
    codes = {reason.get("code") for reason in reasons or () if isinstance(reason, dict)}
    return bool(codes & SYSTEMS_CODES), "no_budget" not in codes


def fits_and_checks(reasons) -> tuple[list[Reason], list[Reason]]:
    """The reasons as (fits, watch-outs), each in the order given; unknown codes are left
    out of both."""
    fits: list[Reason] = []
    checks: list[Reason] = []
    for reason in reasons or ():
        if not isinstance(reason, dict):
            continue
        code = reason.get("code")
        if code in FIT_CODES:
            fits.append(reason)
        elif code in CHECK_CODES:
            checks.append(reason)
        elif code in ("integrates", "works_with_in_use"):
            _split_systems(reason, fits, checks)
        elif code == "free_needs_server":
            checks.append(reason)  # someone has to run a server, within budget or not
        elif code in ("free_to_use", "cost_yearly", "cost_first_year"):
            _sort_cost(reason, fits, checks)
    return fits, checks


def _split_systems(reason: Reason, fits: list[Reason], checks: list[Reason]) -> None:
    """The systems it works with are a fit; those it does not, a watch-out."""
    missing = reason.get("missing") or []
    if reason.get("systems") or reason.get("through"):
        fits.append({**reason, "missing": []} if missing else reason)
    if missing:
        checks.append({**reason, "systems": [], **({"through": []} if "through" in reason else {})})


def _sort_cost(reason: Reason, fits: list[Reason], checks: list[Reason]) -> None:
    """Free, or within every budget it is held against: a fit. Over a budget, or a price
    with no budget to judge it by: a watch-out. A setup cost held against the one-off budget
    whose verdict differs from the running cost's is split off (``setup_cost``), so that a
    setup within budget is not read among the watch-outs, nor one over it among the fits."""
    one_off = reason.get("one_off")
    running = [reason.get("verdict")] if reason["code"] != "free_to_use" else []
    setup = [one_off.get("verdict")] if isinstance(one_off, dict) else []
    within = [verdict == "within" for verdict in running + setup]
    if all(within):
        fits.append(reason)
    elif not setup or not any(within):
        checks.append(reason)
    else:
        alone = {key: value for key, value in reason.items() if key != "one_off"}
        (fits if all(verdict == "within" for verdict in running) else checks).append(alone)
        setup_cost = {"code": "setup_cost", "currency": reason["currency"], **one_off}
        (fits if setup == ["within"] else checks).append(setup_cost)


@lru_cache(maxsize=64)
def _parts_by_weight(weights: Weights) -> tuple[int, ...]:
    """Part indices (need, interoperability, cost), heaviest weight first."""
    parts = (weights.need, weights.interop, weights.cost)
    return tuple(sorted(range(3), key=lambda part: -parts[part]))


def compatibility_reasons(need: NeedProfile, compatibility: Compatibility) -> list[Reason]:
    reasons: list[Reason] = []
    if not compatibility.deployment_ok:
        reasons.append({"code": "not_offered_deployment", "deployment": need.deployment})
    if compatibility.missing_languages:
        languages = list(compatibility.missing_languages)
        reasons.append({"code": "not_offered_language", "languages": languages})
    if not compatibility.region_ok:
        reasons.append({"code": "not_offered_region", "country": need.country})
    return reasons


NOT_SOFTWARE: dict[str, Reason] = {
    kind: {"code": "not_software", "kind": kind} for kind in KINDS if kind != SOFTWARE
}


def kind_reasons(offering: OfferingProfile) -> list[Reason]:
    """``[{"code": "not_software", "kind": "data"}]`` for a listing that is not software."""
    reason = NOT_SOFTWARE.get(offering.kind)
    return [reason] if reason else []


@lru_cache(maxsize=1 << 15)
def export_reason(vocabulary: Vocabulary, standards: frozenset[str]) -> Reason | None:
    """E.g. ``{"code": "exports", "standards": ["CSV", "JSON"]}``; None when nothing is
    exported."""
    names = sorted(map(vocabulary.standard_name, standards & vocabulary.data_export_standards))
    return {"code": "exports", "standards": names[:EXPORTS_SHOWN]} if names else None


def cost_reason(need: NeedProfile, offering: OfferingProfile, currency: str) -> Reason:
    """E.g. ``{"code": "cost_yearly", "amount": 1200, "currency": "USD", "budget": 2400,
    "verdict": "within"}``: amounts in the need's own currency when it has one (it reads them
    beside its budget), else in ``currency``, the one every amount is compared in."""
    scale = 1.0
    if need.currency is not None and need.currency != currency:
        currency, scale = need.currency, need.per_site_unit

    def shown(amount: float | None) -> float | None:
        return None if amount is None else amount * scale

    budget = shown(yearly_budget(need))
    if offering.pricing_model == FREE_OPEN_SOURCE:
        if not offering.needs_server:
            return FREE_AND_OPEN
        return _needs_server_reason(
            shown(hosting_yearly(offering)),
            budget,
            need.free_only,
            currency,
            need.deployment == ASKED_ONLINE,
        )
    if offering.nonprofit_monthly_price is None:
        return PRICE_NOT_LISTED
    return _cost_reason(
        shown(offering.nonprofit_monthly_price * 12.0),
        shown(offering.setup_cost or 0.0),
        budget,
        shown(need.one_off_budget),
        need.free_only,
        currency,
    )


@lru_cache(maxsize=1 << 14)  # budgets and prices are mostly round numbers: few distinct pairs
def _cost_reason(
    running: float,
    setup: float,
    budget: float | None,
    one_off_budget: float | None,
    free_only: bool,
    currency: str,
) -> Reason:
    if one_off_budget is None:
        cost = running + setup
        if cost <= 0.0:
            return {"code": "free_for_nonprofits", "budget": _number(budget)}
        reason = _yearly_cost(running, setup, currency)
        return {**reason, **_against(cost, budget, free_only)}
    reason = _yearly_cost(running, 0.0, currency)
    if running > 0.0:
        reason.update(_against(running, budget, free_only))
    if setup > 0.0:
        reason["one_off"] = {
            "setup": _number(setup),
            "budget": _number(one_off_budget),
            "verdict": _verdict(setup, one_off_budget),
        }
    return reason


@lru_cache(maxsize=1 << 10)
def _needs_server_reason(
    hosting: float | None, budget: float | None, free_only: bool, currency: str, online: bool
) -> Reason:
    reason = {"code": "free_needs_server", "amount": _number(hosting), "currency": currency}
    if online:  # the need asked for a service run for them: a server of their own is news
        reason["asked_online"] = True
    if hosting is None:
        return {**reason, "budget": _number(budget), "verdict": None}
    return {**reason, **_against(hosting, budget, free_only)}


def _yearly_cost(running: float, setup: float, currency: str) -> Reason:
    if running <= 0.0 and setup <= 0.0:
        return {"code": "free_to_use", "currency": currency}
    if setup > 0.0:
        return {
            "code": "cost_first_year",
            "amount": _number(running + setup),
            "setup": _number(setup),
            "currency": currency,
        }
    return {"code": "cost_yearly", "amount": _number(running), "currency": currency}


def _against(cost: float, budget: float | None, free_only: bool) -> dict:
    """The budget a cost is held against, and the verdict: within, over, free_only (the
    need asked for free tools only), or None without a budget."""
    if budget is None:
        return {"budget": None, "verdict": None}
    verdict = "free_only" if free_only else _verdict(cost, budget)
    return {"budget": _number(budget), "verdict": verdict}


def _verdict(cost: float, budget: float) -> str:
    return "within" if cost <= budget else "over"


def _number(amount: float | None) -> float | int | None:
    """Whole amounts as integers (1200, not 1200.0), others to the cent."""
    if amount is None:
        return None
    return int(amount) if float(amount).is_integer() else round(amount, 2)
