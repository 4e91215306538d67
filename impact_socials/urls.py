from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from matching.api import MatchPreviewView

from . import pages
from .accounts import AdminLoginForm, ConfirmEmailInTheirLanguage, admin_login
from .health import healthz

admin.site.site_header = "Impact Socials — curation"
admin.site.site_title = "Impact Socials admin"
admin.site.login_form = AdminLoginForm
# Through allauth's login flow, which asks for a second factor (impact_socials/accounts.py).
admin.site.login = admin_login

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    # Before allauth's own: the confirmation page in the language of the account it confirms.
    path(
        "accounts/confirm-email/<str:key>/",
        ConfirmEmailInTheirLanguage.as_view(),
        name="account_confirm_email",
    ),
    path("accounts/", include("allauth.urls")),
    path("api/match-preview/", MatchPreviewView.as_view(), name="api_match_preview"),
    path("api/", include("directory.api.urls")),
    *(path(f"{name}/", pages.page, {"name": name}, name=name) for name in pages.PAGES),
    path("", include("directory.urls")),
]

if settings.BENCH_MINIMAL_VIEW:
    # bench/web.py compares pages with this: the same stack (middleware, gunicorn), no work.
    urlpatterns.insert(0, path("bench/minimal/", lambda request: HttpResponse("ok")))
