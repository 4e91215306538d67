"""``{% load filter_forms %}`` … ``{% filter_field field filter %}``: one field of a list's
filter form, drawn by includes/field.html, taken from this process's copy when the same field
with the same value was drawn in the same language under the same listings stamp
(listings/page_cache.py ``kept_under_stamp``). Most addresses of a list leave most filters
empty, so a page for a new address draws the one or two fields it sets, not all eleven."""

import hashlib

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from directory.listings.page_cache import kept_under_stamp

register = template.Library()


@register.simple_tag(takes_context=True)
def filter_field(context, field, filterset):
    def draw() -> str:
        with context.push(field=field):
            return str(context.template.engine.get_template("includes/field.html").render(context))

    if field.errors:  # what the reader typed, said back to them: drawn for them alone
        return mark_safe(draw())  # noqa: S308 - the field template's own escaped HTML
    value = hashlib.sha256(repr(field.value()).encode()).hexdigest()
    key = f"filter-field:{type(filterset).__qualname__}:{field.name}:{get_language()}:{value}"
    return mark_safe(kept_under_stamp(key, draw))  # noqa: S308 - as above
