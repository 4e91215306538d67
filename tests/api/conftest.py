import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import OrganisationFactory, ProviderFactory, member_of


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
