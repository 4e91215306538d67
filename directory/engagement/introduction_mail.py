"""The e-mails of an introduction's events (asked, answered, expired, feedback): who gets
which, and the tasks that send them, one per recipient."""

from collections.abc import Callable
from dataclasses import dataclass

from celery import group, shared_task
from django.core.mail import EmailMultiAlternatives, get_connection
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop

from directory.accounts.models import User
from directory.common.emails import compose, in_language_of
from directory.common.links import absolute_url
from directory.common.retry import RETRYING, RETRYING_MAIL
from directory.engagement.models import ANSWER_WITHIN, Introduction
from directory.listings.models import Membership
from directory.outbox.delivery import enqueue


def email_after_commit(introduction_id: int, event: str) -> None:
    """Queue the event's e-mails with the change, through the outbox: they go to the broker
    once it commits, and if the broker cannot be reached the change still stands and the
    outbox's sweep sends them later (directory/outbox/delivery.py)."""
    enqueue(send_introduction_emails, introduction_id, event)


def recipient_ids(introduction_id: int, event: str) -> list[int]:
    """Who gets an e-mail of the event: each is sent by its own task, so a retry after the
    mail server refused one address e-mails nobody else again."""
    letters = EVENTS[event](Introduction.objects.with_people().get(pk=introduction_id))
    return sorted({user.pk for letter in letters for user in letter.recipients})


def send_emails(introduction_id: int, event: str, user_id: int) -> int:
    """Send one person their e-mails of an event (none if no longer concerned); returns how
    many."""
    introduction = Introduction.objects.with_people().get(pk=introduction_id)
    messages = [
        build(introduction, letter, user)
        for letter in EVENTS[event](introduction)
        for user in letter.recipients
        if user.pk == user_id
    ]
    with get_connection() as connection:
        return connection.send_messages(messages)


def members_of(organisation_id: int) -> list[User]:
    memberships = Membership.objects.active_in([organisation_id]).select_related("user")
    return [membership.user for membership in memberships]


def nonprofit_side(introduction: Introduction) -> list[User]:
    """The member who asked; the nonprofit's members if that account is gone."""
    requester = introduction.requested_by
    if requester and requester.is_active:
        return [requester]
    return members_of(introduction.need.organisation_id)


def provider_side(introduction: Introduction) -> list[User]:
    return members_of(introduction.offering.organisation_id)


@dataclass(frozen=True)
class Letter:
    """One e-mail of an event: its template, who gets it and its subject (made in each
    recipient's language when their e-mail is built)."""

    template: str
    recipients: list[User]
    subject: Callable[[], str]


def build(introduction: Introduction, letter: Letter, user: User) -> EmailMultiAlternatives:
    context = {
        "introduction": introduction,
        "need": introduction.need,
        "offering": introduction.offering,
        "nonprofit": introduction.need.organisation,
        "provider": introduction.offering.organisation,
        "url": absolute_url(introduction.get_absolute_url()),
        "need_url": absolute_url(introduction.need.get_absolute_url()),
        "feedback_url": absolute_url(reverse("introduction_feedback", args=[introduction.pk])),
        "answer_days": ANSWER_WITHIN.days,
        "user": user,
    }
    with in_language_of(user):
        return compose(letter.template, context, subject=letter.subject(), to=user.email)


def to_the_provider(template: str, subject: str):
    """An event told the offering's provider alone, by ``template``, under ``subject`` (a
    message naming the nonprofit and the offering, put in each recipient's language)."""

    def letters(introduction: Introduction) -> list[Letter]:
        names = {
            "nonprofit": introduction.need.organisation.name,
            "offering": introduction.offering.name,
        }
        return [Letter(template, provider_side(introduction), lambda: gettext(subject) % names)]

    return letters


requested_emails = to_the_provider(
    "introduction_requested",
    gettext_noop("%(nonprofit)s asks for an introduction to %(offering)s"),
)
# The provider asked to answer is told there is nothing to answer any more.
withdrawn_emails = to_the_provider(
    "introduction_withdrawn",
    gettext_noop("%(nonprofit)s withdrew its introduction request for %(offering)s"),
)


def answered_emails(introduction: Introduction) -> list[Letter]:
    accepted = introduction.contacts_shared
    names = {
        "provider": introduction.offering.organisation.name,
        "offering": introduction.offering.name,
        "nonprofit": introduction.need.organisation.name,
    }

    def to_nonprofit() -> str:
        if accepted:
            text = gettext("%(provider)s accepted your introduction request for %(offering)s")
        else:
            text = gettext("%(provider)s declined your introduction request for %(offering)s")
        return text % names

    def to_provider() -> str:
        if accepted:
            return gettext("%(provider)s accepted %(nonprofit)s's introduction request") % names
        return gettext("%(provider)s declined %(nonprofit)s's introduction request") % names

    return [
        Letter("introduction_answered", nonprofit_side(introduction), to_nonprofit),
        Letter("introduction_answered_provider", provider_side(introduction), to_provider),
    ]


def expired_emails(introduction: Introduction) -> list[Letter]:
    offering = introduction.offering
    names = {"provider": offering.organisation.name, "offering": offering.name}

    def subject() -> str:
        return gettext("No answer from %(provider)s about %(offering)s") % names

    return [Letter("introduction_expired", nonprofit_side(introduction), subject)]


def feedback_emails(introduction: Introduction) -> list[Letter]:
    names = {"offering": introduction.offering.name}

    def subject() -> str:
        return gettext("How did it go with %(offering)s?") % names

    return [Letter("feedback_request", nonprofit_side(introduction), subject)]


EVENTS = {
    "requested": requested_emails,
    "answered": answered_emails,
    "expired": expired_emails,
    "withdrawn": withdrawn_emails,
    "feedback": feedback_emails,
}


@shared_task(**RETRYING)
def send_introduction_emails(introduction_id: int, event: str) -> int:
    """Queue one task per recipient of an introduction event (``EVENTS``); returns how many.
    It sends nothing itself, so a worker dying here may at worst queue some twice."""
    user_ids = recipient_ids(introduction_id, event)
    if user_ids:
        group(
            send_introduction_email.s(introduction_id, event, user_id) for user_id in user_ids
        ).apply_async()
    return len(user_ids)


@shared_task(**RETRYING_MAIL)
def send_introduction_email(introduction_id: int, event: str, user_id: int) -> int:
    """One person's e-mails of an introduction event. A worker dying mid-send may repeat
    them: better twice than never for these."""
    return send_emails(introduction_id, event, user_id)
