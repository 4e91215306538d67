"""Hindi descriptions for the curated categories (shown on the home page).

Adds ``description_hi`` to Category, then gives every category whose Hindi description is
empty the one in directory/data/taxonomies.json (matched by slug); a curator's Hindi
description is never changed.
"""

from django.db import migrations, models


def fill_hindi_descriptions(apps, schema_editor):
    from directory.data.taxonomies import hindi_descriptions

    Category = apps.get_model("directory", "Category")
    for slug, description_hi in hindi_descriptions().items():
        Category.objects.filter(slug=slug, description_hi="").update(description_hi=description_hi)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0017_listing_currency"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="description_hi",
            field=models.CharField(
                blank=True,
                help_text="Shown instead of the description to people reading the site in Hindi.",
                max_length=240,
                verbose_name="description in Hindi",
            ),
        ),
        migrations.RunPython(fill_hindi_descriptions, migrations.RunPython.noop),
    ]
