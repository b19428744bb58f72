"""The public read-only API: views only wire selectors, filters and serializers together."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponseBase
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import filters, generics, viewsets
from rest_framework.generics import get_object_or_404
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from claims.models import Article, Claim
from public import selectors
from public.claimreview import claimreview_for
from public.conditional import ConditionalGetMixin
from public.filters import (
    ArticleFilter,
    ClaimFilter,
    ForwardSearchFilter,
    PublicFilterBackend,
    SourceFilter,
)
from public.search import RANK, ClaimSearchFilter
from public.serializers import ArticleSerializer, ClaimSerializer, SourceSerializer
from public.throttling import PublicAnonThrottle
from sources.models import Source


class PublicCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-pk"


class ClaimCursorPagination(PublicCursorPagination):
    ordering = ("-published_at", "-pk")

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any) -> tuple[str, ...]:
        # A search without an explicit ordering lists the best matches first.
        if RANK in queryset.query.annotations and not request.query_params.get("ordering"):
            return (f"-{RANK}", "-published_at", "-pk")
        ordering: tuple[str, ...] = super().get_ordering(request, queryset, view)
        return ordering


class PublicAPIMixin(ConditionalGetMixin):
    """Anonymous, read-only, throttled: no session, so no CSRF and no user is ever involved."""

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [PublicAnonThrottle]
    http_method_names = ["get", "head", "options"]

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # One row by its id: the list's filters have nothing to narrow, and building them costs.
        if getattr(self, "action", None) == "retrieve":
            return queryset
        filtered: QuerySet[Any] = super().filter_queryset(queryset)  # type: ignore[misc]
        return filtered

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.cached(
            request, lambda: super(PublicAPIMixin, self).list(request, *args, **kwargs)
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.cached(
            request, lambda: super(PublicAPIMixin, self).retrieve(request, *args, **kwargs)
        )


class ClaimViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Published fact-checks with their verdict, rationale, article, sources and evidence."""

    serializer_class = ClaimSerializer
    pagination_class = ClaimCursorPagination
    filter_backends = [PublicFilterBackend, ClaimSearchFilter, filters.OrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["published_at", "checkworthiness", "pk"]

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claims_public_rows()


class ArticleViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Articles with at least one published claim, with their published claims."""

    serializer_class = ArticleSerializer
    pagination_class = PublicCursorPagination
    filter_backends = [PublicFilterBackend, ForwardSearchFilter]
    filterset_class = ArticleFilter
    search_fields = ["title", "outlet", "author"]

    def get_queryset(self) -> QuerySet[Article]:
        return selectors.articles_public()


class SourceViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet):
    """Sources linked to at least one published claim."""

    serializer_class = SourceSerializer
    pagination_class = PublicCursorPagination
    filter_backends = [PublicFilterBackend, ForwardSearchFilter]
    filterset_class = SourceFilter
    search_fields = ["title", "publisher", "url"]

    def get_queryset(self) -> QuerySet[Source]:
        return selectors.sources_public()


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class ClaimReviewView(PublicAPIMixin, generics.GenericAPIView):
    """schema.org ClaimReview JSON-LD of one published claim."""

    renderer_classes = [JSONLDRenderer, JSONRenderer]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claims_published().select_related("article")

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, operation_id="claims_claimreview")
    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.cached(request, lambda: self._claimreview(request, kwargs["pk"]))

    def _claimreview(self, request: Request, pk: str) -> Response:
        claim = get_object_or_404(self.get_queryset(), pk=pk)
        page_url = request.build_absolute_uri(reverse("public:claim_detail", args=[claim.pk]))
        return Response(claimreview_for(claim, page_url=page_url))
