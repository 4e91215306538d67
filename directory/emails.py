"""An e-mail in two parts, text and HTML, from one pair of templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def compose(template: str, context: dict, *, subject: str, to: str) -> EmailMultiAlternatives:
    """From templates/directory/emails/<template>.txt and .html; the subject is made one line,
    as listing text may go into it."""
    context = {"site_name": settings.SITE_NAME, "subject": " ".join(subject.split()), **context}
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=render_to_string(f"directory/emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(
        render_to_string(f"directory/emails/{template}.html", context), "text/html"
    )
    return message
