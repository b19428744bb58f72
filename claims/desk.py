"""Server-side rendering for the editorial desk: highlighted article text, claim context.

Everything here builds HTML with format_html/escape only, so article text is always shown as
text, whatever it contains.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any

from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from claims.models import Article, Claim

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)]*\s+|\n+")


def normalized_summary(normalized: dict[str, Any] | None) -> str:
    """The claim's normalized numbers and dates as one readable line."""
    parts: list[str] = []
    for quantity in (normalized or {}).get("quantities", []):
        value = quantity.get("value")
        if value is None and quantity.get("low") is not None:
            value = f"{quantity.get('low')} to {quantity.get('high')}"
        unit = quantity.get("unit") or ""
        parts.append(f"{quantity.get('text', '')} = {value} {unit}".strip())
    parts.extend(
        f"{d.get('text', '')} = {d.get('value')}" for d in (normalized or {}).get("dates", [])
    )
    return "; ".join(parts)


def extraction_summary(article: Article) -> str:
    """Where the article's text and claims stand, in one line an editor can act on."""
    status = article.get_extraction_status_display()
    waiting = f" ({article.extraction_error})" if article.extraction_error else ""
    if article.extraction_status == Article.ExtractionStatus.FAILED:
        return f"{status}: {article.extraction_error}"
    if article.extraction_status == Article.ExtractionStatus.SUCCEEDED:
        count = article.claims.count()
        found = f"{count} claim(s) found" if count else "no claims found"
        at = f" at {article.extracted_at:%Y-%m-%d %H:%M}" if article.extracted_at else ""
        return f"{status}{at}: {found}"
    if article.extraction_status == Article.ExtractionStatus.FETCHING:
        return f"{status} {article.url}: a worker fetches it, then extracts its claims{waiting}"
    return f"{status}: a worker will extract the claims shortly (reload to see them){waiting}"


def matching_summary(article: Article) -> str:
    """How far matching the article's claims against earlier ones has come."""
    status = article.get_matching_status_display()
    progress = f"{article.matching_done:,} of {article.matching_total:,} claims"
    if article.matching_status == Article.MatchingStatus.SUCCEEDED:
        at = f" at {article.matching_state_at:%Y-%m-%d %H:%M}" if article.matching_state_at else ""
        return f"{status}{at}: {article.matching_total:,} claims"
    if article.matching_status == Article.MatchingStatus.FAILED:
        return f"{status} after {progress}: {article.matching_error}"
    if article.matching_status in (Article.MatchingStatus.QUEUED, Article.MatchingStatus.RUNNING):
        waiting = f" ({article.matching_error})" if article.matching_error else ""
        return f"{status}: {progress} matched so far{waiting}"
    return status


def claim_tip(claim: Claim) -> str:
    """What hovering or focusing a highlighted claim tells: kind, state, normalized values."""
    state = claim.get_verdict_display() if claim.verdict else claim.get_status_display()
    parts = [claim.get_kind_display(), state, normalized_summary(claim.normalized)]
    if claim.duplicate_of is not None:
        parts.append(f"repeats #{claim.duplicate_of.pk}: {checked_label(claim.duplicate_of)}")
    return " · ".join(part for part in parts if part)


def claim_css_class(claim: Claim) -> str:
    return f"hl verdict-{claim.verdict}" if claim.verdict else f"hl status-{claim.status}"


def highlighted_text(
    text: str, claims: Sequence[Claim], claim_url: Callable[[Claim], str]
) -> SafeString:
    """The text with every claim marked where it stands; overlapping claims nest per segment.

    The text is cut at every claim boundary. Each piece is wrapped in one <mark> per claim that
    covers it (longest outermost) and the innermost claim is a link, so overlaps never produce
    crossed tags or nested links.
    """
    spans = [c for c in claims if 0 <= c.start < c.end <= len(text)]
    cuts = sorted({0, len(text), *(c.start for c in spans), *(c.end for c in spans)})
    pieces: list[str] = []
    for left, right in itertools.pairwise(cuts):
        covering = sorted(
            (c for c in spans if c.start <= left and right <= c.end),
            key=lambda c: (-(c.end - c.start), c.start, c.pk),
        )
        piece = escape(text[left:right])
        if not covering:
            pieces.append(piece)
            continue
        inner = covering[-1]
        html = format_html(
            '<a class="{}" href="{}" data-claim="{}" data-tip="{}" title="{}">{}</a>',
            claim_css_class(inner),
            claim_url(inner),
            inner.pk,
            claim_tip(inner),
            claim_tip(inner),
            piece,
        )
        for outer in reversed(covering[:-1]):
            html = format_html(
                '<mark class="{}" data-claim="{}" title="{}">{}</mark>',
                claim_css_class(outer),
                outer.pk,
                claim_tip(outer),
                html,
            )
        pieces.append(html)
    # Safe: every piece was escaped or built by format_html above.
    return format_html('<div class="article-text">{}</div>', mark_safe("".join(pieces)))


