"""The admin site curators use: Django's, with the review queue (``/admin/directory/queue/``)
and, on the index, how much waits for review. Installed as the default site by
``directory.curation.apps.CurationAdminConfig``."""

from django.contrib import admin
from django.urls import path

from directory.curation import review_queue


class CurationSite(admin.AdminSite):
    index_template = "admin/directory/index.html"

    def get_urls(self):
        queue = [
            path(
                "directory/queue/",
                self.admin_view(lambda request: review_queue.queue_view(request, self)),
                name="directory_queue",
            ),
            path(
                "directory/queue/decide/",
                self.admin_view(lambda request: review_queue.decide_view(request, self)),
                name="directory_queue_decide",
            ),
        ]
        return queue + super().get_urls()

    def index(self, request, extra_context=None):
        kinds = review_queue.kinds_shown(self, request)
        waiting = review_queue.summary(review_queue.counts_waiting(kinds)) if kinds else None
        return super().index(request, {"waiting": waiting, **(extra_context or {})})
