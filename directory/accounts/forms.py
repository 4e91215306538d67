"""django-allauth's sign-in form in our words.

Kept apart from forms.py: allauth's forms module imports our sign-up form (the
ACCOUNT_SIGNUP_FORM_CLASS setting), so importing it from there would be circular.
"""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.utils.translation import gettext


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page links to password reset once, beside the button; allauth adds a second link.
        self.fields["password"].help_text = ""
        if "remember" in self.fields:
            self.fields["remember"].label = gettext("Keep me signed in on this device")
