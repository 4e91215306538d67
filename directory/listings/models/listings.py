"""Needs and offerings: what they share (an owner, moderation, freshness) and their own fields."""

from datetime import timedelta

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from directory.common import licences
from directory.common import money as amounts
from directory.common.choices import text_choices
from directory.listings.models.base import Imported, SlugFromName, TimeStamped
from directory.listings.models.offering_choices import OfferingKind, OfferingPricing
from directory.listings.models.offering_costs import OfferingCosts
from directory.listings.models.organisations import Organisation
from directory.listings.models.taxonomies import (
    Category,
    Language,
    Sector,
    Standard,
    System,
    shown_name,
)
from directory.listings.search import refresh_search_vectors
from matching.core import use_lines

STALE_AFTER = timedelta(days=180)
CONFIRM_AFTER_DAYS = 30
MAX_SYSTEMS_PER_LISTING = 15
MAX_CATEGORIES_PER_OFFERING = 5
USES_FIRST = 5  # an offering's page lists this many of its uses, the rest folded
SPDX_EXPRESSION = RegexValidator(
    r"^[A-Za-z0-9.+\-() ]+$", _("Use an SPDX licence id such as MIT or GPL-3.0-only.")
)

money = {
    "max_digits": 10,
    "decimal_places": 2,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0)],
}
# Every amount a listing holds is below this: its whole digits' worth.
AMOUNT_CEILING = 10 ** (money["max_digits"] - money["decimal_places"])


def never_negative(model: str, **amounts: str) -> list[models.CheckConstraint]:
    """The database's own check that each amount (field by its short name) is not below 0."""
    return [
        models.CheckConstraint(
            condition=Q(**{f"{field}__gte": 0}), name=f"{model}_{short}_not_negative"
        )
        for short, field in amounts.items()
    ]


Moderation = text_choices(
    "Moderation",
    {
        "draft": _("Draft"),
        "pending": _("Waiting for review"),
        "published": _("Published"),
        "rejected": _("Not approved"),
    },
)


Deployment = text_choices(
    "Deployment",
    {
        "cloud": _("Online (cloud)"),
        "self_hosted": _("On our own server"),
        "offline_mobile": _("Offline on phones or tablets"),
        "on_a_computer": _("Installed on our computers"),
    },
)


class ListingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Moderation.PUBLISHED)

    def fresh(self):
        """Confirmed by the owner within 180 days; stale listings leave browsing and matching."""
        return self.filter(confirmed_at__gte=timezone.now() - STALE_AFTER)

    def of_member(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user)


class Listing(TimeStamped):
    """What needs and offerings share: an owner, moderation and freshness."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="%(class)ss"
    )
    currency = models.CharField(
        max_length=3,
        choices=amounts.CURRENCIES,
        default=amounts.default_currency,
        help_text="The currency its prices or budgets are written in.",
    )
    status = models.CharField(max_length=10, choices=Moderation.choices, default=Moderation.DRAFT)
    rejection_reason = models.CharField(max_length=500, blank=True)
    is_featured = models.BooleanField(default=False)
    featured_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text=_("When a curator featured it.")
    )
    published_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(
        default=timezone.now, help_text=_("Last confirmed by its owner.")
    )
    reminded_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text=_("Last asked by e-mail to confirm.")
    )
    # Kept up to date on PostgreSQL only (GIN-indexed); SQLite searches the text itself.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        refresh_search_vectors(type(self).objects.filter(pk=self.pk))

    def submit(self):
        """Send for review, or publish straight away for an organisation we have verified."""
        if self.organisation.is_verified:
            self.publish()
        else:
            self.status = Moderation.PENDING

    def publish(self):
        self.status = Moderation.PUBLISHED
        self.rejection_reason = ""
        self.published_at = self.published_at or timezone.now()

    def reject(self, reason: str):
        self.status = Moderation.REJECTED
        self.rejection_reason = reason

    def feature(self, featured: bool):
        """A curator's choice for the home page, dated so the newest choice shows first."""
        self.is_featured = featured
        self.featured_at = timezone.now() if featured else None

    def confirm(self):
        self.confirmed_at = timezone.now()

    @property
    def days_since_confirmed(self) -> int:
        return (timezone.now() - self.confirmed_at).days

    @property
    def confirmed_ago(self) -> str:
        days = self.days_since_confirmed
        if days == 0:
            return gettext("today")
        return ngettext("%(days)d day ago", "%(days)d days ago", days) % {"days": days}

    @property
    def plain_status(self) -> str:
        """One phrase for the owner's dashboard: can people see it now, and if not, why not."""
        if self.status != Moderation.PUBLISHED:
            return self.get_status_display()
        return gettext("Hidden until confirmed") if self.is_stale else gettext("Live")

    @property
    def wants_confirming(self) -> bool:
        """Worth an "It's still current" button: a month or more since the owner last said so."""
        return self.days_since_confirmed >= CONFIRM_AFTER_DAYS

    @property
    def is_stale(self) -> bool:
        """Unconfirmed for 180 days: hidden from browsing and matching until confirmed."""
        return self.confirmed_at <= timezone.now() - STALE_AFTER

    @property
    def is_listed(self) -> bool:
        """Published and confirmed within 180 days: shown in browsing and matching."""
        return self.status == Moderation.PUBLISHED and not self.is_stale


