"""Scores became chances (`matching.core.chance`): the curators' threshold's default moves
from 40 to 20, which keeps about as many matches a need as 40 kept before, and settings still
at the old default move with it."""

import django.core.validators
from django.db import migrations, models

OLD_DEFAULT, NEW_DEFAULT = 40, 20


def move_default(apps, schema_editor):
    settings = apps.get_model("matching", "MatchingSettings")
    settings.objects.filter(threshold=OLD_DEFAULT).update(threshold=NEW_DEFAULT)


def move_back(apps, schema_editor):
    settings = apps.get_model("matching", "MatchingSettings")
    settings.objects.filter(threshold=NEW_DEFAULT).update(threshold=OLD_DEFAULT)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0005_embedding_changed_index"),
    ]

    operations = [
        migrations.AlterField(
            model_name="matchingsettings",
            name="threshold",
            field=models.FloatField(
                default=NEW_DEFAULT,
                help_text="Matches scoring below this (0–100) are not kept.",
                validators=[
                    django.core.validators.MinValueValidator(0),
                    django.core.validators.MaxValueValidator(100),
                ],
            ),
        ),
        migrations.RunPython(move_default, move_back),
    ]
