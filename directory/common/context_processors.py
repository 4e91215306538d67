from django.conf import settings


def site(request):
    """Site-wide values every template may show (name, currency, the member's organisation)."""
    user = request.user
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CURRENCY": settings.SITE_CURRENCY,
        "member_organisation": user.organisation if user.is_authenticated else None,
    }
