import html
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from impact_socials.celery import app as celery_app
from tests.directory.introduction_data import World, make_world
from tests.factories import OrganisationFactory, ProviderFactory, member_of

REGISTRY = Path(__file__).resolve().parents[2] / "directory" / "data" / "dpg-registry.json"


def import_registry_entries(tmp_path: Path, *names: str) -> None:
    """`import_dpg` of the registry's entries of these names, as a registry upload would."""
    entries = [entry for entry in json.loads(REGISTRY.read_text()) if entry["name"] in names]
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(entries))
    call_command("import_dpg", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def page_text(client: Client, url: str) -> str:
    """The page at ``url``, answered 200, as a reader sees its text (entities unescaped)."""
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


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
