"""Nonprofit members posting and managing needs; everyone else kept out."""

import pytest
from django.urls import reverse

from directory.accounts.acting import organisation_for
from directory.listings.models import Moderation, Need
from tests.factories import NeedFactory, OrganisationFactory, member_of, need_form, system

pytestmark = pytest.mark.django_db


def test_visitor_is_sent_to_sign_in_before_posting(client):
    page = client.get(reverse("need_create"))
    assert page.status_code == 302 and reverse("account_login") in page.url


def test_posting_a_need_sends_it_for_review(client, nonprofit_member):
    client.force_login(nonprofit_member)
    page = client.post(reverse("need_create"), need_form(systems=[system().pk]))
    need = Need.objects.get()
    assert page.status_code == 302 and page.url == need.get_absolute_url()
    assert need.status == Moderation.PENDING
    assert need.organisation == organisation_for(nonprofit_member)
    assert [s.slug for s in need.systems.all()] == ["google-sheets"]


def test_a_verified_nonprofit_publishes_straight_away(client, nonprofit_member):
    organisation = organisation_for(nonprofit_member)
    organisation.is_verified = True
    organisation.save()
    client.force_login(nonprofit_member)
    client.post(reverse("need_create"), need_form())
    assert Need.objects.get().status == Moderation.PUBLISHED


def test_save_as_draft_keeps_it_private(client, nonprofit_member):
    client.force_login(nonprofit_member)
    data = need_form()
    del data["publish"]
    client.post(reverse("need_create"), {**data, "draft": "1"})
    need = Need.objects.get()
    assert need.status == Moderation.DRAFT
    client.logout()
    assert client.get(need.get_absolute_url()).status_code == 404


def test_unknown_system_id_is_refused(client, nonprofit_member):
    client.force_login(nonprofit_member)
    page = client.post(reverse("need_create"), need_form(systems=["987654"]))
    assert "Choose one of the options shown" in page.text
    assert not Need.objects.exists()


def test_free_only_with_a_budget_asks_for_one_or_the_other(client, nonprofit_member):
    client.force_login(nonprofit_member)
    page = client.post(reverse("need_create"), need_form(free_only="on", monthly_budget="30"))
    assert "Leave this empty when you want free tools only" in page.text
    assert not Need.objects.exists()


def test_html_in_a_need_is_stored_as_typed_and_escaped(client, nonprofit_member):
    client.force_login(nonprofit_member)
    client.post(reverse("need_create"), need_form(title="<img src=x onerror=alert(1)>"))
    need = Need.objects.get()
    assert need.title == "<img src=x onerror=alert(1)>"
    page = client.get(need.get_absolute_url())
    assert "<img src=x" not in page.text and "&lt;img src=x" in page.text


def test_providers_cannot_post_needs(client, provider_member):
    client.force_login(provider_member)
    assert client.get(reverse("need_create")).status_code == 403
    assert client.post(reverse("need_create"), need_form()).status_code == 403
    assert not Need.objects.exists()


def test_members_edit_their_own_need(client, nonprofit_member):
    need = NeedFactory(organisation=organisation_for(nonprofit_member))
    client.force_login(nonprofit_member)
    client.post(reverse("need_edit", args=[need.pk]), need_form(title="A clearer title"))
    need.refresh_from_db()
    assert need.title == "A clearer title"
    # The nonprofit is not verified, so the changed need goes back to review
    # (docs/architecture.md#moderation).
    assert need.status == Moderation.PENDING


def test_another_organisation_cannot_edit_or_close_a_need(client, nonprofit_member):
    need = NeedFactory(title="Not yours")
    client.force_login(nonprofit_member)
    assert client.get(reverse("need_edit", args=[need.pk])).status_code == 404
    assert client.post(reverse("need_edit", args=[need.pk]), need_form()).status_code == 404
    assert client.post(reverse("need_action", args=[need.pk, "close"])).status_code == 404
    need.refresh_from_db()
    assert need.title == "Not yours" and need.state == Need.State.OPEN


def test_visitor_cannot_change_a_need(client):
    need = NeedFactory()
    page = client.post(reverse("need_action", args=[need.pk, "close"]))
    assert page.status_code == 302 and reverse("account_login") in page.url
    need.refresh_from_db()
    assert need.state == Need.State.OPEN


