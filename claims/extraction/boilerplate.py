"""Is this line of a page boilerplate? General rules, so that pages of any outlet clean up.

Leftovers are recognised by their shape, never by one outlet's words: short title-case lines
without sentence punctuation (navigation, headings), lines repeated on the page, promotion and
sharing prompts, bylines, datelines and timestamps, photo credits, sign-offs, links to other
stories, bare links and the signatures of embedded posts. Some tails are cut off a line that is
otherwise kept: a caption's credit, a reporter's initials, an embedded post's link.
"""
# ruff: noqa: RUF001 - typographic quotes and dashes are what these patterns look for

from __future__ import annotations

import re

from claims.extraction.lexicon import MONTHS

_TERMINAL = re.compile(r"[.!?:;\"”’')\]]\s*\Z")
_WORD = re.compile(r"[^\W\d_][\w'’.&-]*")
# Prompts to the reader, in a short line: "Sign up for our newsletter.", "Share this story".
_PROMO = re.compile(
    r"\b(?:sign up|subscribe|newsletter|download (?:the|our) app|follow us|share (?:this|on|via)|"
    r"click here|all rights reserved|terms of (?:use|service)|privacy policy|"
    r"listen to (?:this|the) (?:article|story)|(?:in|to) your inbox|join (?:now|today|us)|"
    r"(?:we|site) uses? cookies|"
    r"support (?:local|independent) journalism)\b|©",
    re.I,
)
# Labels of a page's widgets ("Most Read", "Advertisement", "Live updates", "4 min read"): words
# a short sentence may use too ("The most popular cookies sold out."), so only a line that is
# no sentence is one.
_PROMO_LABEL = re.compile(
    r"\b(?:breaking news|live (?:events|updates|coverage|blog|tv|stream)|watch live|read more|"
    r"more stories|related (?:stories|articles|coverage|topics)|advertisement|sponsored content|"
    r"cookies|skip to (?:content|main)|most (?:read|popular|viewed)|top stories|"
    r"\d+ min(?:ute)? read|copy link)\b|\b24/7\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s*\Z")
