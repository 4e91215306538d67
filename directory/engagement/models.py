"""Introductions between a nonprofit and a provider, providers' interest, and feedback."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.common.choices import text_choices
from directory.engagement.reputation import FULL_MARKS, Ratings, Responsiveness
from directory.listings.models import Need, Offering, organisations_joined, organisations_of

ANSWER_WITHIN = timedelta(days=7)
FEEDBACK_AFTER = timedelta(days=30)
RESPONSIVENESS_OVER = timedelta(days=365)


def past_answer_time(now) -> Q:
    """Requests asked 7 days or more before ``now``: too late to answer."""
    return Q(created_at__lte=now - ANSWER_WITHIN)


def still_open(now) -> Q:
    """Pending requests still within their 7 days: the provider can answer them."""
    return Q(status=Introduction.Status.PENDING) & ~past_answer_time(now)


class IntroductionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Introduction.Status.PENDING)

    def waiting_for_answer(self, now=None):
        """Requests the provider can still answer, the one to expire first first."""
        return self.filter(still_open(now or timezone.now())).order_by("created_at", "pk")

    def settled(self, now=None):
        """Everything else: answered, expired (or past its 7 days), withdrawn; newest first."""
        return self.exclude(still_open(now or timezone.now())).order_by("-created_at", "-pk")

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

    Status = text_choices(
        "Introduction.Status",
        {
            "pending": _("Waiting for an answer"),
            "accepted": _("Accepted"),
            "declined": _("Declined"),
            "expired": _("Expired without an answer"),
            "withdrawn": _("Withdrawn"),
        },
    )

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="introductions")
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="introductions")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="introductions_requested",
    )
    # Empty for the one-click reply to a provider's interest: `shown_message` words it.
    message = models.TextField(max_length=2000, blank=True)
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
    def days_left(self) -> int:
        """Days left to answer, counted by the calendar as the date shown beside them ("Answer
        by 12 December" on 7 December is 5 days left): 0 on that last day, and once it is too
        late."""
        return max((timezone.localdate(self.expires_at) - timezone.localdate()).days, 0)

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

    @property
    def shown_message(self) -> str:
        """What the nonprofit wrote; a one-click reply to a provider's interest is stored
        empty and put in words here, in the reader's language (`Interest.reply`)."""
        if self.message:
            return self.message
        try:
            return self.interest.reply
        except ObjectDoesNotExist:
            return ""

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
        # Translators: the introduction request a nonprofit sends in one click in reply to a
        # provider's interest in its need.
        return gettext(
            "Thank you for your interest in our need “%(need)s”. We would like to hear how "
            "%(offering)s could help us."
        ) % {"need": self.need.title, "offering": self.offering.name}


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


def responsiveness_of(organisation) -> Responsiveness:
    """How this provider answered introduction requests in the last 12 months."""
    return Introduction.objects.responsiveness_for([organisation.pk])[organisation.pk]


def ratings_of(offering) -> Ratings:
    """The averages of this offering's shown reviews."""
    return Feedback.objects.ratings_for([offering.pk])[offering.pk]
