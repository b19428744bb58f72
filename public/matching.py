"""`GET /api/v1/claims/match?text=...`: has anyone checked this? The nearest published checks."""

from __future__ import annotations

from typing import Any

from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from claims.models import Article, Claim
from claims.services import published_matches_for_text
from claims.verdicts import verdict_rating
from public import selectors
from public.throttling import PublicAnonThrottle
from public.views import PublicAPIMixin

MAX_QUERY_CHARS = 2000
MAX_RESULTS = 20
# No NUL, and at least one ASCII letter or digit or any character beyond ASCII: a text of ASCII
# punctuation and spaces alone has nothing to match. The schema publishes this same pattern,
# which reads alike in Python, in JSON Schema validators and in JavaScript; a pattern of
# "letters of any script" (Python's \w) does not, as ECMA's \w is ASCII only.
MATCH_TEXT_PATTERN = r"^[^\x00]*[^\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f][^\x00]*$"


class MatchQuerySerializer(serializers.Serializer[dict[str, Any]]):
    """The query string of a lookup; also what the schema documents as its parameters."""

    text = serializers.CharField(
        max_length=MAX_QUERY_CHARS,
        # Trimmed once valid (validate_text), so the length limit counts the characters sent,
        # as the schema's maxLength does.
        trim_whitespace=False,
        validators=[RegexValidator(MATCH_TEXT_PATTERN, "Text must contain words to match.")],
        help_text="The claim to look up: words, not only ASCII punctuation and spaces.",
    )
    limit = serializers.IntegerField(
        min_value=1, max_value=MAX_RESULTS, default=5, help_text="At most this many results."
    )

    def validate_text(self, value: str) -> str:
        return value.strip()


class MatchedArticleSerializer(serializers.Serializer[Article]):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()
    outlet = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)


class MatchedClaimSerializer(serializers.Serializer[Claim]):
    id = serializers.IntegerField()
    text = serializers.CharField()
    verdict = serializers.ChoiceField(choices=Claim.Verdict.choices)
    verdict_label = serializers.CharField(source="get_verdict_display")
    rating_value = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField()
    page_url = serializers.SerializerMethodField()
    claimreview_url = serializers.SerializerMethodField()
    article = MatchedArticleSerializer()

    def get_rating_value(self, claim: Claim) -> int | None:
        return verdict_rating(claim.verdict)

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_page_url(self, claim: Claim) -> str:
        return self._absolute(reverse("public:claim_detail", args=[claim.pk]))

    def get_claimreview_url(self, claim: Claim) -> str:
        return self._absolute(reverse("api:claim-claimreview", args=[claim.pk]))


class MatchResultSerializer(serializers.Serializer[dict[str, Any]]):
    score = serializers.FloatField(min_value=0, max_value=1)
    text_similarity = serializers.FloatField(min_value=0, max_value=1)
    agreements = serializers.ListField(child=serializers.CharField())
    claim = MatchedClaimSerializer()


class MatchResponseSerializer(serializers.Serializer[dict[str, Any]]):
    text = serializers.CharField()
    results = MatchResultSerializer(many=True)


def published_matches(text: str, *, limit: int) -> list[dict[str, Any]]:
    """The nearest published checks to `text`: score, similarity, agreements and the claim."""
    found = published_matches_for_text(text=text, limit=limit)
    # Loaded again through the public selector: a claim unpublished meanwhile drops out.
    claims = (
        selectors.claims_published()
        .select_related("article")
        .defer("article__raw_input", "article__clean_text")
        .in_bulk([f.candidate.id for f in found])
    )
    return [
        {
            "score": round(f.score, 4),
            "text_similarity": round(f.comparison.text_similarity, 4),
            "agreements": list(f.comparison.agreements),
            "claim": claims[f.candidate.id],
        }
        for f in found
        if f.candidate.id in claims
    ]


class MatchAnonThrottle(PublicAnonThrottle):
    """A tighter rate of its own: each lookup scores many candidates."""

    scope = "public_match"
    rate_setting = "FACTCHECK_MATCH_ANON_RATE"


class ClaimMatchView(PublicAPIMixin, generics.GenericAPIView[Claim]):  # type: ignore[misc]
    """The published fact-checks that say what `text` says, best first, with their scores."""

    throttle_classes = [PublicAnonThrottle, MatchAnonThrottle]
    pagination_class = None
    # Documents the response only (the schema); get() serializes a dict, not the queryset's claims.
    serializer_class = MatchResponseSerializer  # type: ignore[assignment]

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claims_published()

    @extend_schema(
        parameters=[MatchQuerySerializer],
        responses={200: MatchResponseSerializer},
        operation_id="claims_match",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # A plain dict, not the QueryDict: DRF reads an empty form value ("?limit=") as absent
        # and would use the default, where the schema says limit is an integer.
        query = MatchQuerySerializer(data=request.query_params.dict())
        query.is_valid(raise_exception=True)
        text: str = query.validated_data["text"]
        results = published_matches(text, limit=query.validated_data["limit"])
        body = MatchResponseSerializer(
            {"text": text, "results": results}, context={"request": request}
        )
        return Response(body.data)
