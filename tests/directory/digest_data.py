"""People, listings and stored matches that the digest tests share."""

import smtplib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from unittest import mock

from django.core.mail.backends import locmem
from django.utils import timezone

from directory.accounts.models import User
from directory.listings.models import Need, Offering, Organisation
from directory.notifications import digests
from matching.core import STRONG_SCORE
from matching.models import Match
from tests.factories import (
    NeedFactory,
    OfferingFactory,
    OrganisationFactory,
    ProviderFactory,
    member_of,
)

REASONS = [
    {
        "code": "integrates",
        "systems": ["Google Sheets", "WhatsApp Business"],
        "through": [],
        "missing": [],
    },
    {"code": "free_for_nonprofits", "budget": 1200},
    {"code": "works_with_in_use", "systems": ["KoboToolbox"], "missing": []},
    {"code": "not_offered_language", "languages": ["sw"]},
]


WEDNESDAY = 2  # datetime.weekday()


def later(**extra) -> datetime:
    """A run late enough for matches stored now to count (they must settle first), at noon on
    a Wednesday: a test's runs an hour or a day apart then fall in the same weekly period
    whatever the hour the tests run (late on a Sunday, an hour later was another week)."""
    earliest = timezone.now() + digests.SETTLE + timedelta(minutes=1)
    noon = earliest.replace(hour=12, minute=0, second=0, microsecond=0)
    run = noon + timedelta(days=(WEDNESDAY - noon.weekday()) % 7)
    if run < earliest:
        run += timedelta(days=7)
    return run + timedelta(**extra)


def store_match(need: Need, offering: Offering, score: float = STRONG_SCORE, **fields) -> Match:
    # update_or_create: where a test commits, the background re-match may have stored one.
    return Match.objects.update_or_create(
        need=need,
        offering=offering,
        defaults={
            "score": score,
            "need_fit": score / 100,
            "interoperability": 0.5,
            "cost_fit": 1.0,
            "reasons": REASONS,
            **fields,
        },
    )[0]


def joined_long_ago() -> None:
    """Everyone joined before the matches were stored; newcomers hear only of later ones."""
    User.objects.update(date_joined=timezone.now() - timedelta(days=30))


@dataclass
class World:
    """A nonprofit and a provider, a member of each, and one match between their listings."""

    nonprofit: Organisation
    provider: Organisation
    nonprofit_member: User
    provider_member: User
    need: Need
    offering: Offering
    match: Match


def make_world(**need_fields) -> World:
    nonprofit = OrganisationFactory(name="Ruaha Girls Network")
    provider = ProviderFactory(name="Open Field Co")
    need = NeedFactory(
        organisation=nonprofit, title="Collect household surveys offline", **need_fields
    )
    offering = OfferingFactory(organisation=provider, name="FieldForms")
    return World(
        nonprofit=nonprofit,
        provider=provider,
        nonprofit_member=member_of(nonprofit),
        provider_member=member_of(provider),
        need=need,
        offering=offering,
        match=store_match(need, offering, score=82),
    )


@contextmanager
def mail_server_refusing(address: str, times: int = 1):
    """The mail server refuses e-mails to ``address`` this many times, then accepts them. As
    with Django's SMTP backend, the messages before a refused one have gone out."""
    accept = locmem.EmailBackend.send_messages
    refusals_left = [times]

    def send_messages(backend, messages):
        sent = 0
        for message in messages:
            if refusals_left[0] and address in message.to:
                refusals_left[0] -= 1
                raise smtplib.SMTPRecipientsRefused({address: (451, b"Try again later")})
            sent += accept(backend, [message])
        return sent

    with mock.patch.object(locmem.EmailBackend, "send_messages", send_messages):
        yield
