"""Page metadata (title, author, outlet, date, canonical URL, language) of an HTML page.

trafilatura (with htmldate for the date) reads the fields from meta tags, JSON-LD and bylines;
this module only cleans what it returns: author fields often carry a date or a label with the
name ("CBS News February", "Article by"), and a URL or date that is not well formed is dropped
rather than stored. The declared language is read here because trafilatura only guesses one
with an optional language model.
"""

# ruff: noqa: RUF001 - typographic dashes are what these patterns look for

from __future__ import annotations

import re
from datetime import date
from typing import Any

from claims.extraction.boilerplate import GLUED_BYLINE, is_byline
from claims.extraction.model import PageMetadata

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A name field often runs on into the date or time printed beside it on the page.
_AUTHOR_TAIL = re.compile(
    rf"(?:\s*[,|•·–—-]\s*|\s+)(?:(?:updated|published|posted|on)\b.*|{_MONTH}\s+\d.*|\d.*)\Z",
    re.I,
)
# ... or into a month cut from its day ("CBS News February"); a name of two words may end in
# one ("Ines March").
_AUTHOR_MONTH = re.compile(rf"(?<=\S)\s+{_MONTH}\Z", re.I)
_AUTHOR_LEAD = re.compile(r"\A(?:(?:written|reported|words|story|article|posted)\s+)?by\b\s*", re.I)
# Placeholders some CMSes print where a name should be.
_NOT_AN_AUTHOR = re.compile(
    r"\A(?:no author|none|null|unknown|anonymous|admin(?:istrator)?|author|staff|editor|"
    r"guest|article|by|written by|article by|name|author name|your name|"
    # a desk, not a person: "Editorial Staff", "News Service Reports", "KDTEAM", "Web Desk"
    r"(?:(?:editorial|news|web|digital|online|staff|wire|newsroom|service)\s+)*"
    r"(?:staff|team|desk|reports?|service|newsroom|editors?)|[a-z]{1,8}team)\Z",
    re.I,
)
# A site's copyright notice in the author field: "Kelmar Web Design, 2006-2020".
_COPYRIGHT_AUTHOR = re.compile(r"©|\(c\)|copyright|\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b", re.I)
_AUTHOR_META = frozenset(["author", "article:author", "dc.creator", "byl", "sailthru.author"])
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([\w-]+)", re.I)
_LANGUAGE = re.compile(r"\A([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*\Z", re.I)
_URL = re.compile(r"\Ahttps?://[^\s/?#]+\.[^\s/?#]+[^\s]*\Z", re.I)
_SPACES = re.compile(r"\s+")

MAX_URL_CHARS = 2000


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", value).strip()
    return value or None


def clean_author(raw: str | None) -> str | None:
    """The names in an author field, without labels, dates and placeholders."""
    if not raw or _COPYRIGHT_AUTHOR.search(raw):
        return None
    names: list[str] = []
    for part in re.split(r"\s*;\s*", raw):
        part = _AUTHOR_LEAD.sub("", _SPACES.sub(" ", part).strip())
        part = _AUTHOR_TAIL.sub("", part).strip(" ,;|-")
        if len(part.split()) >= 3:
            part = _AUTHOR_MONTH.sub("", part)
        if len(part) < 2 or _NOT_AN_AUTHOR.match(part) or not any(c.isalpha() for c in part):
            continue
        if part.isupper() and len(part) > 4 and " " in part:
            part = part.title()  # "INES TORVA" is printed in capitals, named Ines Torva
        if part.casefold() not in {n.casefold() for n in names}:
            names.append(part)
    return "; ".join(names) or None


def byline_author(line: str) -> str | None:
    """The name in a byline such as "By Ines Torva, Kelmar Daily, Porto Menas"; None for a line
    that is not a byline."""
    lead = _AUTHOR_LEAD.match(line)
    if not lead:
        return None
    glued = GLUED_BYLINE.match(line)
    if glued:
        line = line[: glued.end()].rstrip(" :|-–—")  # "By Ines Torva: The harbour ..."
    if not is_byline(line):
        return None
    name = line[lead.end() :].strip().lstrip(":").strip()
    name = re.split(r"\s*(?:,|\s[|•·–—-]\s)\s*", name, maxsplit=1)[0]
    return clean_author(name)


