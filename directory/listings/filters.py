"""The filters behind the offerings and needs lists (shared by the HTML pages and the API)."""

from datetime import timedelta

import django_filters as filters
from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db.models import Case, DecimalField, F, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from directory.accounts.currency import reader_currency
from directory.common.forms import AmountField, FriendlyErrors, currency_switch
from directory.common.money import (
    CURRENCIES,
    in_site_currency_q,
    in_site_currency_sql,
    money,
    sign,
)
from directory.common.money import too_large as money_too_large
from directory.listings.models import (
    AMOUNT_CEILING,
    Category,
    Deployment,
    Language,
    Need,
    Offering,
    Sector,
    Standard,
    System,
)
from directory.listings.search import in_english, keyword_search
from directory.listings.widgets import (
    ChoicesPerLanguage,
    QuickChoiceFilter,
    QuickSelect,
    TermChoiceFilter,
    country_choices,
)
from matching.preview import FOUND_BY_MEANING, search_fits
from matching.profiles import current_rate

# Plain (code, name) pairs, shared by every request instead of copied (see FrozenChoices),
# in the page's language, in the order of `country_choices`.
COUNTRY_CHOICES = ChoicesPerLanguage(country_choices)


def taxonomy_filter(model, field_name: str, label: str, empty_label: str) -> TermChoiceFilter:
    """A drop-down of a taxonomy, addressed by slug in the URL (``?category=crm``)."""
    return TermChoiceFilter(
        field_name=field_name,
        queryset=model.objects.all(),
        to_field_name="slug",
        label=label,
        empty_label=empty_label,
    )


class AmountFilter(filters.NumberFilter):
    """An amount as people write it ("1,50,000"), `AmountField`, below what any listing
    holds (``AMOUNT_CEILING``: a larger one finds nothing more; the message says so in the
    currency typed, `KeywordSortFilterSet.set_up_amounts`)."""

    field_class = AmountField

    def get_max_validator(self):
        return MaxValueValidator(AMOUNT_CEILING)


def currency_filter() -> QuickChoiceFilter:
    """What a list's amount filters' amounts are typed in (`amounts_currency`), declared just
    after them; the lists' pages start it at the reader's (`with_reader_currency`), the API and
    an address without it at the site's."""
    return QuickChoiceFilter(
        choices=CURRENCIES, method="amounts_in", label=_("Amounts in"), empty_label=None
    )


def with_reader_currency(data: QueryDict | None, request) -> QueryDict:
    """A list's query with the amounts in the reader's currency unless it names one."""
    data = data.copy() if data is not None else QueryDict(mutable=True)
    data.setdefault("currency", reader_currency(request))
    return data


class KeywordSortFilterSet(filters.FilterSet):
    """Keyword search and sorting, which both lists offer the same way."""

    q = filters.CharFilter(method="filter_keyword", label=_("Search"))
    sort = QuickChoiceFilter(method="sort_by", label=_("Sort by"), empty_label=_("Best match"))

    sort_orders: dict[str, list[str]] = {}
    default_order: list[str] = []

    def get_form_class(self):
        form = super().get_form_class()
        return type(form.__name__, (FriendlyErrors, form), {})

    def filter_keyword(self, queryset, name, value):
        also = [self.in_categories(Category.objects.named_in(value))]
        if languages := Language.objects.named_in(value):
            also.append(self.in_languages(languages))
        if (translated := in_english(queryset.model, value)) is not None:
            also.append(translated)
        fits = self.meaning_fits(value)
        if meant := [pk for pk, fit in fits.items() if fit >= FOUND_BY_MEANING]:
            also.append(Q(pk__in=meant))
        return keyword_search(queryset, value, *also, fits=fits)

    def meaning_fits(self, text: str) -> dict[int, float]:
        """Listing id → its fit to what the search's words mean, 0–1, for the listings the
        meaning reaches; none where the list has no engine to ask."""
        return {}

    def in_categories(self, ids: list[int]) -> Q | QuerySet:
        """Listings in these categories, as keyword_search takes them."""
        return Q(category__in=ids)

    def in_languages(self, ids: list[int]) -> QuerySet:
        """Listings offered (or asked) in these languages: their ids, so none is listed twice."""
        through = self._meta.model.languages.through
        column = f"{self._meta.model._meta.model_name}_id"
        return through.objects.filter(language__in=ids).values(column)

    # A sort on an amount: the amount field it reads in the site's currency, as
    # ``site_<field>`` in its order (a listing's amounts are in its own currency).
    amount_sorts: dict[str, str] = {}

    @cached_property
    def rate(self) -> float:
        """The curators' rupees to a dollar, read once for all of this filtering's amounts."""
        return current_rate()

    def sort_by(self, queryset, name, value):
        if field := self.amount_sorts.get(value):
            converted = self.amount_in_site_currency(field, self.rate)
            queryset = queryset.alias(**{f"site_{field}": converted})
        return queryset.order_by(*self.sort_orders[value])

    def amount_in_site_currency(self, field: str, rate: float):
        return in_site_currency_sql(field, rate)

    @cached_property
    def amounts_currency(self) -> str:
        """The currency the amounts are typed in: the one chosen, else the site's."""
        chosen = (self.data or {}).get("currency")
        return chosen if chosen in dict(CURRENCIES) else settings.SITE_CURRENCY

    def amounts_in(self, queryset, name, value):
        return queryset  # the amount filters read it (`amounts_currency`)

    def set_up_amounts(self, *names: str) -> None:
        """These amount filters in the currency the amounts are typed in: their labels name it
        ("(₹)" or "(USD)" after the declared label, renamed at once by static/js/currency.js
        when another is chosen), and an amount too large says its limit in it."""
        too_large = money_too_large(AMOUNT_CEILING, self.amounts_currency)
        for name in names:
            declared = self.base_filters[name].label
            self.filters[name].label = format_lazy("{} ({})", declared, sign(self.amounts_currency))
            self.filters[name].extra["error_messages"] = {"max_value": too_large}
        self.filters["currency"].extra["widget"] = QuickSelect(
            attrs=currency_switch([f"id_{name}" for name in names])
        )

    @property
    def qs(self):
        queryset = super().qs
        chosen = getattr(self.form, "cleaned_data", {})
        if chosen.get("sort"):
            return queryset
        if chosen.get("q"):
            return queryset.order_by("-rank", *self.default_order)
        return queryset.order_by(*self.default_order)


