"""Organisations, their members, needs, offerings and the curated taxonomies."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Avg, Count, Q
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django_countries.fields import CountryField

from matching.core import PhraseSpotter, stems

from .reputation import FULL_MARKS, Ratings, Responsiveness
from .search import refresh_search_vectors

STALE_AFTER = timedelta(days=180)
CONFIRM_AFTER_DAYS = 30
MAX_SYSTEMS_PER_LISTING = 15
MAX_CATEGORIES_PER_OFFERING = 5
SPDX_EXPRESSION = RegexValidator(
    r"^[A-Za-z0-9.+\-() ]+$", "Use an SPDX licence id such as MIT or GPL-3.0-only."
)

money = {
    "max_digits": 10,
    "decimal_places": 2,
    "null": True,
    "blank": True,
    "validators": [MinValueValidator(0)],
}


class User(AbstractUser):
    """A person who signs in. Kept as our own model so fields can be added later."""

    @property
    def organisation(self):
        """The organisation this person acts for (people belong to one in practice)."""
        membership = (
            self.memberships.select_related("organisation").order_by("joined_at", "pk").first()
        )
        return membership.organisation if membership else None


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Source(models.TextChoices):
    MEMBER = "member", "Added by a member"
    DPG = "dpg", "Digital Public Goods registry"


class Imported(models.Model):
    """Where a row came from, so a re-import updates it instead of adding a copy."""

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MEMBER)
    source_id = models.CharField(max_length=200, blank=True, help_text="Its name in the source.")

    class Meta:
        abstract = True

    @staticmethod
    def imported_once(name: str) -> models.UniqueConstraint:
        """One row per source entry, so a re-import updates instead of adding a copy."""
        return models.UniqueConstraint(
            fields=["source", "source_id"], condition=~Q(source_id=""), name=name
        )


class SlugFromName(models.Model):
    """Gives a new row a unique slug made from its name."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name)
        super().save(*args, **kwargs)


