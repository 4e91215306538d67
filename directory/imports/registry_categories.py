"""Which categories an imported registry entry is listed in: pure, so that the importer
(`directory.imports.dpg`) and bench/quality.py, which ranks the registry as the importer
lists it, ask the same rule.

A curators' note on the entry (`directory.data.registry_notes`) names its categories; those
the taxonomy still has are taken as they are, and a note that names none (a dataset, a
country's COVID-19 dashboard, a developer library) leaves the entry in no category, so it is
not offered as a tool of a kind it is not. Without a note, or when none of its categories is
left in the taxonomy: the 1–3 categories whose curated keywords the name and description use
most (the name counts twice; ties go to the one named first); without any keyword, a
fallback by kind of good.

`entry_kind` says what kind of listing the entry is, from the registry's types: software
when it lists software among them (or no type), else its first type (data, content,
standard, AI model), which matching lowers and names as a watch-out.
"""

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from directory.data.registry_notes import RegistryNote
from matching.core import KINDS, SOFTWARE

MAX_CATEGORIES = 3
# When no curated keyword fires, the kind of good decides: most registry content is open
# educational material, and data, models and standards are things to share and connect.
FALLBACK_CATEGORY = {"content": "e-learning"}
DEFAULT_CATEGORY = "data-platforms"
# The registry's names of its types, as the listing kinds (`matching.core.KINDS`) name them.
REGISTRY_KINDS = {"aimodel": "ai_model"}


@dataclass(frozen=True)
class EntryCategories:
    listed: list[str]  # the entry's categories, the main one first; may be empty
    # Those whose hosting estimates price it, free software someone must run on a server: its
    # own, or, when its note leaves it in none, those its keywords give, so that it is not
    # costed as if it ran for nothing.
    costed: list[str]


def entry_categories(
    name: str,
    description: str,
    types: Iterable[str],
    note: RegistryNote | None,
    spot_text: Callable[[str], Counter],
    known: Collection[str],
) -> EntryCategories:
    """The entry's categories and those that cost it (`spot_text` counts the category keywords
    in a text, by slug; `known` are the taxonomy's slugs)."""
    spotted = keyword_categories(name, description, types, spot_text, known)
    if note is not None:
        noted = [slug for slug in note.categories if slug in known][:MAX_CATEGORIES]
        if noted or not note.categories:
            return EntryCategories(noted, noted or spotted)
    return EntryCategories(spotted, spotted)


def keyword_categories(
    name: str,
    description: str,
    types: Iterable[str],
    spot_text: Callable[[str], Counter],
    known: Collection[str],
) -> list[str]:
    """The 1–3 categories whose curated keywords the name and description use most, else a
    fallback by kind of good."""
    in_name = spot_text(name)
    ranked = (in_name + in_name + spot_text(description)).most_common()
    if ranked:
        best = ranked[0][1]
        return [slug for slug, count in ranked[:MAX_CATEGORIES] if count * 2 >= best]
    fallbacks = [FALLBACK_CATEGORY[kind] for kind in types if kind in FALLBACK_CATEGORY]
    fallback = (fallbacks or [DEFAULT_CATEGORY])[0]
    return [fallback] if fallback in known else []


def entry_kind(types: Iterable[str]) -> str:
    """``software`` for an entry that lists software among its types or lists none, else its
    first type that is a listing kind (``data``, ``content``, ``standard``, ``ai_model``)."""
    kinds = [REGISTRY_KINDS.get(kind.lower(), kind.lower()) for kind in types]
    if SOFTWARE in kinds:
        return SOFTWARE
    return next((kind for kind in kinds if kind in KINDS), SOFTWARE)
