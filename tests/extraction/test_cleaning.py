"""Cleaning drops boilerplate by general rules and keeps the article."""

from __future__ import annotations

import pytest

from claims.extraction.cleaning import clean_text, looks_like_html

ARTICLE = "The harbour of Kelmar reopened on Monday after a two-week strike."


@pytest.mark.parametrize(
    "noise",
    [
        "Latest News\n\nLatest News\n\nLatest News",
        "Kelmar Daily Live\n\nKelmar Daily Live",
        "24/7 coverage of breaking news and live events",
        "Sign up for our morning newsletter.",
        "Share this article",
        "By Ines Torva and Amal Sorensen",
        "Photo: Cranes in the harbour (Kelmar Daily)",
        "(AP Photo/Ines Torva)",
        "Updated March 3, 2023, 5:33 PM GMT",
        "Most Read",
    ],
)
def test_boilerplate_lines_are_dropped(noise: str) -> None:
    cleaned = clean_text(f"Harbour reopens after strike\n\n{ARTICLE}\n\n{noise}\n\n{ARTICLE[:-1]}!")
    assert ARTICLE in cleaned
    for line in noise.split("\n"):
        if line:
            assert line not in cleaned


def test_the_headline_is_kept_even_in_title_case() -> None:
    cleaned = clean_text(f"Kelmar Harbour Reopens\n\n{ARTICLE}")
    assert cleaned.startswith("Kelmar Harbour Reopens")


def test_a_repeated_long_paragraph_is_kept_once() -> None:
    cleaned = clean_text(f"{ARTICLE}\n\n{ARTICLE}\n\nThe strike cost $3 million.")
    assert cleaned.count(ARTICLE) == 1


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", True),
        ("<div><p>One</p><p>Two</p></div>", True),
        ("Prices < 5% and > 2% were seen.", False),
        (ARTICLE, False),
    ],
)
def test_html_is_detected(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html
