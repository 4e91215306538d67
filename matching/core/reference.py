"""The reference: one pair at a time, in plain Python, by the rules in `matching.core.scoring`.

`OfferingIndex` (`matching.core.index`) computes the same scores for many pairs at once and
must agree with `score_pair` to 1e-9. IDF depends on every offering indexed, so scores do
too: `score_pair` takes the index (or its `corpus_stats()`, or `CorpusStats.from_offerings`)
to use the same statistics.
"""

from .profiles import DEFAULT_WEIGHTS, MatchScore, NeedProfile, OfferingProfile, Weights
from .reasons import Explainer
from .scoring import (
    CorpusStats,
    HasCorpusStats,
    check_compatibility,
    cost_fit,
    describe_need,
    describe_offering,
    interoperability,
    kind_factor,
    need_fit_before_compatibility,
    need_part_weights,
)


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
        * kind_factor(offering)
    )
    interop = interoperability(need_features, offering, vocabulary)
    cost = cost_fit(need, offering)
    w_need, w_interop, w_cost = need_part_weights(need_features, weights)
    score = 100.0 * (need_fit * (w_interop * interop + w_cost * cost + w_need))
    if compatibility.excludes(need):
        score, need_fit = 0.0, 0.0
    explainer = Explainer(need_features, stats, weights, currency)
    reasons = explainer.reasons(offering_features, compatibility)
    return MatchScore(offering.id, score, need_fit, interop, cost, reasons)