class OfferingFilter(KeywordSortFilterSet):
    category = taxonomy_filter(Category, "categories", _("Category"), _("Any category"))
    sector = taxonomy_filter(Sector, "sectors", _("Sector"), _("Any sector"))
    integrates_with = taxonomy_filter(System, "systems", _("Works with"), _("Any system"))
    standard = taxonomy_filter(Standard, "standards", _("Open standard"), _("Any standard"))
    deployment = QuickChoiceFilter(
        choices=Deployment.choices,
        method="filter_deployment",
        label=_("Runs"),
        empty_label=_("Any way"),
    )
    pricing = QuickChoiceFilter(
        field_name="pricing_model",
        choices=Offering.Pricing.choices,
        label=_("Pricing"),
        empty_label=_("Any pricing"),
    )
    max_price = AmountFilter(method="filter_max_price", label=_("Max. monthly price"), min_value=0)
    currency = currency_filter()
    language = TermChoiceFilter(
        field_name="languages",
        queryset=Language.objects.all(),
        to_field_name="code",
        label=_("Language"),
        empty_label=_("Any language"),
    )
    region = QuickChoiceFilter(
        choices=COUNTRY_CHOICES,
        method="filter_region",
        label=_("Available in"),
        empty_label=_("Anywhere"),
    )
    verified = filters.BooleanFilter(
        method="filter_verified", label=_("Verified providers only"), widget=forms.CheckboxInput
    )

    sort = QuickChoiceFilter(
        method="sort_by",
        label=_("Sort by"),
        empty_label=_("Best match"),
        choices=[("newest", _("Newest")), ("name", _("Name")), ("price", _("Lowest price"))],
    )
    sort_orders = {
        "newest": ["-created_at", "pk"],
        "name": ["name", "pk"],
        "price": [F("site_nonprofit_price_monthly").asc(nulls_last=True), "name", "pk"],
    }
    amount_sorts = {"price": "nonprofit_price_monthly"}
    # provider_verified is organisation__is_verified, copied so that one index gives the order.
    default_order = ["-is_featured", "-provider_verified", "name", "pk"]

    class Meta:
        model = Offering
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_up_amounts("max_price")

    def meaning_fits(self, text: str) -> dict[int, float]:
        return search_fits(text)

    def in_categories(self, ids: list[int]) -> QuerySet:
        # Many categories to an offering: ids, so that no offering is listed twice.
        return Offering.categories.through.objects.filter(category__in=ids).values("offering_id")

    def filter_verified(self, queryset, name, value):
        """Ticked: verified providers only. Unticked means any provider, not unverified ones."""
        return queryset.filter(organisation__is_verified=True) if value else queryset

    def filter_deployment(self, queryset, name, value):
        return queryset.filter(**{value: True})

    def amount_in_site_currency(self, field: str, rate: float):
        """Free offerings cost 0, whether or not a price of 0 is stored: "Lowest price" lists
        them first."""
        free = When(pricing_model=Offering.Pricing.FREE, then=Value(0))
        return Case(free, default=in_site_currency_sql(field, rate), output_field=DecimalField())

    def filter_max_price(self, queryset, name, value):
        within = in_site_currency_q(
            "nonprofit_price_monthly", "lte", value, self.rate, self.amounts_currency
        )
        return queryset.filter(Q(pricing_model=Offering.Pricing.FREE) | within)

    def filter_region(self, queryset, name, value):
        # Regions are stored as comma-separated two-letter codes; empty means worldwide.
        return queryset.filter(Q(regions="") | Q(regions__contains=value))


