"""Curators import the Digital Public Goods registry from the Offerings admin by uploading it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from directory.imports.dpg import RegistryUnreadable, entries_from_json, import_registry

MAX_UPLOAD_MB = 20
SKIPPED_SHOWN = 20


class RegistryUploadForm(forms.Form):
    registry = forms.FileField(
        label="Registry file",
        help_text="The registry as one JSON file holding a list of entries "
        f"(at most {MAX_UPLOAD_MB} MB).",
    )

    def clean_registry(self) -> list[tuple[str, object]]:
        upload = self.cleaned_data["registry"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"The file is larger than {MAX_UPLOAD_MB} MB.")
        try:
            return entries_from_json(upload.read())
        except RegistryUnreadable as problem:
            raise forms.ValidationError(f"This file is {problem}.") from problem


class DpgImportAdminMixin:
    """Adds "Import DPG registry" to a model admin's change list (the Offerings admin)."""

    change_list_template = "admin/directory/offering/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.import_dpg_view)
        return [
            path("import-dpg/", view, name="directory_offering_import_dpg"),
            *super().get_urls(),
        ]

    def import_dpg_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = RegistryUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            report = import_registry(form.cleaned_data["registry"])
            self.message_user(request, report.summary, messages.SUCCESS)
            for label, reason in report.skipped[:SKIPPED_SHOWN]:
                self.message_user(request, f"Skipped {label}: {reason}", messages.WARNING)
            if report.stale_notes:
                self.message_user(request, report.stale_notes, messages.WARNING)
            return redirect("admin:directory_offering_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": "Import the Digital Public Goods registry",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/directory/import_dpg.html", context)
