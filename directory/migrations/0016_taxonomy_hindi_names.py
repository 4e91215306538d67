"""Hindi names for the curated taxonomies: categories, standards, sectors and languages.

Adds ``name_hi`` to each, then gives every term whose Hindi name is empty the one in
directory/data/taxonomies.json (matched by slug, a language by code); a curator's Hindi name
is never changed. Systems are product names and have none.

Each category also gets the Hindi and Hinglish keywords of the file (``keywords_hi``: words
the glossary of matching/core/glossary.json does not already lead to the category) that it
lacks, after the keywords it has; the keywords a curator wrote are never changed.
"""

from django.db import migrations, models


def fill_hindi_names(apps, schema_editor):
    from directory.data.taxonomies import hindi_names

    for model_name, names in hindi_names().items():
        model = apps.get_model("directory", model_name)
        key = "code" if model_name == "Language" else "slug"
        for value, name_hi in names.items():
            model.objects.filter(**{key: value, "name_hi": ""}).update(name_hi=name_hi)


def _keywords(text: str) -> list[str]:
    """The keywords stored in a taxonomy's text field, as Taxonomy.keyword_list reads them."""
    return [word.strip().lower() for word in text.replace("\n", ",").split(",") if word.strip()]


def add_hindi_keywords(apps, schema_editor):
    from directory.data.taxonomies import CATEGORIES

    Category = apps.get_model("directory", "Category")
    for item in CATEGORIES:
        category = Category.objects.filter(slug=item["slug"]).first()
        if category is None:
            continue
        have = _keywords(category.keywords)
        added = [word for word in item.get("keywords_hi", []) if word not in have]
        if not added:
            continue
        existing = category.keywords.rstrip()
        if not existing:
            category.keywords = ", ".join(added)
        else:
            separator = "\n" if "\n" in existing and "," not in existing else ", "
            category.keywords = existing + separator + separator.join(added)
        category.save(update_fields=["keywords"])


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0015_user_language"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name,
                name="name_hi",
                field=models.CharField(
                    blank=True,
                    help_text="Shown instead of the name to people reading the site in Hindi.",
                    max_length=max_length,
                    verbose_name="name in Hindi",
                ),
            )
            for model_name, max_length in [
                ("category", 80),
                ("language", 60),
                ("sector", 80),
                ("standard", 80),
            ]
        ),
        migrations.RunPython(fill_hindi_names, migrations.RunPython.noop),
        migrations.RunPython(add_hindi_keywords, migrations.RunPython.noop),
    ]
