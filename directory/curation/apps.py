from django.contrib.admin.apps import AdminConfig


class CurationAdminConfig(AdminConfig):
    """Django's admin, with the curators' site (``directory.curation.site``) as its default."""

    default_site = "directory.curation.site.CurationSite"
