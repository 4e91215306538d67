"""Hindi names for the curated taxonomies: categories, standards, sectors and languages.

Adds ``name_hi`` to each, then gives every term whose Hindi name is empty the one in
directory/data/taxonomies.json (matched by slug, a language by code); a curator's Hindi name
is never changed. Systems are product names and have none.
"""

from django.db import migrations, models


def fill_hindi_names(apps, schema_editor):
    from directory.data.taxonomies import hindi_names

    for model_name, names in hindi_names().items():
        model = apps.get_model("directory", model_name)
        key = "code" if model_name == "Language" else "slug"
        for value, name_hi in names.items():
            model.objects.filter(**{key: value, "name_hi": ""}).update(name_hi=name_hi)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0015_user_language"),
    ]

    operations = [
        migrations.AddField(
            model_name="category",
            name="name_hi",
            field=models.CharField(
                blank=True,
                help_text="Shown instead of the name to people reading the site in Hindi.",
                max_length=80,
                verbose_name="name in Hindi",
            ),
        ),
        migrations.AddField(
            model_name="language",
            name="name_hi",
            field=models.CharField(
                blank=True,
                help_text="Shown instead of the name to people reading the site in Hindi.",
                max_length=60,
                verbose_name="name in Hindi",
            ),
        ),
        migrations.AddField(
            model_name="sector",
            name="name_hi",
            field=models.CharField(
                blank=True,
                help_text="Shown instead of the name to people reading the site in Hindi.",
                max_length=80,
                verbose_name="name in Hindi",
            ),
        ),
        migrations.AddField(
            model_name="standard",
            name="name_hi",
            field=models.CharField(
                blank=True,
                help_text="Shown instead of the name to people reading the site in Hindi.",
                max_length=80,
                verbose_name="name in Hindi",
            ),
        ),
        migrations.RunPython(fill_hindi_names, migrations.RunPython.noop),
    ]
