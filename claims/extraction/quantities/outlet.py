"""What an outlet means by the amounts it leaves unqualified: "$", "rupees", a bare "degrees".

A Canadian paper's "$5 million" is CAD and a Korean broadcaster's "ten degrees" is Celsius. The
page says where it is from in its address (a country's top-level domain), its language tag
("en-CA") or its name ("The Nassau Guardian"); `outlet_context` reads those.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from claims.extraction.lexicon import (
    DOLLAR_BY_COUNTRY,
    FAHRENHEIT_COUNTRIES,
    PESO_BY_COUNTRY,
    PLACE_COUNTRY,
    RUPEE_BY_COUNTRY,
    US_PLACES,
)


@dataclass(frozen=True, slots=True)
class QuantityContext:
    """The currency of "$" / "dollars", "Rs" / "rupees", "pesos" and "¥", and the temperature
    scale of a bare "degrees" ("°C" or "°F"; None when the outlet's country is unknown, so the
    article's own mentions of Celsius or Fahrenheit decide)."""

    dollar: str = "USD"
    rupee: str = "INR"
    peso: str = "MXN"
    yen: str = "JPY"
    temperature: str | None = None


DEFAULT_CONTEXT = QuantityContext()

# Country-code domains that are sold as generic names (".co" for company, ".io", ".tv", ".fm")
# say nothing about where an outlet is.
_VANITY_TLDS = frozenset(
    {"co", "io", "tv", "me", "fm", "ai", "ly", "to", "gg", "cc", "ws", "nu", "am", "so", "sh",
     "ac", "im", "la", "vc", "st", "gl", "eu", "ag", "ms", "tk"}
)  # fmt: skip
_COUNTRY_TLD_EXCEPTIONS = {"uk": "gb"}
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "edu", "ac", "news", "info"})
_LANGUAGE_TAG = re.compile(r"\A[A-Za-z]{2,3}(?:[-_][A-Za-z]{4})?[-_]([A-Za-z]{2})\b")
_NAME_WORDS = re.compile(r"[a-z0-9]+")
_PLACES = re.compile(
    "|".join(re.escape(name) for name in sorted(PLACE_COUNTRY, key=len, reverse=True))
)


def _host(url: str | None, host: str | None) -> str:
    if host:
        return host.strip().lower().rstrip(".")
    if not url:
        return ""
    try:
        netloc = urlsplit(url if "//" in url else "//" + url).hostname
    except ValueError:
        return ""
    return (netloc or "").lower()


def _country_of_host(host: str) -> str | None:
    labels = [label for label in host.split(".") if label]
    if len(labels) < 2:
        return None
    tld = labels[-1]
    if len(tld) != 2 or not tld.isalpha():
        return None
    # "bbc.co.uk", "abc.net.au", "dawn.com.pk": a second-level label makes even a vanity
    # domain a country's ("com.co" is Colombia).
    if tld in _VANITY_TLDS and not (len(labels) >= 3 and labels[-2] in _SECOND_LEVEL):
        return None
    return _COUNTRY_TLD_EXCEPTIONS.get(tld, tld)


def _country_of_language(language: str | None) -> str | None:
    if not language:
        return None
    match = _LANGUAGE_TAG.match(language.strip())
    if not match:
        return None
    region = match.group(1).lower()
    return _COUNTRY_TLD_EXCEPTIONS.get(region, region)


def _country_of_name(*names: str) -> str | None:
    for name in names:
        folded = " ".join(_NAME_WORDS.findall(name.lower()))
        if match := _PLACES.search(folded):
            return PLACE_COUNTRY[match.group(0)]
        # Hosts run words together ("torontosun"): look inside them as well.
        if match := _PLACES.search(folded.replace(" ", "")):
            return PLACE_COUNTRY[match.group(0)]
    return None


