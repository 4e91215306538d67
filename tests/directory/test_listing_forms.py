"""The need and offering forms alike: bad input is refused beside its field and nothing saved."""

import pytest
from django.urls import reverse

from directory.listings.models import Need, Offering
from tests.directory.conftest import assert_form_refused
from tests.factories import (
    OrganisationFactory,
    ProviderFactory,
    category,
    member_of,
    need_form,
    offering_form,
    system,
)

pytestmark = pytest.mark.django_db

# Each kind of listing: the page that adds one, its form filled in, its model and who adds it.
FORMS = {
    "need": ("need_create", need_form, Need, OrganisationFactory),
    "offering": ("offering_create", offering_form, Offering, ProviderFactory),
}


def post_new(client, kind: str, **fields):
    """A member of a new organisation posting the form that adds a ``kind`` of listing, with
    ``fields``: the page answered and the listing's model."""
    url_name, form, model, organisation = FORMS[kind]
    client.force_login(member_of(organisation()))
    return client.post(reverse(url_name), form(**fields)), model


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    [
        ("need", "title", "x" * 141, "to 140 characters or fewer"),
        ("need", "description", "", "Tell providers a little about it"),
        ("need", "monthly_budget", "-5", "Write 0 or more"),
        ("need", "one_off_budget", "lots", "Write the amount in figures, such as 5000"),
        ("need", "category", "999999", "Choose one of the options shown"),
        ("need", "deadline", "2001-01-01", "The deadline is in the past"),
        ("need", "visibility", "everyone-and-their-dog", "Choose one of the options shown"),
        ("offering", "name", "n" * 121, "to 120 characters or fewer"),
        ("offering", "summary", "s" * 241, "to 240 characters or fewer"),
        ("offering", "uses", "send reminders\n" * 100, "to 1200 characters or fewer"),
        ("offering", "website", "not a url", "Enter a valid URL"),
        ("offering", "nonprofit_price_monthly", "-1", "Write 0 or more"),
        ("offering", "nonprofit_price_monthly", "80", "cannot be above the list price"),
        ("offering", "setup_cost", "-100", "Write 0 or more"),
        ("offering", "categories", [], "Please fill this in"),
        ("offering", "licence", "MIT; rm -rf", "Choose one of the options shown"),
        ("offering", "licence_other", "MIT; rm -rf", "SPDX"),
        ("offering", "pricing_model", "whatever", "Choose one of the options shown"),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_nothing_saved(
    client, kind, field, value, message
):
    page, model = post_new(client, kind, **{field: value})
    assert_form_refused(page, message, model)
    assert f'id="id_{field}_error"' in page.text


@pytest.mark.parametrize(
    ("kind", "field", "taxonomy", "count", "message"),
    [
        ("need", "systems", system, 16, "Choose at most 15"),
        ("offering", "categories", category, 6, "Choose at most 5"),
    ],
)
def test_too_many_systems_or_categories_are_refused(client, kind, field, taxonomy, count, message):
    too_many = [taxonomy(f"{field}-{n}").pk for n in range(count)]
    page, model = post_new(client, kind, **{field: too_many})
    assert_form_refused(page, message, model)


def test_a_budget_too_long_is_refused_in_hindi_on_a_hindi_page(client):
    client.force_login(member_of(OrganisationFactory(country="KE")))
    page = client.post(
        reverse("need_create"),
        need_form(monthly_budget="123456789012"),
        HTTP_ACCEPT_LANGUAGE="hi",
    )
    assert_form_refused(page, "यह रकम बहुत बड़ी है: USD 10,00,00,000 से कम लिखें।", Need)
    assert "Ensure that" not in page.text


def test_line_breaks_count_as_the_browser_counts_them(client):
    """The browser holds a description to 4,000 characters counting each line break as one,
    then sends it as two ("\\r\\n"): what it let through is saved."""
    client.force_login(member_of(OrganisationFactory(country="KE")))
    lines = ["We visit villages every week."] * 133  # 29 characters and a line break each
    description = "\r\n".join(lines)
    assert len(description.replace("\r\n", "\n")) <= 4000 < len(description)
    page = client.post(reverse("need_create"), need_form(description=description))
    assert page.status_code == 302
    assert Need.objects.get().description == "\n".join(lines)


def test_a_text_too_long_is_refused_in_plain_hindi_on_a_hindi_page(client):
    client.force_login(member_of(OrganisationFactory(country="KE")))
    page = client.post(
        reverse("need_create"), need_form(description="x" * 4010), HTTP_ACCEPT_LANGUAGE="hi"
    )
    assert_form_refused(page, "कृपया इसे 4000 अक्षरों या उससे कम में लिखें (अभी 4010 हैं)।", Need)
    assert "Ensure this value" not in page.text


@pytest.mark.parametrize("amount", ["99999999999999", "100000000", "123456789.5"])
def test_an_amount_too_large_says_the_largest_it_takes_in_the_currency_chosen(client, amount):
    client.force_login(member_of(OrganisationFactory(country="KE")))
    page = client.post(reverse("need_create"), need_form(monthly_budget=amount, currency="INR"))
    assert_form_refused(page, "That amount is too large: enter less than ₹10,00,00,000.", Need)
    assert "Monthly budget (₹)" in page.text, "the labels follow the currency sent"
    assert "digits" not in page.text


def test_an_organisation_in_india_starts_its_listings_in_rupees(client):
    user = member_of(OrganisationFactory(country="IN"))
    client.force_login(user)
    page = client.get(reverse("need_create")).text
    assert "Monthly budget (₹)" in page
    assert '<option value="INR" selected>' in page
    client.force_login(member_of(OrganisationFactory(country="KE")))
    assert "Monthly budget (USD)" in client.get(reverse("need_create")).text