@pytest.mark.parametrize(
    ("action", "state"),
    [("pause", Need.State.PAUSED), ("fulfil", Need.State.FULFILLED), ("close", Need.State.CLOSED)],
)
def test_owner_pauses_fulfils_or_closes_a_need(client, nonprofit_member, action, state):
    need = NeedFactory(organisation=organisation_for(nonprofit_member))
    client.force_login(nonprofit_member)
    client.post(reverse("need_action", args=[need.pk, action]))
    need.refresh_from_db()
    assert need.state == state


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Paused. It is hidden from providers until you open it again."),
        ("hi", "रोक दिया। जब तक आप इसे फिर से नहीं खोलते, प्रदाता इसे नहीं देखेंगे।"),
    ],
)
def test_what_was_done_is_said_in_the_pages_language(client, nonprofit_member, language, said):
    need = NeedFactory(organisation=organisation_for(nonprofit_member))
    client.force_login(nonprofit_member)
    page = client.post(
        reverse("need_action", args=[need.pk, "pause"]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert f'<html lang="{language}">' in page.text
    assert said in page.text


def test_a_paused_need_waiting_for_review_promises_no_matches_below(client, nonprofit_member):
    need = NeedFactory(organisation=organisation_for(nonprofit_member), status=Moderation.PENDING)
    client.force_login(nonprofit_member)
    client.post(reverse("need_action", args=[need.pk, "pause"]))
    page = client.get(need.get_absolute_url()).text
    assert "We look for matches while a need is open." in page
    assert "below already" not in page
    # Paused is what it is now, on its page and on the dashboard, not "waiting for review".
    assert "Waiting for review" not in page
    dashboard = client.get(reverse("dashboard")).text
    assert '<td data-label="Status">Paused</td>' in dashboard


def test_paused_need_leaves_the_list_and_comes_back_when_reopened(client, nonprofit_member):
    need = NeedFactory(title="Comes and goes", organisation=organisation_for(nonprofit_member))
    client.force_login(nonprofit_member)
    client.post(reverse("need_action", args=[need.pk, "pause"]))
    assert "Comes and goes" not in client.get(reverse("need_list")).text
    client.post(reverse("need_action", args=[need.pk, "reopen"]))
    assert "Comes and goes" in client.get(reverse("need_list")).text


def test_actions_need_post(client, nonprofit_member):
    need = NeedFactory(organisation=organisation_for(nonprofit_member))
    client.force_login(nonprofit_member)
    assert client.get(reverse("need_action", args=[need.pk, "close"])).status_code == 405


def test_dashboard_lists_my_needs_only(client, nonprofit_member):
    NeedFactory(title="Mine", organisation=organisation_for(nonprofit_member))
    NeedFactory(title="Theirs")
    client.force_login(nonprofit_member)
    page = client.get(reverse("dashboard"))
    assert "Mine" in page.text and "Theirs" not in page.text


def test_a_need_waiting_for_review_links_to_the_matches_its_page_shows(client, nonprofit_member):
    waiting = NeedFactory(
        title="Waiting one",
        organisation=organisation_for(nonprofit_member),
        status=Moderation.PENDING,
    )
    client.force_login(nonprofit_member)
    html = client.get(reverse("dashboard")).text
    row = html.split("Waiting one", 1)[1].split("</tr>", 1)[0]
    assert f'{waiting.get_absolute_url()}#matches-heading">See them now</a>' in row
    assert 'data-label="Matches"' in row, "on a phone each cell is named by its column"


def test_a_bot_filling_the_hidden_field_saves_nothing(client, nonprofit_member):
    client.force_login(nonprofit_member)
    page = client.post(reverse("need_create"), need_form(homepage="http://spam.example"))
    assert page.status_code == 200 and "could not be sent" in page.text
    assert not Need.objects.exists()


def test_a_new_need_starts_from_the_organisations_country(client):
    organisation = OrganisationFactory(country="KE")
    client.force_login(member_of(organisation))

    form = client.get(reverse("need_create")).context["form"]

    assert form["country"].value() == "KE"


@pytest.mark.parametrize(
    ("verified", "button"), [(True, "Publish need"), (False, "Send for review")]
)
def test_the_button_says_whether_the_need_publishes_at_once_or_waits_for_review(
    client, verified, button
):
    client.force_login(member_of(OrganisationFactory(is_verified=verified)))
    page = client.get(reverse("need_create")).text
    assert f">{button}</button>" in page


def test_a_need_page_names_the_systems_its_organisation_already_uses(client):
    organisation = OrganisationFactory()
    organisation.systems_in_use.set([system("dhis2"), system("microsoft-excel")])
    need = NeedFactory(organisation=organisation)
    need.systems.clear()
    page = client.get(need.get_absolute_url()).text
    assert "Nothing in particular" in page  # the need itself asks for no system
    already = page.split("Already uses", 1)[1].split("</dd>", 1)[0]
    assert "DHIS2" in already and "Microsoft Excel" in already
    hindi = client.get(need.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="hi").text
    assert "पहले से इस्तेमाल करती है" in hindi


def test_a_need_page_without_systems_in_use_says_nothing_of_them(client):
    need = NeedFactory(organisation=OrganisationFactory())
    assert "Already uses" not in client.get(need.get_absolute_url()).text


@pytest.mark.parametrize(
    ("status", "action", "said", "not_said"),
    [
        (Moderation.PUBLISHED, "close", "Closed. Providers no longer see it", None),
        (Moderation.PENDING, "close", "Closed. Only your organisation can see it.", "no longer"),
        (Moderation.DRAFT, "close", "Closed. Only your organisation can see it.", "no longer"),
        (
            Moderation.PENDING,
            "pause",
            "Paused. Only your organisation can see it.",
            "hidden from providers",
        ),
    ],
)
def test_closing_or_pausing_says_providers_no_longer_see_it_only_if_they_did(
    client, nonprofit_member, status, action, said, not_said
):
    need = NeedFactory(organisation=organisation_for(nonprofit_member), status=status)
    client.force_login(nonprofit_member)
    page = client.post(reverse("need_action", args=[need.pk, action]), follow=True).text
    assert said in page
    if not_said:
        assert not_said not in page


def test_a_paused_need_closed_was_not_seen_by_providers(client, nonprofit_member):
    need = NeedFactory(organisation=organisation_for(nonprofit_member), state=Need.State.PAUSED)
    client.force_login(nonprofit_member)
    page = client.post(reverse("need_action", args=[need.pk, "close"]), follow=True).text
    assert "Closed. Only your organisation can see it." in page


@pytest.mark.parametrize(
    ("status", "said"),
    [
        (Moderation.PUBLISHED, "It is open again."),
        (
            Moderation.PENDING,
            "It is open again. Providers don&#x27;t see it yet; its status says why.",
        ),
    ],
)
def test_reopening_says_whether_providers_see_it(client, nonprofit_member, status, said):
    need = NeedFactory(
        organisation=organisation_for(nonprofit_member), status=status, state=Need.State.PAUSED
    )
    client.force_login(nonprofit_member)
    page = client.post(reverse("need_action", args=[need.pk, "reopen"]), follow=True).text
    assert said in page
    if status == Moderation.PUBLISHED:
        assert "don&#x27;t see it yet" not in page


def test_a_need_waiting_for_review_says_only_its_organisation_sees_it_for_now(
    client, nonprofit_member
):
    need = NeedFactory(organisation=organisation_for(nonprofit_member), status=Moderation.PENDING)
    client.force_login(nonprofit_member)
    page = client.get(need.get_absolute_url()).text
    assert "Only your organisation for now; once it is open and published: Everyone" in page
    need.status = Moderation.PUBLISHED
    need.save()
    page = client.get(need.get_absolute_url()).text
    assert "<dt>Visible to</dt><dd>Everyone</dd>" in page


def test_a_draft_on_the_dashboard_shows_no_confirmation_date(client, nonprofit_member):
    organisation = organisation_for(nonprofit_member)
    NeedFactory(organisation=organisation, title="Still a draft", status=Moderation.DRAFT)
    NeedFactory(organisation=organisation, title="Out there")
    client.force_login(nonprofit_member)
    rows = client.get(reverse("dashboard")).text.split("<tr>")
    draft = next(row for row in rows if "Still a draft" in row)
    published = next(row for row in rows if "Out there" in row)
    assert '<td data-label="Confirmed">—</td>' in draft
    assert '<td data-label="Confirmed">Today</td>' in published


def test_a_drafts_page_says_when_the_draft_was_started_not_posted_or_confirmed(
    client, nonprofit_member
):
    need = NeedFactory(organisation=organisation_for(nonprofit_member), status=Moderation.DRAFT)
    client.force_login(nonprofit_member)
    page = client.get(need.get_absolute_url()).text
    assert "draft started" in page
    assert "posted" not in page and "Confirmed today" not in page
