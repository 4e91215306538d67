"""The chance curve of `matching.core.chance` (CHANCE_INTERCEPT, CHANCE_SLOPE), fitted on the
top tens of the judged needs, their Hindi and Hinglish rewrites and the Hindi check set
(bench/quality.py), pooled as bench/bands.py pools them.

Run from the repository root:  python bench/calibration.py

Each top-ten result, as the app ranks it now, gives its base fit (`scoring.base_fit`) and
whether it was judged relevant; a logistic curve of the base (maximum likelihood, SciPy) gives
the chance a person calls such a result relevant. Printed:

- the two numbers fitted on all the pooled top tens (what `scoring` should hold);
- the score gap (mean score of relevant top-ten results less that of the others) with the
  curve fitted without the need: the needs fall into CV_FOLDS folds by the English need they
  were written from (a rewrite is never in another fold than its source), and each fold's
  scores come from the curve fitted on the other folds;
- for each band of ten shown scores, the share of results judged relevant (how far a score
  reads as a chance).
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as bench/matching.py

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from scipy.special import log_expit  # noqa: E402

from bench import quality  # noqa: E402
from bench.matching import registry_offerings, vocabulary_from_defaults  # noqa: E402
from matching.core import OfferingIndex  # noqa: E402
from matching.core.chance import CHANCE_INTERCEPT, CHANCE_SLOPE, chance  # noqa: E402
from matching.core.scoring import base_fit, describe_need, describe_offering  # noqa: E402

CV_FOLDS = 8


def top_tens() -> list[dict]:
    """Each pooled need's top ten as the app ranks it: its fold's key (the English need it
    comes from) and, per result, the base fit, the shown score and whether it was judged
    relevant."""
    vocabulary = vocabulary_from_defaults()
    registry = registry_offerings()
    index = OfferingIndex(vocabulary, registry)
    stats = index.corpus_stats()
    by_id = {o.id: describe_offering(o, vocabulary, stats.analyser) for o in registry}
    names = {o.id: o.name for o in registry}
    kept = quality.kept_names()
    sets = [quality.judged_needs()] + [
        [item for item in quality.translated_needs(path) if item["lang"] != "en_source"]
        for path in quality.TRANSLATIONS.values()
    ]
    tops = []
    for items in sets:
        needs = quality.embedded([quality.need_profile(i, it) for i, it in enumerate(items, 1)])
        for need, item in zip(needs, items, strict=True):
            grades = quality.folded(item["relevant"], kept)
            features = describe_need(need, vocabulary, stats.analyser)
            found = index.match_need(need, threshold=0, top_k=quality.TOP)
            tops.append(
                {
                    "source": item.get("source_title", item["title"]),
                    "base": np.array(
                        [base_fit(features, by_id[m.offering_id], stats) for m in found]
                    ),
                    "score": np.array([m.score for m in found]),
                    "relevant": np.array([names[m.offering_id] in grades for m in found]),
                }
            )
    return tops


def fit(base: np.ndarray, relevant: np.ndarray) -> tuple[float, float]:
    """Intercept and slope of the logistic curve of `relevant` on `base`."""

    def loss(params):
        logits = params[0] + params[1] * base
        return -np.sum(np.where(relevant, log_expit(logits), log_expit(-logits)))

    found = minimize(loss, x0=np.array([CHANCE_INTERCEPT, CHANCE_SLOPE]), method="BFGS")
    return float(found.x[0]), float(found.x[1])


def rescored(top: dict, intercept: float, slope: float) -> np.ndarray:
    """The top ten's scores with another curve: the shown score is the chance times the
    factors and parts, which do not depend on the curve."""
    other = chance(top["base"].copy(), intercept, slope)
    now = chance(top["base"].copy())
    return np.divide(top["score"] * other, now, out=np.zeros_like(other), where=now > 0)


def main() -> None:
    tops = top_tens()
    base = np.concatenate([t["base"] for t in tops])
    relevant = np.concatenate([t["relevant"] for t in tops])
    intercept, slope = fit(base, relevant)
    print(f"{len(tops)} needs, {len(base)} top-ten results, {relevant.mean():.0%} judged relevant")
    print(f"fitted on all: CHANCE_INTERCEPT={intercept:.2f} CHANCE_SLOPE={slope:.2f}")
    sources = sorted({t["source"] for t in tops})
    fold = {source: i % CV_FOLDS for i, source in enumerate(sources)}
    curves = {}
    for k in range(CV_FOLDS):
        inside = [t for t in tops if fold[t["source"]] != k]
        curves[k] = fit(
            np.concatenate([t["base"] for t in inside]),
            np.concatenate([t["relevant"] for t in inside]),
        )
    held_out = np.concatenate([rescored(t, *curves[fold[t["source"]]]) for t in tops])
    shown = np.concatenate([t["score"] for t in tops])
    for label, scores in (
        ("as the app scores", shown),
        ("curve fitted without the need", held_out),
    ):
        gap = scores[relevant].mean() - scores[~relevant].mean()
        print(
            f"{label}: relevant {scores[relevant].mean():.1f}, others "
            f"{scores[~relevant].mean():.1f}, score_gap={gap:.1f}"
        )
    print("shown score: share judged relevant (results)")
    for low in range(0, 100, 10):
        inside = (shown >= low) & (shown < low + 10)
        if inside.any():
            print(f"  {low:>2}–{low + 9}: {relevant[inside].mean():.2f} ({inside.sum()})")


if __name__ == "__main__":
    main()