def declared_language(tree: Any, html: str | None = None) -> str | None:
    """The primary subtag of the language the page declares (<html lang>, then meta tags).
    `html`, the page's source, is read when the tree lost the <html> tag's attributes (as
    it does when tags come before it)."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    if html is not None and not any(candidates):
        found = _HTML_LANG.search(html[:50_000])
        candidates.append(found.group(1) if found else None)
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("http-equiv") or meta.get("name") or meta.get("property") or "").lower()
        if key in {"content-language", "language", "dc.language", "og:locale"}:
            candidates.append(meta.get("content"))
    for candidate in candidates:
        match = _LANGUAGE.match((candidate or "").strip().split(",")[0].strip())
        if match:
            return match.group(1).lower()
    return None


def _site_name(value: Any) -> str | None:
    # Some pages pad og:site_name with a slogan: "Kelmar Daily | News | Travel".
    text = _text(value)
    return re.split(r"\s+[|•·]\s+", text, maxsplit=1)[0] if text else None


def _without_outlet(author: str | None, site_name: str | None) -> str | None:
    """The author field without the outlet's name, which pages add as a name of its own
    ("Ines Torva; Kelmar Daily") or after it ("Ines Torva Kelmar Daily Staff")."""
    if not author or not site_name:
        return author
    if author.casefold() == site_name.casefold():
        return None  # the outlet is named as the author: no one is
    site = site_name.casefold()
    names = []
    for name in author.split("; "):
        at = name.casefold().find(site)
        if at > 0:
            name = name[:at].strip(" ,-|")
        if name and name.casefold() != site:
            names.append(name)
    return "; ".join(names) if names else author


def _is_copyright_notice(tree: Any, author: str) -> bool:
    """Whether the author comes from a meta tag that is a copyright notice ("Kelmar Web
    Design, 2006-2020"), which trafilatura shortens to a name."""
    folded = author.casefold()
    for meta in tree.iterfind(".//meta"):
        if (meta.get("name") or meta.get("property") or "").lower() not in _AUTHOR_META:
            continue
        content = meta.get("content") or ""
        if folded in content.casefold() and _COPYRIGHT_AUTHOR.search(content):
            return True
    return False


def _page_byline(tree: Any) -> str | None:
    """The byline trafilatura finds in the page's markup (it prefers a meta tag to it)."""
    from trafilatura.metadata import extract_author

    found = extract_author(tree)
    return found if isinstance(found, str) else None


def _published(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _url(value: Any) -> str | None:
    text = _text(value)
    if text is None or len(text) > MAX_URL_CHARS or not _URL.match(text):
        return None
    return text


def page_metadata(
    document: Any, tree: Any, *, title: str | None, bylines: list[str], html: str | None = None
) -> PageMetadata:
    """Metadata from trafilatura's `document` and the page's `tree`.

    `title` is the headline shown on the page, preferred to the <title> (which usually carries
    the outlet's name); `bylines` are lines of the article that may be bylines, read when the
    page names no author in its metadata.
    """
    site_name = _site_name(getattr(document, "sitename", None))
    author = _without_outlet(clean_author(_text(getattr(document, "author", None))), site_name)
    if author and _is_copyright_notice(tree, author):
        author = None
    byline = next((name for name in map(byline_author, bylines) if name), None)
    if author is None and byline is None:
        # The meta tag named nobody ("No Author"): the byline printed on the page may.
        author = _without_outlet(clean_author(_page_byline(tree)), site_name)
    # The byline wins when the metadata has no name or only part of it ("Ines" for "Ines Torva").
    if byline and (author is None or set(author.split()) < set(byline.split())):
        author = byline
    return PageMetadata(
        title=title or _text(getattr(document, "title", None)),
        author=author,
        site_name=site_name,
        published=_published(getattr(document, "date", None)),
        url=_url(getattr(document, "url", None)),
        language=declared_language(tree, html),
    )
