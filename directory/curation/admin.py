"""Curation in Django admin: moderation queue, provider verification, taxonomies."""

from django.contrib import admin, messages
from django.contrib.admin.models import LogEntry
from django.contrib.auth.admin import UserAdmin
from django.template.response import TemplateResponse

from directory.accounts.models import NotificationPreferences, User
from directory.curation.dpg_upload import DpgImportAdminMixin
from directory.curation.monthly import MonthlyCountsAdminMixin
from directory.curation.review_queue import RejectionForm, approve_listings, reject_listings
from directory.engagement.models import Feedback, Interest, Introduction
from directory.listings import changes, services
from directory.listings import models as listings
from directory.listings.models import Membership, Need, Offering, Organisation
from directory.notifications.models import Digest


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(User)
class ImpactUserAdmin(UserAdmin):
    list_display = ["email", "username", "first_name", "last_name", "is_staff", "date_joined"]
    search_fields = ["email", "username", "first_name", "last_name"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "is_verified", "profile_changes", "created_at"]
    list_filter = ["kind", "is_verified", "provider_type", "size_band"]
    search_fields = ["name", "website", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["sectors", "languages", "systems_in_use"]
    inlines = [MembershipInline]
    actions = ["verify", "unverify", "approve_profile"]

    @admin.display(description="profile changes waiting")
    def profile_changes(self, organisation) -> str:
        return ", ".join(organisation.pending_profile) or "—"

    @admin.action(description="Approve profile changes")
    def approve_profile(self, request, queryset):
        approved = services.organisations_approve_profile(queryset)
        self.message_user(
            request, f"{len(approved)} profile change(s) approved and shown.", messages.SUCCESS
        )

    @admin.action(description="Verify: their listings publish without review")
    def verify(self, request, queryset):
        updated = queryset.update(is_verified=True)
        changes.touch(changes.LISTINGS)  # update() sends no signals; the cards show the badge
        self.message_user(request, f"{updated} organisation(s) verified.", messages.SUCCESS)

    @admin.action(description="Remove verification")
    def unverify(self, request, queryset):
        updated = queryset.update(is_verified=False)
        changes.touch(changes.LISTINGS)
        self.message_user(
            request, f"{updated} organisation(s) no longer verified.", messages.SUCCESS
        )


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin):
    """Admin's history, read-only: curators' edits and the logged edits verified organisations
    make to their published listings (``listings.services.listing_save``)."""

    list_display = ["action_time", "user", "content_type", "object_repr", "change"]
    list_filter = ["content_type"]
    search_fields = ["object_repr", "user__email"]
    list_select_related = ["user", "content_type"]

    @admin.display(description="change")
    def change(self, entry) -> str:
        return entry.get_change_message()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "joined_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "organisation__name"]
    list_select_related = ["user", "organisation"]
    autocomplete_fields = ["user", "organisation"]


