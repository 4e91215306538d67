"""Sentence embeddings from a BERT encoder run by an injected session, and the text of a
listing that is embedded.

``Encoder.encode(texts)`` pools as sentence-transformers pools all-MiniLM-L6-v2
(matching/embeddings.py loads the model, whose products run in int8: its vectors are within
about 0.01 in cosine of the float32 model's, matching/model/README.md):

1. token ids from the injected tokenizer (anything with ``encode_batch`` returning encodings
   with ``ids``, ``type_ids`` and ``attention_mask``, e.g. a ``tokenizers.Tokenizer`` with
   truncation on);
2. the encoder's last hidden states from the injected session (anything whose
   ``run(None, {"input_ids", "attention_mask", "token_type_ids"})`` returns them first, as an
   ONNX Runtime ``InferenceSession`` does), one text at a time (`Encoder`);
3. the mean of the last hidden states over the text's tokens (padding, if the tokenizer
   adds any, left out);
4. L2 normalisation, so a dot product of two vectors is their cosine.

The result is float32, one row per text in the order given.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .text import english_text

# Where a sentence ends: after a full stop, a question or exclamation mark or the Hindi danda.
SENTENCE_END = re.compile(r"(?<=[.!?।])\s+")
SENTENCE_WORDS = 3  # shorter pieces ("Thank you.", "Urgent!") are not a sentence to embed


def embedding_text(heading: str, body: str) -> str:
    """What is embedded for a listing: an offering's name and text, a need's title and
    description, with Hindi words of the glossary in English (the model knows English)."""
    return english_text(f"{heading}\n{body}")


def offering_embedding_texts(
    name: str, summary: str, description: str, uses: Sequence[str] = ()
) -> tuple[str, ...]:
    """What is embedded for an offering, each text on its own: its name and its summary (or its
    description when it has no summary), then each of its everyday uses. The offering's vector
    is the mean direction of theirs (`mean_direction`).

    The summary is one sentence of what the offering does and for whom, the kind of text the
    model was trained to compare; averaged with a description's mission statements,
    installation notes and feature lists, its meaning is diluted, and the English judged
    needs ranked 0.03 worse (docs/benchmarks.md, "What an offering embeds"). The uses say in a
    nonprofit's words what it is used for, which is how needs are put ("What people use it
    for"). Embedded one by one, each use keeps its own meaning, where in one long text the
    encoder's mean over its tokens blurred them: the held-out needs' recall@10 0.585 → 0.614
    (docs/benchmarks.md, "Each use embedded on its own"). The need fit's words still read the
    description."""
    body = summary if summary.strip() else description
    return (embedding_text(name, body), *(english_text(use) for use in uses))


def mean_direction(vectors: np.ndarray) -> np.ndarray:
    """The unit vector along the mean of these unit vectors (one per row): one text's vector
    is itself."""
    total = np.asarray(vectors, dtype=np.float32).sum(axis=0)
    length = float(np.linalg.norm(total))
    return total / length if length > 0.0 else total


def need_embedding_text(title: str, description: str) -> str:
    """A need's words (`need_embedded_words`) whole, in English (`embedding_text`)."""
    return english_text(need_embedded_words(title, description))


def need_embedding_texts(title: str, description: str) -> tuple[str, ...]:
    """What is embedded for a need, each text on its own: its sentences of SENTENCE_WORDS
    words or more when it has two or more, else its words whole; the need's vector is their
    mean direction (`mean_direction`), as an offering's is of its uses. A need put in several
    sentences often asks several things ("we visit homes… there is no internet… forms that
    sync later"), each of which a tool's use may answer: held-out needs NDCG@10 0.665 → 0.680,
    recall@10 0.610 → 0.623 (docs/benchmarks.md, "A need's sentences one by one"). Each
    sentence is shorter than the whole, so the encoder's time stays about the same."""
    words = need_embedded_words(title, description)
    sentences = [s for s in SENTENCE_END.split(words.strip()) if len(s.split()) >= SENTENCE_WORDS]
    if len(sentences) > 1:
        return tuple(english_text(sentence) for sentence in sentences)
    return (english_text(words),)


def need_embedded_words(title: str, description: str) -> str:
    """The words of a need that are embedded: its description, or its title when it has
    none. The title restates the need in fewer words, often as the problem ("Medicines keep
    running out"), and embedded with the description it drew the vector away from the tools
    that solve it (measured on bench/judged_needs.json: docs/benchmarks.md); the lexical need
    fit still counts the title, twice."""
    return description if description.strip() else title


@dataclass(frozen=True)
class Encoder:
    """A BERT encoder with mean pooling: a tokenizer and a session that runs the model.

    Each text runs alone. The model's products quantize their input to 8 bits with one scale
    for everything they are given (matching/model/README.md), so in a batch a text's vector
    would depend on the texts beside it and on their padding: the same need would embed one
    way in a preview and another in a batch of stored listings."""

    tokenizer: object
    session: object
    dimension: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length float32 row per text, in the order of ``texts``."""
        result = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, encoding in zip(result, self.tokenizer.encode_batch(list(texts)), strict=True):
            row[:] = self.embed(encoding)
        return result

    def embed(self, encoding) -> np.ndarray:
        """One tokenized text's vector."""
        ids, type_ids, mask = (
            np.array([getattr(encoding, field)], dtype=np.int64)
            for field in ("ids", "type_ids", "attention_mask")
        )
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": type_ids}
        hidden = np.asarray(self.session.run(None, feeds)[0][0], dtype=np.float32)
        pooled = hidden[mask[0] == 1].mean(axis=0)
        return pooled / np.linalg.norm(pooled)
