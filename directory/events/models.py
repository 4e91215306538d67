"""An event day (docs/events.md): curators create it, organisations register, and 1:1 meetings
between nonprofits and providers are proposed, agreed and held."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from directory.listings.models import Need, Offering, Organisation

DEFAULT_TIME_ZONE = "Asia/Kolkata"


def known_time_zone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("Not a known time zone (for example Asia/Kolkata)."))


def once_per(*fields: str, name: str) -> models.UniqueConstraint:
    """At most one row for each combination of ``fields``."""
    return models.UniqueConstraint(fields=list(fields), name=name)


class Event(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=140, unique=True, blank=True)
    date = models.DateField(_("date"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=DEFAULT_TIME_ZONE, validators=[known_time_zone]
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    first_slot_at = models.TimeField(_("first meeting starts at"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("minutes per meeting"), default=20, validators=[MinValueValidator(5)]
    )
    slots = models.PositiveSmallIntegerField(
        _("number of meeting slots"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(96)],
    )
    tables = models.PositiveSmallIntegerField(
        _("tables or rooms"), default=10, validators=[MinValueValidator(1)]
    )
    registration_closes_at = models.DateTimeField(_("registration closes"))
    meetings_per_nonprofit = models.PositiveSmallIntegerField(
        _("meetings per nonprofit at most"), default=4, validators=[MinValueValidator(1)]
    )
    meetings_per_provider = models.PositiveSmallIntegerField(
        _("meetings per provider at most"), default=8, validators=[MinValueValidator(1)]
    )
    proposed_at = models.DateTimeField(null=True, blank=True, editable=False)
    agenda_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "name"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.name} ({self.date:%Y-%m-%d})"

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(f"{self.name} {self.date:%Y}")[:120] or "event"
            slug, number = base, 1
            while Event.objects.filter(slug=slug).exclude(pk=self.pk).exists():
                number += 1
                slug = f"{base}-{number}"
            self.slug = slug
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.slug])

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def zone_label(self) -> str:
        """The time zone as its offset on the day, "UTC+05:30": read alike in any language."""
        offset = self.starts_at.strftime("%z")
        return f"UTC{offset[:3]}:{offset[3:]}"

    def slot_starts(self, slot: int) -> datetime:
        """When meeting slot ``slot`` (from 0) starts, in the event's time zone."""
        first = datetime.combine(self.date, self.first_slot_at, tzinfo=self.zone)
        return first + timedelta(minutes=self.slot_minutes * slot)

    @property
    def starts_at(self) -> datetime:
        return self.slot_starts(0)

    def slot_ends(self, slot: int) -> datetime:
        return self.slot_starts(slot) + timedelta(minutes=self.slot_minutes)

    @property
    def registration_open(self) -> bool:
        return timezone.now() < self.registration_closes_at

    @property
    def is_over(self) -> bool:
        return timezone.now() >= self.slot_ends(self.slots - 1)


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="event_registrations"
    )
    registered_by = models.ForeignKey(
        "directory.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [once_per("event", "organisation", name="register_once")]

    def __str__(self):
        return f"{self.organisation} at {self.event}"


LIVE = Q(status__in=["proposed", "accepted"])


class MeetingQuerySet(models.QuerySet):
    def live(self):
        """Proposed or accepted: the meetings that hold a slot and a table."""
        return self.filter(LIVE)

    def of(self, organisation):
        return self.filter(Q(nonprofit=organisation) | Q(provider=organisation))


class Meeting(models.Model):
    """A 1:1 meeting about one need and one offering. Proposed by the scheduler (or requested
    by one side), it is accepted once both sides accept, declined when either declines."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meetings")
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="+")
    offering = models.ForeignKey(Offering, on_delete=models.CASCADE, related_name="+")
    nonprofit = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    provider = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    slot = models.PositiveSmallIntegerField(null=True, blank=True)  # from 0; none while requested
    table = models.PositiveSmallIntegerField(null=True, blank=True)  # from 1
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    nonprofit_accepted = models.BooleanField(default=False)
    provider_accepted = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(default=0)
    band = models.CharField(max_length=10, blank=True)  # strong, possible or weak
    introduction = models.ForeignKey(
        "directory.Introduction", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["slot", "table", "pk"]
        constraints = [
            # Nobody, no table and no slot booked twice, whatever the code above does.
            models.UniqueConstraint(
                fields=["event", "slot", "table"], condition=LIVE, name="one_meeting_per_table"
            ),
            models.UniqueConstraint(
                fields=["event", "slot", "nonprofit"], condition=LIVE, name="nonprofit_once_a_slot"
            ),
            models.UniqueConstraint(
                fields=["event", "slot", "provider"], condition=LIVE, name="provider_once_a_slot"
            ),
        ]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.nonprofit} × {self.provider} at {self.event}"

    def side_of(self, organisation) -> str | None:
        if organisation is None:
            return None
        if organisation.pk == self.nonprofit_id:
            return "nonprofit"
        if organisation.pk == self.provider_id:
            return "provider"
        return None

    def other_side(self, organisation) -> Organisation:
        return self.provider if organisation.pk == self.nonprofit_id else self.nonprofit

    def accepted_by(self, organisation) -> bool:
        side = self.side_of(organisation)
        return (side == "nonprofit" and self.nonprofit_accepted) or (
            side == "provider" and self.provider_accepted
        )

    @property
    def starts_at(self) -> datetime | None:
        return None if self.slot is None else self.event.slot_starts(self.slot)

    @property
    def ends_at(self) -> datetime | None:
        return None if self.slot is None else self.event.slot_ends(self.slot)


class MeetingFeedback(models.Model):
    """After the event, each side says whether the meeting was useful and a follow-up is
    planned."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    useful = models.BooleanField(_("useful"))
    follow_up = models.BooleanField(_("follow-up planned"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [once_per("meeting", "organisation", name="feedback_once_a_side")]

    def __str__(self):
        return f"feedback on {self.meeting}"
