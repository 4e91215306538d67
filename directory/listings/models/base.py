"""What listings and organisations share: timestamps, where a row came from, slugs."""

from django.db import models
from django.db.models import Q
from django.utils.text import slugify


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Source(models.TextChoices):
    MEMBER = "member", "Added by a member"
    DPG = "dpg", "Digital Public Goods registry"


class Imported(models.Model):
    """Where a row came from, so a re-import updates it instead of adding a copy."""

    source = models.CharField(max_length=10, choices=Source.choices, default=Source.MEMBER)
    source_id = models.CharField(max_length=200, blank=True, help_text="Its name in the source.")

    class Meta:
        abstract = True

    @staticmethod
    def imported_once(name: str) -> models.UniqueConstraint:
        """One row per source entry, so a re-import updates instead of adding a copy."""
        return models.UniqueConstraint(
            fields=["source", "source_id"], condition=~Q(source_id=""), name=name
        )


class SlugFromName(models.Model):
    """Gives a new row a unique slug made from its name."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name)
        super().save(*args, **kwargs)


def unique_slug(model, name: str) -> str:
    base = slugify(name)[:120] or "item"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
