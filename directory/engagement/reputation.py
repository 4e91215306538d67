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

FULL_MARKS = 5


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def wait_in_words(wait: timedelta) -> str:
    """A typical wait, rounded up: "an hour", "5 hours", "a day", "3 days"."""
    hours = ceil(wait.total_seconds() / 3600)
    if hours <= 1:
        return "an hour"
    if hours < 24:
        return f"{hours} hours"
    days = ceil(hours / 24)
    return "a day" if days == 1 else f"{days} days"


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
            return f"Not on {settings.SITE_NAME} yet"
        if not self.received:
            return "No introduction requests yet"
        if not self.answered:
            return f"Did not answer its {plural(self.received, 'introduction request')}"
        if self.received < 10:
            share = f"Answered {self.answered} of {plural(self.received, 'introduction request')}"
        else:
            share = f"Answers {self.in_tens} in 10 introduction requests"
        return f"{share}, usually within {wait_in_words(self.typical_wait)}"

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
            ("Fit for the need", self.fit),
            ("Ease of integration", self.integration),
            ("Support", self.support),
        ]

    @property
    def in_words(self) -> str:
        if not self.count:
            return "No reviews yet"
        if self.count == 1:
            pilot = "after a pilot" if self.pilots else "without a pilot"
        else:
            pilot = f"{self.pilots or 'none'} after a pilot"
        return f"{plural(self.count, 'review')}, {pilot}"

    def __str__(self) -> str:
        return self.in_words
