from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from directory.api import views

router = DefaultRouter()
router.register("offerings", views.OfferingViewSet, basename="api-offering")
router.register("needs", views.NeedViewSet, basename="api-need")
router.register("organisations", views.OrganisationViewSet, basename="api-organisation")
router.register("introductions", views.IntroductionViewSet, basename="api-introduction")
router.register("categories", views.CategoryViewSet, basename="api-category")
router.register("systems", views.SystemViewSet, basename="api-system")
router.register("standards", views.StandardViewSet, basename="api-standard")
router.register("sectors", views.SectorViewSet, basename="api-sector")
router.register("languages", views.LanguageViewSet, basename="api-language")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api_token_obtain"),
    path("schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    *router.urls,
]
