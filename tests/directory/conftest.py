import pytest

from impact_socials.celery import app as celery_app
from tests.directory.introduction_data import World, make_world
from tests.factories import OrganisationFactory, ProviderFactory, member_of


def assert_form_refused(page, message: str, model) -> None:
    """A form page shown again with ``message`` and no ``model`` row saved."""
    assert page.status_code == 200
    assert message in page.text
    assert not model.objects.exists()


@pytest.fixture
def nonprofit_member():
    """A member of a new nonprofit."""
    return member_of(OrganisationFactory())


@pytest.fixture
def provider_member():
    """A member of a new tech provider."""
    return member_of(ProviderFactory())


@pytest.fixture
def world() -> World:
    """A nonprofit with a need and a provider with an offering, and their members."""
    return make_world()


@pytest.fixture
def retries_run_inline():
    """Eager Celery runs a task's retries at once, but only while errors do not propagate."""
    propagates = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = False
    yield
    celery_app.conf.task_eager_propagates = propagates
