"""Benchmark of the matching core (targets: docs/architecture.md#performance-targets) and of its
ranking on the real DPG registry.

Run from the repository root:  python bench/matching.py [--quality]

``--quality`` measures the ranking quality only (the judged needs and their Hindi and Hinglish
translations, bench/judged_needs_translated.json and the independent check set
bench/judged_needs_hindi_check.json), skipping the speed runs.

Speed uses synthetic listings built on the curated taxonomy defaults and a few thousand
made-up words; quality uses the Digital Public Goods registry and the needs in
bench/judged_needs.json, written the way programme staff write (some in Hinglish or Hindi,
naming the systems they use and a budget), each with its registry entries graded 2 (a nonprofit
would shortlist it) or 1 (partly relevant, could be adapted). Storing Match rows is not timed here.
"""

import os
import sys
from pathlib import Path

# One BLAS thread, as impact_socials/__init__.py sets for the app's processes (before NumPy).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argparse  # noqa: E402
import itertools  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from dataclasses import replace  # noqa: E402

import numpy as np  # noqa: E402

from bench import quality  # noqa: E402
from directory.data.taxonomies import (  # noqa: E402
    CATEGORIES,
    LANGUAGES,
    STANDARDS,
    SYSTEMS,
    category_keywords,
)
from matching.core import (  # noqa: E402
    DEPLOYMENTS,
    NeedProfile,
    OfferingIndex,
    OfferingProfile,
    Vocabulary,
    score_pair,
)
from matching.core.encoder import need_embedding_texts  # noqa: E402
from matching.core.semantic import DIMENSIONS, quantize  # noqa: E402
from matching.embeddings import embed_groups  # noqa: E402

BIG_INDEX = 100_000
FULL_SIZE = 10_000
ONE_NEED_RUNS = 15
REFERENCE_NEEDS = 20
REFERENCE_OFFERINGS = 2_000
MADE_UP_WORDS = 5_000
ZIPF_OFFSET = 8
COUNTRY_CODES = """KE UG TZ RW ET NG GH SN ML BF NE CM CD ZA ZW ZM MW MZ IN BD PK NP PH ID MM VN
BR CO PE GT HT MX US GB FR DE"""
COUNTRIES = COUNTRY_CODES.split()
PRICING_MODELS = ("free_open_source", "freemium", "nonprofit_discount", "paid")
# What the synthetic listings pick from: the curated defaults and the first ten languages.
CATEGORY_SLUGS = [c["slug"] for c in CATEGORIES]
SYSTEM_SLUGS = [s["slug"] for s in SYSTEMS]
STANDARD_SLUGS = [s["slug"] for s in STANDARDS]
LANGUAGE_CODES = [code for code, _ in LANGUAGES[:10]]


def vocabulary_from_defaults() -> Vocabulary:
    return Vocabulary(
        category_names={c["slug"]: c["name"] for c in CATEGORIES},
        # As the database holds them after its migrations (`category_keywords`).
        category_terms={c["slug"]: category_keywords(c) for c in CATEGORIES},
        system_names={s["slug"]: s["name"] for s in SYSTEMS},
        system_terms={s["slug"]: s["keywords"] for s in SYSTEMS},
        system_standards={s["slug"]: frozenset(s["standards"]) for s in SYSTEMS},
        standard_names={s["slug"]: s["name"] for s in STANDARDS},
        data_export_standards=frozenset(s["slug"] for s in STANDARDS if s["data_export"]),
        language_names=dict(LANGUAGES),
    )


# --- Synthetic listings at the target sizes --------------------------------------------


