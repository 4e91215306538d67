"""Curators' notes on the Digital Public Goods registry's entries, read from
``directory/data/registry_notes.json``.

Many registry descriptions say what a good stands for rather than what it does ("Making
data-driven organizing accessible…" is CiviCRM, a donor and member database), so a nonprofit
asking in its own words never finds it. A note says in plain words what the entry is and
what people use it for, names the categories a nonprofit would look for it in, and the
systems it is known to work with (a WhatsApp chatbot platform, a QGIS plugin), which the
registry does not record, and whether it is an app used on a phone or tablet by itself
(``device_app``: it then runs offline on phones or tablets and needs no server) or one
installed on a computer (``computer_app``: it runs there, with no server either), or a
service its makers run on the web (``online_service``: used online, nothing to host), or a
commercial product sold for a price (``paid``), and
which other entry lists the same good under another name (``same_good_as``). The
importer (`directory.imports.dpg.offering_values`) makes the note the offering's summary,
shown on cards and read by matching beside the registry's description, its uses the
offering's uses and its systems, and takes its categories instead of the ones spotted by
keyword.
Conventions: directory/data/README.md.

Each note records the fingerprint of the registry description it was written against
(``written_for``); when a later registry upload changes an entry's description, its note is
stale and the importer applies none of it and names the entry in its report.
"""

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from directory.data import load


@dataclass(frozen=True)
class RegistryNote:
    summary: str
    categories: tuple[str, ...]  # category slugs, the main one first; may be empty
    written_for: str = ""  # `fingerprint` of the registry description the note was written for
    summary_hi: str = ""  # the summary in Hindi, shown on Hindi pages
    uses: tuple[str, ...] = ()  # everyday uses, as a nonprofit's staff would say them
    uses_hi: tuple[str, ...] = ()  # the same uses in Hindi, in the same order
    systems: tuple[str, ...] = ()  # slugs of the curated systems it is known to work with
    # An app used on a phone or tablet by itself: no server for anyone to run or pay for.
    device_app: bool = False
    # A program installed on a computer (Windows, Mac or Linux) and used there.
    computer_app: bool = False
    # A service its makers run on the web for everyone: used online, nothing to host.
    online_service: bool = False
    # A commercial product sold for a price (the registry lists only some code around it).
    paid: bool = False
    # The name of another entry that lists the same good under another name (an
    # organisation's name, a project's older name): the two import as one, with variants.
    same_good_as: str = ""

    def fits(self, description: str) -> bool:
        """Whether the note was written for this description (else it is stale)."""
        return self.written_for == fingerprint(description)


def fingerprint(description: str) -> str:
    """The first 16 hex digits of the SHA-256 of the description, stripped and its whitespace
    collapsed, so that re-wrapping a description does not make its note stale."""
    return hashlib.sha256(" ".join(description.split()).encode()).hexdigest()[:16]


@functools.cache
def notes() -> dict[str, RegistryNote]:
    """Every note, by entry name; read on first use (by an import), not when the app starts."""
    return {
        name: RegistryNote(
            note["summary"].strip(),
            tuple(note.get("categories") or ()),
            note.get("written_for", ""),
            note.get("summary_hi", "").strip(),
            tuple(use.strip() for use in note.get("uses") or ()),
            tuple(use.strip() for use in note.get("uses_hi") or ()),
            tuple(note.get("systems") or ()),
            device_app=bool(note.get("device_app")),
            computer_app=bool(note.get("computer_app")),
            online_service=bool(note.get("online_service")),
            paid=bool(note.get("paid")),
            same_good_as=note.get("same_good_as", ""),
        )
        for name, note in load("registry_notes")["entries"].items()
    }


def registry_note(name: str) -> RegistryNote | None:
    """The curators' note on the registry entry of this name, or None."""
    return notes().get(name.strip())


def current_note(name: str, description: str) -> RegistryNote | None:
    """The note on the entry of this name when it was written for this description; None when
    there is none or it is stale (the entry is read as new: neither its summary nor its
    categories apply)."""
    note = registry_note(name)
    return note if note is not None and note.fits(description) else None


def same_goods(entries: Iterable) -> dict[str, str]:
    """Entry name -> the name of the entry its current note says lists the same good (of
    ``entries``, each with a ``name`` and a ``description``), as `duplicate_groups` takes it."""
    found = {}
    for entry in entries:
        note = current_note(entry.name, entry.description)
        if note is not None and note.same_good_as:
            found[entry.name] = note.same_good_as
    return found
