"""The directory's data files: curated taxonomies and the fictional demo data, as JSON.

``load("taxonomies")`` reads ``directory/data/taxonomies.json``, ``load("demo")`` reads
``demo.json``; each is parsed once per process. Code imports the names from
``directory.data.taxonomies`` and ``directory.data.demo``, which read these files.
The conventions the files follow are in ``directory/data/README.md``.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent


@functools.cache
def load(name: str) -> dict:
    """The parsed contents of ``directory/data/<name>.json`` (cached: do not modify it)."""
    with (DATA_DIR / f"{name}.json").open(encoding="utf-8") as f:
        return json.load(f)
