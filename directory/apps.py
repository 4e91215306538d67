from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import changes

        changes.connect()  # change stamps for cached pages and the match index
