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
from claims.locks import ARTICLE_PUBLIC_FIELDS
from claims.models import Article, Claim, ClaimCorrection, correction_summary
from claims.verdicts import verdict_rating
from public.claimreview import last_modified_of
from public.selectors import (
    ARTICLE_CLAIMS_LISTED,
    EVIDENCE_COLUMNS,
    PUBLISHED_AS,
    ClaimRelations,
    claim_relations,
)
from sources.models import ClaimSource, Evidence, Source
from sources.services import SOURCE_PUBLIC_FIELDS

# What readers see of a source is what its lock holds (sources.services.source_update).
SOURCE_FIELDS = ["id", *SOURCE_PUBLIC_FIELDS]
ARTICLE_BRIEF_FIELDS = ["id", *ARTICLE_PUBLIC_FIELDS]
EVIDENCE_FIELDS = ["source", *EVIDENCE_COLUMNS]
# The correction's note is written for readers; it is shown as "explanation" (an evidence "note"
# is the editor's own and stays private). "corrected_at" is when readers were shown it.
CORRECTION_FIELDS = [
    "kind",
    "corrected_at",
    "previous_verdict",
    "verdict",
    "changes",
    "summary",
    "explanation",
]
CLAIM_FIELDS = [
    "id",
    "text",
    "sentence",
    "start",
    "end",
    "kind",
    "speaker",
    *PUBLISHED_AS,
    "normalized",
    "checkworthiness",
    "checkworthy",
    "verdict",
    "verdict_label",
    "rating_value",
    "rationale",
    "published_at",
    "updated_at",
    "page_url",
    "article",
    "sources",
    "evidence",
    "corrections",
    "appearances",
]
# Its to_representation answers None for None, which the stubs do not say (hence two ignores).
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


