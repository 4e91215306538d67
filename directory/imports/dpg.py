"""Import the Digital Public Goods registry as provider organisations and their offerings.

Each registry entry (the registry's "nominee" schema) becomes an open-source provider (its
owner organisation) and a free, published offering. Rows are found again by their source
and name in the registry, so re-running the import updates them and never adds copies.

Entries that list the same good twice ("OpenHospital" and "Open Hospital") are found by
``directory.imports.duplicates.duplicate_groups``: each group imports as one primary
offering (the entry whose name has the fewest generic endings such as "LMS" or "Android",
then the one with the longest description, then the first seen) and its variants, whose
``variant_of`` points to the primary. Variants are left out of matching and listed on the
primary's page. Each import sets ``variant_of`` again on the entries of a group; on other
entries it keeps what a curator set in the admin.

The mapping is pure (``parse_entry``, ``offering_values``…) and tested without a database;
``import_registry`` does the writes. Curated taxonomy keywords bridge the registry's words
and ours: categories are the curators' note's (directory/data/registry_notes.json), else
spotted in the name and description, standards in the entry's own list of standards, sectors
by their aliases; the note's summary, where there is one, is the offering's summary.

A note is stale when the entry's description is no longer the one it was written for (its
``written_for`` fingerprint, `directory.data.registry_notes.fingerprint`): the good changed
what it does or was replaced under the same name. Then neither its summary nor its categories
apply, and the entry imports as one without a note would (the registry's first sentence, the
keywords' categories), because a note's categories were chosen for what the good was and may
list, or hide, the new one as a tool of a kind it is not. The report names those entries so
that a curator rewrites their notes.
"""

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone

from directory.data.registry_notes import RegistryNote, current_note, registry_note, same_goods
from directory.imports.duplicates import duplicate_groups
from directory.imports.registry_categories import EntryCategories, entry_categories, entry_kind
from directory.imports.registry_deployment import entry_deployment, entry_pricing
from directory.imports.report import ImportReport
from directory.listings.models import (
    SPDX_EXPRESSION,
    Category,
    Moderation,
    Offering,
    Organisation,
    Sector,
    Source,
    Standard,
    System,
)
from directory.outbox.delivery import enqueue
from matching.core import PhraseSpotter
from matching.signals import rematch_on_save_paused
from matching.tasks import refresh_all

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“(\[]?[A-Z0-9])")
URL = forms.URLField(required=False, max_length=200, assume_scheme="https")


def max_length(model, field_name: str) -> int:
    return model._meta.get_field(field_name).max_length


class MalformedEntry(ValueError):
    """An entry that cannot be imported; the message says why, the rest still imports."""


class RegistryUnreadable(ValueError):
    """The registry file itself cannot be read as a JSON list."""


@dataclass(frozen=True)
class Owner:
    name: str
    website: str


@dataclass(frozen=True)
class DpgEntry:
    name: str
    description: str
    website: str
    licences: tuple[str, ...]
    owner: Owner
    repositories: tuple[str, ...]
    sectors: tuple[str, ...]
    standards: tuple[str, ...]
    types: tuple[str, ...]


# Reading the registry


def entries_from_json(text: str | bytes) -> list[tuple[str, object]]:
    """Entries of a registry file (a JSON list), each labelled by its place in the list."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise RegistryUnreadable(f"not valid JSON ({error})") from error
    if not isinstance(data, list):
        raise RegistryUnreadable("not a JSON list of registry entries")
    return [(f"entry {number}", raw) for number, raw in enumerate(data, start=1)]


def read_registry(path: Path) -> list[tuple[str, object]]:
    """Labelled raw entries from a JSON list file, or from a folder of one-entry .json files."""
    if not path.is_dir():
        return entries_from_json(path.read_bytes())
    return [(file.name, read_entry_file(file)) for file in sorted(path.glob("*.json"))]


def read_entry_file(file: Path) -> object:
    try:
        return json.loads(file.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        # Kept in the list so the import reports the file and carries on with the others.
        return MalformedEntry(f"is not valid JSON ({error})")


# Checking an entry's shape


def parse_entry(raw: object) -> DpgEntry:
    """The entry's values, or MalformedEntry when it has no name or a value of the wrong type."""
    if isinstance(raw, MalformedEntry):
        raise raw
    if not isinstance(raw, dict):
        raise MalformedEntry("is not a JSON object")
    name = text_of(raw, "name")
    if not name:
        raise MalformedEntry("has no name")
    description = text_of(raw, "description")
    if not description:
        raise MalformedEntry("has no description")
    return DpgEntry(
        name=name,
        description=description,
        website=text_of(raw, "website"),
        licences=tuple(text_of(item, "spdx") for item in objects_of(raw, "license")),
        owner=owner_of(objects_of(raw, "organizations"), name, text_of(raw, "website")),
        repositories=tuple(text_of(item, "url") for item in objects_of(raw, "repositories")),
        sectors=strings_of(raw, "sectors"),
        standards=strings_of(raw, "standards"),
        types=strings_of(raw, "type"),
    )


