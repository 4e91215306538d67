"""A real Celery worker, consuming from the real Redis, keeps matches current."""

from matching.models import Match
from tests.factories import NeedFactory, OfferingFactory
from tests.worker import needs_real_worker, wait_for

pytestmark = needs_real_worker


def test_a_real_worker_matches_a_saved_need_after_commit(worker):
    offering = OfferingFactory(
        name="FieldForms",
        summary="Offline survey forms on any phone.",
        description="Build survey forms, collect household data offline and sync later.",
    )
    need = NeedFactory(
        title="Collect household surveys offline",
        description="Volunteers fill in survey forms on phones in villages with no signal.",
    )
    assert wait_for(lambda: Match.objects.filter(need=need, offering=offering).exists())
