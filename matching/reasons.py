"""A match's reasons in words: the one renderer of the codes `matching.core.reasons` writes.

``render(reason, reader)`` turns one code into a sentence for its reader, the nonprofit
("Works with Google Sheets, which you already use") or the provider ("…, which they already
use"); ``render_all`` does a list. Every sentence goes through gettext, in the language
active when it is rendered, and each reader's sentences are their own msgids. Category slugs
and language codes are named from the taxonomy (`TaxonomyNames`), countries by
django-countries; systems and standards are stored by their display names.

Anything that is not a known code (a string left from before the codes, a code from a newer
version) is skipped, never shown and never an error.
"""

import threading
import time
from collections.abc import Callable, Iterable, Mapping

from django.db.models import F, Value
from django.utils.text import get_text_list
from django.utils.translation import gettext, gettext_lazy, gettext_noop
from django_countries import countries

from directory.common.money import money
from directory.listings import changes
from directory.listings.models import (
    Category,
    Deployment,
    Language,
    Membership,
    Standard,
    System,
)
from directory.listings.models.taxonomies import hindi_active

from .core import BANDS
from .core.reasons import fits_and_checks
from .core.sounds import fold
from .core.text import STOPWORDS
from .reason_words import NONPROFIT, PROVIDER, READERS, WORDS, Reader  # noqa: F401  (importers read them here)

# (category names by slug, language names by code, standard names by their stored name,
# system, category and standard names by their lower case: the form a shared word is shown in)
Names = tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]


# What each band of score (matching.core.profiles.band) says to a person.
BAND_LABELS = dict(
    zip(
        BANDS,
        (gettext_lazy("Strong match"), gettext_lazy("Possible match"), gettext_lazy("Weak match")),
        strict=True,
    )
)


class TaxonomyNames:
    """Category and language names by slug and code, loaded once per process and loaded
    again when the offerings change stamp (directory/listings/changes.py, replaced on every
    save of a taxonomy) differs, when it is unknown, or after ``VERIFY_EVERY`` seconds.
    ``categories`` and ``languages`` name them in the active language: their Hindi names
    (``name_hi``) when it is Hindi and they have one, else their names."""

    VERIFY_EVERY = 60.0

    def __init__(self):
        self.lock = threading.Lock()
        self.stamp: str | None = None
        self.loaded_at = 0.0
        self.english: Names = ({}, {}, {}, {})
        self.hindi: Names = ({}, {}, {}, {})

    @property
    def categories(self) -> dict[str, str]:
        return (self.hindi if hindi_active() else self.english)[0]

    @property
    def languages(self) -> dict[str, str]:
        return (self.hindi if hindi_active() else self.english)[1]

    @property
    def standards(self) -> dict[str, str]:
        return (self.hindi if hindi_active() else self.english)[2]

    @property
    def spellings(self) -> dict[str, str]:
        return self.english[3]

    def current(self) -> "TaxonomyNames":
        stamp = changes.current(changes.OFFERINGS)  # read first: a later change wins
        with self.lock:
            if (
                stamp is None
                or stamp != self.stamp
                or time.monotonic() - self.loaded_at >= self.VERIFY_EVERY
            ):
                self.english, self.hindi = _load_names()
                self.stamp, self.loaded_at = stamp, time.monotonic()
        return self


taxonomy_names = TaxonomyNames()


def _load_names() -> tuple[Names, Names]:
    """Names (see ``Names``) in English and in Hindi (the English name where a term has no
    Hindi one), in one query."""
    kinds = (
        (Category, "slug", "name_hi"),
        (Language, "code", "name_hi"),
        (Standard, "name", "name_hi"),
        (System, "name", None),
    )
    queries = [
        model.objects.order_by()
        .annotate(kind=Value(model.__name__), hindi=F(hindi) if hindi else Value(""))
        .values_list("kind", key, "name", "hindi")
        for model, key, hindi in kinds
    ]
    rows = queries[0].union(*queries[1:], all=True)
    english: dict[str, dict[str, str]] = {model.__name__: {} for model, *_ in kinds}
    hindi: dict[str, dict[str, str]] = {model.__name__: {} for model, *_ in kinds}
    spellings: dict[str, str] = {}
    for kind, key, name, name_hi in rows:
        english[kind][key] = name
        hindi[kind][key] = name_hi or name
        if kind != "Language":
            short = name.split(" (", 1)[0]
            spellings.setdefault(short.lower(), short)
    return tuple(  # type: ignore[return-value]
        (names["Category"], names["Language"], names["Standard"], spellings)
        for names in (english, hindi)
    )


def shown_words(words: Iterable[str], names: Callable[[], TaxonomyNames]) -> list[str]:
    """A reason's shared words as a reader should see them: a system's, category's or
    standard's own spelling ("DHIS2", not "dhis2"), with filler words (STOPWORDS) left out."""
    spellings = None
    shown = []
    for word in words:
        if fold(word.lower()) in STOPWORDS:
            continue
        if spellings is None:
            spellings = names().spellings
        shown.append(spellings.get(word.lower(), word))
    return shown


