"""What the dashboard, need and offering pages show of introductions, interest and reviews,
each in a fixed number of queries whatever the number of rows."""

from django.db.models import Exists, OuterRef, Subquery

from directory.engagement import compare, introductions
from directory.engagement.models import (
    Feedback,
    Interest,
    Introduction,
    ratings_of,
    responsiveness_of,
)
from directory.listings.models import Need, Offering, organisations_joined, organisations_of

DASHBOARD_SHOWN = 30
ONGOING = (Introduction.Status.PENDING, Introduction.Status.ACCEPTED)
REVIEWS_SHOWN = 20


def with_both_sides():
    return Introduction.objects.with_people().select_related("feedback")


def for_dashboard(organisation) -> dict:
    """The organisation's introduction requests in two lists, each shown in full up to its
    limit: ``waiting`` (still to be answered, the one to expire first first) and ``earlier``
    (the rest, newest first; ``more_earlier`` when older ones are left off)."""
    if organisation.is_provider:
        mine = with_both_sides().filter(offering__organisation=organisation)
        responsiveness = responsiveness_of(organisation)
        context = {"responsiveness": responsiveness if responsiveness.received else None}
    else:
        mine = with_both_sides().filter(need__organisation=organisation)
        context = {
            "feedback_due": mine.feedback_due(),
            "interests": open_interests().filter(need__organisation=organisation),
        }
    earlier = list(mine.settled()[: DASHBOARD_SHOWN + 1])
    return {
        **context,
        "waiting": list(mine.waiting_for_answer()),
        "earlier": earlier[:DASHBOARD_SHOWN],
        "more_earlier": len(earlier) > DASHBOARD_SHOWN,
    }


def open_interests():
    """Interest the nonprofit has not answered with a request yet, and still could: its need
    open and the offering listed. ``asked`` is the nonprofit's pending or accepted request for
    the same need and offering, made some other way, if any."""
    asked = Introduction.objects.filter(
        need=OuterRef("need"),
        offering=OuterRef("offering"),
        status__in=[Introduction.Status.PENDING, Introduction.Status.ACCEPTED],
    )
    return (
        Interest.objects.filter(
            introduction__isnull=True,
            need__in=Need.objects.matchable(),
            offering__in=Offering.objects.browsable(),
        )
        .annotate(asked=Subquery(asked.values("pk")[:1]))
        .select_related("need", "offering__organisation")
    )


def with_interest_shown(matches) -> list:
    """Marks each match of a provider's offering with whether it showed interest already, and
    whether the nonprofit has asked it for an introduction (pending or accepted)."""
    matches = list(matches)
    needs = {match.need_id for match in matches}
    offerings = {match.offering_id for match in matches}
    shown = set(
        Interest.objects.filter(need__in=needs, offering__in=offerings).values_list(
            "need", "offering"
        )
    )
    asked = set(
        Introduction.objects.filter(
            need__in=needs, offering__in=offerings, status__in=ONGOING
        ).values_list("need", "offering")
    )
    for match in matches:
        match.interest_shown = (match.need_id, match.offering_id) in shown
        match.asked_you = (match.need_id, match.offering_id) in asked
    return matches


def with_introductions(need, matches) -> list:
    """Marks each match of the nonprofit's need with its latest introduction, if any, and
    whether anyone can answer for its provider."""
    matches = list(matches)
    latest = {
        introduction.offering_id: introduction
        for introduction in need.introductions.order_by("created_at")
    }
    joined = organisations_joined({match.offering.organisation_id for match in matches})
    for match in matches:
        match.introduction = latest.get(match.offering_id)
        match.provider_joined = match.offering.organisation_id in joined
        ongoing = match.introduction
        if ongoing and ongoing.status not in (
            Introduction.Status.PENDING,
            Introduction.Status.ACCEPTED,
        ):
            ongoing = None
        match.ask_refusal = introductions.why_cannot_ask(
            need, match.offering, provider_joined=match.provider_joined, earlier=ongoing
        )
    return matches


def on_need_page(need, user, is_owner: bool) -> dict:
    """The owner sees providers' interest; a provider's member may show interest."""
    if is_owner:
        return {"interests": open_interests().filter(need=need)}
    if need.state != Need.State.OPEN:
        return {}
    interested = Interest.objects.filter(need=need, offering=OuterRef("pk"))
    in_touch = Introduction.objects.filter(
        need=need,
        offering=OuterRef("pk"),
        status__in=[Introduction.Status.PENDING, Introduction.Status.ACCEPTED],
    )
    offerings = list(
        Offering.objects.browsable()
        .filter(organisation__in=organisations_of(user))
        .annotate(interest_shown=Exists(interested), in_touch=Exists(in_touch))
    )
    return {
        "interest_options": [
            offering for offering in offerings if not (offering.interest_shown or offering.in_touch)
        ],
        "interest_shown_with": [
            offering for offering in offerings if offering.interest_shown and not offering.in_touch
        ],
        "in_touch_with": [offering for offering in offerings if offering.in_touch],
    }


def on_offering_page(offering, user) -> dict:
    responsiveness = responsiveness_of(offering.organisation)
    return {
        "responsiveness": responsiveness,
        "ask_refusal": introductions.why_offering_cannot_be_asked(
            offering, provider_joined=responsiveness.joined
        ),
        "ratings": ratings_of(offering),
        "alternatives": compare.alternatives(offering),
        "reviews": Feedback.objects.shown()
        .filter(introduction__offering=offering)
        .select_related("introduction__need__organisation")[:REVIEWS_SHOWN],
        "own_introductions": own_introductions(user, offering),
    }


def own_introductions(user, offering):
    """The person's nonprofit's latest requests to this offering (its page lists them)."""
    return (
        Introduction.objects.asked_by_member(user)
        .filter(offering=offering)
        .select_related("need")[:3]
    )
