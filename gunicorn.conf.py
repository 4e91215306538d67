"""gunicorn settings, overridable with GUNICORN_* environment variables."""

import multiprocessing
import os

# One BLAS thread per worker: a request is one thread and the workers are the parallelism.
# OpenBLAS's own threads, one set per worker, spin against each other on a busy machine (the
# match index's products; docs/benchmarks.md measured 1.6 s against 0.04 s for one preview
# under load when the embedding model still ran on NumPy). Set before the app (and NumPy) is
# loaded. The embedding model's own threads: ENCODER_THREADS (matching/embeddings.py).
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# The master loads the app, the embedding model and the stored match index once, before it
# forks: the workers share those pages (matching/preload.py). GUNICORN_PRELOAD=0 turns it off
# (then a HUP reloads the code; with it on, restart the master to deploy new code).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"


def when_ready(server):
    if preload_app:
        from matching.preload import preload

        preload()
