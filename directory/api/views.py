"""API views. Lists use the HTML lists' querysets and FilterSets, so the same query string
finds the same listings on the site and in the API; ``?format=csv`` streams the whole
filtered list as a spreadsheet."""

from allauth.account.utils import has_verified_email
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.settings import api_settings

from directory.accounts.acting import acting_organisation
from directory.api import serializers as api
from directory.api.permissions import ReadOrPostAsOwnerKind
from directory.common.limits import EXPORT, past_limit
from directory.engagement.models import Introduction
from directory.listings import csv_export
from directory.listings import models as listings
from directory.listings.filters import NeedFilter, OfferingFilter
from directory.listings.models import Membership, Need, Offering, Organisation
from directory.listings.visibility import organisations_shown_to
from impact_socials import accounts
from impact_socials.security import ScopedRateThrottle


class Pagination(PageNumberPagination):
    page_size = settings.PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = 100


class CSVRenderer(BaseRenderer):
    """Lets ``?format=csv`` through content negotiation; the list streams the file itself."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        # Only errors reach here (a list answers CSV itself): send them as JSON text.
        return JSONRenderer().render(data)


def own_listings(user) -> Q:
    """The member's organisation's listings, as a condition that ORs without repeating rows."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    return Q(organisation__in=Membership.objects.filter(user=user).values("organisation"))


class ListingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Anyone lists and reads published listings; members create and change their own."""

    permission_classes = [ReadOrPostAsOwnerKind]
    pagination_class = Pagination
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    model: type[Need | Offering]
    owner_kind: str
    export: csv_export.Export

    def listed(self):
        """What the list shows, as on the site."""
        raise NotImplementedError

    def readable(self):
        """What one may read by id: the listed ones and the member's own."""
        raise NotImplementedError

    def with_related(self, queryset):
        return queryset

    def get_queryset(self):
        if self.action == "list":
            return self.with_related(self.listed())
        if self.action == "retrieve":
            return self.with_related(self.readable())
        return self.with_related(self.model.objects.of_member(self.request.user))

    def filter_queryset(self, queryset):
        """The list's filters apply to the list only (a fulfilled need is still readable)."""
        return super().filter_queryset(queryset) if self.action == "list" else queryset

    def get_renderers(self):
        renderers = super().get_renderers()
        return [*renderers, CSVRenderer()] if self.action == "list" else renderers

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == "csv":
            if past_limit(request, EXPORT):
                # The refusal is JSON, as every other API error, not JSON labelled text/csv.
                request.accepted_renderer = JSONRenderer()
                request.accepted_media_type = JSONRenderer.media_type
                raise exceptions.Throttled(
                    detail=gettext("Too many downloads in a short while. Please try later.")
                )
            return self.export.response(self.filter_queryset(self.get_queryset()))
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.save(organisation=acting_organisation(self.request))


class OfferingViewSet(ListingViewSet):
    """Offerings of tech providers. Lists show published offerings confirmed within 180 days."""

    model = Offering
    serializer_class = api.OfferingSerializer
    filterset_class = OfferingFilter
    lookup_field = "slug"
    owner_kind = Organisation.Kind.PROVIDER
    export = csv_export.OFFERINGS

    def listed(self):
        return Offering.objects.browsable()

    def readable(self):
        # Stale offerings answer 404 as stale needs do; the owner still reads theirs.
        fresh = Q(pk__in=Offering.objects.published().fresh())
        return Offering.objects.filter(fresh | own_listings(self.request.user))

    def with_related(self, queryset):
        return queryset.select_related("organisation").prefetch_related(
            "categories", "sectors", "systems", "standards", "languages"
        )