class Taxonomy(models.Model):
    """A curated term that admins keep tidy; keywords help matching and import find it."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    keywords = models.TextField(
        blank=True, help_text="Other words people use for this, one per line or comma-separated."
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def keyword_list(self) -> list[str]:
        raw = self.keywords.replace("\n", ",")
        return [word.strip().lower() for word in raw.split(",") if word.strip()]


class CategoryQuerySet(models.QuerySet):
    def named_in(self, text: str) -> list[int]:
        """Ids of the categories whose name or curated keywords appear in ``text``: searching
        "offline survey" also finds data-collection tools that never say "survey"."""
        spotter = PhraseSpotter({c.pk: [c.name, *c.keyword_list()] for c in self})
        return list(spotter.spot(stems(text)))


class Category(Taxonomy):
    description = models.CharField(max_length=240, blank=True)

    objects = CategoryQuerySet.as_manager()

    class Meta(Taxonomy.Meta):
        verbose_name_plural = "categories"

    def get_absolute_url(self):
        return reverse("offering_list") + f"?category={self.slug}"


class Standard(Taxonomy):
    description = models.CharField(max_length=240, blank=True)
    data_export = models.BooleanField(
        default=False, help_text="Gives an organisation an open way to get its data out."
    )


class System(Taxonomy):
    """A tool nonprofits already use (Google Sheets, KoboToolbox…)."""

    website = models.URLField(blank=True)
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="systems", help_text="Open standards it speaks."
    )


class Sector(Taxonomy):
    pass


class Language(models.Model):
    code = models.CharField(max_length=8, unique=True, help_text="ISO 639-1 code, e.g. sw")
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(SlugFromName, TimeStamped, Imported):
    class Kind(models.TextChoices):
        NONPROFIT = "nonprofit", "Nonprofit"
        PROVIDER = "provider", "Tech provider"

    class SizeBand(models.TextChoices):
        TINY = "1-5", "1–5 people"
        SMALL = "6-20", "6–20 people"
        MEDIUM = "21-100", "21–100 people"
        LARGE = "100+", "More than 100 people"

    class BudgetBand(models.TextChoices):
        UNDER_100K = "<100k", "Under 100,000 a year"
        UNDER_1M = "100k-1m", "100,000 – 1 million a year"
        UNDER_10M = "1m-10m", "1 – 10 million a year"
        OVER_10M = "10m+", "Over 10 million a year"

    class ProviderType(models.TextChoices):
        VENDOR = "vendor", "Software company"
        OPEN_SOURCE = "open_source", "Open-source project"
        IMPLEMENTER = "implementer", "Implementation partner"
        PRO_BONO = "pro_bono", "Pro-bono group"

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
        verbose_name="systems already in use",
    )
    provider_type = models.CharField(max_length=12, choices=ProviderType.choices, blank=True)
    regions_served = CountryField(multiple=True, blank=True, help_text="Leave empty for worldwide.")
    contact_email = models.EmailField(blank=True, help_text="Never shown publicly.")
    is_verified = models.BooleanField(
        default=False, help_text="Checked by our team; its listings publish without review."
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]
        constraints = [Imported.imported_once("organisation_imported_once")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organisation_detail", args=[self.slug])

    @property
    def is_provider(self) -> bool:
        return self.kind == self.Kind.PROVIDER

    @property
    def is_nonprofit(self) -> bool:
        return self.kind == self.Kind.NONPROFIT

    def responsiveness(self) -> Responsiveness:
        """How this provider answered introduction requests in the last 12 months."""
        return Introduction.objects.responsiveness_for([self.pk])[self.pk]


class MembershipQuerySet(models.QuerySet):
    def active_in(self, organisation_ids):
        """Memberships of these organisations whose person can still sign in."""
        return self.filter(organisation__in=organisation_ids, user__is_active=True)


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        MEMBER = "member", "Member"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

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


class Moderation(models.TextChoices):
    DRAFT = "draft", "Draft"
    PENDING = "pending", "Waiting for review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Not approved"


class Deployment(models.TextChoices):
    CLOUD = "cloud", "Online (cloud)"
    SELF_HOSTED = "self_hosted", "On our own server"
    OFFLINE_MOBILE = "offline_mobile", "Offline on phones or tablets"


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
    status = models.CharField(max_length=10, choices=Moderation.choices, default=Moderation.DRAFT)
    rejection_reason = models.CharField(max_length=500, blank=True)
    is_featured = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(
        default=timezone.now, help_text="Last confirmed by its owner."
    )
    reminded_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Last asked by e-mail to confirm."
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

    def confirm(self):
        self.confirmed_at = timezone.now()

    @property
    def days_since_confirmed(self) -> int:
        return (timezone.now() - self.confirmed_at).days

    @property
    def confirmed_ago(self) -> str:
        days = self.days_since_confirmed
        return "today" if days == 0 else f"{days} day{pluralize(days)} ago"

    @property
    def plain_status(self) -> str:
        """One phrase for the owner's dashboard: can people see it now, and if not, why not."""
        if self.status != Moderation.PUBLISHED:
            return self.get_status_display()
        return "Hidden until confirmed" if self.is_stale else "Live"

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

    def visible_to(self, user):
        """Needs a person may browse: published, fresh, open or fulfilled, and public unless the
        person is a provider's member."""
        needs = self.published().fresh().filter(state__in=[Need.State.OPEN, Need.State.FULFILLED])
        if (
            user.is_authenticated
            and user.memberships.filter(organisation__kind=Organisation.Kind.PROVIDER).exists()
        ):
            return needs
        return needs.filter(visibility=Need.Visibility.PUBLIC)


