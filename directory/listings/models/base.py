"""What listings and organisations share: timestamps, where a row came from, slugs."""

from django.db import models
from django.db.models import Q
from django.urls import resolve, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from directory.common.choices import text_choices


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


Source = text_choices(
    "Source", {"member": _("Added by a member"), "dpg": _("Digital Public Goods registry")}
)


class Imported(models.Model):
    """Where a row came from, so a re-import updates it instead of adding a copy."""

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MEMBER)
    source_id = models.CharField(max_length=200, blank=True, help_text=_("Its name in the source."))

    class Meta:
        abstract = True

    @property
    def written_in_english(self) -> bool:
        """Its description is the registry's, which is written in English (pages in another
        language say so)."""
        return self.source == Source.DPG

    @staticmethod
    def imported_once(name: str) -> models.UniqueConstraint:
        """One row per source entry, so a re-import updates instead of adding a copy."""
        return models.UniqueConstraint(
            fields=["source", "source_id"], condition=~Q(source_id=""), name=name
        )


class SlugFromName(models.Model):
    """Gives a new row a unique slug made from its name; its page is ``page_view`` by slug."""

    page_view = ""  # the name of its page's URL in directory/urls.py

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.page_view, args=[self.slug])


def unique_slug(model, name: str) -> str:
    """A slug made from ``name`` that no other row has and whose page address is the row's own:
    an offering named "New" gets ``new-2``, since ``/offerings/new/`` is the form for a new one."""
    base = slugify(name)[:120] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists() or not opens_own_page(model, slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


def opens_own_page(model, slug: str) -> bool:
    """Whether the address of a row with this slug leads to the row's page, not another one."""
    return _page_name(model, slug) == _page_name(model, "x")


def _page_name(model, slug: str) -> str:
    return resolve(model(slug=slug).get_absolute_url()).url_name
