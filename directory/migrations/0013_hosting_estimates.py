"""Hosting estimates: what running free software on one's own server roughly costs.

Adds the fields, then gives each category without an estimate the one in
directory/data/taxonomies.json (directory/data/README.md says what the figures are); a
curator's estimate is never changed.
"""

from decimal import Decimal

import django.core.validators
from django.db import migrations, models


def fill_estimates(apps, schema_editor):
    from directory.data import taxonomies as defaults

    Category = apps.get_model("directory", "Category")
    for item in defaults.CATEGORIES:
        estimate = item.get("hosting_monthly_estimate")
        if estimate is not None:
            Category.objects.filter(slug=item["slug"], hosting_monthly_estimate=None).update(
                hosting_monthly_estimate=Decimal(str(estimate))
            )


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0012_more_systems"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="hosting_monthly_estimate",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Roughly what running free software of this kind on one's own server costs.",
                max_digits=10,
                null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="hosting cost per month (estimate)",
            ),
        ),
        migrations.AddField(
            model_name="offering",
            name="hosting_monthly_estimate",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="For free software run on one's own server: roughly what the server costs. Left empty, its category's estimate is used.",
                max_digits=10,
                null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name="hosting cost per month (estimate)",
            ),
        ),
        migrations.RunPython(fill_estimates, migrations.RunPython.noop),
    ]
