"""Default curated taxonomies, read from ``directory/data/taxonomies.json``.

The data migration ``0003_default_taxonomies`` seeds the database from these lists, once;
after that, admins curate every term in the Django admin. Conventions: directory/data/README.md.
"""

from directory.data import load

_data = load("taxonomies")

STANDARDS = _data["standards"]
CATEGORIES = _data["categories"]
SYSTEMS = _data["systems"]
SECTORS = _data["sectors"]
# (code, name) pairs; JSON stores each pair as a two-item list.
LANGUAGES = [tuple(pair) for pair in _data["languages"]]
# Language code -> its name in Hindi (beside the pairs, so the pairs keep their shape).
LANGUAGE_NAMES_HI: dict[str, str] = _data["language_names_hi"]


def hindi_names() -> dict[str, dict[str, str]]:
    """The default Hindi names of the curated terms, by taxonomy (model name) and key (a
    slug; a language's code). Systems are product names: they have none."""
    return {
        "Category": {item["slug"]: item["name_hi"] for item in CATEGORIES if item.get("name_hi")},
        "Standard": {item["slug"]: item["name_hi"] for item in STANDARDS if item.get("name_hi")},
        "Sector": {item["slug"]: item["name_hi"] for item in SECTORS if item.get("name_hi")},
        "Language": dict(LANGUAGE_NAMES_HI),
    }


def hindi_descriptions() -> dict[str, str]:
    """The default Hindi descriptions of the curated categories, by slug."""
    return {
        item["slug"]: item["description_hi"] for item in CATEGORIES if item.get("description_hi")
    }


def category_keywords(item: dict) -> list[str]:
    """A default category's keywords as a database holds them after its migrations: those
    `0003_default_taxonomies` seeds, then the Hindi and Hinglish ones (``keywords_hi``,
    `0016_taxonomy_hindi_names`) and the broader English ones (``keywords_more``,
    `0022_broader_category_keywords`)."""
    return [*item["keywords"], *item.get("keywords_hi", []), *item.get("keywords_more", [])]


def with_keywords(stored: str, added: list[str]) -> str:
    """A taxonomy's stored keywords text with ``added`` appended, those it already holds
    (as `Taxonomy.keyword_list` reads them) left out, in the curator's own layout: one a
    line where they wrote them so, else comma-separated."""
    have = [word.strip().lower() for word in stored.replace("\n", ",").split(",") if word.strip()]
    added = [word for word in dict.fromkeys(added) if word not in have]
    existing = stored.rstrip()
    if not added:
        return stored
    if not existing:
        return ", ".join(added)
    separator = "\n" if "\n" in existing and "," not in existing else ", "
    return existing + separator + separator.join(added)
