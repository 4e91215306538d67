"""What the API does alike for needs and offerings."""

import pytest

from tests.api.listings import NEEDS, OFFERINGS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("listings", "owner", "other_member", "field"),
    [
        (NEEDS, "nonprofit", "other_nonprofit_member", "title"),
        (OFFERINGS, "provider", "other_provider_member", "name"),
    ],
)
def test_members_of_another_organisation_cannot_change_a_listing(
    request, listings, owner, other_member, field
):
    listing = listings.factory(organisation=request.getfixturevalue(owner), **{field: "Ours"})
    listings.assert_not_changed_by(request.getfixturevalue(other_member), listing, field)
    assert getattr(listing, field) == "Ours"
