"""Routes of the public API (/api/v1/) and of the public pages (/claims/)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from public import matching, pages, views
from public.conditional import conditional_page
from public.feeds import PublishedChecksFeed

router = DefaultRouter()
router.include_root_view = False
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("sources", views.SourceViewSet, basename="source")

api_urlpatterns: list[URLPattern | URLResolver] = [
    # Before the router, whose claims/<pk>/ would otherwise read "match" as an id.
    path("claims/match", matching.ClaimMatchView.as_view(), name="claim-match"),
    path("claims/<int:pk>/claimreview", views.ClaimReviewView.as_view(), name="claim-claimreview"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("", include(router.urls)),
    # Last: any other URL under the API (an id that is not a number, say) answers a JSON 404.
    # "^" alone matches every path, even one with a newline, and stays reversible.
    re_path(r"^", views.api_not_found, name="not-found"),
]

page_urlpatterns = [
    path("", pages.claim_list, name="claim_list"),
    path("methodology/", pages.methodology, name="methodology"),
    path("corrections/", pages.corrections, name="corrections"),
    path("check/", pages.claim_check, name="claim_check"),
    path("feed/", conditional_page(pages.PAGE_MAX_AGE)(PublishedChecksFeed()), name="feed"),
    path("<int:pk>/", pages.claim_detail, name="claim_detail"),
]
