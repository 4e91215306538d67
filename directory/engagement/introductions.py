"""A nonprofit asks to meet a provider about a need (docs/architecture.md#introductions).

- A member of the need's nonprofit asks, with a message, to be introduced to a listed
  offering whose provider has joined: at most one open request per need and offering (a
  database constraint too), none once one was accepted, and at most
  ``INTRODUCTION_DAILY_CAP`` requests per nonprofit in 24 hours.
- The provider's members are e-mailed and accept or decline, with a note, within 7 days. Only
  on acceptance, and only while the need is open and the offering listed, do the two contact
  e-mails pass; both sides are e-mailed of the answer.
- A request not answered within 7 days expires (hourly task) and the nonprofit is told.
- Providers cannot write to nonprofits first: they show interest in a need, and the nonprofit
  may turn it into a request with one click.
- 30 days after acceptance the requesting member is asked, once, how it went (daily task).

Every change of state is a conditional UPDATE (``Introduction.close``, ``ask_for_feedback``),
so two clicks, two beat processes or a redelivered task never act twice. E-mails go out from
Celery tasks queued once the change is committed, one per recipient.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

from directory.accounts.models import User
from directory.common import errors
from directory.engagement.introduction_mail import email_after_commit
from directory.engagement.models import ANSWER_WITHIN, Feedback, Interest, Introduction
from directory.listings.models import (
    STALE_AFTER,
    Moderation,
    Need,
    Offering,
    Organisation,
    organisations_joined,
)

CAP_PERIOD = timedelta(hours=24)
Status = Introduction.Status
FEEDBACK_AFTER_ACCEPTANCE = gettext_noop(
    "You can give feedback once a provider has accepted an introduction."
)
ALREADY_REVIEWED = gettext_noop("You have already told us how it went — thank you.")


class Refused(errors.Refused):
    """What was asked cannot be done; the message tells the person why, in plain words."""


# Asking


def request_introduction(
    *, need: Need, offering: Offering, user: User, message: str
) -> Introduction:
    """Ask for an introduction for ``need`` (of the member's nonprofit) to ``offering``."""
    with transaction.atomic():
        # Locking the nonprofit's row counts its simultaneous requests one after another.
        Organisation.objects.select_for_update().only("pk").get(pk=need.organisation_id)
        check_can_ask(need, offering)
        try:
            with transaction.atomic():
                introduction = Introduction.objects.create(
                    need=need, offering=offering, requested_by=user, message=message
                )
        except IntegrityError as error:
            raise Refused(already_asked(offering)) from error
        # A provider's interest in this need is answered, however the nonprofit asked.
        Interest.objects.filter(need=need, offering=offering, introduction=None).update(
            introduction=introduction
        )
        email_after_commit(introduction.pk, "requested")
    return introduction


def check_can_ask(need: Need, offering: Offering) -> None:
    provider = offering.organisation
    asked = Introduction.objects.filter(need=need, offering=offering)
    earlier = asked.filter(status__in=[Status.PENDING, Status.ACCEPTED]).order_by("status").first()
    joined = provider.pk in organisations_joined([provider.pk])
    if reason := why_cannot_ask(need, offering, provider_joined=joined, earlier=earlier):
        raise Refused(reason)
    if earlier and earlier.status == Status.PENDING and earlier.close(Status.EXPIRED):
        # Past its 7 days before the hourly expiry got to it: it expires now.
        email_after_commit(earlier.pk, "expired")
    since = timezone.now() - CAP_PERIOD
    asked = Introduction.objects.filter(
        need__organisation=need.organisation_id, created_at__gt=since
    )
    if asked.count() >= settings.INTRODUCTION_DAILY_CAP:
        raise Refused(
            gettext(
                "Your organisation has sent %(count)d introduction requests in the last 24 "
                "hours, the most we allow. Please try again tomorrow."
            )
            % {"count": settings.INTRODUCTION_DAILY_CAP}
        )


def why_cannot_ask(
    need: Need, offering: Offering, *, provider_joined: bool, earlier: Introduction | None
) -> str | None:
    """Why the need's nonprofit cannot ask for an introduction to ``offering`` about ``need``
    now (None: it can). The one rule for the button on pages and for the request itself;
    ``earlier`` is the latest pending or accepted request for the pair, if any. The daily cap
    is checked only when a request is sent."""
    if need.organisation_id == offering.organisation_id:
        return gettext("This is your own organisation's offering.")
    if reason := why_not_open(need):
        return reason
    if reason := why_offering_cannot_be_asked(offering, provider_joined=provider_joined):
        return reason
    if earlier and earlier.status == Status.ACCEPTED:
        return (
            f"{offering.organisation.name} has already accepted an introduction about this "
            "need: you will find their e-mail address on the request's page."
        )
    if earlier and earlier.is_open:
        return already_asked(offering, earlier)
    return None


def why_offering_cannot_be_asked(offering: Offering, *, provider_joined: bool) -> str | None:
    """Why nobody can ask for an introduction to ``offering`` about any need (None: they can)."""
    if not offering.is_listed:
        return f"{offering.name} is not listed at the moment, so you can't ask for an introduction."
    if not provider_joined:
        return not_joined(offering)
    return None


def why_not_open(need: Need) -> str | None:
    """Why nobody can ask for an introduction about ``need`` now, and what to do about it."""
    if need.status == Moderation.PENDING:
        return gettext(
            "This need is waiting for review by our team. You can ask for introductions once "
            "it is published, usually within a day."
        )
    if need.status == Moderation.DRAFT:
        return gettext(
            "This need is a draft. Send it for review; once it is published you can ask for "
            "introductions."
        )
    if need.status != Moderation.PUBLISHED:
        return gettext("This need is not published. Edit it and send it for review first.")
    if need.state != Need.State.OPEN:
        state = need.get_state_display().lower()
        return gettext("This need is %(state)s. Press “Open again” on its page first.") % {
            "state": state
        }
    if need.is_stale:
        return gettext(
            "Nobody has confirmed this need for %(days)d days. Press “It's still current” on "
            "its page first."
        ) % {"days": STALE_AFTER.days}
    return None


def not_joined(offering: Offering) -> str:
    names = {"provider": offering.organisation.name, "site": settings.SITE_NAME}
    if offering.website:
        return (
            gettext(
                "%(provider)s has not joined %(site)s yet, so nobody can answer an introduction "
                "request. Visit their website instead."
            )
            % names
        )
    return (
        gettext(
            "%(provider)s has not joined %(site)s yet, so nobody can answer an introduction "
            "request."
        )
        % names
    )


def already_asked(offering: Offering, earlier: Introduction | None = None) -> str:
    provider = offering.organisation.name
    if earlier:
        until = date_format(timezone.localtime(earlier.expires_at))
        return gettext(
            "You have already asked %(provider)s about this need. They have until %(until)s to "
            "answer; we will e-mail you either way."
        ) % {"provider": provider, "until": until}
    return gettext("You have already asked %(provider)s about this need.") % {"provider": provider}


def express_interest(*, need: Need, offering: Offering, user: User) -> Interest:
    """A provider member shows that ``offering`` could help with ``need``."""
    try:
        with transaction.atomic():
            return Interest.objects.create(need=need, offering=offering, expressed_by=user)
    except IntegrityError as error:
        raise Refused(
            gettext("You have already shown interest in this need for %(offering)s.")
            % {"offering": offering.name}
        ) from error


def ask_after_interest(*, interest: Interest, user: User) -> Introduction:
    """The nonprofit's one click: an introduction request in reply to a provider's interest."""
    if interest.introduction_id:
        raise Refused(gettext("You have already asked for this introduction."))
    # Stored without a message: its words are put in each reader's language where shown.
    return request_introduction(
        need=interest.need, offering=interest.offering, user=user, message=""
    )


# Answering


def answer(*, introduction: Introduction, user: User, accept: bool, note: str) -> Introduction:
    """A provider member accepts (sharing both contact e-mails) or declines. Accepting needs
    the need still open and the offering still listed; declining is always possible."""
    if accept and introduction.is_open:
        check_can_accept(introduction)
    status = Status.ACCEPTED if accept else Status.DECLINED
    if not introduction.close(status, answered_by=user, answer_note=note):
        raise Refused(no_longer_open(introduction))
    email_after_commit(introduction.pk, "answered")
    return introduction


def check_can_accept(introduction: Introduction) -> None:
    need, offering = introduction.need, introduction.offering
    if why_not_open(need):
        raise Refused(
            gettext(
                "%(nonprofit)s is not looking for help with this need at the moment, so you "
                "can't accept. You can still decline."
            )
            % {"nonprofit": need.organisation.name}
        )
    if not offering.is_listed:
        raise Refused(
            gettext(
                "%(offering)s is not listed at the moment: publish it, or confirm it is still "
                "current, before accepting. You can still decline."
            )
            % {"offering": offering.name}
        )


def withdraw(*, introduction: Introduction) -> Introduction:
    """The nonprofit takes back an open request; the provider's members are told."""
    if not introduction.close(Status.WITHDRAWN):
        raise Refused(no_longer_open(introduction, to_nonprofit=True))
    email_after_commit(introduction.pk, "withdrawn")
    return introduction


def withdraw_all(need: Need) -> int:
    """A need fulfilled or closed wants no more introductions: its open requests are
    withdrawn, and each provider asked is told; returns how many."""
    withdrawn = 0
    for introduction in Introduction.objects.pending().filter(need=need):
        if introduction.close(Status.WITHDRAWN):
            email_after_commit(introduction.pk, "withdrawn")
            withdrawn += 1
    return withdrawn


def no_longer_open(introduction: Introduction, *, to_nonprofit: bool = False) -> str:
    """Why a request can't be answered or withdrawn any more, in the reader's language. A
    withdrawn request may have been withdrawn with its need (closed or fulfilled), so the
    nonprofit is not told it withdrew it."""
    expired = gettext("This request has expired: it was not answered within %(days)d days.") % {
        "days": ANSWER_WITHIN.days
    }
    withdrawn = (
        gettext("This request was withdrawn.")
        if to_nonprofit
        else gettext("This request was withdrawn by the nonprofit.")
    )
    return {
        Status.PENDING: expired,
        Status.ACCEPTED: gettext("This request has already been accepted."),
        Status.DECLINED: gettext("This request has already been declined."),
        Status.EXPIRED: expired,
        Status.WITHDRAWN: withdrawn,
    }[introduction.status]


def leave_feedback(*, introduction: Introduction, feedback: Feedback, user: User) -> Feedback:
    """Save the nonprofit's review: only after an accepted introduction, and only once."""
    if not introduction.contacts_shared:
        raise Refused(gettext(FEEDBACK_AFTER_ACCEPTANCE))
    feedback.introduction, feedback.author = introduction, user
    try:
        with transaction.atomic():
            feedback.save()
    except IntegrityError as error:
        raise Refused(gettext(ALREADY_REVIEWED)) from error
    return feedback


# Beat tasks


def expire_overdue(now: datetime | None = None) -> int:
    """Expire the requests unanswered for 7 days and tell each nonprofit; returns how many."""
    expired = 0
    for introduction in Introduction.objects.overdue(now).order_by("pk"):
        if introduction.close(Status.EXPIRED):
            email_after_commit(introduction.pk, "expired")
            expired += 1
    return expired


def ask_for_feedback(now: datetime | None = None) -> int:
    """Ask each nonprofit, once, how an introduction accepted 30 days ago went."""
    now = now or timezone.now()
    due = Introduction.objects.feedback_due(now).filter(feedback_requested_at__isnull=True)
    asked = 0
    for pk in due.order_by("pk").values_list("pk", flat=True):
        unasked = Introduction.objects.filter(pk=pk, feedback_requested_at__isnull=True)
        if unasked.update(feedback_requested_at=now):
            email_after_commit(pk, "feedback")
            asked += 1
    return asked