class SyntheticText:
    """Zipf-distributed made-up words, with the curated keywords of chosen categories mixed in."""

    def __init__(self, rng: random.Random):
        syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
        words = set()
        while len(words) < MADE_UP_WORDS:
            words.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
        self.words = sorted(words)
        # Zipf with a flattened head, like content words once stopwords are gone: the
        # commonest made-up word is about 2% of all words, as "open" is in the DPG registry.
        weights = [1.0 / (rank + ZIPF_OFFSET) for rank in range(len(self.words))]
        self.cumulative_weights = list(itertools.accumulate(weights))
        self.keywords = {c["slug"]: c["keywords"] for c in CATEGORIES}
        self.rng = rng

    def text(self, n_words: int, categories: list[str], n_keywords: int) -> str:
        parts = self.rng.choices(self.words, cum_weights=self.cumulative_weights, k=n_words)
        for _ in range(n_keywords if categories else 0):
            parts.insert(self.rng.randrange(len(parts) + 1), self.keyword(categories))
        return " ".join(parts)

    def keyword(self, categories: list[str]) -> str:
        return self.rng.choice(self.keywords[self.rng.choice(categories)])


def synthetic_offerings(n: int, rng: random.Random, text: SyntheticText) -> list[OfferingProfile]:
    offerings = []
    for offering_id in range(1, n + 1):
        chosen = rng.sample(CATEGORY_SLUGS, rng.randint(1, 3))
        pricing = rng.choice(PRICING_MODELS)
        price = None if rng.random() < 0.15 else rng.choice([0, 10, 25, 50, 99, 150, 300, 800])
        offerings.append(
            OfferingProfile(
                id=offering_id,
                name=text.text(2, [], 0).title(),
                text=text.text(rng.randint(40, 120), chosen, rng.randint(2, 6)),
                categories=frozenset(chosen),
                systems=frozenset(rng.sample(SYSTEM_SLUGS, rng.randint(0, 8))),
                standards=frozenset(rng.sample(STANDARD_SLUGS, rng.randint(1, 6))),
                deployments=frozenset(rng.sample(DEPLOYMENTS, rng.randint(0, 3))),
                languages=frozenset(rng.sample(LANGUAGE_CODES, rng.choice([0, 0, 1, 2, 3]))),
                regions=frozenset(rng.sample(COUNTRIES, rng.choice([0, 0, 0, 1, 3, 8]))),
                pricing_model=pricing,
                nonprofit_monthly_price=None if pricing == "free_open_source" else price,
                setup_cost=rng.choice([None, None, 0, 200, 1000, 5000]),
                embedding=synthetic_embedding(rng, chosen),
            )
        )
    return offerings


SENTENCE_WORDS = 12  # a synthetic need's description is put in sentences of about this length


def in_sentences(words: str) -> str:
    """Made-up words as sentences, as needs are written: the encoder then meets a need's
    sentences one by one (`need_embedding_texts`), and the timing counts them."""
    parts = words.split()
    return " ".join(
        " ".join(parts[start : start + SENTENCE_WORDS]) + "."
        for start in range(0, len(parts), SENTENCE_WORDS)
    )


def synthetic_needs(n: int, rng: random.Random, text: SyntheticText) -> list[NeedProfile]:
    needs = []
    for need_id in range(1, n + 1):
        about = rng.sample(CATEGORY_SLUGS, rng.randint(1, 2))
        needs.append(
            NeedProfile(
                id=need_id,
                title=text.text(rng.randint(3, 7), about, 1),
                description=in_sentences(text.text(rng.randint(15, 50), about, rng.randint(1, 3))),
                category=about[0] if rng.random() < 0.6 else None,
                systems=frozenset(rng.sample(SYSTEM_SLUGS, rng.choice([0, 0, 1, 2, 3]))),
                org_systems=frozenset(rng.sample(SYSTEM_SLUGS, rng.randint(0, 6))),
                monthly_budget=rng.choice([None, None, 0, 20, 50, 100, 200, 500, 1000]),
                one_off_budget=rng.choice([None, None, None, 500, 1000, 2000, 5000]),
                free_only=rng.random() < 0.1,
                deployment=rng.choice([None, None, *DEPLOYMENTS]),
                languages=frozenset(rng.sample(LANGUAGE_CODES, rng.choice([0, 0, 0, 1, 2]))),
                country=rng.choice([None, *COUNTRIES]),
                strict=rng.random() < 0.1,
                embedding=synthetic_embedding(rng, about),
            )
        )
    return needs


