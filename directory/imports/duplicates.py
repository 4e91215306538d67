"""Registry entries that list the same good twice, such as "OpenHospital" and "Open Hospital".

Pure functions, no database: ``duplicate_key`` normalises an entry's name, and
``duplicate_groups`` puts together the entries whose keys are equal and whose addresses do
not say they are different goods.

Measured on the 709 entries of directory/data/dpg-registry.json, the key joins nine pairs:
Moodle / Moodle LMS, Open Hospital / OpenHospital, CommCare / CommCare Android, and six apps
listed once per phone platform (Corona Warn App, Immuni, Open Food Facts, OpenTrace,
StopCovid, Refuge Restrooms). Words left out of ``GENERIC_ENDINGS`` on purpose, because they
end the names of different goods: "toolkit" (Dymaxion Labs, a satellite-imagery study, and
Dymaxion Labs Toolkit, its libraries), "mobile" (Mifos Android is for field officers, Mifos
Mobile for customers) and "api", "server", "frontend" (parts of a larger good).

Some entries list one good under two names no rule can join: an organisation's name beside
its project's (Dymaxion Labs / AP Latam), a project's two names (Redirect 2% /
Redirectioneaza), or a good the registry itself says lives on as another ("formhub:
Unmaintained -> see OnaData"). The curators' notes say so (``same_good_as``), and the
grouping follows.

Shared addresses alone do not make a duplicate: SanteIMS and SantéMPI share a website and a
repository but are two products, and one organisation's website often serves all its goods.
So addresses only keep apart entries whose names agree: see ``same_home``.
"""

import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Protocol

# Trailing words that say what kind of thing a good is, not which good: "Moodle LMS" is Moodle.
GENERIC_ENDINGS = (
    ("open", "source"),
    ("opensource",),
    ("lms",),
    ("app",),
    ("application",),
    ("platform",),
    ("project",),
    ("software",),
    ("android",),
    ("ios",),
)
WORD = re.compile(r"[^\W_]+")
SCHEME_AND_WWW = re.compile(r"^[a-z][a-z0-9+.-]*://(www\.)?")


class Listed(Protocol):
    name: str
    description: str
    website: str
    repositories: tuple[str, ...]


def duplicate_key(name: str) -> str:
    """The name case-folded, without accents, punctuation, spaces or generic trailing words:
    "Open Hospital", "OpenHospital" → "openhospital"; "Moodle LMS" → "moodle"."""
    return "".join(trimmed_words(name)[0])


def trimmed_words(name: str) -> tuple[list[str], int]:
    """The name's plain words without its generic endings, and how many endings went."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    words, trimmed = WORD.findall(plain), 0
    while ending := next((e for e in GENERIC_ENDINGS if ends_with(words, e)), None):
        words, trimmed = words[: -len(ending)], trimmed + 1
    return words, trimmed


def ends_with(words: list[str], ending: tuple[str, ...]) -> bool:
    """True when the words end with ``ending`` and keep at least one word before it."""
    return len(words) > len(ending) and tuple(words[-len(ending) :]) == ending


def homes(entry: Listed) -> set[str]:
    """Where the good lives: its website, and the owner of each repository (host and first
    path segment, e.g. "github.com/moodle"), without scheme, "www." or trailing slash."""
    found = set()
    if entry.website:
        found.add(SCHEME_AND_WWW.sub("", entry.website.lower()).rstrip("/"))
    for url in entry.repositories:
        parts = SCHEME_AND_WWW.sub("", url.lower()).split("/")
        if len(parts) >= 2 and parts[1]:
            found.add("/".join(parts[:2]))
    return found


def same_home(a: Listed, b: Listed) -> bool:
    """True unless both list addresses and they have none in common."""
    a_homes, b_homes = homes(a), homes(b)
    return not a_homes or not b_homes or bool(a_homes & b_homes)


def duplicate_groups(
    entries: Iterable[Listed], same_as: Mapping[str, str] | None = None
) -> list[list[Listed]]:
    """Entries that list the same good, primary first; entries without a duplicate are left
    out. ``same_as`` (entry name -> name of another entry: what curators know and no name
    shows, `directory.data.registry_notes.same_goods`) puts an entry in the other's group,
    whatever their addresses, and makes the other the primary. Else the primary is the entry
    whose name has the fewest generic endings ("CommCare" before "CommCare Android"), then
    the one with the longest description (the most to match and to read), then the first
    seen; the others are its variants in the order seen."""
    same_as = same_as or {}
    by_key: dict[str, list[list[Listed]]] = {}
    group_of: dict[str, list[Listed]] = {}
    # Entries the curators joined to another come last, to join its group whatever their
    # addresses (formhub's code lives on as OnaData, under another organisation).
    for entry in sorted(entries, key=lambda entry: entry.name in same_as):
        group = group_of.get(same_as.get(entry.name, ""))
        if group is None:
            groups = by_key.setdefault(duplicate_key(entry.name), [])
            group = next((g for g in groups if all(same_home(entry, o) for o in g)), None)
            if group is None:
                group = []
                groups.append(group)
        group.append(entry)
        group_of[entry.name] = group
    named = set(same_as.values())
    return [
        ordered(group, named) for groups in by_key.values() for group in groups if len(group) > 1
    ]


def ordered(group: Sequence[Listed], named: Collection[str] = ()) -> list[Listed]:
    def rank(place_and_entry):
        place, entry = place_and_entry
        return (
            entry.name not in named,
            trimmed_words(entry.name)[1],
            -len(entry.description),
            place,
        )

    primary = min(enumerate(group), key=rank)[1]
    return [primary, *(entry for entry in group if entry is not primary)]
