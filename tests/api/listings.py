"""The API's two listing endpoints, needs and offerings, and the checks their tests share."""

from dataclasses import dataclass

import factory
from django.db import models

from directory.listings.models import Moderation, Need, Offering
from tests.factories import NeedFactory, OfferingFactory, category, system


@dataclass(frozen=True)
class Listings:
    """A listing endpoint of the API (needs, offerings) and the checks its tests share: its list
    URL, the attribute a row's URL ends with, its model and factory, and a valid body to write."""

    url: str
    lookup: str
    model: type[models.Model]
    factory: type[factory.django.DjangoModelFactory]
    valid_body: dict

    def detail(self, listing) -> str:
        return f"{self.url}{getattr(listing, self.lookup)}/"

    def body(self, **overrides) -> dict:
        """The valid body with ``overrides``."""
        return {**self.valid_body, **overrides}

    def make_taxonomy(self) -> None:
        """The categories and systems the valid body names, so that it is valid."""
        for slug in self.valid_body.get("categories") or [self.valid_body["category"]]:
            category(slug)
        for slug in self.valid_body["systems"]:
            system(slug)

    def assert_posted_for_review(self, client, organisation) -> tuple:
        """``client`` posting the valid body creates ``organisation``'s listing, waiting for
        review; the answer and the listing, for what else a test checks."""
        answer = client.post(self.url, self.body(), format="json")
        assert answer.status_code == 201, answer.json()
        listing = self.model.objects.get()
        assert listing.organisation == organisation and listing.status == Moderation.PENDING
        return answer, listing

    def assert_refused(self, client, change: dict, field: str, message: str) -> None:
        """``client`` posting the valid body with ``change`` is turned down with a 400 naming
        ``field``, and no row is saved."""
        answer = client.post(self.url, self.body(**change), format="json")
        assert answer.status_code == 400
        assert message in " ".join(answer.json()[field])
        assert not self.model.objects.exists()

    def assert_only_readable_by(self, listing, member, *others) -> None:
        """``member`` reads ``listing``; to each of ``others`` it does not exist."""
        assert member.get(self.detail(listing)).status_code == 200
        for other in others:
            assert other.get(self.detail(listing)).status_code == 404

    def assert_not_changed_by(self, client, listing, field: str) -> None:
        """``client`` patching ``field`` of ``listing`` gets a 404 and changes nothing."""
        before = getattr(listing, field)
        answer = client.patch(self.detail(listing), {field: "Theirs"}, format="json")
        assert answer.status_code == 404
        listing.refresh_from_db()
        assert getattr(listing, field) == before

    def assert_list_queries_stay_flat(
        self, client, django_assert_max_num_queries, max_queries: int
    ) -> None:
        """Listing 5 or 50 rows on one page runs the same number of queries, at most
        ``max_queries``."""
        self.factory.create_batch(5)
        with django_assert_max_num_queries(max_queries) as five:
            client.get(self.url, {"page_size": 50})
        self.factory.create_batch(45)
        with django_assert_max_num_queries(max_queries) as fifty:
            answer = client.get(self.url, {"page_size": 50})
        assert len(answer.json()["results"]) == 50
        assert len(fifty.captured_queries) == len(five.captured_queries)


A_NEED = {
    "title": "Send reminders to parents",
    "description": "We want to text parents before school meetings.",
    "category": "messaging",
    "systems": ["google-sheets"],
    "monthly_budget": "40",
    "country": "KE",
}
NEEDS = Listings("/api/needs/", "pk", Need, NeedFactory, valid_body=A_NEED)
AN_OFFERING = {
    "name": "SurveyKit",
    "summary": "Offline survey forms for field teams.",
    "description": "Build forms, collect answers offline and sync to Google Sheets.",
    "categories": ["data-collection"],
    "systems": ["google-sheets"],
    "cloud": True,
    "pricing_model": "freemium",
    "list_price_monthly": "30.00",
    "nonprofit_price_monthly": "10.00",
    "regions": ["KE", "UG"],
}
OFFERINGS = Listings("/api/offerings/", "slug", Offering, OfferingFactory, valid_body=AN_OFFERING)
