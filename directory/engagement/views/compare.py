"""/compare/?ids=3,8,12: two to four offerings side by side."""

from django.shortcuts import render

from directory.accounts.currency import reader_currency
from directory.common.money import ReaderCurrency
from directory.engagement.compare import MAX_COMPARED, CompareForm, columns
from matching.profiles import current_rate


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
            # Prices also in the need's currency, or the reader's (as on a need's page).
            "reader_currency": ReaderCurrency(
                need.currency if need is not None else reader_currency(request), current_rate()
            ),
        },
    )
