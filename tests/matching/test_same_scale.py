"""A need's scores mean the same in every language: the Hindi and Hinglish rewrites of the
judged needs (bench/judged_needs_translated.json and the independent bench/
judged_needs_hindi_check.json) against the DPG registry, beside their English sources, as
bench/matching.py --quality asks them (real embeddings)."""

import statistics

import pytest

from bench.matching import ranking_quality, vocabulary_from_defaults
from matching.core import STRONG_SCORE


@pytest.fixture(scope="module")
def tops_by_set() -> dict[str, dict[str, list[list[float]]]]:
    """Each set of rewrites -> language -> each need's top-ten scores, best first."""
    _judged, _heldout, translations = ranking_quality(vocabulary_from_defaults())
    result: dict[str, dict[str, list[list[float]]]] = {}
    for label, figures in translations.items():
        for lang, top in figures.tops:
            result.setdefault(label, {}).setdefault(lang, []).append([s for s, _ in top])
    return result


def best_mean(tops: list[list[float]]) -> float:
    return statistics.mean(top[0] for top in tops)


def strong_per_need(tops: list[list[float]]) -> float:
    return statistics.mean(sum(score >= STRONG_SCORE - 0.5 for score in top) for top in tops)


@pytest.mark.parametrize("label", ["translated", "hindi_check"])
@pytest.mark.parametrize("lang", ["hi", "hinglish"])
def test_a_need_in_hindi_is_told_strong_no_more_often_than_in_english(tops_by_set, label, lang):
    rewritten, english = tops_by_set[label][lang], tops_by_set[label]["en_source"]
    assert len(rewritten) == len(english) == 34
    # The best match a reader is shown scores about the same whichever language the need
    # was written in (it was 6 to 7 points higher in Hindi, ranking worse).
    assert best_mean(rewritten) == pytest.approx(best_mean(english), abs=3.0)
    # "Strong" is not said of more of its top ten than for the English need: by no more than
    # a quarter of a result per need on average. Need by need the counts differ by about two
    # either way (standard deviation 1.0–2.0), so their mean over 34 needs moves by 0.2–0.35
    # (its standard error) with any change to the registry's data; a language told "strong"
    # more often, as Hindi was before its scale was fixed, shows as a drift past that.
    assert strong_per_need(rewritten) <= strong_per_need(english) + 0.25
