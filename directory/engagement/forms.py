"""Forms for asking for an introduction, answering one, and telling how it went."""

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.common.forms import FriendlyErrors
from directory.engagement.models import Feedback, Introduction


class IntroductionRequestForm(FriendlyErrors, forms.ModelForm):
    """A nonprofit member's request: which of their open needs, and a message."""

    class Meta:
        model = Introduction
        fields = ["need", "message"]
        labels = {"need": _("Which of your needs is it about?"), "message": _("Your message")}
        help_texts = {
            "message": _(
                "Say what you hope to do and by when. They see your organisation's "
                "name, your need and this message. Your e-mail address is shared only if "
                "they accept."
            )
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs
        self.fields["need"].empty_label = None
        # Only the one-click reply to a provider's interest goes without one (the model's).
        self.fields["message"].required = True


class AnswerForm(FriendlyErrors, forms.Form):
    """A provider member's answer; the two buttons post ``decision``."""

    decision = forms.ChoiceField(
        choices=[("accept", _("Accept")), ("decline", _("Decline"))], widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("A note for them (optional)"),
        help_text=_("What happens next, or why it is not a fit."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    @property
    def accepts(self) -> bool:
        return self.cleaned_data["decision"] == "accept"


def rating_choice(label) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=[(score, str(score)) for score in range(1, 6)],
        coerce=int,
        help_text=_("1 is poor, 5 is excellent."),
        widget=forms.RadioSelect(attrs={"class": "rating-scale"}),
    )


class FeedbackForm(FriendlyErrors, forms.ModelForm):
    pilot_happened = forms.TypedChoiceField(
        label=_("Did you try it out (a pilot)?"),
        choices=[(True, _("Yes")), (False, _("No"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
    )
    fit = rating_choice(_("How well does it fit your need?"))
    integration = rating_choice(_("How easy was it to connect with the tools you use?"))
    support = rating_choice(_("How good was the provider's support?"))

    class Meta:
        model = Feedback
        fields = ["pilot_happened", "fit", "integration", "support", "comment"]
        labels = {"comment": _("Anything else other nonprofits should know? (optional)")}
        help_texts = {"comment": _("Shown on the offering's page with your organisation's name.")}
        widgets = {"comment": forms.Textarea(attrs={"rows": 4})}