def text_of(item: Mapping, key: str) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MalformedEntry(f'has a "{key}" that is not text')
    return " ".join(value.split())


def list_of(item: Mapping, key: str) -> list:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise MalformedEntry(f'has a "{key}" that is not a list')
    return value


def objects_of(item: Mapping, key: str) -> list[dict]:
    values = list_of(item, key)
    if not all(isinstance(value, dict) for value in values):
        raise MalformedEntry(f'has a "{key}" list with something other than objects in it')
    return values


def strings_of(item: Mapping, key: str) -> tuple[str, ...]:
    values = list_of(item, key)
    if not all(isinstance(value, str) for value in values):
        raise MalformedEntry(f'has a "{key}" list with something other than text in it')
    return tuple(value.strip() for value in values if value.strip())


def owner_of(organisations: list[dict], entry_name: str, entry_website: str) -> Owner:
    """The owner organisation; else the first one named; else the good stands for itself."""
    named = [item for item in organisations if text_of(item, "name")]
    owners = [item for item in named if item.get("org_type") == "owner"]
    chosen = (owners or named or [None])[0]
    if chosen is None:
        return Owner(name=entry_name, website=entry_website)
    return Owner(name=text_of(chosen, "name"), website=text_of(chosen, "website"))


# Mapping an entry onto our models


@dataclass(frozen=True)
class Taxonomies:
    """The curated terms the mapping reads, prepared once per import."""

    categories: PhraseSpotter
    category_slugs: frozenset[str]
    standards: PhraseSpotter
    sector_aliases: Mapping[str, str]  # lower-cased name or alias -> slug

    @classmethod
    def from_terms(
        cls,
        categories: Mapping[str, list[str]],
        standards: Mapping[str, list[str]],
        sectors: Mapping[str, list[str]],
    ) -> "Taxonomies":
        """From each taxonomy's phrases (names and keywords) by slug."""
        aliases = {alias.lower(): slug for slug, names in sectors.items() for alias in names}
        return cls(
            PhraseSpotter(categories), frozenset(categories), PhraseSpotter(standards), aliases
        )

    @classmethod
    def from_database(cls) -> "Taxonomies":
        def terms(model) -> dict[str, list[str]]:
            return {term.slug: [term.name, *term.keyword_list()] for term in model.objects.all()}

        return cls.from_terms(terms(Category), terms(Standard), terms(Sector))


@dataclass(frozen=True)
class MappedOffering:
    fields: dict
    categories: list[str]
    sectors: list[str]
    standards: list[str]
    costed_by: list[str] = field(default_factory=list)  # `EntryCategories.costed`
    systems: list[str] = field(default_factory=list)  # the note's (`RegistryNote.systems`)
    stale_note: bool = False  # its note was written for another description: not applied


def organisation_values(owner: Owner) -> dict:
    return {
        "kind": Organisation.Kind.PROVIDER,
        "provider_type": Organisation.ProviderType.OPEN_SOURCE,
        "name": owner.name[: max_length(Organisation, "name")],
        "website": clean_url(owner.website),
    }


