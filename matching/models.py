"""Stored matches and the admin-editable matching settings."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.listings.models import Need, Offering

from .core import POSSIBLE_SCORE, MatchScore, Weights, band
from .core.profiles import DEFAULT_THRESHOLD, WEAK, lowest_score_of
from .core.reasons import parts_asked
from .reasons import BAND_LABELS, NONPROFIT, PROVIDER, Reader, render_all, render_split

unit_interval = [MinValueValidator(0), MaxValueValidator(1)]

# The labels of a match's three parts (need fit, interoperability, cost fit), by reader.
PART_LABELS: dict[Reader, tuple[str, str, str]] = {
    NONPROFIT: (_("Fits the need"), _("Works with your systems"), _("Fits the budget")),
    PROVIDER: (_("Fits their need"), _("Works with their systems"), _("Fits their budget")),
}


class MatchingSettings(models.Model):
    """One row of settings that curators tune; saving it triggers a full re-match."""

    need_weight = models.FloatField(default=0.5, validators=unit_interval)
    interoperability_weight = models.FloatField(default=0.3, validators=unit_interval)
    cost_weight = models.FloatField(default=0.2, validators=unit_interval)
    threshold = models.FloatField(
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Matches scoring below this (0–100) are not kept."),
    )
    top_k = models.PositiveSmallIntegerField(
        _("matches kept per need"),
        default=25,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    rupees_per_dollar = models.DecimalField(
        "rupees to one US dollar",
        max_digits=8,
        decimal_places=2,
        default=Decimal("85.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text="Set by curators, never fetched: budgets and prices written in rupees and in "
        "dollars are compared at this rate.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = _("matching settings")

    def __str__(self):
        return gettext("Matching settings")

    def clean(self):
        total = self.need_weight + self.interoperability_weight + self.cost_weight
        if abs(total - 1) > 1e-6:
            raise ValidationError(
                gettext("The three weights must add up to 1 (they add up to %(total)s).")
                % {"total": f"{total:g}"}
            )

    @classmethod
    def current(cls) -> "MatchingSettings":
        return cls.objects.get_or_create(pk=1)[0]

    @property
    def weights(self) -> Weights:
        return Weights(self.need_weight, self.interoperability_weight, self.cost_weight)


class MatchQuerySet(models.QuerySet):
    def best_first(self):
        return self.order_by("-score", "offering_id", "need_id")

    def worth_telling(self):
        """Strong and possible matches: weak ones are shown on pages, never e-mailed."""
        return self.filter(score__gte=lowest_score_of(POSSIBLE_SCORE))

    def needs_for(self, organisation, user, limit: int = 50) -> list["Match"]:
        """A provider's "needs for you": each visible need once, with its best-matching offering."""
        matches = (
            self.filter(offering__organisation=organisation, need__in=Need.objects.visible_to(user))
            .select_related("need__organisation", "need__category", "offering")
            .best_first()
        )
        best_per_need = {}
        for match in matches[: limit * 5]:
            best_per_need.setdefault(match.need_id, match)
        return list(best_per_need.values())[:limit]


class Match(models.Model):
    """How well one offering fits one need, with the parts and reasons shown to people."""

    # Indexed by the unique (need, offering) and the (offering, -score) indexes below: a full
    # re-match writes 250,000 rows, and every extra index slows that down.
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="matches", db_index=False)
    offering = models.ForeignKey(
        Offering, on_delete=models.CASCADE, related_name="matches", db_index=False
    )
    score = models.FloatField()
    need_fit = models.FloatField()
    interoperability = models.FloatField()
    cost_fit = models.FloatField()
    reasons = models.JSONField(default=list)  # codes with values: see matching.core.reasons
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["need", "offering"], name="one_match_per_pair"),
        ]
        indexes = [models.Index(fields=["offering", "-score"])]

    def __str__(self):
        return f"{self.need} ↔ {self.offering}: {self.score:.0f}"

    @classmethod
    def unsaved(cls, score: MatchScore, offering: Offering, need: Need | None = None) -> "Match":
        """A match to show (a preview) that is never stored."""
        return cls(
            need=need,
            offering=offering,
            score=score.score,
            need_fit=score.need_fit,
            interoperability=score.interoperability,
            cost_fit=score.cost_fit,
            reasons=list(score.reasons),
        )

    def parts_for(self, reader: Reader = NONPROFIT) -> list[tuple[str, int | None]]:
        """The three parts as (label, percentage) for the bars, in words for the reader; the
        percentage is None for a part the need did not ask about (no system named, no
        budget given), which the score leaves out too."""
        labels = PART_LABELS[reader]
        fits = (self.need_fit, self.interoperability, self.cost_fit)
        asked = (True, *parts_asked(self.reasons))
        return [
            (label, round(fit * 100) if shown else None)
            for label, fit, shown in zip(labels, fits, asked, strict=True)
        ]

    @property
    def parts(self) -> list[tuple[str, float]]:
        """The bars the nonprofit sees."""
        return self.parts_for(NONPROFIT)

    @property
    def parts_for_provider(self) -> list[tuple[str, float]]:
        """The bars the provider sees."""
        return self.parts_for(PROVIDER)

    @property
    def is_close(self) -> bool:
        """Strong or possible: the need's page folds weak matches away."""
        return self.band != WEAK

    @property
    def band(self) -> str:
        """strong, possible or weak (matching.core.profiles.band)."""
        return band(self.score)

    @property
    def band_label(self) -> str:
        return str(BAND_LABELS[self.band])

    def fits_and_checks_for(self, reader: Reader = NONPROFIT) -> tuple[list[str], list[str]]:
        """(why it fits, what to check), in words for the reader."""
        return render_split(self.reasons, reader)

    def reasons_for(self, reader: Reader = NONPROFIT) -> list[str]:
        """The reasons in words for the nonprofit ("your budget") or the provider ("their
        budget"); ``reasons`` itself holds the codes (matching.core.reasons)."""
        return render_all(self.reasons, reader)


class ListingEmbedding(models.Model):
    """A need's or an offering's sentence embedding (matching/embeddings.py), kept beside the
    listing rather than on it: one row per (kind, listing), rewritten when the text changes."""

    class Kind(models.TextChoices):
        NEED = "need", "need"
        OFFERING = "offering", "offering"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    listing_id = models.PositiveBigIntegerField()
    vector = models.BinaryField()  # float32 bytes, unit length (numpy.frombuffer reads it)
    text_hash = models.CharField(max_length=64)  # sha256 of the model name and the text
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "listing_id"], name="one_embedding_per_listing")
        ]
        # Syncs read the embeddings changed since their last (matching/watermark.py).
        indexes = [models.Index(fields=["kind", "updated_at"], name="embedding_changed")]

    def __str__(self):
        return f"{self.kind} {self.listing_id}"
