from django.shortcuts import render


def rate_limited(request, exception):
    """django-ratelimit sends blocked requests here: a clear 429, not a bare 403."""
    return render(request, "429.html", status=429)