class Need(Listing):
    class State(models.TextChoices):
        OPEN = "open", "Open"
        PAUSED = "paused", "Paused"
        FULFILLED = "fulfilled", "Fulfilled"
        CLOSED = "closed", "Closed"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Everyone"
        PROVIDERS = "providers", "Signed-in tech providers only"

    title = models.CharField(max_length=140)
    description = models.TextField(max_length=4000)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="needs")
    systems = models.ManyToManyField(
        System, blank=True, related_name="needs", verbose_name="must work with"
    )
    monthly_budget = models.DecimalField(**money)
    one_off_budget = models.DecimalField(**money)
    free_only = models.BooleanField(default=False)
    deployment = models.CharField(max_length=16, choices=Deployment.choices, blank=True)
    languages = models.ManyToManyField(Language, blank=True, related_name="needs")
    country = CountryField(blank=True)
    strict_requirements = models.BooleanField(
        default=False,
        help_text="Only match offerings that meet the deployment, language and country asked for.",
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
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(monthly_budget__gte=0), name="need_monthly_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(one_off_budget__gte=0), name="need_one_off_budget_not_negative"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("need_detail", args=[self.pk])

    @property
    def plain_status(self) -> str:
        if self.is_listed and self.state != self.State.OPEN:
            return self.get_state_display()
        return super().plain_status

    @property
    def is_matchable(self) -> bool:
        """As ``Need.objects.matchable()``: listed and open, so it has matches to show."""
        return self.is_listed and self.state == self.State.OPEN


class OfferingQuerySet(ListingQuerySet):
    def browsable(self):
        return self.published().fresh()


class Offering(SlugFromName, Listing, Imported):
    class Pricing(models.TextChoices):
        FREE = "free_open_source", "Free / open source"
        FREEMIUM = "freemium", "Free plan, paid extras"
        DISCOUNT = "nonprofit_discount", "Nonprofit discount"
        PAID = "paid", "Paid"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True)
    summary = models.CharField(max_length=240, help_text="One sentence: what it does and for whom.")
    description = models.TextField(max_length=5000)
    categories = models.ManyToManyField(Category, related_name="offerings")
    sectors = models.ManyToManyField(Sector, blank=True, related_name="offerings")
    systems = models.ManyToManyField(
        System, blank=True, related_name="offerings", verbose_name="integrates with"
    )
    standards = models.ManyToManyField(Standard, blank=True, related_name="offerings")
    cloud = models.BooleanField("online (cloud)", default=True)
    self_hosted = models.BooleanField("on your own server", default=False)
    offline_mobile = models.BooleanField("offline on phones or tablets", default=False)
    pricing_model = models.CharField(max_length=20, choices=Pricing.choices)
    list_price_monthly = models.DecimalField("list price per month", **money)
    nonprofit_price_monthly = models.DecimalField("nonprofit price per month", **money)
    setup_cost = models.DecimalField("one-off setup cost", **money)
    licence = models.CharField(
        max_length=60, blank=True, validators=[SPDX_EXPRESSION], help_text="SPDX id"
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="offerings")
    regions = CountryField(multiple=True, blank=True, help_text="Leave empty for worldwide.")
    website = models.URLField(blank=True)
    repository = models.URLField(blank=True)

    objects = OfferingQuerySet.as_manager()
    search_fields = (("name", "A"), ("summary", "B"), ("description", "C"))

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "confirmed_at"]),
            models.Index(fields=["pricing_model"]),
            models.Index(fields=["nonprofit_price_monthly"]),
            models.Index(fields=["-created_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(list_price_monthly__gte=0), name="offering_list_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(nonprofit_price_monthly__gte=0),
                name="offering_nonprofit_price_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(setup_cost__gte=0), name="offering_setup_cost_not_negative"
            ),
            Imported.imported_once("offering_imported_once"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("offering_detail", args=[self.slug])

    @property
    def deployment_modes(self) -> list[str]:
        return [mode for mode in Deployment.values if getattr(self, mode)]

    def get_deployment_modes_display(self) -> list[str]:
        """In the reader's words ("On your own server"), as the offering form asks it."""
        return [capfirst(self._meta.get_field(mode).verbose_name) for mode in self.deployment_modes]

    @property
    def is_free(self) -> bool:
        return self.pricing_model == self.Pricing.FREE or self.nonprofit_price_monthly == 0

    @property
    def yearly_nonprofit_cost(self):
        """Monthly nonprofit price × 12 + setup, or None when the price is not listed."""
        if self.is_free and self.nonprofit_price_monthly is None:
            return self.setup_cost or 0
        if self.nonprofit_price_monthly is None:
            return None
        return self.nonprofit_price_monthly * 12 + (self.setup_cost or 0)

    def ratings(self) -> Ratings:
        """The averages of this offering's shown reviews."""
        return Feedback.objects.ratings_for([self.pk])[self.pk]


def unique_slug(model, name: str) -> str:
    base = slugify(name)[:120] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class NotificationPreferences(models.Model):
    """What e-mail a person wants from us. Everyone gets the defaults until they choose."""

    class Frequency(models.TextChoices):
        DAILY = "daily", "Every day"
        WEEKLY = "weekly", "Once a week"
        OFF = "off", "Never: no digest e-mails"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    digest_frequency = models.CharField(
        "how often", max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    matches_for_my_needs = models.BooleanField(
        "new tools and services that match our needs", default=True
    )
    matches_for_my_offerings = models.BooleanField(
        "new needs that match our offerings", default=True
    )
    product_news = models.BooleanField("occasional news about Impact Socials", default=False)
    last_digest_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Time of the newest match last sent."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "notification preferences"

    def __str__(self):
        return f"{self.user}: {self.get_digest_frequency_display()}"


class Digest(models.Model):
    """One digest e-mail per person and period; the unique row is what makes sending once-only."""

    class Status(models.TextChoices):
        CLAIMED = "claimed", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed, will be retried"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests"
    )
    period = models.CharField(
        max_length=10, help_text='A day ("2026-11-28") or an ISO week ("2026-W48").'
    )
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.CLAIMED)
    match_count = models.PositiveIntegerField(default=0)
    claim_token = models.UUIDField(null=True, editable=False, db_index=True)
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period"], name="one_digest_per_user_and_period"
            )
        ]
        indexes = [models.Index(fields=["period", "status"])]

    def __str__(self):
        return f"Digest {self.period} for {self.user}: {self.get_status_display()}"


