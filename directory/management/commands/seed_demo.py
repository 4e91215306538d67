"""``manage.py seed_demo [--if-empty]``: load the fictional demo data from directory/data/demo.py.

Safe to run again: organisations are found by slug, people by e-mail and listings by
(organisation, title or name). A row whose fields already match the data is not saved at all,
so a second run writes nothing, not even ``updated_at``.
"""

from collections import Counter
from datetime import time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from directory.data import demo as demo_data
from directory.engagement.models import (
    ANSWER_WITHIN,
    FEEDBACK_AFTER,
    Feedback,
    Interest,
    Introduction,
)
from directory.events.models import Event, Registration
from directory.listings import models as listings
from directory.listings.models import Membership, Moderation, Need, Offering, Organisation

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


class Command(BaseCommand):
    help = "Create fictional demo organisations, members, needs and offerings (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when any organisation exists (used by `make run`).",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Organisation.objects.exists():
            self.stdout.write("Demo data: skipped, the database already has organisations.")
            return
        with transaction.atomic():
            outcomes = DemoSeeder().run()
        self.stdout.write(summary(outcomes))


def summary(outcomes: Counter) -> str:
    counts = (
        f"{len(demo_data.NONPROFITS)} nonprofits, {len(demo_data.NEEDS)} needs, "
        f"{len(demo_data.PROVIDERS)} providers, {len(demo_data.OFFERINGS)} offerings, "
        f"{len(demo_data.INTRODUCTIONS)} introductions"
    )
    done = f"created {outcomes[CREATED]}"
    if outcomes[UPDATED]:
        done += f", updated {outcomes[UPDATED]}"
    return f"Demo data: {counts} ({done}, already there {outcomes[UNCHANGED]})."


class Taxonomies:
    """The curated terms by slug (languages by ISO code), loaded once per run."""

    def __init__(self):
        self.terms = {
            "categories": {term.slug: term for term in listings.Category.objects.all()},
            "systems": {term.slug: term for term in listings.System.objects.all()},
            "standards": {term.slug: term for term in listings.Standard.objects.all()},
            "sectors": {term.slug: term for term in listings.Sector.objects.all()},
            "languages": {language.code: language for language in listings.Language.objects.all()},
        }

    def pick(self, kind: str, keys: list[str]) -> list:
        """The terms for ``keys``; an unknown one stops the run rather than silently vanishing
        (an admin may have renamed or merged a term the demo data still uses)."""
        known = self.terms[kind]
        missing = sorted(set(keys) - known.keys())
        if missing:
            raise CommandError(
                f"Demo data uses {kind} that are not in the database: {', '.join(missing)}. "
                "Has the taxonomy migration (directory 0003) run?"
            )
        return [known[key] for key in keys]


