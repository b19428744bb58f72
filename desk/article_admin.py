"""Admin for articles: importing, extraction progress, the highlighted text and its claims.

The claims desk (list, claim page, workflow) is in desk/claim_admin.py.
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

from claims import selectors, services
from claims.locks import ARTICLE_PUBLIC_FIELDS, article_public_claims
from claims.models import Article, Claim
from claims.workflow import TransitionError
from desk import rendering
from desk.deletion import BoundedDeleteMixin
from desk.forms import ArticleImportForm
from desk.live import LiveState, article_state, article_state_by_id
from desk.live_views import LiveStatusMixin
from desk.refusals import RefusedSaveMixin, read_only_while_public
from desk.sections import ArticleSections, article_sections
from jobs.queueing import queue_report, queued_later_notice, warn_if_not_queued


@admin.register(Article)
class ArticleAdmin(
    BoundedDeleteMixin, LiveStatusMixin, RefusedSaveMixin, admin.ModelAdmin[Article]
):
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
        "content_hash",
        "created_by",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "url",
        "extraction_summary",
        "matching_summary",
        "content_hash",
        "created_by",
        "created_at",
        "updated_at",
    ]
    actions = ["extract_again"]
    change_form_template = "admin/claims/article/change_form.html"
    # While a worker fetches, extracts or matches, the page swaps these parts in as they change.
    live_state_for = staticmethod(article_state_by_id)
    live_regions = ".field-extraction_summary, .field-matching_summary, #text-and-claims"

    def live_state_of(self, obj: Article) -> LiveState:
        return article_state(obj)  # the page's article has its state loaded already

    def get_readonly_fields(self, request: HttpRequest, obj: Article | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        # Readers see it through a published fact-check: it changes only by unpublishing.
        if obj is not None:
            locked = read_only_while_public(
                obj, ARTICLE_PUBLIC_FIELDS, lambda pk: article_public_claims([pk])
            )
            fields += [name for name in locked if name not in fields]
        return fields

    def save_model(self, request: HttpRequest, obj: Article, form: Any, change: bool) -> None:
        # (New articles come through the import form and the ingest service, never here.)
        try:
            services.article_update(article=obj, by=request.user)
        except TransitionError as exc:
            self.save_refused(request, exc)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        return selectors.articles_with_claim_counts()

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, article: Article) -> int:
        return int(getattr(article, "claim_count", 0))

    @admin.display(description="extraction")
    def extraction_summary(self, article: Article) -> str:
        return rendering.extraction_summary(article)

    @admin.display(description="checked before? (matching)")
    def matching_summary(self, article: Article) -> str:
        return rendering.matching_summary(article)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context = {"highlight_css": rendering.HIGHLIGHT_CSS, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Article | None = None,
    ) -> HttpResponse:
        if change and obj is not None:
            context["section"] = self._section(request, obj)
            context.update(self.live_context(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _section(self, request: HttpRequest, article: Article) -> dict[str, Any]:
        """One section of the text with its claims highlighted and listed, and the way around.

        Only the section's characters and claims are loaded; the rest of the article is known
        by its length and its claims' spans, which place the section cuts.
        """
        spans = selectors.article_claim_spans(article_id=article.pk)
        length = selectors.article_text_length(article_id=article.pk)
        sections = article_sections(length, spans)
        index = _requested_section(request, article, sections)
        low, high = sections.window(index)
        window = selectors.article_text_slice(article_id=article.pk, start=low, end=high)
        start = sections.refined_cut(index, window, low)
        last = index + 1 >= len(sections.cuts) - 1
        end = length if last else sections.refined_cut(index + 1, window, low)
        claims = list(selectors.article_section_claims(article=article, start=start, end=end))

        def claim_url(claim: Claim) -> str:
            return reverse("admin:claims_claim_change", args=[claim.pk])

        def section_url(number: int) -> str:
            query = request.GET.copy()
            query.pop("claim", None)
            query["section"] = str(number)
            return f"?{query.urlencode()}"

        number, count = index + 1, sections.count
        nearby = sorted({1, count, *range(max(number - 3, 1), min(number + 3, count) + 1)})
        changelist = reverse("admin:claims_claim_changelist")
        return {
            "number": number,
            "count": count,
            "first_char": start + 1 if end > start else 0,
            "last_char": end,
            "length": length,
            "claim_count": len(claims),
            "total_claims": getattr(article, "claim_count", len(sections.starts)),
            "text": rendering.highlighted_text(
                window[start - low : end - low], claims, claim_url, start
            ),
            "previous_url": section_url(number - 1) if number > 1 else "",
            "next_url": section_url(number + 1) if number < count else "",
            "pages": [
                (n, section_url(n), n == number, n - before > 1)
                for before, n in zip([0, *nearby], nearby, strict=False)
            ],
            "all_claims_url": f"{changelist}?article__id__exact={article.pk}",
            "rows": [
                {"claim": c, "url": claim_url(c), "checked_before": rendering.repeat_summary(c)}
                for c in claims
            ],
        }

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
                    upload: UploadedFile[bytes] | None = data["upload"]
                    if upload is not None:  # the service's rule, before the file is read
                        services.article_upload_check(size=upload.size or 0)
                    raw = upload.read() if upload is not None else data["text"]
                    result = services.article_ingest(
                        raw_input=raw, url=data["original_url"], **fields
                    )
        except services.ArticleURLTakenError as exc:
            form.add_error(
                "original_url",
                f"Article #{exc.article.pk} ('{str(exc.article)[:80]}') has this URL already:"
                " one URL belongs to one article.",
            )
            return None
        except (services.ArticleInputError, FetchError) as exc:
            form.add_error(None, f"This article cannot be imported: {exc}")
            return None
        article = result.article
        if not result.created:
            notice = f"This article was imported before: '{article}'."
            if data["original_url"] and data["original_url"] != article.url:
                notice += (
                    f" It keeps its URL ({article.url or 'none'}); the one given was not stored."
                )
            self.message_user(request, notice, messages.WARNING)
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


def _requested_section(request: HttpRequest, article: Article, sections: ArticleSections) -> int:
    """The section asked for: the one holding `?claim=<pk>`, else `?section=<n>`, else the first."""
    claim_id = _small_number(request.GET.get("claim", ""))
    if claim_id is not None:
        start = selectors.article_claim_start(article_id=article.pk, claim_id=claim_id)
        if start is not None:
            return sections.index_of(start)
    number = _small_number(request.GET.get("section", ""))
    return min(max(number or 1, 1), sections.count) - 1


def _small_number(value: str) -> int | None:
    """A query parameter as a number, if it is one that fits a database integer."""
    if value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    return None
