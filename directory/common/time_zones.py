"""The time zone a reader's dates are shown in: the one of their organisation's country.

A need posted at 20:00 UTC on 1 March was posted on 2 March for a nonprofit in Delhi (01:30
IST). Pages (`directory.accounts.time_zone.ReaderTimeZoneMiddleware`) and e-mails
(`directory.common.emails.in_language_of`) show dates and times in the zone this gives for
the reader's organisation's country; a visitor who is not signed in, or whose organisation
gives no country, reads them in the site's zone (``TIME_ZONE``).

A country's zone comes from the CLDR data Babel ships (``territory_zones``). A country whose
zones keep different clocks (the United States, Brazil, Indonesia…) has no one zone to
choose, and its people read the site's zone rather than a guessed one.
"""

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel.core import get_global

# Two moments half a year apart: zones that agree on both keep the same clock all year.
SEASONS = (datetime(2026, 1, 15, 12), datetime(2026, 7, 15, 12))


@cache
def zone_for_country(country: str | None) -> str | None:
    """The IANA name of the time zone of ``country`` (an ISO 3166 code), or None when it has
    none or several that keep different clocks."""
    zones = get_global("territory_zones").get((country or "").upper(), ())
    if not zones:
        return None
    clocks = {tuple(ZoneInfo(name).utcoffset(moment) for moment in SEASONS) for name in zones}
    return zones[0] if len(clocks) == 1 else None
