"""Digest e-mails: who is due, what is new to them, and sending each digest exactly once.

A person gets at most one digest per period: a day ("2026-11-28") when they chose daily, an
ISO week ("2026-W48") when weekly. It lists the matches stored since the newest match of their
last digest: members of a nonprofit hear of offerings matching their open needs, members of a
provider of needs matching their offerings (only needs they may see), best first.

Why a digest goes out once and no match is lost (docs/architecture.md#digests-exactly-once):

- The Digest row (person, period) is unique in the database. A sender claims rows with an
  insert that skips conflicts, tags them with a token of its own, and e-mails only the people
  whose rows carry its token; a failed row is taken back with a conditional UPDATE. Two beat
  processes, a retried task and a redelivered message race for the same rows: one wins each.
- Once the mail server has accepted e-mails, one transaction marks their rows sent and moves
  ``last_digest_at`` to the newest match each listed. A failed send marks its row failed, to
  be claimed again; ``last_digest_at`` stays where it was, so the matches wait.
- A row left "claimed" is never claimed again: its worker was killed while sending it or
  before recording it, nobody can tell whether that e-mail went out, and a digest one period
  late beats a second one. Its matches are still newer than ``last_digest_at``, so the next
  period's digest carries them.
- Matches count only once they are SETTLE old. A match is stamped when written but seen only
  when its transaction commits; a run in between would skip it and then move
  ``last_digest_at`` past it for good. No matching task outlives Celery's time limit.
"""

import logging
import smtplib
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import reduce
from operator import or_

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from directory.accounts.models import NotificationPreferences, User
from directory.listings.models import Membership, Need, Offering, Organisation
from directory.notifications.digest_mail import PendingDigest, build_message, sections_for
from directory.notifications.models import Digest
from matching.models import Match

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
RECORD_EVERY = 50
SETTLE = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
Frequency = NotificationPreferences.Frequency

# What an e-mail shows of a match and its listings: loading whole rows costs more than sending.
MATCH_FIELDS = (
    "need",
    "offering",
    "score",
    "reasons",
    "created_at",
    "need__title",
    "offering__name",
)


@dataclass
class BatchOutcome:
    sent: int = 0
    failed: int = 0
    taken_elsewhere: int = 0


def period_key(frequency: str, moment: datetime) -> str:
    day = timezone.localdate(moment)
    if frequency == Frequency.DAILY:
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def batches(ids: list[int]) -> list[list[int]]:
    return [ids[start : start + BATCH_SIZE] for start in range(0, len(ids), BATCH_SIZE)]


# Who is due


def recipients() -> QuerySet[User]:
    """Active people with a verified address, annotated with it as ``digest_email``."""
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return (
        User.objects.filter(is_active=True)
        .annotate(digest_email=Subquery(verified.order_by("-primary", "pk").values("email")[:1]))
        .filter(digest_email__isnull=False)
    )


def give_everyone_preferences() -> None:
    """Default preferences (weekly) for people who never chose, so the run finds them too."""
    missing = User.objects.filter(notification_preferences__isnull=True).values_list(
        "pk", flat=True
    )
    # ignore_conflicts: the settings page may create someone's preferences at the same moment.
    NotificationPreferences.objects.bulk_create(
        [NotificationPreferences(user_id=pk) for pk in missing],
        batch_size=1000,
        ignore_conflicts=True,
    )


def due_user_ids(run_at: datetime) -> list[int]:
    """People whose digest for this period is neither sent nor being sent. A failed one is due
    again; whether there is anything new is for the batch to find out."""
    taken = Digest.objects.filter(
        user=OuterRef("pk"), status__in=[Digest.Status.CLAIMED, Digest.Status.SENT]
    )

    def due(frequency: str) -> Q:
        return Q(notification_preferences__digest_frequency=frequency) & ~Exists(
            taken.filter(period=period_key(frequency, run_at))
        )

    due_people = recipients().filter(due(Frequency.DAILY) | due(Frequency.WEEKLY))
    return list(due_people.order_by("pk").values_list("pk", flat=True))


# What is new to them