class DemoSeeder:
    """Writes every demo row; ``run`` returns how many organisations and listings were created,
    updated or already there."""

    def __init__(self):
        self.taxonomies = Taxonomies()
        self.now = timezone.now()
        # Hashing is deliberately slow; every demo member shares the one password, so hash once.
        self.demo_password = make_password(demo_data.DEMO_PASSWORD)
        self.outcomes = Counter()
        self.members = {}
        self.needs = {}
        self.offerings = {}

    def run(self) -> Counter:
        self.seed_admin()
        organisations = {}
        for item in demo_data.NONPROFITS:
            organisations[item["slug"]] = self.seed_organisation(item, Organisation.Kind.NONPROFIT)
        for item in demo_data.PROVIDERS:
            organisations[item["slug"]] = self.seed_organisation(item, Organisation.Kind.PROVIDER)
        for item in demo_data.NEEDS:
            self.needs[item["organisation"], item["title"]] = self.seed_need(
                item, organisations[item["organisation"]]
            )
        for item in demo_data.OFFERINGS:
            self.offerings[item["name"]] = self.seed_offering(
                item, organisations[item["organisation"]]
            )
        for item in demo_data.INTRODUCTIONS:
            self.seed_introduction(item)
        for item in demo_data.INTERESTS:
            self.seed_interest(item)
        for item in demo_data.EVENTS:
            self.seed_event(item, organisations)
        return self.outcomes

    # People

    def seed_admin(self):
        admin = demo_data.ADMIN
        User = get_user_model()
        username = admin["username"]
        taken = User.objects.filter(username=username).exclude(email=admin["email"]).exists()
        user, _ = upsert(
            User,
            {"email": admin["email"]},
            {
                "first_name": admin["first_name"],
                "last_name": admin["last_name"],
                "is_staff": True,
                "is_superuser": True,
            },
            on_create={
                # Someone may already have made an "admin" by hand with another e-mail.
                "username": admin["email"] if taken else username,
                "password": make_password(admin["password"]),
            },
        )
        verify_email(user)

    def seed_member(self, person: dict, organisation: Organisation):
        user, _ = upsert(
            get_user_model(),
            {"email": person["email"]},
            {"first_name": person["first_name"], "last_name": person["last_name"]},
            on_create={"username": person["email"], "password": self.demo_password},
        )
        verify_email(user)
        upsert(
            Membership,
            {"user": user, "organisation": organisation},
            {"role": Membership.Role.OWNER},
        )
        self.members[organisation.pk] = user

    # Organisations

    def seed_organisation(self, item: dict, kind: str) -> Organisation:
        values = {
            "kind": kind,
            "name": item["name"],
            "website": f"https://{item['slug']}.example",
            "description": item["description"],
            "country": item["country"],
            "size_band": item.get("size_band", ""),
            "budget_band": item.get("budget_band", ""),
            "provider_type": item.get("provider_type", ""),
            "regions_served": item.get("regions_served", []),
            "contact_email": item["member"]["email"],
            "is_verified": item.get("is_verified", False),
        }
        organisation, outcome = upsert(Organisation, {"slug": item["slug"]}, values)
        relations = {
            "sectors": self.taxonomies.pick("sectors", item["sectors"]),
            "languages": self.taxonomies.pick("languages", item["languages"]),
            "systems_in_use": self.taxonomies.pick("systems", item.get("systems_in_use", [])),
        }
        self.count(outcome, set_relations(organisation, relations))
        self.seed_member(item["member"], organisation)
        return organisation

    # Listings

    def seed_need(self, item: dict, organisation: Organisation):
        values = {
            "description": item["description"],
            "category": self.taxonomies.pick("categories", [item["category"]])[0],
            "monthly_budget": money(item.get("monthly_budget")),
            "one_off_budget": money(item.get("one_off_budget")),
            "free_only": item.get("free_only", False),
            "deployment": item.get("deployment", ""),
            "country": item["country"],
            "strict_requirements": item.get("strict_requirements", False),
            "visibility": item.get("visibility", Need.Visibility.PUBLIC),
            "state": item.get("state", Need.State.OPEN),
            "status": item.get("status", Moderation.PUBLISHED),
        }
        on_create = self.listing_timestamps(item)
        if item.get("deadline_in_days") is not None:
            on_create["deadline"] = (self.now + timedelta(days=item["deadline_in_days"])).date()
        need, outcome = upsert(
            Need,
            {"organisation": organisation, "title": item["title"]},
            values,
            on_create=on_create,
        )
        relations = {
            "systems": self.taxonomies.pick("systems", item.get("systems", [])),
            "languages": self.taxonomies.pick("languages", item["languages"]),
        }
        self.count(outcome, set_relations(need, relations))
        if outcome == CREATED:
            self.backdate(need, item)
        return need

    def seed_offering(self, item: dict, organisation: Organisation):
        values = {
            "summary": item["summary"],
            "summary_hi": item.get("summary_hi", ""),
            "description": item["description"],
            "uses": "\n".join(item.get("uses", [])),
            "uses_hi": "\n".join(item.get("uses_hi", [])),
            "cloud": item.get("cloud", True),
            "self_hosted": item.get("self_hosted", False),
            "offline_mobile": item.get("offline_mobile", False),
            "on_a_computer": item.get("on_a_computer", False),
            "pricing_model": item["pricing_model"],
            "list_price_monthly": money(item.get("list_price_monthly")),
            "nonprofit_price_monthly": money(item.get("nonprofit_price_monthly")),
            "setup_cost": money(item.get("setup_cost")),
            "licence": item.get("licence", ""),
            "regions": item.get("regions", []),
            "website": item.get("website", ""),
            "repository": item.get("repository", ""),
            "is_featured": item.get("is_featured", False),
            "status": item.get("status", Moderation.PUBLISHED),
        }
        offering, outcome = upsert(
            Offering,
            {"organisation": organisation, "name": item["name"]},
            values,
            on_create=self.listing_timestamps(item),
        )
        relations = {
            "categories": self.taxonomies.pick("categories", item["categories"]),
            "sectors": self.taxonomies.pick("sectors", item["sectors"]),
            "systems": self.taxonomies.pick("systems", item["systems"]),
            "standards": self.taxonomies.pick("standards", item["standards"]),
            "languages": self.taxonomies.pick("languages", item["languages"]),
        }
        self.count(outcome, set_relations(offering, relations))
        if outcome == CREATED:
            self.backdate(offering, item)
        return offering

    # Introductions, written once: people may answer or review them while trying the demo,
    # and a rerun leaves what they did alone.

    def seed_introduction(self, item: dict):
        need, offering = self.needs[item["need"]], self.offerings[item["offering"]]
        if Introduction.objects.filter(need=need, offering=offering).exists():
            self.outcomes[UNCHANGED] += 1
            return
        asked_at = self.now - timedelta(days=item["asked_days_ago"])
        answered = "answered_after_hours" in item
        closed_at = None
        if answered:
            closed_at = asked_at + timedelta(hours=item["answered_after_hours"])
        elif item["status"] == Introduction.Status.EXPIRED:
            closed_at = asked_at + ANSWER_WITHIN
        accepted = item["status"] == Introduction.Status.ACCEPTED
        introduction = Introduction.objects.create(
            need=need,
            offering=offering,
            requested_by=self.members[need.organisation_id],
            message=item["message"],
            status=item["status"],
            answered_by=self.members[offering.organisation_id] if answered else None,
            answer_note=item.get("answer_note", ""),
            closed_at=closed_at,
            # Already asked for feedback, so the first daily run does not e-mail the demo.
            feedback_requested_at=closed_at + FEEDBACK_AFTER if accepted else None,
        )
        # ``created_at`` is auto_now_add, which ignores a value given on create.
        Introduction.objects.filter(pk=introduction.pk).update(created_at=asked_at)
        if "feedback" in item:
            feedback = Feedback.objects.create(
                introduction=introduction, author=introduction.requested_by, **item["feedback"]
            )
            given_at = self.now - timedelta(days=item["feedback_days_ago"])
            Feedback.objects.filter(pk=feedback.pk).update(created_at=given_at)
        self.outcomes[CREATED] += 1

    def seed_interest(self, item: dict):
        need, offering = self.needs[item["need"]], self.offerings[item["offering"]]
        interest, created = Interest.objects.get_or_create(
            need=need,
            offering=offering,
            defaults={"expressed_by": self.members[offering.organisation_id]},
        )
        if created:
            shown_at = self.now - timedelta(days=item["days_ago"])
            Interest.objects.filter(pk=interest.pk).update(created_at=shown_at)
        self.outcomes[CREATED if created else UNCHANGED] += 1

    def seed_event(self, item: dict, organisations: dict):
        """The event and its registrations; a rerun leaves an existing event's dates alone."""
        event = Event.objects.filter(name=item["name"]).first()
        if event is None:
            event = Event.objects.create(
                name=item["name"],
                date=timezone.localdate() + timedelta(days=item["in_days"]),
                time_zone=item["time_zone"],
                place=item["place"],
                first_slot_at=time.fromisoformat(item["first_slot_at"]),
                slot_minutes=item["slot_minutes"],
                slots=item["slots"],
                tables=item["tables"],
                registration_closes_at=self.now
                + timedelta(days=item["registration_closes_in_days"]),
                meetings_per_nonprofit=item["meetings_per_nonprofit"],
                meetings_per_provider=item["meetings_per_provider"],
            )
            self.outcomes[CREATED] += 1
        else:
            self.outcomes[UNCHANGED] += 1
        for slug in item["registrations"]:
            Registration.objects.get_or_create(event=event, organisation=organisations[slug])

    def listing_timestamps(self, item: dict) -> dict:
        """Set on creation only: relative to the first run, so a rerun never moves them."""
        published = item.get("status", Moderation.PUBLISHED) == Moderation.PUBLISHED
        return {
            "confirmed_at": self.now - timedelta(days=item["confirmed_days_ago"]),
            "published_at": self.posted_at(item) if published else None,
        }

    def backdate(self, listing, item: dict):
        """Spread the demo listings over past months, so "posted within" filters have something
        to show. ``created_at`` is auto_now_add, which ignores a value given on save, hence the
        queryset update."""
        type(listing).objects.filter(pk=listing.pk).update(
            created_at=self.posted_at(item), updated_at=listing.confirmed_at
        )

    def posted_at(self, item: dict):
        return self.now - timedelta(days=item["posted_days_ago"])

    def count(self, outcome: str, relations_changed: bool):
        if outcome == UNCHANGED and relations_changed:
            outcome = UPDATED
        self.outcomes[outcome] += 1


