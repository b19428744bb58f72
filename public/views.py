"""The public read-only API: views only wire selectors, filters and serializers together."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponsePermanentRedirect,
    JsonResponse,
)
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import filters, generics, serializers, viewsets
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.negotiation import BaseContentNegotiation, DefaultContentNegotiation
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny, BasePermission, OperandHolder, SingleOperandHolder
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle

from claims.models import Article, Claim
from public import selectors
from public.claimreview import claimreview_for, claimreview_page_url
from public.conditional import ConditionalGetMixin
from public.filters import (
    MAX_ID,
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

# The id in a row's URL. The routes match digits only, so anything else is a JSON 404 from
# api_not_found, as is an id beyond the key range or of no published row.
ROW_ID = OpenApiParameter(
    "id",
    {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID},
    OpenApiParameter.PATH,
    description="The row's id.",
)
ROW_ID_REGEX = "[0-9]+"


class PublicCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering: str | list[str] | tuple[str, ...] = "-pk"

    def get_page_size(self, request: Request) -> int:
        # DRF falls back to the default size on a bad value and caps a large one; the schema
        # documents 1 to max_page_size, so anything else is refused instead.
        given = request.query_params.get(self.page_size_query_param)
        if given is None:
            return int(self.page_size)
        field = serializers.IntegerField(min_value=1, max_value=self.max_page_size)
        try:
            size: int = field.run_validation(given)
        except ValidationError as error:
            raise ValidationError({self.page_size_query_param: error.detail}) from None
        return size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
        return parameters

    def paginate_queryset(
        self, queryset: QuerySet[Any] | Sequence[Any], request: Request, view: Any = None
    ) -> list[Any] | None:
        try:
            page: list[Any] | None = super().paginate_queryset(queryset, request, view)
        except (DjangoValidationError, ValueError, TypeError, OverflowError):
            # The filters were read before; what is left to read here is the cursor's position,
            # which a client can edit into a value of the wrong type or out of range.
            if request.query_params.get(self.cursor_query_param) is None:
                raise
            raise NotFound(self.invalid_cursor_message) from None
        return page


class ClaimCursorPagination(PublicCursorPagination):
    ordering = ("-published_at", "-pk")

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: Any) -> tuple[str, ...]:
        # A search without an explicit ordering lists the best matches first.
        if RANK in queryset.query.annotations and not request.query_params.get("ordering"):
            return (f"-{RANK}", "-published_at", "-pk")
        ordering: tuple[str, ...] = super().get_ordering(request, queryset, view)
        return ordering


class PublicContentNegotiation(DefaultContentNegotiation):
    """`?format=` must name a renderer: an empty one is a 404 too, as DRF answers an unknown one
    (DRF itself ignores an empty one, where the schema's enum allows none)."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[Any, str]:
        if not format_suffix and request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            raise Http404
        selected: tuple[Any, str] = super().select_renderer(request, renderers, format_suffix)
        return selected


class PublicAPIMixin(ConditionalGetMixin):
    """Anonymous, read-only, throttled: no session, so no CSRF and no user is ever involved.

    Its list and retrieve may answer a plain HttpResponse from the cache, which DRF takes
    (finalize_response asks for any HttpResponseBase) where its stubs say Response: hence the
    ignores on the views built on it.
    """

    # Typed as APIView declares them, which the views combine this with.
    content_negotiation_class: type[BaseContentNegotiation] = PublicContentNegotiation
    authentication_classes: Sequence[type[BaseAuthentication]] = []
    permission_classes: Sequence[type[BasePermission] | OperandHolder | SingleOperandHolder] = [
        AllowAny
    ]
    throttle_classes: Sequence[type[BaseThrottle]] = [PublicAnonThrottle]
    http_method_names: Sequence[str] = ["get", "head", "options"]

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # One row by its id: the list's filters have nothing to narrow, and building them costs.
        if getattr(self, "action", None) == "retrieve":
            return queryset
        filtered: QuerySet[Any] = super().filter_queryset(queryset)  # type: ignore[misc]
        return filtered

    def list(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.cached(
            request,
            lambda: super(PublicAPIMixin, self).list(request, *args, **kwargs),  # type: ignore[misc]
        )

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.cached(
            request,
            lambda: super(PublicAPIMixin, self).retrieve(request, *args, **kwargs),  # type: ignore[misc]
        )


@extend_schema_view(retrieve=extend_schema(parameters=[ROW_ID]))
class ClaimViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet[Claim]):  # type: ignore[misc]
    """Published fact-checks with their verdict, rationale, article, sources and evidence."""

    lookup_value_regex = ROW_ID_REGEX
    serializer_class = ClaimSerializer
    pagination_class = ClaimCursorPagination
    filter_backends = [PublicFilterBackend, ClaimSearchFilter, filters.OrderingFilter]
    filterset_class = ClaimFilter
    ordering_fields = ["published_at", "checkworthiness", "pk"]

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claims_public_rows()


@extend_schema_view(retrieve=extend_schema(parameters=[ROW_ID]))
class ArticleViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet[Article]):  # type: ignore[misc]
    """Articles with at least one published claim, with their published claims."""

    lookup_value_regex = ROW_ID_REGEX
    serializer_class = ArticleSerializer
    pagination_class = PublicCursorPagination
    filter_backends = [PublicFilterBackend, ForwardSearchFilter]
    filterset_class = ArticleFilter
    search_fields = ["title", "outlet", "author"]

    def get_queryset(self) -> QuerySet[Article]:
        return selectors.articles_public()


@extend_schema_view(retrieve=extend_schema(parameters=[ROW_ID]))
class SourceViewSet(PublicAPIMixin, viewsets.ReadOnlyModelViewSet[Source]):  # type: ignore[misc]
    """Sources linked to at least one published claim."""

    lookup_value_regex = ROW_ID_REGEX
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


class ClaimReviewView(PublicAPIMixin, generics.GenericAPIView[Claim]):  # type: ignore[misc]
    """schema.org ClaimReview JSON-LD of one published claim."""

    renderer_classes = [JSONLDRenderer, JSONRenderer]
    pagination_class = None

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claims_for_review()

    @extend_schema(
        parameters=[ROW_ID],
        responses={200: OpenApiTypes.OBJECT},
        operation_id="claims_claimreview",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.cached(request, lambda: self._claimreview(request, kwargs["pk"]))

    def _claimreview(self, request: Request, pk: int) -> Response:
        claim = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(claimreview_for(claim, page_url=claimreview_page_url(request, claim)))


@csrf_exempt
def api_not_found(request: HttpRequest) -> HttpResponse:
    """A JSON 404 for an /api/v1/ URL no route matches: Django's own 404 page is HTML."""
    path = request.path_info
    if settings.APPEND_SLASH and not path.endswith("/") and _routed(f"{path}/"):
        # What CommonMiddleware does for an unmatched URL, which this catch-all has matched.
        return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return JsonResponse({"detail": "Not found."}, status=404)


def _routed(path: str) -> bool:
    try:
        return resolve(path).func is not api_not_found
    except Resolver404:
        return False
