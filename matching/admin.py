from django.contrib import admin, messages

from directory.outbox.delivery import enqueue

from .models import Match, MatchingSettings
from .tasks import rematch_all


@admin.register(MatchingSettings)
class MatchingSettingsAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "need_weight",
        "interoperability_weight",
        "cost_weight",
        "threshold",
        "top_k",
        "rupees_per_dollar",
    ]
    actions = ["run_full_rematch"]

    def has_add_permission(self, request):
        return not MatchingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        enqueue(rematch_all)
        self.message_user(request, "Saved. A full re-match has been queued.", messages.INFO)

    @admin.action(description="Run a full re-match now")
    def run_full_rematch(self, request, queryset):
        enqueue(rematch_all)
        self.message_user(request, "A full re-match has been queued.", messages.SUCCESS)


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    list_display = [
        "need",
        "offering",
        "score",
        "need_fit",
        "interoperability",
        "cost_fit",
        "created_at",
    ]
    list_select_related = ["need", "offering"]
    list_filter = ["created_at"]
    search_fields = ["need__title", "offering__name"]
    raw_id_fields = ["need", "offering"]
    ordering = ["-score"]
