"""A person's e-mail settings, unsubscribing with the link in an e-mail, and their own data."""

from allauth.account.models import EmailAddress
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from directory.accounts import data_export as account_data
from directory.accounts.models import NotificationPreferences, User
from directory.notifications import unsubscribe as unsubscribing


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationPreferences
        fields = [
            "digest_frequency",
            "matches_for_my_needs",
            "matches_for_my_offerings",
            "product_news",
        ]
        labels = {
            "digest_frequency": gettext_lazy(
                "How often should we e-mail you a digest of new matches?"
            )
        }
        help_texts = {
            "digest_frequency": gettext_lazy("We only write when there is something new."),
            "matches_for_my_needs": gettext_lazy("For members of a nonprofit."),
            "matches_for_my_offerings": gettext_lazy("For members of a tech provider."),
            "product_news": gettext_lazy("A few times a year at most."),
        }
        widgets = {"digest_frequency": forms.RadioSelect}

    def __init__(self, *args, kinds: set[str], **kwargs):
        """``kinds``: the kinds of the person's organisations; a choice for the other kind is
        left out (someone in no organisation yet sees both)."""
        super().__init__(*args, **kwargs)
        for kind, field in (
            ("nonprofit", "matches_for_my_needs"),
            ("provider", "matches_for_my_offerings"),
        ):
            if kinds and kind not in kinds:
                del self.fields[field]


@login_required
def account_settings(request):
    preferences, _ = NotificationPreferences.objects.get_or_create(user=request.user)
    kinds = set(request.user.memberships.values_list("organisation__kind", flat=True))
    form = PreferencesForm(request.POST or None, instance=preferences, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, gettext("Your e-mail settings are saved."))
        return redirect("account_settings")
    verified = EmailAddress.objects.filter(user=request.user, verified=True).order_by("-primary")
    return render(
        request,
        "directory/account_settings.html",
        {"form": form, "preferences": preferences, "digest_email": verified.first()},
    )


# The token is the only credential: one-click POSTs from mail apps carry no session and no CSRF
# token (RFC 8058). Only a POST unsubscribes, so link scanners following a GET change nothing.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        user = unsubscribing.user_for_token(token)
    except signing.SignatureExpired:
        return refuse(request, "expired")
    except (signing.BadSignature, User.DoesNotExist):
        return refuse(request, "invalid")
    if request.method == "POST":
        unsubscribing.unsubscribe(user)
        return render(request, "directory/unsubscribe.html", {"state": "done"})
    return render(request, "directory/unsubscribe.html", {"state": "confirm"})


def refuse(request, state: str):
    return render(request, "directory/unsubscribe.html", {"state": state}, status=400)


@login_required
def export_data(request):
    response = JsonResponse(account_data.export_for(request.user), encoder=DjangoJSONEncoder)
    response["Content-Disposition"] = 'attachment; filename="impact-socials-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    going = account_data.organisations_left_without_members(request.user)
    if request.method == "POST" and request.POST.get("confirm") == "delete":
        account_data.delete_account(request.user)
        logout(request)
        messages.success(
            request,
            gettext("Your account is deleted. Thank you for using %(site)s.")
            % {"site": settings.SITE_NAME},
        )
        return redirect("home")
    return render(request, "directory/account_delete.html", {"organisations_going": going})
