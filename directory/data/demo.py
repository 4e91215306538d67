"""Fictional demo data for ``manage.py seed_demo``, read from ``directory/data/demo.json``.

No Django imports. What the fields mean and which defaults apply: directory/data/README.md.
"""

from directory.data import load

_data = load("demo")

DEMO_PASSWORD = _data["demo_password"]
ADMIN = _data["admin"]
NONPROFITS = _data["nonprofits"]
PROVIDERS = _data["providers"]
NEEDS = _data["needs"]
OFFERINGS = _data["offerings"]
# A need is named by its (organisation, title) pair, a dictionary key in seed_demo; JSON stores
# the pair as a two-item list, turned back into a tuple here.
INTRODUCTIONS = [{**item, "need": tuple(item["need"])} for item in _data["introductions"]]
INTERESTS = [{**item, "need": tuple(item["need"])} for item in _data["interests"]]
# An event day (docs/events.md): its dates are counted from the day the demo is loaded.
EVENTS = _data["events"]
