"""The stored match index (matching/snapshots.py): built off the request path, loaded by
previews, kept current after changes, and answering as the index it was stored from."""

import io
import os
import time
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from directory.listings.models import Moderation
from matching import services, snapshots
from matching.preload import preload
from matching.profiles import need_profiles
from matching.services import PreviewScores, build_snapshot, index_cache, preview_matches
from matching.tasks import build_match_index, refresh_listing
from tests.factories import NeedFactory, OfferingFactory, OrganisationFactory, member_of

pytestmark = pytest.mark.django_db

SURVEYS = {"title": "Household surveys offline", "description": "Survey forms on phones"}
BUILD = "matching.services.IndexCache._sync"


@pytest.fixture
def large(settings):
    """Previews as in a large directory: they only ever load stored snapshots."""
    settings.MATCH_INDEX_IN_PROCESS_MAX = 0
    return settings


@pytest.fixture
def previewer(client):
    client.force_login(member_of(OrganisationFactory()))

    def preview() -> str:
        page = client.post(reverse("need_preview"), SURVEYS, headers={"HX-Request": "true"})
        assert page.status_code == 200
        return page.text

    return preview


def fresh_process():
    """As a web process that has not loaded anything yet."""
    index_cache.clear()


def test_a_stored_snapshot_scores_as_the_index_it_was_built_from():
    for n in range(12):
        OfferingFactory(name=f"Tool {n}", summary=f"Survey tool {n} with forms and reminders.")
    needs = need_profiles([NeedFactory(title=f"Need {n} surveys") for n in range(5)])
    path = build_snapshot()
    assert path.exists() and path.parent == snapshots.directory()
    in_memory = index_cache.index.match_needs(needs, threshold=0, top_k=100)
    stored = snapshots.load(snapshots.newest_version())
    assert stored.stamp is not None and stored.built_at is not None
    assert len(stored.index) == 12
    loaded = stored.index.match_needs(needs, threshold=0, top_k=100)
    for need in needs:
        got = {s.offering_id: s for s in loaded[need.id]}
        expected = {s.offering_id: s for s in in_memory[need.id]}
        assert got.keys() == expected.keys()
        for offering_id, score in expected.items():
            for part in ("score", "need_fit", "interoperability", "cost_fit"):
                assert abs(getattr(got[offering_id], part) - getattr(score, part)) <= 1e-9
            assert got[offering_id].reasons == score.reasons


def test_only_the_newest_two_snapshots_are_kept():
    OfferingFactory()
    paths = [build_snapshot() for _ in range(3)]
    abandoned = snapshots.directory() / ".building-dead"
    abandoned.write_bytes(b"half a file")
    former = snapshots.directory() / "offerings-00000000000000000001.pickle"
    former.write_bytes(b"a snapshot of the former format")
    os.utime(abandoned, (time.time() - 2 * 60 * 60,) * 2)
    call_command("build_match_index", stdout=io.StringIO())
    kept = sorted(snapshots.directory().iterdir())
    offerings = [path for path in kept if path.name.startswith(snapshots.PREFIX)]
    assert len(offerings) == 2 and not any(path in kept for path in paths[:2])
    # The need side stored beside the first (matching/need_side.py): no need changed since.
    assert [path.name for path in kept if path not in offerings] == [
        paths[0].name.replace(snapshots.PREFIX, "needs-")
    ]
    assert not abandoned.exists() and not former.exists()


def test_a_large_directory_with_no_snapshot_warms_up_without_building_in_the_request(
    large, previewer
):
    OfferingFactory(name="FieldForms")
    fresh_process()
    with (
        mock.patch(BUILD) as build,
        mock.patch.object(build_match_index, "apply_async") as queue,
    ):
        pages = [previewer() for _ in range(3)]
        assert not build.called, "no request builds the index"
    assert queue.call_count == 1, "one build is queued for all the requests"
    assert all("warming up" in page and "FieldForms" not in page for page in pages)
    assert preview_matches(need_profiles([NeedFactory()])[0]).warming_up


def test_the_api_says_when_matching_is_warming_up(large, client):
    OfferingFactory()
    fresh_process()
    with mock.patch.object(build_match_index, "apply_async"):
        page = client.post(reverse("api_match_preview"), SURVEYS)
    assert page.status_code == 200
    assert page.json()["results"] == [] and page.json()["warming_up"] is True


