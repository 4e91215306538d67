from django.contrib import admin
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
