"""Software licences as people name them, stored as SPDX ids (https://spdx.org/licenses/).

The offering form offers these by name; pages show the name for a known id and the id
itself otherwise (say, an imported registry entry under a rarer licence).
"""

from django.utils.translation import gettext, gettext_noop, pgettext

# The licences most open-source tools for nonprofits use, most common first.
OPEN_SOURCE = {
    "MIT": "MIT",
    "Apache-2.0": "Apache 2.0",
    "GPL-3.0-only": "GPL 3.0",
    "GPL-3.0-or-later": gettext_noop("GPL 3.0 or later"),
    "AGPL-3.0-only": "AGPL 3.0",
    "AGPL-3.0-or-later": gettext_noop("AGPL 3.0 or later"),
    "GPL-2.0-only": "GPL 2.0",
    "LGPL-3.0-only": "LGPL 3.0",
    "BSD-3-Clause": gettext_noop("BSD 3-clause"),
    "BSD-2-Clause": gettext_noop("BSD 2-clause"),
    "MPL-2.0": "Mozilla 2.0",
    "EUPL-1.2": "EUPL 1.2",
    "CC-BY-4.0": "Creative Commons BY 4.0",
    "CC-BY-SA-4.0": "Creative Commons BY-SA 4.0",
}
# The form's two choices that are not one open-source licence.
NOT_OPEN = ""
OTHER = "other"


def name(spdx_id: str) -> str:
    """How a page names the licence ``spdx_id``: "Open source (MIT)", or the id as given."""
    known = OPEN_SOURCE.get(spdx_id)
    if known is None:
        return spdx_id
    return pgettext("licence", "Open source (%(licence)s)") % {"licence": gettext(known)}


def choices() -> list[tuple[str, str]]:
    """The form's choices, in the language of the request (a field calls it per form)."""
    return [
        (NOT_OPEN, gettext("Not open source: a paid or own licence")),
        *[(spdx_id, name(spdx_id)) for spdx_id in OPEN_SOURCE],
        (OTHER, gettext("Another open-source licence")),
    ]
