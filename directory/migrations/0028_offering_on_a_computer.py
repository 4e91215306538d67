"""Offering.on_a_computer: a program installed on computers (`import_dpg` reads it from the
registry's words and the curators' notes), and the need's matching deployment choice. On
SQLite the column is added by remaking the table, around which the provider-verified
triggers are dropped and created again, as in 0024_offering_summary_hi."""

import importlib

from django.db import migrations, models

summary_hi = importlib.import_module("directory.migrations.0024_offering_summary_hi")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0027_introduction_message_blank_for_replies"),
    ]

    operations = [
        migrations.RunPython(summary_hi.drop_triggers, summary_hi.create_triggers),
        migrations.AddField(
            model_name="offering",
            name="on_a_computer",
            field=models.BooleanField(
                default=False, verbose_name="installed on computers (Windows, Mac or Linux)"
            ),
        ),
        migrations.RunPython(summary_hi.create_triggers, summary_hi.drop_triggers),
        migrations.AlterField(
            model_name="need",
            name="deployment",
            field=models.CharField(
                blank=True,
                choices=[
                    ("cloud", "Online (cloud)"),
                    ("self_hosted", "On our own server"),
                    ("offline_mobile", "Offline on phones or tablets"),
                    ("on_a_computer", "Installed on our computers"),
                ],
                max_length=16,
            ),
        ),
    ]
