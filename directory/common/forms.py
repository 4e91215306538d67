"""What every form that strangers can post shares: a honeypot field against bots."""

from django import forms
from django.utils.translation import gettext_lazy


class HoneypotForm(forms.Form):
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
            raise forms.ValidationError("This form could not be sent. Please try again.")
        return cleaned
