"""The site's own pages, linked from every page's footer: about, privacy, terms and contact.

Each is a title, a heading, a lead and sections (a heading, paragraphs, a list of points)
given here as data and laid out by one template, ``pages/page.html``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext


@dataclass(frozen=True)
class Section:
    heading: str = ""
    paragraphs: tuple = ()
    points: tuple = ()
    numbered: bool = False
    css_class: str = ""  # of its paragraphs


@dataclass(frozen=True)
class Page:
    title: str
    lead: str
    sections: tuple[Section, ...]
    heading: str = ""  # when it says more than the title


def with_values(text: str, **values) -> str:
    """A translated sentence that holds HTML (a link) with ``values`` put in, escaped."""
    escaped = {name: conditional_escape(value) for name, value in values.items()}
    return mark_safe(text % {"SITE_NAME": settings.SITE_NAME, **escaped})  # noqa: S308


def link(url_name: str, text: str) -> str:
    return format_html('<a href="{}">{}</a>', reverse(url_name), text)


def about() -> Page:
    return Page(
        title=gettext("About us"),
        heading=with_values(gettext("About %(SITE_NAME)s")),
        lead=with_values(
            gettext(
                "%(SITE_NAME)s helps small nonprofits find technology that works with what "
                "they already use, at a price they can afford."
            )
        ),
        sections=(
            Section(
                gettext("Why we exist"),
                paragraphs=(
                    gettext(
                        "Nonprofits often get sales pitches or costly custom builds when a "
                        "ready-made tool would do. Tech providers who could help cannot find the "
                        "nonprofits that need them. We put the two in touch."
                    ),
                ),
            ),
            Section(
                gettext("How it works"),
                numbered=True,
                points=(
                    gettext(
                        "A nonprofit posts a need in plain words: what it wants to do, which "
                        "tools it already uses (for example Google Sheets or WhatsApp Business) "
                        "and what it can spend."
                    ),
                    gettext(
                        "Tech providers list their tools and services, with prices for nonprofits."
                    ),
                    gettext(
                        "We match each need with the tools that fit it best, and say why: what it "
                        "works with, what it costs, and what to check."
                    ),
                    gettext(
                        "When a nonprofit asks for an introduction and the provider says yes, we "
                        "share their e-mail addresses with each other. Not before."
                    ),
                ),
            ),
            Section(
                gettext("What it costs"),
                paragraphs=(
                    gettext("Using the directory is free for nonprofits and for tech providers."),
                    format_html_join(
                        " · ",
                        "{}",
                        (
                            (link("need_list", gettext("Browse needs")),),
                            (link("offering_list", gettext("Find tools")),),
                            (link("contact", gettext("Contact us")),),
                        ),
                    ),
                ),
            ),
        ),
    )


def privacy() -> Page:
    return Page(
        title=gettext("Privacy"),
        heading=gettext("Privacy: what we keep about you"),
        lead=gettext(
            "We keep only what the directory needs to work. We do not sell your data or show "
            "you adverts."
        ),
        sections=(
            Section(
                gettext("About you"),
                points=(
                    gettext(
                        "Your e-mail address and your password (stored scrambled, so nobody can "
                        "read it), and your name if you give it."
                    ),
                    gettext("When you joined and when you last signed in."),
                    gettext("Your e-mail settings: how often you want a digest of new matches."),
                    gettext(
                        "Introduction requests you send or answer, with their messages, and "
                        "reviews you write."
                    ),
                    gettext(
                        "For a short while, your internet (IP) address, to count sign-in attempts "
                        "and posts and stop abuse."
                    ),
                ),
            ),
            Section(
                gettext("About your organisation"),
                points=(
                    gettext(
                        "Its profile: name, website, description, country, sectors, size, budget "
                        "band, languages and the tools it already uses. These are public."
                    ),
                    gettext(
                        "Its needs or offerings. Public ones anyone can read; a need marked for "
                        "signed-in tech providers only is shown only to them."
                    ),
                    gettext(
                        "Its contact e-mail address, which we use only to write to you about your "
                        "listings."
                    ),
                ),
            ),
            Section(
                gettext("E-mail addresses are never shown publicly"),
                paragraphs=(
                    gettext(
                        "No public page, list or download shows anyone's e-mail address. Only "
                        "our small team running the site can see them. When a nonprofit asks for "
                        "an introduction and the tech provider accepts, the two people get each "
                        "other's address, and nobody else does."
                    ),
                ),
            ),
            Section(
                gettext("Your data is yours"),
                points=tuple(
                    format_html("{}: {}", link(url_name, text), what)
                    for url_name, text, what in (
                        (
                            "account_export",
                            gettext("Download your data"),
                            gettext(
                                "everything we keep about you and your organisation's listings, "
                                "in one file."
                            ),
                        ),
                        (
                            "account_delete",
                            gettext("Delete your account"),
                            gettext(
                                "this removes your account at once. If you are the last member "
                                "of your organisation, its profile and listings go too. "
                                "Introduction requests and reviews stay with the organisations "
                                "involved, without your name."
                            ),
                        ),
                        (
                            "account_settings",
                            gettext("Change your e-mail settings"),
                            gettext("every digest also has a one-click link to stop them."),
                        ),
                    )
                ),
            ),
            Section(
                paragraphs=(
                    format_html(
                        "{} {}",
                        gettext("You need to be signed in to use these links."),
                        with_values(
                            gettext('Questions? <a href="%(contact_url)s">Write to us</a>.'),
                            contact_url=reverse("contact"),
                        ),
                    ),
                ),
            ),
        ),
    )


def terms() -> Page:
    return Page(
        title=gettext("Terms of use"),
        lead=with_values(
            gettext(
                "By using %(SITE_NAME)s you agree to these few rules. They are short on purpose."
            )
        ),
        sections=(
            Section(
                gettext("What you post"),
                points=(
                    gettext(
                        "Post only true, current information about your organisation, its needs "
                        "and its offerings."
                    ),
                    gettext("Post only on behalf of an organisation you belong to."),
                    gettext(
                        "Keep your listings up to date. We ask you to confirm them every 90 days; "
                        "listings not confirmed for 180 days are hidden until you confirm them."
                    ),
                    gettext("No spam, no unrelated advertising, nothing unlawful or hurtful."),
                ),
            ),
            Section(
                gettext("What we do"),
                points=(
                    gettext(
                        "We check listings from organisations we have not verified yet before "
                        "others can see them, and we may hide or remove listings that break these "
                        "rules."
                    ),
                    gettext(
                        "Matches are suggestions to help you start. They are not a recommendation "
                        "or a guarantee: always try a tool and check its price and terms with the "
                        "provider before you commit."
                    ),
                    gettext("Any agreement you make with a tech provider is between you and them."),
                    gettext(
                        "The directory is free. We try to keep it running well but cannot promise "
                        "it will always be available."
                    ),
                ),
            ),
            Section(
                gettext("Your data"),
                paragraphs=(
                    with_values(
                        gettext(
                            'How we use your information is on our <a href="%(privacy_url)s">'
                            "privacy page</a>. You can download your data or delete your account "
                            "at any time."
                        ),
                        privacy_url=reverse("privacy"),
                    ),
                    gettext("If these terms change, we will say so on this page."),
                ),
            ),
        ),
    )


def contact() -> Page:
    return Page(
        title=gettext("Contact us"),
        lead=gettext(
            "Write to us by e-mail. A person reads every message, and we aim to answer within a "
            "few working days."
        ),
        sections=(
            Section(
                css_class="contact-address",
                paragraphs=(format_html('<a href="mailto:{0}">{0}</a>', settings.CONTACT_EMAIL),),
            ),
            Section(
                gettext("Tell us"),
                points=(
                    gettext("if something on the site does not work or is hard to understand;"),
                    gettext(
                        "if a listing looks wrong, out of date or misleading (please include its "
                        "web address);"
                    ),
                    gettext("if you need help with your account or your data."),
                ),
            ),
            Section(
                paragraphs=(
                    with_values(
                        gettext(
                            "To download your data or delete your account yourself, see our "
                            '<a href="%(privacy_url)s">privacy page</a>.'
                        ),
                        privacy_url=reverse("privacy"),
                    ),
                ),
            ),
        ),
    )


PAGES = {"about": about, "privacy": privacy, "terms": terms, "contact": contact}


def page(request, name: str):
    """One of ``PAGES``, in the reader's language."""
    if name not in PAGES:
        raise Http404
    return render(request, "pages/page.html", {"page": PAGES[name]()})
