"""What gunicorn's master loads before it forks the workers (gunicorn.conf.py, preload_app):
the URLs with every view module they import, the translations, the sentence-embedding model
and the newest stored match index. The workers then start with
both in memory, shared with the master page by page until written (the model's weights and
the index's arrays never are), so their first preview neither reads nor builds them and each
worker holds of its own only what its requests compute.

Files only: no database query and no cache read here, and the connections are closed after,
so no socket opened in the master is shared by the workers after the fork.
"""

import contextlib

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.urls import get_resolver
from django.utils import translation

from . import snapshots
from .embeddings import ModelUnavailable, encoder
from .services import index_cache


def preload() -> None:
    get_resolver().check()  # imports the URL modules and the views: a second otherwise
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Match")  # reads the language's catalogues
    with contextlib.suppress(ModelUnavailable):
        encoder()
    newest = snapshots.newest_version()
    loaded = None if newest is None else snapshots.load(newest)
    # A small directory's previews build in the process (IndexCache): nothing to preload.
    if loaded is not None and len(loaded.index) > settings.MATCH_INDEX_IN_PROCESS_MAX:
        with index_cache.load_lock:
            index_cache.loaded = loaded
    connections.close_all()
    caches.close_all()
