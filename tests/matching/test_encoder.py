"""The encoder (matching.core.encoder) and the model it runs (matching/model/): a fake session
checks the pooling; the shipped model is checked against the float32 all-MiniLM-L6-v2's own
embeddings of five texts (minilm_float32_reference.json), on long and empty texts, and for
giving a text the same vector whatever is embedded with it."""

import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np

from matching.core.encoder import Encoder
from matching.embeddings import embed_texts

REFERENCE = json.loads((Path(__file__).parent / "minilm_float32_reference.json").read_text())


class WordTokenizer:
    """One token per word, a word's id its index in the order first seen."""

    def __init__(self):
        self.ids: dict[str, int] = {}

    def encode_batch(self, texts):
        return [self.encode(text) for text in texts]

    def encode(self, text, pad_to: int = 0):
        ids = [self.ids.setdefault(word, len(self.ids) + 1) for word in text.split()]
        padding = max(pad_to - len(ids), 0)
        return SimpleNamespace(
            ids=ids + [0] * padding,
            type_ids=[0] * (len(ids) + padding),
            attention_mask=[1] * len(ids) + [0] * padding,
        )


class PaddingTokenizer(WordTokenizer):
    def encode_batch(self, texts):
        return [self.encode(text, pad_to=24) for text in texts]


class TokenVectors:
    """A stand-in session: each token's hidden state is a fixed random vector of its id."""

    def __init__(self, width: int):
        self.table = np.random.default_rng(7).normal(size=(1000, width)).astype(np.float32)
        self.shapes: list[tuple[int, int]] = []

    def run(self, outputs, feeds):
        ids = feeds["input_ids"]
        assert ids.dtype == np.int64 and feeds["attention_mask"].shape == ids.shape
        self.shapes.append(ids.shape)
        return [self.table[ids]]


def test_a_text_is_the_mean_of_its_own_tokens_each_run_alone():
    tokenizer, session = WordTokenizer(), TokenVectors(width=16)
    model = Encoder(tokenizer=tokenizer, session=session, dimension=16)
    texts = [" ".join(f"w{i}{j}" for j in range(n)) for i, n in enumerate([1, 18, 5])]
    vectors = model.encode(texts)
    assert vectors.dtype == np.float32 and vectors.shape == (len(texts), 16)
    for text, vector in zip(texts, vectors, strict=True):
        expected = session.table[tokenizer.encode(text).ids].mean(axis=0)
        np.testing.assert_allclose(vector, expected / np.linalg.norm(expected), atol=1e-6)
    assert session.shapes == [(1, 1), (1, 18), (1, 5)]  # no padding, no batch-mates
    assert model.encode([]).shape == (0, 16)
    # A tokenizer that pads: the padding is left out of the mean.
    padded = Encoder(tokenizer=PaddingTokenizer(), session=session, dimension=16)
    np.testing.assert_allclose(padded.encode(texts), vectors, atol=1e-6)


def test_a_text_embeds_the_same_whatever_is_embedded_with_it():
    alone = embed_texts([REFERENCE["texts"][0]])
    among = embed_texts(REFERENCE["texts"][::-1])
    np.testing.assert_array_equal(among[-1], alone[0])


def test_the_shipped_model_embeds_as_the_float32_model_does():
    vectors = embed_texts(REFERENCE["texts"])
    expected = np.array(REFERENCE["vectors"], dtype=np.float32)
    cosines = np.sum(vectors * expected, axis=1)
    assert cosines.min() >= 0.98, cosines
    # Each text is nearer its own float32 vector than any other text's.
    assert (np.argmax(vectors @ expected.T, axis=1) == np.arange(len(vectors))).all()


def test_a_long_text_is_cut_at_the_models_length_and_an_empty_one_still_embeds():
    long, cut = embed_texts(["survey " * 600, "survey " * 126])  # 126 words + [CLS], [SEP]
    np.testing.assert_array_equal(long, cut)
    empty = embed_texts(["", " "])
    assert np.isfinite(empty).all()
    np.testing.assert_allclose(np.linalg.norm(empty, axis=1), 1, atol=1e-5)
