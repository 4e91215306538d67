"""factory-boy factories for the directory's models."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from directory.accounts.models import User
from directory.engagement.models import Feedback, Interest, Introduction
from directory.listings.models import (
    Category,
    Membership,
    Moderation,
    Need,
    Offering,
    Organisation,
    System,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct-horse-battery")

    @factory.post_generation
    def verified_email(user, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.NONPROFIT
    name = factory.Sequence(lambda n: f"Organisation {n}")


class ProviderFactory(OrganisationFactory):
    kind = Organisation.Kind.PROVIDER
    name = factory.Sequence(lambda n: f"Provider {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.OWNER


def member_of(organisation, **user_fields) -> User:
    user_fields = {f"user__{name}": value for name, value in user_fields.items()}
    return MembershipFactory(organisation=organisation, **user_fields).user


def category(slug="data-collection") -> Category:
    return Category.objects.get_or_create(
        slug=slug, defaults={"name": slug.replace("-", " ").title()}
    )[0]


def system(slug="google-sheets") -> System:
    return System.objects.get_or_create(
        slug=slug, defaults={"name": slug.replace("-", " ").title()}
    )[0]


def need_form(**overrides) -> dict:
    """The new-need form as a nonprofit member fills it in, with ``overrides``."""
    return {
        "title": "Send reminders to parents",
        "description": "We want to text parents before school meetings.",
        "category": category().pk,
        "monthly_budget": "40",
        "one_off_budget": "",
        "deployment": "",
        "country": "KE",
        "visibility": "public",
        "publish": "1",
        **overrides,
    }


def offering_form(**overrides) -> dict:
    """The new-offering form as a provider's member fills it in, with ``overrides``."""
    return {
        "name": "FieldNotes",
        "summary": "Offline surveys on any phone.",
        "description": "Design a form, collect answers without signal, sync later.",
        "categories": [category().pk],
        "runs": ["cloud"],
        "pricing_model": "nonprofit_discount",
        "list_price_monthly": "50",
        "nonprofit_price_monthly": "20",
        "setup_cost": "0",
        "website": "https://fieldnotes.example",
        "publish": "1",
        **overrides,
    }


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Need number {n}")
    description = "We collect household surveys on paper and type them up later."
    category = factory.LazyFunction(category)
    status = Moderation.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class OfferingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offering
        skip_postgeneration_save = True

    organisation = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Offering number {n}")
    summary = "Collect survey data on phones, even offline."
    description = "Build forms, collect answers offline, sync when back online."
    pricing_model = Offering.Pricing.FREE
    status = Moderation.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def categories(offering, create, extracted, **kwargs):
        if create:
            offering.categories.set(extracted or [category()])


class Backdated(factory.django.DjangoModelFactory):
    """Takes ``created_at``, which auto_now_add would otherwise overwrite."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, created_at=None, **kwargs):
        row = super()._create(model_class, *args, **kwargs)
        if created_at:
            model_class.objects.filter(pk=row.pk).update(created_at=created_at)
            row.created_at = created_at
        return row


class IntroductionFactory(Backdated):
    class Meta:
        model = Introduction

    need = factory.SubFactory(NeedFactory)
    offering = factory.SubFactory(OfferingFactory)
    requested_by = factory.LazyAttribute(
        lambda introduction: member_of(introduction.need.organisation)
    )
    message = "We would like to try it with ten volunteers in March."


class InterestFactory(Backdated):
    class Meta:
        model = Interest

    need = factory.SubFactory(NeedFactory)
    offering = factory.SubFactory(OfferingFactory)
    expressed_by = factory.LazyAttribute(lambda interest: member_of(interest.offering.organisation))


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    introduction = factory.SubFactory(
        IntroductionFactory,
        status=Introduction.Status.ACCEPTED,
        closed_at=factory.LazyFunction(timezone.now),
    )
    author = factory.LazyAttribute(lambda feedback: feedback.introduction.requested_by)
    pilot_happened = True
    fit = 4
    integration = 4
    support = 4


# A need and an offering the engine matches: the same household surveys in both sides' words.
SURVEY_TOOL = {
    "name": "FieldForms",
    "summary": "Offline survey forms on any phone.",
    "description": "Build survey forms, collect household data offline and sync later.",
}
SURVEY_NEED = {
    "title": "Collect household surveys offline",
    "description": "Volunteers fill in survey forms on phones in villages with no signal.",
}


def health_records_need(title: str) -> Need:
    """A need for electronic health records, written as a clinic writes it."""
    return NeedFactory(
        title=title,
        description="We keep patient records and lab results on paper.",
        category=category("health-information"),
    )
