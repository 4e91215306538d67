"""Categories spotted by meaning, and a semantic tie-break: rules tried on the judged needs.

Run from the repository root:  python bench/category_meaning.py   (about 3 minutes)

The engine spots a category in a text only through its curated keywords
(`matching.core.text.TextAnalyser`); an entry whose text names none of them ("hospitals",
"health practitioners" for health records) lacks the category a need chose. Each rule below
is measured as bench/matching.py measures the engine (bench/quality.py: the 48 judged needs,
then their Hindi and Hinglish translations), none of them being what the engine does:

- an offering gets a category by meaning, at the strength of a category spotted by keyword
  (`SPOTTED_CATEGORY_STRENGTH`, or the strength given), when it has none by keyword or choice
  and its sentence embedding lies near: the embedding of the category's name and description
  (`description`), the mean embedding of the entries spotted with it by keyword (`centroid`),
  or when at least the threshold share of its ten nearest entries have it (`neighbours`);
  `+term` adds the category's concept term to its text vector as a keyword hit does;
- a need with no category chosen gets the one whose description embedding lies nearest
  (`need`), only when no keyword spots one (`need, none spotted`) or always;
- the top 30 re-ordered by the cosine of the need's and the entry's embeddings: score plus
  w × 100 × cosine (`tie-break w`), or by cosine within bands of the score (`band`).
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from collections.abc import Callable  # noqa: E402
from dataclasses import replace  # noqa: E402
from unittest import mock  # noqa: E402

import numpy as np  # noqa: E402

from bench import quality  # noqa: E402
from bench.matching import registry_offerings, vocabulary_from_defaults  # noqa: E402
from directory.data.taxonomies import CATEGORIES  # noqa: E402
from matching.core import OfferingIndex, index, scoring, semantic  # noqa: E402
from matching.core.scoring import TITLE_REPEAT  # noqa: E402
from matching.embeddings import embed_texts  # noqa: E402

NEIGHBOURS = 10
DEPTH = 30  # the results a tie-break re-orders

SLUGS = [c["slug"] for c in CATEGORIES]


def unit(rows: np.ndarray) -> np.ndarray:
    rows = np.asarray(rows, dtype=np.float64)
    return rows / np.maximum(np.linalg.norm(rows, axis=-1, keepdims=True), 1e-12)


class Registry:
    def __init__(self):
        self.offerings = registry_offerings()
        self.names = {o.id: o.name for o in self.offerings}
        self.row = {o.id: i for i, o in enumerate(self.offerings)}
        self.vocabulary = vocabulary_from_defaults()
        self.vectors = unit([semantic.unpack(o.embedding) for o in self.offerings])
        described = embed_texts([f"{c['name']}: {c['description']}" for c in CATEGORIES])
        self.descriptions = unit(described)
        spotted = np.array([[s in o.categories for s in SLUGS] for o in self.offerings], float)
        self.centroids = unit(spotted.T @ self.vectors)
        similar = self.vectors @ self.vectors.T
        np.fill_diagonal(similar, -1.0)
        nearest = np.argsort(-similar, axis=1)[:, :NEIGHBOURS]
        self.closeness = {
            "description": self.vectors @ self.descriptions.T,
            "centroid": self.vectors @ self.centroids.T,
            "neighbours": spotted[nearest].mean(axis=1),
        }
        self.index = OfferingIndex(self.vocabulary, self.offerings)

    def found_by_meaning(self, kind: str, threshold: float) -> dict[int, list[str]]:
        closeness = self.closeness[kind]
        return {
            o.id: [s for j, s in enumerate(SLUGS) if closeness[i, j] >= threshold]
            for i, o in enumerate(self.offerings)
        }

    def with_categories(self, found: dict[int, list[str]], strength: float, term: bool):
        """An index whose offerings also have the categories `found` by meaning."""
        describe = scoring.describe_offering

        def described(offering, vocabulary, analyser):
            features = describe(offering, vocabulary, analyser)
            extra = [s for s in found.get(offering.id, ()) if s not in features.category_strength]
            if not extra:
                return features
            terms = dict(features.terms)
            if term:
                terms.update(dict.fromkeys((scoring.CATEGORY_PREFIX + s for s in extra), 1.0))
            strengths = {**features.category_strength, **dict.fromkeys(extra, strength)}
            return replace(features, category_strength=strengths, terms=terms)

        with mock.patch.object(index, "describe_offering", described):
            return OfferingIndex(self.vocabulary, self.offerings)

    def cosines(self, need, matches) -> dict[int, float]:
        query = unit(semantic.unpack(need.embedding))
        return {
            m.offering_id: float(self.vectors[self.row[m.offering_id]] @ query) for m in matches
        }


def measure(label: str, rank: Callable, registry: Registry) -> None:
    judged = quality.evaluate(rank, registry.names)
    translated = quality.evaluate(rank, registry.names, items=quality.translated_needs())
    by_language = translated.ndcg_by_language
    print(
        f"{label}: {judged.summary()} translated hi={by_language['hi']:.3f} "
        f"hinglish={by_language['hinglish']:.3f} en_source={by_language['en_source']:.3f}",
        flush=True,
    )


def top_ten(built: OfferingIndex) -> Callable:
    return lambda need: built.match_need(need, threshold=0, top_k=quality.TOP)


def tie_break(registry: Registry, weight: float, band: float) -> Callable:
    def rank(need):
        found = registry.index.match_need(need, threshold=0, top_k=DEPTH)
        if need.embedding is None:
            return found
        cosine = registry.cosines(need, found)
        if band:
            return sorted(found, key=lambda m: (-(m.score // band), -cosine[m.offering_id]))
        return sorted(found, key=lambda m: -(m.score + weight * 100 * cosine[m.offering_id]))

    return rank


def need_by_meaning(registry: Registry, threshold: float, only_unspotted: bool) -> Callable:
    analyser = registry.vocabulary.analyser()

    def rank(need):
        if not need.category and need.embedding is not None:
            spotted = analyser.analyse([(need.title, TITLE_REPEAT), (need.description, 1)])
            closeness = registry.descriptions @ unit(semantic.unpack(need.embedding))
            if closeness.max() >= threshold and not (only_unspotted and spotted.categories):
                need = replace(need, category=SLUGS[int(closeness.argmax())])
        return registry.index.match_need(need, threshold=0, top_k=quality.TOP)

    return rank


def main() -> None:
    registry = Registry()
    measure("engine as it is", top_ten(registry.index), registry)
    offering_rules = [
        ("description", 0.35, 0.5, False),
        ("description", 0.35, 0.5, True),
        ("description", 0.4, 0.5, True),
        ("description", 0.4, 1.0, False),
        ("centroid", 0.5, 0.5, False),
        ("centroid", 0.55, 0.5, False),
        ("centroid", 0.5, 0.5, True),
        ("neighbours", 0.4, 0.5, False),
        ("neighbours", 0.5, 0.5, False),
    ]
    for kind, threshold, strength, term in offering_rules:
        found = registry.found_by_meaning(kind, threshold)
        added = sum(len(set(found[o.id]) - o.categories) for o in registry.offerings)
        built = registry.with_categories(found, strength, term)
        label = f"{kind} ≥ {threshold}, strength {strength}{' +term' if term else ''} ({added})"
        measure(label, top_ten(built), registry)
    for threshold, only_unspotted in [(0.3, True), (0.3, False), (0.4, False)]:
        label = f"need ≥ {threshold}{', none spotted' if only_unspotted else ''}"
        measure(label, need_by_meaning(registry, threshold, only_unspotted), registry)
    for weight, band in [(0.05, 0), (0.2, 0), (0, 2), (0, 4)]:
        label = f"tie-break band {band}" if band else f"tie-break w {weight}"
        measure(label, tie_break(registry, weight, band), registry)


if __name__ == "__main__":
    main()
