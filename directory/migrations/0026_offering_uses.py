"""Offering.uses and uses_hi: everyday uses, one per line (`import_dpg` fills them from the
curators' notes). On SQLite the columns are added by remaking the table, around which the
provider-verified triggers are dropped and created again, as in 0024_offering_summary_hi."""

import importlib

from django.db import migrations, models

summary_hi = importlib.import_module("directory.migrations.0024_offering_summary_hi")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0025_offering_kind"),
    ]

    operations = [
        migrations.RunPython(summary_hi.drop_triggers, summary_hi.create_triggers),
        migrations.AddField(
            model_name="offering",
            name="uses",
            field=models.TextField(
                blank=True,
                help_text="A few everyday uses, one per line, as a nonprofit would put them.",
                max_length=600,
                verbose_name="what people use it for",
            ),
        ),
        migrations.AddField(
            model_name="offering",
            name="uses_hi",
            field=models.TextField(blank=True, max_length=900, verbose_name="uses in Hindi"),
        ),
        migrations.RunPython(summary_hi.create_triggers, summary_hi.drop_triggers),
    ]
