"""Curators' review queue in admin: what waits, oldest first, decided in one click."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from directory.curation import review_queue
from directory.listings.models import Moderation, Need, Offering, Organisation
from matching.models import Match
from tests import factories

pytestmark = pytest.mark.django_db

QUEUE = "admin:directory_queue"
DECIDE = "admin:directory_queue_decide"


def waited(listing, days: int):
    """Sent for review ``days`` ago (``updated_at`` is when it last changed)."""
    type(listing).objects.filter(pk=listing.pk).update(
        updated_at=timezone.now() - timedelta(days=days)
    )
    return listing


def queue_rows(page) -> list[str]:
    """The queue table's rows, as text, top to bottom."""
    if "<tbody>" not in page.text:
        return []  # no table: nothing waits
    body = page.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return body.split('<tr class="queue-row">')[1:]


def test_the_queue_lists_what_waits_oldest_first_with_the_organisation_by_name(admin_client):
    clinic = factories.OrganisationFactory(name="Lakeside Clinic")
    waited(
        factories.NeedFactory(title="Newer need", status=Moderation.PENDING, organisation=clinic), 1
    )
    waited(factories.OfferingFactory(name="Old tool", status=Moderation.PENDING), 9)
    middle = factories.OrganisationFactory(
        name="Hill School", pending_profile={"name": "Hill Academy"}
    )
    waited(middle, 4)
    factories.NeedFactory(title="Already live")
    page = admin_client.get(reverse(QUEUE))
    assert page.status_code == 200
    rows = queue_rows(page)
    assert len(rows) == 3
    assert "Old tool" in rows[0] and "Offering" in rows[0] and "1\xa0week" in rows[0]
    assert "Hill Academy" in rows[1] and "Profile changes" in rows[1]
    assert "Newer need" in rows[2] and "Lakeside Clinic" in rows[2]
    clinic_page = reverse("admin:directory_organisation_change", args=[clinic.pk])
    assert f'<a href="{clinic_page}">Lakeside Clinic</a>' in rows[2]
    assert "Already live" not in page.text
    assert "1 need, 1 offering, 1 profile change waiting" in page.text


def test_approving_from_the_queue_publishes_matches_and_tells_the_owner(
    admin_client, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offering = factories.OfferingFactory(**factories.SURVEY_TOOL)
        need = factories.NeedFactory(**factories.SURVEY_NEED, status=Moderation.PENDING)
    factories.member_of(need.organisation, email="amina@clinic.example")
    assert not Match.objects.filter(need=need).exists()
    with django_capture_on_commit_callbacks(execute=True):
        answer = admin_client.post(
            reverse(DECIDE), {"kind": "need", "pk": need.pk, "decision": "approve"}
        )
    assert answer.status_code == 302 and answer.url == reverse(QUEUE)
    need.refresh_from_db()
    assert need.status == Moderation.PUBLISHED and need.published_at is not None
    assert Match.objects.filter(need=need, offering=offering).exists()
    assert need.title in client.get(reverse("need_list")).text
    [message] = mail.outbox
    assert message.to == ["amina@clinic.example"] and "is now in the directory" in message.subject
    queue = admin_client.get(reverse(QUEUE))
    assert f"Approved: {need.title}" in queue.text and queue_rows(queue) == []


def test_rejecting_needs_a_reason_which_is_kept_and_the_listing_stays_hidden(
    admin_client, client, django_capture_on_commit_callbacks
):
    offering = factories.OfferingFactory(name="SMS Buddy", status=Moderation.PENDING)
    factories.member_of(offering.organisation, email="joe@sms.example")
    refused = admin_client.post(
        reverse(DECIDE),
        {"kind": "offering", "pk": offering.pk, "decision": "reject", "reason": "  "},
        follow=True,
    )
    assert "Write a reason to reject." in refused.text
    offering.refresh_from_db()
    assert offering.status == Moderation.PENDING and "SMS Buddy" in queue_rows(refused)[0]

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse(DECIDE),
            {
                "kind": "offering",
                "pk": offering.pk,
                "decision": "reject",
                "reason": "Please describe the pricing.",
            },
        )
    offering.refresh_from_db()
    assert offering.status == Moderation.REJECTED
    assert offering.rejection_reason == "Please describe the pricing."
    assert "SMS Buddy" not in client.get(reverse("offering_list")).text
    [message] = mail.outbox
    assert "Please describe the pricing." in message.body


def test_profile_changes_are_approved_or_refused_from_the_queue(admin_client):
    kept = factories.OrganisationFactory(name="Old name", pending_profile={"name": "New name"})
    refused = factories.OrganisationFactory(
        name="Hope", pending_profile={"website": "http://spam.example"}
    )
    admin_client.post(reverse(DECIDE), {"kind": "profile", "pk": kept.pk, "decision": "approve"})
    admin_client.post(
        reverse(DECIDE),
        {"kind": "profile", "pk": refused.pk, "decision": "reject", "reason": "Not your site."},
    )
    kept.refresh_from_db()
    refused.refresh_from_db()
    assert kept.name == "New name" and kept.pending_profile == {}
    assert refused.website == "" and refused.pending_profile == {}
    history = admin_client.get(reverse("admin:admin_logentry_changelist")).text
    assert "Not your site." in history


