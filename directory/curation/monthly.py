"""Counts per month under an admin change list, of the rows its filters and search select:
curators see how many introductions were asked, accepted or left unanswered each month."""

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth

MONTHS_SHOWN = 12


class MonthlyCountsAdminMixin:
    """``monthly_field`` dates each row; ``monthly_split``, a field with choices, adds a
    column per choice."""

    change_list_template = "admin/directory/monthly_counts_change_list.html"
    monthly_field: str = "created_at"
    monthly_split: str | None = None

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            response.context_data["monthly"] = self.monthly_counts(changelist.queryset)
        return response

    def monthly_counts(self, queryset: QuerySet) -> dict:
        choices = []
        if self.monthly_split:
            choices = self.model._meta.get_field(self.monthly_split).choices
        split = {
            f"count_{value}": Count("pk", filter=Q(**{self.monthly_split: value}))
            for value, _ in choices
        }
        rows = (
            queryset.order_by()
            .annotate(month=TruncMonth(self.monthly_field))
            .values("month")
            .annotate(total=Count("pk"), **split)
            .order_by("-month")[:MONTHS_SHOWN]
        )
        return {
            # The values, not the labels: short column headings in a narrow table.
            "columns": [str(value).replace("_", " ").capitalize() for value, _ in choices],
            "rows": [(row["month"], row["total"], [row[name] for name in split]) for row in rows],
        }