# Introductions between a nonprofit and a provider, providers' interest, and feedback

ANSWER_WITHIN = timedelta(days=7)
FEEDBACK_AFTER = timedelta(days=30)
RESPONSIVENESS_OVER = timedelta(days=365)


def past_answer_time(now) -> Q:
    """Requests asked 7 days or more before ``now``: too late to answer."""
    return Q(created_at__lte=now - ANSWER_WITHIN)


def organisations_of(user) -> models.QuerySet:
    """The ids of the person's organisations, as a subquery (so conditions OR without
    repeating rows)."""
    if not user.is_authenticated:
        return Membership.objects.none().values("organisation")
    return Membership.objects.filter(user=user).values("organisation")


class IntroductionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Introduction.Status.PENDING)

    def with_people(self):
        """With both organisations, their listings and both people, for pages and e-mails."""
        return self.select_related(
            "need__organisation", "offering__organisation", "requested_by", "answered_by"
        )

    def overdue(self, now=None):
        """Pending requests whose 7 days to answer are over."""
        return self.pending().filter(past_answer_time(now or timezone.now()))

    def asked_by_member(self, user):
        """Requests for the needs of the person's nonprofit."""
        return self.filter(need__organisation__in=organisations_of(user))

    def received_by_member(self, user):
        """Requests to the offerings of the person's provider."""
        return self.filter(offering__organisation__in=organisations_of(user))

    def involving(self, user):
        """Requests either side of which is the person's organisation."""
        organisations = organisations_of(user)
        return self.filter(
            Q(need__organisation__in=organisations) | Q(offering__organisation__in=organisations)
        )

    def feedback_due(self, now=None):
        """Accepted 30 days ago or more, and not reviewed yet."""
        return self.filter(
            status=Introduction.Status.ACCEPTED,
            closed_at__lte=(now or timezone.now()) - FEEDBACK_AFTER,
            feedback__isnull=True,
        )

    def responsiveness_for(self, organisation_ids) -> dict[int, Responsiveness]:
        """Each provider's responsiveness over the last 12 months, in two queries for them all.
        Requests still within their 7 days and withdrawn requests do not count; a pending one
        past its 7 days counts as unanswered even before the expiry task has run. A provider
        nobody can answer for (see ``organisations_joined``) has no figures."""
        now = timezone.now()
        answered = [Introduction.Status.ACCEPTED, Introduction.Status.DECLINED]
        unanswered = Q(status=Introduction.Status.EXPIRED) | (
            Q(status=Introduction.Status.PENDING) & past_answer_time(now)
        )
        rows = self.filter(
            Q(status__in=answered) | unanswered,
            offering__organisation__in=organisation_ids,
            created_at__gt=now - RESPONSIVENESS_OVER,
        ).values_list("offering__organisation", "status", "created_at", "closed_at")
        waits = {pk: [] for pk in organisation_ids}
        for organisation_id, status, created_at, closed_at in rows:
            waits[organisation_id].append(closed_at - created_at if status in answered else None)
        members = organisations_joined(organisation_ids)
        return {
            pk: Responsiveness.from_waits(found) if pk in members else Responsiveness(joined=False)
            for pk, found in waits.items()
        }


