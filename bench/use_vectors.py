"""The meaning side alone: one vector per registry entry, or one more for each of its uses.

Run from the repository root:  python bench/use_vectors.py   (about a minute)

The engine embeds an offering as the mean direction of its texts: its name and the curators'
note's summary, and each of its everyday uses on its own
(`matching.core.encoder.offering_embedding_texts`). A need usually asks for one of the
things a tool does, and a single vector for a tool that does many is an average of them. This
ranks the registry by the cosine alone, three ways, and prints NDCG@10 and recall@10 of each on
the judged, held-out and translated needs (`bench/quality.py`, the same grading):

- ``one``: the engine's single vector;
- ``best_use``: the larger of that cosine and the best cosine of the entry's uses, each use
  embedded on its own after the entry's name;
- ``half``: half the first plus half the second.

No engine code changes with it: it measures whether vectors per use are worth building
(docs/benchmarks.md, "Needs nobody tuned for").
"""

import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bench import quality  # noqa: E402
from directory.data.registry_notes import current_note  # noqa: E402
from directory.data.taxonomies import CATEGORIES, STANDARDS  # noqa: E402
from matching.core.encoder import embedding_text, offering_embedding_texts  # noqa: E402
from matching.core.semantic import unpack  # noqa: E402
from matching.embeddings import embed_groups, embed_texts  # noqa: E402


def entry_vectors(registry) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(one vector per entry, one per use, the entry row of each use)."""
    descriptions = {
        entry["name"]: entry.get("description") or ""
        for entry in json.loads(quality.REGISTRY.read_text())
    }
    texts, use_texts, owners = [], [], []
    for row, offering in enumerate(registry):
        description = descriptions[offering.name]
        note = current_note(offering.name, description)
        summary, uses = (note.summary, note.uses) if note else ("", ())
        texts.append(offering_embedding_texts(offering.name, summary, description, uses))
        use_texts.extend(embedding_text(offering.name, use) for use in uses)
        owners.extend([row] * len(uses))
    return embed_groups(texts), embed_texts(use_texts), np.array(owners)


def rankers(entries: np.ndarray, uses: np.ndarray, owners: np.ndarray, ids: list[int]):
    def cosines(need) -> dict[str, np.ndarray]:
        vector = unpack(need.embedding)
        one = entries @ (vector / np.linalg.norm(vector))
        best = np.full(len(entries), -1.0)
        np.maximum.at(best, owners, uses @ (vector / np.linalg.norm(vector)))
        best_use = np.maximum(one, best)
        return {"one": one, "best_use": best_use, "half": (one + best_use) / 2}

    def ranker(way: str):
        def rank(need):
            scores = cosines(need)[way]
            top = np.argsort(-scores, kind="stable")[: quality.TOP]
            return [
                SimpleNamespace(offering_id=ids[row], score=100 * scores[row], need_fit=1.0)
                for row in top
            ]

        return rank

    return {way: ranker(way) for way in ("one", "best_use", "half")}


def main() -> None:
    registry = quality.registry_offerings(CATEGORIES, STANDARDS)
    names = {offering.id: offering.name for offering in registry}
    ranks = rankers(*entry_vectors(registry), [offering.id for offering in registry])
    sets = {
        "judged": quality.judged_needs(),
        "heldout": quality.judged_needs(quality.HELDOUT_NEEDS),
        **{label: quality.judged_needs(path) for label, path in quality.TRANSLATIONS.items()},
    }
    for label, items in sets.items():
        figures = []
        for way, rank in ranks.items():
            found = quality.evaluate(rank, names, items=items)
            figures.append(f"{way}_ndcg10={found.ndcg:.3f} {way}_recall10={found.recall:.3f}")
        print(f"{label} ({len(items)} needs): " + " ".join(figures))


if __name__ == "__main__":
    main()
