"""A nonprofit registers for the demo event, sees its proposed meetings with their reasons,
accepts one and downloads its agenda; the provider sees that the nonprofit accepted."""

import icalendar

from directory.events.models import Event, Meeting, Registration
from directory.events.scheduling import propose_meetings
from directory.listings.models import Membership
from tests.e2e.conftest import expect, sign_in

NONPROFIT = "Arewa Safe Motherhood Initiative"
NONPROFIT_EMAIL = "hauwa@arewa-motherhood.example"


def test_a_nonprofit_registers_accepts_a_meeting_and_the_provider_sees_it(
    demo, site, new_page, screenshot
):
    Registration.objects.filter(organisation__name=NONPROFIT).delete()
    nonprofit = new_page()
    sign_in(nonprofit, NONPROFIT_EMAIL)
    nonprofit.get_by_role("link", name="Events").click()
    nonprofit.get_by_role("link", name="Impact Socials, Bengaluru").click()
    nonprofit.get_by_role("button", name=f"Register {NONPROFIT}").click()
    expect(nonprofit.get_by_text("You are registered.")).to_be_visible()

    propose_meetings(Event.objects.get().pk)  # as when registration closes
    nonprofit.get_by_role("link", name="Your meetings").click()
    first = nonprofit.locator("article.meeting").first
    expect(first.get_by_text("Why it fits")).to_be_visible()
    expect(first.locator(".band")).to_be_visible()
    provider_name = first.locator(".card-title").inner_text().split(" · ", 1)[1]
    first.get_by_role("button", name="Accept").click()
    expect(nonprofit.get_by_text("Accepted. We have let them know.")).to_be_visible()
    screenshot(nonprofit, "agenda")

    with nonprofit.expect_download() as download:
        nonprofit.get_by_role("link", name="Add to your calendar").click()
    calendar = icalendar.Calendar.from_ical(download.value.path().read_bytes())
    starts = [entry["dtstart"].params["TZID"] for entry in calendar.walk("VEVENT")]
    assert starts and set(starts) == {"Asia/Kolkata"}

    meeting = Meeting.objects.get(nonprofit__name=NONPROFIT, provider__name=provider_name)
    provider_email = Membership.objects.filter(organisation=meeting.provider).first().user.email
    provider = new_page()
    sign_in(provider, provider_email)
    provider.goto(f"{site}/events/{meeting.event.slug}/agenda/")
    card = provider.locator(f"#meeting-{meeting.pk}")
    expect(card.get_by_text(f"{NONPROFIT} accepted.")).to_be_visible()
