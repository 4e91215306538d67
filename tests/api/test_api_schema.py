"""The OpenAPI schema describes every endpoint well enough to generate a client from it."""

import pytest
import yaml
from django.urls import reverse
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client) -> dict:
    answer = client.get("/api/schema/")
    assert answer.status_code == 200
    return yaml.safe_load(answer.content)


def test_the_schema_is_valid_openapi_3(schema):
    validate_schema(schema)
    assert schema["openapi"].startswith("3.")


def test_every_endpoint_is_in_the_schema(schema):
    assert {
        "/api/auth/token/",
        "/api/match-preview/",
        "/api/needs/",
        "/api/needs/{id}/",
        "/api/needs/{id}/matches/",
        "/api/offerings/",
        "/api/offerings/{slug}/",
        "/api/organisations/",
        "/api/introductions/",
        "/api/introductions/{id}/",
        "/api/categories/",
        "/api/systems/",
        "/api/standards/",
        "/api/sectors/",
        "/api/languages/",
    } <= set(schema["paths"])


def test_every_operation_documents_what_it_answers(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            success = operation["responses"].get("200") or operation["responses"].get("201")
            assert success and success.get("content"), f"{method} {path}"


def test_match_preview_documents_its_request_and_results(schema):
    preview = schema["paths"]["/api/match-preview/"]["post"]
    assert preview["requestBody"]["content"]["application/json"]["schema"]
    results = schema["components"]["schemas"]["MatchPreview"]["properties"]["results"]
    assert results["items"]["$ref"] == "#/components/schemas/PreviewedMatch"


def test_the_list_filters_are_documented_as_query_parameters(schema):
    parameters = {p["name"] for p in schema["paths"]["/api/offerings/"]["get"]["parameters"]}
    assert {"q", "category", "integrates_with", "max_price", "page", "page_size"} <= parameters


def test_writes_use_their_own_request_shapes_without_read_only_fields(schema):
    need_request = schema["components"]["schemas"]["NeedRequest"]["properties"]
    assert "title" in need_request and "submit" in need_request
    assert "status" not in need_request and "organisation" not in need_request


def test_token_authentication_is_documented(schema):
    assert schema["components"]["securitySchemes"]["tokenAuth"]["type"] == "apiKey"


def test_the_docs_page_loads_only_scripts_of_our_own_site(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    assert "swagger-ui-bundle.js" in page.text and "cdn" not in page.text
    assert "<script>" not in page.text  # the content security policy allows no inline script


@pytest.mark.django_db
def test_every_page_links_to_the_api_docs_and_the_link_opens_them(client):
    home = client.get("/").text
    assert f'href="{reverse("api_docs")}"' in home and "API for developers" in home
    assert client.get(reverse("api_docs")).status_code == 200
