"""Pages for signed-in members: the dashboard, the organisation profile and their listings.

Only members of an organisation change its listings: a listing of another organisation is
looked up among the member's own, so it answers 404 and reveals nothing.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext, gettext_noop, ngettext
from django.views.decorators.http import require_POST

from directory.accounts.acting import organisation_of
from directory.common.limits import TOO_MANY_POSTS, counted_posting
from directory.engagement.page_context import for_dashboard, with_interest_shown
from directory.listings import services
from directory.listings.completeness import missing_from_profile
from directory.listings.forms import NeedForm, OfferingForm, OrganisationForm
from directory.listings.models import Moderation, Need, Offering
from matching.models import Match


@login_required
def dashboard(request):
    organisation = organisation_of(request)
    needs = Need.objects.filter(organisation=organisation).select_related("category")
    offerings = Offering.objects.filter(organisation=organisation).prefetch_related("categories")
    needs_for_you = []
    if organisation.is_provider:
        needs_for_you = Match.objects.needs_for(organisation, request.user)
    return render(
        request,
        "directory/dashboard.html",
        {
            "organisation": organisation,
            "needs": needs.annotate(match_count=Count("matches")),
            "offerings": offerings,
            "needs_for_you": with_interest_shown(needs_for_you),
            "profile_missing": missing_from_profile(organisation),
            **for_dashboard(organisation),
        },
    )


@login_required
def organisation_edit(request):
    organisation = organisation_of(request)
    # The form shows the changes still waiting for a curator, so saving again keeps them.
    form = OrganisationForm(
        request.POST or None, instance=organisation, initial=organisation.pending_profile
    )
    if request.method == "POST" and form.is_valid():
        if services.organisation_save(form):
            messages.success(
                request,
                gettext(
                    "Your profile is saved. The changes to what everyone sees are waiting for "
                    "review; your public page shows the approved profile until then."
                ),
            )
        else:
            messages.success(request, gettext("Your organisation's profile is saved."))
        return redirect(organisation)
    return render(request, "directory/organisation_form.html", {"form": form})


def save_listing(request, form, organisation):
    """Save a valid listing form; "Publish" submits it for review, "Save draft" keeps it a draft."""
    was_published = form.instance.pk is not None and form.instance.status == Moderation.PUBLISHED
    listing = services.listing_save(
        form=form, organisation=organisation, submit="publish" in request.POST, by=request.user
    )
    if was_published and listing.status == Moderation.PENDING:
        message = gettext("Your changes are waiting for review; the listing is hidden until then.")
    else:
        message = publish_message(listing)
    messages.success(request, message)
    guessed = getattr(form, "category_guessed", None)
    if guessed:
        messages.info(
            request,
            gettext(
                "We filed it under “%(category)s” from what you wrote. If that is wrong, "
                "choose another under More details when you edit it."
            )
            % {"category": guessed.shown_name},
        )
    return listing


def publish_message(listing) -> str:
    return {
        Moderation.DRAFT: gettext("Saved as a draft. Only your organisation can see it."),
        Moderation.PENDING: gettext("Saved and sent for review."),
        Moderation.PUBLISHED: gettext("Saved and published."),
        Moderation.REJECTED: gettext("Saved. It is not published: see the note from our team."),
    }[listing.status]


def listing_form_page(request, form_class, model, kind, template, pk=None, lookup="pk"):
    organisation = organisation_of(request, kind=kind)
    instance = None
    if pk is not None:
        instance = get_object_or_404(
            model.objects.filter(organisation=organisation), **{lookup: pk}
        )
    initial = form_class.initial_for(organisation) if instance is None else None
    form = form_class(request.POST or None, instance=instance, initial=initial)
    status = 200
    if request.method == "POST" and getattr(request, "limited", False):
        form.is_valid()  # its own errors shown too, so the next try can be the last
        form.add_error(None, TOO_MANY_POSTS)
        status = 429
    elif request.method == "POST" and form.is_valid():
        return redirect(save_listing(request, form, organisation))
    return render(request, template, {"form": form, "listing": instance}, status=status)


@login_required
@counted_posting
def need_form(request, pk=None):
    return listing_form_page(request, NeedForm, Need, "nonprofit", "directory/need_form.html", pk)


@login_required
@counted_posting
def offering_form(request, slug=None):
    return listing_form_page(
        request, OfferingForm, Offering, "provider", "directory/offering_form.html", slug, "slug"
    )


STILL_CURRENT = gettext_noop("Thanks — marked as still current.")
NEED_STATES = {
    "pause": (
        Need.State.PAUSED,
        gettext_noop("Paused. It is hidden from providers until you open it again."),
    ),
    "reopen": (Need.State.OPEN, gettext_noop("It is open again.")),
    "fulfil": (Need.State.FULFILLED, gettext_noop("Marked as fulfilled. Congratulations!")),
    "close": (
        Need.State.CLOSED,
        gettext_noop("Closed. Providers no longer see it; only your organisation can."),
    ),
}
# Said instead where providers see the need neither before nor after the change (a draft, a
# need waiting for review or turned down, one hidden until confirmed, one paused already).
UNSEEN_NEED_STATES = {
    "pause": gettext_noop("Paused. Only your organisation can see it."),
    "close": gettext_noop("Closed. Only your organisation can see it."),
    "reopen": gettext_noop("It is open again. Providers don't see it yet; its status says why."),
}


def confirmed(listing) -> str:
    listing.confirm()
    listing.save()
    return gettext(STILL_CURRENT)


def need_state_changer(action: str, state: str, message: str):
    unseen = UNSEEN_NEED_STATES.get(action, message)

    def change(need: Need) -> str:
        seen = need.shown_to_providers
        withdrawn = services.need_set_state(need, state)
        said = gettext(message if seen or need.shown_to_providers else unseen)
        if withdrawn:
            told = ngettext(
                "Its open introduction request was withdrawn, and the provider has been told.",
                "Its %(n)d open introduction requests were withdrawn, and the providers have "
                "been told.",
                withdrawn,
            )
            said += " " + told % {"n": withdrawn}
        return said

    return change


def unpublished(offering: Offering) -> str:
    offering.status = Moderation.DRAFT
    offering.save()
    return publish_message(offering)


def sent_for_review(listing) -> str:
    """A draft sent for review, or published at once for a verified organisation
    (``Listing.submit``, as saving the form with "Publish" does)."""
    if listing.status != Moderation.DRAFT:
        raise PermissionDenied("Only a draft can be sent for review.")
    listing.submit()
    listing.save()
    return publish_message(listing)


NEED_ACTIONS = {
    "confirm": confirmed,
    "publish": sent_for_review,
    **{action: need_state_changer(action, *change) for action, change in NEED_STATES.items()},
}
OFFERING_ACTIONS = {"confirm": confirmed, "unpublish": unpublished, "publish": sent_for_review}


def carry_out(request, listing, action: str, actions: dict):
    """One of a listing's buttons; an action it does not have is not found."""
    if action not in actions:
        raise Http404("No such action")
    messages.success(request, actions[action](listing))
    return redirect(listing)


@login_required
@require_POST
def need_action(request, pk, action):
    need = get_object_or_404(Need.objects.of_member(request.user), pk=pk)
    return carry_out(request, need, action, NEED_ACTIONS)


@login_required
@require_POST
def offering_action(request, slug, action):
    offering = get_object_or_404(Offering.objects.of_member(request.user), slug=slug)
    return carry_out(request, offering, action, OFFERING_ACTIONS)
