"""An offering's choices: how it is priced (`OfferingPricing`), and what it is (`OfferingKind`),
as the matching core knows it (its values are `matching.core.KINDS`):
software, or a data set, learning content, a standard or an AI model, which matching lowers
and names as a watch-out (`matching.core.scoring`). The registry's types give it on import
(`directory.imports.registry_categories.entry_kind`)."""

from django.utils.translation import gettext_lazy as _

from directory.common.choices import text_choices
from matching.core import KINDS

OfferingKind = text_choices(
    "Offering.Kind",
    dict(
        zip(
            KINDS,
            (
                _("Software"),
                _("Data set"),
                _("Learning or reference content"),
                _("Standard (a specification)"),
                _("AI model"),
            ),
            strict=True,
        )
    ),
)

OfferingPricing = text_choices(
    "Offering.Pricing",
    {
        "free_open_source": _("Free / open source"),
        "freemium": _("Free plan, paid extras"),
        "nonprofit_discount": _("Nonprofit discount"),
        "paid": _("Paid"),
    },
    "FREE FREEMIUM DISCOUNT PAID",
)
