"""A person's own data: export it as JSON, or delete the account.

The rule for organisations: their listings stay while anyone is a member. When the last
member deletes their account, the organisation goes too, with its needs, offerings and
their matches — nobody would be left to keep them current or answer for them.
"""

from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from directory.accounts.models import NotificationPreferences, User
from directory.engagement.models import Feedback, Introduction
from directory.listings.models import Need, Offering, Organisation

USER_FIELDS = ["username", "email", "first_name", "last_name", "date_joined", "last_login"]
ORGANISATION_FIELDS = ["kind", "name", "slug", "website", "description", "contact_email"]
NEED_FIELDS = ["id", "title", "description", "status", "state", "visibility", "created_at"]
OFFERING_FIELDS = [
    "id",
    "name",
    "summary",
    "description",
    "uses",
    "status",
    "pricing_model",
    "created_at",
]
INTRODUCTION_FIELDS = ["need__title", "offering__name", "message", "status", "created_at"]
FEEDBACK_FIELDS = [
    "introduction__offering__name",
    "pilot_happened",
    "fit",
    "integration",
    "support",
    "comment",
    "created_at",
]


def _values(instance, fields: list[str]) -> dict:
    return {field: getattr(instance, field) for field in fields}


def export_for(user: User) -> dict:
    """Everything we hold about this person and what they posted for their organisations."""
    organisations = Organisation.objects.filter(memberships__user=user)
    preferences = NotificationPreferences.objects.filter(user=user).first()
    return {
        "exported_at": timezone.now(),
        "account": _values(user, USER_FIELDS),
        "email_addresses": list(user.emailaddress_set.values("email", "verified", "primary")),
        "notification_preferences": model_to_dict(preferences, exclude=["id", "user"])
        if preferences
        else None,
        "introductions_requested": list(
            Introduction.objects.filter(requested_by=user).values(*INTRODUCTION_FIELDS)
        ),
        "introductions_answered": list(
            Introduction.objects.filter(answered_by=user).values(
                *INTRODUCTION_FIELDS, "answer_note"
            )
        ),
        "feedback": list(Feedback.objects.filter(author=user).values(*FEEDBACK_FIELDS)),
        "organisations": [
            {
                **_values(organisation, ORGANISATION_FIELDS),
                "needs": [
                    _values(n, NEED_FIELDS) for n in Need.objects.filter(organisation=organisation)
                ],
                "offerings": [
                    _values(o, OFFERING_FIELDS)
                    for o in Offering.objects.filter(organisation=organisation)
                ],
            }
            for organisation in organisations
        ],
    }


def organisations_left_without_members(user: User) -> list[Organisation]:
    return [
        organisation
        for organisation in Organisation.objects.filter(memberships__user=user)
        if not organisation.memberships.exclude(user=user).exists()
    ]


@transaction.atomic
def delete_account(user: User) -> None:
    for organisation in organisations_left_without_members(user):
        organisation.delete()
    user.delete()
