"""django-allauth's adapter, and signing in through allauth's login failure counting.

The web sign-in form counts failed attempts per account and per address
(ACCOUNT_RATE_LIMITS["login_failed"]) and refuses an account past its limit, even with the
right password. ``authenticate`` gives the API token endpoint and the admin's sign-in the
same counters, so guessing through them is held to the same limits and lockout.
"""

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.core.internal.ratelimit import parse_rates
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from .security import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        address = client_ip(request)
        if not address:
            raise PermissionDenied(gettext("We could not tell where your request came from."))
        return address


class TooManyAttempts(Exception):
    """Past the login failure limit: try again after ``retry_after`` seconds."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
        rates = parse_rates(account_settings.RATE_LIMITS.get("login_failed"))
        self.retry_after = int(max((rate.duration for rate in rates), default=60))


def credentials(login: str, password: str) -> dict:
    """The credentials the web form sends: the account's e-mail address, so failures with the
    username and with the address count against one account."""
    if "@" not in login:
        user = get_user_model().objects.filter(username=login).first()
        if user is None or not user.email:
            return {"username": login, "password": password}
        login = user.email
    return {"email": login, "password": password}


def authenticate(request, login: str, password: str):
    """The user, or None for wrong credentials; raises TooManyAttempts past the limits."""
    try:
        return get_adapter(request).authenticate(request, **credentials(login, password))
    except ValidationError as error:
        if error.code == "too_many_login_attempts":
            raise TooManyAttempts(error.messages[0]) from error
        raise


class AdminLoginForm(AdminAuthenticationForm):
    """The admin's sign-in, counted and locked out with the web sign-in (admin.site.login_form
    in impact_socials/urls.py)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = authenticate(self.request, username, password)
            except TooManyAttempts as error:
                raise ValidationError(error.message, code="too_many_login_attempts") from error
            if self.user_cache is None:
                raise self.get_invalid_login_error()
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data
