"""Choices for a model field built from one table: each stored value with its label."""

import re
import sys

from django.db import models


def text_choices(qualname: str, labels: dict, names: str = "") -> type[models.TextChoices]:
    """A ``TextChoices`` enum called ``qualname`` (e.g. "Organisation.Kind"), one member per
    entry of ``labels`` (stored value → label), in that order.

    Each member is named by the word of ``names`` at its place, or without ``names`` by its
    value in capitals ("open_source" → ``OPEN_SOURCE``): ``Kind.OPEN_SOURCE`` as in a class.
    """
    words = names.split() or [re.sub(r"\W", "_", value).upper() for value in labels]
    members = [(word, entry) for word, entry in zip(words, labels.items(), strict=True)]
    return models.TextChoices(
        qualname.rpartition(".")[2],
        members,
        module=sys._getframe(1).f_globals["__name__"],
        qualname=qualname,
    )
