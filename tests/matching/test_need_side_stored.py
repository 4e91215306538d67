"""The need side stored beside the offering snapshot (matching/need_side.py): a worker that
has just started re-matches a saved offering from it without analysing every need, and sees
the needs changed after it was stored."""

import pytest
from django.utils import timezone

from directory.listings.models import Need
from matching import need_side as need_side_module
from matching.core import need_index
from matching.need_side import need_side
from matching.services import build_snapshot, index_cache
from tests.factories import SURVEY_NEED, SURVEY_TOOL, NeedFactory, OfferingFactory
from tests.matching.test_offering_save_rematch import (
    BEST,
    assert_as_a_full_rematch,
    full_rematch,
    save,
    stored,
)

pytestmark = pytest.mark.django_db

PAYROLL = {"title": "Payroll for our staff", "description": "Monthly salaries and tax slips."}


@pytest.fixture
def analysed(monkeypatch):
    """The ids of the needs the worker analyses."""
    seen = []
    describe = need_index.describe_need

    def counted(need, *args):
        seen.append(need.id)
        return describe(need, *args)

    monkeypatch.setattr(need_index, "describe_need", counted)
    return seen


def fresh_worker():
    """As a worker process that has just started: it holds no index and no need."""
    index_cache.clear()
    need_side.clear()


def test_a_fresh_worker_saves_an_offering_from_the_stored_need_side(
    django_capture_on_commit_callbacks, analysed
):
    surveys = [NeedFactory(**SURVEY_NEED) for _ in range(3)]
    NeedFactory(**PAYROLL)
    OfferingFactory(**SURVEY_TOOL)
    full_rematch()
    build_snapshot()
    fresh_worker()
    analysed.clear()
    before = stored()
    with django_capture_on_commit_callbacks(execute=True):
        best = OfferingFactory(**{**SURVEY_TOOL, **BEST})
    assert analysed == []  # every need read from the stored arrays
    assert need_side.adopted is not None
    assert {need.pk for need in surveys} <= {
        need for need, offering in stored() if offering == best.pk
    }
    assert_as_a_full_rematch(best.pk, before)


def test_a_need_changed_after_the_need_side_was_stored_is_seen(
    django_capture_on_commit_callbacks, analysed
):
    need = NeedFactory(**PAYROLL)
    NeedFactory(**SURVEY_NEED)
    tool = OfferingFactory(**SURVEY_TOOL)
    full_rematch()
    build_snapshot()
    payroll_score = stored().get((need.pk, tool.pk), (0.0,))[0]
    # Re-worded behind the signals' back: only the offering's save can find it.
    Need.objects.filter(pk=need.pk).update(**SURVEY_NEED, updated_at=timezone.now())
    fresh_worker()
    analysed.clear()
    before = stored()
    save(django_capture_on_commit_callbacks, tool, summary="Offline survey forms and reminders.")
    assert analysed == [need.pk]  # only the need changed since
    assert stored()[need.pk, tool.pk][0] > payroll_score  # matched as the survey need it is
    assert_as_a_full_rematch(tool.pk, before)


def test_a_worker_past_its_changes_takes_the_newer_stored_need_side(
    django_capture_on_commit_callbacks, analysed, monkeypatch
):
    monkeypatch.setattr(need_side_module.NeedSide, "ADOPT_AFTER", 1)
    need = NeedFactory(**SURVEY_NEED)
    tool = OfferingFactory(**SURVEY_TOOL)
    build_snapshot()
    first = need_side.adopted
    Need.objects.filter(pk=need.pk).update(title="Household surveys", updated_at=timezone.now())
    build_snapshot()  # another worker's build would store this one
    assert need_side.adopted > first
    need_side.adopted = first  # as the worker holding the first with a change beside it
    need_side.index.remove(need.pk)
    analysed.clear()
    save(django_capture_on_commit_callbacks, tool, summary="Offline survey forms and reminders.")
    assert need_side.adopted > first and analysed == []
    assert (need.pk, tool.pk) in stored()


def test_a_build_stores_the_need_side_again_only_when_a_need_changed():
    need = NeedFactory(**SURVEY_NEED)
    OfferingFactory(**SURVEY_TOOL)
    first = build_snapshot()
    build_snapshot()
    assert need_side.adopted == int(first.name.removeprefix("offerings-"))
    Need.objects.filter(pk=need.pk).update(title="Household surveys", updated_at=timezone.now())
    third = build_snapshot()
    assert need_side.adopted == int(third.name.removeprefix("offerings-"))