CATEGORY_DIRECTIONS = dict(
    zip(
        CATEGORY_SLUGS,
        np.random.default_rng(20240601).standard_normal((len(CATEGORY_SLUGS), DIMENSIONS)),
        strict=True,
    )
)


def synthetic_embedding(rng: random.Random, categories: list[str]) -> bytes:
    """A stand-in for a listing's stored embedding (the model would take hours for 100,000
    made-up texts; the arithmetic is the same): its categories' directions plus noise, so
    listings of one kind are close in meaning, quantized as stored."""
    noise = np.random.default_rng(rng.randrange(1 << 32)).standard_normal(DIMENSIONS)
    return quantize(sum(CATEGORY_DIRECTIONS[slug] for slug in categories) + noise)


# --- Speed ----------------------------------------------------------------------------


def one_need_ms(index: OfferingIndex, needs: list[NeedProfile]) -> float:
    """A new need as a preview meets it: its text embedded by the model, then matched."""
    index.match_need(needs[0])  # the first query after loading builds the arrays
    embed_groups([("warm up",)])  # loads the model, once per process
    timings = []
    for need in needs[:ONE_NEED_RUNS]:
        start = time.perf_counter()
        [vector] = embed_groups([need_embedding_texts(need.title, need.description)])
        index.match_need(replace(need, embedding=quantize(vector)))
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def full_rematch_s(
    vocabulary: Vocabulary, offerings: list[OfferingProfile], needs: list[NeedProfile], **options
) -> tuple[float, int]:
    """Seconds to match every need against a freshly loaded index, and matches kept."""
    index = OfferingIndex(vocabulary, offerings)
    index.match_need(needs[0])  # builds the arrays, as the first query after loading does
    start = time.perf_counter()
    matches = index.match_needs(needs, **options)
    seconds = time.perf_counter() - start
    return seconds, sum(len(found) for found in matches.values())


def reference_comparison(index, offerings, needs) -> tuple[float, float]:
    """(seconds per pair for the plain reference, largest absolute score difference)."""
    sample = offerings[:REFERENCE_OFFERINGS]
    sample_ids = [offering.id for offering in sample]
    stats = index.corpus_stats()
    start = time.perf_counter()
    reference = {
        (need.id, offering.id): score_pair(need, offering, stats).score
        for need in needs
        for offering in sample
    }
    reference_seconds = time.perf_counter() - start
    vectorised = index.match_needs(needs, threshold=0, top_k=len(sample), offering_ids=sample_ids)
    largest = 0.0
    for need in needs:
        found = {match.offering_id: match.score for match in vectorised[need.id]}
        for offering_id in sample_ids:
            expected = reference[need.id, offering_id]
            got = found.get(offering_id, 0.0)  # a strictly excluded pair is not returned
            largest = max(largest, abs(expected - got))
    return reference_seconds / len(reference), largest


# --- Ranking quality on the DPG registry (bench/quality.py) ---------------------------


def registry_offerings(vocabulary: Vocabulary | None = None) -> list[OfferingProfile]:
    """The registry's entries with their embeddings, as an imported registry has them."""
    return quality.registry_offerings(CATEGORIES, STANDARDS, embed=True)


