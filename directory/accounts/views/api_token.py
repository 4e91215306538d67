"""The member's API token, on its own page under the account settings: shown to its owner
only, created or replaced by a POST (a GET never changes it)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods
from rest_framework.authtoken.models import Token


@login_required
@require_http_methods(["GET", "POST"])
def api_token(request):
    if request.method == "POST":
        Token.objects.filter(user=request.user).delete()
        Token.objects.create(user=request.user)
        messages.success(
            request, gettext("Your new API token is ready. Any earlier one no longer works.")
        )
        return redirect("api_token")
    token = Token.objects.filter(user=request.user).first()
    return render(request, "directory/api_token.html", {"token": token})
