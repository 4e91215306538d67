"""Offerings scored live and never stored: the need form's preview (from unsaved input; the
closest offerings, from `SHOWN_SCORE`) and the matches a need not yet published shows its
owner (from the saved row; those at or above the threshold, as publishing stores them)."""

from collections.abc import Iterable
from dataclasses import replace

from django.conf import settings

from directory.common.money import local_currency
from directory.listings.models import Category, Moderation, Need, Offering, System

from .core import POSSIBLE_SCORE, MatchScore, NeedProfile
from .core.profiles import WEAK
from .models import Match, MatchingSettings
from .profiles import current_rate, in_site_currency, need_profiles, shown_currency
from .semantic import unsaved_need_embedding
from .services import index_cache, preview_matches

# Needs whose owner sees live matches: not yet published, so none are stored for them.
BEFORE_REVIEW = (Moderation.PENDING, Moderation.DRAFT)


def preview_profile(data: dict, organisation=None) -> NeedProfile:
    """``data`` holds cleaned values: a Category, Systems, Languages, amounts, codes."""
    category: Category | None = data.get("category")
    systems: list[System] = data.get("systems") or []
    org_systems = frozenset()
    if organisation is not None:
        org_systems = frozenset(organisation.systems_in_use.values_list("slug", flat=True))
    title, description = data.get("title") or "", data.get("description") or ""
    currency = data.get("currency") or (
        local_currency(organisation.country) if organisation is not None else None
    )
    currency, rate = currency or settings.SITE_CURRENCY, current_rate()
    amount = in_site_currency(currency, rate)
    return NeedProfile(
        id=None,
        title=title,
        description=description,
        category=category.slug if category else None,
        systems=frozenset(system.slug for system in systems),
        org_systems=org_systems,
        monthly_budget=amount(data.get("monthly_budget")),
        one_off_budget=amount(data.get("one_off_budget")),
        free_only=bool(data.get("free_only")),
        deployment=data.get("deployment") or None,
        languages=frozenset(getattr(code, "code", code) for code in data.get("languages") or []),
        country=str(data.get("country") or "") or None,
        strict=bool(data.get("strict_requirements")),
        embedding=unsaved_need_embedding(title, description),
        **shown_currency(currency, rate),
    )


# A search ranks the offerings closest in meaning to its words (`search_fits`), this many;
# the others by their words alone.
SEARCH_RANKED = 100
# The fit at which a search finds an offering by meaning though it names none of its words:
# the possible band's (the words as a need's title, without budget or system, score 100 × fit).
FOUND_BY_MEANING = POSSIBLE_SCORE / 100


def search_fits(text: str) -> dict[int, float]:
    """Offering id → how well it fits what a search's words mean, 0–1: the words asked as a
    need's title ("survey", "मरीज़ों का रिकॉर्ड", "kitchen garden"), each of the SEARCH_RANKED
    offerings that fit them best with its need fit, as the engine scores a need (words,
    categories they name, meaning, the glossary's Hindi). Empty while the index warms up."""
    text = text.strip()
    index = index_cache.current() if text else None
    if index is None:
        return {}
    need = NeedProfile(
        id=None, title=text, description="", embedding=unsaved_need_embedding(text, "")
    )
    found = index.match_need(need, threshold=0, top_k=SEARCH_RANKED)
    return {score.offering_id: score.need_fit for score in found if score.need_fit > 0}


CLOSEST_SHOWN = 5  # offerings whose categories stand for a need whose words name none


def closest_category(title: str, description: str) -> Category | None:
    """The category of the offerings that fit a need's words best (of the preview's first
    CLOSEST_SHOWN above the weak band, each category weighed by their scores), for words that
    name no category's keywords (a short need in Hindi or Hinglish); None while the index
    warms up, when nothing fits that well or when the best have no category."""
    need = preview_profile({"title": title, "description": description})
    fitting = [score for score in preview_matches(need) if score.band != WEAK]
    scores = {score.offering_id: score.score for score in fitting[:CLOSEST_SHOWN]}
    weights: dict[int, float] = {}
    through = Offering.categories.through.objects.filter(offering_id__in=scores)
    for offering_id, category_id in through.values_list("offering_id", "category_id"):
        weights[category_id] = weights.get(category_id, 0.0) + scores[offering_id]
    if not weights:
        return None
    return Category.objects.get(pk=max(weights, key=lambda pk: (weights[pk], -pk)))


def unsaved_matches(scores: Iterable[MatchScore], need: Need | None = None) -> list[Match]:
    """The scores as matches to show, never stored, best first, each with its offering and
    the offering's organisation and categories (for its hosting estimate) in two queries."""
    scores = list(scores)
    offerings = (
        Offering.objects.select_related("organisation")
        .prefetch_related("categories")
        .in_bulk([score.offering_id for score in scores])
    )
    return [
        Match.unsaved(score, offerings[score.offering_id], need=need)
        for score in scores
        if score.offering_id in offerings
    ]


def shows_live_matches(need: Need) -> bool:
    """An open need waiting for review, or a draft: its owner sees its matches scored live."""
    return need.status in BEFORE_REVIEW and need.state == Need.State.OPEN


def matches_before_review(need: Need) -> list[Match]:
    """The matches of a need not yet published, as its owner sees them: scored live against
    the offerings by the preview's engine, with the need's stored embedding (or its text
    embedded now, before the background task has), and never stored, so no provider and no
    digest hears of them until the need is published and matched for real. Only those at or
    above the curators' threshold: the page promises what publishing will store (the need
    form's preview, before anything is saved, also shows the closer ones under it)."""
    [profile] = need_profiles([need])
    if profile.embedding is None:
        profile = replace(profile, embedding=unsaved_need_embedding(need.title, need.description))
    kept, _weaker = kept_and_weaker(preview_matches(profile))
    return unsaved_matches(kept, need)


def kept_and_weaker(scores: Iterable[MatchScore]) -> tuple[list, list]:
    """The scores a need's matching would store (at or above the curators' threshold) and the
    weaker ones under them, each best first."""
    threshold = MatchingSettings.current().threshold
    scores = list(scores)
    return (
        [score for score in scores if score.score >= threshold],
        [score for score in scores if score.score < threshold],
    )
