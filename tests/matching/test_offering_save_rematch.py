"""Saving an offering re-matches it in one pass against every need and writes only what
changes: the stored matches are then those a full re-match stores."""

import gc
import io

import pytest
from django.core.management import call_command

from directory.listings.models import Moderation, Offering
from matching import services, tasks
from matching.models import Match, MatchingSettings
from tests.factories import SURVEY_NEED, SURVEY_TOOL, NeedFactory, OfferingFactory

pytestmark = pytest.mark.django_db

BEST = {"name": "Offline Household Survey Forms", "description": SURVEY_NEED["description"]}


def stored() -> dict:
    return {
        (m.need_id, m.offering_id): (m.score, m.need_fit, m.interoperability, m.cost_fit, m.reasons)
        for m in Match.objects.all()
    }


def full_rematch() -> dict:
    call_command("rematch", "--all", stdout=io.StringIO())
    return stored()


def assert_as_a_full_rematch(offering_id: int, before: dict) -> None:
    """The same pairs as a full re-match stores, the saved offering's rows to the last digit.
    Another row is as it was ``before`` the save, or (its need re-matched in full) as a full
    re-match writes it: the IDF that the saved text shifts moves such scores a little, which
    the nightly full re-match writes."""
    after_save = stored()
    full = full_rematch()
    assert after_save.keys() == full.keys()
    for pair, values in after_save.items():
        if pair[1] == offering_id:
            assert values == full[pair]
        else:
            assert values in (full[pair], before.get(pair))


@pytest.fixture
def two_per_need():
    """A survey need (and one for finance) holding the best two of three equal survey tools."""
    config = MatchingSettings.current()
    config.top_k = 2
    config.save()
    tools = [OfferingFactory(**{**SURVEY_TOOL, "name": f"FieldForms {n}"}) for n in range(3)]
    needs = [NeedFactory(**SURVEY_NEED), NeedFactory(**SURVEY_NEED, monthly_budget=10)]
    full_rematch()
    return tools, needs


def save(capture, offering: Offering, **change) -> None:
    for name, value in change.items():
        setattr(offering, name, value)
    with capture(execute=True):
        offering.save()


def kept(need) -> list[int]:
    return list(need.matches.best_first().values_list("offering_id", flat=True))


def test_a_new_better_offering_pushes_the_kth_match_out(
    django_capture_on_commit_callbacks, two_per_need
):
    tools, (need, _) = two_per_need
    assert kept(need) == [tools[0].pk, tools[1].pk]  # equal scores: the lower id first
    before = stored()
    with django_capture_on_commit_callbacks(execute=True):
        best = OfferingFactory(**{**SURVEY_TOOL, **BEST})
    assert kept(need) == [best.pk, tools[0].pk]
    assert_as_a_full_rematch(best.pk, before)


def test_an_unpublished_offering_lets_the_match_cut_before_back_in(
    django_capture_on_commit_callbacks, two_per_need
):
    tools, (need, other_need) = two_per_need
    before = stored()
    save(django_capture_on_commit_callbacks, tools[0], status=Moderation.DRAFT)
    # The one let back in is scored now, the one kept was scored before the save.
    assert sorted(kept(need)) == sorted(kept(other_need)) == [tools[1].pk, tools[2].pk]
    assert_as_a_full_rematch(tools[0].pk, before)


def test_an_offering_that_now_fits_worse_falls_behind_the_one_cut_before(
    django_capture_on_commit_callbacks, two_per_need
):
    tools, (_, need) = two_per_need  # the need with a budget: 900 a month is far over it
    before = stored()
    save(
        django_capture_on_commit_callbacks,
        tools[1],
        pricing_model=Offering.Pricing.PAID,
        nonprofit_price_monthly=900,
    )
    assert tools[1].pk not in kept(need)
    assert kept(need) == [tools[0].pk, tools[2].pk]
    assert_as_a_full_rematch(tools[1].pk, before)


def test_an_edit_that_changes_nothing_writes_nothing(
    django_capture_on_commit_callbacks, two_per_need
):
    tools, _ = two_per_need
    before, written = stored(), {m.pk: m.updated_at for m in Match.objects.all()}
    save(django_capture_on_commit_callbacks, tools[0], website="https://fieldforms.example")
    assert {m.pk: m.updated_at for m in Match.objects.all()} == written
    assert_as_a_full_rematch(tools[0].pk, before)


def test_a_weak_new_offering_leaves_full_needs_as_they_were(
    django_capture_on_commit_callbacks, two_per_need
):
    tools, (need, _) = two_per_need
    before = stored()
    with django_capture_on_commit_callbacks(execute=True):
        weaker = OfferingFactory(
            **{**SURVEY_TOOL, "name": "Survey Sheets"},
            pricing_model=Offering.Pricing.PAID,
            nonprofit_price_monthly=900,
        )
    assert kept(need) == [tools[0].pk, tools[1].pk]
    assert not Match.objects.filter(offering=weaker).exists()
    assert_as_a_full_rematch(weaker.pk, before)


def test_the_garbage_collector_is_back_on_after_a_rematch(monkeypatch):
    """Paused while an offering is re-matched (matching/tasks.py), on again after, even when
    the re-match fails: a worker never keeps running with it off."""
    offering = OfferingFactory(**SURVEY_TOOL)
    NeedFactory(**SURVEY_NEED)
    seen = []
    rematch = services.rematch_offering

    def watched(offering_id):
        seen.append(gc.isenabled())
        return rematch(offering_id)

    monkeypatch.setattr(services, "rematch_offering", watched)
    assert tasks.rematch_offering(offering.pk) > 0
    assert seen == [False] and gc.isenabled()
    monkeypatch.setattr(services, "rematch_offering", lambda offering_id: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        tasks.rematch_offering(offering.pk)
    assert gc.isenabled()
