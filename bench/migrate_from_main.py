"""Does a PostgreSQL database built by older code keep every row when today's code migrates it?

Run from the repository root (the server URL names any database; this one is not touched):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres python bench/migrate_from_main.py \
        [--from d20cb9b] [--registry directory/data/dpg-registry.json]

It creates the database impact_socials_layout_check, unpacks REV (``git archive``) into a
temporary folder, and there runs ``migrate``, ``seed_demo`` and ``import_dpg`` (skipped, and
said so, when the registry file is missing). It counts and checksums the rows of every table
in the public schema, runs today's ``migrate``, and counts and checksums again (tasks run
in-process, without Redis). It prints one line per table that differs and ends with
``tables=… rows=… unchanged=… changed=…``; exit status 1 on any difference. Checksums
read only the columns a table had before (new columns are no change), leaving out those in
``REWRITTEN``; tables today's code adds are listed apart. The tables in ``MAY_ONLY_GROW``
(Django's registers, the curated systems) may only grow: their old rows must all still be
there. The
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
# Django's own registers gain rows when today's code adds migrations or models, and
# directory 0012_more_systems adds curated systems (with their standards) and aliases to
# existing ones, never changing a name or a website: their old rows must all still be there.
MAY_ONLY_GROW = {
    "django_migrations": ("app", "name"),
    "django_content_type": ("app_label", "model"),
    "auth_permission": ("codename", "content_type_id"),
    "directory_system": ("id", "slug", "name", "website"),
    "directory_system_standards": ("id", "system_id", "standard_id"),
}


def database_url(server_url: str, name: str) -> str:
    return urlunsplit(urlsplit(server_url)._replace(path=f"/{name}"))


def manage(checkout: Path, db_url: str, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    env.update(
        DATABASE_URL=db_url, CELERY_TASK_ALWAYS_EAGER="1", PYTHONPATH=str(checkout), DEBUG="1"
    )
    print(f"[{checkout.name}] manage.py {' '.join(args)}", flush=True)
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=checkout, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
        raise SystemExit(f"manage.py {args[0]} failed in {checkout} (exit {done.returncode})")


# Columns today's migrations rewrite on purpose, left out of the checksums (their rows must
# still all be there): matching 0002 clears the reasons stored as English sentences, which the
# next re-match writes again as codes; directory 0016 appends Hindi and Hinglish keywords to
# the curated categories' keywords (never removing one).
REWRITTEN = {"matching_match": ("reasons",), "directory_category": ("keywords",)}


def snapshot(db_url: str, columns: dict[str, list[str]] | None = None) -> dict[str, tuple]:
    """{table: (rows, md5 of the rows' text in order, the columns read)} for the public schema;
    with ``columns``, a table's checksum reads only those (the ones it had before)."""
    with psycopg.connect(db_url) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        found = {}
        for name in tables:
            read = (columns or {}).get(name) or [
                column
                for (column,) in conn.execute(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
                    [name],
                )
                if column not in REWRITTEN.get(name, ())
            ]
            row = sql.SQL("ROW({})::text").format(sql.SQL(", ").join(map(sql.Identifier, read)))
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg({row}, ',' ORDER BY {row}), ''))"
                " FROM {table}"
            ).format(row=row, table=sql.Identifier(name))
            found[name] = (*conn.execute(query).fetchone(), read)
        return found


def register_rows(db_url: str) -> dict[str, set[tuple]]:
    """The identifying columns of every row of the tables in ``MAY_ONLY_GROW``."""
    with psycopg.connect(db_url) as conn:
        return {
            table: set(
                conn.execute(
                    sql.SQL("SELECT {} FROM {}").format(
                        sql.SQL(", ").join(map(sql.Identifier, key)), sql.Identifier(table)
                    )
                )
            )
            for table, key in MAY_ONLY_GROW.items()
        }


def compare(before: dict, after: dict, old_registers: dict, new_registers: dict) -> list[str]:
    """What was lost or changed; a table today's code adds is no loss (printed apart)."""
    problems = []
    for name in sorted(before):
        if name not in after:
            problems.append(f"{name}: gone (had {before[name][0]} rows)")
        elif name in MAY_ONLY_GROW:
            if lost := old_registers[name] - new_registers[name]:
                problems.append(f"{name}: lost {sorted(lost)}")
        elif before[name][:2] != after[name][:2]:
            (rows_before, sum_before, _), (rows_after, sum_after, _) = before[name], after[name]
            what = "rows differ" if rows_before == rows_after else "row count differs"
            problems.append(
                f"{name}: {what}: {rows_before} -> {rows_after} rows,"
                f" md5 {sum_before[:8]} -> {sum_after[:8]}"
            )
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="rev", default="d20cb9b", help="older revision")
    parser.add_argument("--registry", type=Path, default=ROOT / "directory/data/dpg-registry.json")
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
        before, old_registers = snapshot(db_url), register_rows(db_url)
        manage(ROOT, db_url, "migrate", "--no-input")
        columns = {name: read for name, (_, _, read) in before.items()}
        after, new_registers = snapshot(db_url, columns), register_rows(db_url)
        for name in sorted(after.keys() - before.keys()):
            print(f"{name}: new table, {after[name][0]} rows")
        problems = compare(before, after, old_registers, new_registers)
        for line in problems:
            print(line)
        for table in MAY_ONLY_GROW:
            kept = len(old_registers[table] & new_registers[table])
            added = len(new_registers[table] - old_registers[table])
            print(f"{table}: may only grow; {kept} kept, {added} added")
        tables = len(before)
        print(
            f"tables={tables} rows={sum(after[name][0] for name in before if name in after)}"
            f" unchanged={tables - len(problems)} changed={len(problems)}"
        )
        return 1 if problems else 0
    finally:
        shutil.rmtree(temp, ignore_errors=True)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(db))
        admin.close()


if __name__ == "__main__":
    sys.exit(main())
