"""What an organisation's profile still lacks that matters to matching and to the people
deciding whether to talk to it. The dashboard's prompt names exactly these, and goes away once
they are filled in. The fields are some of ``Organisation.PROFILE_FIELDS``.

A provider's regions are not asked for: left empty, they mean it works worldwide.
"""

from django.utils.translation import gettext_lazy as _

from directory.listings.models import Organisation

WANTED = {
    Organisation.Kind.NONPROFIT: ("description", "website", "sectors", "systems_in_use"),
    Organisation.Kind.PROVIDER: ("description", "website", "provider_type", "languages"),
}
LABELS = {
    "description": _("a few lines about what your organisation does"),
    "website": _("your website"),
    "sectors": _("the sectors you work in"),
    "systems_in_use": _("the systems you already use, so we can favour tools that work with them"),
    "provider_type": _("what kind of provider you are"),
    "languages": _("the languages you work in"),
}


def missing_from_profile(organisation: Organisation) -> list[str]:
    """The plain names of the wanted fields still empty, in a fixed order; one query per
    many-to-many field. A change waiting for a curator's review counts as filled in."""
    missing = []
    for name in WANTED[organisation.kind]:
        if Organisation._meta.get_field(name).many_to_many:
            filled = getattr(organisation, name).exists()
        else:
            filled = getattr(organisation, name) or organisation.pending_profile.get(name)
        if not filled:
            missing.append(LABELS[name])
    return missing
