"""`python -m claims.extraction [--published YYYY-MM-DD] [--genre G] [--jsonl] [FILE|-]`.

Default: one document (text or HTML) in, one JSON object {"clean_text", "claims"} out, with
"metadata" {"title", "author", "site_name", "published", "url", "language"} for an HTML page.
--jsonl: lines {"id", "text", "published"?} in, lines {"id", "claims", "metadata"?} (or {"id",
"error"}) out, in input order. Without --published (or "published"), relative dates resolve
against the date the page gives itself. --genre transcript cuts check-worthiness where debate
transcripts are best cut (their sentences score lower than news prose). Exit 2 for bad usage, 1
for input that cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date
from typing import IO, Any

from claims.extraction.errors import ExtractionError, UndecodableInputError
from claims.extraction.pipeline import DEFAULT_MAX_CHARS, GENRES, Document, extract_many
from claims.extraction.serialize import claim_to_dict, metadata_to_dict, result_to_dict

# Lines are scored in batches: one model call per batch is far cheaper than one per line.
JSONL_BATCH = 256


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m claims.extraction",
        description="Extract checkable claims from an article (plain text or HTML).",
    )
    parser.add_argument("--published", type=_iso_date, help="publication date, YYYY-MM-DD")
    parser.add_argument(
        "--genre",
        choices=GENRES,
        default=GENRES[0],
        help="what the text is: a news article (default) or a transcript of a debate or speech;"
        " it sets the check-worthiness cut",
    )
    parser.add_argument(
        "--jsonl", action="store_true", help='read lines {"id", "text", "published"?}'
    )
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, help=argparse.SUPPRESS)
    parser.add_argument("file", nargs="?", default="-", help="input file, or - for stdin")
    return parser


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UndecodableInputError(
            f"input is not valid UTF-8 text (bad byte at offset {error.start})"
        ) from None


def _write(out: IO[bytes], payload: dict[str, Any]) -> None:
    out.write(json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n")


def _published(raw: Any, default: date | None) -> date | None:
    if raw is None:
        return default
    if not isinstance(raw, str):
        raise ExtractionError('"published" must be a YYYY-MM-DD string')
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ExtractionError(f'"published" is not a YYYY-MM-DD date: {raw!r}') from None


def _parse_line(
    line: bytes, default: date | None, genre: str
) -> tuple[Any, Document | ExtractionError]:
    try:
        record = json.loads(_decode(line))
    except (ValueError, ExtractionError) as error:
        return None, ExtractionError(f"line is not valid JSON: {error}")
    if not isinstance(record, dict):
        return None, ExtractionError("line must be a JSON object with an id and a text")
    ident = record.get("id")
    text = record.get("text")
    if not isinstance(text, str):
        return ident, ExtractionError('"text" must be a string')
    try:
        return ident, Document(text, _published(record.get("published"), default), genre)
    except ExtractionError as error:
        return ident, error


def _batches(stream: IO[bytes]) -> Iterator[list[bytes]]:
    batch: list[bytes] = []
    for line in stream:
        if not line.strip():
            continue
        batch.append(line)
        if len(batch) >= JSONL_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _run_jsonl(
    stream: IO[bytes], out: IO[bytes], default: date | None, genre: str, max_chars: int
) -> int:
    for lines in _batches(stream):
        parsed = [_parse_line(line, default, genre) for line in lines]
        documents = [doc for _, doc in parsed if isinstance(doc, Document)]
        try:
            results = iter(extract_many(documents, max_chars=max_chars))
        except ExtractionError as error:  # pragma: no cover - extract_many reports per document
            results = iter([error] * len(documents))
        for ident, doc in parsed:
            outcome = next(results) if isinstance(doc, Document) else doc
            if isinstance(outcome, ExtractionError):
                _write(out, {"id": ident, "error": str(outcome)})
            else:
                payload: dict[str, Any] = {
                    "id": ident,
                    "claims": [claim_to_dict(c) for c in outcome.claims],
                }
                if outcome.metadata is not None:
                    payload["metadata"] = metadata_to_dict(outcome.metadata)
                _write(out, payload)
        out.flush()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        stream: IO[bytes] = sys.stdin.buffer if args.file == "-" else open(args.file, "rb")  # noqa: SIM115
    except OSError as error:
        print(f"error: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    out = sys.stdout.buffer
    try:
        with stream:
            if args.jsonl:
                return _run_jsonl(stream, out, args.published, args.genre, args.max_chars)
            text = _decode(stream.read())
            result = extract_many(
                [Document(text, args.published, args.genre)], max_chars=args.max_chars
            )[0]
            if isinstance(result, ExtractionError):
                raise result
            _write(out, result_to_dict(result))
            return 0
    except ExtractionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
