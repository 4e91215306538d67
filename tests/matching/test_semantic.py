"""The semantic part of need fit: embeddings as small integers, the cosine stretched onto
0–1, mixed with the lexical fit when both sides have an embedding, by how much of the need
the English-only model reads."""

from dataclasses import replace

import numpy as np
import pytest

from matching.core import band, semantic
from matching.core.chance import chance
from matching.core.profiles import POSSIBLE_SCORE, STRONG_SCORE
from matching.core.scoring import LEXICAL_SHARE
from tests.matching.core_data import base, need, offering, score

rng = np.random.default_rng(7)
DIRECTION = rng.standard_normal(semantic.DIMENSIONS)


def near(amount: float) -> bytes:
    """An embedding whose cosine with DIRECTION falls as `amount` of noise grows."""
    return semantic.quantize(DIRECTION + amount * rng.standard_normal(semantic.DIMENSIONS))


def test_the_need_fit_mixes_words_and_meaning_when_both_sides_have_an_embedding():
    words_only = base(need(title="alpha"), offering(name="alpha beta"))
    wanting, listed = need(title="alpha", embedding=near(0.0)), offering(name="alpha beta")
    cosine = semantic.cosine(semantic.unpack(near(0.0)), semantic.unpack(near(0.0)))
    assert cosine == pytest.approx(1.0)
    both = base(wanting, offering(name="alpha beta", embedding=near(0.0)))
    assert both == pytest.approx(LEXICAL_SHARE * words_only + 1 - LEXICAL_SHARE)
    assert base(wanting, listed) == words_only, "one side has no embedding"
    with_meaning = score(wanting, offering(name="alpha beta", embedding=near(0.0))).need_fit
    assert with_meaning == pytest.approx(chance(both), abs=1e-12)
    assert with_meaning > score(wanting, listed).need_fit, "the same meaning lifts the need fit"


def test_a_need_the_model_reads_less_of_leans_on_its_words():
    def fits(description: str) -> tuple[float, float, float]:
        """Base fit with the meaning a perfect match, with it no match, and words alone."""
        wanting = need(title="alpha", description=description)
        alone = base(wanting, offering(name="alpha beta"))
        embedded = replace(wanting, embedding=near(0.0))
        same = base(embedded, offering(name="alpha beta", embedding=near(0.0)))
        opposite = semantic.quantize(-DIRECTION)
        other = base(embedded, offering(name="alpha beta", embedding=opposite))
        return same, other, alone

    english, english_other, english_words = fits("alpha for the team")
    hinglish, hinglish_other, _ = fits("alpha ke liye team ko chahiye")
    unread, unread_other, unread_words = fits("झटपट झमेला")  # no English for these words
    assert english == pytest.approx(LEXICAL_SHARE * english_words + 1 - LEXICAL_SHARE, rel=1e-3)
    assert english - english_other > hinglish - hinglish_other > 0.0, "the meaning counts less"
    assert unread == unread_other, "nothing reached the model: its meaning does not count"
    # What the model did not read is judged on the words, on the meaning's scale: no higher
    # than a perfect meaning would have given.
    assert LEXICAL_SHARE * unread_words < unread < english


def test_a_tool_that_means_the_same_in_other_words_ranks_above_an_unrelated_one():
    wanting = need(title="send reminders", embedding=near(0.0))
    same_meaning = offering(1, name="Texting", embedding=near(0.3))
    unrelated = offering(2, name="Ledger", embedding=semantic.quantize(-DIRECTION))
    close = score(wanting, same_meaning, unrelated)
    far = score(wanting, unrelated, same_meaning)
    # Meaning alone, no word in common: a base of 1 − LEXICAL_SHARE, a small chance.
    assert close.need_fit > 0.05 and far.need_fit == 0.0
    assert close.score > far.score


def test_small_integer_vectors_give_the_same_dot_product_in_any_order():
    vectors = [semantic.unpack(near(amount)) for amount in (0.1, 0.5, 1.0, 3.0)]
    matrix = np.stack(vectors)
    products = matrix @ matrix.T
    for i, a in enumerate(vectors):
        for j, b in enumerate(vectors):
            assert float(np.dot(a, b)) == float(products[i, j])


def test_a_cosine_is_stretched_onto_zero_to_one():
    assert semantic.relevance(semantic.COSINE_FLOOR) == 0.0
    assert semantic.relevance(semantic.COSINE_CEILING) == 1.0
    assert semantic.relevance(-1.0) == 0.0 and semantic.relevance(1.0) == 1.0
    assert semantic.unpack(None) is None and semantic.unpack(b"") is None


def test_the_band_follows_the_score_people_see():
    assert band(POSSIBLE_SCORE - 0.4) == "possible", "shown rounded, it reads as possible"
    assert band(POSSIBLE_SCORE - 0.6) == "weak"
    assert band(STRONG_SCORE - 0.4) == "strong" and band(100) == "strong"
    assert band(STRONG_SCORE - 0.6) == "possible"


def test_the_band_can_be_read_at_other_thresholds_for_calibration():
    assert band(STRONG_SCORE - 1, strong=STRONG_SCORE - 1) == "strong"
    assert band(POSSIBLE_SCORE, strong=POSSIBLE_SCORE + 10, possible=POSSIBLE_SCORE + 5) == "weak"
