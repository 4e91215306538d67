"""A curator approves a listing waiting for review in Django admin, and the public sees it."""

from django.urls import reverse

from directory.listings.models import Moderation
from tests.e2e.conftest import PASSWORD, counted, expect, offering
from tests.factories import UserFactory

CURATOR = "curator"


def sign_in_to_admin(page) -> None:
    UserFactory(username=CURATOR, password=PASSWORD, is_staff=True, is_superuser=True)
    page.goto(reverse("admin:login"))
    page.get_by_label("Username").fill(CURATOR)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{reverse('admin:index')}")


def test_an_admin_approves_a_pending_offering_and_it_appears_in_the_public_list(
    new_page, screenshot
):
    offering(name="FieldForms", status=Moderation.PENDING, published_at=None)
    offering(name="GiftLedger", status=Moderation.PENDING, published_at=None)
    visitor = new_page()
    visitor.goto(reverse("offering_list"))
    expect(visitor.locator(".result-count")).to_have_text(counted("0 offerings"))

    admin = new_page()
    sign_in_to_admin(admin)
    admin.goto(reverse("admin:directory_offering_changelist") + "?status__exact=pending")
    row = admin.get_by_role("row").filter(has_text="FieldForms")
    row.get_by_role("checkbox").check()
    admin.get_by_label("Action:").select_option(label="Approve and publish")
    admin.get_by_role("button", name="Go").click()
    expect(admin.get_by_text("1 listing(s) published;")).to_be_visible()
    expect(admin.get_by_role("row").filter(has_text="FieldForms")).to_have_count(0)
    expect(admin.get_by_role("row").filter(has_text="GiftLedger")).to_have_count(1)
    screenshot(admin, "admin")

    visitor.reload()
    expect(visitor.locator("#results .card-title a")).to_have_text(["FieldForms"])
    screenshot(visitor)
