"""A listing that is not software (a data set, learning content, a standard, an AI model) is
lowered in matching and says so as a watch-out; the registry's types decide the kind."""

import io
import json

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from directory.imports.registry_categories import entry_kind
from directory.listings.models import Offering
from matching.core import KINDS, SOFTWARE, OfferingIndex
from matching.core.reasons import fits_and_checks
from matching.core.scoring import NOT_SOFTWARE_FACTOR
from matching.models import Match
from matching.profiles import offering_profile
from matching.reasons import NOT_SOFTWARE
from tests.factories import SURVEY_NEED as SURVEY_NEED_WORDS
from tests.factories import NeedFactory, OfferingFactory, category
from tests.matching.core_data import VOCABULARY, need, offering
from tests.matching.test_need_page_matches import card_of, owners_page

TEXT = "Offline survey forms on cheap phones for field teams, with a questionnaire builder"
SURVEY_NEED = need(title="Household survey", description="Offline survey forms on phones")


def test_the_same_words_as_a_data_set_fit_less_and_say_it_is_not_software():
    tool = offering(1, name="Survey kit", text=TEXT)
    data = offering(2, name="Survey kit", text=TEXT, kind="data")
    found = OfferingIndex(VOCABULARY, [tool, data]).match_need(SURVEY_NEED, threshold=0)
    by_id = {match.offering_id: match for match in found}
    assert [match.offering_id for match in found] == [1, 2], "the tool comes first"
    assert by_id[2].need_fit == pytest.approx(NOT_SOFTWARE_FACTOR * by_id[1].need_fit)
    assert by_id[2].score < by_id[1].score
    fits, checks = fits_and_checks(by_id[2].reasons)
    assert {"code": "not_software", "kind": "data"} in checks
    assert all(reason["code"] != "not_software" for reason in [*fits, *by_id[1].reasons])


@pytest.mark.parametrize(
    ("types", "kind"),
    [
        (["software"], SOFTWARE),
        (["data", "software"], SOFTWARE),
        ([], SOFTWARE),
        (["data"], "data"),
        (["content", "data"], "content"),
        (["standard"], "standard"),
        (["aimodel"], "ai_model"),
        (["something new"], SOFTWARE),
    ],
)
def test_the_registry_types_give_the_kind(types, kind):
    assert entry_kind(types) == kind


def test_every_kind_is_a_choice_of_the_offering_and_has_words():
    assert list(Offering.Kind.values) == list(KINDS)
    assert set(NOT_SOFTWARE) == set(KINDS) - {SOFTWARE}


@pytest.mark.django_db
def test_an_imported_data_set_is_stored_as_one_and_its_match_warns_in_both_languages(tmp_path):
    registry = [
        {
            "name": "Survey Data Archive",
            "description": "Household survey answers to download.",
            "type": ["data"],
        },
        {
            "name": "Survey App",
            "description": "Offline survey forms on phones.",
            "type": ["software"],
        },
    ]
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(registry))
    call_command("import_dpg", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    archive = Offering.objects.get(name="Survey Data Archive")
    assert archive.kind == Offering.Kind.DATA
    assert Offering.objects.get(name="Survey App").kind == Offering.Kind.SOFTWARE
    assert offering_profile(archive).kind == "data"

    match = Match(
        score=35,
        need_fit=0.35,
        interoperability=0,
        cost_fit=1,
        reasons=[
            {"code": "same_kind", "categories": [], "words": ["survey"]},
            {"code": "not_software", "kind": "data"},
        ],
    )
    _, checks = match.fits_and_checks_for()
    assert "A data set, not software to use" in checks
    with translation.override("hi"):
        _, checks = match.fits_and_checks_for()
    assert "डेटासेट है, इस्तेमाल करने वाला सॉफ़्टवेयर नहीं" in checks
    page = Client(HTTP_ACCEPT_LANGUAGE="hi").get(archive.get_absolute_url()).content.decode()
    assert "यह क्या है" in page and "डेटासेट" in page


@pytest.mark.django_db
def test_the_owners_need_page_shows_a_data_set_below_the_tool_with_its_watch_out(
    client, django_capture_on_commit_callbacks
):
    words = {"summary": "Offline survey forms on phones for volunteers in villages."}
    OfferingFactory(name="Survey Forms", categories=[category()], **words)
    OfferingFactory(
        name="Survey Answers", kind=Offering.Kind.DATA, categories=[category()], **words
    )
    with django_capture_on_commit_callbacks(execute=True):
        need_row = NeedFactory(**SURVEY_NEED_WORDS)
    page = owners_page(client, need_row)
    assert page.index(">Survey Forms</a>") < page.index(">Survey Answers</a>")
    assert "A data set, not software to use" in card_of(page, "Survey Answers")
    assert "not software" not in card_of(page, "Survey Forms")
