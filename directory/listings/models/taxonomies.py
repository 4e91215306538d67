"""The curated taxonomies: categories, standards, systems, sectors and languages."""

from collections.abc import Iterable

from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from matching.core import PhraseSpotter


def hindi_active() -> bool:
    """Whether the active language is Hindi (the site's other language is English)."""
    return (get_language() or "").split("-")[0] == "hi"


def shown_name(name: str, name_hi: str = "") -> str:
    """The one rule for a taxonomy term's shown name (and an offering's shown summary): its
    Hindi text when the active language is Hindi and it has one, else its (English) text.
    ``name`` stays English for the API, search, matching and exports."""
    return name_hi if name_hi and hindi_active() else name


def hindi_name_field(max_length: int = 80) -> models.CharField:
    return models.CharField(
        "name in Hindi",
        max_length=max_length,
        blank=True,
        help_text="Shown instead of the name to people reading the site in Hindi.",
    )


class Taxonomy(models.Model):
    """A curated term that admins keep tidy; keywords help matching and import find it."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    keywords = models.TextField(
        blank=True, help_text=_("Other words people use for this, one per line or comma-separated.")
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """The name in the reader's language (a Hindi name where there is one)."""
        return shown_name(self.name, getattr(self, "name_hi", ""))

    def keyword_list(self) -> list[str]:
        raw = self.keywords.replace("\n", ",")
        return [word.strip().lower() for word in raw.split(",") if word.strip()]


class CategoryQuerySet(models.QuerySet):
    def named_in(self, text: str) -> list[int]:
        """Ids of the categories whose name or curated keywords appear in ``text``: searching
        "offline survey" also finds data-collection tools that never say "survey"."""
        spotter = PhraseSpotter({c.pk: [c.name, *c.keyword_list()] for c in self})
        return list(spotter.spot_text(text))


class Category(Taxonomy):
    name_hi = hindi_name_field()
    description = models.CharField(max_length=240, blank=True)
    description_hi = models.CharField(
        "description in Hindi",
        max_length=240,
        blank=True,
        help_text="Shown instead of the description to people reading the site in Hindi.",
    )
    hosting_monthly_estimate = models.DecimalField(
        _("hosting cost per month (estimate)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Roughly what running free software of this kind on one's own server costs."),
    )

    objects = CategoryQuerySet.as_manager()

    class Meta(Taxonomy.Meta):
        verbose_name_plural = _("categories")

    def get_absolute_url(self):
        return reverse("offering_list") + f"?category={self.slug}"

    @property
    def shown_description(self) -> str:
        """The description in the reader's language: on a Hindi page, the Hindi one, or none
        rather than English where a curator has not written it yet."""
        if hindi_active():
            return self.description_hi
        return self.description


class Standard(Taxonomy):
    name_hi = hindi_name_field()
    description = models.CharField(max_length=240, blank=True)
    data_export = models.BooleanField(
        default=False, help_text=_("Gives an organisation an open way to get its data out.")
    )


def lookup_key(text: str) -> str:
    """How a typed system name is compared: case, spaces and punctuation left out, so
    "Office-365", "office 365" and "Office365" are one name."""
    return "".join(char for char in text.casefold() if char.isalnum())


def spellings(name: str, slug: str, keywords: Iterable[str]) -> list[str]:
    """The ways of naming a system that ``SystemQuerySet.resolve`` knows: its name, its name
    without a bracketed aside ("Google Workspace" for "Google Workspace (Gmail, Drive, Docs)"),
    its slug, then its keywords (aliases)."""
    return [name, name.split(" (", 1)[0], slug, *keywords]


class SystemQuerySet(models.QuerySet):
    def resolve(self, names: Iterable[str]) -> tuple[list["System"], list[str]]:
        """The systems that people's ``names`` refer to, by name, slug or alias (keyword),
        whatever the case, spacing or punctuation ("Salesforce", "GPay", "Tally ERP 9"):
        each system once, in the order first named; and the names that refer to none, as
        given. A name or slug wins over another system's alias of the same spelling."""
        systems = list(self)
        by_key: dict[str, System] = {}
        for system in systems:
            for spelling in spellings(system.name, system.slug, ()):
                by_key.setdefault(lookup_key(spelling), system)
        for system in systems:
            for keyword in system.keyword_list():
                by_key.setdefault(lookup_key(keyword), system)
        by_key.pop("", None)
        found: dict[int, System] = {}
        unknown = []
        for name in names:
            system = by_key.get(lookup_key(name))
            if system is None:
                unknown.append(name)
            else:
                found.setdefault(system.pk, system)
        return list(found.values()), unknown


class System(Taxonomy):
    """A tool nonprofits already use (Google Sheets, KoboToolbox…)."""

    website = models.URLField(blank=True)
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="systems", help_text=_("Open standards it speaks.")
    )

    objects = SystemQuerySet.as_manager()


class Sector(Taxonomy):
    name_hi = hindi_name_field()


class LanguageQuerySet(models.QuerySet):
    def named_in(self, text: str) -> list[int]:
        """Ids of the languages named in ``text``, in English or in Hindi: searching "Hindi"
        or "हिंदी" also finds the tools offered in Hindi."""
        spotter = PhraseSpotter({lang.pk: [lang.name, lang.name_hi] for lang in self if lang.name})
        return list(spotter.spot_text(text))


class Language(models.Model):
    code = models.CharField(max_length=8, unique=True, help_text=_("ISO 639-1 code, e.g. sw"))
    name = models.CharField(max_length=60)
    name_hi = hindi_name_field(60)

    objects = LanguageQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """The name in the reader's language (a Hindi name where there is one)."""
        return shown_name(self.name, self.name_hi)


# The vocabularies with a Hindi name beside the English one (systems are product names).
HINDI_NAMED = (Category, Standard, Sector, Language)

# Every curated vocabulary, for code that treats them all alike (the change stamps).
TAXONOMIES = (Category, System, Standard, Sector, Language)
