"""django-allauth's adapter, signing in through allauth's login failure counting, and the
second factor staff need.

The web sign-in form counts failed attempts per account and per address
(ACCOUNT_RATE_LIMITS["login_failed"]) and refuses an account past its limit, even with the
right password. ``authenticate`` gives the API token endpoint and the admin's sign-in the
same counters, so guessing through them is held to the same limits and lockout.

Both sign-ins end in allauth's login flow, which asks for the code of an account's
authenticator (allauth.mfa) after the password. With STAFF_REQUIRE_MFA on, a staff account
without one is sent to set one up (``mfa_activate_totp``) and cannot open the admin before.
"""

from contextlib import nullcontext

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from allauth.account.models import EmailAddress
from allauth.account.utils import perform_login
from allauth.account.views import ConfirmEmailView
from allauth.core.internal.ratelimit import parse_rates
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import REDIRECT_FIELD_NAME, get_user_model
from django.contrib.auth.views import LoginView
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from directory.common.emails import language_of

from .security import client_ip

# The authenticators that count as a second factor at sign-in (allauth.mfa.stages asks for
# these); recovery codes only stand in for one.
SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def needs_second_factor(user) -> bool:
    """A staff or superuser account without a second factor, while STAFF_REQUIRE_MFA is on."""
    return (
        settings.STAFF_REQUIRE_MFA
        and user.is_authenticated
        and (user.is_staff or user.is_superuser)
        and not is_mfa_enabled(user, SECOND_FACTORS)
    )


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request) -> str:
        address = client_ip(request)
        if not address:
            raise PermissionDenied(gettext("We could not tell where your request came from."))
        return address

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's e-mails (templates/account/email/) sign with the site's name and address,
        not the host the request came to."""
        site = {"site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
        with translation.override(self.language_for(email, context)):
            super().send_mail(template_prefix, email, {**site, **context})

    def add_message(self, request, level, message_template=None, message_context=None, **kwargs):
        """allauth's messages about a person ("Signed in as …", "… is confirmed") in the
        language saved on their account, which the next page is shown in, rather than the
        one the browser asked for before they signed in."""
        user = (message_context or {}).get("user")
        saved = language_of(user) if getattr(user, "language", "") else None
        with translation.override(saved) if saved else nullcontext():
            return super().add_message(request, level, message_template, message_context, **kwargs)

    @staticmethod
    def language_for(email: str, context: dict) -> str:
        """The language of the person e-mailed: the one on their account, found by the
        address; with none chosen (someone signing up, an address with no account), the
        language the request came in."""
        user = context.get("user")
        if user is None or not getattr(user, "pk", None):
            address = EmailAddress.objects.filter(email__iexact=email).select_related("user")
            found = address.first()
            user = (
                found.user
                if found
                else get_user_model().objects.filter(email__iexact=email).first()
            )
        if user is not None and getattr(user, "language", ""):
            return language_of(user)
        return translation.get_language() or settings.LANGUAGE_CODE

    def get_login_redirect_url(self, request) -> str:
        if needs_second_factor(request.user):
            return reverse("mfa_activate_totp")
        return super().get_login_redirect_url(request)


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


class AdminLoginView(LoginView):
    """The admin's sign-in: AdminLoginForm checks the password; allauth's login flow then signs
    the person in, asking for their authenticator's code as the web sign-in does. E-mail
    verification stays the web sign-in's affair, as before."""

    def form_valid(self, form):
        return perform_login(
            self.request,
            form.get_user(),
            email_verification=account_settings.EmailVerificationMethod.NONE,
            redirect_url=self.get_success_url(),
        )


def admin_login(request, extra_context=None):
    """admin.site.login (impact_socials/urls.py): Django's AdminSite.login, with the view above
    in place of django.contrib.auth's LoginView."""
    site = admin.site
    if request.method == "GET" and site.has_permission(request):
        return redirect("admin:index")
    context = {
        **site.each_context(request),
        "title": gettext("Log in"),
        "subtitle": None,
        "app_path": request.get_full_path(),
        "username": request.user.get_username(),
    }
    if REDIRECT_FIELD_NAME not in request.GET and REDIRECT_FIELD_NAME not in request.POST:
        context[REDIRECT_FIELD_NAME] = reverse("admin:index", current_app=site.name)
    context.update(extra_context or {})
    request.current_app = site.name
    view = AdminLoginView.as_view(
        extra_context=context,
        authentication_form=AdminLoginForm,
        template_name=site.login_template or "admin/login.html",
    )
    return view(request)


class StaffSecondFactorMiddleware:
    """While STAFF_REQUIRE_MFA is on, the admin answers a staff account without a second factor
    with a redirect to setting one up; signing out stays open."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        admin_root = reverse("admin:index")
        if (
            request.path.startswith(admin_root)
            and request.path != reverse("admin:logout")
            and needs_second_factor(request.user)
        ):
            messages.warning(
                request,
                gettext(
                    "Staff accounts need a second factor. Set up an authenticator app to "
                    "open the admin."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class ConfirmEmailInTheirLanguage(ConfirmEmailView):
    """allauth's page for an e-mail confirmation link, in the language saved on the account
    being confirmed: the link comes from an e-mail in that language, and may be opened in a
    browser that asks for another (another device, a mail app's own)."""

    def dispatch(self, request, *args, **kwargs):
        try:
            person = self.get_object().email_address.user
        except Http404:
            person = None
        if person is not None and person.language and not request.user.is_authenticated:
            translation.activate(language_of(person))
            request.LANGUAGE_CODE = translation.get_language()
        return super().dispatch(request, *args, **kwargs)
