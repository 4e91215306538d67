from django.conf import settings

from directory.accounts.acting import acting_organisation


def site(request):
    """Site-wide values every template may show (name, currency, the member's organisation)."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CURRENCY": settings.SITE_CURRENCY,
        "member_organisation": acting_organisation(request),
    }
