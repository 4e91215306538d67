"""Stored matches follow the listings: saved, edited, closed, unpublished, re-run."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from directory.listings.models import Moderation, Need, Offering
from matching.models import Match, MatchingSettings
from matching.services import rematch_needs, rematch_offering
from tests.factories import SURVEY_NEED, SURVEY_TOOL, NeedFactory, OfferingFactory, category

pytestmark = pytest.mark.django_db


def survey_offering(**overrides) -> Offering:
    return OfferingFactory(**{**SURVEY_TOOL, **overrides})


def post_need(django_capture_on_commit_callbacks, **fields) -> Need:
    with django_capture_on_commit_callbacks(execute=True):
        return NeedFactory(**SURVEY_NEED, **fields)


def assert_saving_removes_matches(django_capture_on_commit_callbacks, listing, **change) -> None:
    """``listing`` has matches until it is saved with ``change``; after the commit it has none."""
    assert listing.matches.exists()
    for name, value in change.items():
        setattr(listing, name, value)
    with django_capture_on_commit_callbacks(execute=True):
        listing.save()
    assert not listing.matches.exists()


def test_a_saved_need_gets_its_matches_after_commit(django_capture_on_commit_callbacks):
    offering = survey_offering()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        need = NeedFactory(**SURVEY_NEED)
    assert not Match.objects.exists(), "nothing may run before the commit"
    for callback in callbacks:
        callback()
    match = Match.objects.get(need=need)
    assert match.offering == offering
    assert match.score >= 40
    assert match.reasons


def test_a_new_offering_is_matched_to_open_needs(django_capture_on_commit_callbacks):
    need = post_need(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        offering = survey_offering()
    assert Match.objects.filter(need=need, offering=offering).exists()


def test_an_unrelated_offering_is_not_stored(django_capture_on_commit_callbacks):
    OfferingFactory(
        name="LedgerLite",
        summary="Accounting for charities.",
        description="Invoices, payroll and audit-ready books.",
        pricing_model=Offering.Pricing.PAID,
        nonprofit_price_monthly=900,
        categories=[category("finance-accounting")],
    )
    need = post_need(django_capture_on_commit_callbacks, monthly_budget=10)
    assert not need.matches.exists()


@pytest.mark.parametrize("state", [Need.State.CLOSED, Need.State.PAUSED, Need.State.FULFILLED])
def test_closing_or_pausing_a_need_removes_its_matches(django_capture_on_commit_callbacks, state):
    survey_offering()
    need = post_need(django_capture_on_commit_callbacks)
    assert_saving_removes_matches(django_capture_on_commit_callbacks, need, state=state)


def test_unpublishing_an_offering_removes_its_matches(django_capture_on_commit_callbacks):
    offering = survey_offering()
    post_need(django_capture_on_commit_callbacks)
    assert_saving_removes_matches(
        django_capture_on_commit_callbacks, offering, status=Moderation.DRAFT
    )


def test_stale_listings_lose_their_matches_in_the_full_rematch(django_capture_on_commit_callbacks):
    offering = survey_offering()
    post_need(django_capture_on_commit_callbacks)
    Offering.objects.filter(pk=offering.pk).update(confirmed_at="2020-01-01T00:00:00Z")
    call_command("rematch", "--all")
    assert not Match.objects.exists()


def test_rematching_twice_keeps_one_row_per_pair_and_its_first_date(
    django_capture_on_commit_callbacks,
):
    survey_offering()
    need = post_need(django_capture_on_commit_callbacks)
    first = Match.objects.get(need=need)
    rematch_needs([need.pk])
    rematch_needs([need.pk])
    again = Match.objects.get(need=need)
    assert again.pk == first.pk and again.created_at == first.created_at


def test_only_the_best_k_are_kept_per_need(django_capture_on_commit_callbacks):
    config = MatchingSettings.current()
    config.top_k = 2
    config.save()
    offerings = [survey_offering(name=f"FieldForms {n}") for n in range(3)]
    need = post_need(django_capture_on_commit_callbacks)
    assert need.matches.count() == 2
    best = survey_offering(
        name="Offline Household Survey Forms", description=SURVEY_NEED["description"]
    )
    rematch_offering(best.pk)
    assert need.matches.count() == 2
    assert need.matches.best_first().first().offering == best
    assert len(offerings) == 3


def test_weights_must_add_up_to_one():
    config = MatchingSettings(need_weight=0.5, interoperability_weight=0.5, cost_weight=0.5)
    with pytest.raises(ValidationError, match="add up to 1"):
        config.full_clean()


def post_settings(admin_client, **weights):
    """The matching settings' admin page, posted with these need and interoperability
    weights (the cost weight stays 0.2)."""
    config = MatchingSettings.current()
    return admin_client.post(
        reverse("admin:matching_matchingsettings_change", args=[config.pk]),
        {
            "cost_weight": "0.2",
            "threshold": "40",
            "top_k": "25",
            "rupees_per_dollar": "85",
            **weights,
        },
    )


def test_changing_settings_in_admin_queues_a_full_rematch(
    admin_client, django_capture_on_commit_callbacks
):
    survey_offering()
    need = post_need(django_capture_on_commit_callbacks)
    Match.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        page = post_settings(admin_client, need_weight="0.6", interoperability_weight="0.2")
    assert page.status_code == 302
    assert need.matches.exists()


def test_admin_refuses_weights_that_do_not_add_up(admin_client):
    page = post_settings(admin_client, need_weight="0.9", interoperability_weight="0.9")
    assert page.status_code == 200 and "must add up to 1" in page.text
    assert MatchingSettings.current().need_weight == 0.5


def test_rematch_command_needs_ids_or_all():
    with pytest.raises(Exception, match="--all"):
        call_command("rematch")
