"""Form pieces for the long drop-downs of the list pages' filter forms.

Django renders a <select> through one template per option: the two filter forms' ~420 options
took ~100 ms a page. ``QuickSelect`` writes the same markup in Python in well under 1 ms.
"""

import html
import unicodedata

from django import forms
from django.conf import settings
from django.forms.models import ModelChoiceIterator
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django_countries import countries
from django_filters import ChoiceFilter, ModelChoiceFilter
from django_filters.fields import ModelChoiceField

from directory.listings.models.taxonomies import hindi_active, shown_name
from directory.listings.page_cache import kept_under_stamp


def has_hindi_name(model) -> bool:
    return any(field.name == "name_hi" for field in model._meta.concrete_fields)


class FrozenChoices(BaseChoiceIterator):
    """Fixed (value, label) pairs that are neither copied nor normalised again. Django
    deep-copies every filter and form field for each request and re-normalises plain choice
    lists each time they are read: for the 250 countries that cost ~5 ms a list page."""

    def __init__(self, choices):
        self.choices = tuple((value, label) for value, label in choices)

    def __iter__(self):
        return iter(self.choices)

    def __len__(self):
        return len(self.choices)

    def __deepcopy__(self, memo):
        return self


class ChoicesPerLanguage(FrozenChoices):
    """As ``FrozenChoices``, worked out once per language by ``make``: the country names,
    in Hindi for a page in Hindi and sorted as they read."""

    def __init__(self, make):
        self.make = make
        self.by_language: dict[str, tuple] = {}

    @property
    def choices(self) -> tuple:
        language = get_language() or ""
        found = self.by_language.get(language)
        if found is None:
            found = self.by_language[language] = tuple(
                (value, label) for value, label in self.make()
            )
        return found


def reading_order(choice: tuple) -> str:
    """A (value, name) choice's place in a list sorted as its names read: letters with their
    accents and marks taken off ("Åland" beside "Albania"), case ignored. Devanagari letters
    follow their alphabet's order in Unicode, so Hindi names sort as they read too."""
    decomposed = unicodedata.normalize("NFKD", str(choice[1]))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def country_choices() -> list[tuple[str, str]]:
    """Every country once, by name in the request's language: the countries of
    COUNTRIES_FIRST lead in their order, then the rest as their names read (django-countries
    repeats the first ones further down, and its own sort leaves Hindi names out of order)."""
    names = {country.code: country.name for country in countries}
    first = [(code, names[code]) for code in settings.COUNTRIES_FIRST if code in names]
    leading = dict(first)
    rest = ((code, name) for code, name in names.items() if code not in leading)
    return first + sorted(rest, key=reading_order)


def escape(value) -> str:
    """As Django's ``conditional_escape``, without its lazy-string wrapper (it is called per
    option)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def render_attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: True gives a bare name, False leaves it out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class QuickSelect(forms.Select):
    """A single-choice <select> with the markup of Django's template (the same ids, names and
    attributes, so labels and aria attributes keep working), built without templates."""

    def render(self, name, value, attrs=None, renderer=None):
        selected_values = self.format_value(value)
        options, has_selected = [], False
        for option_value, option_label in self.choices:
            if isinstance(option_label, (list, tuple)):  # optgroups: leave them to Django
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            selected = not has_selected and option_value in selected_values
            has_selected |= selected
            options.append(
                f'\n  <option value="{escape(option_value)}"{" selected" if selected else ""}>'
                f"{escape(option_label)}</option>"
            )
        attributes = render_attrs(self.build_attrs(self.attrs, attrs))
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(options)}\n</select>')


class TermChoices(ModelChoiceIterator):
    """A taxonomy's (slug, name) pairs from one plain query. Django's iterator builds a model
    per term and on PostgreSQL reads them through a server-side cursor (three round trips).
    A term with a Hindi name is labelled by it when the page is in Hindi (``shown_name``),
    and the terms are then sorted by what they show."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.queryset.query.has_filters():
            yield from self.terms()
            return
        # All the terms: while a shared list fragment is rendered, the process's copy of them
        # made under the same listings stamp (any save of a term replaces it).
        in_hindi = hindi_active() and has_hindi_name(self.queryset.model)
        key = f"terms:{self.queryset.model._meta.label}:{self.field.to_field_name}:{in_hindi}"
        yield from kept_under_stamp(key, lambda: tuple(self.terms()))

    def terms(self):
        key = self.field.to_field_name
        if not hindi_active() or not has_hindi_name(self.queryset.model):
            return self.queryset.values_list(key, "name")
        rows = self.queryset.values_list(key, "name", "name_hi")
        shown = [(value, shown_name(name, name_hi)) for value, name, name_hi in rows]
        return sorted(shown, key=lambda choice: choice[1])


class TermChoiceField(ModelChoiceField):
    iterator = TermChoices


class TermChoiceFilter(ModelChoiceFilter):
    """A drop-down of a taxonomy's terms (labelled by ``name``), addressed by
    ``to_field_name`` in the URL."""

    field_class = TermChoiceField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)


class QuickChoiceFilter(ChoiceFilter):
    """A drop-down of fixed choices, drawn by ``QuickSelect``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(*args, **kwargs)


class FilterableCheckboxes(forms.CheckboxSelectMultiple):
    """A long checkbox list (say, the countries) with a box to find an option in: the box is
    added by static/js/filters.js; without JavaScript the list simply scrolls."""

    def __init__(self, *args, filter_label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.filter_label = filter_label
