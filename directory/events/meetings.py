"""Every rule and change of an event's registrations and meetings (docs/events.md): who may
register, who sees the participants, accepting, declining (the freed place is proposed to the
next best pair), requesting a meeting, and, after the event, the introduction and feedback."""

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext

from directory.accounts.models import User
from directory.common import errors
from directory.engagement import introductions
from directory.engagement.models import Introduction
from directory.engagement.reputation import EventRecord
from directory.events.mail import changes_after_commit
from directory.events.models import Event, Meeting, MeetingFeedback, Registration
from directory.events.scheduling import free_place_for, refill
from directory.listings.models import Need, Offering, Organisation
from matching.core import band
from matching.models import Match

Status = Meeting.Status


class Refused(errors.Refused):
    """What was asked cannot be done; the message says why, in plain words."""


# Who takes part, who sees what


def is_registered(event: Event, organisation: Organisation | None) -> bool:
    return organisation is not None and any(
        r.organisation_id == organisation.pk for r in registrations_of(event)
    )


def registrations_of(event: Event) -> list[Registration]:
    """The event's registrations with their organisations, looked up once per event object."""
    if not hasattr(event, "_registrations"):
        event._registrations = list(
            event.registrations.select_related("organisation").order_by("organisation__name")
        )
    return event._registrations


def sees_participants(event: Event, user, organisation: Organisation | None) -> bool:
    """Only signed-in members of a registered organisation (and curators) see who takes part."""
    if not user.is_authenticated:
        return False
    return user.is_staff or is_registered(event, organisation)


def why_cannot_register(event: Event, organisation: Organisation | None) -> str | None:
    if organisation is None:
        return gettext("Only members of an organisation can register.")
    if not event.registration_open:
        return gettext("Registration for this event has closed.")
    if is_registered(event, organisation):
        return gettext("Your organisation is registered.")
    if (
        organisation.is_nonprofit
        and not Need.objects.matchable().filter(organisation=organisation).exists()
    ):
        return gettext("To register, publish at least one open need first.")
    if (
        organisation.is_provider
        and not Offering.objects.published().filter(organisation=organisation).exists()
    ):
        return gettext("To register, publish at least one offering first.")
    return None


def register(*, event: Event, organisation: Organisation, user: User) -> Registration:
    if reason := why_cannot_register(event, organisation):
        raise Refused(reason)
    try:
        with transaction.atomic():
            return Registration.objects.create(
                event=event, organisation=organisation, registered_by=user
            )
    except IntegrityError as error:  # registered by a colleague a moment ago
        raise Refused(gettext("Your organisation is registered.")) from error


# Answering


def answer(*, meeting: Meeting, organisation: Organisation, accept: bool) -> Meeting:
    """One side's answer. Accepted once both sides accept; a decline frees the place, and the
    next best pair not yet proposed is proposed into it."""
    side = meeting.side_of(organisation)
    if side is None:
        raise Refused(gettext("Only the two organisations of a meeting can answer it."))
    with transaction.atomic():
        # One change of an event's places at a time (proposing takes the same lock): two
        # declines at once never propose two meetings into the same free table.
        Event.objects.select_for_update().only("pk").get(pk=meeting.event_id)
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        if meeting.status not in (Status.PROPOSED, Status.REQUESTED) or (
            accept and meeting.accepted_by(organisation)
        ):
            raise Refused(gettext("This meeting has already been answered."))
        notify = {meeting.other_side(organisation).pk}  # the side that answered knows
        if not accept:
            freed = (meeting.slot, meeting.table) if meeting.status == Status.PROPOSED else None
            meeting.status = Status.DECLINED
            meeting.save(update_fields=["status", "updated_at"])
            if freed and (new := refill(meeting.event, *freed)):
                notify |= {new.nonprofit_id, new.provider_id}
        else:
            setattr(meeting, f"{side}_accepted", True)
            if meeting.status == Status.REQUESTED:
                _place(meeting)
            if meeting.nonprofit_accepted and meeting.provider_accepted:
                meeting.status = Status.ACCEPTED
            meeting.save()
        changes_after_commit(meeting.event_id, notify)
    return meeting


def _place(meeting: Meeting) -> None:
    place = free_place_for(meeting.event, meeting.nonprofit_id, meeting.provider_id)
    if place is None:
        raise Refused(gettext("No slot is free for both of you and a table any more."))
    meeting.slot, meeting.table = place


