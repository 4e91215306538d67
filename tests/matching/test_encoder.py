"""The float32 encoder (matching.core.encoder) against a plain float64 BERT forward pass written
here from the post-norm BERT layer: one text at a time, head by head, the exact erf GELU. A
small random model checks batching and padding; the real model checks that its embeddings
are still the model's."""

import math
from types import SimpleNamespace

import numpy as np
import pytest
from scipy.special import erf

from matching.core.encoder import Encoder, gelu
from matching.embeddings import encoder

SENTENCES = [
    "send SMS reminders to parents",
    "Collect household surveys offline on phones in villages with no signal.",
    "We need a simple donor database that exports to Excel and works with Tally.",
]


def reference_embedding(weights, encoding, heads: int, layers: int) -> np.ndarray:
    """The unit-length mean of the last hidden states of one unpadded text, in float64."""
    w = {name: np.asarray(array, dtype=np.float64) for name, array in weights.items()}

    def dense(x, name):
        return x @ w[f"{name}.weight"].T + w[f"{name}.bias"]

    def norm(x, name):
        centred = x - x.mean(axis=1, keepdims=True)
        variance = (centred**2).mean(axis=1, keepdims=True)
        return centred / np.sqrt(variance + 1e-12) * w[f"{name}.weight"] + w[f"{name}.bias"]

    ids, type_ids = np.array(encoding.ids), np.array(encoding.type_ids)
    x = (
        w["embeddings.word_embeddings.weight"][ids]
        + w["embeddings.position_embeddings.weight"][: len(ids)]
        + w["embeddings.token_type_embeddings.weight"][type_ids]
    )
    x = norm(x, "embeddings.LayerNorm")
    head_width = x.shape[1] // heads
    for layer in range(layers):
        name = f"encoder.layer.{layer}"
        query, key, value = (
            dense(x, f"{name}.attention.self.{part}") for part in ("query", "key", "value")
        )
        contexts = []
        for head in range(heads):
            cols = slice(head * head_width, (head + 1) * head_width)
            scores = query[:, cols] @ key[:, cols].T / math.sqrt(head_width)
            attention = np.exp(scores - scores.max(axis=1, keepdims=True))
            attention /= attention.sum(axis=1, keepdims=True)
            contexts.append(attention @ value[:, cols])
        attended = dense(np.hstack(contexts), f"{name}.attention.output.dense")
        x = norm(attended + x, f"{name}.attention.output.LayerNorm")
        inner = dense(x, f"{name}.intermediate.dense")
        inner = 0.5 * inner * (1.0 + erf(inner / math.sqrt(2.0)))
        x = norm(dense(inner, f"{name}.output.dense") + x, f"{name}.output.LayerNorm")
    pooled = x.mean(axis=0)
    return pooled / np.linalg.norm(pooled)


class WordTokenizer:
    """A stand-in tokenizer: one id per word between [CLS] (1) and [SEP] (2), no padding."""

    def encode_batch(self, texts):
        encodings = []
        for text in texts:
            ids = [1, *(3 + sum(map(ord, word)) % 40 for word in text.split()), 2]
            encodings.append(
                SimpleNamespace(ids=ids, type_ids=[0] * len(ids), attention_mask=[1] * len(ids))
            )
        return encodings


def tiny_weights(width=16, inner=32, layers=2, vocabulary=43, positions=24) -> dict:
    rng = np.random.default_rng(7)

    def array(*shape, scale=0.5):
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    weights = {
        "embeddings.word_embeddings.weight": array(vocabulary, width),
        "embeddings.position_embeddings.weight": array(positions, width),
        "embeddings.token_type_embeddings.weight": array(2, width),
        "embeddings.LayerNorm.weight": 1 + array(width, scale=0.1),
        "embeddings.LayerNorm.bias": array(width, scale=0.1),
    }
    shapes = {
        "attention.self.query": (width, width),
        "attention.self.key": (width, width),
        "attention.self.value": (width, width),
        "attention.output.dense": (width, width),
        "intermediate.dense": (inner, width),
        "output.dense": (width, inner),
    }
    for layer in range(layers):
        name = f"encoder.layer.{layer}"
        for part, shape in shapes.items():
            weights[f"{name}.{part}.weight"] = array(*shape)
            weights[f"{name}.{part}.bias"] = array(shape[0], scale=0.2)
        for part in ("attention.output.LayerNorm", "output.LayerNorm"):
            weights[f"{name}.{part}.weight"] = 1 + array(width, scale=0.1)
            weights[f"{name}.{part}.bias"] = array(width, scale=0.1)
    return weights


def test_the_gelu_is_the_exact_erf_gelu_to_float32_resolution():
    x = np.linspace(-12, 12, 200_001).astype(np.float32)
    exact = 0.5 * x.astype(np.float64) * (1 + erf(x.astype(np.float64) / math.sqrt(2)))
    approximate = gelu(x.copy())
    assert approximate.dtype == np.float32
    assert np.abs(approximate - exact).max() < 1e-6
    assert gelu(np.array([-3.0, 0.0, 3.0], dtype=np.float32)) == pytest.approx(
        [-0.0040497, 0.0, 2.9959503], abs=1e-6
    )


def test_a_padded_batch_agrees_with_the_float64_reference_text_by_text():
    weights = tiny_weights()
    model = Encoder(tokenizer=WordTokenizer(), weights=weights, layers=2, heads=4)
    # Lengths 3 to 20 tokens, so most texts are padded in their batch of 4.
    texts = [" ".join(f"w{i}{j}" for j in range(n)) for i, n in enumerate([1, 18, 5, 9, 2, 13])]
    vectors = model.encode(texts, batch_size=4)
    assert vectors.dtype == np.float32 and vectors.shape == (len(texts), 16)
    for text, vector in zip(texts, vectors, strict=True):
        [encoding] = WordTokenizer().encode_batch([text])
        expected = reference_embedding(weights, encoding, heads=4, layers=2)
        np.testing.assert_allclose(vector, expected, atol=2e-6)


def test_the_model_embeds_as_the_float64_reference_does():
    model = encoder()
    vectors = model.encode(SENTENCES)
    for encoding, vector in zip(model.tokenizer.encode_batch(SENTENCES), vectors, strict=True):
        expected = reference_embedding(model.weights, encoding, model.heads, model.layers)
        assert float(vector @ expected) > 0.99999
        np.testing.assert_allclose(vector, expected, atol=1e-6)
