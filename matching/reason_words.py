"""The sentences of the reasons that read differently to each reader (`matching.reasons`):
the nonprofit that posted the need reads "you", the provider reads "they"."""

from typing import Literal

from django.utils.translation import gettext_noop

Reader = Literal["nonprofit", "provider"]
NONPROFIT: Reader = "nonprofit"
PROVIDER: Reader = "provider"
READERS = (NONPROFIT, PROVIDER)

# The sentences that read differently to each reader: the nonprofit is "you", the provider
# reads of "them". Marked here for makemessages, translated when rendered.
WORDS: dict[Reader, dict[str, str]] = {
    NONPROFIT: {
        "little_in_common": gettext_noop("Little in common with your description"),
        "self_hosted": gettext_noop("Not offered to run on your own server"),
        "works_with_in_use": gettext_noop("Works with %(systems)s, which you already use"),
        "works_with_in_use_not": gettext_noop(
            "Works with %(systems)s, which you already use; %(missing)s not listed"
        ),
        "none_in_use": gettext_noop("Lists none of the systems you already use"),
        "not_in_use": gettext_noop("Does not list %(missing)s, which you already use"),
        "server": gettext_noop("Free if you run it on your own server: about %(amount)s a year"),
        "server_online": gettext_noop(
            "You asked for it online, but this one you run on your own server: about "
            "%(amount)s a year"
        ),
        "server_unknown_online": gettext_noop(
            "You asked for it online, but this one you run on your own server; no hosting "
            "cost is given"
        ),
        "server_unknown": gettext_noop(
            "Free if you run it on your own server; no hosting cost is given"
        ),
        "exports": gettext_noop("You can take your data out (%(standards)s)"),
        "no_export": gettext_noop("No way to take your data out is listed"),
        "free_within": gettext_noop("Free for nonprofits — within your budget"),
        "no_budget": gettext_noop("You gave no budget, so cost does not count in the score"),
        "within": gettext_noop("%(cost)s — within your budget of %(budget)s a year"),
        "over": gettext_noop("%(cost)s — over your budget of %(budget)s a year"),
        "free_only": gettext_noop("%(cost)s — you asked for free tools only"),
        "setup_within": gettext_noop(
            "%(cost)s; setup about %(setup)s — within your %(budget)s one-off budget"
        ),
        "setup_over": gettext_noop(
            "%(cost)s; setup about %(setup)s — over your %(budget)s one-off budget"
        ),
        "setup_only_within": gettext_noop(
            "Setup about %(setup)s — within your %(budget)s one-off budget"
        ),
        "setup_only_over": gettext_noop(
            "Setup about %(setup)s — over your %(budget)s one-off budget"
        ),
    },
    PROVIDER: {
        "little_in_common": gettext_noop("Little in common with their description"),
        "self_hosted": gettext_noop("Not offered to run on their own server"),
        "works_with_in_use": gettext_noop("Works with %(systems)s, which they already use"),
        "works_with_in_use_not": gettext_noop(
            "Works with %(systems)s, which they already use; %(missing)s not listed"
        ),
        "none_in_use": gettext_noop("Lists none of the systems they already use"),
        "not_in_use": gettext_noop("Does not list %(missing)s, which they already use"),
        "server": gettext_noop("Free if they run it on their own server: about %(amount)s a year"),
        "server_online": gettext_noop(
            "They asked for it online, but this one they run on their own server: about "
            "%(amount)s a year"
        ),
        "server_unknown_online": gettext_noop(
            "They asked for it online, but this one they run on their own server; no hosting "
            "cost is given"
        ),
        "server_unknown": gettext_noop(
            "Free if they run it on their own server; no hosting cost is given"
        ),
        "exports": gettext_noop("They can take their data out (%(standards)s)"),
        "no_export": gettext_noop("No way to take their data out is listed"),
        "free_within": gettext_noop("Free for nonprofits — within their budget"),
        "no_budget": gettext_noop("They gave no budget, so cost does not count in the score"),
        "within": gettext_noop("%(cost)s — within their budget of %(budget)s a year"),
        "over": gettext_noop("%(cost)s — over their budget of %(budget)s a year"),
        "free_only": gettext_noop("%(cost)s — they asked for free tools only"),
        "setup_within": gettext_noop(
            "%(cost)s; setup about %(setup)s — within their %(budget)s one-off budget"
        ),
        "setup_over": gettext_noop(
            "%(cost)s; setup about %(setup)s — over their %(budget)s one-off budget"
        ),
        "setup_only_within": gettext_noop(
            "Setup about %(setup)s — within their %(budget)s one-off budget"
        ),
        "setup_only_over": gettext_noop(
            "Setup about %(setup)s — over their %(budget)s one-off budget"
        ),
    },
}
