"""Errors as people meet them: a refusal told in plain words, and the 429 page."""

from django.contrib import messages
from django.shortcuts import render


class Refused(Exception):
    """What was asked cannot be done; the message tells the person why, in plain words."""


def carried_out(request, action, *, success: str):
    """Do ``action``, a service call, and tell the person how it went: its result, or None
    when it was refused (the refusal says why)."""
    try:
        result = action()
    except Refused as refused:
        messages.error(request, str(refused))
        return None
    messages.success(request, success)
    return result


def rate_limited(request, exception):
    """django-ratelimit sends blocked requests here: a clear 429, not a bare 403."""
    return render(request, "429.html", status=429)
