"""Who may see which organisation: the one rule that its page and the API both ask."""

from django.db.models import Q, QuerySet

from .models import Membership, Need, Offering, Organisation


def organisations_shown_to(user) -> QuerySet[Organisation]:
    """Organisations with a listing the person may see, and the person's own. Any other
    organisation (one whose needs are for signed-in providers only, say) is not found."""
    shown = Q(pk__in=Offering.objects.browsable().values("organisation")) | Q(
        pk__in=Need.objects.visible_to(user).values("organisation")
    )
    if user.is_authenticated:
        shown |= Q(pk__in=Membership.objects.filter(user=user).values("organisation"))
    return Organisation.objects.filter(shown)
