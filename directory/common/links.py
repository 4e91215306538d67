"""Links that leave the site: in e-mails and feeds an address needs the site's own origin."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` on the public site (``SITE_URL``), e.g. for a link in an e-mail."""
    return settings.SITE_URL.rstrip("/") + path
