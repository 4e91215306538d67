"""Signing up as a nonprofit or a provider, verifying the e-mail, signing in, throttling."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from directory.accounts.models import User
from directory.listings.models import Membership, Organisation
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, **overrides):
    data = {
        "kind": "nonprofit",
        "organisation_name": "Ruaha Girls Network",
        "email": "amina@ruaha.example",
        "password1": "a-long-and-unusual-passphrase",
        "password2": "a-long-and-unusual-passphrase",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def confirmation_link(message) -> str:
    return re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", message.body).group(0)


def test_signing_up_creates_the_organisation_and_membership(client):
    sign_up(client)
    user = User.objects.get(email="amina@ruaha.example")
    membership = Membership.objects.get(user=user)
    assert membership.organisation.name == "Ruaha Girls Network"
    assert membership.organisation.kind == Organisation.Kind.NONPROFIT
    assert membership.role == Membership.Role.OWNER


def test_a_provider_signs_up_as_a_provider(client):
    sign_up(client, kind="provider", organisation_name="Open Clinic Co", email="dev@clinic.example")
    assert Organisation.objects.get(name="Open Clinic Co").is_provider


def test_sign_up_sends_a_verification_email_and_the_link_verifies(client):
    sign_up(client)
    assert len(mail.outbox) == 1
    link = confirmation_link(mail.outbox[0])
    assert "Confirm" in client.get(link).text
    client.post(link)
    user = User.objects.get(email="amina@ruaha.example")
    assert user.emailaddress_set.get().verified


def test_unverified_people_cannot_sign_in_yet(client):
    sign_up(client)
    client.logout()
    page = client.post(
        reverse("account_login"),
        {"login": "amina@ruaha.example", "password": "a-long-and-unusual-passphrase"},
    )
    assert page.status_code == 302 and page.url == reverse("account_email_verification_sent")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "robot"}, "Choose one of the options shown"),
        ({"organisation_name": ""}, "Please fill this in"),
        ({"organisation_name": "o" * 121}, "to 120 characters or fewer"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"password2": "something-else-entirely"}, "You must type the same password each time"),
    ],
)
def test_bad_sign_up_input_is_refused_and_nothing_saved(client, overrides, message):
    page = sign_up(client, **overrides)
    assert page.status_code == 200
    assert message in page.text
    assert not User.objects.exists() and not Organisation.objects.exists()


def test_signing_in_with_a_verified_email_opens_the_dashboard(client):
    user = UserFactory(email="sam@example.org")
    Membership.objects.create(
        user=user, organisation=Organisation.objects.create(kind="nonprofit", name="X")
    )
    page = client.post(
        reverse("account_login"), {"login": "sam@example.org", "password": "correct-horse-battery"}
    )
    assert page.status_code == 302 and page.url == reverse("dashboard")


def test_repeated_failed_sign_ins_are_throttled(client):
    UserFactory(email="sam@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "sam@example.org", "password": "wrong"})
    page = client.post(
        reverse("account_login"), {"login": "sam@example.org", "password": "correct-horse-battery"}
    )
    assert page.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_link(client):
    UserFactory(email="sam@example.org")
    client.post(reverse("account_reset_password"), {"email": "sam@example.org"})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_a_bot_filling_the_hidden_field_cannot_sign_up(client):
    page = sign_up(client, homepage="http://spam.example")
    assert page.status_code == 200 and "could not be sent" in page.text
    assert not User.objects.exists()


def e_mail_sent_after(action) -> mail.EmailMessage:
    action()
    assert len(mail.outbox) == 1
    return mail.outbox[0]


@pytest.mark.parametrize(
    "action, subject",
    [
        (lambda client: sign_up(client), "Confirm your e-mail address"),
        (
            lambda client: (
                UserFactory(email="sam@example.org", username="sam_the_user"),
                client.post(reverse("account_reset_password"), {"email": "sam@example.org"}),
            ),
            "Choose a new password",
        ),
        (
            lambda client: client.post(
                reverse("account_reset_password"), {"email": "nobody@example.org"}
            ),
            "No account with this e-mail address",
        ),
    ],
    ids=["sign-up", "password-reset", "unknown-account"],
)
def test_account_e_mails_speak_as_the_site_with_no_usernames(client, settings, action, subject):
    settings.SITE_URL = "https://impactsocials.example"
    message = e_mail_sent_after(lambda: action(client))

    assert message.subject == f"[Impact Socials] {subject}"
    assert "The Impact Socials team" in message.body
    assert "https://impactsocials.example" in message.body
    for default in ("example.com", "127.0.0.1", "Hello from", "username", "sam_the_user"):
        assert default not in message.body


def test_the_e_mail_addresses_page_reads_in_hindi_with_the_sites_buttons(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("account_email"), HTTP_ACCEPT_LANGUAGE="hi").text
    assert '<html lang="hi">' in page
    assert "ये ई-मेल पते आपके खाते से जुड़े हैं:" in page
    assert "मुख्य बनाएँ" in page and "Make Primary" not in page
    assert 'class="button button-danger"' in page  # "Remove", as the site's other buttons


def messages_on(page) -> str:
    return " ".join(str(message) for message in page.context["messages"])


@pytest.mark.parametrize(
    "language, sent, check, confirm_question, confirmed",
    [
        (
            "hi",
            "हमने amina@ruaha.example पर पुष्टि का ई-मेल भेजा है।",
            "अपना ई-मेल देखें",
            "क्या amina@ruaha.example आपका ई-मेल पता है?",
            "amina@ruaha.example की पुष्टि हो गई।",
        ),
        (
            "en",
            "We have sent a confirmation e-mail to amina@ruaha.example.",
            "Check your e-mail",
            "Is amina@ruaha.example your e-mail address?",
            "amina@ruaha.example is confirmed.",
        ),
    ],
)
def test_joining_reads_in_the_visitors_language_from_sign_up_to_confirmation(
    client, language, sent, check, confirm_question, confirmed
):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    page = client.post(
        reverse("account_signup"),
        {
            "kind": "nonprofit",
            "organisation_name": "Ruaha Girls Network",
            "email": "amina@ruaha.example",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
        follow=True,
    )
    assert sent in messages_on(page) and check in page.text
    assert "Verify Your Email Address" not in page.text

    link = confirmation_link(mail.outbox[0])
    question = client.get(link).text
    assert confirm_question in question and "is an email address for user" not in question
    assert confirmed in messages_on(client.post(link, follow=True))


@pytest.mark.parametrize(
    "language, signed_in, signed_out",
    [
        ("hi", "आप sam@example.org से साइन इन हैं।", "आप साइन आउट हो गए हैं।"),
        ("en", "Signed in as sam@example.org.", "You have signed out."),
    ],
)
def test_signing_in_and_out_is_said_in_the_visitors_language_by_e_mail_not_username(
    client, language, signed_in, signed_out
):
    UserFactory(username="person42", email="sam@example.org")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    page = client.post(
        reverse("account_login"),
        {"login": "sam@example.org", "password": "correct-horse-battery"},
        follow=True,
    )
    assert signed_in in messages_on(page) and "person42" not in messages_on(page)
    assert signed_out in messages_on(client.post(reverse("account_logout"), follow=True))


def test_a_bad_e_mail_address_is_refused_in_plain_hindi(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "hi"
    page = sign_up(client, email="not-an-address", kind="")
    assert "सही ई-मेल पता लिखें।" in page.text and "डाक" not in page.text
    assert "कृपया इसे भरें।" in page.text and "अपेक्षित" not in page.text
    assert not User.objects.exists()


def test_signing_in_from_a_new_browser_is_said_in_the_language_saved_on_the_account(client):
    user = UserFactory(email="sam@example.org")
    User.objects.filter(pk=user.pk).update(language="hi")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # a browser that asks for English
    page = client.post(
        reverse("account_login"),
        {"login": "sam@example.org", "password": "correct-horse-battery"},
        follow=True,
    )
    assert '<html lang="hi">' in page.text
    assert "आप sam@example.org से साइन इन हैं।" in messages_on(page)


def test_the_confirmation_link_opens_in_the_language_of_the_account_on_any_browser(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "hi"
    sign_up(client)
    link = confirmation_link(mail.outbox[0])
    other_device = type(client)(HTTP_ACCEPT_LANGUAGE="en")

    page = other_device.get(link).text

    assert '<html lang="hi">' in page
    assert "क्या amina@ruaha.example आपका ई-मेल पता है?" in page
    assert "Is amina@ruaha.example your e-mail address?" not in page


def test_an_unknown_confirmation_link_says_so_in_the_browsers_language(client):
    page = client.get("/accounts/confirm-email/not-a-key/", HTTP_ACCEPT_LANGUAGE="en").text
    assert "This link has expired or is not valid." in page