def outlet_country(
    *,
    url: str | None = None,
    host: str | None = None,
    language: str | None = None,
    site_name: str | None = None,
) -> str | None:
    """The lower-case ISO 3166 code of an outlet's country, None when nothing tells.

    A country's domain is the surest sign; then a language tag naming a region other than the
    US (CMSs write "en-US" by default, so it is weak); then a place named in the site's name or
    host ("Toronto Star", "nassauguardian"); "en-US" last.
    """
    hostname = _host(url, host)
    from_host = _country_of_host(hostname)
    if from_host:
        return from_host
    from_language = _country_of_language(language)
    if from_language and from_language != "us":
        return from_language
    labels = hostname.split(".")
    site = ".".join(labels[:-1]) if len(labels) > 1 else hostname
    from_name = _country_of_name(site_name or "", site.replace(".", " ").replace("-", " "))
    return from_name or from_language


def _context_of(country: str) -> QuantityContext:
    return QuantityContext(
        dollar=DOLLAR_BY_COUNTRY.get(country, "USD"),
        rupee=RUPEE_BY_COUNTRY.get(country, "INR"),
        peso=PESO_BY_COUNTRY.get(country, "MXN"),
        yen="CNY" if country == "cn" else "JPY",  # "¥" is the yuan's sign in China
        temperature="°F" if country in FAHRENHEIT_COUNTRIES else "°C",
    )


def _text_place(name: str) -> str:
    words = [re.escape(word) for word in name.split()]
    if words[0] == "st":
        words[0] = r"st\.?"
    return r"\s+".join(words)


# Places named in running text ("KINGSTON, Jamaica —", "the Bahamian government"); the
# words run together in hosts ("srilanka") are left to `_country_of_name`.
_TEXT_PLACES = re.compile(
    r"\b(?:"
    + "|".join(
        _text_place(name)
        for name in sorted(PLACE_COUNTRY, key=len, reverse=True)
        if name.replace(" ", "").isalpha()
    )
    + r")(?:n?s)?\b",  # "Jamaicans", "Bajans"
    re.I,
)
_UNITED_STATES = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(name).replace(r"\ ", r"\s+") for name in sorted(US_PLACES, key=len, reverse=True)
    )
    + r")(?![\w$])"
)
_PLACE_KEY = re.compile(r"\W+")
# How often the article must name its country, and the share of the page's length it reads.
_TEXT_MIN_MENTIONS = 2
_TEXT_READ_CHARS = 20_000


@lru_cache(maxsize=8)
def text_context(text: str) -> QuantityContext:
    """What an article's "$" means when nothing about its outlet is known: the country it names
    most, when it names one at least twice and more often than the United States.

    A Jamaican paper's report on Jamaica names Jamaica; a bare "$" there is the Jamaican
    dollar. An article that names no country, or the US as often, keeps the default.
    """
    head = text[:_TEXT_READ_CHARS]
    counts: Counter[str] = Counter()
    for match in _TEXT_PLACES.finditer(head):
        if not match.group(0)[0].isupper():
            continue  # "nevis", "dominica" as words; place names are capitalized
        key = _PLACE_KEY.sub(" ", match.group(0).lower())
        country = PLACE_COUNTRY.get(key) or PLACE_COUNTRY.get(key.rstrip("s"))
        country = country or PLACE_COUNTRY.get(key[:-2] if key.endswith("ns") else key)
        if country:
            # The first place named, in the headline or dateline, wins a tie.
            counts[country] += 3 if not counts else 2
    if not counts:
        return DEFAULT_CONTEXT
    (country, score), *_ = counts.most_common(1)
    mentions = score // 2
    if mentions < _TEXT_MIN_MENTIONS or mentions <= len(_UNITED_STATES.findall(head)):
        return DEFAULT_CONTEXT
    return _context_of(country)


def outlet_context(
    *,
    url: str | None = None,
    host: str | None = None,
    language: str | None = None,
    site_name: str | None = None,
) -> QuantityContext:
    """How to read an outlet's "$", "rupees", "pesos" and "degrees", from what its page says."""
    country = outlet_country(url=url, host=host, language=language, site_name=site_name)
    if country is None:
        return DEFAULT_CONTEXT
    return _context_of(country)
