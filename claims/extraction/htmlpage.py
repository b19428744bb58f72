"""Article text and metadata of a saved HTML page.

trafilatura finds the main text and the metadata. Three things it does not do are written here:
- captions: it drops <figcaption> and caption blocks even with `include_images`, so each caption
  is turned into plain paragraphs before it reads the page, and its content rules decide, as for
  any paragraph, whether the caption belongs to the article;
- the headline and the standfirst usually sit outside the block it picks as the main text; they
  are put back when the page shows them (a <title> or description seen only by search engines
  is metadata, not article text), the headline from the <h1> that matches the page's title;
- paragraphs come out separated by blank lines, so later steps can tell a paragraph from a line.
"""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from claims.extraction.errors import NoArticleTextError
from claims.extraction.metadata import page_metadata
from claims.extraction.model import PageMetadata

_CAPTION = re.compile(r"caption", re.I)
# Text for screen readers only ("Image caption", "Media playback is unsupported"): not shown.
_SCREEN_READER = re.compile(
    r"(?:\A|[\s_-])(?:off-?screen|sr-only|visually-?hidden|screen-?reader(?:-text)?|a11y)", re.I
)
_CREDIT_PART = re.compile(r"credit|copyright|byline|photographer|source", re.I)
_MEDIA = ("img", "picture", "video", "iframe", "figure", "svg", "audio", "object", "embed")
_NOT_CAPTION = frozenset(["html", "body", "main", "article", "section", "meta", "link", "img"])
_CAPTION_MAX_CHARS = 1_500
_NOT_TEXT = frozenset(["script", "style", "noscript", "template", "textarea", "button", "select"])
_BLOCK = frozenset(
    ["p", "div", "li", "ul", "ol", "br", "section", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt"]
)
# "Headline | Outlet", "Headline - Outlet" (a colon belongs to the headline: "Kelmar: ...").
_TITLE_SEPARATOR = re.compile(r"\s+[|–—•·-]+\s+|\s+\|\s*|\s*\|\s+")
_FOLD = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "\u00ad": ""}
)
_WORDS = re.compile(r"[^\W_]+")
_SPACES = re.compile(r"\s+")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*\Z")
# A headline is rarely longer; a longer <h1> is a page that misuses the tag.
_HEADLINE_MAX_WORDS = 40
# What the reader is not shown: a pop-up dialog, an element hidden by the page.
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_DIALOG_ROLES = frozenset(["dialog", "alertdialog"])
_HIDDEN_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Page:
    text: str
    metadata: PageMetadata


def _fold(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text).translate(_FOLD)).strip().casefold()


def _squash(text: str) -> str:
    """Folded and without any whitespace: inline tags split and join words unpredictably, so
    text is found in the page's text with no regard to spacing."""
    return _SPACES.sub("", _fold(text))


def _words(text: str) -> list[str]:
    return _WORDS.findall(_fold(text))


def _attrs(element: Any) -> str:
    return " ".join(
        filter(None, (element.get("class"), element.get("id"), element.get("itemprop")))
    )


def _text_lines(element: Any) -> list[str]:
    """The element's visible text, one line per block inside it; credits on lines of their own."""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(node: Any) -> None:
        if not isinstance(node.tag, str) or node.tag in _NOT_TEXT:
            return
        if _SCREEN_READER.search(node.get("class") or ""):
            return
        separate = node.tag in _BLOCK or bool(_CREDIT_PART.search(_attrs(node)))
        if separate:
            flush()
        current.append(node.text or "")
        for child in node:
            walk(child)
            current.append(child.tail or "")
        if separate:
            flush()

    walk(element)
    flush()
    return lines


def _drop_hidden(tree: Any) -> None:
    """Remove what the page does not show: pop-up dialogs and hidden elements. A page may hide
    all of itself until a script shows it: an element that holds most of the page's text
    stays."""
    body = tree.find(".//body")
    most = _HIDDEN_SHARE * len((body if body is not None else tree).text_content())
    hidden = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "head"):
            continue
        role = (element.get("role") or "").lower()
        if (
            element.get("hidden") is not None
            or role in _DIALOG_ROLES
            or element.get("aria-modal") == "true"
            or _HIDDEN_STYLE.search(element.get("style") or "")
        ):
            hidden.append(element)
    for element in hidden:
        parent = element.getparent()
        if parent is None or any(a in hidden for a in element.iterancestors()):
            continue
        if len(element.text_content()) < most:
            element.drop_tree()


