"""`python -m claims.extraction`: the contract external evaluations rely on."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.extraction.conftest import FIXTURES, REPO, require_model

CLAIM_KEYS = {
    "text", "sentence", "start", "end", "kind", "checkworthiness", "checkworthy", "speaker",
    "quantities", "dates",
}  # fmt: skip
QUANTITY_KEYS = {"text", "value", "low", "high", "unit", "approximate", "qualifier"}
ARTICLE = (
    "Kelmar harbour reopens\n\nThe harbour of Kelmar spent nearly $800 million on cranes last "
    'year.\n\n"We will finish the quay by June," said Mayor Ines Torva.'
    "\n\nTop Stories\n\nTop Stories"
)


def _run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "claims.extraction", *args],
        input=stdin,
        capture_output=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_it_prints_one_json_object_for_a_document_on_stdin() -> None:
    require_model()
    done = _run("--published", "2021-04-06", stdin=ARTICLE.encode())
    assert done.returncode == 0, done.stderr.decode()
    payload = json.loads(done.stdout)
    assert set(payload) == {"clean_text", "claims"}
    assert "Top Stories" not in payload["clean_text"]
    money = next(c for c in payload["claims"] if c["quantities"])
    assert set(money) == CLAIM_KEYS
    assert set(money["quantities"][0]) == QUANTITY_KEYS
    assert money["quantities"][0]["value"] == 800_000_000
    assert money["dates"] == [{"text": "last year", "value": "2020"}]
    assert payload["clean_text"][money["start"] : money["end"]] == money["text"]
    quote = next(c for c in payload["claims"] if c["kind"] == "quote")
    assert quote["speaker"] == "Ines Torva"


def test_it_reads_a_file_argument() -> None:
    require_model()
    done = _run(str(FIXTURES / "demo_article.txt"))
    assert done.returncode == 0, done.stderr.decode()
    assert len(json.loads(done.stdout)["claims"]) > 10


def test_jsonl_mode_answers_every_line_in_order_with_errors_in_place() -> None:
    require_model()
    lines = [
        json.dumps(
            {"id": "a", "text": "Exports rose by 12 percent last year.", "published": "2020-05-01"}
        ),
        "{not json",
        json.dumps({"id": 3, "text": "   "}),
        json.dumps({"id": "d", "text": "The dam cost $3 million.", "published": "May 2020"}),
        json.dumps({"id": "e", "text": "The dam cost $3 million."}),
    ]
    done = _run("--jsonl", stdin=("\n".join(lines) + "\n").encode())
    assert done.returncode == 0, done.stderr.decode()
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [o.get("id") for o in out] == ["a", None, 3, "d", "e"]
    assert out[0]["claims"][0]["dates"][0]["value"] == "2019"
    assert all("error" in out[i] for i in (1, 2, 3))
    assert out[4]["claims"][0]["quantities"][0]["unit"] == "USD"


def test_a_transcript_is_cut_where_debates_are_best_cut() -> None:
    require_model()
    line = b"We cut taxes for the middle class.\n"
    as_article = json.loads(_run(stdin=line).stdout)["claims"]
    as_transcript = json.loads(_run("--genre", "transcript", stdin=line).stdout)["claims"]
    assert not any(c["checkworthy"] for c in as_article)
    assert [c["checkworthy"] for c in as_transcript] == [True]


@pytest.mark.parametrize(
    "args",
    [("--published", "yesterday"), ("--no-such-option",), ("a.txt", "b.txt"), ("--genre", "poem")],
)
def test_bad_usage_exits_2_with_a_message(args: tuple[str, ...]) -> None:
    done = _run(*args)
    assert done.returncode == 2
    assert done.stderr
    assert b"Traceback" not in done.stderr


def test_a_missing_file_exits_2(tmp_path: Path) -> None:
    done = _run(str(tmp_path / "missing.txt"))
    assert done.returncode == 2
    assert b"cannot read" in done.stderr


@pytest.mark.parametrize(
    ("stdin", "message"),
    [(b"\xff\xfe\xfa not utf-8", b"UTF-8"), (b"   \n", b"empty"), (b"abc\x00def", b"binary")],
)
def test_bad_input_exits_nonzero_with_a_readable_message(stdin: bytes, message: bytes) -> None:
    done = _run(stdin=stdin)
    assert done.returncode == 1
    assert message in done.stderr
    assert b"Traceback" not in done.stderr
