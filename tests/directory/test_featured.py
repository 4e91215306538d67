"""Featured on the home page means chosen by a curator, newest choice first."""

import pytest
from django.urls import reverse

from directory.listings.models import Moderation, Offering
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:directory_offering_changelist"


def featured_section(client) -> str:
    """The home page's featured (or recently added) section."""
    page = client.get(reverse("home")).text
    return page.split('aria-labelledby="featured-heading"', 1)[1].split("</section>", 1)[0]


def feature(admin_client, *offerings, action="feature"):
    admin_client.post(
        reverse(CHANGELIST), {"action": action, "_selected_action": [o.pk for o in offerings]}
    )


def test_only_offerings_curators_featured_show_as_featured(admin_client, client):
    chosen = OfferingFactory(name="Chosen Tool")
    OfferingFactory(name="Brand New Tool")  # the newest, but nobody featured it
    feature(admin_client, chosen)
    section = featured_section(client)
    assert "Featured by our curators" in section
    assert "Chosen Tool" in section and "Brand New Tool" not in section


def test_the_newest_choice_comes_first_and_unfeaturing_takes_it_off(admin_client, client):
    first, second = OfferingFactory(name="First Pick"), OfferingFactory(name="Second Pick")
    feature(admin_client, first)
    feature(admin_client, second)
    section = featured_section(client)
    assert section.index("Second Pick") < section.index("First Pick")
    feature(admin_client, second, action="unfeature")
    second.refresh_from_db()
    assert not second.is_featured and second.featured_at is None
    assert "Second Pick" not in featured_section(client)


def test_featuring_dates_the_choice(admin_client):
    offering = OfferingFactory()
    feature(admin_client, offering)
    offering.refresh_from_db()
    assert offering.is_featured and offering.featured_at is not None


def test_a_featured_offering_not_published_is_not_shown(admin_client, client):
    hidden = OfferingFactory(name="Hidden Pick")
    feature(admin_client, hidden)
    Offering.objects.filter(pk=hidden.pk).update(status=Moderation.PENDING)
    assert "Hidden Pick" not in featured_section(client)


def test_at_most_eight_are_featured(admin_client, client):
    offerings = OfferingFactory.create_batch(10)
    feature(admin_client, *offerings)
    assert featured_section(client).count('class="card card-compact"') == 8


def test_with_nothing_featured_the_section_says_it_shows_the_latest(client):
    OfferingFactory(name="Some Tool")
    section = featured_section(client)
    assert "Featured" not in section
    assert "Recently added offerings" in section and "Some Tool" in section


def test_ticking_featured_in_the_change_form_dates_it_too(admin_client):
    offering = OfferingFactory()
    form = admin_client.get(reverse("admin:directory_offering_change", args=[offering.pk]))
    data = {
        field.html_name: field.value()
        for field in form.context["adminform"].form
        if field.value() is not None
    }
    assert data.pop("is_featured") is False
    confirmed = data.pop("confirmed_at")  # a date and a time, in two inputs
    data |= {"confirmed_at_0": confirmed.date(), "confirmed_at_1": confirmed.time()}
    data["is_featured"] = "on"
    answer = admin_client.post(reverse("admin:directory_offering_change", args=[offering.pk]), data)
    assert answer.status_code == 302, answer.context["adminform"].form.errors
    offering.refresh_from_db()
    assert offering.is_featured and offering.featured_at is not None
