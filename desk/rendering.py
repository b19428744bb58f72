"""Server-side rendering for the editorial desk: highlighted article text, claim context.

Everything here builds HTML with format_html/escape only, so article text is always shown as
text, whatever it contains.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from claims import normalized_codec, selectors
from claims.models import Article, Claim, ClaimCorrection
from desk.retries import retry_line
from desk.sections import SENTENCE_END


def _amount(quantity: normalized_codec.StoredQuantity) -> str:
    """ "12", "5 to 10", "at least 1000", "at most 50", or "" when nothing was normalized."""
    value, low, high = quantity.value, quantity.low, quantity.high
    if value is not None:
        return str(value)
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f"at least {low}"
    if high is not None:
        return f"at most {high}"
    return ""


def normalized_summary(normalized: object) -> str:
    """The claim's normalized numbers and dates as one readable line (no empty values shown)."""
    values = normalized_codec.decode(normalized)
    parts: list[str] = []
    for quantity in values.quantities:
        text, amount, unit = quantity.text, _amount(quantity), quantity.unit or ""
        parts.append(f"{text} = {amount} {unit}".strip() if amount else f"{text} (no value)")
    for mention in values.dates:
        text, value = mention.text, mention.value
        parts.append(f"{text} = {value}" if value else f"{text} (date not resolved)")
    return "; ".join(parts)


def extraction_summary(article: Article) -> str:
    """Where the article's text and claims stand, in one line an editor can act on."""
    status = article.get_extraction_status_display()
    waiting = f" ({article.extraction_error})" if article.extraction_error else ""
    if article.extraction_status == Article.ExtractionStatus.FAILED:
        return f"{status}: {article.extraction_error}"
    if article.extraction_status == Article.ExtractionStatus.SUCCEEDED:
        count = getattr(article, "claim_count", None)  # annotated by the article selectors
        count = article.claims.count() if count is None else count
        found = f"{count:,} claim(s) found" if count else "no claims found"
        at = f" at {article.extracted_at:%Y-%m-%d %H:%M}" if article.extracted_at else ""
        return f"{status}{at}: {found}"
    if article.extraction_status == Article.ExtractionStatus.FETCHING:
        retry = retry_line(
            attempts=article.page_fetch_attempts,
            error=article.extraction_error,
            next_attempt_at=article.page_fetch_retry_at,
        )
        if retry:
            return f"{status} {article.url}. {retry}"
        return f"{status} {article.url}: a worker fetches it, then extracts its claims{waiting}"
    if (
        article.extraction_status == Article.ExtractionStatus.RUNNING
        and article.extraction_state_at
    ):
        # A large article takes a worker a minute or more: say since when, so it reads as work.
        since = timezone.localtime(article.extraction_state_at)
        return f"{status} since {since:%H:%M:%S}: a worker is extracting the claims{waiting}"
    return f"{status}: a worker will extract the claims shortly; they appear here{waiting}"


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
    text: str, claims: Sequence[Claim], claim_url: Callable[[Claim], str], offset: int = 0
) -> SafeString:
    """The text with every claim marked where it stands; overlapping claims nest per segment.

    `text` may be a section of the article starting at `offset`: claims are placed by their
    article offsets and clipped to it. The text is cut at every claim boundary. Each piece is
    wrapped in one <mark> per claim that covers it (longest outermost) and the innermost claim
    is a link, so overlaps never produce crossed tags or nested links. A claim's first piece
    carries its anchor, `id="claim-<pk>"`.
    """
    spans = sorted(
        (
            (max(c.start - offset, 0), min(c.end - offset, len(text)), c)
            for c in claims
            if 0 <= c.start < c.end and c.start - offset < len(text) and c.end - offset > 0
        ),
        key=lambda span: (span[0], -(span[1] - span[0]), span[2].pk),
    )
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    pieces: list[str] = []
    active: list[tuple[int, int, Claim]] = []
    upcoming = iter(spans)
    following = next(upcoming, None)
    for left, right in itertools.pairwise(cuts):
        # Every span starts and ends at a cut, so those open at `left` cover the whole piece.
        while following is not None and following[0] <= left:
            active.append(following)
            following = next(upcoming, None)
        active = [span for span in active if span[1] > left]
        covering = sorted(active, key=lambda span: (-(span[1] - span[0]), span[0], span[2].pk))
        piece = escape(text[left:right])
        if not covering:
            pieces.append(piece)
            continue
        inner_start, _, inner = covering[-1]
        html = format_html(
            '<a class="{}" href="{}" data-claim="{}" data-tip="{}" title="{}"{}>{}</a>',
            claim_css_class(inner),
            claim_url(inner),
            inner.pk,
            claim_tip(inner),
            claim_tip(inner),
            _anchor(inner, inner_start == left),
            piece,
        )
        for outer_start, _, outer in reversed(covering[:-1]):
            html = format_html(
                '<mark class="{}" data-claim="{}" title="{}"{}>{}</mark>',
                claim_css_class(outer),
                outer.pk,
                claim_tip(outer),
                _anchor(outer, outer_start == left),
                html,
            )
        pieces.append(html)
    # Safe: every piece was escaped or built by format_html above.
    return format_html('<div class="article-text">{}</div>', mark_safe("".join(pieces)))