def test_a_preview_during_a_rebuild_answers_from_the_previous_snapshot(large, previewer):
    OfferingFactory(name="FieldForms", summary="Survey forms offline on phones.")
    build_snapshot()  # snapshot A
    fresh_process()
    assert "FieldForms" in previewer()
    OfferingFactory(name="SurveyPhone", summary="Household survey forms on phones offline.")
    during = {}
    write = snapshots.write

    def slow_write(snapshot):
        # The rebuild has read the new offering and not stored it yet: a preview now...
        with mock.patch(BUILD, side_effect=AssertionError("a preview built the index")):
            during["page"] = previewer()
        return write(snapshot)

    with mock.patch.object(snapshots, "write", slow_write):
        build_snapshot()
    assert "FieldForms" in during["page"] and "SurveyPhone" not in during["page"]
    assert "SurveyPhone" in previewer(), "the next preview loads the new snapshot"


def test_a_saved_offering_is_previewed_after_the_debounced_rebuild(large, previewer, settings):
    first = OfferingFactory(name="FieldForms", summary="Survey forms offline on phones.")
    build_snapshot()
    previewer()
    second = OfferingFactory(name="SurveyPhone", summary="Household survey forms on phones.")
    with mock.patch.object(build_match_index, "apply_async") as queue:
        refresh_listing("offering", second.pk)
        first.status = Moderation.DRAFT
        first.save()
        refresh_listing("offering", first.pk)
        page = previewer()  # the stamp says the offerings changed: no second build queued
    queue.assert_called_once_with(countdown=settings.MATCH_INDEX_DEBOUNCE)
    assert "FieldForms" in page and "SurveyPhone" not in page, "the previous snapshot"
    build_match_index()  # as the worker does, MATCH_INDEX_DEBOUNCE seconds later
    page = previewer()
    assert "SurveyPhone" in page and "FieldForms" not in page


def test_a_snapshot_is_not_read_again_while_nothing_changed(large, previewer):
    OfferingFactory(name="FieldForms")
    build_snapshot()
    fresh_process()
    with mock.patch.object(snapshots, "load", wraps=snapshots.load) as load:
        previewer()
        previewer()
    assert load.call_count == 1


def test_a_small_directory_still_builds_in_the_process_and_stores_nothing(previewer):
    OfferingFactory(name="FieldForms", summary="Survey forms offline on phones.")
    assert "FieldForms" in previewer()
    assert not snapshots.directory().exists()
    assert isinstance(preview_matches(need_profiles([NeedFactory()])[0]), PreviewScores)


def test_a_worker_starts_from_the_stored_snapshot(large):
    offerings = [OfferingFactory() for _ in range(3)]
    build_snapshot()
    fresh_process()
    with mock.patch.object(
        services, "offerings_for_matching", wraps=services.offerings_for_matching
    ) as read:
        index = index_cache.current(verify=True)
    assert all(offering.pk in index for offering in offerings)
    assert not read.called, "no offering changed since the snapshot: none is analysed again"


def test_gunicorn_preloads_the_stored_index_so_a_first_preview_reads_no_file(large, previewer):
    OfferingFactory(name="FieldForms", summary="Survey forms offline on phones.")
    build_snapshot()
    fresh_process()
    # In gunicorn's master, before the workers are forked. It closes the database connections
    # at the end, which here would close the test's own transaction on PostgreSQL: kept open.
    with mock.patch("matching.preload.connections") as connections:
        preload()
    connections.close_all.assert_called_once_with()
    with mock.patch.object(snapshots, "load", side_effect=AssertionError("read again")):
        assert "FieldForms" in previewer()


def test_a_worker_keeps_changes_beside_the_stored_arrays_until_a_newer_snapshot(large, monkeypatch):
    monkeypatch.setattr(services.IndexCache, "ADOPT_AFTER", 1)
    OfferingFactory.create_batch(3)
    build_snapshot()
    assert index_cache.index.changes_kept() == 0  # holds what it stored, mapped
    added = OfferingFactory(name="Survey kit", summary="Survey forms on phones, offline.")
    held = index_cache.current(verify=True)
    assert held.changes_kept() == 1 and added.pk in held and len(held) == 4
    survey = need_profiles([NeedFactory(**SURVEYS)])[0]
    assert held.match_need(survey, threshold=0, top_k=1)[0].offering_id == added.pk
    other_worker = services.IndexCache()
    with other_worker.lock:
        other_worker.sync(None)
        snapshots.write(other_worker.snapshot())
    held = index_cache.current(verify=True)
    assert held.changes_kept() == 0 and added.pk in held and len(held) == 4
