"""/compare/?ids=3,8,12: two to four offerings side by side."""

from django.shortcuts import render

from ..compare import MAX_COMPARED, CompareForm, columns
from ..models import organisations_joined


def compare(request):
    form = CompareForm(request.GET, user=request.user)
    if not form.is_valid():
        return render(
            request,
            "directory/compare.html",
            {"form": form, "max_compared": MAX_COMPARED},
            status=400,
        )
    need = form.cleaned_data["need"]
    offerings = form.cleaned_data["ids"]
    return render(
        request,
        "directory/compare.html",
        {
            "form": form,
            "need": need,
            "columns": columns(offerings, request.user, need),
            # Who can answer an introduction request, for the need's "Next step" row.
            "joined": organisations_joined({o.organisation_id for o in offerings}) if need else (),
            "max_compared": MAX_COMPARED,
        },
    )