class NeedQuerySet(ListingQuerySet):
    def matchable(self):
        """Needs the engine matches: published, open and confirmed within 180 days."""
        return self.published().fresh().filter(state=Need.State.OPEN)

    def visible_to_providers(self):
        """Needs a provider's member may browse: published, fresh, open or fulfilled, whatever
        their visibility."""
        return self.published().fresh().filter(state__in=PROVIDERS_SEE)

    def visible_to(self, user):
        """Needs a person may browse: those a provider's member may, and only the public ones
        for anyone else."""
        needs = self.visible_to_providers()
        if sees_providers_only_needs(user):
            return needs
        return needs.filter(visibility=Need.Visibility.PUBLIC)


# The answer below, kept on a user read from the cache with it (accounts/signed_in.py).
SEES_PROVIDERS_ONLY = "_sees_providers_only_needs"
# The ids of the organisations a user belongs to, when known (accounts/signed_in.py).
MEMBER_OF = "_member_of_organisations"


def sees_providers_only_needs(user) -> bool:
    """Members of a tech provider also see the needs posted for signed-in providers only."""
    if not user.is_authenticated:
        return False
    known = getattr(user, SEES_PROVIDERS_ONLY, None)
    if known is not None:
        return known
    return user.memberships.filter(organisation__kind=Organisation.Kind.PROVIDER).exists()


class Need(Listing):
    State = text_choices(
        "Need.State",
        {
            "open": _("Open"),
            "paused": _("Paused"),
            "fulfilled": _("Fulfilled"),
            "closed": _("Closed"),
        },
    )
    Visibility = text_choices(
        "Need.Visibility",
        {"public": _("Everyone"), "providers": _("Signed-in tech providers only")},
    )

    title = models.CharField(max_length=140)
    description = models.TextField(max_length=4000)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="needs")
    systems = models.ManyToManyField(
        System, blank=True, related_name="needs", verbose_name=_("must work with")
    )
    monthly_budget = models.DecimalField(**money)
    one_off_budget = models.DecimalField(**money)
    free_only = models.BooleanField(default=False)
    deployment = models.CharField(max_length=16, choices=Deployment.choices, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="needs")
    country = CountryField(blank=True)
    strict_requirements = models.BooleanField(
        default=False,
        help_text=_(
            "Only match offerings that meet the deployment, language and country asked for."
        ),
    )
    deadline = models.DateField(null=True, blank=True)
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)

    objects = NeedQuerySet.as_manager()
    search_fields = (("title", "A"), ("description", "B"))

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "state", "visibility", "-created_at"]),
            # The browse list: its count reads only this index, its first page walks the next.
            models.Index(fields=["status", "visibility", "state", "confirmed_at"]),
            models.Index(fields=["-is_featured", "-created_at", "id"]),
            models.Index(fields=["country"]),
            models.Index(fields=["monthly_budget"]),
            models.Index(fields=["deadline"]),
            # The need side's sync reads the needs changed since its last, and counts the open
            # ones without the table (matching/watermark.py).
            models.Index(fields=["updated_at"], name="need_changed"),
            models.Index(
                fields=["confirmed_at", "id"],
                condition=Q(status=Moderation.PUBLISHED, state="open"),  # State.OPEN
                name="need_matchable",
            ),
        ]
        constraints = never_negative(
            "need", monthly_budget="monthly_budget", one_off_budget="one_off_budget"
        )

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("need_detail", args=[self.pk])

    @property
    def plain_status(self) -> str:
        """A paused, fulfilled or closed need says so, reviewed or not: nobody will review
        what its owner has closed."""
        if self.state != self.State.OPEN and self.status != Moderation.REJECTED:
            return self.get_state_display()
        return super().plain_status

    @property
    def is_matchable(self) -> bool:
        """As ``Need.objects.matchable()``: listed and open, so it has matches to show."""
        return self.is_listed and self.state == self.State.OPEN

    @property
    def shown_to_providers(self) -> bool:
        """As ``Need.objects.visible_to_providers()``: listed, and open or fulfilled."""
        return self.is_listed and self.state in PROVIDERS_SEE


