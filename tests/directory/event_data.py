"""An event with registered nonprofits and providers and their stored matches, for the event
tests."""

from dataclasses import dataclass, field
from datetime import time, timedelta

from django.utils import timezone

from directory.events.models import Event, Registration
from directory.listings.models import Need, Offering, Organisation
from matching.models import Match
from tests.factories import (
    NeedFactory,
    OfferingFactory,
    OrganisationFactory,
    ProviderFactory,
    member_of,
)


def make_event(**fields) -> Event:
    values = {
        "name": "Impact Socials, Bengaluru",
        "date": timezone.localdate() + timedelta(days=10),
        "place": "Bengaluru International Centre",
        "first_slot_at": time(10, 0),
        "slot_minutes": 20,
        "slots": 4,
        "tables": 2,
        "registration_closes_at": timezone.now() + timedelta(days=5),
        "meetings_per_nonprofit": 2,
        "meetings_per_provider": 3,
        **fields,
    }
    return Event.objects.create(**values)


@dataclass
class Side:
    organisation: Organisation
    member: object
    listing: Need | Offering


@dataclass
class Day:
    event: Event
    nonprofits: list[Side] = field(default_factory=list)
    providers: list[Side] = field(default_factory=list)

    def nonprofit(self, name: str = "") -> Side:
        organisation = OrganisationFactory(**({"name": name} if name else {}))
        side = Side(organisation, member_of(organisation), NeedFactory(organisation=organisation))
        Registration.objects.create(event=self.event, organisation=organisation)
        self.nonprofits.append(side)
        return side

    def provider(self, name: str = "") -> Side:
        organisation = ProviderFactory(**({"name": name} if name else {}))
        offering = OfferingFactory(organisation=organisation)
        side = Side(organisation, member_of(organisation), offering)
        Registration.objects.create(event=self.event, organisation=organisation)
        self.providers.append(side)
        return side


def match(nonprofit: Side, provider: Side, score: float) -> Match:
    return Match.objects.update_or_create(
        need=nonprofit.listing,
        offering=provider.listing,
        defaults={
            "score": score,
            "need_fit": score / 100,
            "interoperability": score / 100,
            "cost_fit": 1,
            "reasons": [{"code": "free_open_source"}],
        },
    )[0]


def day(**fields) -> Day:
    return Day(make_event(**fields))
