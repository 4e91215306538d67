"""Offering.summary_hi. SQLite adds a NOT NULL column by remaking the table, which drops the
table's own triggers and trips over the organisation's trigger that names it, so on SQLite
the provider-verified triggers of 0020_list_order_indexes are dropped before the column is
added and created again after. PostgreSQL adds the column in place and keeps its triggers."""

import importlib

from django.db import migrations, models

triggers = importlib.import_module("directory.migrations.0020_list_order_indexes")


def on_sqlite(operation):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            operation(apps, schema_editor)

    return run


drop_triggers = on_sqlite(triggers.drop_triggers)
create_triggers = on_sqlite(triggers.create_triggers)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0023_offering_categories_blank"),
    ]

    operations = [
        migrations.RunPython(drop_triggers, create_triggers),
        migrations.AddField(
            model_name="offering",
            name="summary_hi",
            field=models.CharField(blank=True, max_length=300, verbose_name="summary in Hindi"),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
