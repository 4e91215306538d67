"""Build a need profile from unsaved input, for "offerings that would match" previews."""

from decimal import Decimal

from directory.listings.models import Category, System

from .core import NeedProfile
from .semantic import unsaved_need_embedding


def _amount(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def preview_profile(data: dict, organisation=None) -> NeedProfile:
    """``data`` holds cleaned values: a Category, Systems, Languages, amounts, codes."""
    category: Category | None = data.get("category")
    systems: list[System] = data.get("systems") or []
    org_systems = frozenset()
    if organisation is not None:
        org_systems = frozenset(organisation.systems_in_use.values_list("slug", flat=True))
    title, description = data.get("title") or "", data.get("description") or ""
    return NeedProfile(
        id=None,
        title=title,
        description=description,
        category=category.slug if category else None,
        systems=frozenset(system.slug for system in systems),
        org_systems=org_systems,
        monthly_budget=_amount(data.get("monthly_budget")),
        one_off_budget=_amount(data.get("one_off_budget")),
        free_only=bool(data.get("free_only")),
        deployment=data.get("deployment") or None,
        languages=frozenset(getattr(code, "code", code) for code in data.get("languages") or []),
        country=str(data.get("country") or "") or None,
        strict=bool(data.get("strict_requirements")),
        embedding=unsaved_need_embedding(title, description),
    )
