"""Organisations (nonprofits and tech providers) and the people who belong to them."""

import operator

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from directory.common.choices import text_choices
from directory.listings.models.base import Imported, SlugFromName, TimeStamped
from directory.listings.models.taxonomies import Language, Sector, System


class Organisation(SlugFromName, TimeStamped, Imported):
    page_view = "organisation_detail"

    Kind = text_choices(
        "Organisation.Kind", {"nonprofit": _("Nonprofit"), "provider": _("Tech provider")}
    )
    SizeBand = text_choices(
        "Organisation.SizeBand",
        {
            "1-5": _("1–5 people"),
            "6-20": _("6–20 people"),
            "21-100": _("21–100 people"),
            "100+": _("More than 100 people"),
        },
        "TINY SMALL MEDIUM LARGE",
    )
    BudgetBand = text_choices(
        "Organisation.BudgetBand",
        {
            "<100k": _("Under 100,000 a year"),
            "100k-1m": _("100,000 – 1 million a year"),
            "1m-10m": _("1 – 10 million a year"),
            "10m+": _("Over 10 million a year"),
        },
        "UNDER_100K UNDER_1M UNDER_10M OVER_10M",
    )
    ProviderType = text_choices(
        "Organisation.ProviderType",
        {
            "vendor": _("Software company"),
            "open_source": _("Open-source project"),
            "implementer": _("Implementation partner"),
            "pro_bono": _("Pro-bono group"),
        },
    )

    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    website = models.URLField(blank=True)
    description = models.TextField(max_length=2000, blank=True)
    country = CountryField(blank=True)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="organisations")
    languages = models.ManyToManyField(Language, blank=True, related_name="organisations")
    size_band = models.CharField(max_length=8, choices=SizeBand.choices, blank=True)
    budget_band = models.CharField(max_length=8, choices=BudgetBand.choices, blank=True)
    systems_in_use = models.ManyToManyField(
        System,
        blank=True,
        related_name="organisations_using",
        verbose_name=_("systems already in use"),
    )
    provider_type = models.CharField(max_length=12, choices=ProviderType.choices, blank=True)
    regions_served = CountryField(
        multiple=True, blank=True, help_text=_("Leave empty for worldwide.")
    )
    contact_email = models.EmailField(blank=True, help_text=_("Never shown publicly."))
    is_verified = models.BooleanField(
        default=False, help_text=_("Checked by our team; its listings publish without review.")
    )
    pending_profile = models.JSONField(
        default=dict,
        blank=True,
        help_text=_(
            "Changes to the public profile waiting for review, by field name; "
            "the public page shows the approved values until a curator approves them."
        ),
    )

    # What the organisation tells about itself on its public page (its contact e-mail is not).
    PROFILE_FIELDS = (
        "name",
        "website",
        "description",
        "country",
        "sectors",
        "languages",
        "size_band",
        "budget_band",
        "systems_in_use",
        "provider_type",
        "regions_served",
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]
        constraints = [Imported.imported_once("organisation_imported_once")]

    def __str__(self):
        return self.name

    @property
    def is_provider(self) -> bool:
        return self.kind == self.Kind.PROVIDER

    @property
    def is_nonprofit(self) -> bool:
        return self.kind == self.Kind.NONPROFIT


class MembershipQuerySet(models.QuerySet):
    def active_in(self, organisation_ids):
        """Memberships of these organisations whose person can still sign in."""
        return self.filter(organisation__in=organisation_ids, user__is_active=True)


class Membership(models.Model):
    Role = text_choices("Membership.Role", {"owner": _("Owner"), "member": _("Member")})

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    # Someone in several organisations acts for the one they joined first
    # (directory/accounts/acting.py).
    JOINING_ORDER = ("joined_at", "pk")
    joining_order = operator.attrgetter(*JOINING_ORDER)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org")
        ]

    def __str__(self):
        return f"{self.user} in {self.organisation}"


def organisations_joined(organisation_ids) -> set[int]:
    """Those of the organisations with a member who can sign in: someone can answer for them.
    Organisations imported from a registry have nobody until one of their people joins."""
    memberships = Membership.objects.active_in(organisation_ids)
    return set(memberships.values_list("organisation", flat=True))


def organisations_of(user) -> models.QuerySet:
    """The ids of the person's organisations, as a subquery (so conditions OR without
    repeating rows)."""
    if not user.is_authenticated:
        return Membership.objects.none().values("organisation")
    return Membership.objects.filter(user=user).values("organisation")
