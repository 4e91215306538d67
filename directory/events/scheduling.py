"""The Django side of the scheduler: the registered organisations' stored matches as plain
candidates for ``schedule_core``, and the proposed meetings written back (docs/events.md)."""

from django.db import transaction
from django.utils import timezone

from directory.events.mail import changes_after_commit
from directory.events.models import Event, Meeting
from directory.events.schedule_core import (
    Candidate,
    Limits,
    best_per_pair,
    fill_slot,
    schedule,
    select_pairs,
)
from directory.listings.models import Need, Offering, Organisation
from matching.core import band
from matching.models import Match

Kind = Organisation.Kind


def limits_of(event: Event) -> Limits:
    return Limits(
        slots=event.slots,
        tables=event.tables,
        nonprofit_cap=event.meetings_per_nonprofit,
        provider_cap=event.meetings_per_provider,
    )


def registered(event: Event, kind: str) -> list[int]:
    return list(
        event.registrations.filter(organisation__kind=kind).values_list("organisation", flat=True)
    )


def candidates_for(event: Event, *, nonprofit: int | None = None) -> list[Candidate]:
    """Strong and possible stored matches between the registered nonprofits' open needs and
    the registered providers' listed offerings."""
    nonprofits = [nonprofit] if nonprofit else registered(event, Kind.NONPROFIT)
    matches = Match.objects.worth_telling().filter(
        need__in=Need.objects.matchable().filter(organisation__in=nonprofits),
        offering__in=Offering.objects.published().filter(
            organisation__in=registered(event, Kind.PROVIDER)
        ),
    )
    rows = matches.values_list(
        "need__organisation", "offering__organisation", "need", "offering", "score"
    )
    return [
        Candidate(nonprofit, provider, need, offering, score, band(score))
        for nonprofit, provider, need, offering, score in rows
    ]


def _meeting(event: Event, candidate: Candidate, slot: int, table: int) -> Meeting:
    return Meeting(
        event=event,
        nonprofit_id=candidate.nonprofit,
        provider_id=candidate.provider,
        need_id=candidate.need,
        offering_id=candidate.offering,
        slot=slot,
        table=table,
        score=candidate.score,
        band=candidate.band,
    )


def propose_meetings(event_id: int, *, first_time: bool = False) -> int:
    """Propose the event's meetings; returns how many were proposed. Proposals nobody has
    accepted yet are replaced; accepted meetings (and proposals one side accepted) stay where
    they are, and the new ones go around them. ``first_time``: only if none were proposed
    yet (the hourly job; two runs at once propose once)."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        if first_time and event.proposed_at:
            return 0
        untouched = event.meetings.filter(
            status=Meeting.Status.PROPOSED, nonprofit_accepted=False, provider_accepted=False
        )
        untouched.delete()
        kept = list(event.meetings.live())
        candidates = candidates_for(event)
        if kept:
            new = _around(event, candidates, kept)
        else:
            result = schedule(candidates, limits_of(event))
            new = [_meeting(event, m.candidate, m.slot, m.table) for m in result.meetings]
        Meeting.objects.bulk_create(new)
        event.proposed_at = timezone.now()
        event.save(update_fields=["proposed_at"])
        changes_after_commit(event.pk, {m.nonprofit_id for m in new} | {m.provider_id for m in new})
    return len(new)


def _around(event: Event, candidates: list[Candidate], kept: list[Meeting]) -> list[Meeting]:
    """New meetings around those kept: the pairs chosen by the programme with what is left
    of each cap, each put in the first slot where both sides and a table are free."""
    limits = limits_of(event)
    met = {(m.nonprofit_id, m.provider_id) for m in event.meetings.all()}
    busy = {(org, m.slot) for m in kept for org in (m.nonprofit_id, m.provider_id)}
    tables = {(m.slot, m.table) for m in kept}
    counts: dict[int, int] = {}
    for m in kept:
        counts[m.nonprofit_id] = counts.get(m.nonprofit_id, 0) + 1
        counts[m.provider_id] = counts.get(m.provider_id, 0) + 1
    fresh = [c for c in candidates if (c.nonprofit, c.provider) not in met]
    chosen = select_pairs(best_per_pair(fresh), limits)
    new = []
    for candidate in chosen:
        if counts.get(candidate.nonprofit, 0) >= limits.nonprofit_cap:
            continue
        if counts.get(candidate.provider, 0) >= limits.provider_cap:
            continue
        place = _free_place(event, candidate.nonprofit, candidate.provider, busy, tables)
        if place is None:
            continue
        slot, table = place
        busy |= {(candidate.nonprofit, slot), (candidate.provider, slot)}
        tables.add(place)
        for org in (candidate.nonprofit, candidate.provider):
            counts[org] = counts.get(org, 0) + 1
        new.append(_meeting(event, candidate, slot, table))
    return new


def _free_place(event: Event, one: int, other: int, busy, tables) -> tuple[int, int] | None:
    for slot in range(event.slots):
        if (one, slot) in busy or (other, slot) in busy:
            continue
        for table in range(1, event.tables + 1):
            if (slot, table) not in tables:
                return slot, table
    return None


def free_place_for(event: Event, one: int, other: int) -> tuple[int, int] | None:
    """The first slot where both organisations and a table are free (a requested meeting)."""
    live = list(event.meetings.live().values_list("slot", "table", "nonprofit", "provider"))
    busy = {(org, slot) for slot, _t, n, p in live for org in (n, p)}
    return _free_place(event, one, other, busy, {(slot, table) for slot, table, _n, _p in live})


def refill(event: Event, slot: int, table: int) -> Meeting | None:
    """Propose the next best pair into a freed (slot, table), if one fits (``fill_slot``)."""
    live = list(event.meetings.live().values_list("slot", "nonprofit", "provider"))
    busy = {org for s, n, p in live if s == slot for org in (n, p)}
    met = set(event.meetings.values_list("nonprofit", "provider"))
    counts: dict[int, int] = {}
    for _s, n, p in live:
        counts[n] = counts.get(n, 0) + 1
        counts[p] = counts.get(p, 0) + 1
    candidate = fill_slot(
        candidates_for(event),
        slot=slot,
        busy=busy,
        met=met,
        meetings_of=counts,
        limits=limits_of(event),
    )
    if candidate is None:
        return None
    meeting = _meeting(event, candidate, slot, table)
    meeting.save()
    return meeting
