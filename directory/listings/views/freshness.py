"""The page behind a freshness reminder's link: confirm a listing without signing in."""

from django.core import signing
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from directory.listings import freshness

TEMPLATE = "directory/confirm_listing.html"


# The signed link is the credential, like an unsubscribe link. Only the POST confirms, so a
# mail provider's link scanner opening the page cannot keep a stale listing alive.
@require_http_methods(["GET", "POST"])
def confirm_listing(request, token: str):
    try:
        listing = freshness.listing_for_token(token)
    except signing.SignatureExpired:
        return render(request, TEMPLATE, {"state": "expired"}, status=400)
    except (signing.BadSignature, ValueError, KeyError, ObjectDoesNotExist):
        return render(request, TEMPLATE, {"state": "invalid"}, status=400)
    state = "ask"
    if request.method == "POST":
        listing.confirm()
        listing.save()
        state = "done"
    return render(request, TEMPLATE, {"state": state, "listing": listing})
