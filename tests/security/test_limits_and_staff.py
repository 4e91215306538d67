"""Limits on expensive answers, production headers and cookies, and a second factor for staff:
items of the security issue, each kept by a test here."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import NeedFactory, OfferingFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


# 1. The match preview and the CSV exports are rate-limited and the exports bounded.


def test_a_burst_of_previews_past_the_rate_gets_429(settings):
    settings.PREVIEW_RATE = "3/m"
    client = Client()
    client.force_login(member_of(OrganisationFactory()))
    form = {"title": "Household surveys offline", "description": "Survey forms on phones"}
    answers = [client.post(reverse("need_preview"), form).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]


def test_the_preview_limit_counts_per_person_across_addresses(settings):
    settings.PREVIEW_RATE = "2/m"
    client = Client()
    client.force_login(member_of(OrganisationFactory()))
    answers = [
        client.post(reverse("need_preview"), {}, REMOTE_ADDR=f"192.0.2.{n}").status_code
        for n in range(3)
    ]
    assert answers == [200, 200, 429]


@pytest.mark.parametrize("name", ["offering_export", "need_export"])
def test_a_burst_of_csv_exports_past_the_rate_gets_the_429_page(settings, name):
    settings.EXPORT_RATE = "2/h"
    client = Client()
    answers = [client.get(reverse(name)) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert "Please slow down" in answers[-1].text


def test_the_site_and_the_api_exports_share_one_counter_per_address(settings):
    settings.EXPORT_RATE = "2/h"
    assert Client().get(reverse("offering_export")).status_code == 200
    assert APIClient().get("/api/needs/", {"format": "csv"}).status_code == 200
    assert Client().get(reverse("need_export")).status_code == 429


def test_the_api_export_past_the_rate_gets_429_json(settings):
    settings.EXPORT_RATE = "2/h"
    api = APIClient()
    api.force_authenticate(member_of(OrganisationFactory()))
    answers = [api.get("/api/offerings/", {"format": "csv"}) for _ in range(3)]
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[-1]["Content-Type"] == "application/json"
    assert "detail" in answers[-1].json()
    # The JSON list is not an export: DRF's own throttles cover it.
    assert api.get("/api/offerings/").status_code == 200


def test_requests_without_an_address_share_one_counter(settings):
    settings.EXPORT_RATE = "2/h"
    answers = [Client(REMOTE_ADDR="").get(reverse("offering_export")).status_code for _ in range(3)]
    assert answers == [200, 200, 429]


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/offerings/export.csv", OfferingFactory),
        ("/needs/export.csv", NeedFactory),
        ("/api/offerings/?format=csv", OfferingFactory),
        ("/api/needs/?format=csv", NeedFactory),
    ],
)
def test_an_export_of_more_rows_than_the_bound_stops_at_the_bound(settings, path, make):
    settings.EXPORT_MAX_ROWS = 3
    make.create_batch(5)
    rows = rows_of(Client().get(path))
    header, listings, note = rows[0], rows[1:-1], rows[-1]
    assert len(header) > 5 and len(listings) == 3
    assert note[0].startswith("This list was cut at 3 rows.") and "filters" in note[0]


def test_an_export_within_the_bound_has_no_note(settings):
    settings.EXPORT_MAX_ROWS = 3
    OfferingFactory.create_batch(3)
    rows = rows_of(Client().get(reverse("offering_export")))
    assert len(rows) == 4 and "cut" not in rows[-1][0]
