"""Settings for the test suite (pyproject.toml names this module): DEBUG is on unless the
environment says otherwise, as in `make run`. Production uses impact_socials/settings.py,
which starts with DEBUG off and refuses to run without its own SECRET_KEY."""

import os

os.environ.setdefault("DEBUG", "1")

from .settings import *  # noqa: E402, F403
