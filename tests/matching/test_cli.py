"""`python -m claims.matching`: checked claims in, the ones each query repeats out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claims.matching.cli import main

REPO = Path(__file__).resolve().parents[2]

CORPUS = [
    {"id": "ferry", "claim": "A video shows a ferry capsizing on Lake Victoria.", "date": "x"},
    {"id": "dam", "claim": "The Kariba dam burst in March.", "title": "Did Kariba burst?"},
    {"id": 7, "claim": "Beavers were counted by drone in the census."},
]


def _lines(path: Path, rows: list[object]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _run(args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "claims.matching", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        timeout=120,
    )


def test_each_query_gets_its_matches_best_first_in_input_order(tmp_path: Path) -> None:
    corpus = _lines(tmp_path / "corpus.jsonl", CORPUS)
    queries = _lines(
        tmp_path / "queries.jsonl",
        [
            {"id": "q1", "text": "Kariba dam has burst!! #Kariba https://example.org"},
            {"id": 2, "text": "ferry capsized on Lake Victoria, see video"},
            {"id": "q3", "text": "drone census of beavers"},
        ],
    )
    result = _run(["--corpus", str(corpus), "--top", "2", str(queries)])
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [row["id"] for row in rows] == ["q1", 2, "q3"]
    assert [row["matches"][0]["id"] for row in rows] == ["dam", "ferry", "7"]
    for row in rows:
        assert len(row["matches"]) <= 2
        scores = [match["score"] for match in row["matches"]]
        assert scores == sorted(scores, reverse=True)


def test_queries_are_read_from_stdin(tmp_path: Path) -> None:
    corpus = _lines(tmp_path / "corpus.jsonl", CORPUS)
    result = _run(["--corpus", str(corpus)], b'{"id": "a", "text": "the Kariba dam"}\n\n')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["matches"][0]["id"] == "dam"


def test_a_query_sharing_no_word_gets_no_matches(tmp_path: Path) -> None:
    corpus = _lines(tmp_path / "corpus.jsonl", CORPUS)
    result = _run(["--corpus", str(corpus)], b'{"id": "a", "text": ""}\n')
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"id": "a", "matches": []}


GOOD_QUERY = b'{"id": "a", "text": "dam"}\n'


@pytest.mark.parametrize(
    ("corpus", "queries", "message"),
    [
        (b"", GOOD_QUERY, "no claims"),
        (b"\n\n", GOOD_QUERY, "no claims"),
        (b'{"id": "a", "claim": "x"}\nnot json\n', GOOD_QUERY, "line 2: not JSON"),
        (b'["a list"]\n', GOOD_QUERY, "line 1: expected a JSON object"),
        (b'{"id": "a"}\n', GOOD_QUERY, '"claim" must be'),
        (b'{"claim": "x"}\n', GOOD_QUERY, '"id" must be'),
        (b'{"id": "a", "claim": "x", "title": 3}\n', GOOD_QUERY, '"title" must be'),
        (b"\x89PNG\r\n\x1a\n\x00\x00", GOOD_QUERY, "line 1: not UTF-8"),
        (b'{"id": "a", "claim": "dam"}\n\x00\x00\x01', GOOD_QUERY, "line 2: binary"),
        (b'{"id": "a", "claim": "\xff"}\n', GOOD_QUERY, "not UTF-8"),
        (b'{"id": "a", "claim": "dam"}\n', b"{broken\n", "line 1: not JSON"),
        (b'{"id": "a", "claim": "dam"}\n', b'{"text": "dam"}\n', '"id" must be'),
        (b'{"id": "a", "claim": "dam"}\n', b'{"id": "a", "text": 5}\n', '"text" must be'),
        (b'{"id": "a", "claim": "dam"}\n', b"[" * 100_000 + b"\n", "not JSON"),
    ],
)
def test_bad_input_is_a_clear_error_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    corpus: bytes,
    queries: bytes,
    message: str,
) -> None:
    (tmp_path / "corpus.jsonl").write_bytes(corpus)
    (tmp_path / "queries.jsonl").write_bytes(queries)
    code = main(["--corpus", str(tmp_path / "corpus.jsonl"), str(tmp_path / "queries.jsonl")])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("which", ["missing", "directory"])
def test_a_file_that_cannot_be_opened_is_exit_2(tmp_path: Path, which: str) -> None:
    path = tmp_path / "nothing.jsonl" if which == "missing" else tmp_path
    result = _run(["--corpus", str(path)], GOOD_QUERY)
    assert result.returncode == 2
    assert b"error: cannot read" in result.stderr
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("top", ["0", "-1", "five"])
def test_a_bad_top_is_a_usage_error(tmp_path: Path, top: str) -> None:
    corpus = _lines(tmp_path / "corpus.jsonl", CORPUS)
    result = _run(["--corpus", str(corpus), "--top", top], GOOD_QUERY)
    assert result.returncode == 2
    assert b"--top" in result.stderr
    assert b"Traceback" not in result.stderr


def _scores(output: bytes) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.decode().splitlines()]


def test_sentence_vectors_judge_by_default_and_are_kept_in_the_cache(tmp_path: Path) -> None:
    from claims.matching import semantic
    from tests.conftest import require

    require(semantic.available(), "needs semantic matching: " + semantic.INSTALL_HINT)
    corpus = _lines(tmp_path / "corpus.jsonl", CORPUS)
    queries = _lines(tmp_path / "q.jsonl", [{"id": "q", "text": "Kariba dam collapsed"}])
    cache = tmp_path / "cache"
    first = _run(["--corpus", str(corpus), "--vectors-cache", str(cache), str(queries)])
    assert first.returncode == 0, first.stderr
    kept = list(cache.glob("vectors-*.npy"))
    assert len(kept) == 1
    again = _run(["--corpus", str(corpus), "--vectors-cache", str(cache), str(queries)])
    assert _scores(again.stdout) == _scores(first.stdout)
    lexical = _run(["--corpus", str(corpus), "--lexical", str(queries)])
    assert lexical.returncode == 0, lexical.stderr
    # Both find the dam; the scores differ because only one of them read the meaning.
    assert _scores(first.stdout)[0]["matches"][0]["id"] == "dam"  # type: ignore[index]
    assert _scores(lexical.stdout)[0]["matches"][0]["id"] == "dam"  # type: ignore[index]
    assert _scores(first.stdout) != _scores(lexical.stdout)
    # A damaged cache file is computed again, not trusted.
    kept[0].write_bytes(b"not a numpy file")
    damaged = _run(["--corpus", str(corpus), "--vectors-cache", str(cache), str(queries)])
    assert damaged.returncode == 0, damaged.stderr
    assert _scores(damaged.stdout) == _scores(first.stdout)