class Introduction(models.Model):
    """A nonprofit member asks to be introduced to a provider about one of their needs.

    The provider's members accept or decline within 7 days, or the request expires. The two
    sides' contact e-mails (the requesting member's, and the e-mail of the provider member who
    accepted) are shown only once it is accepted: ``contacts_shared``.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        EXPIRED = "expired", "Expired without an answer"
        WITHDRAWN = "withdrawn", "Withdrawn"

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="introductions")
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="introductions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="introductions_requested",
    )
    message = models.TextField(max_length=2000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("asked on", auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions_answered",
    )
    answer_note = models.TextField(max_length=1000, blank=True)
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was answered, expired or withdrawn."
    )
    feedback_requested_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = IntroductionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "offering"],
                condition=Q(status="pending"),
                name="one_open_introduction_per_pair",
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.need} → {self.offering}"

    def get_absolute_url(self):
        return reverse("introduction_detail", args=[self.pk])

    @property
    def expires_at(self):
        return self.created_at + ANSWER_WITHIN

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PENDING and timezone.now() < self.expires_at

    @property
    def contacts_shared(self) -> bool:
        return self.status == self.Status.ACCEPTED

    @property
    def nonprofit_contact(self) -> str | None:
        """The requesting member's e-mail, once the provider has accepted."""
        if self.contacts_shared and self.requested_by:
            return self.requested_by.email
        return None

    @property
    def provider_contact(self) -> str | None:
        """The e-mail of the provider member who accepted."""
        if self.contacts_shared and self.answered_by:
            return self.answered_by.email
        return None

    @property
    def feedback_open(self) -> bool:
        """Accepted and not reviewed yet (a review may come before the 30-day reminder)."""
        return self.contacts_shared and not hasattr(self, "feedback")

    def close(self, status: str, **changes) -> bool:
        """Move a pending request to ``status``; False if that cannot be done any more. Only
        a request past its 7 days expires, and one past them can only expire. A conditional
        UPDATE, so of two answers racing, or an answer racing the expiry task, one wins."""
        now = timezone.now()
        overdue = past_answer_time(now)
        pending = Introduction.objects.filter(
            overdue if status == self.Status.EXPIRED else ~overdue,
            pk=self.pk,
            status=self.Status.PENDING,
        )
        if not pending.update(status=status, closed_at=now, **changes):
            self.refresh_from_db()
            return False
        self.status, self.closed_at = status, now
        for name, value in changes.items():
            setattr(self, name, value)
        return True


class Interest(models.Model):
    """A provider's sign that one of its offerings could help with a need. Providers cannot
    write to nonprofits: the nonprofit sees the interest and may ask for an introduction."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="interests")
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="interests")
    expressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    introduction = models.OneToOneField(
        Introduction,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interest",
        help_text="The introduction the nonprofit asked for in reply.",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "interest"
        constraints = [
            models.UniqueConstraint(fields=["need", "offering"], name="one_interest_per_pair")
        ]

    def __str__(self):
        return f"{self.offering} is interested in {self.need}"

    @property
    def reply(self) -> str:
        """The message of the nonprofit's one-click introduction request in reply."""
        return (
            f'Thank you for your interest in our need "{self.need.title}". We would like to '
            f"hear how {self.offering.name} could help us."
        )


class FeedbackQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(is_hidden=False)

    def ratings_for(self, offering_ids) -> dict[int, Ratings]:
        """Each offering's averages over its shown reviews, in one query for them all."""
        rows = (
            self.shown()
            .filter(introduction__offering__in=offering_ids)
            .values("introduction__offering")
            .annotate(
                count=Count("pk"),
                fit=Avg("fit"),
                integration=Avg("integration"),
                support=Avg("support"),
                pilots=Count("pk", filter=Q(pilot_happened=True)),
            )
            .order_by()
        )
        ratings = {pk: Ratings() for pk in offering_ids}
        for row in rows:
            offering_id = row.pop("introduction__offering")
            ratings[offering_id] = Ratings(**row)
        return ratings


def rating(label: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(FULL_MARKS)]
    )


class Feedback(models.Model):
    """The nonprofit's review of an offering after an accepted introduction: one per
    introduction. Curators may hide a review; hidden reviews leave the averages."""

    introduction = models.OneToOneField(
        Introduction, on_delete=models.CASCADE, related_name="feedback"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    pilot_happened = models.BooleanField("ran a pilot")
    fit = rating("fit")
    integration = rating("ease of integration")
    support = rating("support")
    comment = models.TextField(max_length=2000, blank=True)
    is_hidden = models.BooleanField(
        default=False, help_text="Hidden reviews are not shown and leave the averages."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{name}__gte": 1, f"{name}__lte": FULL_MARKS}),
                name=f"feedback_{name}_from_1_to_5",
            )
            for name in ("fit", "integration", "support")
        ]

    def __str__(self):
        return f"Feedback on {self.introduction}"
