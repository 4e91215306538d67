"""Pages in the reader's time zone (`directory.common.time_zones`)."""

from django.utils import timezone

from directory.accounts.acting import acting_organisation
from directory.common.time_zones import zone_for_country


def reader_zone(request) -> str | None:
    """The zone of the country of the organisation the signed-in person acts for, if any."""
    if not request.user.is_authenticated:
        return None
    organisation = acting_organisation(request)
    return zone_for_country(organisation.country.code) if organisation else None


class ReaderTimeZoneMiddleware:
    """After the authentication middleware: dates on the page are the reader's (no query: the
    organisation comes with the signed-in person, directory/accounts/signed_in.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = reader_zone(request)
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
