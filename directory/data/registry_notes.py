"""Curators' notes on the Digital Public Goods registry's entries, read from
``directory/data/registry_notes.json``.

Many registry descriptions say what a good stands for rather than what it does ("Making
data-driven organizing accessible…" is CiviCRM, a donor and member database), so a nonprofit
asking in its own words never finds it. A note says in plain words what the entry is and
what people use it for, and names the categories a nonprofit would look for it in. The
importer (`directory.imports.dpg.offering_values`) makes the note the offering's summary,
shown on cards and read by matching beside the registry's description, and takes its
categories instead of the ones spotted by keyword. Conventions: directory/data/README.md.
"""

import functools
from dataclasses import dataclass

from directory.data import load


@dataclass(frozen=True)
class RegistryNote:
    summary: str
    categories: tuple[str, ...]  # category slugs, the main one first; may be empty


@functools.cache
def notes() -> dict[str, RegistryNote]:
    """Every note, by entry name; read on first use (by an import), not when the app starts."""
    return {
        name: RegistryNote(note["summary"].strip(), tuple(note.get("categories") or ()))
        for name, note in load("registry_notes")["entries"].items()
    }


def registry_note(name: str) -> RegistryNote | None:
    """The curators' note on the registry entry of this name, or None."""
    return notes().get(name.strip())
