import os

# One BLAS thread per process, unless the environment says otherwise. The app's processes
# (web workers, Celery workers) already run side by side, and the match index runs its own
# threads (matching.core.index.THREADS); OpenBLAS's threads on top of those spin against each
# other on a busy 2-core machine (docs/benchmarks.md). OpenBLAS reads this when NumPy first
# loads, which is after this module (the settings package) in every process Django starts.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .celery import app as celery_app  # noqa: E402

__all__ = ("celery_app",)
