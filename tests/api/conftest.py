import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import OrganisationFactory, ProviderFactory, member_of


def assert_refused(answer, field: str, message: str, model) -> None:
    """A write the API turns down with a 400 naming ``field``, leaving no ``model`` row."""
    assert answer.status_code == 400
    assert message in " ".join(answer.json()[field])
    assert not model.objects.exists()


def assert_list_queries_stay_flat(
    client, url: str, factory, django_assert_max_num_queries, max_queries: int
) -> None:
    """Listing 5 or 50 rows of ``factory`` on one page runs the same number of queries,
    at most ``max_queries``."""
    factory.create_batch(5)
    with django_assert_max_num_queries(max_queries) as five:
        client.get(url, {"page_size": 50})
    factory.create_batch(45)
    with django_assert_max_num_queries(max_queries) as fifty:
        answer = client.get(url, {"page_size": 50})
    assert len(answer.json()["results"]) == 50
    assert len(fifty.captured_queries) == len(five.captured_queries)


def assert_only_readable_by(url: str, member, *others) -> None:
    """``member`` reads ``url``; to each of ``others`` it does not exist."""
    assert member.get(url).status_code == 200
    for other in others:
        assert other.get(url).status_code == 404


def assert_not_changed_by(client, url: str, listing, field: str) -> None:
    """``client`` patching ``field`` of ``listing`` at ``url`` gets a 404 and changes nothing."""
    before = getattr(listing, field)
    answer = client.patch(url, {field: "Theirs"}, format="json")
    assert answer.status_code == 404
    listing.refresh_from_db()
    assert getattr(listing, field) == before


def signed_in(user) -> APIClient:
    """An API client sending ``user``'s token, as a member's program would."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0]}")
    return client


@pytest.fixture
def visitor() -> APIClient:
    return APIClient()


@pytest.fixture
def nonprofit():
    return OrganisationFactory(name="Village Schools Trust")


@pytest.fixture
def provider():
    return ProviderFactory(name="FieldTools Ltd")


@pytest.fixture
def nonprofit_member(nonprofit) -> APIClient:
    return signed_in(member_of(nonprofit))


@pytest.fixture
def provider_member(provider) -> APIClient:
    return signed_in(member_of(provider))


@pytest.fixture
def other_nonprofit_member() -> APIClient:
    return signed_in(member_of(OrganisationFactory(name="Another Nonprofit")))


@pytest.fixture
def other_provider_member() -> APIClient:
    return signed_in(member_of(ProviderFactory(name="Another Provider")))