def _anchor(claim: Claim, first_piece: bool) -> SafeString:
    return format_html(' id="claim-{}"', claim.pk) if first_piece else SafeString("")


def sentence_context(claim: Claim, text: str, offset: int = 0) -> SafeString:
    """The claim's sentence with the sentences before and after it, the claim emphasised.

    `text` may be a window of the article starting at `offset`. Sentences are looked for only
    near the claim, so a text without sentence ends never shows more than a few thousand
    characters around it.
    """
    start, end = claim.start - offset, claim.end - offset
    if not (0 <= start < end <= len(text)):
        return format_html("<p>{}</p>", claim.sentence)
    low, high = max(start - CONTEXT_CHARS, 0), min(end + CONTEXT_CHARS, len(text))
    ends = [m.end() for m in SENTENCE_END.finditer(text, low, high)]
    before = [e for e in ends if e <= start]
    after = [e for e in ends if e >= end]
    first = before[-2] if len(before) >= 2 else low
    last = after[1] if len(after) >= 2 else high
    return format_html(
        '<p class="claim-context">{}<strong class="{}">{}</strong>{}</p>',
        text[first:start],
        claim_css_class(claim),
        text[start:end],
        text[end:last],
    )


CONTEXT_CHARS = 3_000
"""How far around a claim its page looks for the sentences before and after it."""


def claim_context(claim: Claim) -> SafeString:
    """The claim in its sentences, reading only the text around it, not the whole article."""
    low = max(claim.start - CONTEXT_CHARS, 0)
    window = selectors.article_text_slice(
        article_id=claim.article_id, start=low, end=claim.end + CONTEXT_CHARS
    )
    return sentence_context(claim, window, low)


def article_claim_url(claim: Claim) -> str:
    """The article page at the section that holds the claim, scrolled to it."""
    url = reverse("admin:claims_article_change", args=[claim.article_id])
    return f"{url}?claim={claim.pk}#claim-{claim.pk}"


def corrections_html(claim: Claim) -> SafeString:
    """The claim's corrections, oldest first: what changed, why, who proposed and published."""
    corrections = list(
        claim.corrections.filter(state=ClaimCorrection.State.PUBLISHED).select_related(
            "created_by", "published_by"
        )
    )
    if not corrections:
        return format_html("<em>{}</em>", "none")
    return format_html(
        "<ul>{}</ul>",
        format_html_join(
            "",
            "<li>{} {}: {} {} (by {}, published by {})</li>",
            (
                (
                    f"{c.published_at or c.created_at:%Y-%m-%d %H:%M}",
                    c.get_kind_display(),
                    as_sentence(c.summary()),
                    c.note or "no note",
                    c.created_by or "someone",
                    c.published_by or "someone",
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
