"""Pieces of the list pages' shared fragments, each drawn once per value, language and
listings stamp in a process (listings/page_cache.py ``kept_under_stamp``): a page for a new
address draws only what no other address drew under the same stamp.

``{% filter_field field filter %}``: one field of a list's filter form (includes/field.html).
Most addresses leave most filters empty, so a new address draws the one or two it sets.

``{% kept "offering-card" offering.pk %}…{% endkept %}``: what lies between, for these values
(a result card: the same listing's card on every address that lists it)."""

import hashlib

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from directory.listings.page_cache import kept_under_stamp

register = template.Library()


def piece_key(*parts) -> str:
    named = ":".join([get_language() or "", *(repr(part) for part in parts)])
    return hashlib.sha256(named.encode()).hexdigest()


@register.simple_tag(takes_context=True)
def filter_field(context, field, filterset):
    def draw() -> str:
        with context.push(field=field):
            return str(context.template.engine.get_template("includes/field.html").render(context))

    if field.errors:  # what the reader typed, said back to them: drawn for them alone
        return mark_safe(draw())  # noqa: S308 - the field template's own escaped HTML
    # The label too: an amount's names the currency it is typed in ("Max. monthly price (₹)").
    key = piece_key(
        "filter-field", type(filterset).__qualname__, field.name, field.value(), str(field.label)
    )
    return mark_safe(kept_under_stamp(key, draw))  # noqa: S308 - as above


class KeptNode(template.Node):
    def __init__(self, nodelist, vary_on):
        self.nodelist, self.vary_on = nodelist, vary_on

    def render(self, context):
        key = piece_key("kept", *(value.resolve(context) for value in self.vary_on))
        html = kept_under_stamp(key, lambda: str(self.nodelist.render(context)))
        return mark_safe(html)  # noqa: S308 - the enclosed templates' own escaped HTML


@register.tag
def kept(parser, token):
    """What the block draws must depend on nothing but its values, the page's language and
    the listings (their stamp)."""
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    if not vary_on:
        raise template.TemplateSyntaxError("kept needs a name and the values the block shows")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, vary_on)
