from django.urls import path

from directory.accounts.views import account, api_token, language
from directory.engagement.views import compare, introductions
from directory.events import views as events
from directory.listings import csv_export
from directory.listings.views import browse, freshness, members
from matching.views import need_preview


def actions(prefix: str, views, noun: str, verbs: str) -> list:
    """One route per verb: ``<prefix><verb>/`` served by ``views.<noun>_<verb>``, named alike."""
    return [
        path(f"{prefix}{verb}/", getattr(views, f"{noun}_{verb}"), name=f"{noun}_{verb}")
        for verb in verbs.split()
    ]


urlpatterns = [
    path("", browse.home, name="home"),
    path("offerings/", browse.OfferingListView.as_view(), name="offering_list"),
    path("offerings/export.csv", csv_export.offerings_csv, name="offering_export"),
    path("offerings/new/", members.offering_form, name="offering_create"),
    path("offerings/<slug:slug>/", browse.OfferingDetailView.as_view(), name="offering_detail"),
    path("offerings/<slug:slug>/edit/", members.offering_form, name="offering_edit"),
    path("offerings/<slug:slug>/<slug:action>/", members.offering_action, name="offering_action"),
    path("compare/", compare.compare, name="compare"),
    path("needs/", browse.NeedListView.as_view(), name="need_list"),
    path("needs/export.csv", csv_export.needs_csv, name="need_export"),
    path("needs/new/", members.need_form, name="need_create"),
    path("needs/preview/", need_preview, name="need_preview"),
    path("needs/<int:pk>/", browse.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", members.need_form, name="need_edit"),
    path("needs/<int:pk>/<slug:action>/", members.need_action, name="need_action"),
    path("organisations/<slug:slug>/", browse.organisation_detail, name="organisation_detail"),
    path("dashboard/", members.dashboard, name="dashboard"),
    path(
        "introductions/ask/<slug:slug>/",
        introductions.introduction_request,
        name="introduction_request",
    ),
    path("introductions/<int:pk>/", introductions.introduction_detail, name="introduction_detail"),
    *actions("introductions/<int:pk>/", introductions, "introduction", "answer withdraw feedback"),
    path("interest/", introductions.interest_create, name="interest_create"),
    path("interest/<int:pk>/ask/", introductions.interest_accept, name="interest_accept"),
    path("dashboard/profile/", members.organisation_edit, name="organisation_edit"),
    path("account/settings/", account.account_settings, name="account_settings"),
    path("account/api-token/", api_token.api_token, name="api_token"),
    path("language/", language.set_language, name="set_language"),
    path("account/export/", account.export_data, name="account_export"),
    path("account/delete/", account.delete_account, name="account_delete"),
    path("account/unsubscribe/<str:token>/", account.unsubscribe, name="unsubscribe"),
    path("events/", events.event_list, name="event_list"),
    path("events/<slug:slug>/", events.event_detail, name="event_detail"),
    path("events/<slug:slug>/register/", events.event_register, name="event_register"),
    path("events/<slug:slug>/agenda/", events.event_agenda, name="event_agenda"),
    path("events/<slug:slug>/agenda.ics", events.event_ics, name="event_ics"),
    path("events/<slug:slug>/request/", events.meeting_request, name="meeting_request"),
    *actions(
        "events/<slug:slug>/meetings/<int:pk>/", events, "meeting", "answer introduce feedback"
    ),
    path("events/<slug:slug>/curator/", events.event_curator, name="event_curator"),
    path("events/<slug:slug>/schedule.csv", events.event_csv, name="event_csv"),
    path("confirm/<str:token>/", freshness.confirm_listing, name="confirm_listing"),
]
