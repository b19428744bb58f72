"""An HTML page's metadata comes with the extraction, and dates resolve against its date."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from claims.extraction import extract, result_to_dict
from claims.extraction.cleaning import prepare_document
from claims.extraction.metadata import byline_author, clean_author, declared_language
from claims.extraction.model import PageMetadata
from tests.extraction.conftest import REPO, KeywordScorer
from tests.extraction.pages import HEADLINE, news_page


def test_a_page_gives_its_title_author_outlet_date_url_and_language() -> None:
    assert prepare_document(news_page(), 1_000_000).metadata == PageMetadata(
        title=HEADLINE,
        author="Amal Sorensen",
        site_name="Kelmar Daily",
        published=date(2023, 3, 6),
        url="https://news.kelmar.example/harbour/strike-ends",
        language="en",
    )


def test_plain_text_has_no_metadata() -> None:
    assert prepare_document("The harbour reopened on Monday.", 1_000).metadata is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ines Torva", "Ines Torva"),
        ("By Ines Torva", "Ines Torva"),
        ("Ines Torva March 3, 2023", "Ines Torva"),
        ("Kelmar Daily Desk February", "Kelmar Daily Desk"),
        ("Ines March", "Ines March"),
        ("Ines Torva, Updated 5:33 PM", "Ines Torva"),
        ("Ines Torva; Amal Sorensen", "Ines Torva; Amal Sorensen"),
        ("No Author", None),
        ("Article by", None),
        ("admin", None),
        ("", None),
        # a desk or a placeholder, not a person
        ("Editorial Staff", None),
        ("News Service Reports", None),
        ("KDTEAM", None),
        ("Web Desk", None),
        ("Name", None),
        # a site's copyright notice
        ("Kelmar Web Design Group, 2006-2020", None),
        ("© Kelmar Daily", None),
        # a name printed in capitals
        ("INES TORVA", "Ines Torva"),
    ],
)
def test_an_author_field_is_reduced_to_the_names(raw: str, expected: str | None) -> None:
    assert clean_author(raw) == expected


@pytest.mark.parametrize(
    ("author_meta", "expected"),
    [
        ("Amal Sorensen; Kelmar Daily", "Amal Sorensen"),
        ("Amal Sorensen Kelmar Daily Staff", "Amal Sorensen"),
        ("Amal", "Amal Sorensen"),  # the byline on the page names her in full
        ("No Author", "Amal Sorensen"),
        ("Kelmar Daily", "Amal Sorensen"),  # the outlet named as its own author
        ("Editorial Staff", "Amal Sorensen"),
        ("Kelmar Web Design Group, 2006-2020", "Amal Sorensen"),  # the site's copyright notice
    ],
)
def test_the_outlet_is_not_an_author_and_the_byline_completes_a_name(
    author_meta: str, expected: str
) -> None:
    metadata = prepare_document(news_page(author_meta=author_meta), 1_000_000).metadata
    assert metadata is not None
    assert metadata.author == expected


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("By Ines Torva, Kelmar Daily, Porto Menas", "Ines Torva"),
        ("By Ines Torva and Amal Sorensen", "Ines Torva and Amal Sorensen"),
        ("By Friday, 40 ships had left.", None),
        ("The harbour reopened on Monday.", None),
        ("Written by: Amal Sorensen", "Amal Sorensen"),
        # a byline run into the first sentence
        ("By Ines Torva: The harbour reopened on Monday after 14 days.", "Ines Torva"),
    ],
)
def test_a_byline_names_the_author(line: str, name: str | None) -> None:
    assert byline_author(line) == name


@pytest.mark.parametrize(
    ("lang", "expected"),
    [(' lang="en-GB"', "en"), (' lang="fr"', "fr"), (' lang="EN_us"', "en"), ("", None)],
)
def test_the_declared_language_is_its_primary_subtag(lang: str, expected: str | None) -> None:
    metadata = prepare_document(news_page(lang=lang), 1_000_000).metadata
    assert metadata is not None
    assert metadata.language == expected


def test_the_language_is_read_when_tags_come_before_the_html_tag() -> None:
    # A page that prints meta tags before <!DOCTYPE html><html lang="en"> loses the attribute
    # in the parsed tree.
    page = news_page(lang=' lang="en"', before_html='<meta property="og:type" content="article">')
    metadata = prepare_document(page, 1_000_000).metadata
    assert metadata is not None
    assert metadata.language == "en"


def test_an_outlet_that_names_only_itself_has_no_author() -> None:
    page = news_page(author_meta="Kelmar Daily").replace(
        '<p class="byline">By Amal Sorensen</p>', ""
    )
    metadata = prepare_document(page, 1_000_000).metadata
    assert metadata is not None
    assert metadata.author is None


def test_a_locale_meta_tag_declares_the_language_too() -> None:
    from lxml import html

    page = html.fromstring('<html><head><meta property="og:locale" content="de_DE"></head></html>')
    assert declared_language(page) == "de"


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [("/harbour/strike-ends", None), ("javascript:void(0)", None)],
)
def test_a_canonical_url_that_is_not_absolute_is_dropped(
    canonical: str, expected: str | None
) -> None:
    metadata = prepare_document(news_page(canonical=canonical), 1_000_000).metadata
    assert metadata is not None
    assert metadata.url == expected


def _date_of_first_monday_claim(published: date | None) -> str | None:
    result = extract(news_page(), published=published, scorer=KeywordScorer())
    values = [d.value for c in result.claims for d in c.dates if d.text.endswith("Monday")]
    return values[0] if values else None


def test_relative_dates_resolve_against_the_page_date_when_none_is_given() -> None:
    # The page is dated Monday 2023-03-06; "on Monday" is that day.
    assert _date_of_first_monday_claim(None) == "2023-03-06"


def test_the_callers_date_wins_over_the_page_date() -> None:
    assert _date_of_first_monday_claim(date(2023, 3, 15)) == "2023-03-13"


def test_the_result_carries_the_metadata_and_serializes_it() -> None:
    result = extract(news_page(), scorer=KeywordScorer())
    assert result.metadata is not None
    assert result_to_dict(result)["metadata"] == {
        "title": HEADLINE,
        "author": "Amal Sorensen",
        "site_name": "Kelmar Daily",
        "published": "2023-03-06",
        "url": "https://news.kelmar.example/harbour/strike-ends",
        "language": "en",
    }
    plain = extract("The harbour reopened on Monday.", scorer=KeywordScorer())
    assert plain.metadata is None
    assert "metadata" not in result_to_dict(plain)


def test_the_command_line_prints_the_metadata_and_uses_the_page_date() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "claims.extraction", "-"],
        input=news_page().encode(),
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    payload = json.loads(done.stdout)
    assert payload["metadata"]["published"] == "2023-03-06"
    assert payload["metadata"]["site_name"] == "Kelmar Daily"
    mondays = [d["value"] for c in payload["claims"] for d in c["dates"] if "Monday" in d["text"]]
    assert mondays
    assert set(mondays) == {"2023-03-06"}
