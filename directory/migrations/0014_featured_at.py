"""Featured is a curator's dated choice: adds ``featured_at`` to needs and offerings.

Listings already featured keep their place, dated by their last change (the best guess of
when they were featured); every row is kept.
"""

from django.db import migrations, models
from django.db.models import F


def date_featured(apps, schema_editor):
    for model in ("Need", "Offering"):
        listings = apps.get_model("directory", model).objects
        listings.filter(is_featured=True, featured_at=None).update(featured_at=F("updated_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0013_hosting_estimates"),
    ]

    operations = [
        migrations.AddField(
            model_name="need",
            name="featured_at",
            field=models.DateTimeField(
                blank=True, editable=False, help_text="When a curator featured it.", null=True
            ),
        ),
        migrations.AddField(
            model_name="offering",
            name="featured_at",
            field=models.DateTimeField(
                blank=True, editable=False, help_text="When a curator featured it.", null=True
            ),
        ),
        migrations.RunPython(date_featured, migrations.RunPython.noop),
    ]
