"""The site's own pages, linked from every page's footer: about, privacy, terms, contact."""

from django.conf import settings
from django.shortcuts import render


def about(request):
    return render(request, "pages/about.html")


def privacy(request):
    return render(request, "pages/privacy.html")


def terms(request):
    return render(request, "pages/terms.html")


def contact(request):
    return render(request, "pages/contact.html", {"contact_email": settings.CONTACT_EMAIL})
