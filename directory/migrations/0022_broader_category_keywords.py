"""Broader English keywords for the curated categories.

Each category spotted in a listing's text only through its curated keyword phrases, and many
registry entries describe their kind of work in everyday words the phrases lacked ("hospitals",
"health practitioners" for health records; "collecting, analyzing" for data collection). Each
category gets the ``keywords_more`` of directory/data/taxonomies.json it lacks, after the
keywords it has; the keywords a curator wrote are never changed. Reversing removes nothing.
"""

from django.db import migrations


def add_keywords(apps, schema_editor):
    from directory.data.taxonomies import CATEGORIES, with_keywords

    Category = apps.get_model("directory", "Category")
    for item in CATEGORIES:
        category = Category.objects.filter(slug=item["slug"]).first()
        if category is None or not item.get("keywords_more"):
            continue
        keywords = with_keywords(category.keywords, item["keywords_more"])
        if keywords != category.keywords:
            category.keywords = keywords
            category.save(update_fields=["keywords"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0021_changed_since_indexes"),
    ]

    operations = [migrations.RunPython(add_keywords, migrations.RunPython.noop)]
