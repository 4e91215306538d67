"""Rules with one home: curators' actions re-match like the pages do, slugs never take a
page's address, and the introduction button shows exactly when a request would be accepted."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from directory.engagement.models import Introduction
from directory.listings.models import Moderation, Need, Offering
from directory.notifications.tasks import send_due_digests
from matching.models import Match
from tests.directory.digest_data import joined_long_ago, later, store_match
from tests.directory.introduction_data import MESSAGE, make_world
from tests.factories import (
    SURVEY_NEED,
    SURVEY_TOOL,
    NeedFactory,
    OfferingFactory,
    ProviderFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


# Unpublishing in admin


@pytest.fixture
def matched(django_capture_on_commit_callbacks):
    """A need and an offering that the engine matched, through the ordinary save path."""
    with django_capture_on_commit_callbacks(execute=True):
        offering = OfferingFactory(**SURVEY_TOOL)
        need = NeedFactory(**SURVEY_NEED)
    assert Match.objects.filter(need=need, offering=offering).exists()
    return need, offering


def test_unpublishing_an_offering_in_admin_takes_its_matches_off_every_channel(
    admin_client, client, matched, django_capture_on_commit_callbacks
):
    need, offering = matched
    owner = member_of(need.organisation)
    joined_long_ago()
    Match.objects.update(created_at=timezone.now() - timedelta(hours=1))
    client.force_login(owner)
    assert "FieldForms" in client.get(need.get_absolute_url()).text

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:directory_offering_changelist"),
            {"action": "unpublish", "_selected_action": [offering.pk]},
        )

    offering.refresh_from_db()
    assert offering.status == Moderation.DRAFT
    assert "FieldForms" not in client.get(need.get_absolute_url()).text
    api = client.get(f"/api/needs/{need.pk}/matches/")
    assert api.status_code == 200 and "FieldForms" not in api.text
    send_due_digests.delay(later().isoformat())
    assert not [message for message in mail.outbox if "FieldForms" in message.body]


def test_unpublishing_a_need_in_admin_takes_its_matches_away(
    admin_client, matched, django_capture_on_commit_callbacks
):
    need, _ = matched
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:directory_need_changelist"),
            {"action": "unpublish", "_selected_action": [need.pk]},
        )
    assert not Match.objects.filter(need=need).exists()


def test_featuring_in_admin_shows_on_the_list_at_once(admin_client, client):
    OfferingFactory(name="Quiet Tool")
    offering = OfferingFactory(name="Star Tool")
    client.get(reverse("offering_list"))  # stored in the page cache for visitors
    admin_client.post(
        reverse("admin:directory_offering_changelist"),
        {"action": "feature", "_selected_action": [offering.pk]},
    )
    offering.refresh_from_db()
    assert offering.is_featured
    page = client.get(reverse("offering_list")).text
    assert page.index("Star Tool") < page.index("Quiet Tool")


# Slugs and addresses


@pytest.mark.parametrize("name", ["New", "Compare", "Export"])
def test_an_offering_named_like_a_page_opens_its_own_page(client, name):
    offering = OfferingFactory(name=name)
    page = client.get(offering.get_absolute_url())
    assert page.status_code == 200 and f"<h1>{name}</h1>" in page.text.replace("\n", "")


def test_the_new_offering_form_keeps_its_address_beside_an_offering_named_new(client):
    offering = OfferingFactory(name="New")
    assert offering.slug != "new"
    provider = ProviderFactory()
    client.force_login(member_of(provider))
    form = client.get("/offerings/new/")
    assert form.status_code == 200 and 'name="summary"' in form.text


def test_an_unknown_action_on_a_listing_is_not_found(client):
    need = NeedFactory()
    offering = OfferingFactory()
    client.force_login(member_of(need.organisation))
    assert client.post(reverse("need_action", args=[need.pk, "explode"])).status_code == 404
    client.force_login(member_of(offering.organisation))
    assert (
        client.post(reverse("offering_action", args=[offering.slug, "explode"])).status_code == 404
    )


# Who may ask for an introduction: the button and the request agree


def stale(listing) -> None:
    type(listing).objects.filter(pk=listing.pk).update(
        confirmed_at=timezone.now() - timedelta(days=200)
    )


def paused(need: Need) -> None:
    Need.objects.filter(pk=need.pk).update(state=Need.State.PAUSED)


def unlisted(offering: Offering) -> None:
    Offering.objects.filter(pk=offering.pk).update(status=Moderation.DRAFT)


SITUATIONS = {
    "nothing in the way": lambda world: None,
    "need paused": lambda world: paused(world.need),
    "need stale": lambda world: stale(world.need),
    "offering stale": lambda world: stale(world.offering),
    "offering unpublished": lambda world: unlisted(world.offering),
    "already asked": lambda world: world.introduction(),
    "asked and accepted": lambda world: world.introduction(
        status=Introduction.Status.ACCEPTED, closed_at=timezone.now()
    ),
    "asked a week ago, unanswered": lambda world: world.introduction(
        created_at=timezone.now() - timedelta(days=8)
    ),
    "provider has nobody": lambda world: world.provider.memberships.all().delete(),
}


@pytest.mark.parametrize("situation", SITUATIONS)
def test_the_button_shows_exactly_when_the_request_is_accepted(client, situation):
    world = make_world()
    store_match(world.need, world.offering)
    SITUATIONS[situation](world)
    client.force_login(world.requester)

    page = client.get(world.need.get_absolute_url())
    ask_url = reverse("introduction_request", args=[world.offering.slug])
    button = f'href="{ask_url}?need={world.need.pk}"' in page.text

    before = Introduction.objects.count()
    client.post(ask_url, {"need": world.need.pk, "message": MESSAGE})
    accepted = Introduction.objects.count() > before

    assert button == accepted
    assert accepted == (situation in ("nothing in the way", "asked a week ago, unanswered"))


# The acting organisation


def test_the_acting_organisation_is_looked_up_once_per_request(client):
    need = NeedFactory()
    client.force_login(member_of(need.organisation))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("need_edit", args=[need.pk]))
    assert page.status_code == 200
    lookups = [q["sql"] for q in queries if '"directory_membership"."joined_at"' in q["sql"]]
    assert len(lookups) == 1
