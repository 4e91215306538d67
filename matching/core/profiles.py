"""What the matching core reads and returns: plain, immutable dataclasses.

The Django side (`matching.profiles`) builds these from directory rows; nothing here knows
about the database. `Vocabulary` holds the curated taxonomies, `NeedProfile` and
`OfferingProfile` the two sides of a pair, `Weights` the share of each part of the score,
and `MatchScore` the result with its reasons (`Reason`, written by `matching.core.reasons`).
"""

import hashlib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from .text import TextAnalyser

# One reason for a match: {"code": ..., **values}, JSON-ready (matching.core.reasons).
Reason = dict[str, Any]

DEPLOYMENTS = ("cloud", "self_hosted", "offline_mobile", "on_a_computer")
BRIDGING_SHARE = 0.2  # matching.core.scoring: which standards bridge to a system
FREE_OPEN_SOURCE = "free_open_source"
# What a listing is: software one uses, or a data set, learning content, a standard (a
# specification) or a trained AI model to use with software (the registry's own types).
SOFTWARE = "software"
KINDS = (SOFTWARE, "data", "content", "standard", "ai_model")


def _canonical(value):
    if isinstance(value, Mapping):
        return sorted((key, _canonical(item)) for key, item in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    return value


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

    def fingerprint(self) -> str:
        """The same for vocabularies of the same content, whatever the order of their sets
        (which differs between processes: a copy unpickled elsewhere has the same one), so
        it can key what was analysed with it."""
        content = [_canonical(getattr(self, name.name)) for name in fields(self)]
        return hashlib.sha256(repr(content).encode()).hexdigest()

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

    @cached_property
    def bridging_standards(self) -> frozenset[str]:
        """The standards that join an offering to a particular system: those spoken by at
        most BRIDGING_SHARE of the curated systems (or by one, in a short list)."""
        most = max(1, int(BRIDGING_SHARE * len(self.system_standards)))
        return frozenset(
            standard
            for standard, systems in self.systems_by_standard.items()
            if len(systems) <= most
        )

    def system_bridges(self, system: str) -> frozenset[str]:
        """The system's bridging standards."""
        return self.system_standards.get(system, frozenset()) & self.bridging_standards

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


def listing_text(
    summary: str, description: str, uses: Sequence[str] = (), uses_hi: Sequence[str] = ()
) -> str:
    """What the need fit reads of an offering besides its name: its summary and description,
    or the description alone when it begins with the summary (an imported registry entry
    without a curator's note has its first sentence as summary), whose words would otherwise
    count twice; then its everyday uses (`use_lines`), one sentence each, in English and in
    Hindi (a Hindi need meets the Hindi uses in its own words: docs/benchmarks.md, "What
    people use it for")."""
    summary, description = summary.strip(), description.strip()
    text = description
    if not description.startswith(summary.rstrip("…").rstrip()):
        text = f"{summary}\n{description}"
    uses = (*uses, *uses_hi)
    return f"{text}\n{'. '.join(uses)}" if uses else text


def use_lines(text: str) -> tuple[str, ...]:
    """An offering's uses as written, one a line, blank lines left out."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


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
    needs_server: bool = False  # free software nobody runs online for you
    hosting_monthly: float | None = None  # what its server costs a month; None = not known
    embedding: bytes | None = None  # matching.core.semantic.quantize; None = not computed
    kind: str = SOFTWARE  # one of KINDS


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
    embedding: bytes | None = None  # matching.core.semantic.quantize; None = not computed
    # The currency the need's budget was written in, and how many of it one unit of the
    # site's currency makes: reasons show amounts in it. None = the site's currency.
    currency: str | None = None
    per_site_unit: float = 1.0


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

# Bands: what a score means in words. Calibrated by bench/bands.py on the judged needs, their
# translations and the Hindi check set (docs/benchmarks.md#bands-calibrated-on-the-pooled-sets):
# strong from the score where most strong top-ten results are judged relevant while a fair
# share of needs still has one; weak ones are folded away on pages and not e-mailed.
STRONG = "strong"
POSSIBLE = "possible"
WEAK = "weak"
BANDS = (STRONG, POSSIBLE, WEAK)
STRONG_SCORE = 70.0
POSSIBLE_SCORE = 45.0
# The least score the need form's preview and the API's match-preview show. Matches under the
# curators' threshold are neither stored nor e-mailed, but a person asking what would fit sees
# the best there are (under the default threshold, DEFAULT_THRESHOLD, all in the weak band)
# rather than nothing; under this score an offering shares next to nothing with the need: its
# need fit, a chance, is under 2 in 100, as at the default weights the need's part is at least
# half of the score (`matching.services`).
SHOWN_SCORE = 1.0
# The curators' threshold until they change it (`MatchingSettings.threshold`): a match scoring
# less is not stored. On the chance scale a stored match is one with at least a 40% chance of
# being judged relevant; a need's page folds those under POSSIBLE_SCORE away as weak
# (docs/benchmarks.md, "Scores as chances").
DEFAULT_THRESHOLD = 40.0


def band(score: float, strong: float = STRONG_SCORE, possible: float = POSSIBLE_SCORE) -> str:
    """The band of a score as people read it, a whole number (44.6 shows as 45: possible);
    other thresholds than the app's are for calibrating them (bench/bands.py)."""
    if score >= lowest_score_of(strong):
        return STRONG
    if score >= lowest_score_of(possible):
        return POSSIBLE
    return WEAK


def lowest_score_of(shown: float) -> float:
    """The lowest score that shows as ``shown`` once rounded half up, as pages round it."""
    return shown - 0.5


@dataclass(frozen=True)
class MatchScore:
    offering_id: int
    score: float  # 0–100
    need_fit: float  # each part 0–1
    interoperability: float
    cost_fit: float
    reasons: tuple[Reason, ...]

    @property
    def band(self) -> str:
        return band(self.score)
