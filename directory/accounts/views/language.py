"""The language switch in the page header."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from directory.accounts.language import remember


# Without a CSRF token, so that pages stored for every signed-out visitor
# (directory/listings/page_cache.py) can carry the switch: the worst a forged request can do
# is change the language someone reads in.
@csrf_exempt
@require_POST
def set_language(request):
    """Django's set_language (cookie, then back to ``next``), and kept on the account."""
    response = django_set_language(request)
    remember(request.user, request.POST.get("language"))
    return response