def request_meeting(*, event: Event, organisation: Organisation, other: Organisation) -> Meeting:
    """Ask to meet a registered organisation of the other kind that no meeting pairs you with
    yet; it gets a time when the other side accepts."""
    if not (is_registered(event, organisation) and is_registered(event, other)):
        raise Refused(gettext("Both organisations must be registered for the event."))
    if organisation.kind == other.kind:
        raise Refused(gettext("Meetings are between a nonprofit and a tech provider."))
    nonprofit, provider = (
        (organisation, other) if organisation.is_nonprofit else (other, organisation)
    )
    pair = event.meetings.filter(nonprofit=nonprofit, provider=provider)
    if pair.filter(~Q(status=Status.DECLINED)).exists():
        raise Refused(gettext("You already have a meeting with them."))
    need, offering, score = _best_listings(nonprofit, provider)
    if need is None:
        raise Refused(gettext("They need an open need and a published offering to meet about."))
    meeting = Meeting.objects.create(
        event=event,
        nonprofit=nonprofit,
        provider=provider,
        need=need,
        offering=offering,
        status=Status.REQUESTED,
        requested_by=organisation,
        nonprofit_accepted=organisation.is_nonprofit,
        provider_accepted=organisation.is_provider,
        score=score,
        band=band(score) if score else "",
    )
    changes_after_commit(event.pk, {other.pk})
    return meeting


def _best_listings(nonprofit, provider) -> tuple[Need | None, Offering | None, float]:
    needs = Need.objects.matchable().filter(organisation=nonprofit)
    offerings = Offering.objects.published().filter(organisation=provider)
    match = (
        Match.objects.filter(need__in=needs, offering__in=offerings)
        .select_related("need", "offering")
        .best_first()
        .first()
    )
    if match:
        return match.need, match.offering, match.score
    return needs.order_by("pk").first(), offerings.order_by("pk").first(), 0.0


def match_of(meeting: Meeting) -> Match | None:
    return Match.objects.filter(need=meeting.need_id, offering=meeting.offering_id).first()


# After the event


def why_cannot_follow_up(meeting: Meeting, organisation: Organisation | None) -> str | None:
    if meeting.side_of(organisation) is None:
        return gettext("Only the two organisations of a meeting can do this.")
    if meeting.status != Status.ACCEPTED:
        return gettext("Only a meeting both sides accepted can be followed up.")
    if not meeting.event.is_over:
        return gettext("You can do this once the event is over.")
    return None


def introduce(*, meeting: Meeting, user: User, organisation: Organisation) -> Introduction:
    """Turn a held meeting into an introduction request (the usual rules: the provider
    accepts, and only then are e-mail addresses shared)."""
    if reason := why_cannot_follow_up(meeting, organisation):
        raise Refused(reason)
    if not organisation.is_nonprofit:
        raise Refused(gettext("The nonprofit asks for the introduction."))
    message = gettext("We met at %(event)s about this need and would like to keep talking.") % {
        "event": meeting.event.name
    }
    # Refused by the introduction rules (already asked, daily cap…): the refusal says why.
    introduction = introductions.request_introduction(
        need=meeting.need, offering=meeting.offering, user=user, message=message
    )
    Meeting.objects.filter(pk=meeting.pk).update(introduction=introduction)
    return introduction


def leave_feedback(
    *, meeting: Meeting, organisation: Organisation, useful: bool, follow_up: bool
) -> MeetingFeedback:
    if reason := why_cannot_follow_up(meeting, organisation):
        raise Refused(reason)
    feedback, _created = MeetingFeedback.objects.update_or_create(
        meeting=meeting,
        organisation=organisation,
        defaults={"useful": useful, "follow_up": follow_up},
    )
    return feedback


def event_record_of(provider: Organisation) -> EventRecord:
    """The provider's meetings held at past events and what the nonprofits said of them."""
    held = Meeting.objects.filter(
        provider=provider, status=Status.ACCEPTED, event__date__lt=timezone.localdate()
    )
    said = MeetingFeedback.objects.filter(meeting__in=held, organisation=F("meeting__nonprofit"))
    counts = said.aggregate(
        rated=Count("pk"),
        useful=Count("pk", filter=Q(useful=True)),
        follow_ups=Count("pk", filter=Q(follow_up=True)),
    )
    return EventRecord(held=held.count(), **counts)
