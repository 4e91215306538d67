"""django-allauth's adapter: the client address comes from impact_socials/security.py."""

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext

from .security import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        address = client_ip(request)
        if not address:
            raise PermissionDenied(gettext("We could not tell where your request came from."))
        return address