def _join_drop_caps(tree: Any) -> None:
    """A drop cap printed apart from its paragraph ("<span>T</span><p>he harbour ...") goes
    back into it, so the first word is whole."""
    for paragraph in tree.iter("p"):
        previous = paragraph.getprevious()
        if previous is None or (previous.tail or "").strip() or len(previous):
            continue
        letter = (previous.text or "").strip()
        if len(letter) == 1 and letter.isupper() and paragraph.text_content()[:1].islower():
            paragraph.text = letter + (paragraph.text or "")
            previous.drop_tree()


def _captions_as_paragraphs(tree: Any) -> list[str]:
    """Each caption replaced by plain paragraphs of its text; the lines of all, in order."""
    from lxml import html

    captions = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag != "figcaption" and not _CAPTION.search(_attrs(element)):
            continue
        # A caption block that holds the picture is a figure: its caption is inside. A page
        # whose <body> or article has "caption" in its class is no caption either.
        if element.tag in _NOT_CAPTION or any(element.find(f".//{t}") is not None for t in _MEDIA):
            continue
        if len(element.text_content()) > _CAPTION_MAX_CHARS:
            continue
        captions.append(element)
    chosen = set(captions)
    found: list[str] = []
    for element in captions:
        if any(parent in chosen for parent in element.iterancestors()):
            continue
        parent = element.getparent()
        if parent is None:
            continue
        block = html.Element("div")
        for line in _text_lines(element):
            paragraph = html.Element("p")
            paragraph.text = line
            block.append(paragraph)
            found.append(line)
        block.tail = element.tail
        parent.replace(element, block)
    return found


def _visible_text(tree: Any) -> str:
    body = tree.find(".//body")
    root = body if body is not None else tree
    parts = root.xpath(
        ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
        " or ancestor::template or ancestor::textarea)]"
    )
    return _squash("".join(parts))


def _body_blocks(body: Any) -> list[str]:
    """The paragraphs (and lists, tables, quotations) of trafilatura's main text."""
    import trafilatura.xml

    # Pictures were kept only for their captions; their markup is no text.
    for graphic in list(body.iter("graphic")):
        parent = graphic.getparent()
        if parent is None:
            continue
        if graphic.tail:
            previous = graphic.getprevious()
            if previous is not None:
                previous.tail = (previous.tail or "") + graphic.tail
            else:
                parent.text = (parent.text or "") + graphic.tail
        parent.remove(graphic)
    # One block per element of the body (a list keeps its items on consecutive lines), so
    # that a blank line between blocks marks the paragraphs.
    blocks = []
    for element in body:
        text = trafilatura.xml.xmltotxt(element, include_formatting=False)
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if lines:
            blocks.append("\n".join(lines))
    return blocks


def _title_parts(title: str | None, site_name: str | None) -> list[str]:
    """The <title> cut at its separators, without the outlet's name: "Headline | Outlet"."""
    if not title:
        return []
    site = _fold(site_name or "")
    parts = [p.strip() for p in _TITLE_SEPARATOR.split(title) if p.strip()]
    kept = [p for p in parts if not site or (_fold(p) not in site and site not in _fold(p))]
    return sorted(kept or parts, key=len, reverse=True)


def _headline(tree: Any, title: str | None, site_name: str | None) -> str | None:
    """The <h1> that matches the page's title best; the title itself when no <h1> does."""
    parts = _title_parts(title, site_name)
    title_words = set(_words(title or ""))
    best: tuple[float, str] | None = None
    first_long: str | None = None
    for element in tree.iter("h1"):
        text = " ".join(_text_lines(element))
        words = _words(text)
        if not words or len(words) > _HEADLINE_MAX_WORDS:
            continue
        if first_long is None and len(words) >= 3:
            first_long = text
        # Dice's coefficient: an <h1> that holds the whole title, or the title the whole <h1>.
        shared = len(set(words) & title_words)
        score = 2 * shared / (len(set(words)) + len(title_words))
        if shared >= 2 and score >= 0.6 and (best is None or score > best[0]):
            best = (score, text)
    if best is not None:
        # A kicker inside the <h1> ("Local News | Headline") goes when the title lacks it.
        folded_parts = {_fold(p) for p in parts}
        for piece in _TITLE_SEPARATOR.split(best[1]):
            if _fold(piece) in folded_parts and len(_words(piece)) >= 3:
                return piece.strip()
        return best[1]
    # A one-word <title> is a CMS placeholder or the outlet's name, never the headline.
    if parts and len(_words(parts[0])) >= 3:
        return parts[0]
    return first_long


