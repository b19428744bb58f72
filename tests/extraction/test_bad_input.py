"""Bad input ends in one library error with a readable message, or in a clean result."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from claims.extraction import (
    BinaryInputError,
    EmptyInputError,
    ExtractionError,
    InputTooLargeError,
    NoArticleTextError,
    extract,
)
from tests.extraction.conftest import REPO, KeywordScorer


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("", EmptyInputError),
        ("   \n\t \n", EmptyInputError),
        ("abc\x00def", BinaryInputError),
        ("\x01\x02\x03\x04" * 100, BinaryInputError),
    ],
)
def test_unusable_text_raises_a_library_error(text: str, error: type[ExtractionError]) -> None:
    with pytest.raises(error) as raised:
        extract(text, scorer=KeywordScorer())
    assert str(raised.value)


def test_text_over_the_size_limit_is_refused() -> None:
    with pytest.raises(InputTooLargeError, match="limit"):
        extract("The levy raised $4 billion. " * 10, max_chars=100, scorer=KeywordScorer())


def test_every_input_error_is_an_extraction_error() -> None:
    for error in (EmptyInputError, BinaryInputError, InputTooLargeError, NoArticleTextError):
        assert issubclass(error, ExtractionError)


def test_html_full_of_scripts_is_refused_or_clean() -> None:
    html = (
        "<html><head><script>"
        + "var x = 1;" * 5000
        + "</script></head><body>"
        + ("<script>alert(1)</script>" * 200)
        + "</body></html>"
    )
    try:
        result = extract(html, scorer=KeywordScorer())
    except NoArticleTextError as error:
        message = str(error)
        assert "HTML" in message
    else:
        assert "alert" not in result.clean_text


def test_html_pages_are_reduced_to_article_text() -> None:
    paragraph = (
        "<p>The harbour authority of Kelmar said on Monday that it spent $12 million on new "
        "cranes in 2022, twice as much as it had planned for the year.</p>"
    )
    html = (
        "<!DOCTYPE html><html><head><title>Kelmar</title><script>var t = 1;</script></head>"
        "<body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav><article>"
        "<h1>Kelmar harbour buys cranes</h1>" + paragraph * 3 + "</article>"
        "<footer>Copyright 2023 Kelmar Daily</footer></body></html>"
    )
    result = extract(html, scorer=KeywordScorer())
    assert "var t" not in result.clean_text
    assert any(q.value == 12_000_000 for c in result.claims for q in c.quantities)


def test_a_single_one_megabyte_line_finishes_quickly() -> None:
    line = ("word 12 nearly $5 million, “quote” " * 40_000)[:1_000_000]
    started = time.perf_counter()
    result = extract(line, scorer=KeywordScorer())
    assert time.perf_counter() - started < 10
    assert result.claims


@pytest.mark.parametrize(
    "line",
    [
        "1" * 1_000_000,
        "one " * 250_000,
        "- " * 500_000,
        '"' * 1_000_000,
        "“" * 500_000,
        "a." * 500_000,
        "January " * 125_000,
    ],
)
def test_pathological_lines_do_not_backtrack(line: str) -> None:
    started = time.perf_counter()
    extract(line, scorer=KeywordScorer())
    assert time.perf_counter() - started < 10


def test_the_library_never_imports_django() -> None:
    code = "import claims.extraction, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
