"""How an imported registry entry runs: pure, so that the importer (`directory.imports.dpg`)
and bench/quality.py, which ranks the registry as the importer lists it, ask the same rule.

A registry entry lists software, not a service: it runs on one's own server, and online from
there, unless its curators' note (`directory.data.registry_notes`) calls it an app used on a
phone or tablet by itself (``device_app``), a program installed on a computer
(``computer_app``) or a service its makers run on the web for everyone (``online_service``:
Wikipedia, an online course site), or its words say it is installed on computers (desktop,
Windows, command line) and never speak of the web or a server. Learning content and data
are read or downloaded online, and a standard does not run at all. What runs without a
server of one's own has no hosting cost said of it (`Offering.needs_server`).
"""

import re

from directory.data.registry_notes import RegistryNote
from matching.core import DEPLOYMENTS, FREE_OPEN_SOURCE

ON_COMPUTERS = re.compile(
    r"\b(desktop|command[- ]line|windows|laptops?|screen reader|on-screen keyboard)\b"
)
ONLINE = re.compile(r"\b(web|online|cloud|browser|saas|server|servers|website|portal)\b")
OFFLINE = re.compile(r"\boffline\b")
ON_PHONES = re.compile(r"\b(android|mobile|phones?|tablets?|smartphones?)\b")


def _runs(*modes: str) -> dict[str, bool]:
    """Each way to run (`matching.core.DEPLOYMENTS`, the offering's fields) -> whether it
    is one of ``modes``."""
    return {mode: mode in modes for mode in DEPLOYMENTS}


# How an app used on a phone or tablet by itself runs (a curators' note's ``device_app``), and
# one installed on a computer (``computer_app``): no server, so no hosting cost is said of it.
ON_A_DEVICE = _runs("offline_mobile")
ON_A_COMPUTER = _runs("on_a_computer")
# Used online, run by its makers (a note's ``online_service``; content and data); and a
# standard, which runs nowhere (no way to run is listed, so none is asked of it).
ONLINE_ONLY = _runs("cloud")
NOWHERE = _runs()
READ_ONLINE = ("content", "data")  # kinds of listing (`matching.core.KINDS`) used online


def entry_deployment(
    name: str, description: str, note: RegistryNote | None, kind: str = "software"
) -> dict[str, bool]:
    """How a registry entry of ``kind`` (`entry_kind`) runs: as its curators' note says, else
    as its kind or its words read (`deployment_of`): whether it is installed on computers as
    the note's summary says it (the registry's description may list "desktop" among the
    channels of a web service), else as the description does."""
    if note and note.device_app:
        return ON_A_DEVICE
    if note and note.computer_app:
        return ON_A_COMPUTER
    if (note and note.online_service) or kind in READ_ONLINE:
        return ONLINE_ONLY
    if kind == "standard":
        return NOWHERE
    summary = note.summary if note else ""
    return deployment_of(
        " ".join([f"{name}.", description, summary]), f"{name}. {summary or description}"
    )


def deployment_of(text: str, said_of_it: str | None = None) -> dict[str, bool]:
    """Registry goods run on one's own server, and online from there; installed on computers
    when ``said_of_it`` (else ``text``) says desktop, Windows or command line, then without a
    server unless ``text`` says web or server too; offline on phones when it says offline and
    phones."""
    lowered = text.lower()
    on_computers = bool(ON_COMPUTERS.search((said_of_it or text).lower()))
    served = not on_computers or bool(ONLINE.search(lowered))
    return {
        "self_hosted": served,
        "cloud": served,
        "offline_mobile": bool(OFFLINE.search(lowered) and ON_PHONES.search(lowered)),
        "on_a_computer": on_computers,
    }


def entry_pricing(note: RegistryNote | None) -> str:
    """How a registry entry is priced (`Offering.Pricing`): free and open source, but a
    commercial product its curators' note calls ``paid``."""
    return "paid" if note and note.paid else FREE_OPEN_SOURCE
