"""The extra sign-up fields (django-allauth's ``ACCOUNT_SIGNUP_FORM_CLASS``): who you are
signing up for. Signing up creates the organisation and makes the person its owner."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from directory.common.forms import HoneypotForm
from directory.listings.models import Membership, Organisation


class SignupForm(HoneypotForm):
    """Extra sign-up fields for django-allauth: who you are signing up for."""

    kind = forms.ChoiceField(
        label=_("I am signing up for"),
        choices=[
            (Organisation.Kind.NONPROFIT, _("A nonprofit looking for technology")),
            (Organisation.Kind.PROVIDER, _("A tech provider offering products or services")),
        ],
        widget=forms.RadioSelect,
    )
    organisation_name = forms.CharField(label=_("Organisation name"), max_length=120)

    field_order = ["kind", "organisation_name", "email", "password1", "password2", "homepage"]

    def signup(self, request, user):
        with transaction.atomic():
            organisation = Organisation.objects.create(
                kind=self.cleaned_data["kind"], name=self.cleaned_data["organisation_name"]
            )
            Membership.objects.create(
                user=user, organisation=organisation, role=Membership.Role.OWNER
            )
