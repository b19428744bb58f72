"""Benchmark the claim extractor on one core and compare it with quantulum3 (`make bench-extract`).

Corpus: every CheckThat! 2024 English train+dev sentence (grouped 40 to a document) plus our own
demo article repeated until the whole holds at least a million words. Prints sentences/s and
words/s for the whole extraction (cleaning, splitting, recognisers, check-worthiness scoring),
peak memory, and quantulum3's rate on a sample of the same sentences as a ratio.
"""

from __future__ import annotations

import os

# One core: keep numeric libraries from spreading over several threads.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import csv  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claims.extraction import Document, ExtractionResult, extract_many  # noqa: E402
from claims.extraction.scoring import default_scorer  # noqa: E402

DEMO = REPO / "tests" / "extraction" / "fixtures" / "demo_article.txt"
TARGET_WORDS = 1_000_000
SENTENCES_PER_DOCUMENT = 40
BATCH = 64


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to core {core}"
    return "not pinned (no sched_setaffinity)"


def _checkthat_sentences(eval_dir: Path) -> list[str]:
    sentences: list[str] = []
    for name in ("CT24_checkworthy_english_train.tsv", "CT24_checkworthy_english_dev.tsv"):
        with (eval_dir / "checkthat2024" / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t"))[1:]
        sentences.extend(row[1] for row in rows if len(row) >= 2)
    return sentences


def _corpus(eval_dir: Path) -> tuple[list[Document], list[str], int]:
    sentences = _checkthat_sentences(eval_dir)
    documents = [
        Document("\n\n".join(sentences[i : i + SENTENCES_PER_DOCUMENT]))
        for i in range(0, len(sentences), SENTENCES_PER_DOCUMENT)
    ]
    words = sum(len(s.split()) for s in sentences)
    demo = DEMO.read_text("utf-8")
    demo_words = len(demo.split())
    copies = max(0, -(-(TARGET_WORDS - words) // demo_words))
    documents.extend(Document(demo) for _ in range(copies))
    return documents, sentences, words + copies * demo_words


def _run_extractor(documents: list[Document]) -> tuple[float, int]:
    scorer = default_scorer()
    started = time.perf_counter()
    sentence_count = 0
    for i in range(0, len(documents), BATCH):
        for result in extract_many(documents[i : i + BATCH], scorer=scorer):
            if isinstance(result, ExtractionResult):
                sentence_count += len(result.sentences)
    return time.perf_counter() - started, sentence_count


def _run_quantulum(sample: list[str], budget: float) -> tuple[int, int, float] | None:
    try:
        from quantulum3 import parser as quantulum
    except ImportError:
        return None
    from quantulum3 import classifier

    try:
        classifier.classifier()  # loads its pickled unit classifier, as its first ambiguity would
    except Exception as error:  # the pickle needs the scikit-learn version it was made with
        # `make model` may have installed a newer scikit-learn than the one quantulum3 pickled
        # its classifier with; quantulum3 then disambiguates units by its simpler rules.
        classifier.USE_CLF = False
        print(f"quantulum3: its classifier does not load here ({type(error).__name__}); without it")
    quantulum.parse("warm up with 3 km")  # its first call loads its data files
    started = time.perf_counter()
    done = words = 0
    for sentence in sample:
        quantulum.parse(sentence)
        done += 1
        words += len(sentence.split())
        if time.perf_counter() - started > budget:
            break
    return done, words, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared",
        type=Path,
        default=Path(os.environ.get("FACTCHECK_SHARED", REPO.parent / "shared")),
    )
    parser.add_argument(
        "--quantulum-seconds",
        type=float,
        default=30.0,
        help="time box for quantulum3; its rate is extrapolated from the sample",
    )
    args = parser.parse_args(argv)
    eval_dir = args.shared / "eval"
    if not eval_dir.is_dir():
        print(f"error: no evaluation data at {eval_dir}", file=sys.stderr)
        return 2
    print(f"cpu: {_pin_to_one_core()}")
    started = time.perf_counter()
    default_scorer()
    print(f"check-worthiness model load: {time.perf_counter() - started:.2f} s (not in the rates)")
    documents, ct_sentences, words = _corpus(eval_dir)
    print(
        f"corpus: {len(documents)} documents, {words:,} words "
        f"({len(ct_sentences):,} CheckThat! sentences + the demo article repeated)"
    )

    elapsed, sentences = _run_extractor(documents)
    ours_sps = sentences / elapsed
    print(
        f"extractor (whole pipeline incl. check-worthiness): {elapsed:.1f} s, "
        f"{sentences:,} sentences, {ours_sps:,.0f} sentences/s, {words / elapsed:,.0f} words/s"
    )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process so far): {peak_mb:,.0f} MB")

    sample = random.Random(7).sample(ct_sentences, min(len(ct_sentences), 20_000))
    measured = _run_quantulum(sample, args.quantulum_seconds)
    if measured is None:
        print("quantulum3 not installed: no comparison")
        return 0
    done, q_words, q_elapsed = measured
    q_sps = done / q_elapsed
    # The same sentences through our extractor, so that the ratio compares like with like.
    ours_elapsed, ours_done = _run_extractor([Document(s) for s in sample[:done]])
    same_sps = ours_done / ours_elapsed if ours_elapsed else 0.0
    print(
        f"quantulum3 (quantities only) on {done:,} sampled sentences in {q_elapsed:.1f} s "
        f"(time-boxed at {args.quantulum_seconds:.0f} s; rate extrapolated from this sample): "
        f"{q_sps:,.0f} sentences/s, {q_words / q_elapsed:,.0f} words/s"
    )
    print(f"extractor on the same sample, one document per sentence: {same_sps:,.0f} sentences/s")
    print(
        f"speed ratio extractor/quantulum3: {same_sps / q_sps:.1f}x on the same sentences, "
        f"{ours_sps / q_sps:.1f}x using the full-corpus rate"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
