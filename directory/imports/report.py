"""What an import of the registry did (`directory.imports.dpg.import_registry`), as the
import_dpg command and the admin upload report it."""

from dataclasses import dataclass, field

from django.utils.translation import ngettext

STALE_NAMED = 5  # the stale notes the report names; "and N more" counts the others


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # names of the entries whose note is stale

    @property
    def summary(self) -> str:
        return (
            f"Imported DPG registry: created {self.created}, updated {self.updated}, "
            f"skipped {len(self.skipped)}."
        )

    @property
    def stale_notes(self) -> str:
        """How many notes were not applied as stale, naming the first few; "" when none."""
        if not self.stale:
            return ""
        names = ", ".join(f'"{name}"' for name in self.stale[:STALE_NAMED])
        more = len(self.stale) - STALE_NAMED
        if more > 0:
            names = ngettext(
                "%(names)s and %(count)d more", "%(names)s and %(count)d more", more
            ) % {"names": names, "count": more}
        return ngettext(
            "%(count)d curators' note is out of date and was not applied (the entry's registry "
            "description changed): %(names)s.",
            "%(count)d curators' notes are out of date and were not applied (the entries' "
            "registry descriptions changed): %(names)s.",
            len(self.stale),
        ) % {"count": len(self.stale), "names": names}
