"""A digest e-mail's words: each match as the reader reads it (band, why it fits, what to
check, in the reader's language), the sections, the subject and the one-click unsubscribe
headers. Who is due and sending once are in directory/notifications/digests.py."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext

from directory.accounts.models import User
from directory.common.emails import compose, in_language_of
from directory.common.links import absolute_url
from directory.listings.models import Need, Offering
from directory.notifications import unsubscribe
from matching.models import Match
from matching.reasons import BAND_LABELS, NONPROFIT, PROVIDER, Reader, render_split

ITEMS_SHOWN = 20
FITS_SHOWN = 3
CHECKS_SHOWN = 2


@dataclass(frozen=True)
class DigestItem:
    """One match as the e-mail shows it; ``related`` names the reader's own listing, and
    ``fits`` (why it fits) and ``checks`` (what to check) are in words written for the
    reader (the nonprofit's or the provider's)."""

    title: str
    organisation: str
    related: str
    url: str
    score: int
    band: str  # in words: "Strong match"
    fits: tuple[str, ...]
    checks: tuple[str, ...]

    @property
    def text_bar(self) -> str:
        """The score as a bar for the plain-text part, e.g. "[#######---]"."""
        filled = round(self.score / 10)
        return "[" + "#" * filled + "-" * (10 - filled) + "]"


@dataclass(frozen=True)
class Section:
    heading: str
    related_label: str
    items: list[DigestItem]

    @property
    def shown(self) -> list[DigestItem]:
        return self.items[:ITEMS_SHOWN]

    @property
    def more(self) -> int:
        return max(0, len(self.items) - ITEMS_SHOWN)


@dataclass(frozen=True)
class PendingDigest:
    """What one person would get now."""

    user: User
    period: str
    sections: list[Section]
    newest_match_at: datetime

    @property
    def match_count(self) -> int:
        return sum(len(section.items) for section in self.sections)


def sections_for(person: User, tools: list[Match], needs: list[Match]) -> list[Section]:
    """The sections of ``person``'s digest, their headings and reasons in their language."""
    with in_language_of(person):
        return sections(tools, needs)


def sections(tools: list[Match], needs: list[Match]) -> list[Section]:
    candidates = [
        Section(
            gettext("New tools and services for your needs"),
            gettext("For your need"),
            [item(match, match.offering, match.need.title, NONPROFIT) for match in tools],
        ),
        Section(
            gettext("New needs that match your offerings"),
            gettext("Matches your offering"),
            # A need matching several of the reader's offerings is listed once, at its best.
            [
                item(match, match.need, match.offering.name, PROVIDER)
                for match in best_per_need(needs)
            ],
        ),
    ]
    return [section for section in candidates if section.items]


def best_per_need(matches: list[Match]) -> list[Match]:
    best = {}
    for match in matches:
        best.setdefault(match.need_id, match)
    return list(best.values())


def item(match: Match, listing: Need | Offering, related: str, reader: Reader) -> DigestItem:
    """``listing`` is the other side's need or offering, ``related`` the reader's own;
    ``reader`` says whose words the reasons are in."""
    fits, checks = render_split(match.reasons, reader)
    return DigestItem(
        title=str(listing),
        organisation=listing.organisation.name,
        related=related,
        url=absolute_url(listing.get_absolute_url()),
        score=round(match.score),
        band=str(BAND_LABELS[match.band]),
        fits=tuple(fits[:FITS_SHOWN]),
        checks=tuple(checks[:CHECKS_SHOWN]),
    )


# The e-mail


def digest_title() -> str:
    """settings.DIGEST_SUBJECT; the default one in the reader's language (one set in the
    environment is used as it is)."""
    default = f"Your {settings.SITE_NAME} digest"  # impact_socials/settings.py
    if default == settings.DIGEST_SUBJECT:
        return gettext("Your %(site_name)s digest") % {"site_name": settings.SITE_NAME}
    return settings.DIGEST_SUBJECT


def build_message(digest: PendingDigest) -> EmailMultiAlternatives:
    with in_language_of(digest.user):
        return build_in_their_language(digest)


def build_in_their_language(digest: PendingDigest) -> EmailMultiAlternatives:
    token = unsubscribe.make_token(digest.user)
    context = {
        "user": digest.user,
        "sections": digest.sections,
        "match_count": digest.match_count,
        "frequency": digest.user.notification_preferences.get_digest_frequency_display().lower(),
        "subject": digest_title(),  # the HTML part's title; the e-mail's has the count
        "dashboard_url": absolute_url(reverse("dashboard")),
        "settings_url": absolute_url(reverse("account_settings")),
        "unsubscribe_url": absolute_url(reverse("unsubscribe", args=[token])),
    }
    return compose(
        "digest",
        context,
        subject=render_to_string("directory/emails/digest_subject.txt", context),
        to=digest.user.digest_email,
        from_email=settings.DIGEST_FROM_EMAIL,
        headers=unsubscribe_headers(context["unsubscribe_url"], token),
    )


def unsubscribe_headers(url: str, token: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail apps show an "Unsubscribe" button that POSTs to the URL."""
    mailto = f"mailto:{settings.DIGEST_UNSUBSCRIBE_EMAIL}?subject=unsubscribe%20{token}"
    return {
        "List-Unsubscribe": f"<{url}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
