"""Admin for articles: importing, extraction progress, the highlighted text and its claims.

The claims desk (list, claim page, workflow) is in claims/admin_desk.py.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from claims import desk, selectors, services
from claims.forms import ArticleImportForm
from claims.models import Article, Claim
from jobs.queueing import queue_report, queued_later_notice, warn_if_not_queued


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ["text", "kind", "checkworthiness", "speaker", "status", "verdict", "checked_before"]
    readonly_fields = fields
    ordering = ["start", "end"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Claim]:
        return selectors.claims_with_repeats()

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description="checked before?")
    def checked_before(self, claim: Claim) -> str:
        return desk.repeat_summary(claim)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "outlet",
        "published_on",
        "extraction_status",
        "claim_count",
        "created_at",
    ]
    list_filter = ["extraction_status", "outlet", "language"]
    search_fields = ["title", "url", "outlet", "author"]
    date_hierarchy = "created_at"
    fields = [
        "title",
        "url",
        "outlet",
        "author",
        "published_on",
        "language",
        "extraction_summary",
        "matching_summary",
        "highlighted_text",
        "content_hash",
        "created_by",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "url",
        "extraction_summary",
        "matching_summary",
        "highlighted_text",
        "content_hash",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [ClaimInline]
    actions = ["extract_again"]
    change_form_template = "admin/claims/article/change_form.html"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return selectors.articles_with_claim_counts()

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, article: Article) -> int:
        return int(getattr(article, "claim_count", 0))

    @admin.display(description="extraction")
    def extraction_summary(self, article: Article) -> str:
        return desk.extraction_summary(article)

    @admin.display(description="checked before? (matching)")
    def matching_summary(self, article: Article) -> str:
        return desk.matching_summary(article)

    @admin.display(description="text and claims")
    def highlighted_text(self, article: Article) -> str:
        claims = list(selectors.article_claims(article=article))
        return desk.highlighted_text(
            article.clean_text,
            claims,
            lambda claim: reverse("admin:claims_claim_change", args=[claim.pk]),
        )

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context = {"highlight_css": desk.HIGHLIGHT_CSS, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    @admin.action(description="Extract claims again (keeps claims editors worked on)")
    def extract_again(self, request: HttpRequest, queryset: QuerySet[Article]) -> None:
        with queue_report() as not_queued:
            queued = sum(services.article_extraction_queue(article=a) for a in queryset)
        skipped = queryset.count() - queued
        self.message_user(request, f"Queued {queued} article(s) for extraction.")
        warn_if_not_queued(request, not_queued, "Extraction")
        if skipped:
            self.message_user(
                request, f"{skipped} article(s) are being extracted already.", messages.WARNING
            )

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """Import through the ingestion service instead of a bare model form."""
        if not self.has_add_permission(request):
            return self.changeform_view(request, None, form_url, extra_context)
        bound = request.method == "POST"
        form = ArticleImportForm(request.POST if bound else None, request.FILES if bound else None)
        if bound and form.is_valid():
            response = self._import(request, form)
            if response is not None:
                return response
        context = {
            **self.admin_site.each_context(request),
            "title": "Import an article",
            "form": form,
            "opts": self.model._meta,
            "max_chars": settings.FACTCHECK_MAX_ARTICLE_CHARS,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/claims/article/import.html", context)

    def _import(self, request: HttpRequest, form: ArticleImportForm) -> HttpResponse | None:
        from fetching import FetchError

        data = form.cleaned_data
        fields = {
            "title": data["title"],
            "outlet": data["outlet"],
            "author": data["author"],
            "published_on": data["published_on"],
            "created_by": request.user,
        }
        try:
            with queue_report() as not_queued:
                if data["url"]:
                    result = services.article_import_url(url=data["url"], **fields)
                else:
                    upload: UploadedFile | None = data["upload"]
                    if (
                        upload is not None
                        and (upload.size or 0) > 4 * settings.FACTCHECK_MAX_ARTICLE_CHARS
                    ):
                        raise services.ArticleInputError(
                            f"the file is {upload.size:,} bytes; too large"
                        )
                    raw = upload.read() if upload is not None else data["text"]
                    result = services.article_ingest(raw_input=raw, **fields)
        except (services.ArticleInputError, FetchError) as exc:
            form.add_error(None, f"This article cannot be imported: {exc}")
            return None
        article = result.article
        if not result.created:
            self.message_user(
                request, f"This article was imported before: '{article}'.", messages.WARNING
            )
        elif not_queued:
            step = "the fetch of its page" if data["url"] else "its extraction"
            notice = queued_later_notice(not_queued, f"Imported '{article}', but {step}")
            self.message_user(request, notice, messages.WARNING)
        elif data["url"]:
            self.message_user(
                request, f"Importing {article.url}: a worker fetches the page, then its claims."
            )
        else:
            self.message_user(request, f"Imported '{article}'. Claims are being extracted.")
        return HttpResponseRedirect(reverse("admin:claims_article_change", args=[article.pk]))


# Registers the claims desk: the claim list, the claim page and its workflow.
from claims import admin_desk  # noqa: E402, F401
