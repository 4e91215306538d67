from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .curation import admin  # noqa: F401  (registers the admin pages)
        from .listings import changes

        changes.connect()  # change stamps for cached pages and the match index
