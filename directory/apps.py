from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from impact_socials.cache import create_cache_tables

        from .accounts import language  # noqa: F401  (keeps a language chosen before sign-in)
        from .curation import admin  # noqa: F401  (registers the admin pages)
        from .events import admin as events_admin  # noqa: F401  (the events admin pages)
        from .listings import changes

        changes.connect()  # change stamps for cached pages and the match index
        post_migrate.connect(create_cache_tables, sender=self)
