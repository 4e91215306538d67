"""The curated taxonomies and the country names in Hindi: a term's Hindi name (``name_hi``)
on pages read in Hindi, its English name otherwise and always in the API's ``name``."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from directory.data.taxonomies import hindi_names
from directory.listings.models import Category, Language, Sector, Standard
from tests.factories import NeedFactory, OfferingFactory

pytestmark = pytest.mark.django_db

SURVEYS = "Data collection & surveys"
SURVEYS_HI = "डेटा संग्रह और सर्वे"

fill_hindi_names = importlib.import_module(
    "directory.migrations.0016_taxonomy_hindi_names"
).fill_hindi_names


def test_the_migration_gives_every_curated_default_its_hindi_name():
    assert Category.objects.get(slug="data-collection").name_hi == SURVEYS_HI
    defaults = hindi_names()
    for model in (Category, Standard, Sector):
        names = dict(model.objects.values_list("slug", "name_hi"))
        assert {slug: names[slug] for slug in defaults[model.__name__]} == defaults[model.__name__]
    assert Language.objects.get(code="hi").name_hi == "हिन्दी"
    assert Language.objects.get(code="en").name_hi == "अंग्रेज़ी"


def test_the_migration_never_overwrites_a_curators_hindi_name():
    Category.objects.filter(slug="data-collection").update(name_hi="सर्वे ऐप")
    Sector.objects.filter(slug="health").update(name_hi="")
    fill_hindi_names(apps, None)
    assert Category.objects.get(slug="data-collection").name_hi == "सर्वे ऐप"
    assert Sector.objects.get(slug="health").name_hi == "स्वास्थ्य", "an empty one is filled"


def test_the_shown_name_follows_the_active_language():
    surveys = Category.objects.get(slug="data-collection")
    assert str(surveys) == surveys.shown_name == SURVEYS
    with translation.override("hi"):
        assert str(surveys) == surveys.shown_name == SURVEYS_HI
    surveys.name_hi = ""
    with translation.override("hi"):
        assert str(surveys) == SURVEYS, "no Hindi name: the English one"


def test_systems_are_product_names_with_no_hindi_name():
    from directory.listings.models import System

    assert not any(field.name == "name_hi" for field in System._meta.fields)


def test_the_offering_list_filter_names_categories_in_the_pages_language(client):
    OfferingFactory(categories=[Category.objects.get(slug="data-collection")])
    url = reverse("offering_list")
    in_hindi = client.get(url, HTTP_ACCEPT_LANGUAGE="hi").text
    assert f'<option value="data-collection">{SURVEYS_HI}</option>' in in_hindi
    in_english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert '<option value="data-collection">Data collection &amp; surveys</option>' in in_english
    assert SURVEYS_HI not in in_english


def test_an_offering_page_names_its_categories_and_languages_in_hindi(client):
    offering = OfferingFactory(categories=[Category.objects.get(slug="data-collection")])
    offering.languages.set(Language.objects.filter(code="sw"))
    page = client.get(offering.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="hi").text
    assert SURVEYS_HI in page
    assert "स्वाहिली" in page
    english = client.get(offering.get_absolute_url()).text
    assert "Data collection &amp; surveys" in english and SURVEYS_HI not in english
    assert "Swahili" in english


def test_the_api_answers_the_english_name_and_the_hindi_one(client):
    answer = client.get("/api/categories/", HTTP_ACCEPT_LANGUAGE="hi").json()
    surveys = next(item for item in answer if item["slug"] == "data-collection")
    assert surveys["name"] == SURVEYS
    assert surveys["name_hi"] == SURVEYS_HI
    languages = client.get("/api/languages/").json()
    assert {"code": "hi", "name": "Hindi", "name_hi": "हिन्दी"} in languages


def test_a_country_name_shows_in_hindi_on_a_page_read_in_hindi(client):
    need = NeedFactory(country="IN")
    url = reverse("need_detail", args=[need.pk])
    assert "भारत" in client.get(url, HTTP_ACCEPT_LANGUAGE="hi").text
    english = client.get(url).text
    assert "India" in english and "भारत" not in english


def test_the_country_filter_names_countries_in_the_pages_language(client):
    in_hindi = client.get(reverse("need_list"), HTTP_ACCEPT_LANGUAGE="hi").text
    assert '<option value="IN">भारत</option>' in in_hindi
    in_english = client.get(reverse("need_list")).text
    assert '<option value="IN">India</option>' in in_english


def test_hindi_and_hinglish_keywords_find_their_category():
    cases = Category.objects.get(slug="case-management")
    assert "labharthi" in cases.keyword_list() and "लाभार्थी" in cases.keyword_list()
    assert cases.pk in Category.objects.named_in("हमें लाभार्थियों का रिकॉर्ड रखना है")
    assert cases.pk in Category.objects.named_in("hitgrahi ki list")
    books = Category.objects.get(slug="finance-accounting")
    assert books.pk in Category.objects.named_in("lekha jokha aur tally")
