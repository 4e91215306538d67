"""/compare/?ids=3,8,12: two to four offerings side by side."""

from django.shortcuts import render

from directory.engagement.compare import MAX_COMPARED, CompareForm, columns


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
    return render(
        request,
        "directory/compare.html",
        {
            "form": form,
            "need": need,
            "columns": columns(form.cleaned_data["ids"], request.user, need),
            "max_compared": MAX_COMPARED,
        },
    )