def offering_values(entry: DpgEntry, taxonomies: Taxonomies) -> MappedOffering:
    """The offering's values; where the curators wrote a note on the entry
    (`directory.data.registry_notes`), its summaries, its uses and its categories are the
    note's, unless the note is stale (written for another description): then none is, as
    without a note."""
    repository = next((url for url in map(clean_url, entry.repositories) if url), "")
    note = current_note(entry.name, entry.description)
    kind = entry_kind(entry.types)
    found = categories_of(entry, note, taxonomies)
    summary_limit = max_length(Offering, "summary")
    return MappedOffering(
        fields={
            "name": entry.name[: max_length(Offering, "name")],
            "summary": shortened(note.summary, summary_limit)
            if note
            else summary_of(entry.description, summary_limit),
            "summary_hi": shortened(note.summary_hi, max_length(Offering, "summary_hi"))
            if note
            else "",
            "description": entry.description[: max_length(Offering, "description")],
            "uses": "\n".join(note.uses) if note else "",
            "uses_hi": "\n".join(note.uses_hi) if note else "",
            "kind": kind,
            "pricing_model": entry_pricing(note),
            "licence": licence_of(entry.licences, max_length(Offering, "licence")),
            "website": clean_url(entry.website) or repository,
            "repository": repository,
            **entry_deployment(entry.name, entry.description, note, kind),
        },
        categories=found.listed,
        costed_by=found.costed,
        sectors=sectors_of(entry.sectors, taxonomies.sector_aliases),
        standards=standards_of(entry.standards, taxonomies.standards),
        systems=list(note.systems) if note else [],
        stale_note=note is None and registry_note(entry.name) is not None,
    )


def clean_url(value: str) -> str:
    """The URL as a URL field keeps it, or "" when it is not one."""
    try:
        return URL.clean(value)
    except ValidationError:
        return ""


def summary_of(description: str, limit: int) -> str:
    """The first sentence, shortened on a word boundary when it is longer than ``limit``."""
    return shortened(SENTENCE_END.split(description, maxsplit=1)[0], limit)


def shortened(text: str, limit: int) -> str:
    """The text, shortened on a word boundary when it is longer than ``limit``."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def licence_of(spdx_ids: Iterable[str], limit: int) -> str:
    """Distinct valid SPDX ids joined with AND, as many as fit in ``limit`` characters."""
    kept: list[str] = []
    for spdx in dict.fromkeys(spdx_ids):
        if not is_spdx(spdx):
            continue
        if len(" AND ".join([*kept, spdx])) > limit:
            break
        kept.append(spdx)
    return " AND ".join(kept)


def is_spdx(value: str) -> bool:
    try:
        SPDX_EXPRESSION(value)
    except ValidationError:
        return False
    return True


def categories_of(
    entry: DpgEntry, note: RegistryNote | None, taxonomies: Taxonomies
) -> EntryCategories:
    """The curators' note's categories, else those the curated keywords spot, and those that
    cost it (`directory.imports.registry_categories`)."""
    return entry_categories(
        entry.name,
        entry.description,
        entry.types,
        note,
        taxonomies.categories.spot_text,
        taxonomies.category_slugs,
    )


def sectors_of(sectors: Iterable[str], aliases: Mapping[str, str]) -> list[str]:
    found = (aliases.get(sector.lower()) for sector in sectors)
    return list(dict.fromkeys(slug for slug in found if slug))


def standards_of(standards: Iterable[str], spotter: PhraseSpotter) -> list[str]:
    """Standards named in the entry's list of standards (never guessed from its description)."""
    found: dict[str, None] = {}
    for standard in standards:
        found.update(dict.fromkeys(spotter.spot_text(standard)))
    return list(found)


# Writing


