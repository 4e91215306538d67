"""Who is asking: the one answer every rate limit uses.

``client_ip`` reads the client's address as the TRUSTED_PROXY_COUNT setting says to. With no
trusted proxy it is REMOTE_ADDR and X-Forwarded-For is ignored, so a client cannot pick a new
address for each request by sending the header. Behind N proxies that each append the address
they saw, the client is the N-th address from the right: anything further left was written by
the client. allauth (login throttling), django-ratelimit (posting limits) and DRF's throttles
(the API) all ask this function.
"""

import ipaddress
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext
from rest_framework import parsers, throttling
from rest_framework.exceptions import ParseError, ValidationError

NUL = "\x00"
# Deeper JSON than any request of this API has: a listing is an object of lists of strings.
MAX_JSON_DEPTH = 20


def client_ip(request) -> str:
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies <= 0 or not forwarded:
        return remote_addr
    addresses = [address.strip() for address in forwarded.split(",")]
    candidate = addresses[-min(proxies, len(addresses))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


class ClientIPMixin:
    def get_ident(self, request):
        return client_ip(request)


class AnonRateThrottle(ClientIPMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientIPMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientIPMixin, throttling.ScopedRateThrottle):
    pass


def contains_nul(value) -> bool:
    """The one NUL check: no text with a NUL byte reaches a lookup or a serializer. PostgreSQL
    refuses such text outright, which would otherwise answer 500."""
    if isinstance(value, bytes):
        return b"\x00" in value
    return isinstance(value, str) and NUL in value


def nul_refused() -> str:
    return gettext("The request contains a NUL character, which no field accepts.")


class RejectNulMiddleware:
    """400 for a NUL byte in the path, the query string or a form-encoded body."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        suspects = [request.path, unquote_to_bytes(request.META.get("QUERY_STRING", ""))]
        if request.content_type == "application/x-www-form-urlencoded":
            suspects.append(unquote_to_bytes(request.body.replace(b"+", b" ")))
        if any(contains_nul(suspect) for suspect in suspects):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": nul_refused()}, status=400)
            return HttpResponseBadRequest(nul_refused(), content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing NUL characters and nesting deeper than MAX_JSON_DEPTH with
    400 (the standard library's decoder would hit the recursion limit: a 500)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError(too_deep()) from error
        check_json(data)
        return data


def too_deep() -> str:
    return gettext("The JSON is nested more than %(depth)d levels deep.") % {
        "depth": MAX_JSON_DEPTH
    }


def check_json(data) -> None:
    """ParseError past MAX_JSON_DEPTH; a NUL character is an error of the top-level field
    holding it, as a serializer would report it."""
    pending = [(data, 1, None)]
    while pending:
        value, depth, field = pending.pop()
        if isinstance(value, dict | list):
            if depth > MAX_JSON_DEPTH:
                raise ParseError(too_deep())
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                named = field or (key if depth == 1 and isinstance(value, dict) else None)
                if contains_nul(key):
                    refuse_nul(None)
                pending.append((item, depth + 1, named))
        elif contains_nul(value):
            refuse_nul(field)


def refuse_nul(field) -> None:
    if field is None:
        raise ValidationError({"detail": [nul_refused()]})
    raise ValidationError({field: [nul_refused()]})


class PrivatePagesMiddleware:
    """Answers to a signed-in person (their token, introductions, data export, dashboard,
    settings) are kept by no cache: ``Cache-Control: private, no-store``, unless the view set
    its own Cache-Control."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
