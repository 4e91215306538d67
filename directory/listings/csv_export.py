"""CSV export of a filtered needs or offerings list, streamed row by row.

The site's list pages link here with their filters (``/offerings/export.csv?category=crm``)
and the API answers ``?format=csv`` with the same file. Cells that a spreadsheet would run as
a formula get a leading apostrophe, so a listing cannot smuggle one into someone's sheet.

An export holds at most EXPORT_MAX_ROWS listings; a longer list ends with a line saying it was
cut and how to narrow it. Both addresses are rate-limited per person and per address, with one
counter (EXPORT_RATE, directory/common/limits.py).
"""

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import chain

from django.conf import settings
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from directory.common.limits import EXPORT, limited
from directory.listings.filters import NeedFilter, OfferingFilter, with_reader_currency
from directory.listings.models import Need, Offering

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_QUERY = 500


def safe_cell(value) -> str:
    """The value as text, defused when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def names(related) -> str:
    return ", ".join(str(item) for item in related.all())


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def page_of(listing) -> str:
    return settings.SITE_URL + listing.get_absolute_url()


class Echo:
    """A file-like object that hands back what is written, for csv.writer to stream through."""

    def write(self, value: str) -> str:
        return value


@dataclass(frozen=True)
class Export:
    filename: str
    columns: dict[str, Callable]
    select_related: tuple[str, ...]
    prefetch_related: tuple[str, ...]

    def rows(self, queryset: QuerySet, max_rows: int, cut_note: str) -> Iterator[list[str]]:
        """The header, then at most ``max_rows`` listings; ``cut_note`` as the last line when
        the list had more (one row past the bound is read to know)."""
        yield list(self.columns)
        listings = queryset.select_related(*self.select_related).prefetch_related(
            *self.prefetch_related
        )
        for written, listing in enumerate(
            listings[: max_rows + 1].iterator(chunk_size=ROWS_PER_QUERY)
        ):
            if written == max_rows:
                yield [safe_cell(cut_note)]
                return
            yield [safe_cell(value(listing)) for value in self.columns.values()]

    def response(self, queryset: QuerySet) -> StreamingHttpResponse:
        max_rows = settings.EXPORT_MAX_ROWS
        # Translated now: the rows are written after the view has returned.
        cut_note = gettext(
            "This list was cut at %(rows)s rows. Narrow it with the filters on the list page "
            "(a search word, a category, a system it works with, …) to download the rest."
        ) % {"rows": number_format(max_rows, force_grouping=True)}
        writer = csv.writer(Echo())
        lines = (writer.writerow(row) for row in self.rows(queryset, max_rows, cut_note))
        # A byte-order mark first, so spreadsheet programs read the file as UTF-8.
        response = StreamingHttpResponse(
            chain(["\ufeff"], lines), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.filename}"'
        return response


OFFERINGS = Export(
    filename="offerings.csv",
    columns={
        "Name": lambda o: o.name,
        "Provider": lambda o: o.organisation.name,
        "Verified provider": lambda o: yes_no(o.organisation.is_verified),
        "Summary": lambda o: o.summary,
        "Categories": lambda o: names(o.categories),
        "Sectors": lambda o: names(o.sectors),
        "Integrates with": lambda o: names(o.systems),
        "Open standards": lambda o: names(o.standards),
        "Runs": lambda o: ", ".join(o.get_deployment_modes_display()),
        "Pricing": lambda o: o.get_pricing_model_display(),
        "List price per month": lambda o: o.list_price_monthly,
        "Nonprofit price per month": lambda o: o.nonprofit_price_monthly,
        "Setup cost": lambda o: o.setup_cost,
        "Currency": lambda o: o.currency,
        "Licence": lambda o: o.licence,
        "Languages": lambda o: names(o.languages),
        "Available in": lambda o: ", ".join(country.name for country in o.regions) or "Worldwide",
        "Website": lambda o: o.website,
        "Repository": lambda o: o.repository,
        "Last confirmed": lambda o: o.confirmed_at.date().isoformat(),
        "Page": page_of,
    },
    select_related=("organisation",),
    prefetch_related=("categories", "sectors", "systems", "standards", "languages"),
)

NEEDS = Export(
    filename="needs.csv",
    columns={
        "Title": lambda n: n.title,
        "Organisation": lambda n: n.organisation.name,
        "Category": lambda n: n.category.name,
        "Description": lambda n: n.description,
        "Must work with": lambda n: names(n.systems),
        "Monthly budget": lambda n: n.monthly_budget,
        "One-off budget": lambda n: n.one_off_budget,
        "Free tools only": lambda n: yes_no(n.free_only),
        "Currency": lambda n: n.currency,
        "Runs": lambda n: n.get_deployment_display(),
        "Languages": lambda n: names(n.languages),
        "Country": lambda n: n.country.name,
        "Deadline": lambda n: n.deadline.isoformat() if n.deadline else "",
        "Status": lambda n: n.get_state_display(),
        "Posted": lambda n: n.created_at.date().isoformat(),
        "Last confirmed": lambda n: n.confirmed_at.date().isoformat(),
        "Page": page_of,
    },
    select_related=("organisation", "category"),
    prefetch_related=("systems", "languages"),
)


@require_GET
@limited(EXPORT)
def offerings_csv(request):
    """The offerings list as CSV, with the filters of the page that links here."""
    found = OfferingFilter(
        with_reader_currency(request.GET, request), queryset=Offering.objects.browsable()
    ).qs
    return OFFERINGS.response(found)


@require_GET
@limited(EXPORT)
def needs_csv(request):
    """The needs list as CSV, with the filters of the page that links here."""
    found = NeedFilter(
        with_reader_currency(request.GET, request), queryset=Need.objects.visible_to(request.user)
    ).qs
    return NEEDS.response(found)
