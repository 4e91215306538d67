"""How a registry entry runs, as its page, its costs and its matches say: programs installed
on a computer (a screen reader, desktop mapping software) and learning content read online
need no server to run or pay for; a standard runs nowhere; a need asking for something
installed on its own computers is told which tools are not."""

import pytest
from django.urls import reverse
from django.utils import translation

from directory.data.registry_notes import notes
from directory.imports.registry_deployment import deployment_of
from directory.listings.models import Offering
from tests.directory.test_import_dpg import taxonomies  # noqa: F401  (the fixture)
from tests.directory.test_registry_notes import import_entries
from tests.factories import OrganisationFactory, member_of


def test_words_of_a_desktop_program_and_of_web_software_read_apart():
    desktop = deployment_of("QGIS. Free desktop mapping software for Windows, Mac and Linux")
    both = deployment_of("A web or desktop system for national tuberculosis programmes")
    served = deployment_of("Moodle. A learning platform for educators")
    assert desktop == {
        "self_hosted": False,
        "cloud": False,
        "offline_mobile": False,
        "on_a_computer": True,
    }
    assert both["on_a_computer"] and both["self_hosted"]
    assert served["self_hosted"] and not served["on_a_computer"]
    channels = deployment_of(
        "TenFour. A check-in application for teams over SMS, email, desktop and mobile apps",
        said_of_it="TenFour. An emergency check-in app for teams: SMS, e-mail, app or chat",
    )
    assert channels["self_hosted"] and not channels["on_a_computer"], "a note's words decide"


@pytest.mark.django_db
def test_desktop_programs_import_as_installed_on_computers_with_no_server_cost(
    client, tmp_path, django_capture_on_commit_callbacks
):
    import_entries(tmp_path, django_capture_on_commit_callbacks, *("QGIS", "NVDA", "Moodle"))
    qgis, nvda, moodle = (Offering.objects.get(name=name) for name in ("QGIS", "NVDA", "Moodle"))
    assert (qgis.on_a_computer, qgis.self_hosted, qgis.cloud) == (True, False, False)
    assert nvda.on_a_computer and not nvda.needs_server, "the curators' note says so"
    assert moodle.needs_server and not moodle.on_a_computer
    page = client.get(qgis.get_absolute_url()).text
    assert "Installed on computers" in page
    assert "own server" not in page
    with translation.override("hi"):
        page = client.get(qgis.get_absolute_url(), headers={"accept-language": "hi"}).text
    assert "कंप्यूटर पर इंस्टॉल" in page


@pytest.mark.django_db
def test_a_need_for_a_program_on_its_own_computers_is_told_which_tools_are_not_one(
    client, tmp_path, django_capture_on_commit_callbacks
):
    import_entries(tmp_path, django_capture_on_commit_callbacks, *("QGIS", "Moodle"))
    client.force_login(member_of(OrganisationFactory()))
    need = {
        "title": "Maps of our villages",
        "description": "Make maps of the villages we work in, with our sites and water points, "
        "and online courses with learning material for the field staff. It must work on our "
        "office laptops.",
        "deployment": "on_a_computer",
    }
    body = client.post(reverse("api_match_preview"), need, content_type="application/json")
    results = {r["offering"]["name"]: r for r in body.json()["results"]}
    assert "Not offered to install on computers" in results["Moodle"]["checks"]
    assert "Not offered to install on computers" not in results["QGIS"]["checks"]
    said = " ".join(results["QGIS"]["fits"] + results["QGIS"]["checks"])
    assert "own server" not in said


@pytest.mark.django_db
def test_content_is_used_online_and_a_standard_runs_nowhere(
    client, tmp_path, django_capture_on_commit_callbacks
):
    import_entries(tmp_path, django_capture_on_commit_callbacks, *("Khan Academy", "CalTRACK"))
    khan, caltrack = (
        Offering.objects.get(name="Khan Academy"),
        Offering.objects.get(name="CalTRACK"),
    )
    assert khan.deployment_modes == ["cloud"] and not khan.needs_server
    page = client.get(khan.get_absolute_url()).text
    assert "Online (cloud)" in page and "own server" not in page
    assert caltrack.deployment_modes == [] and not caltrack.needs_server
    assert "<dt>Runs</dt>" not in client.get(caltrack.get_absolute_url()).text


def test_services_their_makers_run_online_are_marked_and_platforms_one_hosts_are_not():
    online = {name for name, note in notes().items() if note.online_service}
    assert {"Wikipedia", "Code.org", "Redirect 2% - redirectioneaza.ro"} <= online
    assert not {"Moodle", "DHIS2", "KoBoToolbox", "CiviCRM", "Ushahidi"} & online
    flagged = [n for n, note in notes().items() if note.online_service + note.device_app > 1]
    assert flagged == [], "one way to run each"
