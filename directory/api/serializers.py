"""What the API reads and writes. Writes are validated by the site's own forms, so a listing
posted through the API meets exactly the rules of one posted on the web."""

from django import forms
from django.db import models
from django_countries.serializer_fields import CountryField
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.settings import api_settings

from directory.engagement.models import Introduction
from directory.listings import models as listings
from directory.listings.forms import NeedForm, OfferingForm
from directory.listings.models import Category, Language, Sector, Standard, System
from directory.listings.services import listing_save
from impact_socials.security import contains_nul
from matching.api import asked_parts, explain, explanation_fields
from matching.models import Match
from matching.reasons import reader_for


@extend_schema_field(OpenApiTypes.URI)
class PageLinkField(serializers.Field):
    """The address of the object's page on the site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


def country_choices() -> list[tuple[str, str]]:
    """The country codes every country field accepts (named once in the OpenAPI schema)."""
    return list(CountryField().choices.items())


class TermField(serializers.SlugRelatedField):
    """A taxonomy term by slug. A value holding a NUL byte is no term: PostgreSQL refuses to
    look it up at all, which would otherwise answer 500."""

    def to_internal_value(self, data):
        if contains_nul(data):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data.replace("\x00", ""))
        return super().to_internal_value(data)


def slugs(model, **kwargs) -> serializers.SlugRelatedField:
    """Related taxonomy terms by slug (languages by ISO code), as the list filters name them."""
    key = "code" if model is Language else "slug"
    if kwargs.get("read_only"):
        return serializers.SlugRelatedField(slug_field=key, **kwargs)
    return TermField(slug_field=key, queryset=model.objects.all(), **kwargs)


def term_serializer(model, fields: str, **declared) -> type[serializers.ModelSerializer]:
    """The serializer of a taxonomy's terms: ``fields`` (names split by spaces) of ``model``."""
    meta = type("Meta", (), {"model": model, "fields": fields.split()})
    body = {"Meta": meta, "__module__": __name__, **declared}
    return type(serializers.ModelSerializer)(
        f"{model.__name__}Serializer", (serializers.ModelSerializer,), body
    )


CategorySerializer = term_serializer(Category, "slug name name_hi description")
StandardSerializer = term_serializer(Standard, "slug name name_hi description data_export")
SystemSerializer = term_serializer(
    System, "slug name website standards", standards=slugs(Standard, many=True, read_only=True)
)
SectorSerializer = term_serializer(Sector, "slug name name_hi")
LanguageSerializer = term_serializer(Language, "code name name_hi")


class OrganisationSummarySerializer(serializers.ModelSerializer):
    page = PageLinkField()

    class Meta:
        model = listings.Organisation
        fields = ["id", "slug", "name", "kind", "is_verified", "page"]


class OrganisationSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """An organisation's public profile; its contact e-mail is never included."""

    page = PageLinkField()
    sectors = slugs(Sector, many=True, read_only=True)
    languages = slugs(Language, many=True, read_only=True)
    systems_in_use = slugs(System, many=True, read_only=True)

    class Meta:
        model = listings.Organisation
        fields = [
            "id",
            "slug",
            "kind",
            "page",
            *listings.Organisation.PROFILE_FIELDS,
            "is_verified",
            "source",
            "created_at",
        ]


