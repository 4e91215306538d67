"""The language a person reads the site in.

A choice made with the switch in the page header is kept in Django's language cookie and,
for someone signed in, on their account (``User.language``), so it follows them to another
device and into the e-mails we send them. Until they choose, LocaleMiddleware reads the
browser's Accept-Language. A choice made before signing in is kept on the account at
sign-in; someone who signs up without choosing keeps the language they signed up in (their
browser's), so the e-mails that follow speak it.
"""

from allauth.account.signals import user_signed_up
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import translation

from directory.accounts.models import User
from directory.listings import changes


def is_offered(code: str | None) -> bool:
    return code in dict(settings.LANGUAGES)


def remember(user, code: str) -> None:
    """Keeps ``code`` as the person's language, when it is one we offer."""
    if user.is_authenticated and is_offered(code) and user.language != code:
        User.objects.filter(pk=user.pk).update(language=code)
        user.language = code
        changes.touch(changes.USERS)  # update() sends no signal (accounts/signed_in.py)


class SavedLanguageMiddleware:
    """After LocaleMiddleware and AuthenticationMiddleware: a signed-in person's saved
    language wins over the cookie and the browser."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and is_offered(user.language):
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


@receiver(user_logged_in)
def keep_the_choice_made_before_signing_in(sender, request, user, **kwargs):
    if request is not None:
        remember(user, request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))


@receiver(user_signed_up)
def keep_the_language_of_signing_up(sender, request, user, **kwargs):
    if request is not None and not user.language:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        remember(user, chosen if is_offered(chosen) else translation.get_language())
