"""An e-mail in two parts, text and HTML, from one pair of templates."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


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
    says otherwise)."""
    subject = " ".join(subject.split())
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
