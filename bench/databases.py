"""A database of a bench's own on the PostgreSQL server that DATABASE_URL names."""

import os
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql


def database_url(server_url: str, name: str) -> str:
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit(
            "Set DATABASE_URL to a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres"
        )
    return url


def own_database(name: str, keep: bool = False) -> str:
    """Create the database ``name`` (emptied first unless ``keep`` and it exists) and point
    DATABASE_URL at it, before Django is set up; returns its URL."""
    server = server_url()
    database = sql.Identifier(name)
    with psycopg.connect(server, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not keep:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(database))
        if not exists or not keep:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(database))
    os.environ["DATABASE_URL"] = url = database_url(server, name)
    return url
