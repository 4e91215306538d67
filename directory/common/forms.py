"""What every form that strangers can post shares: a honeypot field against bots, and the
field errors said plainly in the reader's language (FriendlyErrors)."""

import json
import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext, gettext_lazy

from directory.common.money import CURRENCIES, sign

# Django's own wording for these reads stiffly in Hindi; ours replace it on every field of a
# form with FriendlyErrors (a field's own message for a code, set in the form, stays).
FRIENDLY_ERRORS = {
    "required": gettext_lazy("Please fill this in."),
    "invalid_choice": gettext_lazy("Choose one of the options shown."),
    "invalid_pk_value": gettext_lazy("Choose one of the options shown."),
    "invalid_list": gettext_lazy("Choose from the options shown."),
    # Translators: %(limit_value)s is a number.
    "min_value": gettext_lazy("Write %(limit_value)s or more."),
    # Translators: %(limit_value)s is a number.
    "max_value": gettext_lazy("Write %(limit_value)s or less."),
    # Translators: both are numbers of characters.
    "max_length": gettext_lazy(
        "Please keep it to %(limit_value)d characters or fewer (it has %(show_value)d)."
    ),
}


# What people write around an amount's digits: grouping in thousands or in lakhs (1,50,000),
# spaces (thin ones too) and a currency sign or code before it.
AMOUNT_DRESSING = re.compile(r"[,\s\u00a0\u202f]|^(?:₹|\$|rs\.?|inr|usd)", re.IGNORECASE)


# A number followed by a word for how many (in English, Hinglish and Hindi): "1.5 lakh", "5k".
AMOUNT_IN_WORDS = re.compile(r"^([\d.]+)\s*([^\d\s.][^\d]*)$")
CENT = Decimal("0.01")
MULTIPLIERS = {
    **dict.fromkeys(("k", "thousand", "hazaar", "hazar", "हज़ार", "हजार"), 1_000),
    **dict.fromkeys(("lakh", "lakhs", "lac", "lacs", "लाख"), 1_00_000),
    **dict.fromkeys(("crore", "crores", "cr", "करोड़", "करोड़"), 1_00_00_000),
}


class AmountField(forms.DecimalField):
    """An amount of money as people write it: "1,50,000", "₹5,000", "1.5 lakh", "5 hazaar"
    and "150000" are the same kind of number. A text box with the phone's number keyboard (a
    number box would refuse the commas the site itself shows amounts with)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})
    default_error_messages = {
        "invalid": gettext_lazy("Write the amount in figures, such as 5000 or 1,50,000."),
    }

    def to_python(self, value):
        if isinstance(value, str):
            value = AMOUNT_DRESSING.sub("", value.strip())
            in_words = AMOUNT_IN_WORDS.match(value)
            multiplier = MULTIPLIERS.get(in_words.group(2).lower()) if in_words else None
            if multiplier:
                number = super().to_python(in_words.group(1))
                return None if number is None else (number * multiplier).quantize(CENT)
        return super().to_python(value)

    def widget_attrs(self, widget):
        return forms.Field.widget_attrs(self, widget)  # no number-box step or bounds


def stock_errors(field) -> dict:
    """Django's own messages for a field of this kind (its classes' default_error_messages)."""
    stock = {}
    for kind in reversed(type(field).__mro__):
        stock.update(getattr(kind, "default_error_messages", {}))
    return stock


def friendly_errors(fields) -> None:
    """Gives these form fields FRIENDLY_ERRORS wherever Django's stock message would show
    (min_value and max_value come from validators, which take the field's message by code)."""
    for field in fields.values():
        stock = stock_errors(field)
        for code, message in FRIENDLY_ERRORS.items():
            if field.error_messages.get(code, stock.get(code)) == stock.get(code):
                field.error_messages[code] = message


def one_character_line_breaks(data):
    """Posted text with each line break as one character ("\\n"), as the browser counts it
    against a field's maxlength: a form sends "\\r\\n", and a text the browser let through
    would otherwise be refused as too long."""
    data = data.copy()
    for key, values in data.lists():
        data.setlist(key, [v.replace("\r\n", "\n") if isinstance(v, str) else v for v in values])
    return data


class FriendlyErrors:
    """A form mixin: its fields' errors in FRIENDLY_ERRORS' words, and line breaks counted as
    the browser counts them (`one_character_line_breaks`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        friendly_errors(self.fields)
        if self.is_bound and hasattr(self.data, "lists"):
            self.data = one_character_line_breaks(self.data)


class HoneypotForm(FriendlyErrors, forms.Form):
    """A field people never see (hidden by CSS): bots that fill in every field give themselves
    away and nothing is saved."""

    homepage = forms.CharField(
        required=False,
        label=gettext_lazy("Leave this empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("homepage"):
            raise forms.ValidationError(gettext("This form could not be sent. Please try again."))
        return cleaned


def currency_switch(amount_ids: list[str]) -> dict[str, str]:
    """The attributes of a currency select by which static/js/currency.js renames the labels
    of the amounts it names (their ids) when another currency is chosen: "(₹)" to "(USD)"."""
    return {
        "data-currency-signs": json.dumps({code: sign(code) for code, _ in CURRENCIES}),
        "data-amounts": " ".join(amount_ids),
    }
