"""POST /api/match-preview/: the offerings a need would match, as JSON, without saving it."""

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from directory.accounts.acting import acting_organisation
from directory.common.money import CURRENCIES
from directory.listings.filters import COUNTRY_CHOICES
from directory.listings.forms import MAX_LANGUAGES
from directory.listings.models import (
    MAX_SYSTEMS_PER_LISTING,
    Category,
    Deployment,
    Language,
    Offering,
    System,
)
from impact_socials.security import AnonRateThrottle, UserRateThrottle

from .core import BANDS, band
from .core.reasons import CODES, parts_asked
from .preview import preview_profile
from .reasons import reader_for, render_all, render_split
from .services import preview_matches

money = {
    "max_digits": 10,
    "decimal_places": 2,
    "min_value": 0,
    "required": False,
    "allow_null": True,
}


REASON_CODE_SCHEMA = {
    "type": "object",
    "description": (
        "One reason as a code with its values (categories as slugs, languages and countries "
        "as codes, systems and standards by name): "
        + "; ".join(
            f"{code} ({', '.join(values) or 'no values'})" for code, values in CODES.items()
        )
        + "."
    ),
    "properties": {"code": {"type": "string", "enum": list(CODES)}},
    "required": ["code"],
    "additionalProperties": True,
}


@extend_schema_field({"type": "array", "items": REASON_CODE_SCHEMA})
class ReasonCodesField(serializers.JSONField):
    """A match's reasons as stored: a list of codes with values (matching.core.reasons)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault(
            "help_text", "Why it matches, as codes with values: what `reasons` says in words."
        )
        super().__init__(**kwargs)


def reason_sentences(**kwargs) -> serializers.ListField:
    return serializers.ListField(
        child=serializers.CharField(),
        help_text=(
            "Why it matches, in words: written for the need's nonprofit, or for the provider "
            "when the person asking belongs to the offering's organisation."
        ),
        **kwargs,
    )


def band_field(**kwargs) -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=BANDS,
        help_text="What the score means: strong, possible or weak (weak matches are not e-mailed).",
        **kwargs,
    )


def explanation_fields(codes_from: str | None = None, **kwargs) -> dict:
    """The band and the reasons in words, sorted into fits and watch-outs, as the schema
    states them; `explain` fills them. ``codes_from`` names the attribute holding the codes
    when it is not ``reason_codes`` (a stored Match keeps them in ``reasons``)."""
    return {
        "band": band_field(**kwargs),
        "reasons": reason_sentences(**kwargs),
        "fits": serializers.ListField(
            child=serializers.CharField(),
            help_text="Why it fits, in words for the reader.",
            **kwargs,
        ),
        "checks": serializers.ListField(
            child=serializers.CharField(),
            help_text="What to check before choosing it, in words for the reader.",
            **kwargs,
        ),
        "reason_codes": ReasonCodesField(**({"source": codes_from} if codes_from else {})),
    }


def explain(score: float, reasons, reader) -> dict:
    """A match's band and reasons for the API: in words (all, and as fits and watch-outs)
    and as codes."""
    fits, checks = render_split(reasons, reader)
    return {
        "band": band(score),
        "reasons": render_all(reasons, reader),
        "fits": fits,
        "checks": checks,
        "reason_codes": list(reasons or ()),
    }


def asked_parts(interoperability: float, cost_fit: float, reasons) -> dict:
    """The two parts a need may not ask about, null when it did not (no system named, no
    budget given: `matching.core.reasons.parts_asked`), as the bars leave them out."""
    systems, budget = parts_asked(reasons)
    return {
        "interoperability": round(interoperability, 3) if systems else None,
        "cost_fit": round(cost_fit, 3) if budget else None,
    }


class MatchPreviewSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=140)
    description = serializers.CharField(max_length=4000)
    category = serializers.SlugRelatedField(
        slug_field="slug", queryset=Category.objects.all(), required=False, allow_null=True
    )
    systems = serializers.ListField(
        child=serializers.CharField(max_length=80),
        max_length=MAX_SYSTEMS_PER_LISTING,
        required=False,
        help_text="System names, slugs or other names for them, e.g. 'Google Sheets', "
        "'kobotoolbox' or 'GPay'.",
    )
    monthly_budget = serializers.DecimalField(**money)
    one_off_budget = serializers.DecimalField(**money)
    currency = serializers.ChoiceField(
        choices=CURRENCIES,
        required=False,
        allow_blank=True,
        help_text="The currency the budgets are written in; without it, the currency of the "
        "signed-in organisation's country (rupees in India), else the site's.",
    )
    free_only = serializers.BooleanField(required=False, default=False)
    deployment = serializers.ChoiceField(
        choices=Deployment.choices, required=False, allow_blank=True
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=60), max_length=MAX_LANGUAGES, required=False
    )
    # Shared, never copied: DRF deep-copies every field of every serializer it builds.
    country = serializers.ChoiceField(choices=COUNTRY_CHOICES, required=False, allow_blank=True)

    def validate_languages(self, names: list[str]) -> list[str]:
        known = {}
        for code, *spellings in Language.objects.values_list("code", "name", "name_hi"):
            for spelling in (code, *spellings):
                if spelling:
                    known.setdefault(spelling.lower(), code)
        unknown = [name for name in names if name.lower() not in known]
        if unknown:
            raise serializers.ValidationError(
                gettext("Unknown language: %(names)s.") % {"names": ", ".join(unknown)}
            )
        return [known[name.lower()] for name in names]

    def validate(self, data):
        data["systems"], data["unknown_systems"] = System.objects.resolve(data.get("systems", []))
        return data


class MatchPreviewView(APIView):
    """Score a need against every published offering, best first, up to the top K, from
    `SHOWN_SCORE` (`matching.services.preview_matches`): results under the curators'
    threshold would not be stored or e-mailed (at the default threshold, 40, they are all in
    the weak band)."""

    throttle_classes = [AnonRateThrottle, UserRateThrottle]

    @extend_schema(
        summary="Preview the offerings a need would match, without saving it",
        description="The best offerings for the need, best first, each with its score, band "
        "and reasons. A need nothing fits well still gets its closest offerings, in the weak "
        "band at the default settings; only matches at or above the curators' threshold are "
        "stored and e-mailed once the need is published.",
        request=MatchPreviewSerializer,
        responses=inline_serializer(
            "MatchPreview",
            {
                "results": inline_serializer(
                    "PreviewedMatch",
                    {
                        "offering": inline_serializer(
                            "PreviewedOffering",
                            {
                                "id": serializers.IntegerField(),
                                "name": serializers.CharField(),
                                "url": serializers.URLField(),
                            },
                        ),
                        "score": serializers.FloatField(help_text="0–100"),
                        "need_fit": serializers.FloatField(
                            help_text="0–1: the chance a person calls it relevant to the need"
                        ),
                        "interoperability": serializers.FloatField(
                            allow_null=True, help_text="0–1; null when the need names no system"
                        ),
                        "cost_fit": serializers.FloatField(
                            allow_null=True, help_text="0–1; null when the need gives no budget"
                        ),
                        **explanation_fields(),
                    },
                    many=True,
                ),
                "unknown_systems": serializers.ListField(
                    child=serializers.CharField(),
                    help_text="System names given that are not in our list of systems.",
                ),
                "warming_up": serializers.BooleanField(
                    help_text="True while the match index is being built for the first "
                    "time: results are empty, try again in a minute."
                ),
            },
        ),
        tags=["match-preview"],
    )
    def post(self, request):
        serializer = MatchPreviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        organisation = acting_organisation(request)
        scores = preview_matches(preview_profile(serializer.validated_data, organisation))
        ids = [score.offering_id for score in scores]
        offerings = Offering.objects.only("name", "slug", "organisation").in_bulk(ids)
        results = [
            {
                "offering": {
                    "id": score.offering_id,
                    "name": offerings[score.offering_id].name,
                    "url": request.build_absolute_uri(
                        offerings[score.offering_id].get_absolute_url()
                    ),
                },
                "score": round(score.score, 1),
                "need_fit": round(score.need_fit, 3),
                **asked_parts(score.interoperability, score.cost_fit, score.reasons),
                **explain(
                    score.score,
                    score.reasons,
                    reader_for(request, offerings[score.offering_id].organisation_id),
                ),
            }
            for score in scores
            if score.offering_id in offerings
        ]
        return Response(
            {
                "results": results,
                "unknown_systems": serializer.validated_data["unknown_systems"],
                "warming_up": scores.warming_up,
            }
        )
