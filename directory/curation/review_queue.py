"""The curators' review queue: everything waiting for a decision, oldest first, with one-click
approve and reject-with-a-reason, through the same services and e-mails as admin's actions
(docs/architecture.md#moderation)."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from directory.listings import services
from directory.listings.models import Listing, Moderation, Need, Offering, Organisation
from directory.notifications import moderation_mail as moderation

SHOWN = 100  # rows on the page; the counts above it say how many wait in all
REASON_MAX = 500


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=gettext_lazy(
            "Shown to the organisation, so write it kindly and say what to change."
        ),
        error_messages={"required": gettext_lazy("Write a reason to reject.")},
    )


def approve_listings(listings: QuerySet) -> list[Listing]:
    """Publish the listings and tell their organisations by e-mail; returns those published."""
    published = services.listings_approve(listings)
    moderation.tell_owners(published)
    return published


def reject_listings(listings: QuerySet, reason: str) -> list[Listing]:
    """Mark the listings "not approved" with the reason and tell their organisations why."""
    rejected = services.listings_reject(listings, reason)
    moderation.tell_owners(rejected)
    return rejected


@dataclass(frozen=True)
class Kind:
    """One kind of thing that waits: its model, the rows that wait and how to decide one."""

    key: str
    label: str
    model: type[Model]

    def pending(self) -> QuerySet:
        """Its rows that wait, whole: what the services decide on."""
        if self.model is Organisation:
            return Organisation.objects.exclude(pending_profile={})
        return self.model.objects.filter(status=Moderation.PENDING)

    def waiting(self) -> QuerySet:
        """Its rows that wait, with only what the queue shows."""
        if self.model is Organisation:
            return self.pending().only("name", "pending_profile", "updated_at")
        title = "title" if self.model is Need else "name"
        return (
            self.pending()
            .select_related("organisation")
            .only(title, "updated_at", "organisation__name")
        )

    def organisation_of(self, row) -> Organisation:
        return row if self.model is Organisation else row.organisation

    def approve(self, rows: QuerySet, request) -> list:
        if self.model is Organisation:
            return services.organisations_approve_profile(rows)
        return approve_listings(rows)

    def reject(self, rows: QuerySet, reason: str, request) -> list:
        if self.model is Organisation:
            return services.organisations_reject_profile(rows, reason, by=request.user)
        return reject_listings(rows, reason)


KINDS = {
    kind.key: kind
    for kind in (
        Kind("need", gettext_lazy("Need"), Need),
        Kind("offering", gettext_lazy("Offering"), Offering),
        Kind("profile", gettext_lazy("Profile changes"), Organisation),
    )
}


@dataclass(frozen=True)
class Row:
    kind: Kind
    pk: int
    title: str
    organisation: Organisation
    since: datetime  # its last change: when it was sent for review
    url: str  # its admin page, to read it in full before deciding
    may_decide: bool


def admin_url(row: Model, action: str = "change") -> str:
    opts = row._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=[row.pk])


def kinds_shown(site, request) -> list[tuple[Kind, bool]]:
    """The kinds this curator may look at, each with whether they may decide them."""
    shown = []
    for kind in KINDS.values():
        model_admin = site._registry[kind.model]
        if model_admin.has_view_or_change_permission(request):
            shown.append((kind, model_admin.has_change_permission(request)))
    return shown


def title_of(kind: Kind, row) -> str:
    if kind.model is Organisation:
        changes = ", ".join(f"{name}: “{value}”" for name, value in row.pending_profile.items())
        return gettext("New %(changes)s") % {"changes": changes}
    return str(row)


def rows_waiting(kinds: list[tuple[Kind, bool]]) -> tuple[list[Row], dict[str, int]]:
    """The oldest ``SHOWN`` rows waiting, of every kind, oldest first, and how many of each
    kind wait: one query a kind, and a count only for a kind with more than ``SHOWN``."""
    rows, counts = [], {}
    for kind, may_decide in kinds:
        found = list(kind.waiting().order_by("updated_at", "pk")[:SHOWN])
        counts[kind.key] = len(found) if len(found) < SHOWN else kind.waiting().count()
        rows += [
            Row(
                kind=kind,
                pk=row.pk,
                title=title_of(kind, row),
                organisation=kind.organisation_of(row),
                since=row.updated_at,
                url=admin_url(row),
                may_decide=may_decide,
            )
            for row in found
        ]
    rows.sort(key=lambda row: row.since)
    return rows[:SHOWN], counts


def counts_waiting(kinds: list[tuple[Kind, bool]]) -> dict[str, int]:
    return {kind.key: kind.waiting().count() for kind, _ in kinds}


def summary(counts: dict[str, int]) -> str:
    """E.g. "3 needs, 5 offerings, 1 profile change waiting"; "" when nothing waits."""
    words = {
        "need": lambda n: ngettext("%(count)d need", "%(count)d needs", n),
        "offering": lambda n: ngettext("%(count)d offering", "%(count)d offerings", n),
        "profile": lambda n: ngettext("%(count)d profile change", "%(count)d profile changes", n),
    }
    parts = [words[key](n) % {"count": n} for key, n in counts.items() if n]
    if not parts:
        return ""
    return gettext("%(things)s waiting") % {"things": ", ".join(parts)}


def queue_view(request, site):
    """The queue page (``admin:directory_queue``)."""
    kinds = kinds_shown(site, request)
    if not kinds:
        raise PermissionDenied
    rows, counts = rows_waiting(kinds)
    context = {
        **site.each_context(request),
        "title": gettext("Waiting for review"),
        "rows": rows,
        "summary": summary(counts),
        "total": sum(counts.values()),
        "shown": SHOWN,
        "reason_max": REASON_MAX,
    }
    return TemplateResponse(request, "admin/directory/queue.html", context)


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(choices=[(key, key) for key in KINDS])
    pk = forms.IntegerField(min_value=1)
    decision = forms.ChoiceField(choices=[("approve", "approve"), ("reject", "reject")])


@require_POST
def decide_view(request, site):
    """One curator's decision on one row of the queue (``admin:directory_queue_decide``)."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("That decision could not be read; please try again."))
        return redirect("admin:directory_queue")
    kind = KINDS[form.cleaned_data["kind"]]
    if not site._registry[kind.model].has_change_permission(request):
        raise PermissionDenied
    rows = kind.pending().filter(pk=form.cleaned_data["pk"])
    row = kind.waiting().filter(pk=form.cleaned_data["pk"]).first()
    if row is None:
        messages.warning(request, gettext("That one was already decided by someone else."))
        return redirect("admin:directory_queue")
    named = {"title": title_of(kind, row), "organisation": kind.organisation_of(row).name}
    if form.cleaned_data["decision"] == "approve":
        kind.approve(rows, request)
        messages.success(request, gettext("Approved: %(title)s (%(organisation)s).") % named)
        return redirect("admin:directory_queue")
    rejection = RejectionForm(request.POST)
    if not rejection.is_valid():
        for error in rejection.errors["reason"]:
            messages.error(request, gettext("Not rejected: %(title)s. ") % named + error)
        return redirect("admin:directory_queue")
    kind.reject(rows, rejection.cleaned_data["reason"], request)
    messages.success(
        request, gettext("Not approved: %(title)s (%(organisation)s), with your reason.") % named
    )
    return redirect("admin:directory_queue")
