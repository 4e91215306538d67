"""A nonprofit asks a provider for an introduction from its need's matches; the provider
accepts from its dashboard; only then do both see each other's e-mail address."""

from tests.e2e.conftest import expect, sign_in

NONPROFIT_EMAIL = "hauwa@arewa-motherhood.example"
PROVIDER_EMAIL = "david@fieldnote.example"
NEED = "Patient records for our two maternity clinics"


def test_an_introduction_is_asked_accepted_and_shares_contacts(demo, new_page, screenshot):
    nonprofit = new_page()
    sign_in(nonprofit, NONPROFIT_EMAIL)
    # FieldNote Collect fits her systems more than her need, so it is no match for it; she
    # finds the tool herself and asks about that need.
    nonprofit.get_by_role("link", name="Find tools").click()
    nonprofit.get_by_role("link", name="FieldNote Collect").first.click()
    nonprofit.get_by_role("link", name="Ask for an introduction").click()
    nonprofit.get_by_label("Which of your needs is it about?").select_option(label=NEED)
    nonprofit.get_by_label("Your message").fill("Could our midwives use it on tablets?")
    nonprofit.get_by_role("button", name="Send the request").click()
    expect(nonprofit.get_by_text("Sent. FieldNote Labs has 7 days to answer")).to_be_visible()
    expect(nonprofit.get_by_text(PROVIDER_EMAIL)).to_have_count(0)
    request_url = nonprofit.url

    provider = new_page()
    sign_in(provider, PROVIDER_EMAIL)
    requests = provider.locator("section.introductions")
    expect(requests.get_by_text(NONPROFIT_EMAIL)).to_have_count(0)
    requests.locator("tr", has_text=NEED).get_by_role("link", name="Answer by").click()
    provider.get_by_label("A note for them (optional)").fill("Happy to help. Call next week?")
    provider.get_by_role("button", name="Accept and share e-mail addresses").click()
    expect(provider.get_by_role("link", name=NONPROFIT_EMAIL)).to_be_visible()
    screenshot(provider, "provider")

    nonprofit.goto(request_url)
    expect(nonprofit.get_by_role("link", name=PROVIDER_EMAIL)).to_be_visible()
    expect(nonprofit.get_by_text("Happy to help. Call next week?")).to_be_visible()
    screenshot(nonprofit, "nonprofit")
