"""Needs and offerings keep the currency their amounts are written in; the rows there are
were written in the site's currency, which the default gives them."""

from django.db import migrations, models

import directory.common.money


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0016_taxonomy_hindi_names"),
    ]

    operations = [
        migrations.AddField(
            model_name=model_name,
            name="currency",
            field=models.CharField(
                choices=[("INR", "Indian rupees (₹)"), ("USD", "US dollars (USD)")],
                default=directory.common.money.default_currency,
                help_text="The currency its prices or budgets are written in.",
                max_length=3,
            ),
        )
        for model_name in ("need", "offering")
    ]
