"""What the public API shows of each row: an explicit list, so a new model field stays private.

The claim serializers, on the API's hot path, build their output directly from the rows instead
of through DRF's per-field machinery (which cost most of a list page). The declared fields still
describe it, so the OpenAPI schema is unchanged, and a test holds the direct output equal to what
DRF's generic machinery makes of the same field list.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from claims import normalized_codec
from claims.models import VERDICT_RATINGS, Article, Claim
from public.selectors import EVIDENCE_COLUMNS, ClaimRelations, claim_relations
from sources.models import ClaimSource, Evidence, Source

SOURCE_FIELDS = ["id", "url", "title", "publisher", "kind"]
ARTICLE_BRIEF_FIELDS = ["id", "title", "url", "outlet", "author", "published_on", "language"]
EVIDENCE_FIELDS = ["source", *EVIDENCE_COLUMNS]
CLAIM_FIELDS = [
    "id",
    "text",
    "sentence",
    "start",
    "end",
    "kind",
    "speaker",
    "normalized",
    "checkworthiness",
    "checkworthy",
    "verdict",
    "verdict_label",
    "rating_value",
    "rationale",
    "published_at",
    "page_url",
    "article",
    "sources",
    "evidence",
]
_DATETIME = serializers.DateTimeField()
# get_verdict_display() rebuilds its choices mapping on every call; this is built once.
_VERDICT_LABELS = {value: str(label) for value, label in Claim.Verdict.choices}
# A claim id no real URL contains, replaced by each claim's own when building its page URL.
_ID_MARK = 987654321987


def _source_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(SOURCE_FIELDS, row, strict=True))


def _evidence_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    width = len(SOURCE_FIELDS)
    return {
        "source": _source_dict(row[:width]),
        **dict(zip(EVIDENCE_COLUMNS, row[width:], strict=True)),
    }


def _article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "author": article.author,
        "published_on": article.published_on.isoformat() if article.published_on else None,
        "language": article.language,
    }


class SourceSerializer(serializers.ModelSerializer):
    """A public source. Not shown: fetch state and errors, snapshots, reliability notes."""

    class Meta:
        model = Source
        fields = SOURCE_FIELDS


class LinkedSourceSerializer(serializers.ModelSerializer):
    """A source as linked to a claim, read through the link: the same fields as a source."""

    id = serializers.IntegerField(source="source.id", read_only=True)
    url = serializers.CharField(source="source.url", read_only=True)
    title = serializers.CharField(source="source.title", read_only=True)
    publisher = serializers.CharField(source="source.publisher", read_only=True)
    kind = serializers.ChoiceField(
        source="source.kind", choices=Source.Kind.choices, read_only=True
    )

    class Meta:
        model = ClaimSource
        fields = SOURCE_FIELDS


class EvidenceSerializer(serializers.ModelSerializer):
    """A passage bearing on the claim. Not shown: the editor's note and who added it."""

    source = SourceSerializer()

    class Meta:
        model = Evidence
        fields = EVIDENCE_FIELDS


class ArticleBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ARTICLE_BRIEF_FIELDS


class ClaimBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "text", "verdict", "published_at"]

    def to_representation(self, instance: Claim) -> dict[str, Any]:
        return {
            "id": instance.pk,
            "text": instance.text,
            "verdict": instance.verdict,
            "published_at": _DATETIME.to_representation(instance.published_at),
        }


class NormalizedField(serializers.JSONField):
    """A claim's amounts and dates in the stored shape, as the codec reads the stored value."""

    def to_representation(self, value: object) -> Any:
        return normalized_codec.clean(value)


class ClaimListSerializer(serializers.ListSerializer):
    """A page of claims: their sources and evidence are read for the whole page at once."""

    def to_representation(self, data: Any) -> list[dict[str, Any]]:
        claims = list(data.all() if hasattr(data, "all") else data)
        child: ClaimSerializer = self.child  # type: ignore[assignment]
        child.relations = claim_relations([claim.pk for claim in claims], SOURCE_FIELDS)
        return [child.to_representation(claim) for claim in claims]


class ClaimSerializer(serializers.ModelSerializer):
    """A published fact-check. Not shown: assignee, reviewer, workflow state, fingerprints."""

    verdict_label = serializers.CharField(source="get_verdict_display", read_only=True)
    # A malformed or legacy row is shown in the documented shape, not as it happens to be stored.
    normalized = NormalizedField(
        required=False, help_text=Claim._meta.get_field("normalized").help_text
    )
    rating_value = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    article = ArticleBriefSerializer()
    # Declared once, not built per claim in a method: that dominated the list's cost.
    sources = LinkedSourceSerializer(source="source_links", many=True, read_only=True)
    evidence = EvidenceSerializer(many=True)

    # Set by ClaimListSerializer for a page; a single claim reads its own.
    relations: ClaimRelations | None = None

    class Meta:
        model = Claim
        fields = CLAIM_FIELDS
        list_serializer_class = ClaimListSerializer

    def get_rating_value(self, claim: Claim) -> int | None:
        return VERDICT_RATINGS.get(claim.verdict)

    def get_page_url(self, claim: Claim) -> str:
        head, tail = self._page_url_parts()
        return f"{head}{claim.pk}{tail}"

    def _page_url_parts(self) -> tuple[str, str]:
        # One reverse() and absolute URL per response, not per claim.
        parts: tuple[str, str] | None = self.context.get("_page_url_parts")
        if parts is None:
            path = reverse("public:claim_detail", args=[_ID_MARK])
            request = self.context.get("request")
            url = request.build_absolute_uri(path) if request else path
            head, _, tail = url.rpartition(str(_ID_MARK))
            parts = (head, tail)
            if isinstance(self.context, dict):
                self.context["_page_url_parts"] = parts
        return parts

    def to_representation(self, instance: Claim) -> dict[str, Any]:
        """The fields of CLAIM_FIELDS, read straight from the claim and its related rows."""
        claim = instance
        relations = self.relations
        if relations is None or claim.pk not in relations.sources:
            relations = claim_relations([claim.pk], SOURCE_FIELDS)
        return {
            "id": claim.pk,
            "text": claim.text,
            "sentence": claim.sentence,
            "start": claim.start,
            "end": claim.end,
            "kind": claim.kind,
            "speaker": claim.speaker,
            "normalized": normalized_codec.clean(claim.normalized),
            "checkworthiness": claim.checkworthiness,
            "checkworthy": claim.checkworthy,
            "verdict": claim.verdict,
            "verdict_label": _VERDICT_LABELS.get(claim.verdict, claim.verdict),
            "rating_value": VERDICT_RATINGS.get(claim.verdict),
            "rationale": claim.rationale,
            "published_at": _DATETIME.to_representation(claim.published_at),
            "page_url": self.get_page_url(claim),
            "article": _article_dict(claim.article),
            "sources": [_source_dict(row) for row in relations.sources[claim.pk]],
            "evidence": [_evidence_dict(row) for row in relations.evidence[claim.pk]],
        }


class ArticleSerializer(serializers.ModelSerializer):
    """An article with at least one published claim; its text and import state stay private."""

    published_claims_count = serializers.IntegerField(read_only=True)
    claims = ClaimBriefSerializer(source="public_claims", many=True, read_only=True)

    class Meta:
        model = Article
        fields = [
            "id",
            "title",
            "url",
            "outlet",
            "author",
            "published_on",
            "language",
            "published_claims_count",
            "claims",
        ]
