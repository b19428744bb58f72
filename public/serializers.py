"""What the public API shows of each row: an explicit list, so a new model field stays private."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from claims.models import VERDICT_RATINGS, Article, Claim
from sources.models import ClaimSource, Evidence, Source


class SourceSerializer(serializers.ModelSerializer):
    """A public source. Not shown: fetch state and errors, snapshots, reliability notes."""

    class Meta:
        model = Source
        fields = ["id", "url", "title", "publisher", "kind"]


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
        fields = ["id", "url", "title", "publisher", "kind"]


class EvidenceSerializer(serializers.ModelSerializer):
    """A passage bearing on the claim. Not shown: the editor's note and who added it."""

    source = SourceSerializer()

    class Meta:
        model = Evidence
        fields = ["source", "passage", "stance", "origin"]


class ArticleBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Article
        fields = ["id", "title", "url", "outlet", "author", "published_on", "language"]


class ClaimBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Claim
        fields = ["id", "text", "verdict", "published_at"]


class ClaimSerializer(serializers.ModelSerializer):
    """A published fact-check. Not shown: assignee, reviewer, workflow state, fingerprints."""

    verdict_label = serializers.CharField(source="get_verdict_display", read_only=True)
    rating_value = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()
    article = ArticleBriefSerializer()
    # Declared once, not built per claim in a method: that dominated the list's cost.
    sources = LinkedSourceSerializer(source="source_links", many=True, read_only=True)
    evidence = EvidenceSerializer(many=True)

    class Meta:
        model = Claim
        fields = [
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

    def get_rating_value(self, claim: Claim) -> int | None:
        return VERDICT_RATINGS.get(claim.verdict)

    def get_page_url(self, claim: Claim) -> str:
        path = reverse("public:claim_detail", args=[claim.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


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
