"""Two to four offerings side by side (docs/architecture.md#compare), optionally for one of the
reader's needs: its budget and the systems the nonprofit uses colour what is shown."""

from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext

from directory.engagement.models import Feedback, Introduction
from directory.engagement.reputation import Ratings, Responsiveness
from directory.listings.models import Need, Offering, Organisation, System
from matching.core import cost_reason
from matching.models import Match
from matching.preview import matches_before_review, shows_live_matches
from matching.profiles import need_profile, offering_profile
from matching.reasons import NONPROFIT, render
from matching.semantic import offerings_alike

MIN_COMPARED = 2
MAX_COMPARED = 4


class CompareForm(forms.Form):
    """Reads ``?ids=3,8,12`` (or ``ids=3&ids=8``, as ticked checkboxes send it) and an
    optional ``need`` of the reader's own."""

    ids = forms.CharField(required=False)
    need = forms.IntegerField(required=False)

    def __init__(self, query, *, user):
        super().__init__({"ids": ",".join(query.getlist("ids")), "need": query.get("need")})
        self.user = user

    def clean_ids(self) -> list[Offering]:
        parts = [part.strip() for part in self.cleaned_data["ids"].split(",") if part.strip()]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(
                gettext("This link is broken: offerings go by number, like 3,8,12.")
            )
        ids = list(dict.fromkeys(int(part) for part in parts))
        if not ids:
            raise forms.ValidationError(
                gettext(
                    "Pick two to four offerings to compare: tick “Compare” on the ones you like."
                )
            )
        if len(ids) < MIN_COMPARED:
            raise forms.ValidationError(
                gettext(
                    "Pick at least one more offering: you can compare two to four side by side."
                )
            )
        if len(ids) > MAX_COMPARED:
            raise forms.ValidationError(
                gettext(
                    "You picked %(picked)d offerings; you can compare up to %(most)d at a "
                    "time. Leave some out and try again."
                )
                % {"picked": len(ids), "most": MAX_COMPARED}
            )
        found = {offering.pk: offering for offering in compared_offerings(ids)}
        if len(found) < len(ids):
            raise forms.ValidationError(
                gettext(
                    "One of these offerings is no longer in the directory. "
                    "Pick again from the list."
                )
            )
        return [found[pk] for pk in ids]

    def clean_need(self) -> Need | None:
        pk = self.cleaned_data["need"]
        if pk is None:
            return None
        need = (
            Need.objects.of_member(self.user)
            .select_related("category", "organisation")
            .prefetch_related("systems", "languages", "organisation__systems_in_use")
            .filter(pk=pk)
            .first()
        )
        if need is None:
            raise forms.ValidationError(gettext("That need does not belong to your organisation."))
        return need


# How many offerings sharing its work are read to choose the closest few in meaning from.
ALTERNATIVES_READ = 60
# How alike in meaning (the cosine of the stored embeddings) an offering sharing a category
# must be to be offered as a similar tool. Measured on the registry: tools doing the same
# job score 0.45–0.87 (Moodle and Open edX 0.87, ODK and Akvo Flow 0.80, Chalkline Parent
# Connect and Glific 0.57); a category's unrelated members 0.2–0.37 (NVDA, a screen reader,
# and The Tor Project 0.36; Chalkline Parent Connect and Soul Medicine 0.22).
ALIKE_AT_LEAST = 0.4


def compared_offerings(ids: list[int]):
    return (
        Offering.objects.browsable()
        .filter(pk__in=ids)
        .select_related("organisation")
        .prefetch_related(
            "categories",
            "standards",
            "languages",
            "systems",  # taxonomies are ordered by name
        )
    )


def alternatives(offering: Offering, limit: int = MAX_COMPARED - 1) -> list[Offering]:
    """Offerings to put beside ``offering``: those doing most of the same kinds of work
    (shared categories) and alike in meaning (their sentence embeddings, ALIKE_AT_LEAST;
    without embeddings, the categories alone), the closest first, then verified providers
    first. Registry variants stand for their primary (directory/imports/duplicates.py), so
    they are left out."""
    categories = list(offering.categories.all())
    if not categories:
        return []
    candidates = list(
        Offering.objects.browsable()
        .filter(variant_of=None, categories__in=categories)
        .exclude(pk=offering.pk)
        .exclude(pk=offering.variant_of_id)
        .annotate(shared=Count("categories", filter=Q(categories__in=categories)))
        .select_related("organisation")
        .order_by("-shared", "-organisation__is_verified", "name")[:ALTERNATIVES_READ]
    )
    alike = offerings_alike(offering.pk, [candidate.pk for candidate in candidates])
    if alike:
        candidates = [other for other in candidates if alike.get(other.pk, 0.0) >= ALIKE_AT_LEAST]
    # A stable sort: within the same shared work and meaning, verified first, then by name.
    candidates.sort(key=lambda other: (-other.shared, -alike.get(other.pk, -1.0)))
    return candidates[:limit]


@dataclass(frozen=True)
class Column:
    """One offering as the comparison shows it."""

    offering: Offering
    systems: list[tuple[System, bool]]  # each integration, and whether the reader uses it
    cost_for_need: str
    match: Match | None
    ratings: Ratings
    responsiveness: Responsiveness


def systems_in_use(user, need: Need | None) -> set[int]:
    """The systems the reader's nonprofit already uses, and those the need must work with."""
    if need is not None:
        return {s.pk for s in need.systems.all()} | {
            s.pk for s in need.organisation.systems_in_use.all()
        }
    if not user.is_authenticated:
        return set()
    return set(
        Organisation.objects.filter(
            kind=Organisation.Kind.NONPROFIT, memberships__user=user
        ).values_list("systems_in_use", flat=True)
    ) - {None}


def need_matches(need: Need | None, offerings: list[Offering]) -> dict[int, Match]:
    """The need's matches among the offerings, by offering: those its page shows (scored live
    while it waits for review, `matching.preview.shows_live_matches`; else the stored ones)."""
    if need is None:
        return {}
    if shows_live_matches(need):
        compared = {offering.pk for offering in offerings}
        live = matches_before_review(need)
        return {m.offering_id: m for m in live if m.offering_id in compared}
    return {m.offering_id: m for m in Match.objects.filter(need=need, offering__in=offerings)}


def columns(offerings: list[Offering], user, need: Need | None) -> list[Column]:
    used = systems_in_use(user, need)
    profile = need_profile(need) if need is not None else None
    matches = need_matches(need, offerings)
    ratings = Feedback.objects.ratings_for([offering.pk for offering in offerings])
    responsiveness = Introduction.objects.responsiveness_for(
        [offering.organisation_id for offering in offerings]
    )
    return [
        Column(
            offering=offering,
            systems=[(system, system.pk in used) for system in offering.systems.all()],
            cost_for_need=(
                render(
                    cost_reason(profile, offering_profile(offering), settings.SITE_CURRENCY),
                    NONPROFIT,
                )
                if profile is not None
                else ""
            ),
            match=matches.get(offering.pk),
            ratings=ratings[offering.pk],
            responsiveness=responsiveness[offering.organisation_id],
        )
        for offering in offerings
    ]