class VerifiedFilter(admin.BooleanFieldListFilter):
    """Filters by whether our team has verified the organisation, under a readable title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = "verified organisation"


class ListingAdmin(admin.ModelAdmin):
    """Moderation actions that needs and offerings share."""

    list_filter = ["status", "is_featured", ("organisation__is_verified", VerifiedFilter)]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]  # shown by name, found by typing it
    readonly_fields = ["created_at", "updated_at", "published_at", "featured_at"]
    actions = ["approve", "reject", "feature", "unfeature", "unpublish"]

    def save_model(self, request, obj, form, change):
        if "is_featured" in form.changed_data:
            obj.feature(obj.is_featured)  # dated, as the "feature" action does
        super().save_model(request, obj, form, change)

    @admin.action(description="Approve and publish")
    def approve(self, request, queryset):
        published = approve_listings(queryset)
        self.message_user(
            request,
            f"{len(published)} listing(s) published; their organisations are told by e-mail.",
            messages.SUCCESS,
        )

    @admin.action(description="Reject with a reason…")
    def reject(self, request, queryset):
        form = RejectionForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            rejected = reject_listings(queryset, reason)
            self.message_user(
                request,
                f"{len(rejected)} listing(s) rejected; their organisations are told why by e-mail.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Reject with a reason",
            "form": form,
            "listings": queryset,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/directory/reject.html", context)

    @admin.action(description="Feature on the home page")
    def feature(self, request, queryset):
        services.listings_feature(queryset, True)

    @admin.action(description="Stop featuring")
    def unfeature(self, request, queryset):
        services.listings_feature(queryset, False)

    @admin.action(description="Unpublish (back to draft)")
    def unpublish(self, request, queryset):
        unpublished = services.listings_unpublish(queryset)
        self.message_user(request, f"{len(unpublished)} listing(s) unpublished.", messages.SUCCESS)


@admin.register(Need)
class NeedAdmin(ListingAdmin):
    list_display = [
        "title",
        "organisation",
        "category",
        "status",
        "state",
        "visibility",
        "created_at",
    ]
    list_filter = ["status", "state", "visibility", "category", *ListingAdmin.list_filter[1:]]
    list_select_related = ["organisation", "category"]
    search_fields = ["title", "description", "organisation__name"]
    filter_horizontal = ["systems", "languages"]
    date_hierarchy = "created_at"


@admin.register(Offering)
class OfferingAdmin(DpgImportAdminMixin, ListingAdmin):
    list_display = [
        "name",
        "organisation",
        "kind",
        "pricing_model",
        "status",
        "is_featured",
        "variant_of",
        "created_at",
    ]
    list_filter = [
        "status",
        "kind",
        "pricing_model",
        "categories",
        *ListingAdmin.list_filter[1:],
        ("variant_of", admin.EmptyFieldListFilter),
    ]
    list_select_related = [*ListingAdmin.list_select_related, "variant_of"]
    raw_id_fields = ["variant_of"]
    search_fields = ["name", "summary", "description", "organisation__name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["categories", "sectors", "systems", "standards", "languages"]
    date_hierarchy = "created_at"


class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}


class HindiNamedAdmin(TaxonomyAdmin):
    """A taxonomy with a Hindi name, edited in its list as well as on its page."""

    list_display = ["name", "name_hi", "slug"]
    list_editable = ["name_hi"]
    search_fields = ["name", "name_hi", "keywords"]


@admin.register(listings.Category)
class CategoryAdmin(HindiNamedAdmin):
    list_display = ["name", "name_hi", "slug", "hosting_monthly_estimate", "description"]
    list_editable = ["name_hi", "hosting_monthly_estimate"]


@admin.register(listings.System)
class SystemAdmin(TaxonomyAdmin):
    list_display = ["name", "slug", "website"]
    filter_horizontal = ["standards"]


@admin.register(listings.Standard)
class StandardAdmin(HindiNamedAdmin):
    list_display = ["name", "name_hi", "slug", "data_export"]
    list_filter = ["data_export"]


@admin.register(listings.Sector)
class SectorAdmin(HindiNamedAdmin):
    pass


@admin.register(listings.Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "name_hi", "code"]
    list_editable = ["name_hi"]
    search_fields = ["name", "name_hi", "code"]


class PersonsRowAdmin(admin.ModelAdmin):
    """A row that belongs to one person: found by their e-mail, listed with them."""

    search_fields = ["user__email"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(NotificationPreferences)
class NotificationPreferencesAdmin(PersonsRowAdmin):
    list_display = [
        "user",
        "digest_frequency",
        "matches_for_my_needs",
        "matches_for_my_offerings",
        "product_news",
        "last_digest_at",
    ]
    list_filter = ["digest_frequency", "matches_for_my_needs", "matches_for_my_offerings"]
    readonly_fields = ["last_digest_at", "updated_at"]


@admin.register(Digest)
class DigestAdmin(PersonsRowAdmin):
    list_display = ["user", "period", "status", "match_count", "claimed_at", "sent_at"]
    list_filter = ["status", "period"]
    search_fields = [*PersonsRowAdmin.search_fields, "period"]
    readonly_fields = ["claim_token", "claimed_at", "sent_at", "match_count"]
    date_hierarchy = "claimed_at"
    actions = ["send_again"]

    @admin.action(description="Send again in the next hourly run (only if surely not sent)")
    def send_again(self, request, queryset):
        # A digest stuck "being sent" (its worker died) is never resent on its own: nobody
        # knows whether it went out. A curator who knows it did not can release it.
        updated = queryset.exclude(status=Digest.Status.SENT).update(status=Digest.Status.FAILED)
        self.message_user(request, f"{updated} digest(s) will be sent again.", messages.SUCCESS)


@admin.register(Introduction)
class IntroductionAdmin(MonthlyCountsAdminMixin, admin.ModelAdmin):
    list_display = ["need", "nonprofit", "offering", "provider", "status", "created_at"]
    list_filter = ["status", "created_at", ("offering__organisation__is_verified", VerifiedFilter)]
    search_fields = [
        "need__title",
        "offering__name",
        "need__organisation__name",
        "offering__organisation__name",
        "requested_by__email",
        "answered_by__email",
    ]
    list_select_related = ["need__organisation", "offering__organisation"]
    raw_id_fields = ["need", "offering", "requested_by", "answered_by"]
    readonly_fields = ["created_at", "closed_at", "feedback_requested_at"]
    date_hierarchy = "created_at"
    monthly_split = "status"

    @admin.display(description="nonprofit", ordering="need__organisation__name")
    def nonprofit(self, introduction):
        return introduction.need.organisation

    @admin.display(description="provider", ordering="offering__organisation__name")
    def provider(self, introduction):
        return introduction.offering.organisation


@admin.register(Interest)
class InterestAdmin(MonthlyCountsAdminMixin, admin.ModelAdmin):
    list_display = ["need", "offering", "created_at", "introduction"]
    list_filter = [("introduction", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["need__title", "offering__name", "need__organisation__name"]
    list_select_related = ["need", "offering", "introduction__need", "introduction__offering"]
    raw_id_fields = ["need", "offering", "expressed_by", "introduction"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"


@admin.register(Feedback)
class FeedbackAdmin(MonthlyCountsAdminMixin, admin.ModelAdmin):
    list_display = [
        "offering",
        "nonprofit",
        "pilot_happened",
        "fit",
        "integration",
        "support",
        "is_hidden",
        "created_at",
    ]
    list_filter = ["is_hidden", "pilot_happened", "fit", "integration", "support", "created_at"]
    search_fields = [
        "comment",
        "introduction__offering__name",
        "introduction__need__organisation__name",
    ]
    list_select_related = ["introduction__offering", "introduction__need__organisation"]
    raw_id_fields = ["introduction", "author"]
    readonly_fields = ["created_at"]
    date_hierarchy = "created_at"
    actions = ["hide", "show"]

    @admin.display(description="offering", ordering="introduction__offering__name")
    def offering(self, feedback):
        return feedback.introduction.offering

    @admin.display(description="nonprofit", ordering="introduction__need__organisation__name")
    def nonprofit(self, feedback):
        return feedback.introduction.need.organisation

    @admin.action(description="Hide: not shown, left out of the averages")
    def hide(self, request, queryset):
        updated = queryset.update(is_hidden=True)
        self.message_user(request, f"{updated} review(s) hidden.", messages.SUCCESS)

    @admin.action(description="Show again")
    def show(self, request, queryset):
        updated = queryset.update(is_hidden=False)
        self.message_user(request, f"{updated} review(s) shown again.", messages.SUCCESS)
