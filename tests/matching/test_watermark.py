"""A worker syncing its offering index and need side reads only the rows changed since its
last sync (matching/watermark.py), and still sees every change: a listing re-worded after the
sync, one stamped just before the sync but committed after it, one deleted, unpublished or
closed behind the signals' back."""

from datetime import timedelta

import pytest
from django.utils import timezone

from directory.listings.models import Moderation, Need, Offering
from matching import watermark
from matching.models import Match, MatchingSettings
from matching.services import best_matches, index_cache, rematch_offering
from tests.factories import SURVEY_NEED, SURVEY_TOOL, NeedFactory, OfferingFactory, category

pytestmark = pytest.mark.django_db


def accounts() -> Offering:
    return OfferingFactory(
        summary="Accounting for charities.",
        description="Invoices, payroll and audit-ready books.",
        pricing_model=Offering.Pricing.PAID,
        nonprofit_price_monthly=900,
        categories=[category("finance-accounting")],
    )


# The accounting offering re-worded as a survey tool.
REWORDED = {**SURVEY_TOOL, "pricing_model": Offering.Pricing.FREE, "nonprofit_price_monthly": None}
PAYROLL = {"title": "Payroll for our staff", "description": "Monthly salaries and tax slips."}


@pytest.fixture
def reads(monkeypatch):
    """How many rows' versions each read of them returned."""
    sizes = []
    versions_of = watermark.versions_of

    def counted(*args):
        found = versions_of(*args)
        sizes.append(len(found))
        return found

    monkeypatch.setattr(watermark, "versions_of", counted)
    return sizes


def an_hour_ago():
    """As if every listing had last changed an hour before the first sync."""
    hour_ago = timezone.now() - timedelta(hours=1)
    Offering.objects.update(updated_at=hour_ago)
    Need.objects.update(updated_at=hour_ago)


def offerings_matched(need) -> set[int]:
    """The offerings a re-match of the need finds, with the worker's index synced first."""
    found = best_matches([need.pk], MatchingSettings.current())
    return {score.offering_id for score in found.get(need.pk, [])}


def test_an_offering_reworded_after_the_last_sync_is_seen_reading_only_it(reads):
    need = NeedFactory(**SURVEY_NEED)
    for _ in range(3):
        accounts()
    tool = accounts()
    an_hour_ago()
    assert tool.pk not in offerings_matched(need)
    assert reads == [4], "the first sync reads every offering"
    reads.clear()
    # Behind the signals' back: the stamp of changes is not replaced, only the row's time.
    Offering.objects.filter(pk=tool.pk).update(**REWORDED, updated_at=timezone.now())
    assert tool.pk in offerings_matched(need)
    assert reads == [1]
    reads.clear()
    assert tool.pk in offerings_matched(need)
    assert reads == [1], "within the overlap the row is read again, not analysed again"


def test_an_offering_stamped_before_the_sync_and_committed_after_is_seen():
    need = NeedFactory(**SURVEY_NEED)
    tool = accounts()
    an_hour_ago()
    assert tool.pk not in offerings_matched(need)
    # A transaction that stamped the row before that sync began, committed after it.
    stamped = index_cache.watermark.read_at - timedelta(seconds=30)
    Offering.objects.filter(pk=tool.pk).update(**REWORDED, updated_at=stamped)
    assert tool.pk in offerings_matched(need)


def test_offerings_deleted_unpublished_or_republished_unstamped_are_seen(reads):
    need = NeedFactory(**SURVEY_NEED)
    tool, other, gone = OfferingFactory.create_batch(3, **SURVEY_TOOL)
    an_hour_ago()
    assert offerings_matched(need) == {tool.pk, other.pk, gone.pk}
    Offering.objects.filter(pk=gone.pk).delete()
    # Neither row's time moves: the count of offerings stays, their ids do not.
    Offering.objects.filter(pk=tool.pk).update(status=Moderation.DRAFT)
    reads.clear()
    assert offerings_matched(need) == {other.pk}
    assert reads == [0, 1], "nothing changed by its times, so every offering is read"
    Offering.objects.filter(pk=tool.pk).update(status=Moderation.PUBLISHED)
    assert offerings_matched(need) == {tool.pk, other.pk}
    assert gone.pk not in index_cache.index


def test_a_need_reworded_or_closed_after_the_last_sync_is_seen(reads):
    tool = accounts()
    surveys = NeedFactory(**SURVEY_NEED)
    closing = NeedFactory(**PAYROLL, category=category("finance-accounting"))
    an_hour_ago()
    rematch_offering(tool.pk)
    assert set(Match.objects.values_list("need_id", flat=True)) == {closing.pk}
    Need.objects.filter(pk=surveys.pk).update(
        **PAYROLL, category=category("finance-accounting"), updated_at=timezone.now()
    )
    Need.objects.filter(pk=closing.pk).update(state=Need.State.CLOSED)  # its time unchanged
    reads.clear()
    rematch_offering(tool.pk)
    assert set(Match.objects.values_list("need_id", flat=True)) == {surveys.pk}
    assert reads == [0, 1, 1], "offerings: nothing new; needs: the changed one, then all"