# Every line _PROMO matches holds one of these (and most lines none).
_PROMO_HINTS = (
    "breaking news", "live ", "watch live", "sign up", "subscribe", "newsletter", "download",
    "follow us", "share ", "click here", "read more", "more stories", "related ", "advertisement",
    "sponsored content", "rights reserved", "terms of ", "privacy policy", "cookies", "skip to",
    "most ", "top stories", "listen to", "min read", "minute read", "copy link", "inbox", "©",
    "24/7", "join ", "journalism",
)  # fmt: skip
# Prompts that no sentence of an article makes, however long the line.
_STRONG_PROMO = re.compile(
    r"\b(?:download (?:the|our)\b.{0,40}\bapps?\b|for (?:iOS|iPhone) and Android|"
    r"(?:sign up|subscribe) (?:for|to) (?:our|the)\b.{0,40}\b(?:newsletters?|emails?|alerts?)|"
    r"(?:this|the) (?:article|story|post|piece) (?:was )?(?:originally|first) "
    r"(?:appeared|published|ran)|originally (?:appeared|published) (?:on|in)\b|"
    r"please subscribe|already a subscriber|log in for (?:immediate |full )?access|"
    r"\b(?:copyrighted|exclusive) property of\b|\bwithout (?:the )?(?:prior )?written permission\b|"
    r"\bmay not be (?:reproduced|republished|reprinted|redistributed)\b|"
    # reader prompts: write to the newsroom, follow it, get its app or e-mails, join it
    r"\b(?:e-?mail|message|contact|call|text|write to|reach) us (?:at|on|via|by|through)\b|"
    r"\bsend us (?:a message|an e-?mail|your)\b|\bwe want to hear from you\b|"
    r"\A(?:please )?follow (?:us|(?:the )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,3}) on "
    r"(?:twitter|facebook|instagram|x|tiktok|youtube|linkedin|threads|whatsapp)\b|"
    r"\b(?:get|download|install)\b.{0,60}\b(?:on|to) your (?:phone|mobile|device)\b|"
    r"\bunsubscribe\b.{0,40}\bat any time\b|\b(?:pop|put|enter|type|drop) your e-?mail\b|"
    r"\bunlimited (?:digital|online) access\b|\byou(?:'|’)?ll get unlimited\b|"
    r"\bwe(?:'|’)?ll send you\b.{0,40}\b(?:e-?mails?|newsletters?|alerts?)\b|"
    # a funder's or partner's credit: "This project was produced with support from ..."
    r"\Athis (?:project|story|article|report|coverage|series|reporting|content) (?:was|is) "
    r"(?:produced|made possible|funded|supported|created) (?:with|by|through|in partnership)\b)",
    re.I,
)
_STRONG_PROMO_HINTS = (
    "download", "ios", "iphone", "sign up", "subscribe", "originally", "first appeared",
    "first published", "first ran", "subscriber", "log in", "property of", "permission",
    "may not be", " us ", "follow ",
    "hear from you", "your phone", "your mobile", "your device", "your email", "unlimited",
    "your e-mail", "access", "this ", "send you",
)  # fmt: skip
_COPYRIGHT = re.compile(r"\A(?:©|\(c\)\s|copyright\b)", re.I)
# A byline names people (two or more capitalised words each), then maybe an outlet, a place or
# a date after a separator: "By Ines Torva and Amal Sorensen, Kelmar Daily | March 3, 2023".
# "By Friday, 40 ships had left." is a sentence: one capitalised word, and a full stop.
_NAME = r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|da|del|der|van|von|la|le|al|bin))+"
_BYLINE = re.compile(
    rf"\A(?i:by|written by|reporting by|reported by|words by|story by)\s*:?\s+{_NAME}"
    rf"(?:\s*(?:,|\band\b|&)\s*{_NAME})*(?:\s*(?:[,|•·/–—-]|\s(?:on|at|for|in)\b)\s*[^.!?]{{0,80}}|\s*)\Z"
)
# A byline run into the first sentence: "By Ines Torva: The harbour reopened ...".
GLUED_BYLINE = re.compile(
    r"\A(?i:by)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s*(?::|\s[-–—|])\s+(?=[A-Z“\"‘'])"
)
# Agency sign-offs and reporters' initials closing a story: "(BA)", "(Reporting by ...)",
# "Ines Torva contributed to this report."
_SIGN_OFF = re.compile(
    r"\A\(\s*[A-Z]{1,4}(?:\s*[/,]\s*[A-Z]{1,4})*\s*\)\Z|"
    r"\A\(?(?:(?:additional )?reporting|editing|writing|compiled) by\b.{0,200}\Z|"
    r"\A[^.!?]{2,200}\bcontributed (?:reporting )?to (?:this|the) (?:report|story|article)\.?\)?\Z",
    re.I,
)
_CREDIT = re.compile(
    r"\A\(?(?:photo|image|picture|video|file photo|photograph|illustration|graphic)s?"
    r"(?:\s+credits?)?\s*(?::|/|by\b|via\b|courtesy\b)|\A\(?credits?\s*(?::|\.\.\.|…)|"
    r"\AFILE\s*[-–—]\s|\AFILE PHOTO\b",
    re.I,
)
# A caption ends with the picture's credit, a story with the reporter's initials, an embedded
# post with its link: that tail goes, the sentence stays.
_TRAILING_CREDIT = re.compile(
    r"(?:\s*\(\s*(?:(?-i:AP|AFP|Reuters|Getty Images|EPA|Xinhua)\b|[A-Z][\w ]{0,30} Photo|"
    r"(?:photo|picture|image|credit)s?\b)[^()]{0,80}\)|"
    r"(?<=[.!?”\"])\s*\((?-i:[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}\s*/\s*[A-Z][^()]{1,60})\)|"
    r"(?<=[.!?”\"])\s*(?:photo|picture|image|credit)s?\s*(?::|/|by\b|via\b|courtesy\b)[^.!?]{1,80}|"
    r"(?<=[.!?”\"])\s*(?-i:(?:Photo|Picture|Image)s?\s+[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}"
    r"(?:,\s*[A-Z][\w.'’&-]*(?: [A-Z][\w.'’&-]*){0,4})?)|"
    r"(?<=[.!?”\"])\s+(?-i:By\s+[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,6})|"
    r"(?<=[.!?”\"])\s*\((?-i:\s*[A-Z]{1,4}(?:\s*/\s*[A-Z]{1,4})*)\s*\)|"
    r"(?<=[.!?”\"])\s*\((?:screen ?grab|screenshot|file(?: photo)?|handout|supplied|submitted|"
    r"courtesy\b[^()]{0,60})\)|"
    r"(?<=[.!?”\"])\s+(?:https?://|pic\.twitter\.com/)\S+|"
    r"\s+(?:https?://t\.co|pic\.twitter\.com)/\S+)\s*\Z",
    re.I,
)
_TAIL_CHARS = 200
_TAIL_HINTS = ("http", "pic.twitter", "photo", "picture", "image", "credit", " by ")
# Links to other stories: "WATCH: ...", "MORE: ...", "QUICK EXPLAINER: What should I ...?".
_LINK_LABEL = re.compile(
    r"\A(?i:read more|read|more|related|see also|also read|watch|listen|video|photos|gallery)\s*:"
    r"|\A[A-Z][A-Z'’-]*(?: [A-Z][A-Z'’-]+){0,3}:\s+\S"
)
# A teaser list: "Headline of another story - October 10, 2020".
_DATED_TEASER = re.compile(
    r"\s[-–—|•]\s+(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8} \d{4})\Z"
)
# A broadcast reporter's sign-off: "Ines Torva, Kelmar Radio News."
_SIGNATURE_LINE = re.compile(
    r"\A[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}, (?:[A-Z][\w.'’&-]*\s){0,5}"
    r"(?:News|Radio|TV|Television|Press|Times|Post|Daily|Herald|Tribune|Journal|Agency|"
    r"Network|Channel|Online)\.\Z|"
    # "Ines Torva reports." closing a broadcast script
    r"\A[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3} reports\.\Z"
)
# A teaser cut short, with a link to the rest: "The harbour reopened on Monday after a... more".
# A line cut off mid-sentence ("... for teams in the...") or ending in a link to the rest.
_TRUNCATED = re.compile(
    r"(?:\b[a-z][\w'’-]*,?\s?(?:\.\.\.|…)|[\w,;]\s?(?:\.{3,}|…)\s*(?i:(?:read )?more|continue "
    r"reading|\[…\]))\s*\Z"
)
# A contact block: "Contact: 555-0101; 555-0102", "Or by e-mail: news@kelmar.example".
_CONTACT_LABEL = re.compile(
    r"\A(?:or )?(?:by )?(?:contact(?: us)?|tel(?:ephone)?|phone|fax|whatsapp|e-?mail(?: us)?)\s*:",
    re.I,
)
# Letters of two scripts in one word ("Advertise" spelt with Cyrillic vowels): text disguised to
# slip past filters, which is what advertisers do and reporters do not.
_MIXED_SCRIPT = re.compile(r"[a-zA-Z][\u0400-\u04ff]|[\u0400-\u04ff][a-zA-Z]")
_BULLET = re.compile(r"\A(?:[-–—•*·▪►]|\d{1,2}[.)])\s+")
# A reference to a paper: "Journal Name 574, 16-17 (2019)", "doi:10.1038/..." on its own line.
_CITATION = re.compile(
    r"\A(?:[A-Z][\w.&' -]{1,60} \d{1,4}, (?:[A-Za-z]?\d{1,6})(?:\s*[-–]\s*\d{1,6})? \(\d{4}\)\.?|"
    r"(?:doi:\s*|https?://(?:dx\.)?doi\.org/)10\.\d{4,9}/\S+)\Z",
    re.I,
)
_BARE_LINK = re.compile(
    r"\A(?:(?:https?://|www\.|pic\.twitter\.com/)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)\Z", re.I
)
# A media widget's label: "Slideshow (15 images)", "Gallery ( 8 photos )".
_MEDIA_WIDGET = re.compile(
    r"\A(?:(?:slideshow|gallery|photos?|videos?|images?)\s*\(\s*\d+\s*(?:images|photos|pictures|"
    r"videos)?\s*\)|(?:show|view|see) all(?: \d+)?(?: (?:photos|images|pictures|slides))?|"
    # a gallery's label: "Harbour news in pictures", "The week in photos"
    r"[^.!?:]{1,50} in (?:pictures|photos|images))\Z",
    re.I,
)
_SOURCE = re.compile(r"\A(?:data )?sources?\s*:", re.I)
# The signature of an embedded post: "— Ines Torva (@itorva) January 7, 2020".
_EMBED_SIGNATURE = re.compile(r"\A[—–-]\s*[^()]{1,80}\(@\w{1,30}\)")

