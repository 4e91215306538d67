from rest_framework.permissions import SAFE_METHODS, BasePermission

from directory.accounts.acting import acting_organisation, may_act_as, refusal


class ReadOrPostAsOwnerKind(BasePermission):
    """Anyone reads. Writing needs a member of the kind of organisation that owns these
    listings (nonprofits post needs, providers offerings); which listings a member may change
    is decided by the view's queryset, so another organisation's listing answers 404."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        if not may_act_as(acting_organisation(request), view.owner_kind):
            self.message = refusal(view.owner_kind)
            return False
        return True
