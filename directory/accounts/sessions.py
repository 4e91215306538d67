"""The session engine production uses (settings.py, with Redis): Django's ``cached_db`` (the
session in the cache, kept in the database), whose load also reads the signed-in person's
entry (accounts/signed_in.py) in the same round trip as the session, as ``read_along``."""

from django.contrib.sessions.backends import cached_db

from directory.accounts.signed_in import person_keys


class SessionStore(cached_db.SessionStore):
    read_along: dict | None = None

    def load(self):
        keys = person_keys(self.session_key)
        try:
            found = self._cache.get_many([self.cache_key, *keys])
        except Exception:  # as cached_db's load: a key the cache refuses reads as no session
            return super().load()
        data = found.get(self.cache_key)
        if data is None:
            return super().load()  # not in the cache: from the database, as cached_db does
        self.read_along = {key: found[key] for key in keys if key in found}
        return data
