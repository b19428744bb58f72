"""`python -m claims.matching --corpus CORPUS.jsonl [--top K] [--lexical] [QUERIES.jsonl|-]`.

Corpus lines {"id", "claim", "title"?, "subtitle"?, ...} (other keys are ignored) are the
checked claims; query lines {"id", "text"} are what to look up. Out: one line {"id", "matches":
[{"id", "score"}, ...]} per query, best first, in input order, found by
`claims.matching.retrieval` (candidates, then `compare`). Exit 2 for bad usage or input that
cannot be read, with the reason on stderr.

With the semantic extra installed, candidates are judged by sentence vectors too, as the
product does; the corpus's vectors take about 10 ms a claim to compute, so `--vectors-cache DIR`
keeps them there between runs (a file per corpus content). `--lexical` turns them off.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from claims.matching import semantic
from claims.matching.retrieval import ClaimIndex, CorpusEntry

if TYPE_CHECKING:
    from claims.matching.semantic import Array, Encoder


class InputError(Exception):
    """An input file cannot be read as the lines it should hold; the message names the line."""


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m claims.matching",
        description="Find which checked claims each query repeats.",
    )
    parser.add_argument(
        "--corpus", required=True, help='checked claims, lines {"id", "claim", "title"?}'
    )
    parser.add_argument("--top", type=_positive, default=5, help="matches per query (default 5)")
    parser.add_argument("--lexical", action="store_true", help="words only, no sentence vectors")
    parser.add_argument(
        "--vectors-cache", type=Path, help="a folder to keep the corpus's sentence vectors in"
    )
    parser.add_argument(
        "queries", nargs="?", default="-", help='lines {"id", "text"}, or - for stdin'
    )
    return parser


def _records(stream: IO[bytes], name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, raw in enumerate(stream, 1):
        if b"\x00" in raw:
            raise InputError(f"{name} line {number}: binary data, not JSON lines")
        try:
            line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise InputError(
                f"{name} line {number}: not UTF-8 text (bad byte at offset {error.start})"
            ) from None
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as error:
            raise InputError(f"{name} line {number}: not JSON ({error})") from None
        if not isinstance(record, dict):
            raise InputError(f"{name} line {number}: expected a JSON object")
        yield number, record


def _ident(record: dict[str, Any], name: str, number: int) -> str | int:
    ident = record.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int) or ident == "":
        raise InputError(f'{name} line {number}: "id" must be a non-empty string or a number')
    return ident


def _text(record: dict[str, Any], key: str, name: str, number: int, *, required: bool) -> str:
    value = record.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise InputError(f'{name} line {number}: "{key}" must be a non-empty string')
    return value


def read_corpus(stream: IO[bytes], name: str) -> list[CorpusEntry]:
    entries = []
    for number, record in _records(stream, name):
        entries.append(
            CorpusEntry(
                id=str(_ident(record, name, number)),
                claim=_text(record, "claim", name, number, required=True),
                title=_text(record, "title", name, number, required=False),
                subtitle=_text(record, "subtitle", name, number, required=False),
            )
        )
    if not entries:
        raise InputError(f"{name}: no claims in it")
    return entries


def _open(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror}") from None


def _write(out: IO[bytes], payload: dict[str, Any]) -> None:
    out.write(json.dumps(payload, ensure_ascii=False).encode("utf-8") + b"\n")


def _corpus_vectors(entries: list[CorpusEntry], encoder: Encoder, cache: Path | None) -> Array:
    import numpy as np

    texts = [entry.semantic_text() for entry in entries]
    digest = hashlib.sha256(semantic.MODEL_NAME.encode())
    for text in texts:
        digest.update(text.encode("utf-8", "replace") + b"\0")
    path = cache / f"vectors-{digest.hexdigest()[:32]}.npy" if cache else None
    if path is not None and path.is_file():
        try:
            stored: Array = np.load(path, allow_pickle=False)
        except (OSError, ValueError):
            stored = np.zeros((0, 0), dtype=np.float32)
        if stored.shape == (len(texts), semantic.DIMENSIONS):
            return stored
    vectors = encoder.encode(texts)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Written beside, then renamed: two runs at once never read half a file.
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npy", delete=False) as f:
                np.save(f, vectors, allow_pickle=False)
            os.replace(f.name, path)
        except OSError as error:
            print(f"warning: vectors not kept in {cache}: {error.strerror}", file=sys.stderr)
    return vectors


def _index(entries: list[CorpusEntry], args: argparse.Namespace) -> ClaimIndex:
    if args.lexical or not semantic.available():
        return ClaimIndex(entries)
    encoder = semantic.encoder()
    vectors = _corpus_vectors(entries, encoder, args.vectors_cache)
    return ClaimIndex(entries, encoder=encoder, vectors=vectors)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    out = sys.stdout.buffer
    try:
        with _open(args.corpus) as stream:
            index = _index(read_corpus(stream, args.corpus), args)
        with _open(args.queries) as stream:
            name = "stdin" if args.queries == "-" else args.queries
            for number, record in _records(stream, name):
                ident = _ident(record, name, number)
                text = _text(record, "text", name, number, required=False)
                hits = index.search(text, top=args.top)
                _write(
                    out, {"id": ident, "matches": [{"id": h.id, "score": h.score} for h in hits]}
                )
        out.flush()
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except IsADirectoryError as error:
        print(f"error: cannot read {error.filename}: is a directory", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
