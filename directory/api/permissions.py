from rest_framework.permissions import SAFE_METHODS, BasePermission

from directory.listings.views.members import WHO_MAY


class ReadOrPostAsOwnerKind(BasePermission):
    """Anyone reads. Writing needs a member of the kind of organisation that owns these
    listings (nonprofits post needs, providers offerings); which listings a member may change
    is decided by the view's queryset, so another organisation's listing answers 404."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        if not request.user.is_authenticated:
            return False
        organisation = request.user.organisation
        if organisation is None or organisation.kind != view.owner_kind:
            self.message = f"Only members of {WHO_MAY[view.owner_kind]} can do this."
            return False
        return True
