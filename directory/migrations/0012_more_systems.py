"""Bring an existing database's systems up to directory/data/taxonomies.json.

0003_default_taxonomies seeds the systems once, so a database made before the list grew lacks
the newer systems and aliases. This adds, from the same file:

* each system whose slug the database lacks, unless a system of that name already exists
  (a curator added it under another slug), with the keywords no other system already has;
* to each existing system, the file's keywords it lacks, again leaving out any that another
  system already has (a curator may have moved an alias), so no alias becomes ambiguous.

Names, websites, standards and the keywords a curator wrote are never changed. Reversing
deletes the systems the file marks ``"added_in": "0012_more_systems"`` that still have their
default name and that no listing or organisation uses; added keywords stay.
"""

from django.db import migrations

MIGRATION = "0012_more_systems"


def _keywords(text: str) -> list[str]:
    """The keywords stored in a System's text field, as Taxonomy.keyword_list reads them."""
    return [word.strip().lower() for word in text.replace("\n", ",").split(",") if word.strip()]


def _key(text: str) -> str:
    """A name compared as SystemQuerySet.resolve compares it: letters and digits only."""
    return "".join(char for char in text.casefold() if char.isalnum())


def _joined(existing: str, added: list[str]) -> str:
    """``added`` appended to the stored keywords in the curator's own layout."""
    if not existing.strip():
        return ", ".join(added)
    separator = "\n" if "\n" in existing.strip() and "," not in existing else ", "
    return existing.rstrip() + separator + separator.join(added)


def add_systems(apps, schema_editor):
    from directory.data import taxonomies as defaults

    System = apps.get_model("directory", "System")
    Standard = apps.get_model("directory", "Standard")

    systems = {system.slug: system for system in System.objects.all()}
    owner = {}  # spelling key -> slug of the system that holds it
    for system in systems.values():
        for spelling in [system.name, system.slug, *_keywords(system.keywords)]:
            owner.setdefault(_key(spelling), system.slug)

    def free(slug: str, words: list[str], have: list[str]) -> list[str]:
        kept = []
        for word in words:
            if word in have or word in kept or owner.get(_key(word), slug) != slug:
                continue
            kept.append(word)
            owner[_key(word)] = slug
        return kept

    names = {system.name.casefold() for system in systems.values()}
    for item in defaults.SYSTEMS:
        system = systems.get(item["slug"])
        if system is None:
            if item["name"].casefold() in names:
                continue
            owner.setdefault(_key(item["name"]), item["slug"])
            owner.setdefault(_key(item["slug"]), item["slug"])
            system = System.objects.create(
                slug=item["slug"],
                name=item["name"],
                keywords=", ".join(free(item["slug"], item["keywords"], [])),
                website=item.get("website", ""),
            )
            system.standards.set(Standard.objects.filter(slug__in=item["standards"]))
            names.add(item["name"].casefold())
            continue
        have = _keywords(system.keywords)
        added = free(system.slug, item["keywords"], have)
        if added:
            system.keywords = _joined(system.keywords, added)
            system.save(update_fields=["keywords"])


def remove_added_systems(apps, schema_editor):
    from directory.data import taxonomies as defaults

    System = apps.get_model("directory", "System")
    added = {
        item["slug"]: item["name"] for item in defaults.SYSTEMS if item.get("added_in") == MIGRATION
    }
    for system in System.objects.filter(slug__in=added):
        in_use = (
            system.needs.exists()
            or system.offerings.exists()
            or system.organisations_using.exists()
        )
        if system.name == added[system.slug] and not in_use:
            system.delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0011_offering_variant_of")]

    operations = [migrations.RunPython(add_systems, remove_added_systems)]
