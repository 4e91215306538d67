"""Events in the curators' admin: create an event, see who registered, propose the meetings
(the same task that runs when registration closes), and open the schedule."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.events.models import Event, Meeting, Registration
from directory.events.tasks import propose_meetings
from directory.outbox.delivery import enqueue_each


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ["organisation", "registered_by"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["name", "date", "place", "registration_closes_at", "proposed_at", "schedule"]
    search_fields = ["name", "place"]
    readonly_fields = ["proposed_at", "agenda_sent_at"]
    inlines = [RegistrationInline]
    actions = ["propose"]

    @admin.display(description=_("schedule"))
    def schedule(self, event: Event) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("event_curator", args=[event.slug]),
            gettext("Counts, tables and CSV"),
        )

    @admin.action(description=_("Propose meetings"))
    def propose(self, request, queryset):
        ids = list(queryset.values_list("pk", flat=True))
        enqueue_each(propose_meetings, [(pk,) for pk in ids])
        self.message_user(
            request,
            gettext("Proposing the meetings of %(count)d event(s).") % {"count": len(ids)},
            messages.SUCCESS,
        )


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["event", "slot", "table", "nonprofit", "provider", "status", "band"]
    list_filter = ["status", "band", "event"]
    list_select_related = ["event", "nonprofit", "provider"]
    raw_id_fields = ["need", "offering", "nonprofit", "provider", "requested_by", "introduction"]
