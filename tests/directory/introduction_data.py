"""The nonprofit, provider and people that the introduction tests share."""

from dataclasses import dataclass
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.accounts.models import User
from directory.engagement.models import Introduction
from directory.listings.models import Need, Offering, Organisation
from tests.factories import (
    IntroductionFactory,
    NeedFactory,
    OfferingFactory,
    OrganisationFactory,
    ProviderFactory,
    member_of,
)

REQUESTER_EMAIL = "amina@ruaha.example"
ACCEPTOR_EMAIL = "david@fieldtools.example"
COLLEAGUE_EMAIL = "joy@fieldtools.example"
MESSAGE = "We would like to try it with ten volunteers in March."


@dataclass
class World:
    nonprofit: Organisation
    requester: User
    need: Need
    provider: Organisation
    acceptor: User
    colleague: User
    offering: Offering

    def introduction(self, **fields) -> Introduction:
        fields = {
            "need": self.need,
            "offering": self.offering,
            "requested_by": self.requester,
            **fields,
        }
        return IntroductionFactory(**fields)


def make_world() -> World:
    nonprofit = OrganisationFactory(name="Ruaha Girls Network")
    provider = ProviderFactory(name="FieldTools Ltd")
    return World(
        nonprofit=nonprofit,
        requester=member_of(nonprofit, first_name="Amina", email=REQUESTER_EMAIL),
        need=NeedFactory(organisation=nonprofit, title="Collect household surveys offline"),
        provider=provider,
        acceptor=member_of(provider, first_name="David", email=ACCEPTOR_EMAIL),
        colleague=member_of(provider, first_name="Joy", email=COLLEAGUE_EMAIL),
        offering=OfferingFactory(organisation=provider, name="FieldForms"),
    )


def days_ago(days: float):
    return timezone.now() - timedelta(days=days)


def ask(client, world: World, capture, message: str = MESSAGE):
    """The requester posts the request form; e-mails queued on commit are sent."""
    client.force_login(world.requester)
    with capture(execute=True):
        return client.post(
            reverse("introduction_request", args=[world.offering.slug]),
            {"need": world.need.pk, "message": message},
        )


def answer(client, member: User, introduction: Introduction, capture, decision="accept"):
    client.force_login(member)
    with capture(execute=True):
        return client.post(
            reverse("introduction_answer", args=[introduction.pk]),
            {"decision": decision, "note": "Happy to help: let's talk next week."},
        )


def sent_to(email: str) -> list[mail.EmailMessage]:
    return [message for message in mail.outbox if message.to == [email]]


def everything_in(message: mail.EmailMultiAlternatives) -> str:
    """The subject, the headers, the text and the HTML of an e-mail, to search for leaks."""
    html = "".join(content for content, _ in message.alternatives)
    return f"{message.subject} {message.extra_headers} {message.from_email} {message.body} {html}"


def text_of(client, url: str) -> str:
    page = client.get(url)
    assert page.status_code == 200
    return page.text