def collect_digests(user_ids: Iterable[int], run_at: datetime) -> list[PendingDigest]:
    """The digest each of these people would get now; people with nothing new are left out.

    A constant number of queries, however many people: one for the people, one for their
    memberships, one or two for each side's matches.
    """
    people = list(
        recipients()
        .filter(
            pk__in=list(user_ids),
            notification_preferences__digest_frequency__in=[Frequency.DAILY, Frequency.WEEKLY],
        )
        .select_related("notification_preferences")
        .order_by("pk")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("organisation").only(
                    # the kind for the digest's sections; the country and the joining order
                    # for the reader's time zone (User.time_zone)
                    "user",
                    "joined_at",
                    "organisation__kind",
                    "organisation__country",
                ),
            )
        )
    )
    until = run_at - SETTLE
    tools = by_recipient(new_tools_for_needs(people, until))
    needs = by_recipient(new_needs_for_offerings(people, until))
    pending = []
    for person in people:
        matches = tools[person.pk] + needs[person.pk]
        if not matches:
            continue
        frequency = person.notification_preferences.digest_frequency
        pending.append(
            PendingDigest(
                user=person,
                period=period_key(frequency, run_at),
                sections=sections_for(person, tools[person.pk], needs[person.pk]),
                newest_match_at=max(match.created_at for match in matches),
            )
        )
    return pending


def memberships_of(people: list[User], kind: str, wants: str) -> list[Membership]:
    """Memberships in organisations of this kind, of people who asked for this part."""
    return [
        membership
        for person in people
        if getattr(person.notification_preferences, wants)
        for membership in person.memberships.all()
        if membership.organisation.kind == kind
    ]


def new_matches(side: str, memberships: list[Membership], until: datetime) -> QuerySet[Match]:
    """Matches on these organisations' listings (``side``: "need" or "offering") stored since
    each member's last digest, one row per member and match, best first. Only open needs and
    browsable offerings, and no weak match: a closed need, a stale offering or a poor fit is
    no news."""
    member = f"{side}__organisation__memberships__user"
    since = Coalesce(
        F(f"{member}__notification_preferences__last_digest_at"), F(f"{member}__date_joined")
    )
    return (
        # One filter() call, so every condition names the same membership.
        Match.objects.filter(
            **{f"{side}__organisation__memberships__in": memberships},
            created_at__gt=since,
            created_at__lte=until,
        )
        .worth_telling()
        .annotate(recipient_id=F(f"{member}_id"))
        .filter(
            among(Need.objects.matchable(), "need"), among(Offering.objects.browsable(), "offering")
        )
        .order_by("-score", "pk")
    )


def among(listings: QuerySet, field: str) -> Exists:
    """The match's ``field`` is one of ``listings``, checked row by row: ``field__in=listings``
    leads SQLite to start from every listing instead of from the few organisations asked about."""
    return Exists(listings.filter(pk=OuterRef(field)))


def new_tools_for_needs(people: list[User], until: datetime) -> list[Match]:
    memberships = memberships_of(people, Organisation.Kind.NONPROFIT, "matches_for_my_needs")
    if not memberships:
        return []
    matches = new_matches("need", memberships, until).select_related(
        "need", "offering__organisation"
    )
    return list(matches.only(*MATCH_FIELDS, "offering__slug", "offering__organisation__name"))


def new_needs_for_offerings(people: list[User], until: datetime) -> list[Match]:
    memberships = memberships_of(people, Organisation.Kind.PROVIDER, "matches_for_my_offerings")
    if not memberships:
        return []
    # What a person may see depends on whether they belong to a provider (visible_to), and
    # every reader here does, so one reader's view holds for all of them.
    visible = Need.objects.visible_to(memberships[0].user)
    matches = (
        new_matches("offering", memberships, until)
        .filter(among(visible, "need"))
        .select_related("need__organisation", "offering")
    )
    return list(matches.only(*MATCH_FIELDS, "need__organisation__name"))


def by_recipient(matches: list[Match]) -> defaultdict[int, list[Match]]:
    grouped = defaultdict(list)
    for match in matches:
        grouped[match.recipient_id].append(match)
    return grouped


# Sending, once