# The states of a listed need that providers see (`Need.shown_to_providers`).
PROVIDERS_SEE = (Need.State.OPEN, Need.State.FULFILLED)


class OfferingQuerySet(ListingQuerySet):
    def browsable(self):
        return self.published().fresh()


class Offering(OfferingCosts, SlugFromName, Listing, Imported):
    page_view = "offering_detail"

    Pricing = OfferingPricing
    Kind = OfferingKind  # what it is: software, or not (`matching.core.scoring`)

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    kind = models.CharField(
        _("what it is"), max_length=10, choices=Kind.choices, default=Kind.SOFTWARE
    )
    summary = models.CharField(
        max_length=240, help_text=_("One sentence: what it does and for whom.")
    )
    # The curators' note's Hindi summary for a registry entry (directory/data/registry_notes.json);
    # Hindi pages show it (`shown_summary`). Matching, the API and exports read `summary`.
    summary_hi = models.CharField(_("summary in Hindi"), max_length=300, blank=True)
    description = models.TextField(max_length=5000)
    uses = models.TextField(
        _("what people use it for"),
        max_length=1200,
        blank=True,
        help_text=_("A few everyday uses, one per line, as a nonprofit would put them."),
    )
    uses_hi = models.TextField(_("uses in Hindi"), max_length=1600, blank=True)  # `shown_uses`
    # Blank for an imported registry entry its curators put in no category (a dataset, one
    # country's dashboard: directory/data/README.md); the offering form asks members for one.
    categories = models.ManyToManyField(Category, blank=True, related_name="offerings")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="offerings")
    systems = models.ManyToManyField(
        System, blank=True, related_name="offerings", verbose_name=_("integrates with")
    )
    standards = models.ManyToManyField(Standard, blank=True, related_name="offerings")
    cloud = models.BooleanField(_("online (cloud)"), default=True)
    self_hosted = models.BooleanField(_("on your own server"), default=False)
    offline_mobile = models.BooleanField(_("offline on phones or tablets"), default=False)
    on_a_computer = models.BooleanField(_("installed on computers"), default=False)
    pricing_model = models.CharField(max_length=20, choices=Pricing.choices)
    list_price_monthly = models.DecimalField(_("list price per month"), **money)
    nonprofit_price_monthly = models.DecimalField(_("nonprofit price per month"), **money)
    setup_cost = models.DecimalField(_("one-off setup cost"), **money)
    hosting_monthly_estimate = models.DecimalField(
        _("hosting cost per month (estimate)"),
        help_text=_(
            "For free software run on one's own server: roughly what the server costs. "
            "Left empty, its category's estimate is used."
        ),
        **money,
    )
    licence = models.CharField(
        max_length=60, blank=True, validators=[SPDX_EXPRESSION], help_text=_("SPDX id")
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="offerings")
    regions = CountryField(multiple=True, blank=True, help_text=_("Leave empty for worldwide."))
    website = models.URLField(blank=True)
    repository = models.URLField(blank=True)
    variant_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="variants",
        help_text=_(
            "The offering this one lists again (say, under another name); "
            "variants are left out of matching and shown on that offering's page."
        ),
    )

    # Its organisation's is_verified, copied here by the database's own triggers (migration
    # directory/0020_list_order_indexes) on every write of either row, so that the lists'
    # default order ("verified first") can walk one index of this table instead of sorting.
    provider_verified = models.BooleanField(default=False, editable=False)

    objects = OfferingQuerySet.as_manager()
    search_fields = (  # the Hindi texts too: a search in Hindi finds a tool by them
        *(("name", "A"), ("summary", "B"), ("summary_hi", "B"), ("uses", "B")),
        *(("uses_hi", "B"), ("description", "C")),
    )

    @property
    def shown_summary(self) -> str:
        """The summary in the reader's language: the Hindi one on a Hindi page where there
        is one, else the summary as written."""
        return shown_name(self.summary, self.summary_hi)

    @property
    def shown_uses(self) -> tuple[str, ...]:
        """Its uses in the reader's language, as `shown_summary` chooses."""
        return use_lines(shown_name(self.uses, self.uses_hi))

    @property
    def uses_split(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """`shown_uses` as its page lists them: the first USES_FIRST, then the rest (folded
        under "N more uses")."""
        uses = self.shown_uses
        return uses[:USES_FIRST], uses[USES_FIRST:]

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "confirmed_at"]),
            models.Index(fields=["pricing_model"]),
            models.Index(fields=["nonprofit_price_monthly"]),
            models.Index(fields=["-created_at"]),
            # The list's default order (filters.OfferingFilter.default_order), published only.
            models.Index(
                fields=["-is_featured", "-provider_verified", "name", "id"],
                condition=Q(status=Moderation.PUBLISHED),
                name="offering_list_order",
            ),
            # The lists' counts: the published offerings' freshness and ids, read without the
            # table (an index-only scan to join with a category's offerings).
            models.Index(
                fields=["confirmed_at", "id"],
                condition=Q(status=Moderation.PUBLISHED),
                name="offering_listed",
            ),
            # The match index's sync reads the offerings changed since its last one, and
            # counts those it indexes without the table (matching/watermark.py).
            models.Index(fields=["updated_at"], name="offering_changed"),
            models.Index(
                fields=["confirmed_at", "id"],
                condition=Q(status=Moderation.PUBLISHED, variant_of=None),
                name="offering_matchable",
            ),
        ]
        constraints = [
            *never_negative(
                "offering",
                list_price="list_price_monthly",
                nonprofit_price="nonprofit_price_monthly",
                setup_cost="setup_cost",
            ),
            Imported.imported_once("offering_imported_once"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        primary = self.variant_of
        if primary is not None and (primary.pk == self.pk or primary.variant_of_id):
            raise ValidationError(
                {"variant_of": _("Choose the primary offering: not this one, nor another variant.")}
            )

    def serves(self, country) -> bool:
        """Whether it is offered in ``country`` (a code or a Country; none given: yes), by the
        rule the matching engine applies (``matching.core.scoring.compatibility``): no regions
        listed means worldwide."""
        return not country or not self.regions or str(country) in {str(c) for c in self.regions}

    @property
    def region_names(self) -> str:
        """The countries it is offered in, by name in the reader's language ("" = worldwide)."""
        return ", ".join(str(country.name) for country in self.regions)

    @property
    def deployment_modes(self) -> list[str]:
        return [mode for mode in Deployment.values if getattr(self, mode)]

    def get_deployment_modes_display(self) -> list[str]:
        """In the reader's words ("On your own server"), as the offering form asks it."""
        return [
            str(capfirst(self._meta.get_field(mode).verbose_name)) for mode in self.deployment_modes
        ]

    def get_licence_display(self) -> str:
        """ "Open source (MIT)" for a well-known licence, else its id as given."""
        return licences.name(self.licence)
