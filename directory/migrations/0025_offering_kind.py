"""Offering.kind: what a listing is (software unless the registry says a data set, content, a
standard or an AI model; `import_dpg` sets it). On SQLite the column is added by remaking the
table, around which the provider-verified triggers are dropped and created again, as in
0024_offering_summary_hi."""

import importlib

from django.db import migrations, models

summary_hi = importlib.import_module("directory.migrations.0024_offering_summary_hi")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0024_offering_summary_hi"),
    ]

    operations = [
        migrations.RunPython(summary_hi.drop_triggers, summary_hi.create_triggers),
        migrations.AddField(
            model_name="offering",
            name="kind",
            field=models.CharField(
                choices=[
                    ("software", "Software"),
                    ("data", "Data set"),
                    ("content", "Learning or reference content"),
                    ("standard", "Standard (a specification)"),
                    ("ai_model", "AI model"),
                ],
                default="software",
                max_length=10,
                verbose_name="what it is",
            ),
        ),
        migrations.RunPython(summary_hi.create_triggers, summary_hi.drop_triggers),
    ]
