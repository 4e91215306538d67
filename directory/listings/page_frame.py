"""The page around a list's or an offering page's shared content (header, navigation,
footer), rendered once per process for each reader, template and language instead of on
every request.

A frame is keyed by whose header it is: "signed-out" for everyone signed out, or the token
accounts/signed_in.py gives a person each time it reads them afresh (a new token whenever
the user is saved or their organisation or membership changes: listings/changes.py). So a
frame shows one person only to that person, and nothing older than what the header would
show if rendered now. What changes from request to request is left as a slot when the frame
is rendered and filled in for each request: the address (the language switch's ``next``,
escaped as the template would), the page's title (``page_title``, escaped too), the CSRF
token (a fresh one from Django's ``get_token``, which also sets the cookie) and the content.
A page with messages to show is rendered whole.

Frames live in the ``page_frames`` cache, this process's memory (settings.py), so a deploy
starts with none.
"""

import re

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape

# Where accounts/signed_in.py leaves (user id, token) on the request.
PERSON_TOKEN = "_person_token"
SIGNED_OUT = "signed-out"
FRAME_SECONDS = 300
CONTENT, CSRF_TOKEN, ADDRESS = "frame-slot-content", "frame-slot-csrf", "frame-slot-address"
TITLE = "frame-slot-title"


class FrameRequest:
    """The request as the frame's template sees it, with the address left as a slot."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_full_path(self) -> str:
        return ADDRESS


def owner(request) -> str | None:
    """Whose header the page shows, or None when that is not known (no frame then)."""
    user = request.user
    if not user.is_authenticated:
        return SIGNED_OUT
    known = getattr(request, PERSON_TOKEN, None)
    return known[1] if known is not None and known[0] == user.pk else None


def frame(request, template_name: str) -> tuple[str, str] | None:
    """The page before and after the content, with the slots in it."""
    whose = owner(request)
    if whose is None:
        return None
    frames = caches["page_frames"]
    key = f"{template_name}:{translation.get_language()}:{whose}"
    parts = frames.get(key)
    if parts is None:
        context = {
            "content": CONTENT,
            "page_title": TITLE,
            "csrf_token": CSRF_TOKEN,
            "request": FrameRequest(request),
        }
        page = render_to_string(template_name, context, request=request)
        if page.count(CONTENT) != 1:
            return None
        parts = tuple(page.split(CONTENT))
        frames.set(key, parts, timeout=FRAME_SECONDS)
    return parts


def framed(request, template_name: str, content: str, title: str = "") -> HttpResponse:
    """``render(request, template_name, {"content": content, "page_title": title})``, from
    the stored frame."""
    parts = None if get_messages(request) else frame(request, template_name)
    if parts is None:
        return render(request, template_name, {"content": content, "page_title": title})
    slots = {ADDRESS: escape(request.get_full_path()), TITLE: escape(title)}
    if any(CSRF_TOKEN in part for part in parts):
        slots[CSRF_TOKEN] = get_token(request)
    before, after = (fill(part, slots) for part in parts)
    return HttpResponse(before + content + after)


SLOT = re.compile(f"{CSRF_TOKEN}|{ADDRESS}|{TITLE}")


def fill(part: str, slots: dict[str, str]) -> str:
    """Each slot in ``part`` filled, in one pass: what one slot is filled with (an address, a
    title) is never read for another slot."""
    return SLOT.sub(lambda found: slots.get(found[0], found[0]), part)
