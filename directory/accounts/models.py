"""The people who sign in, and what e-mail each wants from us."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from directory.common.choices import text_choices
from directory.common.time_zones import zone_for_country


class User(AbstractUser):
    """A person who signs in."""

    language = models.CharField(
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text="The language the site and its e-mails speak to this person; "
        "empty until they choose one.",
    )

    @cached_property
    def time_zone(self) -> str | None:
        """The zone of the dates in e-mails to this person: their organisation's country's
        (directory/common/time_zones.py); None for the site's."""
        from directory.listings.models import Membership

        # The memberships a caller prefetched (with their organisations' countries), if any.
        first = min(self.memberships.all(), key=Membership.joining_order, default=None)
        return zone_for_country(first.organisation.country.code) if first else None


class NotificationPreferences(models.Model):
    """What e-mail a person wants from us. Everyone gets the defaults until they choose."""

    Frequency = text_choices(
        "NotificationPreferences.Frequency",
        {
            "daily": _("Every day"),
            "weekly": _("Once a week"),
            "off": _("Never: no digest e-mails"),
        },
    )

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    digest_frequency = models.CharField(
        _("how often"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    matches_for_my_needs = models.BooleanField(
        _("new tools and services that match our needs"), default=True
    )
    matches_for_my_offerings = models.BooleanField(
        _("new needs that match our offerings"), default=True
    )
    product_news = models.BooleanField(_("occasional news about Impact Socials"), default=False)
    last_digest_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Time of the newest match last sent."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "notification preferences"

    def __str__(self):
        return f"{self.user}: {self.get_digest_frequency_display()}"
