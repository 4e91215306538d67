from django.conf import settings
from django.contrib import admin
from django.http import HttpResponse
from django.urls import include, path

from matching.api import MatchPreviewView

from .health import healthz

admin.site.site_header = "Impact Socials — curation"
admin.site.site_title = "Impact Socials admin"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("api/match-preview/", MatchPreviewView.as_view(), name="api_match_preview"),
    path("", include("directory.urls")),
]

if settings.BENCH_MINIMAL_VIEW:
    # bench/web.py compares pages with this: the same stack (middleware, gunicorn), no work.
    urlpatterns.insert(0, path("bench/minimal/", lambda request: HttpResponse("ok")))