def _correction_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    kind, at, previous, verdict, changes, note = row
    return {
        "kind": kind,
        "corrected_at": _DATETIME.to_representation(at),
        "previous_verdict": previous,
        "verdict": verdict,
        "changes": changes or [],
        "summary": correction_summary(kind, changes, previous, verdict),
        "explanation": note,
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


class SourceSerializer(serializers.ModelSerializer[Source]):
    """A public source. Not shown: fetch state and errors, snapshots, reliability notes."""

    class Meta:
        model = Source
        fields = SOURCE_FIELDS


class LinkedSourceSerializer(serializers.ModelSerializer[ClaimSource]):
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


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    """A passage bearing on the claim. Not shown: the editor's note and who added it."""

    # A declared field named like Field.source, which the stubs type as the source path.
    source = SourceSerializer()  # type: ignore[assignment]

    class Meta:
        model = Evidence
        fields = EVIDENCE_FIELDS


class CorrectionChangeSerializer(serializers.Serializer[dict[str, str]]):
    field = serializers.CharField(help_text="The claim's field that changed.")
    # A declared field named "label": DRF's metaclass takes it off the class, so it does not
    # shadow Field.label at run time; only the stubs see a clash.
    label = serializers.CharField(help_text="The field as readers are told it.")  # type: ignore[assignment]
    before = serializers.CharField()
    after = serializers.CharField()


class AppearanceSerializer(serializers.Serializer[Claim]):
    """Where the checked claim was said again (a repeat an editor confirmed is the same claim)."""

    speaker = serializers.CharField(read_only=True, help_text="Who said it there, if known.")
    url = serializers.CharField(source="article.url", read_only=True)
    title = serializers.CharField(source="article.title", read_only=True)
    outlet = serializers.CharField(source="article.outlet", read_only=True)
    published_on = serializers.DateField(
        source="article.published_on", read_only=True, allow_null=True
    )
    score = serializers.SerializerMethodField(help_text="How closely matching found it (0 to 1).")

    def get_score(self, repeat: Claim) -> float | None:
        score = getattr(repeat, "score", None)
        return None if score is None else round(float(score), 4)


class CorrectionSerializer(serializers.ModelSerializer[ClaimCorrection]):
    """A change to the published fact-check, as readers see it. Not shown: who made it."""

    corrected_at = serializers.DateTimeField(source="published_at", read_only=True)
    changes = CorrectionChangeSerializer(many=True, read_only=True)
    summary = serializers.CharField(read_only=True, help_text="What changed, in words.")
    explanation = serializers.CharField(
        source="note", read_only=True, help_text="Why, in the editors' words."
    )

    class Meta:
        model = ClaimCorrection
        fields = CORRECTION_FIELDS


class ArticleBriefSerializer(serializers.ModelSerializer[Article]):
    class Meta:
        model = Article
        fields = ARTICLE_BRIEF_FIELDS


class ClaimBriefSerializer(serializers.ModelSerializer[Claim]):
    class Meta:
        model = Claim
        fields = ["id", "text", "verdict", "published_at"]

    def to_representation(self, instance: Claim) -> dict[str, Any]:
        return {
            "id": instance.pk,
            "text": instance.text,
            "verdict": instance.verdict,
            "published_at": _DATETIME.to_representation(instance.published_at),  # type: ignore[arg-type]
        }


class NormalizedField(serializers.JSONField):
    """A claim's amounts and dates in the stored shape, as the codec reads the stored value."""

    def to_representation(self, value: object) -> Any:
        return normalized_codec.clean(value)


class ClaimListSerializer(serializers.ListSerializer[list[Claim]]):
    """A page of claims: their sources and evidence are read for the whole page at once."""

    def to_representation(self, data: Any) -> list[dict[str, Any]]:
        claims = list(data.all() if hasattr(data, "all") else data)
        child: ClaimSerializer = self.child  # type: ignore[assignment]
        child.relations = claim_relations([claim.pk for claim in claims], SOURCE_FIELDS)
        return [child.to_representation(claim) for claim in claims]


class ClaimSerializer(serializers.ModelSerializer[Claim]):
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
    updated_at = serializers.SerializerMethodField(
        help_text="When the fact-check last changed for readers: published, or corrected since."
    )
    corrections = CorrectionSerializer(source="public_corrections", many=True, read_only=True)
    appearances = AppearanceSerializer(source="marked_repeats", many=True, read_only=True)

    # Set by ClaimListSerializer for a page; a single claim reads its own.
    relations: ClaimRelations | None = None

    class Meta:
        model = Claim
        fields = CLAIM_FIELDS
        list_serializer_class = ClaimListSerializer

    def get_rating_value(self, claim: Claim) -> int | None:
        return verdict_rating(claim.verdict)

    def get_updated_at(self, claim: Claim) -> str | None:
        stamps = [c.published_at for c in getattr(claim, "public_corrections", [])]
        modified = last_modified_of(claim.published_at, stamps)
        return _DATETIME.to_representation(modified)  # type: ignore[arg-type]

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
        corrections = relations.corrections[claim.pk]
        return {
            "id": claim.pk,
            "text": claim.text,
            "sentence": claim.sentence,
            "start": claim.start,
            "end": claim.end,
            "kind": claim.kind,
            "speaker": claim.speaker,
            "published_text": claim.published_text,
            "claimant": claim.claimant,
            "claimant_kind": claim.claimant_kind,
            "claimed_in": claim.claimed_in,
            "claimed_on": claim.claimed_on.isoformat() if claim.claimed_on else None,
            "normalized": normalized_codec.clean(claim.normalized),
            "checkworthiness": claim.checkworthiness,
            "checkworthy": claim.checkworthy,
            "verdict": claim.verdict,
            "verdict_label": _VERDICT_LABELS.get(claim.verdict, claim.verdict),
            "rating_value": verdict_rating(claim.verdict),
            "rationale": claim.rationale,
            "published_at": _DATETIME.to_representation(claim.published_at),  # type: ignore[arg-type]
            "updated_at": _DATETIME.to_representation(
                last_modified_of(claim.published_at, [row[1] for row in corrections])  # type: ignore[arg-type]
            ),
            "page_url": self.get_page_url(claim),
            "article": _article_dict(claim.article),
            "sources": [_source_dict(row) for row in relations.sources[claim.pk]],
            "evidence": [_evidence_dict(row) for row in relations.evidence[claim.pk]],
            "corrections": [_correction_dict(row) for row in corrections],
            "appearances": [_appearance_dict(row) for row in relations.appearances[claim.pk]],
        }


class ArticleSerializer(serializers.ModelSerializer[Article]):
    """An article with at least one published claim; its text and import state stay private."""

    published_claims_count = serializers.IntegerField(read_only=True)
    claims = ClaimBriefSerializer(
        source="public_claims",
        many=True,
        read_only=True,
        help_text=(
            f"The article's first {ARTICLE_CLAIMS_LISTED} published claims in text order; "
            "claims_url lists them all."
        ),
    )
    claims_url = serializers.SerializerMethodField(
        help_text="The claims list narrowed to this article's published claims."
    )

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
            "claims_url",
        ]

    def get_claims_url(self, article: Article) -> str:
        path = f"{reverse('api:claim-list')}?article={article.pk}"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


def _appearance_dict(row: tuple[Any, ...]) -> dict[str, Any]:
    speaker, url, title, outlet, published_on, score = row
    return {
        "speaker": speaker,
        "url": url,
        "title": title,
        "outlet": outlet,
        "published_on": published_on.isoformat() if published_on else None,
        "score": None if score is None else round(float(score), 4),
    }
