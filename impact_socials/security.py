"""Who is asking: the one answer every rate limit uses.

``client_ip`` reads the client's address as the TRUSTED_PROXY_COUNT setting says to. With no
trusted proxy it is REMOTE_ADDR and X-Forwarded-For is ignored, so a client cannot pick a new
address for each request by sending the header. Behind N proxies that each append the address
they saw, the client is the N-th address from the right: anything further left was written by
the client. allauth (login throttling), django-ratelimit (posting limits) and DRF's throttles
(the API) all ask this function.
"""

import ipaddress

from django.conf import settings
from rest_framework import throttling


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
