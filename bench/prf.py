"""Pseudo-relevance feedback, measured on the judged needs (issue 19).

Run from the repository root:  python bench/prf.py   (about 1 minute)

Rocchio on the need's sentence embedding: after a first ranking by the engine, the need's
vector moves toward the mean of its top k offerings' unit vectors,

    q' = normalize(q + beta × mean(top k)),

and the need is ranked again with q' (quantized as stored). "unread" rows scale beta by
1 − english_share (the share of the need's embedded words the English-only encoder does not
read), so English needs are left as they are. "lexical" rows instead add to the need's term
weights the `count` terms (by mean weight × idf) of its top k offerings' terms it lacks, at
`weight` × their mean weight over those offerings, its embedding unchanged.
Each setting is measured as `bench/matching.py --quality` measures the engine
(`bench/quality.py`): the 48 judged needs (NDCG@10, recall@10, NDCG@10 per language), then the
translated and the Hindi-check sets (NDCG@10 of hi, hinglish, en_source). "0 0.0" is the
engine as it is. Measurement only: the engine does not do this."""

import os
import sys
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dataclasses import replace  # noqa: E402

import numpy as np  # noqa: E402

from bench import quality  # noqa: E402
from bench.matching import registry_offerings, vocabulary_from_defaults  # noqa: E402
from matching.core import NeedProfile, OfferingIndex  # noqa: E402
from matching.core.encoder import need_embedded_words  # noqa: E402
from matching.core.scoring import describe_offering  # noqa: E402
from matching.core.semantic import quantize, unpack  # noqa: E402
from matching.core.text import english_share, idf  # noqa: E402

GRID = [(0, 0.0)] + [(k, beta) for k in (3, 5, 10) for beta in (0.3, 0.5, 1.0)]
GRID += [(10, 2.0), (20, 1.0)]
# beta × (1 − english_share): feedback only for what the English-only encoder did not read.
UNREAD_GRID = [(5, 1.0), (10, 1.0), (10, 2.0)]
# The lexical variant: (k, the number of terms added, their weight against the mean term
# weight of the top k offerings), on the engine's semantic side.
LEXICAL_GRID = [(k, 10, w) for k in (5, 10) for w in (0.1, 0.3)]


def unit(vector: np.ndarray) -> np.ndarray:
    length = float(np.linalg.norm(vector))
    return vector / length if length > 0.0 else vector


def main() -> None:
    registry = registry_offerings()
    names = {offering.id: offering.name for offering in registry}
    vectors = {o.id: unit(unpack(o.embedding).astype(np.float64)) for o in registry}
    vocabulary = vocabulary_from_defaults()
    index = OfferingIndex(vocabulary, registry)
    analyser = index._analyser
    terms = {o.id: describe_offering(o, vocabulary, analyser).terms for o in registry}
    df: dict[str, int] = {}
    for weights in terms.values():
        for term in weights:
            df[term] = df.get(term, 0) + 1
    original = index._describe_need
    added: dict[str, float] = {}  # the terms the need being ranked again gains

    def describe(need: NeedProfile):
        features = original(need)
        if not added:
            return features
        return replace(features, terms={**added, **features.terms})

    index._describe_need = describe

    def ranker(k: int, beta: float, unread: bool = False):
        def rank(need: NeedProfile) -> list:
            first = index.match_need(need, threshold=0, top_k=max(k, quality.TOP))
            if unread:
                beta_need = beta * (
                    1.0 - english_share(need_embedded_words(need.title, need.description))
                )
            else:
                beta_need = beta
            if not beta_need or need.embedding is None:
                return first
            mean = np.mean([vectors[m.offering_id] for m in first[:k]], axis=0)
            moved = unit(unit(unpack(need.embedding).astype(np.float64)) + beta_need * mean)
            expanded = replace(need, embedding=quantize(moved))
            return index.match_need(expanded, threshold=0, top_k=quality.TOP)

        return rank

    def lexical_ranker(k: int, count: int, weight: float):
        def rank(need: NeedProfile) -> list:
            first = index.match_need(need, threshold=0, top_k=max(k, quality.TOP))
            own = original(need).terms
            mean: dict[str, float] = {}
            for match in first[:k]:
                for term, value in terms[match.offering_id].items():
                    mean[term] = mean.get(term, 0.0) + value / k
            best = sorted(
                (t for t in mean if t not in own),
                key=lambda t: -mean[t] * idf(df[t], len(registry)),
            )[:count]
            added.update({t: weight * mean[t] for t in best})
            try:
                return index.match_need(need, threshold=0, top_k=quality.TOP)
            finally:
                added.clear()

        return rank

    sets = {"dev": None} | {
        label: quality.translated_needs(path) for label, path in quality.TRANSLATIONS.items()
    }
    print(
        "k beta | dev ndcg recall en hi hinglish"
        " | translated hi hinglish en | hindi_check hi hinglish"
    )
    runs = [(f"{k} {beta}", ranker(k, beta)) for k, beta in GRID]
    runs += [(f"unread {k} {beta}", ranker(k, beta, unread=True)) for k, beta in UNREAD_GRID]
    runs += [
        (f"lexical {k} {count} {w}", lexical_ranker(k, count, w)) for k, count, w in LEXICAL_GRID
    ]
    for name, rank in runs:
        figures = {
            label: quality.evaluate(rank, names, items=items) for label, items in sets.items()
        }
        dev = figures["dev"]
        row = [
            name,
            f"{dev.ndcg:.3f} {dev.recall:.3f} "
            + " ".join(f"{dev.ndcg_by_language[lang]:.3f}" for lang in ("en", "hi", "hinglish")),
        ]
        for label in quality.TRANSLATIONS:
            q = figures[label]
            row.append(
                " ".join(f"{q.ndcg_by_language[lang]:.3f}" for lang in quality.TRANSLATED_LANGUAGES)
            )
        print(" | ".join(row), flush=True)


if __name__ == "__main__":
    main()