def ranking_quality(
    vocabulary: Vocabulary,
) -> tuple[quality.Quality, quality.Quality, dict[str, quality.Quality]]:
    """The judged needs' quality (printed need by need), the held-out needs' (printed in all)
    and that of each set of the judged needs' translations (`quality.TRANSLATIONS`, by label)."""
    print("Ranking quality on the DPG registry")
    registry = registry_offerings()
    names = {offering.id: offering.name for offering in registry}
    registry_index = OfferingIndex(vocabulary, registry)

    def rank(need: NeedProfile) -> list:
        return registry_index.match_need(need, threshold=0, top_k=quality.TOP)

    judged = quality.evaluate(rank, names)
    print("\n".join(judged.lines))
    print(f"Over {len(judged.lines)} judged needs: {judged.summary()}\n")
    heldout = quality.evaluate(rank, names, items=quality.judged_needs(quality.HELDOUT_NEEDS))
    print(f"Held out, {len(heldout.lines)} needs: {heldout.summary('heldout')}\n")
    return (
        judged,
        heldout,
        {
            label: quality.evaluate(rank, names, items=quality.translated_needs(path))
            for label, path in quality.TRANSLATIONS.items()
        },
    )


def print_translations(judged: quality.Quality, translations: dict[str, quality.Quality]) -> None:
    for label, translated in translations.items():
        print(translated.translated_summary(label))
    pooled = quality.pooled_tops(judged, translations)
    figures = quality.BandFigures.of(pooled)
    print(
        f"pooled ({len(pooled)} needs): strong_precision={figures.strong_precision:.3f} "
        f"strong_per_need={figures.strong_per_need:.2f} "
        f"possible_precision={figures.possible_precision:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quality", action="store_true", help="ranking quality only")
    quality_only = parser.parse_args().quality
    vocabulary = vocabulary_from_defaults()
    judged, heldout, translations = ranking_quality(vocabulary)
    if quality_only:
        for translated in translations.values():
            print("\n".join(translated.lines))
        print_translations(judged, translations)
        return
    rng = random.Random(20240601)
    text = SyntheticText(rng)

    start = time.perf_counter()
    offerings = synthetic_offerings(BIG_INDEX, rng, text)
    needs = synthetic_needs(FULL_SIZE, rng, text)
    big_index = OfferingIndex(vocabulary, offerings)
    print(f"Built {BIG_INDEX:,} synthetic offerings in {time.perf_counter() - start:.1f} s")
    one_need = one_need_ms(big_index, needs)
    print(f"One need vs {BIG_INDEX:,} offerings: {one_need:.1f} ms (median of {ONE_NEED_RUNS})")
    del big_index

    # A threshold above 100 keeps nothing: all the scoring and top-K selection, no reasons.
    scoring_seconds, _ = full_rematch_s(vocabulary, offerings[:FULL_SIZE], needs, threshold=101)
    full_seconds, stored = full_rematch_s(vocabulary, offerings[:FULL_SIZE], needs)
    print(
        f"Full re-match {FULL_SIZE:,} needs × {FULL_SIZE:,} offerings: {full_seconds:.2f} s "
        f"({stored:,} matches kept with their reasons; scores and top-K alone: "
        f"{scoring_seconds:.2f} s)"
    )
    reference_pair, largest = reference_comparison(
        OfferingIndex(vocabulary, offerings[:FULL_SIZE]),
        offerings[:FULL_SIZE],
        needs[:REFERENCE_NEEDS],
    )
    full_pair = full_seconds / FULL_SIZE**2
    speedup = reference_pair / full_pair
    print(
        f"Reference: {reference_pair * 1e6:.1f} µs per pair on {REFERENCE_NEEDS} × "
        f"{REFERENCE_OFFERINGS:,} pairs; full re-match {full_pair * 1e9:.0f} ns per pair "
        f"→ {speedup:,.0f}× faster; largest score difference {largest:.2e}"
    )
    print_translations(judged, translations)
    print(
        f"one_need_100k_ms={one_need:.1f} full_10k_x_10k_s={full_seconds:.2f} "
        f"speedup={speedup:.0f} max_abs_diff={largest:.2e} dev_ndcg10={judged.ndcg:.3f} "
        f"dev_recall10={judged.recall:.3f} strong_precision={judged.strong_precision:.3f} "
        f"heldout_ndcg10={heldout.ndcg:.3f} heldout_recall10={heldout.recall:.3f}"
    )


if __name__ == "__main__":
    main()
