"""One-click unsubscribe (RFC 8058): a signed, expiring token is the only credential.

The token names the person and is signed with the site's secret under a salt of its own, so
a token made for anything else (a password reset, a session) never passes here.
"""

from datetime import timedelta

from django.core import signing

from directory.accounts.models import NotificationPreferences, User

SALT = "directory.unsubscribe"
MAX_AGE = timedelta(days=60)


def make_token(user: User) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(user.pk))


def user_for_token(token: str) -> User:
    """The person a token was made for.

    Raises ``signing.SignatureExpired`` for an old token, ``signing.BadSignature`` for a forged
    one and ``User.DoesNotExist`` when the account has since been deleted.
    """
    user_id = signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE)
    return User.objects.get(pk=user_id)


def unsubscribe(user: User) -> None:
    """Stop digests. Running it twice is harmless: mail providers may repeat the POST."""
    NotificationPreferences.objects.update_or_create(
        user=user, defaults={"digest_frequency": NotificationPreferences.Frequency.OFF}
    )