def import_registry(entries: Iterable[tuple[str, object]]) -> ImportReport:
    """Create or update a provider and an offering per entry; skip and report malformed ones.

    One transaction, each entry in a savepoint so a failing one leaves nothing behind. The
    per-save re-match and re-embedding are paused; one full re-match and one embedding of
    whatever changed run after the commit instead. Every entry is read before any is
    written, so that a group's primary is saved before its variants.
    """
    report = ImportReport()
    parsed = []
    for label, raw in entries:
        try:
            parsed.append(parse_entry(raw))
        except MalformedEntry as problem:
            report.skipped.append((label_of(raw, label), str(problem)))
    groups = duplicate_groups(parsed, same_goods(parsed))
    primary_of = {id(entry): group[0] for group in groups for entry in group}
    taxonomies = Taxonomies.from_database()
    ids = TaxonomyIds.load()
    saved: dict[int, Offering] = {}
    with transaction.atomic(), rematch_on_save_paused():
        # Primaries (and entries of no group) first, so that variants find theirs saved.
        for entry in sorted(parsed, key=lambda entry: is_variant(entry, primary_of)):
            grouping = {}
            if id(entry) in primary_of:
                grouping["variant_of"] = saved.get(id(primary_of[id(entry)]))
            mapped = offering_values(entry, taxonomies)
            if mapped.stale_note:
                report.stale.append(entry.name)
            try:
                with transaction.atomic():
                    offering, created = save_entry(entry, mapped, ids, grouping)
            except (IntegrityError, DataError) as problem:
                report.skipped.append((f'"{entry.name}"', str(problem)))
                continue
            saved[id(entry)] = offering
            if created:
                report.created += 1
            else:
                report.updated += 1
        if report.created or report.updated:
            enqueue(refresh_all)
    return report


def is_variant(entry: DpgEntry, primary_of: Mapping[int, DpgEntry]) -> bool:
    return primary_of.get(id(entry), entry) is not entry


def label_of(raw: object, fallback: str) -> str:
    """How a skipped entry is named in the report: by its name when it has one."""
    name = raw.get("name") if isinstance(raw, dict) else None
    return f'"{name}"' if isinstance(name, str) and name.strip() else fallback


@dataclass(frozen=True)
class TaxonomyIds:
    categories: dict[str, int]
    sectors: dict[str, int]
    standards: dict[str, int]
    hosting: dict[str, Decimal]  # category slug -> its hosting estimate, where it has one
    systems: dict[str, int]

    @classmethod
    def load(cls) -> "TaxonomyIds":
        def by_slug(model) -> dict[str, int]:
            return dict(model.objects.values_list("slug", "pk"))

        hosting = dict(
            Category.objects.exclude(hosting_monthly_estimate=None).values_list(
                "slug", "hosting_monthly_estimate"
            )
        )
        return cls(by_slug(Category), by_slug(Sector), by_slug(Standard), hosting, by_slug(System))


def save_entry(
    entry: DpgEntry, mapped: MappedOffering, ids: TaxonomyIds, grouping: dict | None = None
) -> tuple[Offering, bool]:
    """Write one entry; the offering and whether it is new. New offerings are published (an
    admin runs the import); an existing one keeps the status curators gave it. ``grouping``
    holds the ``variant_of`` of an entry in a group of duplicates (None for the primary);
    without it, the offering keeps the ``variant_of`` a curator may have set."""
    provider, _ = Organisation.objects.update_or_create(
        source=Source.DPG,
        source_id=entry.owner.name[: max_length(Organisation, "source_id")],
        defaults=organisation_values(entry.owner),
    )
    now = timezone.now()
    source_id = entry.name[: max_length(Offering, "source_id")]
    grouping = dict(grouping or {})
    primary = grouping.get("variant_of")
    if primary is not None and primary.source_id == source_id:
        grouping["variant_of"] = None  # the same row: two entries with the same name
    values = {**mapped.fields, **grouping, "organisation": provider, "confirmed_at": now}
    offering, created = Offering.objects.update_or_create(
        source=Source.DPG,
        source_id=source_id,
        defaults=values,
        create_defaults={**values, "status": Moderation.PUBLISHED, "published_at": now},
    )
    offering.categories.set([ids.categories[slug] for slug in mapped.categories])
    if not mapped.categories:  # no category to price its server by: the keywords' ones do
        estimates = [ids.hosting[slug] for slug in mapped.costed_by if slug in ids.hosting]
        if estimates and offering.hosting_monthly_estimate is None:
            offering.hosting_monthly_estimate = max(estimates)
            Offering.objects.filter(pk=offering.pk).update(
                hosting_monthly_estimate=offering.hosting_monthly_estimate
            )
    offering.sectors.set([ids.sectors[slug] for slug in mapped.sectors])
    offering.standards.set([ids.standards[slug] for slug in mapped.standards])
    offering.systems.set([ids.systems[slug] for slug in mapped.systems if slug in ids.systems])
    return offering, created
