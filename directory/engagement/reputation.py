"""What nonprofits learn about a provider before asking: how it answers introduction requests,
and how nonprofits rated its offerings. Plain Python, tested without a database; the queries
that fill these are ``Introduction.objects.responsiveness_for`` and
``Feedback.objects.ratings_for``.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from math import ceil
from statistics import median

from django.conf import settings
from django.utils.translation import gettext, ngettext

FULL_MARKS = 5


def wait_in_words(wait: timedelta) -> str:
    """A typical wait, rounded up: "an hour", "5 hours", "a day", "3 days"."""
    hours = ceil(wait.total_seconds() / 3600)
    if hours <= 1:
        return gettext("an hour")
    if hours < 24:
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    days = ceil(hours / 24)
    if days == 1:
        return gettext("a day")
    return ngettext("%(count)s day", "%(count)s days", days) % {"count": days}


@dataclass(frozen=True)
class Responsiveness:
    """How a provider answered the introduction requests it received in the last 12 months.

    ``received`` counts the requests it had the chance to answer: answered (accepted or
    declined) and unanswered after 7 days. Requests still within their 7 days, and those the
    nonprofit withdrew, are left out. ``typical_wait`` is the median time to an answer. A
    provider without members (``joined`` false) has no figures: nobody could have answered.
    """

    received: int = 0
    answered: int = 0
    typical_wait: timedelta | None = None
    joined: bool = True

    @classmethod
    def from_waits(cls, waits: Iterable[timedelta | None]) -> "Responsiveness":
        """One wait per request received: how long it took to answer, None if unanswered."""
        waits = list(waits)
        answered = [wait for wait in waits if wait is not None]
        return cls(
            received=len(waits),
            answered=len(answered),
            typical_wait=median(answered) if answered else None,
        )

    @property
    def rate(self) -> float | None:
        """Answered ÷ received, or None with nothing received."""
        return self.answered / self.received if self.received else None

    @property
    def in_tens(self) -> int:
        """The rate as "n in 10", never rounded up to all or down to none."""
        tens = round(self.rate * 10)
        if self.answered < self.received:
            tens = min(tens, 9)
        return max(tens, 1) if self.answered else 0

    @property
    def in_words(self) -> str:
        if not self.joined:
            return gettext("Not on %(site_name)s yet") % {"site_name": settings.SITE_NAME}
        if not self.received:
            return gettext("No introduction requests yet")
        if not self.answered:
            return ngettext(
                "Did not answer its %(count)s introduction request",
                "Did not answer its %(count)s introduction requests",
                self.received,
            ) % {"count": self.received}
        figures = {
            "answered": self.answered,
            "count": self.received,
            "tens": self.in_tens,
            "wait": wait_in_words(self.typical_wait),
        }
        if self.received < 10:
            text = ngettext(
                "Answered %(answered)s of %(count)s introduction request, usually within %(wait)s",
                "Answered %(answered)s of %(count)s introduction requests, usually within %(wait)s",
                self.received,
            )
            return text % figures
        return gettext("Answers %(tens)s in 10 introduction requests, usually within %(wait)s") % (
            figures
        )

    def __str__(self) -> str:
        return self.in_words


@dataclass(frozen=True)
class Ratings:
    """Averages of the shown reviews of one offering, each from 1 to 5 (None with no review)."""

    count: int = 0
    fit: float | None = None
    integration: float | None = None
    support: float | None = None
    pilots: int = 0

    @property
    def parts(self) -> list[tuple[str, float]]:
        """(label, average) for each rating, as the offering page shows them."""
        return [
            (gettext("Fit for the need"), self.fit),
            (gettext("Ease of integration"), self.integration),
            (gettext("Support"), self.support),
        ]

    @property
    def in_words(self) -> str:
        if not self.count:
            return gettext("No reviews yet")
        if self.count == 1:
            return (
                gettext("1 review, after a pilot")
                if self.pilots
                else gettext("1 review, without a pilot")
            )
        text = (
            ngettext(
                "%(count)s review, %(pilots)s after a pilot",
                "%(count)s reviews, %(pilots)s after a pilot",
                self.count,
            )
            if self.pilots
            else ngettext(
                "%(count)s review, none after a pilot",
                "%(count)s reviews, none after a pilot",
                self.count,
            )
        )
        return text % {"count": self.count, "pilots": self.pilots}

    def __str__(self) -> str:
        return self.in_words


@dataclass(frozen=True)
class EventRecord:
    """How a provider's meetings at past events went (docs/events.md): ``held`` meetings both
    sides accepted, and of the nonprofits' answers afterwards, how many found the meeting
    useful and planned a follow-up. The query is ``directory.events.meetings.event_record_of``.
    """

    held: int = 0
    rated: int = 0
    useful: int = 0
    follow_ups: int = 0

    @property
    def in_words(self) -> str:
        met = ngettext(
            "Met %(count)s nonprofit at events", "Met %(count)s nonprofits at events", self.held
        ) % {"count": self.held}
        if not self.rated:
            return met
        return gettext(
            "%(met)s; %(useful)s of %(rated)s found the meeting useful, %(follow_ups)s "
            "planned a follow-up"
        ) % {
            "met": met,
            "useful": self.useful,
            "rated": self.rated,
            "follow_ups": self.follow_ups,
        }

    def __bool__(self) -> bool:
        return self.held > 0

    def __str__(self) -> str:
        return self.in_words
