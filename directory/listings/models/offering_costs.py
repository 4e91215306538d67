"""What an offering costs a nonprofit, and what its price line may claim: the rules the
offering's pages, the comparison, matching's profiles and the API all read (as properties of
`Offering`, which takes them from `OfferingCosts`)."""

from directory.common import money as amounts
from directory.listings.models.base import Source
from directory.listings.models.offering_choices import OfferingPricing


class OfferingCosts:
    """Mixed into `Offering`: reads its pricing, deployment, categories and source fields."""

    @property
    def is_free(self) -> bool:
        return self.pricing_model == OfferingPricing.FREE or self.nonprofit_price_monthly == 0

    @property
    def is_open_source(self) -> bool:
        """Free, and its source is open: it names a licence or a source repository, or it is
        a Digital Public Good (open source by the registry's standard). A free service, such as
        volunteers' time, is free but not open source."""
        if self.pricing_model != OfferingPricing.FREE:
            return False
        return bool(self.licence or self.repository or self.source == Source.DPG)

    @property
    def needs_server(self) -> bool:
        """Free software that someone has to run on a server: it is offered to run on one's
        own server, and nobody runs it online for you (a registry entry lists the software,
        not a service)."""
        hosted = self.self_hosted and (not self.cloud or self.source == Source.DPG)
        return self.pricing_model == OfferingPricing.FREE and hosted

    @property
    def hosting_estimate(self):
        """What running it on a server costs a month, roughly, in `hosting_currency`: its own
        estimate, else the highest of its categories' (directory/data/README.md); None when
        nobody says."""
        if self.hosting_monthly_estimate is not None:
            return self.hosting_monthly_estimate
        estimates = [c.hosting_monthly_estimate for c in self.categories.all()]
        return max((e for e in estimates if e is not None), default=None)

    @property
    def hosting_currency(self) -> str:
        """The offering's currency for its own estimate, the site's for a category's."""
        own = self.hosting_monthly_estimate is not None
        return self.currency if own else amounts.default_currency()

    @property
    def yearly_nonprofit_cost(self):
        """Monthly nonprofit price × 12 + setup, or None when the price is not listed."""
        if self.nonprofit_price_monthly is None:
            return (self.setup_cost or 0) if self.is_free else None
        return self.nonprofit_price_monthly * 12 + (self.setup_cost or 0)
