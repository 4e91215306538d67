"""Turn directory rows into the plain profiles the scoring core reads."""

from collections.abc import Iterable
from dataclasses import replace

import numpy as np
from django.conf import settings
from django.db import connection
from django.db.models import CharField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Cast
from django_countries import countries

from directory.common.money import convert
from directory.listings.models import Category, Language, Need, Offering, Standard, System

from .core import NeedProfile, OfferingProfile, Vocabulary, listing_text, use_lines
from .core.semantic import quantize
from .models import ListingEmbedding, MatchingSettings

IDS_PER_QUERY = 5000


def load_vocabulary() -> Vocabulary:
    """The curated taxonomies as they are now (admins edit their keywords)."""
    categories = list(Category.objects.all())
    systems = list(System.objects.prefetch_related("standards"))
    standards = list(Standard.objects.all())
    return Vocabulary(
        category_names={c.slug: c.name for c in categories},
        category_terms={c.slug: c.keyword_list() for c in categories},
        system_names={s.slug: s.name for s in systems},
        system_terms={s.slug: s.keyword_list() for s in systems},
        system_standards={s.slug: frozenset(t.slug for t in s.standards.all()) for s in systems},
        standard_names={s.slug: s.name for s in standards},
        data_export_standards=frozenset(s.slug for s in standards if s.data_export),
        language_names=dict(Language.objects.values_list("code", "name")),
        country_names=dict(countries),
    )


def versions_of(rows: QuerySet, kind: str, *fields: str) -> dict[int, tuple]:
    """Each row's id -> the times its ``fields`` and its stored embedding (of ``kind``) last
    changed: what a process compares with what it analysed to find the rows changed since.
    As text: only compared for equality, and PostgreSQL's times are read as text about ten
    times faster than as datetimes (7 s for 100,000 on this project's machine, under load)."""
    embedded = ListingEmbedding.objects.filter(kind=kind, listing_id=OuterRef("pk"))
    times = [*fields, Subquery(embedded.values("updated_at")[:1])]
    stamps = {f"time_{n}": Cast(field, CharField()) for n, field in enumerate(times)}
    rows = rows.order_by().annotate(**stamps).values_list("id", *stamps)
    sql, params = rows.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk: tuple(values) for pk, *values in cursor.fetchall()}


def _slugs(related) -> frozenset[str]:
    return frozenset(item.slug for item in related.all())


def _amount(value) -> float | None:
    return None if value is None else float(value)


def current_rate() -> float:
    """Rupees to a dollar, as curators set it (MatchingSettings)."""
    return float(MatchingSettings.current().rupees_per_dollar)


def in_site_currency(currency: str, rate: float):
    """A function reading an amount written in ``currency`` in the site's currency: matching
    compares every budget and price in that one currency."""

    def read(value) -> float | None:
        return convert(_amount(value), currency, settings.SITE_CURRENCY, rate)

    return read


def shown_currency(currency: str, rate: float) -> dict:
    """A need's currency and how many of it one unit of the site's currency makes: the
    reasons show its amounts in it (``NeedProfile.currency``, ``per_site_unit``)."""
    return {
        "currency": currency,
        "per_site_unit": convert(1.0, settings.SITE_CURRENCY, currency, rate),
    }


def offerings_for_matching(queryset: QuerySet | None = None) -> QuerySet:
    queryset = Offering.objects.browsable() if queryset is None else queryset
    return queryset.prefetch_related(
        "categories",
        "systems",
        "standards",
        Prefetch("languages", queryset=Language.objects.only("code")),
    )


def offering_text(offering: Offering) -> str:
    """What the need fit reads of an offering besides its name (`listing_text`)."""
    return listing_text(
        offering.summary,
        offering.description,
        use_lines(offering.uses),
        use_lines(offering.uses_hi),
    )


def offering_profile(offering: Offering, rate: float | None = None) -> OfferingProfile:
    rate = current_rate() if rate is None else rate
    amount = in_site_currency(offering.currency, rate)
    hosting = in_site_currency(offering.hosting_currency, rate)(offering.hosting_estimate)
    return OfferingProfile(
        id=offering.pk,
        name=offering.name,
        text=offering_text(offering),
        categories=_slugs(offering.categories),
        systems=_slugs(offering.systems),
        standards=_slugs(offering.standards),
        deployments=frozenset(offering.deployment_modes),
        languages=frozenset(language.code for language in offering.languages.all()),
        regions=frozenset(str(code) for code in offering.regions),
        pricing_model=offering.pricing_model,
        nonprofit_monthly_price=amount(offering.nonprofit_price_monthly),
        setup_cost=amount(offering.setup_cost),
        needs_server=offering.needs_server,
        hosting_monthly=hosting,
        kind=offering.kind,
    )


def needs_for_matching(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("category").prefetch_related(
        "systems",
        "organisation__systems_in_use",
        Prefetch("languages", queryset=Language.objects.only("code")),
    )


def need_profile(need: Need, rate: float | None = None) -> NeedProfile:
    rate = current_rate() if rate is None else rate
    amount = in_site_currency(need.currency, rate)
    return NeedProfile(
        id=need.pk,
        title=need.title,
        description=need.description,
        category=need.category.slug if need.category_id else None,
        systems=_slugs(need.systems),
        org_systems=_slugs(need.organisation.systems_in_use),
        monthly_budget=amount(need.monthly_budget),
        one_off_budget=amount(need.one_off_budget),
        free_only=need.free_only,
        deployment=need.deployment or None,
        languages=frozenset(language.code for language in need.languages.all()),
        country=str(need.country) or None,
        strict=need.strict_requirements,
        **shown_currency(need.currency, rate),
    )


def need_profiles(needs: Iterable[Need]) -> list[NeedProfile]:
    """The needs' profiles with their stored embeddings, in one query for all of them."""
    rate = current_rate()
    profiles = [need_profile(need, rate) for need in needs]
    return with_embeddings(ListingEmbedding.Kind.NEED, profiles)


def offering_profiles(offerings: Iterable[Offering]) -> list[OfferingProfile]:
    """The offerings' profiles with their stored embeddings, in one query for all of them."""
    rate = current_rate()
    profiles = [offering_profile(offering, rate) for offering in offerings]
    return with_embeddings(ListingEmbedding.Kind.OFFERING, profiles)


def with_embeddings(kind: str, profiles: list) -> list:
    """The profiles, each with its listing's stored embedding where there is one."""
    stored = embeddings_of(kind, [profile.id for profile in profiles])
    return [
        replace(profile, embedding=stored[profile.id]) if profile.id in stored else profile
        for profile in profiles
    ]


def embeddings_of(kind: str, ids: list[int]) -> dict[int, bytes]:
    """Listing id -> its stored embedding, quantized as the matching core reads it; a few
    thousand ids a query, within every database's limit on query parameters."""
    found = {}
    for start in range(0, len(ids), IDS_PER_QUERY):
        rows = ListingEmbedding.objects.filter(
            kind=kind, listing_id__in=ids[start : start + IDS_PER_QUERY]
        ).values_list("listing_id", "vector")
        for pk, vector in rows:
            found[pk] = quantize(np.frombuffer(bytes(vector), dtype=np.float32))
    return found