# Timestamps and datelines come in endless layouts ("Updated: Thu 9 Nov 2023, 7:35AM EST",
# "20 hours ago", "2021-04-19 08:42 / Updated: ..."), so a line is read token by token: it is
# one when every token is a date, a time or a word that goes with them.
_STAMP_TOKEN = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[./]\d{1,2}[./]\d{2,4}|"
    r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\.?)?|\d{1,4}(?:st|nd|rd|th)?|[^\W\d_]+\.?",
    re.I,
)
_STAMP_SEPARATORS = re.compile(r"[\s,.|•·/()\[\]:;–—-]+")
_MONTHS = frozenset(MONTHS)
_STAMP_WORDS = _MONTHS | frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "updated",
        "update",
        "published",
        "posted",
        "written",
        "modified",
        "release",
        "last",
        "first",
        "date",
        "on",
        "at",
        "of",
        "ago",
        "hour",
        "hours",
        "hr",
        "hrs",
        "minute",
        "minutes",
        "min",
        "mins",
        "second",
        "seconds",
        "day",
        "days",
        "week",
        "weeks",
        "just",
        "now",
        "yesterday",
        "today",
        "am",
        "pm",
        "a.m",
        "p.m",
        "et",
        "pt",
        "ct",
        "mt",
        "est",
        "edt",
        "cst",
        "cdt",
        "pst",
        "pdt",
        "mst",
        "mdt",
        "gmt",
        "bst",
        "utc",
        "cet",
        "cest",
        "ist",
        "jst",
        "aest",
        "aedt",
        "sgt",
        "hkt",
    ]
)
_STAMP_LABELS = frozenset(["updated", "published", "posted", "written", "modified", "release"])
# A numeric date or a clock time: "2021-04-19", "19/4/2021", "08:42".
_DATED = re.compile(r"\d[-./:]\d")

