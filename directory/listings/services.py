"""Writes to listings that take several steps, in one place for the pages, the API and admin.

Each save goes through ``Model.save()`` (never ``QuerySet.update()``), so the ``post_save``
receivers run: the listing is re-matched after the commit (``matching.signals``) and the list
pages' change stamp moves (``directory.listings.changes``).
"""

from collections.abc import Callable

from django import forms
from django.db import transaction
from django.db.models import QuerySet

from directory.engagement import introductions

from .models import Listing, Moderation, Need, Organisation


def listing_save(*, form: forms.ModelForm, organisation: Organisation, submit: bool) -> Listing:
    """Save a validated listing form for ``organisation``; ``submit`` sends a draft (or a
    rejected listing) for review, or publishes it at once for a verified organisation."""
    listing = form.save(commit=False)
    listing.organisation = organisation
    if submit and listing.status in (Moderation.DRAFT, Moderation.REJECTED):
        listing.submit()
    # One transaction, so the re-match queued on commit sees the ticked systems too.
    with transaction.atomic():
        listing.save()
        form.save_m2m()
    return listing


def need_set_state(need: Need, state: str) -> None:
    """Pause, reopen, fulfil or close a need; a fulfilled or closed need's pending
    introduction requests are withdrawn."""
    need.state = state
    need.save()
    if state in (Need.State.FULFILLED, Need.State.CLOSED):
        introductions.withdraw_all(need)


def listings_change(listings: QuerySet, change: Callable[[Listing], object]) -> list[Listing]:
    """Apply ``change`` to each listing and save it, under a row lock; returns them."""
    with transaction.atomic():
        changed = list(listings.select_for_update())
        for listing in changed:
            change(listing)
            listing.save()
    return changed


def listings_approve(listings: QuerySet) -> list[Listing]:
    """Publish the listings not published yet; returns those published."""
    return listings_change(
        listings.exclude(status=Moderation.PUBLISHED), lambda listing: listing.publish()
    )


def listings_reject(listings: QuerySet, reason: str) -> list[Listing]:
    return listings_change(listings, lambda listing: listing.reject(reason))


def listings_unpublish(listings: QuerySet) -> list[Listing]:
    """Back to draft: out of browsing, and its matches leave need pages, the API and digests."""
    return listings_change(
        listings.exclude(status=Moderation.DRAFT),
        lambda listing: setattr(listing, "status", Moderation.DRAFT),
    )


def listings_feature(listings: QuerySet, featured: bool) -> list[Listing]:
    return listings_change(
        listings.exclude(is_featured=featured),
        lambda listing: setattr(listing, "is_featured", featured),
    )
