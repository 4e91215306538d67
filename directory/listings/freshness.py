"""Fresh listings (docs/architecture.md#freshness): owners confirm in one click from an e-mail.

A published listing (an open need, or an offering) is due a reminder when it passes a
milestone since its owner last confirmed it: at 90 days its organisation's members are asked
to confirm it, at 180 days they are told it has left browsing and matching until confirmed.
``reminded_at`` records the last reminder, so each milestone is e-mailed once per
confirmation; confirming starts the clock again.

A listing is claimed (its ``reminded_at`` set) before its e-mail goes out, in a transaction
that skips rows another run holds: two runs, or a redelivered task, never remind twice. An
e-mail that then fails is not retried; the next milestone's e-mail still comes.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from directory.accounts.models import User
from directory.common.emails import compose, in_language_of
from directory.common.links import absolute_url
from directory.listings.models import STALE_AFTER, Listing, Membership, Need, Offering

logger = logging.getLogger(__name__)

REMIND_AFTER = timedelta(days=90)
MILESTONES = (REMIND_AFTER, STALE_AFTER)
LINK_SALT = "directory.freshness"
LINK_MAX_AGE = timedelta(days=90)
KINDS: dict[str, type[Listing]] = {"need": Need, "offering": Offering}


@dataclass(frozen=True)
class Reminder:
    """One listing in a reminder e-mail."""

    listing: Listing
    confirm_url: str

    @property
    def is_hidden(self) -> bool:
        return self.listing.is_stale


def due(model: type[Listing], now: datetime) -> QuerySet:
    """Published listings that passed a milestone since they were last confirmed and have
    not been reminded since that milestone."""
    passed = Q()
    for milestone in MILESTONES:
        passed |= Q(confirmed_at__lte=now - milestone) & (
            Q(reminded_at__isnull=True) | Q(reminded_at__lt=F("confirmed_at") + milestone)
        )
    listings = model.objects.published().filter(passed)
    if model is Need:
        listings = listings.filter(state=Need.State.OPEN)
    return listings


def claim(model: type[Listing], now: datetime) -> list[Listing]:
    """Mark the listings due now as reminded and return them; rows that another run has
    locked are left to it."""
    with transaction.atomic():
        listings = list(
            due(model, now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("organisation")
        )
        model.objects.filter(pk__in=[listing.pk for listing in listings]).update(reminded_at=now)
    return listings


def make_token(listing: Listing) -> str:
    return signing.dumps([kind_of(listing), listing.pk], salt=LINK_SALT)


def listing_for_token(token: str) -> Listing:
    """The listing a confirmation link names.

    Raises ``signing.SignatureExpired`` for an old link, ``signing.BadSignature`` for a forged
    one and ``DoesNotExist`` when the listing has since been deleted.
    """
    kind, pk = signing.loads(token, salt=LINK_SALT, max_age=LINK_MAX_AGE)
    return KINDS[kind].objects.select_related("organisation").get(pk=pk)


def kind_of(listing: Listing) -> str:
    return "need" if isinstance(listing, Need) else "offering"


def confirm_url(listing: Listing) -> str:
    return absolute_url(reverse("confirm_listing", args=[make_token(listing)]))


def reminders_by_member(listings: list[Listing]) -> dict[User, list[Reminder]]:
    """Each active member of the listings' organisations, with their organisations' listings."""
    by_organisation = defaultdict(list)
    for listing in listings:
        by_organisation[listing.organisation_id].append(Reminder(listing, confirm_url(listing)))
    memberships = Membership.objects.active_in(by_organisation).select_related("user")
    by_member = defaultdict(list)
    for membership in memberships:
        by_member[membership.user].extend(by_organisation[membership.organisation_id])
    return by_member


def build_message(user: User, reminders: list[Reminder]) -> EmailMultiAlternatives:
    hidden = any(reminder.is_hidden for reminder in reminders)
    with in_language_of(user):
        subject = (
            gettext("Some of your listings are hidden until you confirm them")
            if hidden
            else gettext("Are your listings still current? One click to confirm")
        )
    context = {
        "user": user,
        "reminders": reminders,
        "dashboard_url": absolute_url(reverse("dashboard")),
    }
    return compose("freshness", context, subject=subject, to=user.email)


def send_reminders(now: datetime | None = None) -> int:
    """E-mail every member whose organisation has listings due; returns e-mails sent."""
    now = now or timezone.now()
    listings = [listing for model in KINDS.values() for listing in claim(model, now)]
    sent = 0
    for user, reminders in reminders_by_member(listings).items():
        try:
            build_message(user, reminders).send()
        except OSError:
            logger.exception("Freshness reminder to user %s not sent", user.pk)
        else:
            sent += 1
    return sent
