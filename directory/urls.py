from django.urls import path

from matching.views import need_preview

from .views import account, browse, compare, freshness, members

urlpatterns = [
    path("", browse.home, name="home"),
    path("offerings/", browse.OfferingListView.as_view(), name="offering_list"),
    path("offerings/new/", members.offering_form, name="offering_create"),
    path("offerings/<slug:slug>/", browse.OfferingDetailView.as_view(), name="offering_detail"),
    path("offerings/<slug:slug>/edit/", members.offering_form, name="offering_edit"),
    path("offerings/<slug:slug>/<slug:action>/", members.offering_action, name="offering_action"),
    path("compare/", compare.compare, name="compare"),
    path("needs/", browse.NeedListView.as_view(), name="need_list"),
    path("needs/new/", members.need_form, name="need_create"),
    path("needs/preview/", need_preview, name="need_preview"),
    path("needs/<int:pk>/", browse.need_detail, name="need_detail"),
    path("needs/<int:pk>/edit/", members.need_form, name="need_edit"),
    path("needs/<int:pk>/<slug:action>/", members.need_action, name="need_action"),
    path("organisations/<slug:slug>/", browse.organisation_detail, name="organisation_detail"),
    path("dashboard/", members.dashboard, name="dashboard"),
    path("dashboard/profile/", members.organisation_edit, name="organisation_edit"),
    path("account/settings/", account.account_settings, name="account_settings"),
    path("account/export/", account.export_data, name="account_export"),
    path("account/delete/", account.delete_account, name="account_delete"),
    path("account/unsubscribe/<str:token>/", account.unsubscribe, name="unsubscribe"),
    path("confirm/<str:token>/", freshness.confirm_listing, name="confirm_listing"),
]
