"""Scores became chances: settings left at the old default threshold (40) move to the new one
(20), and a threshold a curator chose stays as chosen."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("matching", "0005_embedding_changed_index")]
AFTER = [("matching", "0006_threshold_on_the_chance_scale")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("kept", "now"), [(40, 20), (55, 55)])
def test_the_old_default_threshold_moves_to_the_chance_scale(kept, now):
    settings = migrate(BEFORE).get_model("matching", "MatchingSettings")
    settings.objects.update_or_create(pk=1, defaults={"threshold": kept})
    after = migrate(AFTER).get_model("matching", "MatchingSettings")
    assert after.objects.get(pk=1).threshold == now
