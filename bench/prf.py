"""Pseudo-relevance feedback on the semantic side, measured on the judged needs (issue 19).

Run from the repository root:  python bench/prf.py   (about 3 minutes)

Rocchio on the need's sentence embedding: after a first ranking by the engine, the need's
vector moves toward the mean of its top k offerings' unit vectors,

    q' = normalize(q + beta × mean(top k)),

and the need is ranked again with q' (quantized as stored). Each (k, beta) of the grid is
measured as `bench/matching.py --quality` measures the engine (`bench/quality.py`): the 48
judged needs, then the translated and the Hindi-check sets. beta = 0 is the engine as it is.
Measurement only: the engine does not do this.
"""

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
from matching.core.semantic import quantize, unpack  # noqa: E402

GRID = [(0, 0.0)] + [(k, beta) for k in (3, 5, 10) for beta in (0.3, 0.5, 1.0)]


def unit(vector: np.ndarray) -> np.ndarray:
    length = float(np.linalg.norm(vector))
    return vector / length if length > 0.0 else vector


def main() -> None:
    registry = registry_offerings()
    names = {offering.id: offering.name for offering in registry}
    vectors = {o.id: unit(unpack(o.embedding).astype(np.float64)) for o in registry}
    index = OfferingIndex(vocabulary_from_defaults(), registry)

    def ranker(k: int, beta: float):
        def rank(need: NeedProfile) -> list:
            first = index.match_need(need, threshold=0, top_k=max(k, quality.TOP))
            if not beta or need.embedding is None:
                return first
            mean = np.mean([vectors[m.offering_id] for m in first[:k]], axis=0)
            moved = unit(unit(unpack(need.embedding).astype(np.float64)) + beta * mean)
            expanded = replace(need, embedding=quantize(moved))
            return index.match_need(expanded, threshold=0, top_k=quality.TOP)

        return rank

    sets = {"dev": None} | {
        label: quality.translated_needs(path) for label, path in quality.TRANSLATIONS.items()
    }
    print("k beta | dev ndcg recall en hi hinglish | translated hi hinglish en | hindi_check hi hinglish")
    for k, beta in GRID:
        figures = {
            label: quality.evaluate(ranker(k, beta), names, items=items)
            for label, items in sets.items()
        }
        dev = figures["dev"]
        row = [
            f"{k} {beta}",
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
