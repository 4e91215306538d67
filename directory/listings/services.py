"""Writes to listings that take several steps, in one place for the pages, the API and admin.

Each save goes through ``Model.save()`` (never ``QuerySet.update()``), so the ``post_save``
receivers run: the listing is re-matched after the commit (``matching.signals``) and the list
pages' change stamp moves (``directory.listings.changes``).
"""

from collections.abc import Callable

from django import forms
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import QuerySet

from directory.engagement import introductions

from .models import Listing, Moderation, Need, Organisation


def listing_save(*, form: forms.ModelForm, organisation: Organisation, submit: bool, by) -> Listing:
    """Save a validated listing form for ``organisation``, changed by the person ``by``.

    ``submit`` sends a draft (or a rejected listing) for review, or publishes it at once for a
    verified organisation. A published listing whose content changes goes back to review
    unless its organisation is verified, whose changes stay live and are logged for curators
    (docs/architecture.md#moderation)."""
    listing = form.save(commit=False)
    listing.organisation = organisation
    published = listing.pk is not None and listing.status == Moderation.PUBLISHED
    changed = content_changed(form) if published else []
    if submit and listing.status in (Moderation.DRAFT, Moderation.REJECTED):
        listing.submit()
    elif changed and not organisation.is_verified:
        listing.status = Moderation.PENDING
    # One transaction, so the re-match queued on commit sees the ticked systems too.
    with transaction.atomic():
        listing.save()
        form.save_m2m()
        if changed and organisation.is_verified:
            log_change(listing, changed, by)
    return listing


def need_set_state(need: Need, state: str) -> int:
    """Pause, reopen, fulfil or close a need; a fulfilled or closed need's pending
    introduction requests are withdrawn (their providers told). Returns how many were."""
    need.state = state
    need.save()
    if state in (Need.State.FULFILLED, Need.State.CLOSED):
        return introductions.withdraw_all(need)
    return 0


def content_changed(form: forms.ModelForm) -> list[str]:
    """The form's fields whose value differs from the one saved (``form.instance`` already
    holds the new values once the form is valid, so the saved row is read again)."""
    listing = form.instance
    saved = type(listing).objects.get(pk=listing.pk)
    changed = []
    for name, value in form.cleaned_data.items():
        try:
            field = listing._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # not a listing field (the honeypot)
        if field.many_to_many:
            before = {row.pk for row in field.value_from_object(saved)}
            differs = before != {row.pk for row in value}
        else:
            differs = field.value_from_object(saved) != field.value_from_object(listing)
        if differs:
            changed.append(name)
    return changed


def log_change(listing: Listing, changed: list[str], by) -> None:
    """An admin history entry naming the changed fields, as admin's own edits write them."""
    labels = [str(listing._meta.get_field(name).verbose_name) for name in changed]
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[listing],
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": labels}}],
        single_object=True,
    )


PUBLIC_PROFILE_FIELDS = ("name", "description", "website")


def organisation_save(form: forms.ModelForm) -> list[str]:
    """Save a validated profile form; returns the public fields left waiting for a curator.

    A verified organisation's changes are live. An unverified one's changes to the fields
    shown publicly (``PUBLIC_PROFILE_FIELDS``) are kept in ``pending_profile`` and its page
    keeps the approved values until a curator approves them (docs/architecture.md#moderation);
    its other fields are saved at once."""
    organisation = form.save(commit=False)
    waiting = {}
    if not organisation.is_verified:
        approved = Organisation.objects.get(pk=organisation.pk)
        for name in PUBLIC_PROFILE_FIELDS:
            if getattr(organisation, name) != getattr(approved, name):
                waiting[name] = getattr(organisation, name)
                setattr(organisation, name, getattr(approved, name))
    organisation.pending_profile = waiting
    with transaction.atomic():
        organisation.save()
        form.save_m2m()
    return list(waiting)


def organisations_decide_profile(
    organisations: QuerySet, decide: Callable[[Organisation], object]
) -> list[Organisation]:
    """Call ``decide`` on each organisation with profile changes waiting, then clear them and
    save it, under a row lock; returns those decided."""
    with transaction.atomic():
        changed = list(organisations.exclude(pending_profile={}).select_for_update(of=("self",)))
        for organisation in changed:
            decide(organisation)
            organisation.pending_profile = {}
            organisation.save()
    return changed


def organisations_approve_profile(organisations: QuerySet) -> list[Organisation]:
    """Apply the organisations' waiting profile changes; returns those changed."""

    def apply(organisation: Organisation) -> None:
        for name, value in organisation.pending_profile.items():
            if name in PUBLIC_PROFILE_FIELDS:
                setattr(organisation, name, value)

    return organisations_decide_profile(organisations, apply)


def organisations_reject_profile(organisations: QuerySet, reason: str, by) -> list[Organisation]:
    """Drop the waiting profile changes, so the approved values stay; the curator's reason is
    kept in admin's history of each organisation. Returns those changed."""

    def log_refusal(organisation: Organisation) -> None:
        fields = ", ".join(organisation.pending_profile)
        LogEntry.objects.log_actions(
            user_id=by.pk,
            queryset=[organisation],
            action_flag=CHANGE,
            change_message=f"Profile changes not approved ({fields}): {reason}",
            single_object=True,
        )

    return organisations_decide_profile(organisations, log_refusal)


def listings_change(listings: QuerySet, change: Callable[[Listing], object]) -> list[Listing]:
    """Apply ``change`` to each listing and save it, under a row lock; returns them. Only the
    listings' own rows are locked: the admin's queryset may join nullable relations
    (``variant_of``), which PostgreSQL cannot lock."""
    with transaction.atomic():
        changed = list(listings.select_for_update(of=("self",)))
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
    """Feature on the home page (dated now) or stop featuring; returns those changed."""
    return listings_change(
        listings.exclude(is_featured=featured), lambda listing: listing.feature(featured)
    )
