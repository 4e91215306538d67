"""Dates read in the reader's time zone: their organisation's country's, on pages and in the
e-mails we send them; the site's (UTC) for visitors and for countries of several clocks."""

from datetime import UTC, datetime

import pytest
from django.core import mail

from directory.common.time_zones import zone_for_country
from directory.engagement.introduction_mail import send_introduction_emails
from directory.engagement.models import ANSWER_WITHIN
from directory.listings.models import Need
from tests.factories import (
    IntroductionFactory,
    NeedFactory,
    OfferingFactory,
    OrganisationFactory,
    ProviderFactory,
    member_of,
)

pytestmark = pytest.mark.django_db

# 01:30 on 2 March in Delhi, 21:00 on 1 March in Lagos and in UTC's 20:00.
LATE_EVENING_UTC = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)
DAY_IN = {"IN": "02/03/2026", "NG": "01/03/2026", "US": "01/03/2026", "": "01/03/2026"}


@pytest.mark.parametrize(
    "country, zone",
    [
        ("IN", "Asia/Kolkata"),
        ("NG", "Africa/Lagos"),
        ("KE", "Africa/Nairobi"),
        ("DE", "Europe/Berlin"),
    ],
)
def test_a_country_of_one_clock_has_its_zone(country, zone):
    assert zone_for_country(country) == zone


@pytest.mark.parametrize("country", ["US", "BR", "ES", "", None, "XX"])
def test_a_country_of_several_clocks_or_none_reads_the_site_zone(country):
    assert zone_for_country(country) is None


def posted_late_in_the_utc_day(country: str) -> Need:
    need = NeedFactory(organisation=OrganisationFactory(country=country))
    Need.objects.filter(pk=need.pk).update(created_at=LATE_EVENING_UTC)
    return need


@pytest.mark.parametrize("country", ["IN", "NG", "US", ""])
def test_the_need_page_gives_the_day_it_was_posted_where_the_reader_is(client, country):
    need = posted_late_in_the_utc_day(country)
    client.force_login(member_of(need.organisation))

    page = client.get(need.get_absolute_url()).text

    assert f"posted {DAY_IN[country]}" in page


def test_a_visitor_reads_the_site_zone_and_a_member_does_not_change_it_for_others(client):
    need = posted_late_in_the_utc_day("IN")
    client.force_login(member_of(need.organisation))
    assert "posted 02/03/2026" in client.get(need.get_absolute_url()).text

    client.logout()

    assert "posted 01/03/2026" in client.get(need.get_absolute_url()).text


@pytest.mark.parametrize("country", ["IN", "NG"])
def test_the_request_e_mail_gives_the_last_day_to_answer_where_the_provider_is(country):
    provider = ProviderFactory(country=country)
    member = member_of(provider)
    introduction = IntroductionFactory(
        offering=OfferingFactory(organisation=provider),
        created_at=LATE_EVENING_UTC - ANSWER_WITHIN,
    )

    send_introduction_emails(introduction.pk, "requested")

    [message] = [m for m in mail.outbox if m.to == [member.email]]
    hour = {"IN": "01:30", "NG": "21:00"}[country]  # the very minute it expires, where they are
    assert f"Please accept or decline by {DAY_IN[country]}, {hour}." in message.body
