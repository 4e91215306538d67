"""A digest through a real SMTP server on localhost (aiosmtpd, in this process)."""

import re
import socket
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.test import Client

from directory.accounts.models import NotificationPreferences
from directory.notifications.tasks import send_due_digests
from tests.directory.digest_data import later, make_world

pytestmark = pytest.mark.django_db


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()


def test_a_digest_arrives_through_smtp_with_both_parts_headers_and_working_links(
    smtp_inbox, settings
):
    world = make_world()
    send_due_digests.delay(later().isoformat())

    envelope = next(e for e in smtp_inbox.envelopes if e.rcpt_tos == [world.provider_member.email])
    assert len(smtp_inbox.envelopes) == 2
    received = message_from_bytes(envelope.content, policy=policy.default)
    assert received["To"] == world.provider_member.email
    assert received["From"] == settings.DIGEST_FROM_EMAIL
    assert received["Subject"] == f"{settings.DIGEST_SUBJECT}: 1 new match"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    text = received.get_body(preferencelist=("plain",)).get_content()
    html = received.get_body(preferencelist=("html",)).get_content()
    need_link = settings.SITE_URL + world.need.get_absolute_url()
    assert need_link in text and f'href="{need_link}"' in html
    assert "Matches your offering: FieldForms" in text and "82% match" in html
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith(settings.SITE_URL + "/") for link in links)

    one_click = re.search(r"<([^>]+)>", received["List-Unsubscribe"]).group(1)
    page = Client(enforce_csrf_checks=True).post(
        one_click.removeprefix(settings.SITE_URL), {"List-Unsubscribe": "One-Click"}
    )
    assert page.status_code == 200
    preferences = NotificationPreferences.objects.get(user=world.provider_member)
    assert preferences.digest_frequency == NotificationPreferences.Frequency.OFF
