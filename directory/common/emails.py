"""An e-mail in two parts, text and HTML, from one pair of templates, in the language and the
time zone of the person it goes to."""

from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation


def language_of(user) -> str:
    """The language we write to ``user`` in: the one saved on their account (``User.language``,
    directory/accounts/language.py), else the site's default."""
    code = getattr(user, "language", "") or ""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@contextmanager
def in_language_of(user):
    """Everything an e-mail to ``user`` says (subject, body, the words built for it before
    rendering) is made inside this, whatever language the request or the worker is in; its
    dates are in the person's time zone (``User.time_zone``), the site's for anyone else."""
    with (
        translation.override(language_of(user)),
        timezone.override(getattr(user, "time_zone", None)),
    ):
        yield


def compose(
    template: str,
    context: dict,
    *,
    subject: str,
    to: str,
    from_email: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMultiAlternatives:
    """From templates/directory/emails/<template>.txt and .html; the subject is made one line,
    as listing text may go into it (the templates see it as ``subject`` unless the context
    says otherwise). Rendered in the language of ``context["user"]``, the recipient; callers
    build the subject inside ``in_language_of`` the same person."""
    with in_language_of(context.get("user")):
        subject = " ".join(str(subject).split())
        context = {"site_name": settings.SITE_NAME, "subject": subject, **context}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"directory/emails/{template}.txt", context),
            from_email=from_email or settings.DEFAULT_FROM_EMAIL,
            to=[to],
            headers=headers,
        )
        message.attach_alternative(
            render_to_string(f"directory/emails/{template}.html", context), "text/html"
        )
    return message
