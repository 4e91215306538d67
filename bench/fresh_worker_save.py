"""Saving an offering in a worker process that has just started, at bench/scale.py's size.

Run from the repository root (PostgreSQL as bench/scale.py expects it):

    MATCH_INDEX_DIR=/some/folder .venv/bin/python bench/fresh_worker_save.py

Creates (or, with SCALE_REUSE=1, keeps) the database SAVE_DATABASE
(impact_socials_bench_fresh_save) on DATABASE_URL's server with SCALE_OFFERINGS (100,000)
and SCALE_NEEDS (50,000) listings as bench/scale.py loads them; then, each in a process of
its own: ``manage.py build_match_index`` (timed: it stores the offering index and the need
side, docs/matching.md), and a fresh process, as a worker that has just started, timing the
save of an offering with its re-match as bench/scale.py does (``offering_save_seconds``: the
first save, then the next; with one BLAS thread, as the Procfile's worker runs), then a
third save with tracemalloc on, for its peak memory.
SKIP_BUILD=1 (with SCALE_REUSE=1) times the saves only, against what a previous run stored.
Last line: `build_s=… offering_save_first_s=… offering_save_s=… extra_mib=…`.
"""

import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.scale import NEEDS, OFFERINGS, offering_save_seconds  # noqa: E402

DATABASE = os.environ.get("SAVE_DATABASE", "impact_socials_bench_fresh_save")
MIB = 2**20


def child(step: str) -> dict:
    from bench.databases import own_database

    own_database(DATABASE, keep=True)
    import django

    django.setup()
    from django.core.management import call_command

    from bench.serving import load_data

    load_data(OFFERINGS, NEEDS, reuse=True)
    if step == "build":
        started = time.perf_counter()
        call_command("build_match_index", verbosity=0)
        return {"build_s": time.perf_counter() - started}
    first, second = offering_save_seconds()
    tracemalloc.start()
    offering_save_seconds()
    peak = tracemalloc.get_traced_memory()[1] / MIB
    tracemalloc.stop()
    return {"offering_save_first_s": first, "offering_save_s": second, "extra_mib": peak}


def run(step: str) -> dict:
    # The save as a worker runs it: one BLAS thread (the Procfile's worker line).
    threads = dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), "1")
    env = {**threads, **os.environ} if step == "save" else None
    arguments = [sys.executable, __file__, "--child", step]
    done = subprocess.run(arguments, capture_output=True, text=True, env=env)
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines or not lines[-1].startswith("FIGURES "):
        sys.exit(f"{step} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return json.loads(lines[-1].removeprefix("FIGURES "))


def main() -> None:
    if "MATCH_INDEX_DIR" not in os.environ:
        sys.exit("Set MATCH_INDEX_DIR: the stored index and need side are kept there.")
    if not os.environ.get("SCALE_REUSE"):
        from bench.databases import own_database

        own_database(DATABASE)
    built = {} if os.environ.get("SKIP_BUILD") else run("build")
    figures = {**built, **run("save")}
    print(" ".join(f"{name}={value:.2f}" for name, value in figures.items()))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        print("FIGURES " + json.dumps(child(sys.argv[2])))
    else:
        main()
