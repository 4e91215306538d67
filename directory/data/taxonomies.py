"""Default curated taxonomies, read from ``directory/data/taxonomies.json``.

The data migration ``0003_default_taxonomies`` seeds the database from these lists, once;
after that, admins curate every term in the Django admin. Conventions: directory/data/README.md.
"""

from directory.data import load

_data = load("taxonomies")

STANDARDS = _data["standards"]
CATEGORIES = _data["categories"]
SYSTEMS = _data["systems"]
SECTORS = _data["sectors"]
# (code, name) pairs; JSON stores each pair as a two-item list.
LANGUAGES = [tuple(pair) for pair in _data["languages"]]