def upsert(model, lookup: dict, values: dict, *, on_create: dict | None = None):
    """Like ``update_or_create``, but an unchanged row is not saved at all, so a rerun leaves
    ``updated_at`` (and the search vectors) alone. ``on_create`` values, such as timestamps and
    password hashes, are written only when the row is new. Returns (object, outcome)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, **(on_create or {}))
        obj.save()
        return obj, CREATED
    changed = {name: value for name, value in values.items() if not same(getattr(obj, name), value)}
    if not changed:
        return obj, UNCHANGED
    for name, value in changed.items():
        setattr(obj, name, value)
    obj.save()
    return obj, UPDATED


def set_relations(obj, relations: dict[str, list]) -> bool:
    """Point each many-to-many field at exactly these rows; True when any of them changed."""
    changed = False
    for name, wanted in relations.items():
        manager = getattr(obj, name)
        if set(manager.values_list("pk", flat=True)) != {term.pk for term in wanted}:
            manager.set(wanted)
            changed = True
    return changed


def same(current, wanted) -> bool:
    """Compare a field's value with the data's; countries come back as Country objects."""
    if isinstance(wanted, list):
        return sorted(plain(value) for value in current) == sorted(wanted)
    return plain(current) == wanted


def plain(value):
    return getattr(value, "code", value)


def verify_email(user):
    """Mark the address verified so django-allauth (ACCOUNT_EMAIL_VERIFICATION = "mandatory")
    lets the demo account sign in straight away."""
    upsert(EmailAddress, {"user": user, "email": user.email}, {"verified": True, "primary": True})


def money(amount) -> Decimal | None:
    return None if amount is None else Decimal(amount)