def posted(value):
    """A value as the HTML form posts it: related rows by primary key, nothing as ""."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [posted(item) for item in value]
    return "" if value is None else value


class ListingSerializer(CountryFieldMixin, serializers.ModelSerializer):
    """Shared by needs and offerings: the owner, moderation, and writing through the form."""

    page = PageLinkField()
    organisation = OrganisationSummarySerializer(read_only=True)
    submit = serializers.BooleanField(
        write_only=True,
        default=True,
        help_text="Send a draft or rejected listing for review (listings of verified "
        "organisations publish straight away). False keeps a new listing as a draft. "
        "Defaults to true, except in a partial update.",
    )

    form_class: type[forms.ModelForm]
    moderation_fields = [
        "status",
        "rejection_reason",
        "is_featured",
        "published_at",
        "confirmed_at",
        "created_at",
        "updated_at",
    ]

    def validate(self, attrs: dict) -> dict:
        """Run the site's form over the listing as it would be after this write (fields left
        out keep their current values, or the defaults on a new listing)."""
        submit = attrs.pop("submit", False)
        values = forms.model_to_dict(self.instance or self.Meta.model())
        values.update(attrs)
        data = {name: posted(value) for name, value in self.as_form_asks(values).items()}
        form = self.form_class(data=data, instance=self.instance)
        if not form.is_valid():
            raise serializers.ValidationError(field_errors(form, self.field_of_form_field))
        return {"form": form, "submit": submit}

    # The API's field for a form field that takes another name here (its errors are keyed so).
    field_of_form_field: dict[str, str] = {}

    def as_form_asks(self, values: dict) -> dict:
        """The listing's values as its form's fields take them."""
        return values

    def create(self, validated_data: dict):
        return listing_save(**validated_data, by=self.context["request"].user)

    def update(self, instance, validated_data: dict):
        return listing_save(
            **validated_data, organisation=instance.organisation, by=self.context["request"].user
        )


def field_errors(form: forms.Form, renamed: dict[str, str] | None = None) -> dict[str, list[str]]:
    renamed = {"__all__": api_settings.NON_FIELD_ERRORS_KEY, **(renamed or {})}
    return {renamed.get(name, name): list(messages) for name, messages in form.errors.items()}


def listing_fields(
    leading: list[str], form_class, read_only: list[str], also_read_only: tuple = ()
) -> tuple[list[str], list[str]]:
    """A listing serializer's fields: ``leading``, what its form edits, ``read_only`` ones,
    moderation, and ``submit``; and which of them are read-only."""
    moderation = ListingSerializer.moderation_fields
    fields = [*leading, *form_class.Meta.fields, *read_only, *moderation, "submit"]
    return fields, [*also_read_only, *read_only, *moderation]


class NeedSerializer(ListingSerializer):
    category = slugs(Category)
    systems = slugs(System, many=True, required=False, help_text="Systems it must work with.")
    languages = slugs(Language, many=True, required=False)

    form_class = NeedForm

    class Meta:
        model = listings.Need
        fields, read_only_fields = listing_fields(
            ["id", "page", "organisation"], NeedForm, ["state"]
        )


class OfferingSerializer(ListingSerializer):
    categories = slugs(Category, many=True)
    sectors = slugs(Sector, many=True, required=False)
    systems = slugs(System, many=True, required=False, help_text="Systems it integrates with.")
    standards = slugs(Standard, many=True, required=False)
    languages = slugs(Language, many=True, required=False)

    form_class = OfferingForm

    class Meta:
        model = listings.Offering
        fields, read_only_fields = listing_fields(
            ["id", "slug", "page", "organisation"],
            OfferingForm,
            ["source", "kind"],
            also_read_only=["slug"],
        )
        fields += listings.Deployment.values  # true or false each; the form asks them as `runs`

    # The four ways to run are one question on the form; its error stands at `cloud`, as before.
    field_of_form_field = {"runs": "cloud"}

    def as_form_asks(self, values: dict) -> dict:
        runs = [mode for mode in listings.Deployment.values if values.pop(mode, False)]
        return {**values, "runs": runs}


class MatchedOfferingSerializer(serializers.ModelSerializer):
    page = PageLinkField()
    organisation = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = listings.Offering
        fields = ["id", "slug", "name", "summary", "page", "organisation"]


EXPLANATION = explanation_fields(codes_from="reasons", read_only=True)


class MatchSerializer(serializers.ModelSerializer):
    """One offering matched to the need: the score (0–100), its band, its three parts (0–1;
    interoperability and cost fit null when not asked) and why, in words (for the nonprofit,
    or for the provider when the person asking is a member of the offering's organisation)
    and as codes."""

    offering = MatchedOfferingSerializer(read_only=True)
    band = EXPLANATION["band"]
    interoperability = serializers.FloatField(
        read_only=True, allow_null=True, help_text="0–1; null when the need names no system"
    )
    cost_fit = serializers.FloatField(
        read_only=True, allow_null=True, help_text="0–1; null when the need gives no budget"
    )
    reasons = serializers.SerializerMethodField()
    fits = serializers.SerializerMethodField()
    checks = serializers.SerializerMethodField()
    reason_codes = EXPLANATION["reason_codes"]

    class Meta:
        model = Match
        fields = [
            "offering",
            "score",
            "band",
            "need_fit",
            "interoperability",
            "cost_fit",
            "reasons",
            "fits",
            "checks",
            "reason_codes",
            "updated_at",
        ]

    def explained(self, match: Match) -> dict:
        """The match's reasons in words, worked out once per match for its three fields."""
        if getattr(match, "_explained", None) is None:
            reader = reader_for(self.context.get("request"), match.offering.organisation_id)
            match._explained = explain(match.score, match.reasons, reader)
        return match._explained

    @extend_schema_field(EXPLANATION["reasons"])
    def get_reasons(self, match: Match) -> list[str]:
        return self.explained(match)["reasons"]

    @extend_schema_field(EXPLANATION["fits"])
    def get_fits(self, match: Match) -> list[str]:
        return self.explained(match)["fits"]

    @extend_schema_field(EXPLANATION["checks"])
    def get_checks(self, match: Match) -> list[str]:
        return self.explained(match)["checks"]

    def to_representation(self, match: Match) -> dict:
        """Interoperability and cost fit are null for a need that named no system or gave
        no budget, as on the page."""
        data = super().to_representation(match)
        data.update(asked_parts(match.interoperability, match.cost_fit, match.reasons))
        return data


class IntroducedNeedSerializer(serializers.ModelSerializer):
    page = PageLinkField()
    organisation = OrganisationSummarySerializer(read_only=True)

    class Meta:
        model = listings.Need
        fields = ["id", "title", "page", "organisation"]


class IntroductionSerializer(serializers.ModelSerializer):
    """An introduction request, as the members of its two organisations see it. The contact
    e-mails are null until the provider accepts."""

    page = PageLinkField()
    need = IntroducedNeedSerializer(read_only=True)
    offering = MatchedOfferingSerializer(read_only=True)
    expires_at = serializers.DateTimeField(
        read_only=True, help_text="Unanswered by then, the request expires."
    )
    nonprofit_contact_email = serializers.EmailField(
        source="nonprofit_contact",
        read_only=True,
        allow_null=True,
        help_text="The requesting member's e-mail, once accepted.",
    )
    message = serializers.CharField(
        source="shown_message",
        read_only=True,
        help_text="The nonprofit's message, in the reader's language when it was a one-click "
        "reply to a provider's interest.",
    )
    provider_contact_email = serializers.EmailField(
        source="provider_contact",
        read_only=True,
        allow_null=True,
        help_text="The e-mail of the provider member who accepted.",
    )

    class Meta:
        model = Introduction
        fields = [
            "id",
            "page",
            "status",
            "need",
            "offering",
            "message",
            "created_at",
            "expires_at",
            "answer_note",
            "closed_at",
            "nonprofit_contact_email",
            "provider_contact_email",
        ]
        read_only_fields = fields
