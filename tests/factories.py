"""factory-boy factories for the directory's models."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from directory.models import (
    Category,
    Membership,
    Moderation,
    Need,
    Offering,
    Organisation,
    System,
    User,
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