class NeedViewSet(ListingViewSet):
    """Needs of nonprofits. Lists show open needs unless ``status=fulfilled``; needs shown to
    providers only are listed for members of a tech provider."""

    model = Need
    serializer_class = api.NeedSerializer
    filterset_class = NeedFilter
    owner_kind = Organisation.Kind.NONPROFIT
    export = csv_export.NEEDS

    def listed(self):
        return Need.objects.visible_to(self.request.user)

    def readable(self):
        visible = Q(pk__in=Need.objects.visible_to(self.request.user))
        return Need.objects.filter(visible | own_listings(self.request.user))

    def with_related(self, queryset):
        return queryset.select_related("organisation", "category").prefetch_related(
            "systems", "languages"
        )

    @extend_schema(
        summary="The offerings matched to one of your organisation's needs, best first",
        responses=api.MatchSerializer(many=True),
        filters=False,
    )
    @action(detail=True, permission_classes=[IsAuthenticated], serializer_class=api.MatchSerializer)
    def matches(self, request, pk=None):
        """Only members of the need's organisation see its matches; others get 404."""
        need = self.get_object()
        matches = (
            need.matches.filter(offering__in=Offering.objects.browsable())
            .select_related("offering__organisation")
            .best_first()
        )
        page = self.paginate_queryset(matches)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_queryset(self):
        if self.action == "matches":
            return Need.objects.of_member(self.request.user)
        return super().get_queryset()


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations with a listing the reader may see, or the reader's own."""

    serializer_class = api.OrganisationSerializer
    pagination_class = Pagination
    filterset_fields = ["kind", "country", "provider_type", "is_verified"]
    lookup_field = "slug"

    def get_queryset(self):
        return organisations_shown_to(self.request.user).prefetch_related(
            "sectors", "languages", "systems_in_use"
        )


class IntroductionViewSet(viewsets.ReadOnlyModelViewSet):
    """Introduction requests your organisation asked for or received, newest first. Only the
    two organisations' members read one; the contact e-mails appear once it is accepted."""

    serializer_class = api.IntroductionSerializer
    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    filterset_fields = ["status"]

    def get_queryset(self):
        return Introduction.objects.involving(self.request.user).with_people()


class TaxonomyViewSet(viewsets.ReadOnlyModelViewSet):
    """A curated list, short enough to come whole (no pages)."""

    lookup_field = "slug"
    pagination_class = None
    filter_backends = []


class CategoryViewSet(TaxonomyViewSet):
    queryset = listings.Category.objects.all()
    serializer_class = api.CategorySerializer


class SystemViewSet(TaxonomyViewSet):
    queryset = listings.System.objects.prefetch_related("standards")
    serializer_class = api.SystemSerializer


class StandardViewSet(TaxonomyViewSet):
    queryset = listings.Standard.objects.all()
    serializer_class = api.StandardSerializer


class SectorViewSet(TaxonomyViewSet):
    queryset = listings.Sector.objects.all()
    serializer_class = api.SectorSerializer


class LanguageViewSet(TaxonomyViewSet):
    queryset = listings.Language.objects.all()
    serializer_class = api.LanguageSerializer
    lookup_field = "code"


class LoginSerializer(AuthTokenSerializer):
    username = serializers.CharField(
        label="Username or e-mail address", help_text="The e-mail address you sign in with."
    )

    def validate(self, attrs):
        # Through allauth's login failure counting, as the web sign-in form is.
        request = self.context["request"]
        try:
            user = accounts.authenticate(request._request, attrs["username"], attrs["password"])
        except accounts.TooManyAttempts as error:
            raise exceptions.Throttled(wait=error.retry_after, detail=error.message) from error
        if user is None:
            raise serializers.ValidationError(
                gettext("Unable to log in with provided credentials."), code="authorization"
            )
        attrs["user"] = user
        if not has_verified_email(attrs["user"]):
            raise serializers.ValidationError(
                "Confirm your e-mail address first: we sent you a link.", code="authorization"
            )
        return attrs


@extend_schema(
    summary="Get your API token",
    description="Send the e-mail address (or username) and password you sign in with. Then "
    "send the token on every request as the header `Authorization: Token <token>`.",
    request=LoginSerializer,
    responses={
        200: inline_serializer("Token", {"token": serializers.CharField()}),
        400: OpenApiResponse(OpenApiTypes.OBJECT, description="Wrong e-mail or password."),
        429: OpenApiResponse(
            OpenApiTypes.OBJECT,
            description="Too many failed sign-ins for this account or address (as on the web "
            "sign-in form): wait for Retry-After seconds.",
        ),
    },
)
class TokenView(ObtainAuthToken):
    # The e-mail and password are the credentials: no session, so no CSRF token to ask for.
    authentication_classes = []
    # ObtainAuthToken names DRF's parsers: ours refuse NUL and deep JSON (settings.py).
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES
    serializer_class = LoginSerializer
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "api_token"