class BudgetRange(forms.Form):
    """A "budget up to" below the "budget from" is said to be so, and left out (the list then
    shows the needs from the lowest), rather than an empty list with no reason."""

    def clean(self):
        cleaned = super().clean()
        lowest, highest = cleaned.get("min_budget"), cleaned.get("max_budget")
        if lowest is not None and highest is not None and highest < lowest:
            currency = cleaned.get("currency") or settings.SITE_CURRENCY
            message = gettext("Make this at least the lowest budget, %(lowest)s.") % {
                "lowest": money(lowest, currency)
            }
            self.add_error("max_budget", message)
        return cleaned


POSTED_WITHIN = [("7", _("Last 7 days")), ("30", _("Last 30 days")), ("90", _("Last 3 months"))]


class NeedFilter(KeywordSortFilterSet):
    category = taxonomy_filter(Category, "category", _("Category"), _("Any category"))
    country = QuickChoiceFilter(
        choices=COUNTRY_CHOICES, label=_("Country"), empty_label=_("Any country")
    )
    min_budget = AmountFilter(method="filter_budget", label=_("Monthly budget from"), min_value=0)
    max_budget = AmountFilter(method="filter_budget", label=_("Monthly budget up to"), min_value=0)
    currency = currency_filter()
    integrates_with = taxonomy_filter(System, "systems", _("Must work with"), _("Any system"))
    deployment = QuickChoiceFilter(
        choices=Deployment.choices, label=_("Runs"), empty_label=_("Any way")
    )
    posted_within = QuickChoiceFilter(
        choices=POSTED_WITHIN,
        method="filter_posted_within",
        label=_("Posted"),
        empty_label=_("Any time"),
    )
    status = QuickChoiceFilter(
        field_name="state",
        choices=[(Need.State.OPEN, _("Open")), (Need.State.FULFILLED, _("Fulfilled"))],
        label=_("Status"),
        empty_label=None,
    )

    sort = QuickChoiceFilter(
        method="sort_by",
        label=_("Sort by"),
        empty_label=_("Newest first"),
        choices=[("deadline", _("Deadline soonest")), ("budget", _("Biggest budget"))],
    )
    # Needs without a deadline, or without any budget, come after those with one.
    sort_orders = {
        "deadline": [F("deadline").asc(nulls_last=True), "-created_at", "pk"],
        "budget": [F("site_first_year_budget").desc(nulls_last=True), "pk"],
    }
    default_order = ["-is_featured", "-created_at", "pk"]

    class Meta:
        model = Need
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        """Show open needs unless the visitor asks for fulfilled ones."""
        data = data.copy() if data is not None else QueryDict(mutable=True)
        data.setdefault("status", Need.State.OPEN)
        super().__init__(data, *args, **kwargs)
        self.set_up_amounts("min_budget", "max_budget")

    def get_form_class(self):
        return type("NeedFilterForm", (BudgetRange, super().get_form_class()), {})

    def sort_by(self, queryset, name, value):
        """The biggest budget is the most a need offers in its first year, in the site's
        currency: twelve months of its monthly budget and its one-off budget, either of which
        may be missing (one-off only, or free tools only)."""
        if value == "budget":
            monthly = self.amount_in_site_currency("monthly_budget", self.rate) * Value(12)
            one_off = self.amount_in_site_currency("one_off_budget", self.rate)
            yearly = Coalesce(monthly + one_off, monthly, one_off)
            queryset = queryset.alias(site_first_year_budget=yearly)
        return super().sort_by(queryset, name, value)

    def filter_budget(self, queryset, name, value):
        lookup = "gte" if name == "min_budget" else "lte"
        return queryset.filter(
            in_site_currency_q("monthly_budget", lookup, value, self.rate, self.amounts_currency)
        )

    def filter_posted_within(self, queryset, name, value):
        return queryset.filter(created_at__gte=timezone.now() - timedelta(days=int(value)))
