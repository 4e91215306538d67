"""Pages anyone can read: the home page, both lists, detail pages and organisation pages."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import DetailView
from django_filters.views import FilterView

from directory.accounts.acting import acting_organisation
from directory.accounts.currency import reader_currency
from directory.common.money import ReaderCurrency
from directory.engagement.models import responsiveness_of
from directory.engagement.page_context import (
    on_need_page,
    on_offering_page,
    own_introductions,
    with_interest_shown,
    with_introductions,
)
from directory.events.meetings import event_record_of
from directory.listings import changes
from directory.listings.filters import NeedFilter, OfferingFilter, with_reader_currency
from directory.listings.models import (
    MEMBER_OF,
    STALE_AFTER,
    Category,
    Membership,
    Moderation,
    Need,
    Offering,
    System,
    sees_providers_only_needs,
)
from directory.listings.page_cache import (
    is_partial,
    kept_under,
    mark_own,
    shared_for_anonymous,
    shared_fragment,
    shared_value,
    stamp_read_along,
)
from directory.listings.page_frame import framed
from directory.listings.visibility import organisations_shown_to
from matching.preview import matches_before_review, shows_live_matches
from matching.profiles import current_rate

HOME_SHOWN = 8  # offerings in the home page's featured (or recently added) section


def home(request):
    categories = Category.objects.annotate(
        offering_count=Count(
            "offerings", filter=Q(offerings__in=Offering.objects.browsable()), distinct=True
        )
    )
    # Featured means chosen by a curator, newest choice first; with none chosen the section
    # says plainly that it shows the offerings added last.
    listed = Offering.objects.browsable().select_related("organisation")
    featured = list(listed.filter(is_featured=True).order_by("-featured_at", "-pk")[:HOME_SHOWN])
    recent = [] if featured else list(listed.order_by("-created_at", "-pk")[:HOME_SHOWN])
    latest_needs = Need.objects.visible_to(request.user).select_related("organisation", "category")[
        :5
    ]
    return render(
        request,
        "directory/home.html",
        {
            "categories": categories,
            "featured": featured,
            "recent": recent,
            "latest_needs": latest_needs,
        },
    )


# The deepest page a list shows. Pages further on would make the database step over every
# listing before them (OFFSET); a filter or a search finds them quicker than paging would.
DEEPEST_PAGE = 50


class BoundedPaginator(Paginator):
    """Counts every result but offers no page after ``DEEPEST_PAGE`` ("last" is that one)."""

    @property
    def num_pages(self) -> int:
        return min(super().num_pages, DEEPEST_PAGE)


def asked_page(request) -> int:
    try:
        return int(request.GET.get("page") or 1)
    except ValueError:
        return 1


# Columns list cards never show: a listing's search vector and its organisation's long text.
LIST_DEFERRED = ("search_vector", "organisation__description", "organisation__contact_email")


@method_decorator(shared_for_anonymous, name="dispatch")
class ListingListView(FilterView):
    """A filtered, sorted, paginated list; htmx requests get only the results block back.

    The filter form and the results (``content_template``) are the same for everyone of an
    ``audience``, so they are rendered once and shared for a short while; the page around
    them is each reader's own, kept by each process (listings/page_frame.py). Signed-out
    visitors may be shown a whole page stored a moment ago (listings/page_cache.py)."""

    strict = False
    paginator_class = BoundedPaginator
    content_template: str
    results_template: str

    def get_paginate_by(self, queryset):
        return settings.PAGE_SIZE

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = with_reader_currency(kwargs["data"], self.request)
        return kwargs

    def paginate_queryset(self, queryset, page_size):
        """Past ``DEEPEST_PAGE`` of a list that long: no listings, and the results say why
        (``too_deep``). A page past the end of a shorter list (an old link, a list that has
        shrunk): no listings either, and the results offer its last page (``past_end``). An
        address whose page is no page number ("abc", "0", "-1") shows the first page."""
        paginator = self.get_paginator(queryset, page_size)
        if asked_page(self.request) <= DEEPEST_PAGE or paginator.count <= DEEPEST_PAGE * page_size:
            try:
                return super().paginate_queryset(queryset, page_size)
            except Http404:
                if asked_page(self.request) <= 1:  # not a page number at all: the first page
                    page = paginator.page(1)
                    return paginator, page, page.object_list, page.has_other_pages()
                self.past_end = True
        return paginator, None, queryset.none(), False

    def audience(self) -> str:
        """Who sees the same listings at the same address."""
        return "everyone"

    def get(self, request, *args, **kwargs):
        part = self.results_template if is_partial(request) else self.content_template
        html, state = shared_fragment(
            request, part, self.audience(), lambda: self.render_part(part, *args, **kwargs)
        )
        html = mark_own(html, getattr(acting_organisation(request), "pk", None))
        if part == self.results_template:
            response = HttpResponse(html)
        else:
            response = framed(request, self.template_name, html)
        if state:
            response["X-Fragment-Cache"] = state
        return response

    def render_part(self, part: str, *args, **kwargs) -> str:
        self.part = part
        return super().get(self.request, *args, **kwargs).rendered_content

    def get_template_names(self):
        return [self.part]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        paginator, page = context["paginator"], context["page_obj"]
        context["deepest_page"] = DEEPEST_PAGE
        # Some results lie beyond the pages offered, and the reader is at their end or past it.
        context["too_deep"] = paginator.count > DEEPEST_PAGE * paginator.per_page and (
            page is None or page.number == DEEPEST_PAGE
        )
        context["past_end"] = getattr(self, "past_end", False)
        # Prices also in the currency the reader's filter amounts are in, beside their own
        # (the curators' rate read only when a card shows a price).
        filterset = context["filter"]
        context["amounts_currency"] = filterset.amounts_currency
        context["reader_currency"] = SimpleLazyObject(
            lambda: ReaderCurrency(filterset.amounts_currency, filterset.rate)
        )
        return context


class OfferingListView(ListingListView):
    filterset_class = OfferingFilter
    template_name = "directory/offering_list.html"
    content_template = "directory/_offering_list_content.html"
    results_template = "directory/_offering_results.html"

    def get_queryset(self):
        return (
            Offering.objects.browsable()
            .select_related("organisation")
            # The cards show neither; the search vector alone is a few kB a row.
            .defer(*LIST_DEFERRED, "description", "uses", "uses_hi")
            .prefetch_related(
                Prefetch("categories", queryset=Category.objects.only("name", "name_hi"))
            )
        )


class NeedListView(ListingListView):
    filterset_class = NeedFilter
    template_name = "directory/need_list.html"
    content_template = "directory/_need_list_content.html"
    results_template = "directory/_need_results.html"

    def audience(self) -> str:
        return "providers" if sees_providers_only_needs(self.request.user) else "public"

    def get_queryset(self):
        return (
            Need.objects.visible_to(self.request.user)
            .select_related("organisation", "category")
            .defer(*LIST_DEFERRED, "category__keywords", "category__description")
            .prefetch_related(Prefetch("systems", queryset=System.objects.only("name")))
        )


def is_member(user, organisation) -> bool:
    return is_member_of(user, organisation.pk)


def is_member_of(user, organisation_id: int) -> bool:
    if not user.is_authenticated:
        return False
    known = getattr(user, MEMBER_OF, None)  # accounts/signed_in.py keeps them with the person
    if known is not None:
        return organisation_id in known
    return Membership.objects.filter(user=user, organisation_id=organisation_id).exists()


OWN_INTRODUCTIONS = "<!--own-introductions-->"


@dataclass(frozen=True)
class SharedOfferingPage:
    """What an offering's shared page needs besides its HTML, so that a hit asks the database
    nothing: whose it is (members get their own page), its title, and when it goes stale
    (page_cache.shared_value keeps it no longer)."""

    html: str
    offering_id: int
    organisation_id: int
    name: str
    shared_until: float


class OfferingDetailView(DetailView):
    """An offering's page. What it shows is the same for everyone who is not one of its
    organisation's members, save for the ask-for-an-introduction box, which differs between
    signed-out visitors, nonprofits and other signed-in people (``audience``): that content is
    rendered once per audience and language and shared under the listings and engagement
    change stamps (page_cache.shared_value), so a save of the offering, its organisation, an
    introduction, a review or a membership retires it at once, and it is kept no longer than
    the offering stays listed. A hit makes no query; the page around the content is the
    reader's frame (listings/page_frame.py). A nonprofit's own requests to this offering are
    put in on the way out. Members, and an offering not listed now, get the page rendered for
    them."""

    template_name = "directory/offering_detail.html"

    def get(self, request, *args, **kwargs):
        organisation = acting_organisation(request)
        audience = (
            "nonprofit"
            if getattr(organisation, "is_nonprofit", False)
            else ("signed-in" if request.user.is_authenticated else "anonymous")
        )
        shared, state = shared_value(
            request,
            # Not "offering-page": what the code before SharedOfferingPage stored there (HTML
            # alone) may still be in the cache for LIST_PAGE_CACHE_SECONDS after a deploy.
            "offering-shared",
            audience,
            lambda: self.shared_page(*args, **kwargs),
            kinds=(changes.LISTINGS, changes.ENGAGEMENT),
        )
        if shared is None or is_member_of(request.user, shared.organisation_id):
            return super().get(request, *args, **kwargs)
        html = shared.html
        if audience == "nonprofit":
            html = html.replace(OWN_INTRODUCTIONS, self.own_part(shared.offering_id))
        content = mark_safe(html)  # noqa: S308 - HTML this view rendered, and our own
        response = framed(request, "directory/offering_page.html", content, title=shared.name)
        if state:
            response["X-Fragment-Cache"] = state
        return response

    def own_part(self, offering_id: int) -> str:
        """The reader's own requests to the offering; this process keeps them for the reader
        while the stamps read with their session are current (page_cache.kept_under)."""
        request, kinds = self.request, (changes.LISTINGS, changes.ENGAGEMENT)
        key = f"own-introductions:{request.user.pk}:{offering_id}:{get_language()}"
        return kept_under(
            stamp_read_along(request, kinds),
            key,
            lambda: render_to_string(
                "directory/_own_introductions.html",
                {"own_introductions": own_introductions(request.user, offering_id)},
            ),
        )

    def shared_page(self, *args, **kwargs) -> SharedOfferingPage | None:
        """The page to share, or None when this reader may not be shown a shared one (the
        offering is not listed now, or they are one of its members)."""
        offering = get_object_or_404(
            Offering.objects.only("name", "status", "confirmed_at", "organisation_id"),
            slug=kwargs["slug"],
        )
        if not offering.is_listed or is_member_of(self.request.user, offering.organisation_id):
            return None
        return SharedOfferingPage(
            html=self.render_shared(*args, **kwargs),
            offering_id=offering.pk,
            organisation_id=offering.organisation_id,
            name=offering.name,
            shared_until=(offering.confirmed_at + STALE_AFTER).timestamp(),
        )

    def render_shared(self, *args, **kwargs) -> str:
        self.object = self.get_object()
        context = self.get_context_data(object=self.object)
        context.update(listing_base="includes/fragment.html", own_introductions_later=True)
        return render_to_string(self.template_name, context, self.request)

    def get_queryset(self):
        return Offering.objects.select_related("organisation", "variant_of").prefetch_related(
            "categories", "sectors", "systems", "standards", "languages"
        )

    def get_object(self, queryset=None):
        offering = super().get_object(queryset)
        # Stale offerings answer 404 as stale needs do; the owner still sees theirs.
        shown = offering.status == Moderation.PUBLISHED and not offering.is_stale
        if not shown and not is_member(self.request.user, offering.organisation):
            raise Http404("No such offering")
        return offering

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["listing"] = self.object
        context["is_member"] = is_member(self.request.user, self.object.organisation)
        context["variants"] = self.object.variants.browsable()
        if context["is_member"]:
            context["matches"] = with_interest_shown(
                self.object.matches.filter(need__in=Need.objects.visible_to(self.request.user))
                .select_related("need__organisation", "need__category")
                .best_first()[:25]
            )
        context.update(on_offering_page(self.object, self.request.user))
        # Its price also in the reader's currency (the shared page is kept per currency).
        context["reader_currency"] = SimpleLazyObject(
            lambda: ReaderCurrency(reader_currency(self.request), current_rate())
        )
        return context


def need_detail(request, pk):
    need = get_object_or_404(
        Need.objects.select_related("organisation", "category").prefetch_related(
            "systems", "languages", "organisation__systems_in_use"
        ),
        pk=pk,
    )
    is_owner = is_member(request.user, need.organisation)
    if not is_owner and not Need.objects.visible_to(request.user).filter(pk=pk).exists():
        if (
            not request.user.is_authenticated
            and Need.objects.visible_to_providers().filter(pk=pk).exists()
        ):
            return providers_only(request, need)
        raise Http404("No such need")
    matches, live = [], False
    if is_owner:
        live = shows_live_matches(need)
        matches = with_introductions(need, matches_before_review(need) if live else stored(need))
    return render(
        request,
        "directory/need_detail.html",
        {
            "need": need,
            "listing": need,
            "is_owner": is_owner,
            "matches": matches,
            "live_matches": live,
            "close_matches": [match for match in matches if match.is_close],
            # Listings' amounts on the match cards in the need's currency too, as the reasons.
            "reader_currency": ReaderCurrency(need.currency, current_rate()) if matches else None,
            "weaker_matches": [match for match in matches if not match.is_close],
            **on_need_page(need, request.user, is_owner),
        },
    )


def stored(need):
    """The need's stored matches, best first, with what their cards show of each offering."""
    return (
        need.matches.select_related("offering__organisation")
        .prefetch_related("offering__categories")
        .best_first()
    )


def providers_only(request, need):
    """A signed-out visitor's answer for a need shown to signed-in tech providers only (a link
    in a digest, say): 403 and a page asking them to sign in, which brings them back to it.
    It names nothing of the need: not its title, description or organisation."""
    return render(
        request,
        "directory/need_for_providers.html",
        {"next_query": urlencode({REDIRECT_FIELD_NAME: need.get_absolute_url()})},
        status=403,
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        organisations_shown_to(request.user).prefetch_related(
            "sectors", "languages", "systems_in_use"
        ),
        slug=slug,
    )
    offerings = Offering.objects.browsable().filter(organisation=organisation)
    needs = Need.objects.visible_to(request.user).filter(organisation=organisation)
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "offerings": offerings.prefetch_related(Prefetch("categories")),
            "needs": needs.select_related("category"),
            "is_member": is_member(request.user, organisation),
            "responsiveness": responsiveness_of(organisation) if organisation.is_provider else None,
            "event_record": event_record_of(organisation) if organisation.is_provider else None,
        },
    )
