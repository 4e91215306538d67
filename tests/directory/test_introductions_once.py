"""Each person gets each introduction e-mail once, even when the mail server refuses one of
them for a while."""

import pytest
from django.core import mail

from directory.engagement.models import Introduction
from tests.directory.digest_data import mail_server_refusing
from tests.directory.introduction_data import (
    ACCEPTOR_EMAIL,
    COLLEAGUE_EMAIL,
    REQUESTER_EMAIL,
    answer,
    ask,
    sent_to,
)

pytestmark = pytest.mark.django_db


def test_a_refused_address_is_retried_without_emailing_the_others_twice(
    client, world, django_capture_on_commit_callbacks, retries_run_inline
):
    with mail_server_refusing(COLLEAGUE_EMAIL):
        ask(client, world, django_capture_on_commit_callbacks)
    assert len(sent_to(ACCEPTOR_EMAIL)) == len(sent_to(COLLEAGUE_EMAIL)) == 1
    mail.outbox.clear()
    introduction = Introduction.objects.get()
    with mail_server_refusing(ACCEPTOR_EMAIL):
        answer(client, world.colleague, introduction, django_capture_on_commit_callbacks)
    for email in (REQUESTER_EMAIL, ACCEPTOR_EMAIL, COLLEAGUE_EMAIL):
        assert len(sent_to(email)) == 1
