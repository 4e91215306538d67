"""Match.reasons now holds codes with values (matching.core.reasons), rendered into words by
matching.reasons; rows stored before hold English sentences. This keeps every match, with its
score and parts, and empties the reasons that are not all codes, so no sentence stays stored.

The nightly re-match (``nightly-full-rematch`` in CELERY_BEAT_SCHEDULE) and
``manage.py rematch --all`` write the reasons again, as codes; until then those matches show
their score and bars without reasons (run ``manage.py rematch --all`` after migrating to have
them at once). Going back leaves the reasons as they are.
"""

from django.db import migrations

BATCH = 2000


def is_codes(reasons) -> bool:
    return isinstance(reasons, list) and all(
        isinstance(reason, dict) and isinstance(reason.get("code"), str) for reason in reasons
    )


def clear_worded_reasons(apps, schema_editor):
    Match = apps.get_model("matching", "Match")
    matches = Match.objects.using(schema_editor.connection.alias)
    rows = matches.values_list("pk", "reasons")
    worded = [pk for pk, reasons in rows.iterator(chunk_size=BATCH) if not is_codes(reasons)]
    for start in range(0, len(worded), BATCH):
        matches.filter(pk__in=worded[start : start + BATCH]).update(reasons=[])


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [
        migrations.RunPython(clear_worded_reasons, migrations.RunPython.noop),
    ]
