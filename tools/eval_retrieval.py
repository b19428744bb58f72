"""Print claim matching's figures on real repeats, beside BM25 (`make eval`).

Runs `python -m claims.matching`, the matching library's own retrieval, through the scorer kept
with the CheckThat! 2022 claim-retrieval data in SHARED/eval/claim-retrieval (MAP@5, P@1 and
recall@5 of the matcher and of a plain BM25, computed in the same run) on the dev-test queries,
or those given with --split: once as the product matches (with sentence vectors when the
semantic extra is installed; the corpus's are kept in var/cache/vectors after the first run,
which takes about 3 minutes), once with words only (`--lexical`), and, when DATABASE_URL names a
PostgreSQL server, once through the public lookup itself (tools/endpoint_matcher.py: the checks
stored as published claims, each query answered by what GET /api/v1/claims/match runs). Without
that folder it says so and exits 0, so `make eval` runs on a checkout without the data.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SPLITS = ("devtest", "dev", "train")
VECTORS = REPO / "var" / "cache" / "vectors"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--split", choices=SPLITS, default="devtest")
    args = parser.parse_args(argv)
    folder = args.shared / "eval" / "claim-retrieval"
    scorer, queries = folder / "score.py", folder / f"{args.split}.jsonl"
    if not scorer.is_file() or not queries.is_file():
        print(f"claim retrieval: skipped, no {queries.name} and score.py in {folder}")
        return 0
    from claims.matching import semantic

    matcher = ["-m", "claims.matching"]
    runs = [("words only", [*matcher, "--lexical"])]
    if semantic.available():
        runs.insert(0, ("with sentence vectors", [*matcher, "--vectors-cache", str(VECTORS)]))
    else:
        print("claim retrieval: sentence vectors skipped, the semantic extra is not installed")
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        runs.append(
            ("the public lookup on PostgreSQL", [str(REPO / "tools" / "endpoint_matcher.py")])
        )
    else:
        print("claim retrieval: the public lookup skipped, DATABASE_URL is not PostgreSQL")
    code = 0
    for label, options in runs:
        done = subprocess.run(
            [
                sys.executable,
                str(scorer),
                "--queries",
                str(queries),
                "--",
                sys.executable,
                *options,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        sys.stdout.write(
            done.stdout.replace("claim retrieval (", f"claim retrieval, {args.split}, {label} (", 1)
        )
        sys.stderr.write(done.stderr)
        code = code or done.returncode
    return code


if __name__ == "__main__":
    sys.exit(main())
