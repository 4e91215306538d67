"""Semantic relevance: how close a need and an offering are in meaning, from their
sentence embeddings (`matching.core.encoder`).

Vectors travel as int8 bytes (`quantize`): each unit vector scaled so that its largest
component is ±127 and rounded. That keeps an offering's vector to 384 bytes in memory, and it
makes the arithmetic exact: a dot product of two such vectors is a sum of at most 384 × 127²
(under 2²⁴), an integer that float32 holds exactly whatever the order of summing, so the
index's matrix product and the reference's one-pair dot product agree to the last bit.
Rounding moves a cosine by well under 0.01.

The cosine is stretched onto 0–1 (`relevance`): MiniLM puts unrelated texts near
COSINE_FLOOR and close paraphrases above COSINE_CEILING, so (an offering's vector is the mean
direction of its texts', `matching.core.encoder.offering_embedding_texts`, which sits closer to
each of them than any one does to the others: the stretch was raised with it, docs/benchmarks.md
"Each use embedded on its own")

    semantic = clip((cosine − COSINE_FLOOR) / (COSINE_CEILING − COSINE_FLOOR), 0, 1)

A side without a vector (not computed yet) has no semantic relevance, and `None` is
returned; `matching.core.scoring` then uses the lexical need fit alone.
"""

import numpy as np

DIMENSIONS = 384
QUANTUM = 127.0
COSINE_FLOOR = 0.25
COSINE_CEILING = 0.85


def quantize(vector: np.ndarray) -> bytes:
    """A vector as int8 bytes, scaled so its largest component is ±127."""
    vector = np.asarray(vector, dtype=np.float64).reshape(-1)
    largest = float(np.abs(vector).max()) if vector.size else 0.0
    if largest == 0.0:
        return bytes(vector.size)
    return np.rint(vector * (QUANTUM / largest)).astype(np.int8).tobytes()


def unpack(blob: bytes | None) -> np.ndarray | None:
    """The bytes as a float32 vector of small integers, or None without a vector."""
    if not blob:
        return None
    return np.frombuffer(blob, dtype=np.int8).astype(np.float32)


def norm(vector: np.ndarray) -> float:
    return float(np.sqrt(float(np.dot(vector, vector))))


def cosine(need: np.ndarray, offering: np.ndarray) -> float:
    norms = norm(need) * norm(offering)
    return float(np.dot(need, offering)) / norms if norms > 0.0 else 0.0


def relevance(value):
    """A cosine (or an array of them) stretched onto 0–1; the index and the per-pair
    reference both call this, so they stretch alike."""
    return np.clip((value - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR), 0.0, 1.0)
