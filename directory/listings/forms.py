"""Forms for keeping an organisation profile and posting needs and offerings.

Every form here validates fully before anything is saved: bad input comes back beside its
field and nothing is written.
"""

import unicodedata

from django import forms
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext, gettext_lazy

from directory.common import licences, money
from directory.common.forms import AmountField, FriendlyErrors, HoneypotForm, currency_switch
from directory.listings import models as listings
from directory.listings.models import Category, Language, Sector, Standard, System
from directory.listings.widgets import FilterableCheckboxes, country_choices, reading_order
from matching.core.scoring import TITLE_REPEAT
from matching.preview import closest_category
from matching.profiles import load_vocabulary

MAX_STANDARDS_PER_OFFERING = 20
MAX_LANGUAGES = 20
MAX_SECTORS = 10


class BoundedMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A checkbox list that refuses more than ``max_items`` ticks."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, queryset, *, max_items: int, **kwargs):
        self.max_items = max_items
        kwargs.setdefault("required", False)
        super().__init__(queryset, **kwargs)

    def clean(self, value):
        if value and len(value) > self.max_items:
            raise forms.ValidationError(
                gettext("Choose at most %(count)s.") % {"count": self.max_items}, code="too_many"
            )
        return super().clean(value)


def visible_text(value: str) -> str:
    """The value, refused when it shows nothing: only spaces and invisible characters such as
    zero-width spaces (Unicode's format characters, which str.strip keeps)."""
    if value and not "".join(c for c in value if unicodedata.category(c) != "Cf").strip():
        raise forms.ValidationError(gettext("Write something people can read."))
    return value


def checklist(model, max_items: int, **kwargs) -> BoundedMultipleChoiceField:
    help_text = kwargs.pop("help_text", "")
    limit = format_lazy(gettext_lazy("Up to {count}."), count=max_items)
    if model is System:  # a hundred and more: people look one up by name
        kwargs["widget"] = FilterableCheckboxes(filter_label=gettext_lazy("Find a system"))
    return BoundedMultipleChoiceField(
        model.objects.all(),
        max_items=max_items,
        help_text=lazy(lambda: f"{help_text} {limit}".strip(), str)(),
        **kwargs,
    )


def country_checklist(label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=country_choices,
        required=False,
        widget=FilterableCheckboxes(filter_label=gettext_lazy("Find a country")),
    )


def in_reading_order(form: forms.BaseForm) -> None:
    """The form's countries and languages listed as their names read in the reader's language,
    as the filters list them (`country_choices`): the models' own order is by English name,
    which put Hindi names out of order."""
    country = form.fields.get("country")
    if country is not None:
        country.choices = [c for c in country.choices if c[0] == ""] + country_choices()
    languages = form.fields.get("languages")
    if languages is not None:
        languages.choices = sorted(languages.choices, key=reading_order)


