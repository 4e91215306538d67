from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # embeddings registers the model check (matching.E001); signals connects the receivers.
        from . import embeddings, signals  # noqa: F401
