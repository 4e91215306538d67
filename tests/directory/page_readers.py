"""Readers of shared pages (listings/page_cache.py), for the tests of those pages."""

from django.test import Client

from tests.factories import member_of


def fragment_state(page) -> str:
    """Whether the page's shared part came from the cache ("hit"), was stored ("miss") or
    neither ("")."""
    return page.headers.get("X-Fragment-Cache", "")


def signed_in(organisation, **user_fields) -> Client:
    """A browser signed in as a new member of ``organisation``."""
    person = Client()
    person.force_login(member_of(organisation, **user_fields))
    return person
