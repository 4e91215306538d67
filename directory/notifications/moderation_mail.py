"""E-mails that tell an organisation what our curators decided about its listing: published,
or not approved with the curator's reason. One task per member, queued once the decision is
saved, so a retry after a mail-server error writes only to the member it failed for."""

from collections import defaultdict

from celery import shared_task
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django.utils.translation import gettext

from directory.accounts.models import User
from directory.common.emails import compose, in_language_of
from directory.common.links import absolute_url
from directory.common.retry import RETRYING_MAIL
from directory.listings.freshness import KINDS, kind_of
from directory.listings.models import Listing, Membership, Moderation
from directory.outbox.delivery import enqueue_each


def tell_owners(listings: list[Listing]) -> None:
    """Queue with the decision, through the outbox (directory/outbox/delivery.py), an e-mail
    to each active member of each listing's organisation: sent once the decision commits, or
    by the outbox's sweep if the broker is down."""
    members = defaultdict(list)
    memberships = Membership.objects.active_in({listing.organisation_id for listing in listings})
    for organisation_id, user_id in memberships.values_list("organisation", "user"):
        members[organisation_id].append(user_id)
    calls = [
        (kind_of(listing), listing.pk, user_id)
        for listing in listings
        for user_id in members[listing.organisation_id]
    ]
    enqueue_each(send_moderation_email, calls)


def build_message(listing: Listing, user: User) -> EmailMultiAlternatives:
    published = listing.status == Moderation.PUBLISHED
    with in_language_of(user):
        subject = (
            gettext("“%(listing)s” is now in the directory")
            if published
            else gettext("“%(listing)s” was not approved yet: here is why")
        ) % {"listing": listing}
    context = {
        "user": user,
        "listing": listing,
        "published": published,
        "is_need": kind_of(listing) == "need",
        "url": absolute_url(listing.get_absolute_url()),
        "edit_url": absolute_url(reverse(f"{kind_of(listing)}_edit", args=[edit_key(listing)])),
    }
    return compose("listing_reviewed", context, subject=subject, to=user.email)


def edit_key(listing: Listing):
    return listing.pk if kind_of(listing) == "need" else listing.slug


def send_email(kind: str, listing_id: int, user_id: int) -> int:
    """Send one member the news of a decision, if it still stands; returns e-mails sent."""
    listing = KINDS[kind].objects.filter(pk=listing_id).first()
    user = User.objects.filter(pk=user_id, is_active=True).first()
    decided = listing is not None and listing.status in (Moderation.PUBLISHED, Moderation.REJECTED)
    if not decided or user is None:
        return 0
    build_message(listing, user).send()
    return 1


@shared_task(**RETRYING_MAIL)
def send_moderation_email(kind: str, listing_id: int, user_id: int) -> int:
    """One member's news of a curator's decision."""
    return send_email(kind, listing_id, user_id)
