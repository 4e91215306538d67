"""Try before posting: the offerings a need would match, without saving anything."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_POST

from directory.accounts.acting import acting_organisation
from directory.common.limits import PREVIEW, limited
from directory.listings.forms import NeedForm

from .preview import kept_and_weaker, preview_profile, unsaved_matches
from .services import preview_matches

PREVIEW_SHOWN = 5
MIN_WORDS_FOR_PREVIEW = 3


@login_required
@require_POST
@limited(PREVIEW)
def need_preview(request):
    """The need form posts here as the person types (htmx); answers an HTML fragment. Scoring
    runs on every post, so posts are counted per person and address (PREVIEW_RATE)."""
    form = NeedForm(request.POST)
    form.is_valid()  # Only the valid fields are used: a half-filled form still previews.
    data = form.cleaned_data
    words = f"{data.get('title', '')} {data.get('description', '')}".split()
    enough_words = len(words) >= MIN_WORDS_FOR_PREVIEW
    scores = []
    if enough_words:
        scores = preview_matches(preview_profile(data, acting_organisation(request)))
        if scores.warming_up:  # no index stored yet (matching/services.py, IndexCache)
            return render(request, "matching/_preview_warming.html")
        scores = scores[:PREVIEW_SHOWN]
    kept, weaker = kept_and_weaker(scores)
    return render(
        request,
        "matching/_preview.html",
        {
            "matches": unsaved_matches(kept),
            "weaker": unsaved_matches(weaker),
            "enough_words": enough_words,
        },
    )
