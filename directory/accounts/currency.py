"""The currency a reader types amounts in: rupees for a reader in India, else the site's."""

from django.conf import settings
from django.utils import translation

from directory.accounts.acting import acting_organisation
from directory.common.money import local_currency


def reader_currency(request) -> str:
    """That of the country of the organisation the signed-in person acts for (rupees in
    India, `local_currency`); for a visitor, rupees on a page in Hindi, else the site's."""
    organisation = acting_organisation(request) if request.user.is_authenticated else None
    if organisation is not None:
        return local_currency(organisation.country)
    return "INR" if translation.get_language() == "hi" else settings.SITE_CURRENCY
