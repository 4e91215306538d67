"""A real Celery worker, consuming from the real Redis, keeps matches current."""

from matching.models import Match
from tests.factories import SURVEY_NEED, SURVEY_TOOL, NeedFactory, OfferingFactory
from tests.worker import needs_real_worker, wait_for

pytestmark = needs_real_worker


def test_a_real_worker_matches_a_saved_need_after_commit(worker):
    offering = OfferingFactory(**SURVEY_TOOL)
    need = NeedFactory(**SURVEY_NEED)
    assert wait_for(lambda: Match.objects.filter(need=need, offering=offering).exists())
