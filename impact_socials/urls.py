from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Impact Socials — curation"
admin.site.site_title = "Impact Socials admin"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("directory.urls")),
]
