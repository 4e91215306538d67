"""Seed the curated taxonomies (categories, systems, standards, sectors, languages).

The terms come from directory/data/taxonomies.py; admins curate them afterwards. Existing
rows (matched by slug) are left as admins edited them.
"""

from django.db import migrations


def seed_taxonomies(apps, schema_editor):
    from directory.data import taxonomies as defaults

    Category = apps.get_model("directory", "Category")
    Standard = apps.get_model("directory", "Standard")
    System = apps.get_model("directory", "System")
    Sector = apps.get_model("directory", "Sector")
    Language = apps.get_model("directory", "Language")

    for item in defaults.STANDARDS:
        Standard.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "keywords": ", ".join(item["keywords"]),
                "data_export": item["data_export"],
            },
        )
    for item in defaults.CATEGORIES:
        Category.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "keywords": ", ".join(item["keywords"]),
            },
        )
    for item in defaults.SYSTEMS:
        system, created = System.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "keywords": ", ".join(item["keywords"]),
                "website": item.get("website", ""),
            },
        )
        if created:
            system.standards.set(Standard.objects.filter(slug__in=item["standards"]))
    for item in defaults.SECTORS:
        Sector.objects.get_or_create(
            slug=item["slug"],
            defaults={"name": item["name"], "keywords": ", ".join(item.get("aliases", []))},
        )
    for code, name in defaults.LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_search_indexes")]

    operations = [migrations.RunPython(seed_taxonomies, migrations.RunPython.noop)]