# No sentence is written in title case; a longer title-case line is still a heading or a link.
_TITLE_CASE_MAX_WORDS = 12
_MINOR_WORDS = frozenset(
    ["a", "an", "and", "the", "of", "in", "on", "at", "for", "to", "by", "with", "or", "&"]
)


def _is_timestamp(line: str) -> bool:
    tokens = [t for t in _STAMP_SEPARATORS.split(line) if t]
    if not tokens or len(tokens) > 16:
        return False
    words = [w.rstrip(".").lower() for t in tokens for w in _STAMP_TOKEN.findall(t)]
    # One word may name the section the date stands beside ("May 6, 2022 News").
    others = [w for w in words if not w[:1].isdigit() and w not in _STAMP_WORDS]
    if len(others) > (1 if len(words) >= 4 else 0):
        return False
    if any(w in _MONTHS for w in words) or "ago" in words or _DATED.search(line):
        return True
    # A label whose date the page printed elsewhere: "Posted on", "Updated".
    return not others and any(w in _STAMP_LABELS for w in words)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\[email(?:&#160;|\s)protected\]", re.I)
# Addressed to the reader: "To reach the reporter, contact ...", "You can contact us ...".
_READER = re.compile(
    r"\A(?:to reach|to contact|you can (?:contact|reach|email|e-mail|message)|contact|e-?mail|"
    r"write to|send|for (?:more information|questions|comments|tips))\b|\b(?:you|your)\b",
    re.I,
)


def _is_contact_prompt(line: str) -> bool:
    """A line that gives the reader an e-mail address to write to ("To reach the reporter,
    contact ines@..."); a sentence of the article that mentions an address says more."""
    if "@" not in line and "protected]" not in line:
        return False
    return bool(_EMAIL.search(line) and _READER.search(line))


def _is_capitals_label(line: str) -> bool:
    return not _TERMINAL.search(line) and line.isupper() and len(_WORD.findall(line)) >= 2


def _is_title_case_fragment(line: str) -> bool:
    if _TERMINAL.search(line) or any(ch.isdigit() for ch in line):
        return False
    words = _WORD.findall(line)
    if not words or len(words) > _TITLE_CASE_MAX_WORDS:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in _MINOR_WORDS)
    return capitalised == len(words) and any(w[0].isupper() for w in words)


def _mentions(line: str, hints: tuple[str, ...]) -> bool:
    """A cheap test before an expensive pattern: most lines hold none of its words."""
    return any(map(line.lower().__contains__, hints))


def is_byline(line: str) -> bool:
    """Whether the line is a byline ("By Ines Torva, Kelmar Daily")."""
    return len(line) <= 200 and bool(_BYLINE.match(line))


def is_boilerplate(line: str, repeats: int, is_first: bool) -> bool:
    """Whether a page line is a leftover; `repeats` is how often the page prints it, and the
    headline (`is_first`) may be in title case."""
    line = _BULLET.sub("", line)
    words = line.count(" ") + 1
    terminal = bool(_TERMINAL.search(line))
    if repeats >= 2 and (words <= 6 or not terminal):
        return True  # navigation and promo blocks repeat; sentences rarely do
    promo = words <= 12 or (words <= 20 and not terminal)
    if promo and _mentions(line, _PROMO_HINTS):
        if _PROMO.search(line):
            return True
        if (words <= 3 or not _SENTENCE_END.search(line)) and _PROMO_LABEL.search(line):
            return True
    if words <= 60 and _mentions(line, _STRONG_PROMO_HINTS) and _STRONG_PROMO.search(line):
        return True
    if words <= 40 and _COPYRIGHT.match(line):
        return True
    if words <= 14 and (is_byline(line) or _is_timestamp(line)):
        return True
    if words <= 60 and _SIGN_OFF.match(line):
        return True
    if words <= 60 and not (is_first and words >= 5) and _CREDIT.search(line):
        return True  # (but a headline may be labelled: "VIDEO: How the harbour reopened")
    if _BARE_LINK.match(line) or _SIGNATURE_LINE.match(line) or _CITATION.match(line):
        return True
    if _MEDIA_WIDGET.match(line):
        return True
    if words >= 4 and _TRUNCATED.search(line):
        return True  # a teaser of another story, cut off mid-sentence
    if words <= 40 and (_CONTACT_LABEL.match(line) or _is_contact_prompt(line)):
        return True
    if _MIXED_SCRIPT.search(line):
        return True
    if words <= 20 and line.endswith(")") and _TRAILING_CREDIT.match(line):
        return True  # nothing but a credit: "(AP Photo/Ines Torva)"
    if not is_first and words <= 25 and not line.endswith(".") and _LINK_LABEL.match(line):
        return True  # (a headline may have a label too: "VIDEO: The harbour reopens")
    if words <= 25 and not line.endswith(".") and _DATED_TEASER.search(line):
        return True
    if _SOURCE.match(line):
        return False  # "Source: Kelmar Port Authority" says who gave the figures above it
    # A headline in title case (or capitals) is common; such lines after it are navigation,
    # section labels and banners.
    return not is_first and (_is_title_case_fragment(line) or _is_capitals_label(line))


def without_tail(line: str) -> str:
    """The line without a trailing credit, sign-off or link (see _TRAILING_CREDIT); an embedded
    post's signature without its date stamp, keeping who posted it (that attributes the post)."""
    signature = _EMBED_SIGNATURE.match(line)
    if signature:
        return line[: signature.end()]
    # A tail is short: only the end of a long line is searched, so a huge line costs little;
    # and a line that ends with no bracket, link or credit word has none.
    start = max(0, len(line) - _TAIL_CHARS)
    end = line[start:]
    if not end.rstrip().endswith(")") and not _mentions(end, _TAIL_HINTS):
        return line
    match = _TRAILING_CREDIT.search(line, start)
    if match is None:
        return line
    return line[: match.start()].rstrip()
