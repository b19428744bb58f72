"""Bad input ends in one library error with a readable message, or in a clean result."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

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
from tests.scaling import LINEAR, growth


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


def _line(unit: str) -> Callable[[int], str]:
    """A line of `n` characters made of `unit` over and over."""
    return lambda n: (unit * (n // len(unit) + 1))[:n]


def test_a_single_one_megabyte_line_takes_time_in_proportion_to_its_length() -> None:
    results = []

    def run(line: str) -> None:
        results.append(extract(line, scorer=KeywordScorer()))

    # 250 KB, then the whole 1 MB: linear work takes about 4x as long, backtracking far more.
    ratio = growth(_line("word 12 nearly $5 million, “quote” "), run, 250_000)
    assert ratio < LINEAR, f"1 MB took {ratio:.1f}x as long as 250 KB"
    assert results[-1].claims


@pytest.mark.parametrize("unit", ["1", "one ", "- ", '"', "“", "a.", "January "])
def test_pathological_lines_do_not_backtrack(unit: str) -> None:
    ratio = growth(_line(unit), lambda line: extract(line, scorer=KeywordScorer()), 250_000)
    assert ratio < LINEAR, f"1 MB of {unit!r} took {ratio:.1f}x as long as 250 KB"


def test_the_library_never_imports_django() -> None:
    code = "import claims.extraction, sys; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)