def _is_kicker_and(block: str, folded_headline: str) -> bool:
    """Whether the block is the headline after a short kicker: "Update | Headline"."""
    pieces = _TITLE_SEPARATOR.split(block, maxsplit=1)
    return (
        len(pieces) == 2 and len(_words(pieces[0])) <= 3 and _squash(pieces[1]) == folded_headline
    )


def _lead(
    visible: str,
    blocks: list[str],
    headline: str | None,
    description: str | None,
    captions: list[str],
) -> list[str]:
    """What the page shows above the body that trafilatura left out: the headline, then the
    standfirst and the lead picture's captions in page order.

    A description that only opens the first paragraph is that paragraph, not a standfirst; a
    caption counts only between the headline and the body, where a lead picture stands.
    """
    folded_headline = _squash(headline or "")
    in_body = {_squash(b) for b in blocks}
    body_text = "\n".join(in_body)
    text_blocks = [b for b in blocks if _squash(b) != folded_headline]
    start = visible.find(_squash(text_blocks[0])[:80]) if text_blocks else -1
    top = visible.find(folded_headline) if headline else -1
    lead: list[tuple[int, str]] = []
    if description:
        folded = _squash(_ELLIPSIS.sub("", description))
        where = visible.find(folded)
        # A description cut short ("... in …") that the body prints in full is no standfirst.
        cut_short = bool(_ELLIPSIS.search(description)) and folded in body_text
        shown = len(folded) >= 20 and folded not in in_body and where != -1
        shown = shown and not cut_short and folded != folded_headline
        if shown and (start == -1 or where < start):
            lead.append((where, _SPACES.sub(" ", description).strip()))
    for caption in captions:
        folded = _squash(caption)
        if folded in in_body or start == -1:
            continue
        where = visible.find(folded, max(top, 0))
        if where != -1 and where < start and all(folded != _squash(t) for _, t in lead):
            lead.append((where, caption))
    lead.sort(key=lambda item: item[0])
    texts = [text for _, text in lead]
    if headline and top != -1:
        texts.insert(0, headline)
    return texts


def read_page(html: str) -> Page:
    """The article text (headline, standfirst, body, captions) and metadata of an HTML page."""
    # trafilatura costs ~0.3 s to import, so plain-text callers never pay for it.
    import trafilatura

    tree = trafilatura.load_html(html)
    if tree is None:
        raise NoArticleTextError("no article text found in the HTML page")
    _drop_hidden(tree)
    _join_drop_caps(tree)
    captions = _captions_as_paragraphs(tree)
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_images=True,  # keeps <figure>, where the captions are
        include_tables=False,
        include_comments=False,
        deduplicate=False,
    )
    body = getattr(document, "body", None)
    blocks = _body_blocks(body) if body is not None else []
    if not blocks:
        raise NoArticleTextError("no article text found in the HTML page")
    headline = _headline(
        tree, getattr(document, "title", None), getattr(document, "sitename", None)
    )
    if headline:
        # The headline goes first even when trafilatura kept a kicker or a caption above it;
        # a page that prints it again (above the body, or with a kicker: "Update | Headline")
        # shows it once.
        folded = _squash(headline)
        blocks = [
            block
            for i, block in enumerate(blocks)
            if _squash(block) != folded and not (i < 5 and _is_kicker_and(block, folded))
        ]
        if not blocks:
            raise NoArticleTextError("no article text found in the HTML page")
    lead = _lead(
        _visible_text(tree), blocks, headline, getattr(document, "description", None), captions
    )
    metadata = page_metadata(document, tree, title=headline, bylines=blocks, html=html)
    return Page("\n\n".join(lead + blocks), metadata)
