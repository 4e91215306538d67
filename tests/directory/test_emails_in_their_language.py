"""Each person's e-mails are in the language saved on their account (User.language), whatever
language the request or the worker runs in: in one run a Hindi reader gets Hindi and an
English reader English, with the same links."""

import re

import pytest
from django.core import mail
from django.utils import translation

from directory.accounts.models import User
from tests.directory import introduction_data
from tests.directory.digest_data import joined_long_ago, make_world
from tests.directory.test_digests import run_digests, sent_to
from tests.factories import member_of

pytestmark = pytest.mark.django_db

DEVANAGARI = re.compile("[\u0900-\u097f]")


def speaks(user: User, language: str) -> None:
    User.objects.filter(pk=user.pk).update(language=language)


def html_of(message: mail.EmailMultiAlternatives) -> str:
    return "".join(content for content, _ in message.alternatives)


def links_in(message: mail.EmailMultiAlternatives) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_one_digest_run_writes_to_each_person_in_their_language():
    world = make_world()
    speaks(world.nonprofit_member, "hi")
    english_colleague = member_of(world.nonprofit)  # no language chosen
    joined_long_ago()

    with translation.override("hi"):  # the worker's own language does not matter
        run_digests()

    [hindi] = sent_to(world.nonprofit_member)
    [english] = sent_to(english_colleague)
    [provider] = sent_to(world.provider_member)

    assert "नया मेल" in hindi.subject
    assert "new match" not in hindi.subject
    assert "Since your last digest" not in hindi.body
    assert "आपकी ज़रूरत के लिए" in hindi.body
    assert "Why it fits" not in html_of(hindi)
    assert '<html lang="hi">' in html_of(hindi)
    assert "FieldForms" in hindi.body  # listing content stays as written

    for message in (english, provider):
        assert message.subject.endswith("digest: 1 new match")
        assert "Since your last digest we found 1 new match for you." in message.body
        assert not DEVANAGARI.search(message.subject + message.body + html_of(message))
    assert "For your need: Collect household surveys offline" in english.body
    assert links_in(hindi)[0] == links_in(english)[0], "the same links in either language"


def test_an_introduction_request_reaches_each_provider_member_in_their_language(
    client, django_capture_on_commit_callbacks
):
    world = introduction_data.make_world()
    speaks(world.acceptor, "hi")
    speaks(world.colleague, "en-gb")
    speaks(world.requester, "en-gb")  # asks in English; the e-mails follow each reader

    page = introduction_data.ask(client, world, django_capture_on_commit_callbacks)
    assert page.status_code == 302

    [hindi] = introduction_data.sent_to(introduction_data.ACCEPTOR_EMAIL)
    [english] = introduction_data.sent_to(introduction_data.COLLEAGUE_EMAIL)

    assert hindi.subject == "Ruaha Girls Network ने FieldForms के लिए परिचय माँगा है"
    assert english.subject == "Ruaha Girls Network asks for an introduction to FieldForms"
    assert "नमस्ते David," in hindi.body
    assert "अनुरोध का जवाब दें" in hindi.body
    assert "would like an introduction" not in hindi.body + html_of(hindi)
    assert introduction_data.MESSAGE in hindi.body, "their message stays as written"
    assert "Hello Joy," in english.body
    assert "Ruaha Girls Network would like an introduction to FieldForms" in english.body
    assert not DEVANAGARI.search(english.subject + english.body + html_of(english))
    assert links_in(hindi)[-1] == links_in(english)[-1]
