"""The API's errors in the reader's language (EXCEPTION_HANDLER in settings.REST_FRAMEWORK)."""

from django.http import Http404
from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """DRF's handler, but a listing that is not there (``get_object_or_404``'s Http404,
    whose English "No Offering matches the given query." names a model and has no
    translation) answers with NotFound's own words, "Not found." (Hindi "नहीं मिला।")."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)