class OrganisationForm(FriendlyErrors, forms.ModelForm):
    sectors = checklist(Sector, MAX_SECTORS, label=gettext_lazy("Sectors"))
    languages = checklist(Language, MAX_LANGUAGES, label=gettext_lazy("Languages"))
    systems_in_use = checklist(
        System,
        40,
        label=gettext_lazy("Systems you already use"),
        help_text=gettext_lazy("We favour tools that work with these."),
    )
    regions_served = country_checklist(gettext_lazy("Countries you serve"))

    class Meta:
        model = listings.Organisation
        fields = [*listings.Organisation.PROFILE_FIELDS, "contact_email"]
        labels = {
            "name": gettext_lazy("Name"),
            "website": gettext_lazy("Website"),
            "description": gettext_lazy("Description"),
            "country": gettext_lazy("Country"),
            "size_band": gettext_lazy("Size band"),
            "budget_band": gettext_lazy("Budget band"),
            "provider_type": gettext_lazy("Provider type"),
            "contact_email": gettext_lazy("Contact email"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_reading_order(self)
        if self.instance.is_provider:
            del self.fields["systems_in_use"], self.fields["size_band"], self.fields["budget_band"]
        else:
            del self.fields["provider_type"], self.fields["regions_served"]


def spotted_category(title: str, description: str) -> Category | None:
    """The category the matching engine's text analysis spots most in a need's words (the
    title counted as the engine counts it), or None when it spots none."""
    analysis = load_vocabulary().analyser().analyse([(title, TITLE_REPEAT), (description, 1)])
    best = analysis.categories.most_common(1)
    return Category.objects.filter(slug=best[0][0]).first() if best else None


class CurrencyField:
    """A listing's currency: offered with its amounts, and left as it is (or the site's) when
    a form or an API client sends none."""

    def clean_currency(self):
        return self.cleaned_data.get("currency") or self.instance.currency

    def set_up_currency(self, label: str, *amounts: str) -> str:
        """Labels the currency field; answers how the amount labels name the currency: the one
        sent, else the one the form starts with (the organisation's country's for a new
        listing, `initial_for`), else the listing's. An amount too large for its field is
        refused in words, with the largest it takes."""
        field = self.fields["currency"]
        field.required = False
        field.label = label
        known = {code for code, _ in money.CURRENCIES}
        sent = self.data.get(self.add_prefix("currency")) if self.is_bound else None
        currency = next(
            (c for c in (sent, self.initial.get("currency")) if c in known), self.instance.currency
        )
        too_large = money.too_large(listings.AMOUNT_CEILING, currency)
        for name in amounts:
            errors = self.fields[name].error_messages
            errors["max_digits"] = errors["max_whole_digits"] = too_large
        # Ids as BoundField.auto_id gives them: a bound field made now would keep the label the
        # amounts have before their caller names the currency.
        field.widget.attrs.update(
            currency_switch([self.auto_id % self.add_prefix(name) for name in amounts])
        )
        return money.sign(currency)


CHOOSE_CATEGORY = gettext_lazy("Choose the category closest to your need.")
CURRENCY_HELP = gettext_lazy("The currency its prices or budgets are written in.")


class NeedForm(CurrencyField, HoneypotForm, forms.ModelForm):
    # What the page shows at first; the rest waits under "More details (optional)".
    SHORT_FIELDS = ("title", "description", "systems", "monthly_budget", "free_only", "homepage")
    systems = checklist(
        System,
        listings.MAX_SYSTEMS_PER_LISTING,
        label=gettext_lazy("It must work with"),
        help_text=gettext_lazy("Tools you already use that the solution should connect to."),
    )
    languages = checklist(
        Language,
        MAX_LANGUAGES,
        label=gettext_lazy("Languages"),
        help_text=gettext_lazy("Languages your team or users need."),
    )

    class Meta:
        model = listings.Need
        fields = [
            "title",
            "description",
            "category",
            "systems",
            "monthly_budget",
            "free_only",
            "one_off_budget",
            "currency",
            "deployment",
            "languages",
            "country",
            "strict_requirements",
            "deadline",
            "visibility",
        ]
        field_classes = {"monthly_budget": AmountField, "one_off_budget": AmountField}
        labels = {
            "title": gettext_lazy("What do you need, in one line?"),
            "description": gettext_lazy("What do you need to do?"),
            "free_only": gettext_lazy("Free tools only"),
            "deployment": gettext_lazy("How should it run?"),
            "country": gettext_lazy("Country"),
            "visibility": gettext_lazy("Who can see this need?"),
            "category": gettext_lazy("Category"),
            "strict_requirements": gettext_lazy("Strict requirements"),
            "deadline": gettext_lazy("Deadline"),
        }
        help_texts = {
            "description": gettext_lazy(
                "Who will use it, what they do today, and what would make life easier."
            ),
            "deadline": gettext_lazy("Optional: when you hope to have something in place."),
            "currency": CURRENCY_HELP,
        }
        error_messages = {
            "title": {"required": gettext_lazy("Say in one line what you need.")},
            "description": {
                "required": gettext_lazy(
                    "Tell providers a little about it: who will use it and how."
                )
            },
            "category": {"required": CHOOSE_CATEGORY},
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "visibility": forms.RadioSelect,
        }

    @staticmethod
    def initial_for(organisation) -> dict:
        """A new need starts from what the organisation's profile already says."""
        return {
            "country": organisation.country,
            "languages": organisation.languages.all(),
            "currency": money.local_currency(organisation.country),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_reading_order(self)
        category = self.fields["category"]
        category.queryset = Category.objects.all()
        # Left empty, it is guessed from the words (clean); asked for only when none fits.
        category.required = False
        category.empty_label = gettext("Guess it from what I wrote")
        category.help_text = gettext("Leave it to us, or choose the closest fit.")
        self.category_guessed: Category | None = None
        currency = self.set_up_currency(
            gettext("Your budget is in"), "monthly_budget", "one_off_budget"
        )
        self.fields["monthly_budget"].label = gettext("Monthly budget (%(currency)s)") % {
            "currency": currency
        }
        self.fields["one_off_budget"].label = gettext(
            "One-off budget for set-up and training (%(currency)s)"
        ) % {"currency": currency}
        self.fields["deployment"].choices = [
            ("", gettext("Any way is fine")),
            *self.fields["deployment"].choices[1:],
        ]

    def clean_title(self):
        return visible_text(self.cleaned_data.get("title"))

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if (
            deadline
            and deadline < timezone.localdate()
            and deadline != self.initial.get("deadline")
        ):
            raise forms.ValidationError(gettext("The deadline is in the past."))
        return deadline

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("free_only") and cleaned.get("monthly_budget"):
            self.add_error(
                "monthly_budget", gettext("Leave this empty when you want free tools only.")
            )
        if "category" in cleaned and not cleaned["category"]:
            self.guess_category(cleaned)
        return cleaned

    def guess_category(self, cleaned: dict) -> None:
        """An empty category becomes the one the words name, else that of the offerings that
        fit them best; with none, it is asked for."""
        if "title" in cleaned and "description" in cleaned:
            words = cleaned["title"], cleaned["description"]
            self.category_guessed = spotted_category(*words) or closest_category(*words)
        if self.category_guessed:
            cleaned["category"] = self.category_guessed
        elif "title" in cleaned and "description" in cleaned:
            self.add_error("category", forms.ValidationError(CHOOSE_CATEGORY, code="required"))

    def more_details(self) -> list[forms.BoundField]:
        return [field for field in self if field.name not in self.SHORT_FIELDS]

    def short_fields(self) -> list[forms.BoundField]:
        return [field for field in self if field.name in self.SHORT_FIELDS]

    def more_details_open(self) -> bool:
        """Whether "More details" starts open: one of its fields has an error or holds a value
        other than a new need's (so an edit never hides what was set)."""
        if any(field.errors for field in self.more_details()):
            return True
        if self.instance.pk:  # what the form would have started from, for a new need
            defaults = {
                **model_to_dict(listings.Need(), fields=self._meta.fields),
                **self.initial_for(self.instance.organisation),
            }
        else:
            defaults = {field.name: field.initial for field in self.more_details()}
        return any(
            field.field.has_changed(defaults.get(field.name), field.value())
            for field in self.more_details()
            # Sent empty, the currency stays as it was (CurrencyField): nothing was set.
            if not (field.name == "currency" and not field.value())
        )


class OfferingForm(CurrencyField, HoneypotForm, forms.ModelForm):
    categories = checklist(
        Category,
        listings.MAX_CATEGORIES_PER_OFFERING,
        required=True,
        label=gettext_lazy("Categories"),
        help_text=gettext_lazy("What it does."),
    )
    sectors = checklist(
        Sector, MAX_SECTORS, label=gettext_lazy("Sectors"), help_text=gettext_lazy("Who it serves.")
    )
    systems = checklist(System, 40, label=gettext_lazy("Integrates with"))
    standards = checklist(
        Standard, MAX_STANDARDS_PER_OFFERING, label=gettext_lazy("Open standards it supports")
    )
    languages = checklist(Language, MAX_LANGUAGES, label=gettext_lazy("Languages"))
    licence = forms.ChoiceField(
        label=gettext_lazy("Licence"),
        choices=licences.choices,
        required=False,
        help_text=gettext_lazy("Open source means anyone may use and change it for free."),
    )
    licence_other = forms.CharField(
        label=gettext_lazy("Which open-source licence?"),
        required=False,
        max_length=60,
        validators=[listings.SPDX_EXPRESSION],
        help_text=gettext_lazy("Its short name, such as EUPL-1.1 or ISC."),
    )
    # The offering's ways to run (one boolean each on the model), asked as one question.
    runs = forms.MultipleChoiceField(
        label=gettext_lazy("How it can run"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Tick at least one way it can run.")},
    )
    worldwide = forms.BooleanField(label=gettext_lazy("Anywhere in the world"), required=False)
    regions = country_checklist(gettext_lazy("Or only in these countries"))
    field_order = [
        *("name", "summary", "description", "uses", "categories", "sectors", "systems"),
        "standards",
        "runs",
        *("pricing_model", "currency", "list_price_monthly", "nonprofit_price_monthly"),
        "setup_cost",
        *("licence", "licence_other", "languages", "worldwide", "regions"),
    ]

    class Meta:
        model = listings.Offering
        fields = [
            "name",
            "summary",
            "description",
            "uses",
            "categories",
            "sectors",
            "systems",
            "standards",
            "pricing_model",
            "currency",
            "list_price_monthly",
            "nonprofit_price_monthly",
            "setup_cost",
            "licence",
            "languages",
            "regions",
            "website",
            "repository",
        ]
        field_classes = {
            "list_price_monthly": AmountField,
            "nonprofit_price_monthly": AmountField,
            "setup_cost": AmountField,
        }
        labels = {
            "name": gettext_lazy("Name"),
            "summary": gettext_lazy("Summary"),
            "description": gettext_lazy("Description"),
            "website": gettext_lazy("Website"),
            "repository": gettext_lazy("Repository"),
        }
        help_texts = {"currency": CURRENCY_HELP}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "uses": forms.Textarea(attrs={"rows": 4}),
        }

    @staticmethod
    def initial_for(organisation) -> dict:
        """A new offering starts from what the provider's profile already says."""
        return {
            "regions": organisation.regions_served,
            "worldwide": not organisation.regions_served,
            "languages": organisation.languages.all(),
            "currency": money.local_currency(organisation.country),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        in_reading_order(self)
        currency = self.set_up_currency(
            gettext("Prices are in"), "list_price_monthly", "nonprofit_price_monthly", "setup_cost"
        )
        for name, label in [
            ("list_price_monthly", gettext("List price a month (%(currency)s)")),
            ("nonprofit_price_monthly", gettext("Price a month for nonprofits (%(currency)s)")),
            ("setup_cost", gettext("One-off set-up cost (%(currency)s)")),
        ]:
            self.fields[name].label = label % {"currency": currency}
        self.fields["runs"].choices = [
            (mode, capfirst(listings.Offering._meta.get_field(mode).verbose_name))
            for mode in listings.Deployment.values
        ]
        self.initial["runs"] = [
            mode for mode in listings.Deployment.values if getattr(self.instance, mode)
        ]
        pricing = self.fields["pricing_model"]
        pricing.label = gettext("How nonprofits pay")
        pricing.choices = [("", gettext("Choose one")), *pricing.choices[1:]]
        if self.instance.pk:
            licence = self.instance.licence
            if licence and licence not in licences.OPEN_SOURCE:
                self.initial["licence"], self.initial["licence_other"] = licences.OTHER, licence
            self.initial["worldwide"] = not self.instance.regions

    def clean_name(self):
        return visible_text(self.cleaned_data.get("name"))

    def save(self, commit=True):
        """The offering; a summary or uses changed here leave their curators' Hindi versions
        (`summary_hi`, `uses_hi`) out, which no longer say the same: Hindi pages then show what
        the provider wrote, and matching reads that."""
        for name in ("summary", "uses"):
            if name in self.changed_data:
                setattr(self.instance, f"{name}_hi", "")
        for mode in listings.Deployment.values:  # the ways it runs: a model field each
            setattr(self.instance, mode, mode in self.cleaned_data["runs"])
        return super().save(commit)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("licence") == licences.OTHER:
            cleaned["licence"] = cleaned.get("licence_other", "").strip()
            if not cleaned["licence"] and "licence_other" not in self.errors:
                self.add_error("licence_other", gettext("Write the licence's short name."))
        if cleaned.get("worldwide") and cleaned.get("regions"):
            self.add_error(
                "regions",
                gettext("Untick “Anywhere in the world” to choose countries, or untick these."),
            )
        list_price, nonprofit_price = (
            cleaned.get("list_price_monthly"),
            cleaned.get("nonprofit_price_monthly"),
        )
        if list_price is not None and nonprofit_price is not None and nonprofit_price > list_price:
            self.add_error(
                "nonprofit_price_monthly",
                gettext("The nonprofit price cannot be above the list price."),
            )
        if cleaned.get("pricing_model") == listings.Offering.Pricing.FREE and nonprofit_price:
            self.add_error(
                "nonprofit_price_monthly",
                gettext("A free offering has no monthly price for nonprofits."),
            )
        return cleaned