def render(
    reason: object, reader: Reader = NONPROFIT, names: Callable[[], TaxonomyNames] | None = None
) -> str:
    """One reason in words for its reader; "" for anything that is not a known code."""
    if not isinstance(reason, Mapping):
        return ""
    write = SENTENCES.get(reason.get("code"))
    if write is None:
        return ""
    words = WORDS[PROVIDER if reader == PROVIDER else NONPROFIT]
    try:
        return write(reason, words, names or taxonomy_names.current)
    except (KeyError, TypeError, ValueError, AttributeError):
        return ""  # a code missing a value it needs: skipped like an unknown one


def render_all(
    reasons: Iterable[object] | None,
    reader: Reader = NONPROFIT,
    limit: int | None = None,
    names: Callable[[], TaxonomyNames] | None = None,
) -> list[str]:
    """The reasons in words for their reader, in order, skipping what cannot be rendered;
    the first ``limit`` of them if given. Taxonomy names are looked up at most once, and
    only if a reason needs them."""
    names = names or names_once()
    sentences = []
    for reason in reasons or ():
        if limit is not None and len(sentences) >= limit:
            break
        if sentence := render(reason, reader, names):
            sentences.append(sentence)
    return sentences


def names_once() -> Callable[[], TaxonomyNames]:
    """The taxonomy names, looked up on the first call only."""
    looked_up: list[TaxonomyNames] = []

    def names() -> TaxonomyNames:
        if not looked_up:
            looked_up.append(taxonomy_names.current())
        return looked_up[0]

    return names


def render_split(
    reasons: Iterable[object] | None, reader: Reader = NONPROFIT
) -> tuple[list[str], list[str]]:
    """(why it fits, what to check) in words for the reader (matching.core.reasons sorts
    the codes)."""
    fits, checks = fits_and_checks(reasons)
    names = names_once()
    return render_all(fits, reader, names=names), render_all(checks, reader, names=names)