def send_batch(user_ids: Iterable[int], run_at: datetime) -> BatchOutcome:
    """Send the due digests of these people that no other sender has taken."""
    pending = collect_digests(user_ids, run_at)
    if not pending:
        return BatchOutcome()
    # Rendered before claiming, so a template error leaves every digest free to be retried.
    messages = [(digest, build_message(digest)) for digest in pending]
    # Opened before claiming too: with the mail server down, nothing is claimed.
    with get_connection() as connection:
        claimed = claim(pending, token=uuid.uuid4())
        delivery = Delivery(connection, claimed)
        try:
            for digest, message in messages:
                if digest.user.pk in claimed:
                    delivery.send(digest, message)
        finally:
            delivery.finish()
    delivery.outcome.taken_elsewhere = len(pending) - len(claimed)
    return delivery.outcome


def claim(pending: list[PendingDigest], token: uuid.UUID) -> dict[int, int]:
    """Take the digests nobody else holds; returns {person's id: Digest id} of those now ours.

    ``bulk_create(ignore_conflicts=True)`` cannot say which rows it inserted, so each attempt
    tags its rows with a fresh token (not the task id: a retried task keeps its id, and must
    not take over the rows a killed predecessor claimed).
    """
    now = timezone.now()
    Digest.objects.bulk_create(
        [
            Digest(user=digest.user, period=digest.period, claim_token=token, claimed_at=now)
            for digest in pending
        ],
        ignore_conflicts=True,
    )
    people_by_period = defaultdict(list)
    for digest in pending:
        people_by_period[digest.period].append(digest.user.pk)
    these = reduce(
        or_, (Q(period=period, user_id__in=ids) for period, ids in people_by_period.items())
    )
    # The status check makes the UPDATE a compare-and-set: of two senders retrying the same
    # failed digest, the second finds it claimed and updates nothing.
    Digest.objects.filter(these, status=Digest.Status.FAILED).update(
        status=Digest.Status.CLAIMED, claim_token=token, claimed_at=now
    )
    ours = Digest.objects.filter(claim_token=token, status=Digest.Status.CLAIMED)
    return dict(ours.values_list("user_id", "pk"))


class Delivery:
    """Sends a batch's claimed digests over one connection and records what went out.

    Sent digests are recorded RECORD_EVERY at a time, each group in one transaction that marks
    them sent and moves the people's ``last_digest_at``: a commit per e-mail would cost more
    than the e-mail. A worker killed before recording a group leaves its digests claimed, so
    never sent again; their matches come once more in the next period's digest, never lost.
    """

    def __init__(self, connection: BaseEmailBackend, claimed: dict[int, int]):
        self.connection = connection
        self.unsent = dict(claimed)
        self.delivered: list[tuple[int, PendingDigest]] = []
        self.outcome = BatchOutcome()

    def send(self, digest: PendingDigest, message: EmailMultiAlternatives) -> None:
        # Out of ``unsent`` while in flight: if the worker is stopped now, nobody can tell
        # whether this one went out, so it must stay claimed.
        digest_id = self.unsent.pop(digest.user.pk)
        message.connection = self.connection
        try:
            message.send()
        except (smtplib.SMTPException, OSError):
            logger.exception("Digest %s for user %s not sent", digest.period, digest.user.pk)
            self.unsent[digest.user.pk] = digest_id
            self.outcome.failed += 1
            return
        self.delivered.append((digest_id, digest))
        if len(self.delivered) >= RECORD_EVERY:
            self.record()

    def record(self) -> None:
        if not self.delivered:
            return
        counts = [
            Digest(pk=digest_id, match_count=d.match_count) for digest_id, d in self.delivered
        ]
        starting_points = [
            NotificationPreferences(
                pk=d.user.notification_preferences.pk, last_digest_at=d.newest_match_at
            )
            for _, d in self.delivered
        ]
        # The records and the new starting points move together, or neither does.
        with transaction.atomic():
            Digest.objects.filter(pk__in=[digest.pk for digest in counts]).update(
                status=Digest.Status.SENT, sent_at=timezone.now()
            )
            Digest.objects.bulk_update(counts, ["match_count"])
            NotificationPreferences.objects.bulk_update(starting_points, ["last_digest_at"])
        self.outcome.sent += len(self.delivered)
        self.delivered.clear()

    def finish(self) -> None:
        """Record what went out and free what did not (failed, or never tried because the
        batch stopped early) for the next attempt."""
        self.record()
        Digest.objects.filter(pk__in=self.unsent.values()).update(status=Digest.Status.FAILED)
