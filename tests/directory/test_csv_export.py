"""Downloading a filtered needs or offerings list as CSV, safe to open in a spreadsheet."""

import csv
import io

import pytest
from django.urls import reverse

from directory.listings.csv_export import safe_cell
from directory.listings.models import Need
from tests.factories import NeedFactory, OfferingFactory, category

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[dict]:
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def offerings():
    OfferingFactory(name="SurveyKit", categories=[category("data-collection")])
    OfferingFactory(name="Donor Book", categories=[category("supporter-crm")])


def test_the_offerings_page_links_to_its_list_as_csv_with_the_same_filters(client, offerings):
    page = client.get(reverse("offering_list"), {"category": "data-collection", "page": "1"})
    assert 'href="/offerings/export.csv?category=data-collection" download' in page.text


def test_the_csv_holds_the_filtered_offerings_only(client, offerings, settings):
    settings.SITE_URL = "https://impactsocials.example"
    response = client.get(reverse("offering_export"), {"category": "data-collection"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="offerings.csv"'
    rows = rows_of(response)
    assert [row["Name"] for row in rows] == ["SurveyKit"]
    assert rows[0]["Categories"] == "Data collection & surveys"
    assert rows[0]["Page"] == "https://impactsocials.example/offerings/surveykit/"


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(client):
    OfferingFactory(name='=HYPERLINK("http://evil.example","Click")', summary="+1 great tool")
    row = rows_of(client.get(reverse("offering_export")))[0]
    assert row["Name"] == '\'=HYPERLINK("http://evil.example","Click")'
    assert row["Summary"] == "'+1 great tool"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("Plain text", "Plain text"),
        (None, ""),
        (12, "12"),
    ],
)
def test_safe_cell_puts_an_apostrophe_before_formula_characters(value, cell):
    assert safe_cell(value) == cell


def test_the_needs_csv_shows_only_needs_the_person_may_see(client):
    NeedFactory(title="Public need", country="KE", monthly_budget=40)
    NeedFactory(title="Providers only", visibility=Need.Visibility.PROVIDERS)
    rows = rows_of(client.get(reverse("need_export")))
    assert [row["Title"] for row in rows] == ["Public need"]
    assert rows[0]["Country"] == "Kenya" and rows[0]["Monthly budget"] == "40.00"


def test_the_needs_page_links_to_its_csv(client):
    NeedFactory(country="KE")
    page = client.get(reverse("need_list"), {"country": "KE", "status": "open"})
    assert 'href="/needs/export.csv?country=KE&amp;status=open" download' in page.text


def test_the_api_answers_format_csv_with_the_same_file(client, offerings):
    page_file = rows_of(client.get(reverse("offering_export"), {"q": "survey"}))
    api_file = rows_of(client.get("/api/offerings/", {"q": "survey", "format": "csv"}))
    assert api_file == page_file and api_file


def test_the_export_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    OfferingFactory.create_batch(30)
    with django_assert_max_num_queries(6):
        assert len(rows_of(client.get(reverse("offering_export")))) == 30


def test_each_row_gives_the_currency_its_amounts_are_written_in(client):
    NeedFactory(title="Rupee need", monthly_budget=15000, currency="INR")
    NeedFactory(title="Dollar need", monthly_budget=40, currency="USD")
    OfferingFactory(name="Rupee tool", nonprofit_price_monthly=1500, currency="INR")
    needs = {row["Title"]: row for row in rows_of(client.get(reverse("need_export")))}
    assert needs["Rupee need"]["Monthly budget"] == "15000.00"
    assert needs["Rupee need"]["Currency"] == "INR" and needs["Dollar need"]["Currency"] == "USD"
    api = rows_of(client.get("/api/needs/", {"format": "csv"}))
    assert {row["Title"]: row["Currency"] for row in api} == {
        "Rupee need": "INR",
        "Dollar need": "USD",
    }
    [tool] = rows_of(client.get(reverse("offering_export")))
    assert tool["Currency"] == "INR"