def sentence_context(claim: Claim, text: str) -> SafeString:
    """The claim's sentence with the sentences before and after it, the claim emphasised."""
    if not (0 <= claim.start < claim.end <= len(text)):
        return format_html("<p>{}</p>", claim.sentence)
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    before = [e for e in ends if e <= claim.start]
    after = [e for e in ends if e >= claim.end]
    start = before[-2] if len(before) >= 2 else 0
    end = after[1] if len(after) >= 2 else len(text)
    return format_html(
        '<p class="claim-context">{}<strong class="{}">{}</strong>{}</p>',
        text[start : claim.start],
        claim_css_class(claim),
        text[claim.start : claim.end],
        text[claim.end : end],
    )


def corrections_html(claim: Claim) -> SafeString:
    """The claim's corrections, oldest first."""
    corrections = list(claim.corrections.select_related("created_by"))
    if not corrections:
        return format_html("<em>{}</em>", "none")
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{} {}: {} ({} → {}) by {}</li>",
            (
                (
                    f"{c.created_at:%Y-%m-%d %H:%M}",
                    c.get_kind_display(),
                    c.note or "no note",
                    c.get_previous_verdict_display() or "-",
                    c.get_verdict_display() or "-",
                    c.created_by or "someone",
                )
                for c in corrections
            ),
        ),
    )


def as_sentence(message: str) -> str:
    """A service's message as a sentence for the admin's message bar."""
    return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")


def checked_label(claim: Claim) -> str:
    """Where an earlier claim stands, in the desk's words: "checked on 12 March 2026: false"."""
    if claim.status == Claim.Status.PUBLISHED and claim.published_at:
        return f"checked on {claim.published_at:%-d %B %Y}: {claim.get_verdict_display().lower()}"
    if claim.status == Claim.Status.REVIEWED and claim.ruled_at:
        verdict = claim.get_verdict_display().lower()
        return f"ruled {verdict} on {claim.ruled_at:%-d %B %Y}, not published"
    if claim.status == Claim.Status.DISMISSED:
        return f"dismissed ({claim.get_dismissal_reason_display().lower()})"
    if claim.status == Claim.Status.IN_REVIEW:
        return "in review"
    return "not checked yet"


def _claim_link(claim: Claim) -> SafeString:
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    return format_html('<a href="{}">#{}</a>', url, claim.pk)


def repeat_summary(claim: Claim) -> SafeString:
    """For the article's claim list: the earlier claim this one repeats, and how it was checked.

    Reads `duplicate_of` and the `suggested_matches` prefetched by selectors.article_claims.
    """
    if claim.duplicate_of is not None:
        root = claim.duplicate_of
        how = "auto" if claim.duplicate_link == Claim.DuplicateLink.AUTO else "marked"
        return format_html("duplicate of {} ({}): {}", _claim_link(root), how, checked_label(root))
    suggested = getattr(claim, "suggested_matches", None) or []
    if not suggested:
        return SafeString("")
    best = suggested[0]
    checked = best.earlier.duplicate_of or best.earlier
    return format_html(
        "like {} (score {}): {}",
        _claim_link(best.earlier),
        f"{best.score:.2f}",
        checked_label(checked),
    )


HIGHLIGHT_CSS = """
.article-text { white-space: pre-wrap; line-height: 1.7; max-width: 60em; font-size: 14px; }
.article-text .hl, .claim-context .hl { border-radius: 3px; padding: 0 1px; color: inherit;
  text-decoration: none; position: relative; }
.article-text mark.hl { padding: 2px 0; }
.hl.status-new { background: #fff3b0; } .hl.status-in_review { background: #ffd8a8; }
.hl.status-reviewed { background: #d0ebff; } .hl.status-published { background: #d3f9d8; }
.hl.status-dismissed { background: #e9ecef; text-decoration: line-through; }
.hl.verdict-true, .hl.verdict-mostly_true { background: #b2f2bb; }
.hl.verdict-half_true, .hl.verdict-misleading { background: #ffec99; }
.hl.verdict-mostly_false, .hl.verdict-false { background: #ffc9c9; }
.hl.verdict-unverifiable { background: #dee2e6; }
.article-text a.hl:hover, .article-text a.hl:focus { outline: 2px solid #1c7ed6; }
.article-text a.hl:hover::after, .article-text a.hl:focus::after { content: attr(data-tip);
  position: absolute; left: 0; top: 1.6em; z-index: 10; background: #212529; color: #fff;
  padding: 3px 6px; border-radius: 3px; white-space: nowrap; font-size: 12px; }
"""
