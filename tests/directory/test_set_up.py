"""``manage.py set_up``, what `make run` runs before serving: the demo data and the registry
snapshot on an empty database, one line a step, and the logins it prints work."""

import io
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from directory.listings.models import Offering, Organisation, Source

pytestmark = pytest.mark.django_db

REGISTRY = Path(__file__).parent.parent / "fixtures" / "dpg" / "registry.json"


def set_up() -> list[str]:
    out = io.StringIO()
    # What is matched is not what these tests look at: skip the re-match of every listing.
    with (
        mock.patch("matching.signals.enqueue"),
        mock.patch("directory.imports.dpg.enqueue"),
        mock.patch("directory.management.commands.set_up.REGISTRY", REGISTRY),
    ):
        call_command("set_up", url="http://127.0.0.1:8123", stdout=out)
    return out.getvalue().splitlines()


def test_an_empty_database_gets_the_demo_and_the_registry_and_the_logins_work():
    lines = set_up()
    assert Organisation.objects.filter(slug="fieldnote-labs").exists()
    assert Offering.objects.filter(source=Source.DPG).count() >= 2
    assert "Ready: open http://127.0.0.1:8123/" in lines
    logins = [line.split(": ", 1)[1].split(" / ") for line in lines if "sign in as" in line]
    assert len(logins) == 2
    for email, password in logins:
        assert authenticate(username=email, password=password) is not None, email
    assert len(lines) <= 10


def test_a_second_run_changes_nothing():
    set_up()
    counts = (Organisation.objects.count(), Offering.objects.count())
    lines = set_up()
    assert "Demo data: already there." in lines and "Registry: already imported." in lines
    assert (Organisation.objects.count(), Offering.objects.count()) == counts
