"""The curators' notes list more everyday uses per registry entry (directory/data/
registry_notes.json): an offering's uses hold up to 1,200 characters, their Hindi 1,600. The
columns are text already; only the forms' limits change, so the database is left as it is
(on SQLite an altered field would rebuild the table and lose its triggers, migration 0020)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0029_offering_on_a_computer_label"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="offering",
                    name="uses",
                    field=models.TextField(
                        blank=True,
                        help_text="A few everyday uses, one per line, as a nonprofit would put them.",
                        max_length=1200,
                        verbose_name="what people use it for",
                    ),
                ),
                migrations.AlterField(
                    model_name="offering",
                    name="uses_hi",
                    field=models.TextField(
                        blank=True, max_length=1600, verbose_name="uses in Hindi"
                    ),
                ),
            ]
        )
    ]