def test_a_decision_on_something_already_decided_changes_nothing(admin_client):
    need = factories.NeedFactory(status=Moderation.PENDING)
    admin_client.post(reverse(DECIDE), {"kind": "need", "pk": need.pk, "decision": "approve"})
    page = admin_client.post(
        reverse(DECIDE),
        {"kind": "need", "pk": need.pk, "decision": "reject", "reason": "Too late"},
        follow=True,
    )
    assert "already decided" in page.text
    assert Need.objects.get(pk=need.pk).status == Moderation.PUBLISHED


def test_someone_not_staff_can_neither_open_nor_post_to_the_queue(client):
    need = factories.NeedFactory(status=Moderation.PENDING)
    client.force_login(factories.member_of(need.organisation))
    for answer in (
        client.get(reverse(QUEUE)),
        client.post(reverse(DECIDE), {"kind": "need", "pk": need.pk, "decision": "approve"}),
    ):
        assert answer.status_code == 302 and "/admin/login/" in answer.url
    assert Need.objects.get(pk=need.pk).status == Moderation.PENDING


def test_staff_who_may_only_look_see_the_queue_but_cannot_decide(client):
    offering = factories.OfferingFactory(name="Look only", status=Moderation.PENDING)
    staff = factories.UserFactory(is_staff=True)
    client.force_login(staff)
    assert client.get(reverse(QUEUE)).status_code == 403  # no permission on anything queued
    staff.user_permissions.add(Permission.objects.get(codename="view_offering"))
    page = client.get(reverse(QUEUE))
    assert "Look only" in page.text and "You may look, not decide." in page.text
    answer = client.post(
        reverse(DECIDE), {"kind": "offering", "pk": offering.pk, "decision": "approve"}
    )
    assert answer.status_code == 403
    assert Offering.objects.get(pk=offering.pk).status == Moderation.PENDING


def test_the_admin_index_says_how_much_waits_and_links_to_the_queue(admin_client):
    factories.NeedFactory.create_batch(3, status=Moderation.PENDING)
    factories.OfferingFactory.create_batch(5, status=Moderation.PENDING)
    factories.OfferingFactory(status=Moderation.REJECTED)
    factories.OrganisationFactory(pending_profile={"name": "Renamed"})
    page = admin_client.get(reverse("admin:index")).text
    assert "3 needs, 5 offerings, 1 profile change waiting" in page
    assert f'href="{reverse(QUEUE)}"' in page


def test_the_admin_index_says_when_nothing_waits(admin_client):
    factories.NeedFactory()
    assert "Nothing is waiting for review." in admin_client.get(reverse("admin:index")).text


def test_the_queue_runs_a_fixed_number_of_queries(admin_client, django_assert_max_num_queries):
    def add_some():
        factories.NeedFactory.create_batch(2, status=Moderation.PENDING)
        factories.OfferingFactory.create_batch(2, status=Moderation.PENDING)
        factories.OrganisationFactory.create_batch(2, pending_profile={"name": "Renamed"})

    add_some()
    with django_assert_max_num_queries(7) as few:
        admin_client.get(reverse(QUEUE))
    for _ in range(5):
        add_some()
    with django_assert_max_num_queries(7) as many:
        page = admin_client.get(reverse(QUEUE))
    assert len(queue_rows(page)) == 36
    assert len(many.captured_queries) == len(few.captured_queries)


def test_organisations_show_by_name_in_admin_lists_and_forms(admin_client):
    provider = factories.ProviderFactory(name="Sunrise Software")
    offering = factories.OfferingFactory(organisation=provider)
    factories.member_of(provider)
    change_list = admin_client.get(reverse("admin:directory_offering_changelist")).text
    assert "Sunrise Software" in change_list
    form = admin_client.get(reverse("admin:directory_offering_change", args=[offering.pk])).text
    assert f'<option value="{provider.pk}" selected>Sunrise Software</option>' in form
    memberships = admin_client.get(reverse("admin:directory_membership_changelist")).text
    assert "Sunrise Software" in memberships
    assert Organisation.objects.filter(name="Sunrise Software").count() == 1


def test_a_long_queue_shows_the_longest_waiting_and_counts_them_all(admin_client, monkeypatch):
    monkeypatch.setattr(review_queue, "SHOWN", 2)
    for days, title in ((3, "Third oldest"), (7, "Oldest"), (5, "Second oldest")):
        waited(factories.NeedFactory(title=title, status=Moderation.PENDING), days)
    page = admin_client.get(reverse(QUEUE))
    rows = queue_rows(page)
    assert len(rows) == 2 and "Oldest" in rows[0] and "Second oldest" in rows[1]
    assert "3 needs waiting" in page.text and "The 2 that have waited longest" in page.text
