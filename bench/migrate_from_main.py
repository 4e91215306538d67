"""Does a PostgreSQL database built by older code keep every row when today's code migrates it?

Run from the repository root (the server URL names any database; this one is not touched):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/migrate_from_main.py \
        [--from d20cb9b] [--registry ../shared/data/dpg-registry.json]

It creates the database impact_socials_layout_check, unpacks REV (``git archive``) into a
temporary folder, and there runs ``migrate``, ``seed_demo`` and ``import_dpg`` (skipped, and
said so, when the registry file is missing). It counts and checksums the rows of every table
in the public schema, runs today's ``migrate``, and counts and checksums again (tasks run
in-process, without Redis). It prints one line per table that differs and ends with
``tables=… rows=… unchanged=… changed=…``; exit status 1 on any difference. django_migrations
may only grow (today's code may add migrations): its old rows must all still be there. The
folder and the database are removed at the end, also on failure.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "impact_socials_layout_check"
MAY_ONLY_GROW = "django_migrations"


def database_url(server_url: str, name: str) -> str:
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def manage(checkout: Path, db_url: str, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(DATABASE_URL=db_url, CELERY_TASK_ALWAYS_EAGER="1", PYTHONPATH=str(checkout))
    print(f"[{checkout.name}] manage.py {' '.join(args)}", flush=True)
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=checkout, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
        raise SystemExit(f"manage.py {args[0]} failed in {checkout} (exit {done.returncode})")


def snapshot(db_url: str) -> dict[str, tuple[int, str]]:
    """{table: (rows, md5 of every row's text in order)} for the public schema."""
    with psycopg.connect(db_url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        query = "SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), ''))"
        return {
            name: conn.execute(
                sql.SQL(query + " FROM {} t").format(sql.Identifier(name))
            ).fetchone()
            for name in tables
        }


def migration_names(db_url: str) -> set[tuple[str, str]]:
    with psycopg.connect(db_url) as conn:
        return set(conn.execute("SELECT app, name FROM django_migrations"))


def compare(before: dict, after: dict, old_migrations: set, new_migrations: set) -> list[str]:
    problems = []
    for name in sorted(before.keys() | after.keys()):
        if name not in after:
            problems.append(f"{name}: gone (had {before[name][0]} rows)")
        elif name not in before:
            problems.append(f"{name}: new table with {after[name][0]} rows")
        elif name == MAY_ONLY_GROW:
            if lost := old_migrations - new_migrations:
                problems.append(f"{name}: lost {sorted(lost)}")
        elif before[name] != after[name]:
            (rows_before, sum_before), (rows_after, sum_after) = before[name], after[name]
            what = "rows differ" if rows_before == rows_after else "row count differs"
            problems.append(
                f"{name}: {what}: {rows_before} -> {rows_after} rows,"
                f" md5 {sum_before[:8]} -> {sum_after[:8]}"
            )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="rev", default="d20cb9b", help="older revision")
    parser.add_argument(
        "--registry", type=Path, default=ROOT.parent / "shared/data/dpg-registry.json"
    )
    args = parser.parse_args()
    server_url = os.environ.get("DATABASE_URL", "")
    if not server_url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL server: postgres://user@host:5432/postgres")
    known = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", f"{args.rev}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
    )
    if known.returncode:
        sys.exit(f"{args.rev} is not a commit of {ROOT}")
    db_url = database_url(server_url, DB_NAME)
    db = sql.Identifier(DB_NAME)
    admin = psycopg.connect(server_url, autocommit=True)
    temp = Path(tempfile.mkdtemp(prefix="layout-check-"))
    checkout = temp / args.rev.replace("/", "_")
    try:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(db))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(db))
        checkout.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.rev], cwd=ROOT, check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(checkout)], input=archive, check=True)
        manage(checkout, db_url, "migrate", "--no-input")
        manage(checkout, db_url, "seed_demo")
        if args.registry.is_file():
            manage(checkout, db_url, "import_dpg", str(args.registry.resolve()))
        else:
            print(f"no registry at {args.registry}: import_dpg skipped")
        before, old_migrations = snapshot(db_url), migration_names(db_url)
        manage(ROOT, db_url, "migrate", "--no-input")
        after, new_migrations = snapshot(db_url), migration_names(db_url)
        problems = compare(before, after, old_migrations, new_migrations)
        for line in problems:
            print(line)
        kept, added = len(old_migrations & new_migrations), len(new_migrations - old_migrations)
        print(f"{MAY_ONLY_GROW}: may only grow; {kept} kept, {added} added")
        tables = len(before.keys() | after.keys())
        print(
            f"tables={tables} rows={sum(rows for rows, _ in after.values())}"
            f" unchanged={tables - len(problems)} changed={len(problems)}"
        )
        return 1 if problems else 0
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(db))
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