def reader_for(request, organisation_id: int | None) -> Reader:
    """The provider's wording for a member of the offering's organisation, else the
    nonprofit's. The person's organisations are looked up once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return NONPROFIT
    known = getattr(request, "_member_organisations", None)
    if known is None or known[0] != user.pk:
        ids = frozenset(Membership.objects.filter(user=user).values_list("organisation", flat=True))
        known = (user.pk, ids)
        request._member_organisations = known
    return PROVIDER if organisation_id in known[1] else NONPROFIT


# Each code's sentence


def _and(items: list[str]) -> str:
    return get_text_list([str(item) for item in items], gettext("and"))


def _or(items: list[str]) -> str:
    return get_text_list([str(item) for item in items], gettext("or"))


def _comma(items: list[str]) -> str:
    # Translators: separates the words or standards listed in a reason, e.g. "CSV, JSON".
    return gettext(", ").join(str(item) for item in items)


def _same_kind(reason, words, names) -> str:
    categories = names().categories
    values = {
        "categories": _and([categories.get(slug, slug) for slug in reason["categories"]]),
        "words": _comma(shown_words(reason.get("words") or [], names)),
    }
    if values["words"]:
        return gettext("Same kind of tool: %(categories)s; both mention %(words)s") % values
    return gettext("Same kind of tool: %(categories)s") % values


def _both_mention(reason, words, names) -> str:
    shared = shown_words(reason["words"], names)
    if not shared:
        return _little_in_common(reason, words, names)
    return gettext("Both mention %(words)s") % {"words": _comma(shared)}


def _little_in_common(reason, words, names) -> str:
    return gettext(words["little_in_common"])


def _not_offered_deployment(reason, words, names) -> str:
    deployment = reason["deployment"]
    if deployment == Deployment.CLOUD:
        return gettext("Not offered as an online (cloud) service")
    if deployment == Deployment.SELF_HOSTED:
        return gettext(words["self_hosted"])
    if deployment == Deployment.OFFLINE_MOBILE:
        return gettext("Not offered for offline use on phones")
    if deployment == Deployment.ON_A_COMPUTER:
        return gettext("Not offered to install on computers")
    return ""


def _not_offered_language(reason, words, names) -> str:
    languages = names().languages
    named = [languages.get(code, code) for code in reason["languages"]]
    return gettext("Not offered in %(languages)s") % {"languages": _or(named)}


def _not_offered_region(reason, words, names) -> str:
    code = reason["country"]
    return gettext("Not offered in %(country)s") % {"country": countries.name(code) or code}


NOT_SOFTWARE = {  # by the listing's kind (`matching.core.KINDS`)
    "data": gettext_noop("A data set, not software to use"),
    "content": gettext_noop("Learning or reference content, not software"),
    "standard": gettext_noop("A standard (a specification), not software"),
    "ai_model": gettext_noop("An AI model to build on, not a ready tool"),
}


def _not_software(reason, words, names) -> str:
    sentence = NOT_SOFTWARE.get(reason["kind"])
    return gettext(sentence) if sentence else ""


def _integrates(reason, words, names) -> str:
    standards = names().standards
    through = [
        gettext("%(system)s through %(standard)s")
        % {"system": system, "standard": standards.get(standard, standard)}
        for system, standard in reason["through"]
    ]
    pieces = []
    if reason["systems"]:
        pieces.append(gettext("Integrates with %(systems)s") % {"systems": _and(reason["systems"])})
    if through:
        if pieces:
            pieces.append(gettext("works with %(systems)s") % {"systems": _and(through)})
        else:
            pieces.append(gettext("Works with %(systems)s") % {"systems": _and(through)})
    if missing := reason["missing"]:
        if pieces:
            pieces.append(gettext("%(systems)s not listed") % {"systems": _and(missing)})
        else:
            pieces.append(
                gettext("Does not list %(systems)s among the systems it works with")
                % {"systems": _or(missing)}
            )
    # Translators: joins the parts of a reason, e.g. "Integrates with A; B not listed".
    return gettext("; ").join(pieces)


def _works_with_in_use(reason, words, names) -> str:
    missing = reason.get("missing") or []
    values = {"systems": _and(reason["systems"]), "missing": _or(missing)}
    if not reason["systems"]:
        return gettext(words["not_in_use"]) % values
    if missing:
        return gettext(words["works_with_in_use_not"]) % {**values, "missing": _and(missing)}
    return gettext(words["works_with_in_use"]) % values


def _none_in_use(reason, words, names) -> str:
    return gettext(words["none_in_use"])


def _exports(reason, words, names) -> str:
    standards = names().standards
    named = [standards.get(name, name) for name in reason["standards"]]
    return gettext(words["exports"]) % {"standards": _comma(named)}


def _no_export(reason, words, names) -> str:
    return gettext(words["no_export"])


def _free_open_source(reason, words, names) -> str:
    return gettext("Free and open source")


def _free_needs_server(reason, words, names) -> str:
    online = "_online" if reason.get("asked_online") else ""
    if reason.get("amount") is None:
        return gettext(words[f"server_unknown{online}"])
    amount = money(reason["amount"], reason["currency"], whole=True)
    return _against(gettext(words[f"server{online}"]) % {"amount": amount}, reason, words)


def _price_not_listed(reason, words, names) -> str:
    return gettext("Price not listed")


def _free_for_nonprofits(reason, words, names) -> str:
    if reason.get("budget") is None:
        return gettext("Free for nonprofits")
    return gettext(words["free_within"])


def _free_to_use(reason, words, names) -> str:
    return _with_setup(gettext("Free to use"), reason, words)


def _cost_yearly(reason, words, names) -> str:
    cost = gettext("About %(amount)s a year") % {
        "amount": money(reason["amount"], reason["currency"], whole=True)
    }
    return _with_setup(_against(cost, reason, words), reason, words)


def _cost_first_year(reason, words, names) -> str:
    currency = reason["currency"]
    cost = gettext("About %(amount)s in the first year (including %(setup)s setup)") % {
        "amount": money(reason["amount"], currency, whole=True),
        "setup": money(reason["setup"], currency, whole=True),
    }
    return _against(cost, reason, words)


def _setup_cost(reason, words, names) -> str:
    return gettext(words[f"setup_only_{reason['verdict']}"]) % {
        "setup": money(reason["setup"], reason["currency"], whole=True),
        "budget": money(reason["budget"], reason["currency"], whole=True),
    }


def _no_budget(reason, words, names) -> str:
    return gettext(words["no_budget"])


def _against(cost: str, reason, words) -> str:
    """The cost held against the budget, by the reason's verdict."""
    verdict = reason.get("verdict")
    if verdict is None or reason.get("budget") is None:
        return cost
    budget = money(reason["budget"], reason["currency"], whole=True)
    return gettext(words[verdict]) % {"cost": cost, "budget": budget}


def _with_setup(cost: str, reason, words) -> str:
    """The setup cost held against the one-off budget, when the need has one."""
    one_off = reason.get("one_off")
    if not isinstance(one_off, Mapping):
        return cost
    currency = reason["currency"]
    return gettext(words[f"setup_{one_off['verdict']}"]) % {
        "cost": cost,
        "setup": money(one_off["setup"], currency, whole=True),
        "budget": money(one_off["budget"], currency, whole=True),
    }


SENTENCES: dict[str, Callable[..., str]] = {
    "same_kind": _same_kind,
    "both_mention": _both_mention,
    "little_in_common": _little_in_common,
    "not_offered_deployment": _not_offered_deployment,
    "not_offered_language": _not_offered_language,
    "not_offered_region": _not_offered_region,
    "not_software": _not_software,
    "integrates": _integrates,
    "works_with_in_use": _works_with_in_use,
    "none_in_use": _none_in_use,
    "exports": _exports,
    "no_export": _no_export,
    "free_open_source": _free_open_source,
    "free_needs_server": _free_needs_server,
    "price_not_listed": _price_not_listed,
    "free_for_nonprofits": _free_for_nonprofits,
    "free_to_use": _free_to_use,
    "cost_yearly": _cost_yearly,
    "cost_first_year": _cost_first_year,
    "no_budget": _no_budget,
    "setup_cost": _setup_cost,
}
