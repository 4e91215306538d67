"""Free software that needs a server says so, and its hosting counts in the cost fit."""

import pytest

from directory.common.money import money
from directory.listings.models import Offering, Source
from matching.core.reasons import fits_and_checks
from matching.models import Match, MatchingSettings
from matching.profiles import offering_profile
from tests.factories import NeedFactory, OfferingFactory, category, member_of
from tests.matching.core_data import need, offering, score

SELF_HOSTED = {"needs_server": True, "deployments": frozenset({"self_hosted"})}


def test_hosting_counts_as_the_running_cost_of_free_software_that_needs_a_server():
    hosted = offering(**SELF_HOSTED, hosting_monthly=50.0)  # 600 a year
    assert score(need(monthly_budget=100.0), hosted).cost_fit == 1.0  # within 1,200
    assert score(need(monthly_budget=40.0), hosted).cost_fit == pytest.approx(2 - 600 / 480)
    assert score(need(free_only=True), hosted).cost_fit == 0.0
    assert score(need(monthly_budget=0.0), offering()).cost_fit == 1.0, "runs online for free"


def test_free_that_needs_a_server_is_a_watch_out_within_the_budget_too():
    hosted = offering(**SELF_HOSTED, hosting_monthly=50.0)
    [reason] = [r for r in score(need(), hosted).reasons if r["code"] == "free_needs_server"]
    assert reason["amount"] == 600 and reason["verdict"] is None
    assert fits_and_checks([reason]) == ([], [reason]), "no budget to judge it by"
    within = score(need(monthly_budget=100.0), hosted).reasons
    [reason] = [r for r in within if r["code"] == "free_needs_server"]
    assert reason["verdict"] == "within" and fits_and_checks([reason]) == ([], [reason])
    unknown = score(need(monthly_budget=100.0), offering(**SELF_HOSTED)).reasons
    assert {
        "code": "free_needs_server",
        "amount": None,
        "currency": "USD",
        "budget": 1200,
        "verdict": None,
    } in unknown


@pytest.mark.django_db
def test_a_registry_entry_needs_a_server_and_takes_its_categorys_estimate():
    health = category("health-information")
    assert health.hosting_monthly_estimate == 40, "filled in by migration 0013"
    entry = OfferingFactory(pricing_model=Offering.Pricing.FREE, self_hosted=True, cloud=True)
    entry.categories.set([health])
    assert not entry.needs_server, "a provider that runs it online for you"
    entry.source = Source.DPG
    assert entry.needs_server and offering_profile(entry).hosting_monthly == 40.0
    entry.hosting_monthly_estimate = 15
    assert offering_profile(entry).hosting_monthly == 15.0, "its own estimate comes first"


def served_page(client, on_commit, **need_values) -> str:
    """The page of a need matched with free software that needs a server (the health
    category's estimate: USD 40 a month), as its owner sees it."""
    with on_commit(execute=True):
        tool = OfferingFactory(
            name="OpenClinic Records",
            summary="Electronic health records for clinics.",
            description="Patient records, lab results and maternity care in one record.",
            pricing_model=Offering.Pricing.FREE,
            self_hosted=True,
            cloud=False,
        )
        tool.categories.set([category("health-information")])
        tool.save()
        wanted = NeedFactory(
            title="Patient records for our clinics",
            description="We keep patient records and lab results on paper.",
            category=category("health-information"),
            **need_values,
        )
    assert Match.objects.filter(need=wanted, offering=tool).exists()
    client.force_login(member_of(wanted.organisation))
    return client.get(wanted.get_absolute_url()).text


@pytest.mark.django_db
def test_a_server_within_budget_is_still_something_to_check_not_a_fit(
    client, django_capture_on_commit_callbacks
):
    page = served_page(client, django_capture_on_commit_callbacks, monthly_budget=100)
    fits, checks = page.split("Why it fits", 1)[1].split("What to check", 1)
    server = "Free if you run it on your own server: about USD 480 a year — within your budget"
    assert server in checks and "own server" not in fits


@pytest.mark.django_db
def test_the_need_page_says_free_software_needs_a_server(
    client, django_capture_on_commit_callbacks
):
    page = served_page(client, django_capture_on_commit_callbacks, monthly_budget=20)
    checks = page.split("What to check", 1)[1]
    assert (
        "you run it on your own server: about USD 480 a year — over your budget of USD 240"
        in checks
    )


@pytest.mark.django_db
def test_a_need_budgeted_in_rupees_reads_its_costs_in_rupees_on_a_dollar_site(
    client, django_capture_on_commit_callbacks
):
    page = served_page(
        client, django_capture_on_commit_callbacks, monthly_budget=5000, currency="INR"
    )
    rate = MatchingSettings.current().rupees_per_dollar  # compared in dollars, shown in rupees
    hosting, budget = money(480 * rate, "INR", whole=True), money(60_000, "INR", whole=True)
    checks = page.split("What to check", 1)[1]
    assert f"about {hosting} a year — within your budget of {budget} a year" in checks
    assert "USD 480" not in page and "USD 706" not in page


@pytest.mark.django_db
def test_the_offering_page_says_what_its_server_costs(client):
    tool = OfferingFactory(pricing_model=Offering.Pricing.FREE, self_hosted=True, cloud=False)
    tool.categories.set([category("health-information")])
    page = client.get(tool.get_absolute_url()).text
    assert "You run it on your own server: about USD 40 a month" in page
