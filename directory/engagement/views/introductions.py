"""Introductions between nonprofits and providers, providers' interest, and feedback.

Each view looks its objects up among the member's own, so another organisation's
introduction answers 404 and reveals nothing; a member of the wrong kind of organisation gets
403.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from directory.accounts.acting import organisation_of
from directory.common.errors import carried_out
from directory.common.limits import limited_posting, signed_in_post
from directory.engagement import introductions
from directory.engagement.forms import AnswerForm, FeedbackForm, IntroductionRequestForm
from directory.engagement.models import ANSWER_WITHIN, Interest, Introduction, responsiveness_of
from directory.engagement.page_context import with_both_sides
from directory.listings.models import Membership, Need, Offering, organisations_of


def sent(offering) -> str:
    return gettext(
        "Sent. %(provider)s has %(days)d days to answer; we will e-mail you either way."
    ) % {"provider": offering.organisation.name, "days": ANSWER_WITHIN.days}


@login_required
@limited_posting
def introduction_request(request, slug):
    organisation = organisation_of(request, kind="nonprofit")
    offering = get_object_or_404(
        Offering.objects.browsable().select_related("organisation"), slug=slug
    )
    needs = Need.objects.matchable().filter(organisation=organisation)
    form = IntroductionRequestForm(
        request.POST or None, needs=needs, initial={"need": request.GET.get("need")}
    )
    if request.method == "POST" and form.is_valid():
        introduction = carried_out(
            request,
            partial(
                introductions.request_introduction,
                need=form.cleaned_data["need"],
                offering=offering,
                user=request.user,
                message=form.cleaned_data["message"],
            ),
            success=sent(offering),
        )
        if introduction:
            return redirect(introduction)
    own = list(needs.only("title", "country"))  # read once: whether any, and where each is
    return render(
        request,
        "directory/introduction_request.html",
        {
            "form": form,
            "offering": offering,
            "has_needs": bool(own),
            "needs_not_served": [need for need in own if not offering.serves(need.country)],
            "responsiveness": responsiveness_of(offering.organisation),
            "answer_days": ANSWER_WITHIN.days,
        },
    )


def detail_page(request, introduction, answer_form=None):
    sides = set(
        Membership.objects.filter(
            user=request.user,
            organisation__in=[
                introduction.need.organisation_id,
                introduction.offering.organisation_id,
            ],
        ).values_list("organisation", flat=True)
    )
    return render(
        request,
        "directory/introduction_detail.html",
        {
            "introduction": introduction,
            "asking_side": introduction.need.organisation_id in sides,
            "answering_side": introduction.offering.organisation_id in sides,
            "answer_form": answer_form or AnswerForm(),
        },
    )


@login_required
def introduction_detail(request, pk):
    introduction = get_object_or_404(with_both_sides().involving(request.user), pk=pk)
    return detail_page(request, introduction)


@signed_in_post
def introduction_answer(request, pk):
    introduction = get_object_or_404(with_both_sides().received_by_member(request.user), pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return detail_page(request, introduction, form)
    carried_out(
        request,
        partial(
            introductions.answer,
            introduction=introduction,
            user=request.user,
            accept=form.accepts,
            note=form.cleaned_data["note"],
        ),
        success=gettext(
            "Accepted. You can now see each other's e-mail address; we have e-mailed you both."
        )
        if form.accepts
        else gettext("Declined. We have let them know."),
    )
    return redirect(introduction)


@signed_in_post
def introduction_withdraw(request, pk):
    introduction = get_object_or_404(Introduction.objects.asked_by_member(request.user), pk=pk)
    carried_out(
        request,
        partial(introductions.withdraw, introduction=introduction),
        success=gettext("Withdrawn. The provider can no longer answer it."),
    )
    return redirect(introduction)


@login_required
def introduction_feedback(request, pk):
    introduction = get_object_or_404(with_both_sides().asked_by_member(request.user), pk=pk)
    if not introduction.contacts_shared:
        raise PermissionDenied(gettext(introductions.FEEDBACK_AFTER_ACCEPTANCE))
    if not introduction.feedback_open:
        messages.info(request, gettext(introductions.ALREADY_REVIEWED))
        return redirect(introduction)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feedback = carried_out(
            request,
            partial(
                introductions.leave_feedback,
                introduction=introduction,
                feedback=form.save(commit=False),
                user=request.user,
            ),
            success=gettext("Thank you! Your review helps other nonprofits choose."),
        )
        return redirect(introduction.offering if feedback else introduction)
    return render(
        request, "directory/feedback_form.html", {"form": form, "introduction": introduction}
    )


def posted_pk(request, name: str) -> int:
    """The id a form posted as ``name``; anything but a number finds nothing, like an
    unknown id."""
    value = request.POST.get(name, "")
    if not (value.isascii() and value.isdigit()):
        raise Http404(f"No {name} chosen")
    return int(value)


def back_to(request, fallback):
    """Where the form came from, if it is on this site; ``fallback`` otherwise."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@signed_in_post
def interest_create(request):
    organisation = organisation_of(request, kind="provider")
    need = get_object_or_404(
        Need.objects.matchable(),  # what a provider's member may see, and still open
        pk=posted_pk(request, "need"),
    )
    offering = get_object_or_404(
        Offering.objects.browsable().filter(organisation=organisation),
        pk=posted_pk(request, "offering"),
    )
    carried_out(
        request,
        partial(introductions.express_interest, need=need, offering=offering, user=request.user),
        success=gettext(
            "Done: %(nonprofit)s will see on their dashboard that %(offering)s could help. If "
            "they would like to talk, they will ask for an introduction."
        )
        % {"nonprofit": need.organisation.name, "offering": offering.name},
    )
    return back_to(request, need)


@signed_in_post
def interest_accept(request, pk):
    organisation_of(request, kind="nonprofit")
    interest = get_object_or_404(
        Interest.objects.filter(
            need__organisation__in=organisations_of(request.user)
        ).select_related("need", "offering__organisation"),
        pk=pk,
    )
    introduction = carried_out(
        request,
        partial(introductions.ask_after_interest, interest=interest, user=request.user),
        success=sent(interest.offering),
    )
    return redirect(introduction) if introduction else back_to(request, interest.need)
