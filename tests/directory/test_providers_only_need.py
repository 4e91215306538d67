"""A need shown to signed-in tech providers only: a signed-out visitor (following a digest's
link, say) is asked to sign in and comes back to it; nobody else learns what it says."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from directory.listings.models import Moderation, Need
from tests.directory.test_accounts import confirmation_link, sign_up
from tests.factories import NeedFactory, OrganisationFactory, ProviderFactory, member_of

pytestmark = pytest.mark.django_db

PROMPT = "This need is shown only to signed-in tech providers"


@pytest.fixture
def need():
    return NeedFactory(
        organisation=OrganisationFactory(name="Ruaha Girls Network"),
        title="Text reminders to mothers",
        description="We call every mother before a clinic day and want to text them instead.",
        visibility=Need.Visibility.PROVIDERS,
    )


def link_named(page, label: str) -> str:
    """The address of the link or button labelled ``label`` in the page's main part (the
    header has a plain "Sign in" of its own)."""
    main = page.text[page.text.index('<main id="main"') : page.text.index("</main>")]
    return re.search(rf'href="([^"]+)"[^>]*>{label}</a>', main).group(1).replace("&amp;", "&")


def test_a_signed_out_visitor_is_asked_to_sign_in_and_told_nothing_of_the_need(client, need):
    page = client.get(need.get_absolute_url())
    assert page.status_code == 403
    assert PROMPT in page.text
    back_here = f"next=%2Fneeds%2F{need.pk}%2F"
    assert link_named(page, "Sign in") == f"/accounts/login/?{back_here}"
    assert link_named(page, "Sign up as a provider") == f"/accounts/signup/?{back_here}"
    for private in (need.title, "text them instead", "Ruaha Girls Network"):
        assert private not in page.text


def test_a_provider_member_sees_the_need(client, need):
    client.force_login(member_of(ProviderFactory()))
    page = client.get(need.get_absolute_url())
    assert page.status_code == 200
    assert need.title in page.text and PROMPT not in page.text


def test_a_signed_in_member_of_another_nonprofit_still_gets_not_found(client, need):
    client.force_login(member_of(OrganisationFactory()))
    page = client.get(need.get_absolute_url())
    assert page.status_code == 404
    assert need.title not in page.text and PROMPT not in page.text


@pytest.mark.parametrize(
    "hidden",
    [
        {"state": Need.State.CLOSED},
        {"state": Need.State.PAUSED},
        {"status": Moderation.PENDING},
        {"confirmed_at": timezone.now() - timedelta(days=200)},
    ],
    ids=["closed", "paused", "pending", "stale"],
)
def test_a_providers_only_need_nobody_may_browse_is_still_not_found(client, hidden):
    need = NeedFactory(visibility=Need.Visibility.PROVIDERS)
    Need.objects.filter(pk=need.pk).update(**hidden)
    page = client.get(need.get_absolute_url())
    assert page.status_code == 404 and PROMPT not in page.text


def test_signing_in_from_the_prompt_lands_on_the_need(client, need):
    provider = member_of(ProviderFactory())
    sign_in = link_named(client.get(need.get_absolute_url()), "Sign in")
    form = client.get(sign_in)
    assert f'name="next" value="{need.get_absolute_url()}"' in form.text
    page = client.post(
        sign_in,
        {
            "login": provider.email,
            "password": "correct-horse-battery",
            "next": need.get_absolute_url(),
        },
        follow=True,
    )
    assert page.redirect_chain[-1][0] == need.get_absolute_url()
    assert need.title in page.text


def test_signing_up_as_a_provider_from_the_prompt_lands_on_the_need(client, need):
    sign_up_link = link_named(client.get(need.get_absolute_url()), "Sign up as a provider")
    assert f'value="{need.get_absolute_url()}"' in client.get(sign_up_link).text
    sign_up(client, kind="provider", email="dev@clinic.example", next=need.get_absolute_url())
    page = client.post(confirmation_link(mail.outbox[0]), follow=True)
    assert page.redirect_chain[-1][0] == need.get_absolute_url()
    assert need.title in page.text
