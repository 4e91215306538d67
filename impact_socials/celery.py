"""The Celery app: reads every ``CELERY_*`` setting from Django and finds the tasks.py of each
domain package that has background work."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "impact_socials.settings")

app = Celery("impact_socials")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    [
        "directory.engagement",
        "directory.listings",
        "directory.notifications",
        "directory.outbox",
        "matching",
    ]
)
