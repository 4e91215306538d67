"""Which organisation a person acts for: the one answer that views, templates, the API and
admin all ask, looked up once per request.

People belong to one organisation in practice; someone in several acts for the one they
joined first.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from directory.listings.models import Membership, Organisation

# Where a request keeps the answer: (user id, organisation), set by the first asker or by
# accounts/signed_in.py along with request.user.
ACTING = "_acting_organisation"
# What a person without the right organisation is told, by the kind asked for.
REFUSALS = {
    None: _("Only members of an organisation can do this."),
    "nonprofit": _("Only members of a nonprofit can do this."),
    "provider": _("Only members of a tech provider can do this."),
}


def organisations_of(user):
    """The organisations ``user`` belongs to, the one they act for first."""
    return Organisation.objects.filter(memberships__user=user).order_by(
        *(f"memberships__{field}" for field in Membership.JOINING_ORDER)
    )


def organisation_for(user) -> Organisation | None:
    if not user.is_authenticated:
        return None
    return organisations_of(user).first()


def acting_organisation(request) -> Organisation | None:
    """The organisation ``request.user`` acts for, or None; one query per request and person
    (the API authenticates inside the view, so the answer is kept per user)."""
    user = request.user
    known = getattr(request, ACTING, None)
    if known is None or known[0] != user.pk:
        known = (user.pk, organisation_for(user))
        setattr(request, ACTING, known)
    return known[1]


def may_act_as(organisation: Organisation | None, kind: str | None) -> bool:
    return organisation is not None and (kind is None or organisation.kind == kind)


def refusal(kind: str | None) -> str:
    """The refusal in the language of the request being answered."""
    return str(REFUSALS[kind])


def organisation_of(request, *, kind: str | None = None) -> Organisation:
    """The acting organisation, refusing (403) people without one or of another kind."""
    organisation = acting_organisation(request)
    if not may_act_as(organisation, kind):
        raise PermissionDenied(refusal(kind))
    return organisation
