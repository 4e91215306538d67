"""Where Django finds the app's models: each domain package keeps its own, and this module
imports them all so that they are registered (and seen by migrations) under the one app label
``directory``. Code imports a model from its domain's ``models`` module, not from here."""

from directory.accounts.models import NotificationPreferences, User
from directory.engagement.models import Feedback, Interest, Introduction
from directory.listings.models import (
    Category,
    Language,
    Membership,
    Need,
    Offering,
    Organisation,
    Sector,
    Standard,
    System,
)
from directory.notifications.models import Digest
from directory.outbox.models import OutboxTask

__all__ = [
    "Category",
    "Digest",
    "Feedback",
    "Interest",
    "Introduction",
    "Language",
    "Membership",
    "Need",
    "NotificationPreferences",
    "Offering",
    "Organisation",
    "OutboxTask",
    "Sector",
    "Standard",
    "System",
    "User",
]
