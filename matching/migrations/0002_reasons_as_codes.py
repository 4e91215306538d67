"""Match.reasons now holds codes with values (matching.core.reasons), rendered into words by
matching.reasons; rows stored before hold English sentences. This deletes the matches whose
reasons are not all codes.

Matches are derived data: the nightly re-match (``nightly-full-rematch`` in
CELERY_BEAT_SCHEDULE) and ``manage.py rematch --all`` rebuild them
from the needs and offerings, so nothing is lost but the wait until the next re-match (run
``manage.py rematch --all`` after migrating to have them back at once). Going back keeps
whatever rows there are.
"""

from django.db import migrations

BATCH = 2000


def is_codes(reasons) -> bool:
    return isinstance(reasons, list) and all(
        isinstance(reason, dict) and isinstance(reason.get("code"), str) for reason in reasons
    )


def delete_matches_with_worded_reasons(apps, schema_editor):
    Match = apps.get_model("matching", "Match")
    rows = Match.objects.using(schema_editor.connection.alias).values_list("pk", "reasons")
    worded = [pk for pk, reasons in rows.iterator(chunk_size=BATCH) if not is_codes(reasons)]
    for start in range(0, len(worded), BATCH):
        Match.objects.filter(pk__in=worded[start : start + BATCH]).delete()


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [
        migrations.RunPython(delete_matches_with_worded_reasons, migrations.RunPython.noop),
    ]
